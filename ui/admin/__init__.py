"""The Admin tab: scanners, printers, users, station settings, audit log, kiosk mode."""
