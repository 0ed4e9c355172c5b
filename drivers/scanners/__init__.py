"""Barcode scanner drivers."""
