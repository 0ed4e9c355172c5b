"""Turn raw scanner input into a typed scan, or a specific error (no Qt, no I/O).

``from app.scan import parse_scan`` is the one entry point; the types are in
:mod:`app.scan.types`.
"""
