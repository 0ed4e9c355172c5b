"""Central server: FastAPI over SQLAlchemy; owns orders, stock, reservations and history."""
