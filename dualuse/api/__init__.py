"""The HTTP API and web UI (``dualuse serve``): thin doors onto :mod:`dualuse.services`."""

from dualuse.api.app import create_app
from dualuse.api.state import AppState, Settings

__all__ = ["AppState", "Settings", "create_app"]
