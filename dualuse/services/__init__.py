"""Use cases shared by the CLI and the HTTP API: they do the I/O around the pure engine."""
