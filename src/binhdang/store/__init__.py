"""Storage: the schema (SQLAlchemy Core), its migrations (Alembic) and opening a database."""
