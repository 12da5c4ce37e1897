"""Caches are never a way in: entries are signed, checked and capped; anything odd is a miss,
said once; --no-cache writes no cache at all; ``cache clean`` removes every cache."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.loading import catalog_cache
from factcheck.loading.catalog import load_catalog
from factcheck.reading.sources import Source, digest
from factcheck.running.resultcache import LAYOUT, ResultCache

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CATALOG_CACHE", str(tmp_path / "compiled"))
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    return tmp_path


def entries(cache: Path) -> list[Path]:
    return sorted((cache / LAYOUT / "entries").rglob("*.json"))


def resign(path: Path, payload: bytes, cache: Path) -> None:
    """Write an entry signed with the cache's own key: only this user could do so."""
    key = (cache / "key").read_bytes()
    path.write_bytes(hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload)


def run_json(cli, *args: str):  # type: ignore[no-untyped-def]
    result = cli("run", "a.txt", "--cache-dir", "cache", "-j", "1", "-f", "json", *args)
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("edit", [
    lambda f: f.update(severity="critical"),
    lambda f: f["spans"][0].update(start="3"),
    lambda f: f["spans"][0].update(start=10_000, end=10_004),
    lambda f: f["spans"][0].update(text="9/13"),
    lambda f: f.update(fix={"span": 7, "replacement": "1"}),
    lambda f: f["fix"].update(start=0),  # an edit outside the span it corrects
    lambda f: f.update(message_lang=3),
    lambda f: f.pop("message"),
])
def test_an_edited_entry_is_a_miss_even_when_signed(cli, project, edit):
    first, expected = run_json(cli)
    [entry] = entries(project / "cache")
    mac, payload = entry.read_bytes().split(b"\n", 1)
    data = json.loads(payload)
    edit(data["findings"][0])
    resign(entry, json.dumps(data).encode(), project / "cache")
    again, report = run_json(cli)
    assert report == expected  # checked again, not believed
    assert again.stderr.count("not trusted") == 1


@pytest.mark.parametrize("edit", [
    lambda r: r["excerpts"][0].update(text="Xã kết nạp được 9/13"),
    lambda r: r["excerpts"][0].update(line=2),
    lambda r: r.update(claims=-1),
    lambda r: r["checks"].append({"rule": "x", "spans": [{"start": 0, "end": 2, "text": "zz", "label": "?"}],
                                  "arithmetic": "", "title": None}),
    lambda r: r.pop("lang"),
])
def test_an_edited_reading_of_the_html_report_is_a_miss_even_when_signed(cli, project, edit):
    first = cli("run", "a.txt", "--cache-dir", "cache", "-j", "1", "-f", "html")
    [entry] = entries(project / "cache")
    mac, payload = entry.read_bytes().split(b"\n", 1)
    data = json.loads(payload)
    edit(data["reading"])
    resign(entry, json.dumps(data).encode(), project / "cache")
    again = cli("run", "a.txt", "--cache-dir", "cache", "-j", "1", "-f", "html")
    assert again.stdout == first.stdout  # checked again, not believed
    assert again.stderr.count("not trusted") == 1


def test_an_unsigned_or_planted_entry_is_a_miss_said_once(cli, project):
    run_json(cli)
    (project / "b.txt").write_text(WRONG, encoding="utf-8")
    result = cli("run", "a.txt", "b.txt", "--cache-dir", "cache", "-j", "1", "-f", "json")
    for entry in entries(project / "cache"):
        entry.write_text(json.dumps({"findings": [], "notes": []}), encoding="utf-8")  # "no findings here"
    again = cli("run", "a.txt", "b.txt", "--cache-dir", "cache", "-j", "1", "-f", "json")
    assert json.loads(again.stdout) == json.loads(result.stdout)
    assert again.stderr == ("factcheck: 2 result cache entries in cache not trusted (an entry's signature does not "
                            "match this cache's key); checked again\n")


def test_a_key_file_others_can_read_makes_the_cache_unused(cli, project):
    run_json(cli)
    os.chmod(project / "cache" / "key", 0o644)  # as a key committed to a repository would be
    result, report = run_json(cli)
    assert report["summary"]["error"] == 1
    assert "is not private to this user" in result.stderr and result.stderr.count("\n") == 1


