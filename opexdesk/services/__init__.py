"""Use cases the UI calls: one user action = one operation = one transaction."""
