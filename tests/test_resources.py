"""Shipped word lists, the user's folders and the caches that reset_caches() clears."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

from khaldun.actors import ActorResolver
from khaldun.places import PlaceResolver
from khaldun.resources import cache_folder, kb_folder, reset_caches, word_list, word_set, word_sets

LEXICON = importlib_resources.files("khaldun.data").joinpath("lexicon")
MOVED = ("reading_words.tsv", "speech_verbs.tsv", "honorifics.txt", "non_person_nouns.txt")
ORG_HEADER = "name\taliases\tcountry\tsector\tkind\twikidata\tsource\n"


@pytest.mark.parametrize("name", MOVED)
def test_word_files_say_what_they_are_and_list_each_word_once(name: str) -> None:
    lines = LEXICON.joinpath(name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and any("Written by" in ln for ln in lines if ln.startswith("#")), name
    words = [ln.split("\t")[0] for ln in lines if ln.strip() and not ln.startswith("#")]
    assert len(words) == len(set(words)), name
    assert all(w == w.strip().lower() for w in words), name


def test_module_names_read_the_files() -> None:
    from khaldun.actors.compose import HONORIFICS
    from khaldun.actors.resolver import SPEECH_VERBS
    from khaldun.coding.attribution import REPORTING_HEADS
    from khaldun.coding.readings import CROWD_NOUNS, GATHERING_VERBS, INTRANSITIVE_EVENT_VERBS, STATIVE_PASSIVES
    from khaldun.counts.roles import NON_PERSON

    assert CROWD_NOUNS == word_set("reading_words.tsv", "crowd") and "demonstrator" in CROWD_NOUNS
    assert {"take"} <= GATHERING_VERBS and "gather" in INTRANSITIVE_EVENT_VERBS and "opposed" in STATIVE_PASSIVES
    assert HONORIFICS == word_list("honorifics.txt") and {"sheikh", "gen", "dr"} <= HONORIFICS
    assert NON_PERSON == word_list("non_person_nouns.txt") and "economy" in NON_PERSON
    # one list of speech verbs, two uses
    assert REPORTING_HEADS == {"say", "tell", "report", "add", "state", "announce", "confirm", "claim", "note"}
    assert {"allege", "condemn", "say"} <= SPEECH_VERBS and "tell" not in SPEECH_VERBS
    assert set(word_sets("speech_verbs.tsv")) == {"reporting", "speaker"}


def test_folders_come_from_the_setting_else_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KHALDUN_KB_DIR", str(tmp_path / "ignored"))  # load_settings reads it, not the library
    monkeypatch.setenv("KHALDUN_CACHE_DIR", str(tmp_path / "ignored"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert kb_folder(str(tmp_path / "kb")) == tmp_path / "kb"
    assert kb_folder(None) == tmp_path / "xdg" / "khaldun" / "kb"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert kb_folder(None) == Path.home() / ".local" / "share" / "khaldun" / "kb"
    assert cache_folder(str(tmp_path / "c")) == tmp_path / "c"
    assert cache_folder(None) == Path.home() / ".cache" / "khaldun"


def _write_org(folder: Path, name: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "organizations.tsv").write_text(ORG_HEADER + f"{name}\t\tLBN\tREB\tgroup\t\ttest\n", encoding="utf-8")


def test_actor_resolver_is_loaded_once_per_folder_until_reset(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    _write_org(kb, "Testland Freedom Front")
    first = ActorResolver.default(str(kb))
    assert first.kb.lookup("Testland Freedom Front")[0].country == "LBN"
    assert ActorResolver.default(str(kb)) is first
    assert not ActorResolver.default(str(tmp_path / "empty")).kb.lookup("Testland Freedom Front")

    _write_org(kb, "Testland Unity Council")
    assert ActorResolver.default(str(kb)) is first  # no reset: the folder is not read again
    reset_caches()
    fresh = ActorResolver.default(str(kb))
    assert fresh is not first
    assert fresh.kb.lookup("Testland Unity Council") and not fresh.kb.lookup("Testland Freedom Front")


def test_place_resolver_caches_its_index_in_the_folder_given(tmp_path: Path) -> None:
    places = PlaceResolver.default(str(tmp_path))
    assert PlaceResolver.default(str(tmp_path)) is places
    assert list(tmp_path.glob("gazetteer-*.pickle"))
    assert places.lookup("Aleppo").country == "SYR"


def test_kb_command_reads_the_kb_dir_setting(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "actors" / "fixtures"
    env = {**os.environ, "KHALDUN_KB_DIR": str(tmp_path / "kb")}
    env.pop("KHALDUN_CONFIG", None)
    code = ("import argparse, sys\nfrom khaldun.cli import kb\np = argparse.ArgumentParser(prog='khaldun')\n"
            "sub = p.add_subparsers()\nkb.add_parser(sub)\na = p.parse_args(sys.argv[1:])\nsys.exit(a.func(a))\n")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, "kb", *args], check=False, capture_output=True, text=True,
                              env=env, cwd=tmp_path)

    imported = run("import", str(fixtures / "wikidata-small.json"))
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "kb" / "people.tsv").is_file()
    found = run("lookup", "Free Testland Brigades")
    assert found.returncode == 0, found.stderr
    assert "country=LBN" in found.stdout and "sector=REB" in found.stdout


def test_reset_caches_clears_the_lexicons() -> None:
    from khaldun.coding.lexicon import Lexicon
    from khaldun.counts.lexicon import lexicon

    before = (Lexicon.default(), lexicon(), word_list("honorifics.txt"))
    assert (Lexicon.default(), lexicon(), word_list("honorifics.txt")) == before
    assert Lexicon.default() is before[0] and lexicon() is before[1]
    reset_caches()
    assert Lexicon.default() is not before[0] and lexicon() is not before[1]
    assert Lexicon.default() == before[0] and lexicon() == before[1]


def test_a_memo_dict_can_be_registered() -> None:
    from khaldun.resources import register_cache

    memo = register_cache({"key": object()})
    reset_caches()
    assert memo == {}
    with pytest.raises(TypeError):
        register_cache(42)
