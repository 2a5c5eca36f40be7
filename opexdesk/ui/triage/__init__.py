"""The triage window (docs/triage.md)."""
