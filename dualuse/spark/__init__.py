"""Run ``check``, ``screen`` and ``lookback`` on Apache Spark, with the very same engine.

The driver loads and validates the regime once and broadcasts it (with any imported lists);
each executor's Python worker builds the classifier and the screening index from it once
(kept in the disk cache between workers of a node) and decides the rows of its partitions in
Arrow batches (``mapInArrow``) with the runners of :mod:`dualuse.services`: the same keying,
decisions, JSON and error objects as the single-machine commands. Results keep the input's
partitions; row numbers are the rows' numbers in their input file.

Importing this package does not import PySpark; :mod:`dualuse.spark.jobs` does.
"""

__all__: list[str] = []
