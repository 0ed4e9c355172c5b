"""The station's own database: models, engine set-up, migrations and the unit of work."""
