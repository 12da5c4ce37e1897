"""The result cache: a re-run reproduces the report exactly without analysing or loading the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.checking import analysis as engine
from factcheck.loading.catalog import default_catalog, shipped_rules_dir
from factcheck.loading.fingerprints import rules_fingerprint
from factcheck.running import session
from treegen import make_tree

FORMATS = ("json", "text", "sarif", "junit", "github", "markdown")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the documents analysed and the times the rules are loaded."""
    calls = {"analyse": 0, "rules": 0}
    real_analyse, real_rules = engine.analyse, session.configured_rules

    def analyse(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["analyse"] += 1
        return real_analyse(*args, **kwargs)

    def configured_rules(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["rules"] += 1
        return real_rules(*args, **kwargs)

    monkeypatch.setattr(engine, "analyse", analyse)
    monkeypatch.setattr(session, "configured_rules", configured_rules)
    return calls


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "tree", 30)


def test_a_rerun_reproduces_every_format_without_analysing_or_loading_rules(cli, tree, tmp_path, counted):
    cache = str(tmp_path / "cache")
    first = {f: cli("run", "seeds/", str(tree), "--cache-dir", cache, "-j", "1", "-f", f).stdout for f in FORMATS}
    assert counted["analyse"] == 36  # each file analysed by the first format's run, then read from the cache
    counted.update(analyse=0, rules=0)
    again = {f: cli("run", "seeds/", str(tree), "--cache-dir", cache, "-j", "1", "-f", f).stdout for f in FORMATS}
    assert counted == {"analyse": 0, "rules": 0}
    assert again == first
    uncached = cli("run", "seeds/", str(tree), "--no-cache", "-f", "json").stdout
    assert first["json"] == uncached
    assert json.loads(first["json"])["findings"][0]["evidence"]  # spans, messages, evidence and fixes all kept


def test_an_edited_file_alone_is_checked_again(cli, tree, tmp_path, counted):
    cache = str(tmp_path / "cache")
    cli("run", str(tree), "--cache-dir", cache)
    doc = next(tree.rglob("*.txt"))
    doc.write_text(doc.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    counted.update(analyse=0, rules=0)
    assert cli("run", str(tree), "--cache-dir", cache, "-f", "json").stdout == cli(
        "run", str(tree), "--no-cache", "-f", "json").stdout
    assert counted["rules"] == 2  # once for the miss, once for the --no-cache run
    assert counted["analyse"] == 1 + 30


def test_other_settings_are_other_entries(cli, tree, tmp_path, counted):
    cache = str(tmp_path / "cache")
    cli("run", str(tree), "--cache-dir", cache)
    counted.update(analyse=0)
    only = cli("run", str(tree), "--cache-dir", cache, "--only", "weekday-date", "-f", "json")
    assert counted["analyse"] == 30
    assert {f["rule"] for f in json.loads(only.stdout)["findings"]} == {"weekday-date"}


def test_corrupt_entries_are_ignored(cli, tree, tmp_path, counted):
    cache = tmp_path / "cache"
    expected = cli("run", str(tree), "--cache-dir", str(cache), "-f", "json").stdout
    entries = list((cache / "v1" / "entries").rglob("*.json"))
    assert len(entries) == 30
    for i, entry in enumerate(entries):
        entry.write_text(["", "{", '{"findings": [{"rule": 1}]}', "[]"][i % 4], encoding="utf-8")
    counted.update(analyse=0)
    assert cli("run", str(tree), "--cache-dir", str(cache), "-f", "json").stdout == expected
    assert counted["analyse"] == 30


def test_no_cache_writes_nothing_and_the_default_folder_is_the_projects(cli, tree, tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    cli("run", str(tree), "--no-cache")
    assert not (tmp_path / ".factcheck_cache").exists()
    cli("run", str(tree))
    assert (tmp_path / ".factcheck_cache" / "CACHEDIR.TAG").is_file()
    assert (tmp_path / ".factcheck_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "factcheck.yaml").write_text("fail-on: never\n", encoding="utf-8")
    cli("run", str(tree), "--config", str(tmp_path / "project" / "factcheck.yaml"))
    assert (tmp_path / "project" / ".factcheck_cache").is_dir()  # beside the configuration file
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "env-cache"))
    cli("run", str(tree))
    assert (tmp_path / "env-cache" / "v1").is_dir()


def test_cache_clean(cli, tree, tmp_path, monkeypatch):
    cache, compiled = tmp_path / "cache", tmp_path / "compiled"
    monkeypatch.setenv("FACTCHECK_CATALOG_CACHE", str(compiled))
    cli("run", str(tree), "--cache-dir", str(cache))
    from factcheck.loading import catalog_cache

    catalog_cache.write("0" * 24, {"rules": []})  # this process loaded its rules before: one entry, as a run makes
    assert list(compiled.glob("catalog-*.pickle"))
    result = cli("cache", "clean", "--cache-dir", str(cache))
    assert (result.exit_code, result.stdout) == (
        0, f"Removed {cache.as_posix()}.\nRemoved the compiled rules cached in {compiled.as_posix()}.\n")
    assert not cache.exists() and not compiled.exists()  # every cache
    assert cli("cache", "clean", "--cache-dir", str(cache)).stdout == f"No cache at {cache.as_posix()}.\n"
    other = tmp_path / "not-a-cache"
    other.mkdir()
    refused = cli("cache", "clean", "--cache-dir", str(other))
    assert refused.exit_code == 2 and "not a factcheck cache" in refused.stderr and other.exists()


def test_a_configuration_error_stops_the_run_even_when_everything_is_cached(cli, tree, tmp_path):
    cache = str(tmp_path / "cache")
    cli("run", str(tree), "--cache-dir", cache)
    result = cli("run", str(tree), "--cache-dir", cache, "--only", "no-such-rule")
    assert result.exit_code == 2 and "no-such-rule" in result.stderr


def test_the_fingerprint_follows_every_rule_file_without_loading_it(tmp_path):
    extra = tmp_path / "rules"
    (extra / "checks").mkdir(parents=True)
    (extra / "checks" / "mine.yml").write_text("[]\n", encoding="utf-8")
    one = tmp_path / "one.yaml"
    one.write_text("[]\n", encoding="utf-8")
    dirs = [shipped_rules_dir(), extra, one]
    assert default_catalog().dirs == [shipped_rules_dir()]
    before = rules_fingerprint(dirs)
    assert rules_fingerprint(dirs) == before and rules_fingerprint(dirs[:1]) != before
    one.write_text("[] # edited\n", encoding="utf-8")
    assert rules_fingerprint(dirs) != before
