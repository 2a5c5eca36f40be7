"""Client side of sync (docs/sync.md): the HTTP client, the engine and a command line."""
