"""The Spark session of a command: local mode by default, or what ``spark-submit`` set up."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from dualuse.io.readers import BATCH_ROWS

#: settings every dualuse job runs with (a ``--conf`` of the same key wins)
DEFAULTS = {
    # Arrow batches of the same size as the single-machine command's
    "spark.sql.execution.arrow.maxRecordsPerBatch": str(BATCH_ROWS),
    # dates in Parquet timestamps read as the same calendar day everywhere
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
}


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> Any:
    """The active session, or a new one.

    ``master`` None keeps what the launcher set (``spark-submit --master``), else local mode
    on every core. In local mode the Python workers run this interpreter, so they see the
    same installed packages.
    """
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if _local(master):
        # the workers run this interpreter, and everything stays on this machine's loopback
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName("dualuse")
    if master:
        builder = builder.master(master)
    for key, value in {**DEFAULTS, **(conf or {})}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel(os.environ.get("DUALUSE_SPARK_LOG_LEVEL", "WARN"))
    return session


def _local(master: str | None) -> bool:
    """Whether the session will run in this machine's processes."""
    if master:
        return master.startswith("local")
    # launched by spark-submit: the master is in the launcher's settings
    return "--master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", "") and not os.environ.get(
        "SPARK_ENV_LOADED"
    )


__all__ = ["DEFAULTS", "spark_session"]
