"""Throughput benchmark: ``python -m factcheck.cli.bench`` prints figures (it is not a test).

It checks every article of the news corpora in ``../shared/corpora`` (news-vi and
news-en JSONL, see SOURCES.md) as a user's run would: each article is decoded from
its UTF-8 bytes into a ``Document`` by ``read_document``, the one way a run reads
an input (language and, when the record has a full YYYY-MM-DD date, publication
date from the record), passed to ``engine.analyse``
with the shipped catalog, and the findings of each corpus are rendered as one JSON
report. It prints documents, megabytes of UTF-8, wall time, documents/s, MB/s and
peak RSS, then where the time went, stage by stage.

The stages are timed inside the real ``engine.analyse``, not in a copy of it: for
the run, the functions it calls (``normalize``, ``Scanner.scan``, ``encode``,
``extract``, ``_evaluate``) are wrapped with a clock. Whatever else ``analyse``
does (the prose view of markup, language detection, publication date, dateline,
mapping offsets back to the stored text) is "other steps". A stage flagged "never
called" means ``engine.analyse`` no longer calls that function by that name, and
``STEPS`` below needs updating.

The same run times a baseline, one compiled regex that finds every number in the
same texts, and prints pipeline time / baseline time: what the engine costs over
the least any number checker must do. The machine is shared and noisy: compare
ratios and shares within one run, not seconds across runs. ``--repeat N`` checks
the texts N times for a steadier figure; ``--profile`` runs under cProfile (times
inflated) and prints the 25 functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import re
import resource
import sys
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..checking import analysis as engine
from ..checking.findings import Finding, Report
from ..extracting.mentions import Scanner
from ..loading.catalog import Catalog, default_catalog
from ..reading.documents import Document
from ..reading.sources import Source, read_document
from ..reports import render

CORPORA = ("news-vi", "news-en")
BASELINE = re.compile(r"\d+(?:[.,]\d+)*")  # every number, and nothing else
DOCUMENTS, OTHER, REPORTS = "documents (decode)", "other steps of analyse", "reports (JSON)"
#: The steps engine.analyse calls, looked up by name when it runs: (stage, owner, attribute).
STEPS: tuple[tuple[str, Any, str], ...] = (
    ("normalise (NFC)", engine, "normalize"),
    ("mentions (scan)", Scanner, "scan"),
    ("sentences (encode)", engine, "encode"),
    ("claims (extract)", engine, "extract"),
    ("rules (evaluate)", engine, "_evaluate"),
)
STAGES = (DOCUMENTS, *(stage for stage, _, _ in STEPS), OTHER, REPORTS)


@dataclass(frozen=True, slots=True)
class Article:
    """One corpus record, kept as the bytes a file would hold."""

    id: str
    data: bytes
    lang: str | None
    published: dt.date | None


def default_corpora() -> Path:
    """``$FACTCHECK_CORPORA``, else ``../shared/corpora`` from the root of a source checkout."""
    env = os.environ.get("FACTCHECK_CORPORA")
    repo_root = Path(__file__).resolve().parents[3]  # engine/factcheck/cli/bench.py
    return Path(env) if env else repo_root.parent / "shared" / "corpora"


def published_date(value: object) -> dt.date | None:
    """A record's ``date`` when it is a full YYYY-MM-DD, else None."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def corpus_records(corpora: Path, names: tuple[str, ...] = CORPORA) -> Iterator[tuple[str, dict[str, Any]]]:
    """(corpus name, JSON record) for every article of the named corpora, in file order."""
    for name in names:
        with open(corpora / name / "articles.jsonl", encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield name, json.loads(line)


def missing_corpora(corpora: Path) -> list[str]:
    return [f"{n}/articles.jsonl" for n in CORPORA if not (corpora / n / "articles.jsonl").is_file()]


def load_articles(corpora: Path) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {name: [] for name in CORPORA}
    for name, rec in corpus_records(corpora):
        lang = rec.get("lang")
        out[name].append(Article(str(rec["id"]), str(rec["text"]).encode("utf-8"),
                                 lang if isinstance(lang, str) else None, published_date(rec.get("date"))))
    return out


def _clocked(fn: Callable[..., Any], stage: str, spent: dict[str, float], calls: dict[str, int]) -> Callable[..., Any]:
    clock = time.perf_counter

    def clocked(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += clock() - start
            calls[stage] += 1

    return clocked


@contextmanager
def clocked_steps(spent: dict[str, float], calls: dict[str, int]) -> Iterator[None]:
    """Within the block, each of ``STEPS`` adds its time to ``spent`` and counts its calls."""
    originals = [(owner, name, getattr(owner, name)) for _, owner, name in STEPS]
    for (stage, _, _), (owner, name, fn) in zip(STEPS, originals):
        setattr(owner, name, _clocked(fn, stage, spent, calls))
    try:
        yield
    finally:
        for owner, name, fn in originals:
            setattr(owner, name, fn)


def check_corpus(articles: list[Article], catalog: Catalog, spent: dict[str, float]) -> list[Finding]:
    """Every article through ``engine.analyse``, then one JSON report; times added to ``spent``."""
    clock = time.perf_counter
    findings: list[Finding] = []
    texts: dict[str, str] = {}
    inside = 0.0
    for article in articles:
        start = clock()
        doc = read_document(Source(article.id, lang=article.lang, published=article.published), article.data)
        assert isinstance(doc, Document), doc  # the corpora are UTF-8
        decoded = clock()
        found = engine.analyse(doc, catalog).findings
        inside += clock() - decoded
        spent[DOCUMENTS] += decoded - start
        if found:
            findings.extend(found)
            texts[doc.path] = doc.text
    spent[OTHER] += inside  # minus the clocked steps, once all corpora are done
    start = clock()
    findings.sort(key=Finding.sort_key)
    render(Report(findings=findings, files=len(articles), texts=texts), "json")
    spent[REPORTS] += clock() - start
    return findings


def run_baseline(articles: list[Article]) -> int:
    """The floor: decode each text and find every number with one regex."""
    return sum(len(BASELINE.findall(article.data.decode("utf-8"))) for article in articles)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB elsewhere


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck.cli.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=None,
                        help="folder holding news-vi/ and news-en/ (default: $FACTCHECK_CORPORA or ../shared/corpora)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="check the texts N times (default 1)")
    parser.add_argument("--profile", action="store_true", help="run under cProfile and print the top 25 functions")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    corpora = args.corpora or default_corpora()
    if missing := missing_corpora(corpora):
        print(f"factcheck bench: corpora not found: {corpora} has no {', '.join(missing)}; "
              "give --corpora DIR or set FACTCHECK_CORPORA", file=sys.stderr)
        return 2

    by_corpus = {name: arts * args.repeat for name, arts in load_articles(corpora).items()}
    everything = [a for arts in by_corpus.values() for a in arts]
    start = time.perf_counter()
    catalog = default_catalog()
    load_s = time.perf_counter() - start
    spent, calls = dict.fromkeys(STAGES, 0.0), dict.fromkeys(STAGES, 0)
    wall: dict[str, float] = {}
    findings: list[Finding] = []
    profiler = cProfile.Profile() if args.profile else None
    with nullcontext() if profiler else clocked_steps(spent, calls):  # the profile has its own view
        for name, arts in by_corpus.items():
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            findings += check_corpus(arts, catalog, spent)
            if profiler:
                profiler.disable()
            wall[name] = time.perf_counter() - start
    spent[OTHER] -= sum(spent[stage] for stage, _, _ in STEPS)
    start = time.perf_counter()
    numbers = run_baseline(everything)
    baseline_s = time.perf_counter() - start

    total, docs = sum(wall.values()), len(everything)
    mb = {name: sum(len(a.data) for a in arts) / 1e6 for name, arts in by_corpus.items()}
    print(f"factcheck bench: {corpora}, repeat {args.repeat}" + ("  (under cProfile: times inflated)" * bool(profiler)))
    print(f"  {'documents':<14}{docs:>12}")
    print(f"  {'MB (UTF-8)':<14}{sum(mb.values()):>12.2f}")
    print(f"  {'wall time':<14}{total:>12.2f} s   (catalog load {load_s:.2f} s not included)")
    print(f"  {'documents/s':<14}{docs / total:>12.1f}")
    print(f"  {'MB/s':<14}{sum(mb.values()) / total:>12.3f}")
    print(f"  {'peak RSS':<14}{peak_rss_mb():>12.1f} MB")
    print(f"  {'findings':<14}{len(findings):>12}")
    for name, arts in by_corpus.items():
        print(f"  {name:<14}{len(arts):>12} docs {mb[name]:6.2f} MB {wall[name]:8.2f} s "
              f"{len(arts) / wall[name]:8.1f} docs/s {mb[name] / wall[name]:7.3f} MB/s")
    if not profiler:
        print(f"\n  {'stage':<28}{'s':>9}{'%':>8}")
        for stage in STAGES:
            unused = stage in dict.fromkeys(s for s, _, _ in STEPS) and not calls[stage]
            print(f"  {stage:<28}{spent[stage]:>9.3f}{100 * spent[stage] / total:>7.1f}%"
                  + ("   WARNING: never called; engine.analyse changed, update bench.STEPS" if unused else ""))
    print(f"\n  baseline, one regex for every number ({numbers} found): {baseline_s:.3f} s")
    print(f"  pipeline / baseline: {total / baseline_s:,.0f}x")
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print("\nprofile, top 25 by cumulative time")
        print(out.getvalue().split("\n", 4)[-1].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
