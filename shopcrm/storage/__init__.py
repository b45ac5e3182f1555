"""Database access: engine and sessions (db.py), typed models (models.py),
Alembic migrations (migrations/), and query helpers for paged lists."""
