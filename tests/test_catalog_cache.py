"""Start-up machinery: regexes compiled on first use, and the compiled catalog cache."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck.extracting.lazyregex import LazyRegex
from factcheck.loading import catalog_cache
from factcheck.loading.cachefiles import SignedFolder
from factcheck.loading.catalog import load_catalog

SEED = "6 tháng đầu năm 2020, Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."


@pytest.mark.parametrize("pattern, flags, text", [
    (r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?!\d)", 0, "ngày 30/4 và 1/5"),
    (r"(?<!\w)(?:thứ\s+tư|chủ\s+nhật)(?!\w)", re.IGNORECASE, "Thứ Tư, 05/08/2020 và CHỦ NHẬT"),
    (r"(?>\s*\w++){1,3}?x", 0, "a b c x"),
])
def test_a_lazy_regex_rebuilt_from_its_code_matches_like_re(pattern, flags, text, monkeypatch):
    lazy = LazyRegex(pattern, flags)
    lazy.check()
    data = pickle.dumps(lazy)

    def no_parsing(*args):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed again: the pickle should hold the compiled code")

    expected = re.compile(pattern, flags)
    with monkeypatch.context() as patch:
        patch.setattr(re._parser, "parse", no_parsing)  # the standard library's, not ours
        again = pickle.loads(data)
        found = [(m.span(), m.groupdict()) for m in again.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in expected.finditer(text)]
    assert again.compiled.flags == expected.flags


def test_a_lazy_regex_compiles_only_when_first_used():
    lazy = LazyRegex(r"(unclosed")  # a bad pattern costs nothing until the regex is used
    with pytest.raises(re.error):
        lazy.check()


def test_code_from_another_engine_falls_back_to_the_source():
    lazy = LazyRegex(r"\d+")
    lazy.check()
    pattern, flags, (magic, *rest) = lazy.__getstate__()
    stale = LazyRegex.__new__(LazyRegex)
    stale.__setstate__((pattern, flags, (magic - 1, *rest)))  # as if pickled by another Python
    assert [m.group() for m in stale.finditer("7/13")] == ["7", "13"]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CATALOG_CACHE", str(folder))
    return folder


def write_rule_folder(root: Path, severity: str) -> Path:
    folder = root / "my-rules" / "checks"
    folder.mkdir(parents=True)
    (folder / "big.yaml").write_text(f"""id: big-percent
title: A percentage of a fraction is at most 100
severity: {severity}
applies_to: fraction_percent
assert: pct <= 100
message: "{{pct.text}} is more than 100%"
tests:
  pass: [{{lang: vi, text: "12/13 đảng viên, đạt 92,3%"}}]
  fail: [{{lang: vi, text: "12/13 đảng viên, đạt 192,3%"}}]
""", encoding="utf-8")
    return folder.parent


def test_a_second_load_comes_from_the_cache_and_finds_the_same(cache_dir, tmp_path):
    rules = write_rule_folder(tmp_path, "warning")
    first = load_catalog([rules])
    [entry] = cache_dir.glob("catalog-*.pickle")
    second = load_catalog([rules])
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert factcheck.check(SEED, rules=second) == factcheck.check(SEED, rules=first)
    # what is read is the entry: one holding fewer rules (signed with the folder's key) gives fewer rules
    assert SignedFolder(cache_dir, catalog_cache.ENTRY_LIMIT).write(entry, pickle.dumps(first.select(only=["big-percent"])))
    assert [r.id for r in load_catalog([rules]).rules] == ["big-percent"]


def test_the_default_folder_is_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_CATALOG_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    from platformdirs import user_cache_dir

    assert catalog_cache.cache_dir() == Path(user_cache_dir("factcheck", appauthor=False))
    if sys.platform.startswith("linux"):
        assert catalog_cache.cache_dir() == tmp_path / "xdg" / "factcheck"
        load_catalog([write_rule_folder(tmp_path, "warning")])
        assert len(list((tmp_path / "xdg" / "factcheck").glob("catalog-*.pickle"))) == 1


def test_an_edited_rule_file_is_loaded_again(cache_dir, tmp_path):
    rules = write_rule_folder(tmp_path, "warning")
    assert {r.id: r.severity for r in load_catalog([rules]).rules}["big-percent"] == "warning"
    path = rules / "checks" / "big.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: warning", "severity: info"), encoding="utf-8")
    assert {r.id: r.severity for r in load_catalog([rules]).rules}["big-percent"] == "info"
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 2


def test_a_broken_cache_entry_is_rebuilt(cache_dir, tmp_path):
    rules = write_rule_folder(tmp_path, "warning")
    load_catalog([rules])
    [entry] = cache_dir.glob("catalog-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert "big-percent" in {r.id for r in load_catalog([rules]).rules}


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CATALOG_CACHE", "off")
    assert catalog_cache.cache_dir() is None
    rules = write_rule_folder(tmp_path, "warning")
    assert "big-percent" in {r.id for r in load_catalog([rules]).rules}


def test_a_cached_catalog_needs_no_pydantic_model(cache_dir, tmp_path):
    rules = write_rule_folder(tmp_path, "warning")
    load_catalog([rules])
    code = (f"import sys; from factcheck.loading.catalog import load_catalog; c = load_catalog([{str(rules)!r}]); "
            "import factcheck; f = factcheck.check('kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch', rules=c); "
            "print(f[0].rule, 'factcheck.loading.schema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FACTCHECK_CATALOG_CACHE": str(cache_dir)})
    assert done.stdout.split() == ["ratio-percent", "False"], done.stderr
