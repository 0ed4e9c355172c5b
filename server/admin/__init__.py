"""Admin use cases on the server (users)."""
