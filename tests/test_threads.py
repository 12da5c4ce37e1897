"""The library is safe from many threads: checking is a pure function of (catalog, document).

Findings once leaked between documents checked at the same time (each rule kept one
evaluator that every claim rebound, and functions handed their evidence back through
a shared field). These tests check thousands of short documents from 8 threads, with
the interpreter switching threads as often as it can, and compare each result with a
serial run, byte for byte.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import factcheck
import factcheck.running.settings
from factcheck.checking.analysis import analyse
from factcheck.reading.documents import Document
from factcheck.reading.sources import Source
from factcheck.running.runner import check_batch

# Short documents of every kind: wrong and right, in both languages, each with its own numbers.
TEMPLATES = [
    ("vi", "Xã kết nạp được {a}/13 đảng viên mới, đạt {p}% kế hoạch."),
    ("en", "Seven of the {w} members ({p}%) voted in favour."),
    ("vi", "Năm 2020, Đảng bộ xã có {t} chi bộ, gồm 18 chi bộ thôn, 9 chi bộ trường học và 6 chi bộ cơ quan."),
    ("en", "Sales rose {p}% to $1.2 billion from $1 billion."),
    ("vi", "UBND huyện tiếp công dân vào Thứ Năm, 0{d}/08/2020."),
    ("en", "The district has 42 schools: 15 kindergartens, 14 primary and {t} secondary."),
]


def _documents(n: int) -> list[tuple[str, str]]:
    docs = []
    for i in range(n):
        lang, template = TEMPLATES[i % len(TEMPLATES)]
        text = template.format(a=5 + i % 8, p=40 + i % 30, w=11 + i % 5, t=30 + i % 6, d=1 + i % 9)
        docs.append((lang, text))
    return docs


def _as_json(findings: list[factcheck.Finding]) -> str:
    return json.dumps([(f.rule, f.message, [(s.start, s.end, s.text) for s in f.spans], f.evidence,
                        f.fix.replacement if f.fix else None) for f in findings], ensure_ascii=False)


@pytest.fixture
def busy_switching():
    """Threads switch every microsecond: races show in a few hundred documents instead of never."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_check_from_eight_threads_equals_a_serial_run(busy_switching):
    docs = _documents(2400)
    serial = [_as_json(factcheck.check(text, lang=lang, path=f"doc{i}")) for i, (lang, text) in enumerate(docs)]
    assert sum(s != "[]" for s in serial) > 1000  # most documents have a finding: a leak would show
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda item: _as_json(factcheck.check(item[1][1], lang=item[1][0], path=f"doc{item[0]}")),
                                 enumerate(docs)))
    differing = [i for i, (a, b) in enumerate(zip(serial, threaded)) if a != b]
    assert differing == []


def test_check_batch_from_several_threads_equals_a_serial_run(busy_switching):
    """What a Dask worker with several threads runs."""
    docs = _documents(880)
    sources = [Source(f"doc{i}", text=text, lang=lang) for i, (lang, text) in enumerate(docs)]
    batches = [sources[i:i + 20] for i in range(0, len(sources), 20)]

    def report(batch: list[Source]) -> list[str]:
        return [f"{r.path} {_as_json(r.findings)}" for r in check_batch(batch)]

    serial = [report(b) for b in batches]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(report, batches))
    assert threaded == serial


def test_analyse_leaves_the_callers_document_unchanged():
    doc = Document("a.txt", "Thứ Tư, 05/08/2020\nKết nạp được 7/13 đảng viên mới, đạt 53,8%.", None, None)
    analysis = analyse(doc, factcheck.load_catalog())
    assert doc.lang is None and doc.published is None
    assert analysis.document.lang == "vi" and str(analysis.document.published) == "2020-08-05"


def test_one_linter_from_eight_threads_equals_a_serial_run(busy_switching, tmp_path):
    """One session (rules loaded once, by whichever thread comes first; one result cache) shared by 8 threads."""
    from factcheck.running.resultcache import ResultCache

    docs = _documents(240)
    for i, (_, text) in enumerate(docs):
        (tmp_path / f"doc{i:03}.txt").write_text(text, encoding="utf-8")
    paths = [[str(tmp_path / f"doc{i:03}.txt") for i in range(k, len(docs), 8)] for k in range(8)]
    loads = []

    def load() -> tuple:
        loads.append(1)
        catalog = factcheck.load_catalog()
        return factcheck.running.settings.Rules(catalog, frozenset(catalog.rule_names))

    def work(linter: factcheck.Linter, k: int) -> list[str]:
        report = linter.check_paths(paths[k])
        texts = [_as_json(linter.check(text, lang=lang, path=f"doc{i}")) for i, (lang, text) in enumerate(docs[k::8])]
        return [f"{report.files} {report.errors}", _as_json(report.findings), *texts]

    serial_linter = factcheck.Linter(load)
    serial = [work(serial_linter, k) for k in range(8)]
    assert len(loads) == 1 and sum(len(json.loads(s[1])) for s in serial) > 100
    shared = factcheck.Linter(load, cache=ResultCache(tmp_path / "cache", "settings"))
    assert not shared.rules_loaded
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda k: work(shared, k), range(8)))
        again = list(pool.map(lambda k: work(shared, k), range(8)))  # now every file comes from the cache
    assert threaded == serial and again == serial
    assert len(loads) == 2  # once for each session, however many threads asked at once
