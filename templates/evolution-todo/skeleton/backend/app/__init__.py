"""The evolution-todo backend: a FastAPI service for todos on PostgreSQL."""
