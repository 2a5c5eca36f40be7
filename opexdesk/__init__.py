"""OpExDesk: an offline-first desktop service-desk client."""

# Kept equal to pyproject.toml's version by tests/unit/test_version.py; a literal because
# reading package metadata costs ~70 ms of start-up.
__version__ = "0.1.0"
