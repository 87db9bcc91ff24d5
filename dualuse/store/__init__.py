"""Where records are kept: an embedded SQLite file by default, any SQLAlchemy URL otherwise.

Runs and their decisions, counterparties and the cases their list hits open, reviews and the
good-guy list, licences and their draw-downs, delta re-screenings: every row is written in a
sealed transaction (:mod:`dualuse.store.db`) whose audit entry names it, so that
``store verify`` (:mod:`dualuse.store.verify`) can tell which row of which table was changed.
The schema is versioned with Alembic (:mod:`dualuse.store.migrate`).
"""

from dualuse.store.audit import AuditEntry, verify_chain
from dualuse.store.db import Store, StoreError, Tx, default_url, open_store

__all__ = ["AuditEntry", "Store", "StoreError", "Tx", "default_url", "open_store", "verify_chain"]
