"""Pure-Python rules of the service desk: no database, no Qt, no I/O."""
