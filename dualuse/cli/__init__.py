"""The ``dualuse`` command line: one typer app; each command lives in its own module.

A module of this package registers its commands by defining ``register(app)``; modules are
found automatically, so adding a command never means editing this file.
"""

from __future__ import annotations

import functools
import importlib
import importlib.abc
import os
import pkgutil
import sys
from typing import Any

import typer
import typer.main

from dualuse.errors import DualuseError
from dualuse.version import __version__

app = typer.Typer(
    name="dualuse",
    help="Export-control compliance for China's dual-use regime: decide shipments, screen "
    "parties, classify items, read the regime as of any date.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dualuse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """dualuse command line."""


class _NoPandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "pandas":
            raise ModuleNotFoundError("pandas is not used here", name=name)


def _settle_pandas_probe() -> None:
    """Keep pandas out of the commands, where nothing uses it.

    pyarrow, on its first conversion of a Python value, imports pandas (when it is installed)
    only to ask whether the value is a DataFrame: a quarter of a second of every start-up.
    That first question is asked here with pandas out of reach, so pyarrow takes it as
    absent; anything that imports pandas later (the Spark commands) gets it as usual.
    """
    if "pandas" in sys.modules:
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        import pyarrow as pa

        pa.scalar(0)
    finally:
        sys.meta_path.remove(finder)


def _register_all() -> None:
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if mod.name.startswith("_") or mod.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_settle_pandas_probe()  # before the commands' modules use pyarrow
_register_all()


@functools.cache
def _command() -> Any:
    """The click command tree of ``app``, built once per process: typer builds it anew on
    every call (some 20 ms), which in-process callers such as the fuzzer pay on each run."""
    return typer.main.get_command(app)


def main() -> None:
    """Console entry point: user errors become one line on stderr and exit code 2."""
    try:
        code = _command()(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except DualuseError as exc:
        typer.echo(f"dualuse: error: {exc}", err=True)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("dualuse: aborted", err=True)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # the reader of stdout went away (``| head``): stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except MemoryError:
        typer.echo("dualuse: error: out of memory", err=True)
        sys.exit(70)
    except Exception as exc:
        # typer's (vendored click) usage errors arrive here in non-standalone mode
        show = getattr(exc, "show", None)
        code = getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        if os.environ.get("DUALUSE_DEBUG"):
            raise
        # a defect, not the user's doing: one line, and the way to the full story
        where = _origin(exc)
        typer.echo(
            f"dualuse: internal error: {type(exc).__name__}: {exc}{where} "
            "(set DUALUSE_DEBUG=1 to see the traceback; please report it)",
            err=True,
        )
        sys.exit(70)


def _origin(exc: BaseException) -> str:
    """`` at file:line`` of the innermost frame of ``exc`` within the package, if any."""
    tb = exc.__traceback__
    found = ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if "dualuse" in name:
            found = f" at {os.path.basename(name)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
