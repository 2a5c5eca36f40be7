"""The central store server (``opexdesk-server``): HTTP API, authentication, user admin.

Runs on an embedded SQLite file by default and on PostgreSQL in production. It never imports
the desktop client's UI or services (an import-linter contract); it reuses the domain
vocabulary and the storage layer's column types and SQLite engine set-up.
"""

# Every public route lives under this prefix; a later incompatible API gets /api/v2.
API_PREFIX = "/api/v1"
