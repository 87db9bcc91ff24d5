"""dualuse: export-control compliance for China's dual-use export-control regime.

The regime is data (``dualuse.regime``), decisions come from a pure engine
(``dualuse.engine``), and the command line, HTTP API and batch jobs are thin edges over them.
"""

from dualuse.version import __version__

__all__ = ["__version__"]
