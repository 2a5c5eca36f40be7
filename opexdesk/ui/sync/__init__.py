"""Sync in the window: sign-in dialog, background rounds, status-bar indicator, conflicts."""
