"""Every finding over the news corpora, each with the sentence it comes from: for hunting false alarms.

    python bench/corpus_findings.py                   # all findings, then a count per rule
    python bench/corpus_findings.py --explain ID      # what the engine saw in one article

Each article is checked with its record's language, and with its record's date as
the publication date when that is a full YYYY-MM-DD. The corpora folder is
``--corpora DIR``, else ``$FACTCHECK_CORPORA``, else ``../shared/corpora``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from factcheck.checking.analysis import Analysis, analyse
from factcheck.cli.bench import corpus_records, default_corpora, missing_corpora, published_date
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document
from factcheck.reports.explain import as_text

MAX_SENTENCE = 300  # characters of context shown around a finding
# The end of a sentence: a stop followed by white space (so "2.340" and "56.8" are not one), or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)|\n")


def sentence_around(text: str, start: int, end: int, limit: int = MAX_SENTENCE) -> str:
    """The sentence holding text[start:end], on one line, cut to about ``limit`` characters around the span."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.end() if after else len(text)
    if stop - begin > limit:  # keep the span, with as much on each side as fits
        room = max(0, limit - (end - start)) // 2
        left, right = max(begin, start - room), min(stop, end + room)
        return ("…" if left > begin else "") + _one_line(text[left:right]) + ("…" if right < stop else "")
    return _one_line(text[begin:stop])


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _analyse(rec: dict[str, object]) -> Analysis:
    lang = rec.get("lang")
    doc = Document(str(rec["id"]), str(rec["text"]), lang if isinstance(lang, str) else None,
                   published_date(rec.get("date")))
    return analyse(doc, default_catalog())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=None, help="folder holding news-vi/ and news-en/")
    parser.add_argument("--explain", metavar="ID", help="print what the engine saw in one article")
    args = parser.parse_args(argv)
    corpora = args.corpora or default_corpora()
    if missing := missing_corpora(corpora):
        print(f"corpus_findings: corpora not found: {corpora} has no {', '.join(missing)}", file=sys.stderr)
        return 2

    if args.explain:
        for _, rec in corpus_records(corpora):
            if rec["id"] == args.explain:
                print(as_text(_analyse(rec)), end="")
                return 0
        print(f"corpus_findings: no article with id {args.explain!r}", file=sys.stderr)
        return 2

    per_rule: Counter[str] = Counter()
    verdicts: Counter[tuple[str, bool | None]] = Counter()  # (rule, result) over every claim a rule ran on
    articles = flagged = claims = 0
    for _, rec in corpus_records(corpora):
        analysis = _analyse(rec)
        findings = analysis.findings
        articles += 1
        flagged += bool(findings)
        claims += len(analysis.claims)
        verdicts.update((e.rule, e.result) for e in analysis.evaluations)
        for f in findings:
            per_rule[f.rule] += 1
            span = f.spans[0] if f.spans else None
            print(f"{f.path}  [{f.rule}]  {f.message}")
            if span is not None:
                print(f"    {sentence_around(str(rec['text']), span.start, span.end)}")
            print(flush=True)
    print(f"{sum(per_rule.values())} findings in {flagged} of {articles} articles ({claims} claims)")
    print(f"  {'findings':>8} {'passed':>7} {'skipped':>7}  rule")
    shipped = {rule.id for rule in default_catalog().rules}
    rules = sorted(shipped | {rule for rule, _ in verdicts} | set(per_rule), key=lambda r: (-per_rule[r], r))
    for rule in rules:
        print(f"  {per_rule[rule]:>8} {verdicts[rule, True]:>7} {verdicts[rule, None]:>7}  {rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
