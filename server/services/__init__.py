"""Use cases of the central server: plain arguments in, one transaction, plain results out."""
