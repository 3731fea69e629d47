"""The SQLAlchemy engine and schema of the todo database."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import DeclarativeBase

# Any constant works: it only has to be the same in every replica.
SCHEMA_LOCK_ID = 7_241_0001


class Base(DeclarativeBase):
    pass


def create_db_engine(url: URL | str) -> Engine:
    # pre_ping drops connections PostgreSQL closed (restarts, failovers) before they are used.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_timeout=5,
        connect_args={"connect_timeout": 3},
    )


def create_schema(engine: Engine) -> None:
    """Creates missing tables. Replicas start together, so they take turns under an advisory lock.

    A starter's shortcut: once the schema evolves, manage it with Alembic migrations instead.
    """
    from . import models  # noqa: F401  (registers the tables on Base.metadata)

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": SCHEMA_LOCK_ID})
        Base.metadata.create_all(connection)
