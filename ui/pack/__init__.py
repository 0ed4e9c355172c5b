"""The Pack tab: scan-to-verify packing, cartons, shipments and their labels."""
