"""Station core: services, domain logic and persistence. Never imports Qt (see DESIGN.md §3)."""
