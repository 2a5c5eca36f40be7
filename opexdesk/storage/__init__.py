"""Local persistence: SQLAlchemy models, the SQLite engine, migrations, blobs and queries."""
