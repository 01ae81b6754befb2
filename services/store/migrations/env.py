"""Alembic environment: always run from ParDesk with a live connection (no alembic.ini)."""

from alembic import context

import models

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` call
    raise RuntimeError("ParDesk migrations run through services.store.schema, with a connection")

context.configure(
    connection=connection,
    target_metadata=models.Base.metadata,
    # Batch mode rebuilds SQLite tables for ALTERs SQLite lacks; on PostgreSQL it is a no-op.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
