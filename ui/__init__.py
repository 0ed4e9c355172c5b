"""Qt front-end of the station: thin widgets that render state and call app services."""
