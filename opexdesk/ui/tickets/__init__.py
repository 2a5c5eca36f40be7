"""The ticket list, its filter bar, and the ticket editor."""
