"""Qt item models over the services: ids and lazily fetched rows, never whole tables."""
