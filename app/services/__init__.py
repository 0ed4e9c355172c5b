"""Use cases of the station: plain arguments in, plain dataclasses out, one unit of work each."""
