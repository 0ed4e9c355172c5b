"""Label printer drivers."""