def test_a_link_to_dev_zero_or_a_fifo_is_not_read(project, tmp_path):
    cache = ResultCache(tmp_path / "cache", "settings")
    source = Source("a.txt", file=str(project / "a.txt"))
    data = (project / "a.txt").read_bytes()
    path = Path(cache._entry(source, digest(data)))
    path.parent.mkdir(parents=True)
    os.symlink("/dev/zero", path)
    assert cache.lookup(source, data) is None and cache.rejected == 1
    path.unlink()
    os.mkfifo(path)
    assert cache.lookup(source, data) is None and cache.rejected == 2


def test_an_oversized_entry_is_not_read(project, tmp_path, monkeypatch):
    from factcheck.running import resultcache

    monkeypatch.setattr(resultcache, "ENTRY_LIMIT", 1000)
    cache = ResultCache(tmp_path / "cache", "settings")
    source = Source("a.txt", file=str(project / "a.txt"))
    data = (project / "a.txt").read_bytes()
    path = Path(cache._entry(source, digest(data)))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"0" * 2000)
    assert cache.lookup(source, data) is None and "larger than 1000 bytes" in (cache.problem or "")


def test_a_cache_folder_that_cannot_be_reached_is_no_traceback(cli, project, monkeypatch):
    real_open, real_stat, real_mkdir = os.open, os.stat, os.mkdir

    def blocked(path: object) -> bool:
        return "locked" in str(path)

    def deny(real):  # type: ignore[no-untyped-def]
        def call(path, *args, **kw):  # type: ignore[no-untyped-def]
            if blocked(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kw)
        return call

    monkeypatch.setattr(os, "open", deny(real_open))
    monkeypatch.setattr(os, "stat", deny(real_stat))
    monkeypatch.setattr(os, "mkdir", deny(real_mkdir))
    result = cli("run", "a.txt", "--cache-dir", "locked/cache", "-j", "1", "-f", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)["summary"]["error"] == 1


def test_no_cache_writes_no_cache_of_any_kind(cli, project):
    result = cli("run", "a.txt", "--no-cache", "-j", "1")
    assert result.exit_code == 1
    assert not (project / "compiled").exists() and not (project / ".factcheck_cache").exists()


def write_catalog_entry(folder: Path, payload: bytes) -> Path:
    entry = catalog_cache.key([catalog_cache_shipped()], None)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"catalog-{entry}.pickle"
    path.write_bytes(payload)
    return path


def catalog_cache_shipped() -> Path:
    from factcheck.loading.fingerprints import shipped_rules_dir

    return shipped_rules_dir()


class Planted:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("payload", [pickle.dumps(Planted()), pickle.dumps({"a": "foreign pickle"}), b"\x80\x05junk"])
def test_a_planted_or_foreign_catalog_pickle_is_never_loaded(project, payload, capsys):
    write_catalog_entry(project / "compiled", payload)
    catalog = load_catalog()
    assert "ratio-percent" in {r.id for r in catalog.rules}
    assert not (project / "pwned").exists()
    err = capsys.readouterr().err
    assert err.count("factcheck: not using the compiled rules cached in") == 1 and "rebuilding them" in err


def test_a_catalog_entry_signed_with_this_users_key_is_loaded(project):
    first = load_catalog()
    second = load_catalog()
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    key = project / "compiled" / "key"
    assert key.stat().st_mode & 0o777 == 0o600


def test_a_catalog_cached_by_another_python_is_a_miss(project):
    """The key names the interpreter exactly: a compiled-regex program is only valid for its own."""
    other = os.environ.get("FACTCHECK_OTHER_PYTHON")  # .ci/run sets it to the other supported Python
    if not other:
        pytest.skip("FACTCHECK_OTHER_PYTHON is not set (.ci/run sets it)")
    folder = project / "compiled"
    code = "from factcheck.loading.catalog import load_catalog; load_catalog()"
    done = subprocess.run([other, "-c", code], env={**os.environ, "FACTCHECK_CATALOG_CACHE": str(folder)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    made = set(folder.glob("catalog-*.pickle"))
    assert made and not (folder / f"catalog-{catalog_cache.key([catalog_cache_shipped()], None)}.pickle").exists()
    load_catalog()
    assert len(set(folder.glob("catalog-*.pickle")) - made) == 1  # this Python made its own


def test_the_interpreter_is_part_of_the_catalog_key(monkeypatch):
    before = catalog_cache.key([catalog_cache_shipped()], None)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert catalog_cache.key([catalog_cache_shipped()], None) != before
