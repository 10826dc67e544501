"""Settings: defaults < settings file < KHALDUN_* environment < command line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from khaldun.config import Settings, load_settings
from khaldun.errors import ConfigError


def test_defaults_need_nothing(tmp_path: Path) -> None:
    assert load_settings(environ={}, cwd=tmp_path) == Settings()
    s = Settings()
    assert (s.db_path, s.max_doc_chars, s.batch_size, s.workers, s.min_confidence, s.csv_text_column) == (
        "khaldun.duckdb", 1_000_000, 64, 0, 0.0, "text",
    )


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().batch_size = 3  # type: ignore[misc]


def test_precedence_defaults_file_environment_command_line(tmp_path: Path) -> None:
    (tmp_path / "khaldun.toml").write_text('db_path = "file.duckdb"\nbatch_size = 8\nworkers = 2\nmax_doc_chars = 500\n')
    env = {"KHALDUN_BATCH_SIZE": "16", "KHALDUN_WORKERS": "3", "KHALDUN_MIN_CONFIDENCE": "0.25"}
    s = load_settings(environ=env, cwd=tmp_path)
    assert s.db_path == "file.duckdb"  # file over default
    assert s.max_doc_chars == 500
    assert (s.batch_size, s.workers, s.min_confidence) == (16, 3, 0.25)  # environment over file
    assert s.csv_text_column == "text"  # default
    cli = s.replace(batch_size=32, db_path=None, workers=None)  # None: option not given
    assert (cli.batch_size, cli.db_path, cli.workers) == (32, "file.duckdb", 3)


def test_khaldun_section_and_explicit_file(tmp_path: Path) -> None:
    f = tmp_path / "elsewhere.toml"
    f.write_text('[khaldun]\ncsv_text_column = "body"\nmin_confidence = 0.5\n')
    assert load_settings(f, environ={}, cwd=tmp_path).csv_text_column == "body"
    assert load_settings(environ={"KHALDUN_CONFIG": str(f)}, cwd=tmp_path).min_confidence == 0.5


def test_a_file_in_another_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "khaldun.toml").write_text("batch_size = 8\n")
    (tmp_path / "sub").mkdir()
    assert load_settings(environ={}, cwd=tmp_path / "sub").batch_size == 64


def test_load_settings_reads_the_process_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHALDUN_DB_PATH", str(tmp_path / "env.duckdb"))
    monkeypatch.delenv("KHALDUN_CONFIG", raising=False)
    assert load_settings(cwd=tmp_path).db_path == str(tmp_path / "env.duckdb")


@pytest.mark.parametrize(
    "toml, env, match",
    [
        ("unknown_thing = 1\n", {}, "unknown setting 'unknown_thing'"),
        ('batch_size = "many"\n', {}, "must be int"),
        ("batch_size = 2.5\n", {}, "must be int"),
        ("workers = true\n", {}, "must be int"),
        ("min_confidence = false\n", {}, "must be float"),
        ("batch_size = \n", {}, "not valid TOML"),
        ("", {"KHALDUN_WORKERS": "-1"}, "workers"),
        ("", {"KHALDUN_MAX_DOC_CHARS": "0"}, "max_doc_chars must be positive"),
        ("", {"KHALDUN_MIN_CONFIDENCE": "2"}, "min_confidence"),
        ("", {"KHALDUN_BATCH_SIZE": "2.5"}, "must be int"),
        ("", {"KHALDUN_CONFIG": "/nonexistent/khaldun.toml"}, "does not exist"),
    ],
)
def test_bad_settings_are_config_errors_with_a_code(tmp_path: Path, toml: str, env: dict[str, str], match: str) -> None:
    if toml:
        (tmp_path / "khaldun.toml").write_text(toml)
    with pytest.raises(ConfigError, match=match) as info:
        load_settings(environ=env, cwd=tmp_path)
    assert str(info.value).startswith("[K001] ")


@pytest.mark.parametrize("change", [{"batch_size": 0}, {"max_doc_chars": -5}, {"min_confidence": -0.1}, {"workers": -2}])
def test_bad_command_line_values_are_config_errors(change: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Settings().replace(**change)
