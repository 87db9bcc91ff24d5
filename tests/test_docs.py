"""Every command is documented, and the README starts with the two commands."""

from __future__ import annotations

from pathlib import Path

import typer.main

from dualuse.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names: list[str] = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        if subs:
            names.extend(f"{name} {sub}" for sub in subs)
        else:
            names.append(name)
    return sorted(names)


def test_every_command_is_in_the_cli_reference() -> None:
    text = (ROOT / "docs" / "cli.md").read_text()
    missing = [c for c in _commands() if f"dualuse {c}" not in text]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text().splitlines()
    block = lines[lines.index("```bash") + 1 : lines.index("```bash") + 3]
    assert block[0].startswith("./scripts/demo") and block[1].startswith("./scripts/test")
    assert (ROOT / ".ci" / "run").read_text().count("scripts/test") == 1
