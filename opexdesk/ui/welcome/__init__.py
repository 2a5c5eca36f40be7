"""The first-run welcome flow: server or offline or demo, sign-in, first download."""
