"""Where decisions are kept: an embedded SQLite file by default, any SQLAlchemy URL otherwise.

Every ``check`` run recorded here keeps its input name, the regime fingerprint (a hash of the
data files it was decided against), its options and every decision, and appends to a
hash-chained audit log, so a past decision can be shown, explained and re-run.
"""

from dualuse.store.audit import AuditEntry, verify_chain
from dualuse.store.db import Store, default_url, open_store

__all__ = ["AuditEntry", "Store", "default_url", "open_store", "verify_chain"]
