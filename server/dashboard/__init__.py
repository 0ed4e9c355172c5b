"""Supervisor dashboard on the server: figures computed in the database, exception actions,
order lookup. The HTTP layer is ``server/api/dashboard.py``."""
