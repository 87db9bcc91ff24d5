"""``python -m dualuse`` runs the command line."""

from dualuse.cli import main

main()
