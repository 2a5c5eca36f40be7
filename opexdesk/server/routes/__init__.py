"""The API's routers, one module per area; ``create_app`` mounts them under /api/v1."""
