"""The driver program for ``spark-submit``: ``launch.py check IN OUT`` = ``dualuse spark check``.

``spark-submit`` runs a Python file, not a console script; this file is in the wheel, so
``python -c "import dualuse.spark.launch as m; print(m.__file__)"`` finds it (docs/spark.md).
"""

from __future__ import annotations

import sys


def run(argv: list[str]) -> None:
    from dualuse.cli import main

    sys.argv = ["dualuse", "spark", *argv]
    main()


if __name__ == "__main__":
    run(sys.argv[1:])
