"""Supervisor dashboard figures as plain data, shared by the server (which computes them) and the
station (which shows them); no Qt, no database."""
