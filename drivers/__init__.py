"""Hardware behind small interfaces: scanners and printers, each with a simulated twin."""
