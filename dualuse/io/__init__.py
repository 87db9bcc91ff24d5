"""Reading and writing tabular files (CSV, JSON Lines, Parquet, Excel): the I/O edge."""

from dualuse.io.readers import BatchSource, detect_format, iter_records, open_batches
from dualuse.io.writers import open_writer

__all__ = ["BatchSource", "detect_format", "iter_records", "open_batches", "open_writer"]
