"""Alembic environment: migrations run on the connection the store hands over.

The store opens the connection, takes its lock (see :mod:`dualuse.store.migrate`) and passes
it in ``config.attributes["connection"]``; the migrations run inside that transaction.
"""

from __future__ import annotations

from alembic import context

from dualuse.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
