"""Every command answers --help, and every command, option and setting is documented in README.md."""

from __future__ import annotations

import argparse
import dataclasses
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from khaldun.cli.main import COMMANDS, build_parser
from khaldun.config import Settings

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
Run = Callable[..., subprocess.CompletedProcess[str]]


def subcommand(name: str) -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


def long_options(name: str) -> list[str]:
    out = []
    for action in subcommand(name)._actions:
        longs = [o for o in action.option_strings if o.startswith("--") and o != "--help"]
        out.extend(longs)
    return out


def test_khaldun_help_and_version(khaldun_cli: Run) -> None:
    res = khaldun_cli(["--help"])
    assert res.returncode == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\b", res.stdout, re.MULTILINE), name
    res = khaldun_cli(["--version"])
    assert res.returncode == 0 and res.stdout.startswith("khaldun ")
    res = khaldun_cli([])
    assert res.returncode == 2 and "usage:" in res.stderr


def test_the_commands_named_in_the_help_text_exist(khaldun_cli: Run) -> None:
    res = khaldun_cli(["--help"])
    named = set(re.findall(r"^[ ]+khaldun (\w+)", res.stdout, re.MULTILINE))
    assert named and named <= set(COMMANDS), f"the help text shows commands that do not exist: {named - set(COMMANDS)}"


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_help(name: str, khaldun_cli: Run) -> None:
    res = khaldun_cli([name, "--help"])
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(f"usage: khaldun {name}")
    for option in long_options(name):
        assert option in res.stdout


@pytest.mark.parametrize("name", ["extract", "events"])
def test_every_option_is_in_the_readme(name: str) -> None:
    missing = [o for o in long_options(name) if not re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", README)]
    assert not missing, f"README.md does not document these `khaldun {name}` options: {missing}"


def test_every_command_is_documented() -> None:
    docs = README + "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))
    missing = [c for c in COMMANDS if f"khaldun {c}" not in docs]
    assert not missing, f"neither README.md nor docs/ mention: {missing}"


def test_every_setting_is_in_the_readme_table_with_its_default() -> None:
    rows = dict(re.findall(r"^\|\s*`(\w+)`\s*\|\s*`([^`]*)`\s*\|", README, re.MULTILINE))
    for f in dataclasses.fields(Settings):
        assert f.name in rows, f"setting {f.name} is not in the README's settings table"
        default = f.default
        documented = rows[f.name]
        if default is None:  # decided at run time (a folder under the home directory): described, not a value
            assert documented, f.name
            continue
        assert type(default)(documented) == default if not isinstance(default, str) else documented == default, (
            f"README says {f.name} defaults to {documented!r}, the code says {default!r}"
        )
    assert set(rows) <= {f.name for f in dataclasses.fields(Settings)}, "README documents settings that do not exist"


def test_every_rejection_reason_is_in_the_readme() -> None:
    from khaldun.errors import REJECTION_REASONS

    for reason in REJECTION_REASONS:
        assert f"`{reason}`" in README, reason

