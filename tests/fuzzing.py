"""Property tests of the whole run on random documents, shared by tests/test_fuzz.py (a small
budget, in every test run) and bench/fuzz.py (a large one, run by hand).

A case is a handful of documents built from the pieces news text is made of (numbers in
both languages' formats, percentages, fractions, dates, weekdays, cue words, markup,
suppression comments) mixed with arbitrary Unicode, in NFC or NFD, with LF or CRLF line
ends and with or without a BOM, written as .txt, .md and .html files and as the records
of a JSON Lines archive. For each case, :func:`check_case` asserts that the run raises
nothing, that every span quotes exactly the characters at its offsets in the stored text,
that every output format is well formed, and that the report does not depend on how it
was computed (worker processes or not, cache or not).
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import factcheck
from factcheck.checking.findings import Report
from factcheck.loading.catalog import default_catalog
from factcheck.reports import FORMATS, render
from factcheck.running.resultcache import ResultCache

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

PIECES = [
    "7/13", "56,8%", "trên 56,8%", "53.8%", "2.340", "2,340", "118,9%", "1.234,5", "12/13", "25", "11", "14",
    "kết nạp được", "đảng viên mới, đạt", "kế hoạch", "gồm", "trong đó", "và", "chi bộ", "tổ chức cơ sở đảng",
    "Thứ Tư, 05/08/2020", "thứ 2", "Thursday, 5 August 2020", "ngày 30/4", "năm 2020", "2016-2020", "5 năm",
    "rose 20% to $1.2bn from $1bn", "tăng 25% so với", "100 miles (161 km)", "gấp 3 lần", "45 tuổi, sinh năm 1975",
    "Of the 25 members, 11 are", "comprising", "about", "khoảng", "COVID-19", "24/7", "100/2019/NĐ-CP",
    "<p>", "</p>", "<b>", "<!--", "-->", "<script>", "</script>", "&nbsp;", "&#8220;", "```", "`code`",
    "[link](http://x.vn/7/13)", "<!-- factcheck: ignore ratio-percent -->", "[factcheck: ignore sum-of-parts]",
    ".", ",", ":", ";", "(", ")", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u202f", "…", "–", "\x1b[2J", "\u0301",
]


@dataclass
class Document:
    name: str  # file name (its suffix says how it is read)
    text: str  # the stored text: what every offset points into
    bom: bool


@st.composite
def documents(draw: st.DrawFn) -> Document:
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40))
    separators = draw(st.lists(st.sampled_from([" ", "", "\n", ", ", ". "]), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, separators))
    text = text.replace("\x00", "")  # NUL bytes make a file binary: refused, not checked
    if draw(st.booleans()):
        text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)
    if draw(st.booleans()):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    suffix = draw(st.sampled_from([".txt", ".md", ".html"]))
    return Document(f"d{draw(st.integers(0, 10**6))}{suffix}", text, draw(st.booleans()))


cases = st.lists(documents(), min_size=1, max_size=6, unique_by=lambda d: d.name)


def write_case(folder: Path, docs: list[Document]) -> tuple[list[str], dict[str, str]]:
    """The documents as files and as an archive's records; (paths to check, stored text by document key)."""
    folder.mkdir(parents=True, exist_ok=True)
    stored: dict[str, str] = {}
    for doc in docs:
        data = doc.text.encode("utf-8", "surrogatepass")
        (folder / doc.name).write_bytes((b"\xef\xbb\xbf" if doc.bom else b"") + data)
        stored[(folder / doc.name).as_posix()] = doc.text
    records = [json.dumps({"id": doc.name, "text": doc.text}) for doc in docs]
    (folder / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    for line, doc in enumerate(docs, 1):
        stored[f"{(folder / 'records.jsonl').as_posix()}:{line}"] = doc.text
    return [str(folder / doc.name) for doc in docs] + [str(folder / "records.jsonl")], stored


def well_formed(report: Report) -> dict[str, str]:
    """Every format rendered, each checked for its own well-formedness."""
    import jsonschema

    out = {fmt: render(report, fmt, version="0", color=False) for fmt in FORMATS}
    for fmt, text in out.items():
        text.encode("utf-8")  # strict: no lone surrogate anywhere
    json.loads(out["json"])
    jsonschema.validate(json.loads(out["sarif"]), _sarif_schema())
    ET.fromstring(out["junit"])
    for line in out["github"].splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in line), line
    return out


_SCHEMA: list[Any] = []


def _sarif_schema() -> Any:
    if not _SCHEMA:
        _SCHEMA.append(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    return _SCHEMA[0]


def spans_quote_their_text(report: Report, stored: dict[str, str]) -> None:
    for f in report.findings:
        text = stored[f.document]
        for span in f.spans:
            assert 0 <= span.start <= span.end <= len(text), (f.document, span)
            assert text[span.start:span.end] == span.text, (f.document, span, text[span.start:span.end])


def check_case(folder: Path, docs: list[Document], pool: bool = False) -> None:
    """Every property, for one case. With ``pool``, worker processes check it too."""
    paths, stored = write_case(folder, docs)
    plain = factcheck.check_paths(paths)
    spans_quote_their_text(plain, stored)
    expected = well_formed(plain)
    cache = ResultCache(folder / "cache", "fuzz")
    for _ in range(2):  # the run that fills the cache, then the one that reads it
        cached = factcheck.Linter(cache=cache).check_paths(paths)
        assert well_formed(cached) == expected
    assert cache.rejected == 0
    # the html report, with the claims that hold (kept in the cache too): the same cached or not
    html_rules = default_catalog().writing(None, keep_checked=True)
    shown = render(factcheck.Linter(html_rules).check_paths(paths), "html", version="0")
    html_cache = ResultCache(folder / "cache-html", "fuzz-html")
    for _ in range(2):
        assert render(factcheck.Linter(html_rules, cache=html_cache).check_paths(paths), "html", version="0") == shown
    assert html_cache.rejected == 0
    if pool:
        from factcheck.running import runner

        saved = runner.POOL_MIN_BYTES
        runner.POOL_MIN_BYTES = 0  # a pool for a few small files, to compare with
        try:
            assert well_formed(factcheck.check_paths(paths, jobs=2)) == expected
        finally:
            runner.POOL_MIN_BYTES = saved
