"""Admin use cases of the station (users, station settings, audit log, badge cards); no Qt."""
