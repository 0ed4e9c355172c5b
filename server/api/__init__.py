"""HTTP routers; ``server.app.create_app`` includes every one of them."""
