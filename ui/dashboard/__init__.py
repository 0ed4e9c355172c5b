"""The supervisor's Dashboard tab: figures from the server, exceptions to act on, order lookup."""
