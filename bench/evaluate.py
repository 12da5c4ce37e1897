"""Precision and recall of the shipped checks on the labelled evaluation set in tests/eval/.

    python bench/evaluate.py               # the table: per rule TP, FP, FN, precision, recall
    python bench/evaluate.py --verbose     # ... and every false positive and false negative

Each case (see tests/eval/README.md) is a document, our own ``text`` or a ``corpus``
article id, with ``expect``: the findings a careful editor wants, each a rule and the
texts of its spans. The shipped checks run on every case (``factcheck.check`` with the
case's language and publication date; a corpus article takes its record's date when
the case gives none), and findings are matched to expectations one to one within the
case: a finding and an expectation match when they have the same rule and the same
span texts, compared as a multiset (a case lists them in the finding's order, for the
reader, but the order is not compared). A matched pair is a true positive, a finding
left over a false positive, an expectation left over a false negative, whether or not
it is marked ``known_miss``. Precision is TP / (TP + FP) and recall TP / (TP + FN),
"-" when nothing was counted. Corpus articles are read at run time from
``--corpora DIR``, else ``$FACTCHECK_CORPORA``, else ``../shared/corpora``; when those
are missing, the corpus cases are skipped with a note.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import factcheck
from factcheck.checking.findings import Finding
from factcheck.cli.bench import corpus_records, default_corpora, missing_corpora, published_date
from factcheck.loading.catalog import default_catalog

EVAL_DIR = Path(__file__).resolve().parents[1] / "tests" / "eval"


@dataclass
class Outcome:
    """One case checked: its matched, spurious and missed findings."""

    case: dict[str, Any]
    tp: list[dict[str, Any]] = field(default_factory=list)  # expectations found
    fp: list[Finding] = field(default_factory=list)  # findings nobody expected
    fn: list[dict[str, Any]] = field(default_factory=list)  # expectations not found


def load_cases(folder: Path = EVAL_DIR) -> list[dict[str, Any]]:
    """Every case of every ``*.yaml`` file in ``folder`` (each file a list of cases), in file order."""
    cases: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case["file"] = path.name
            cases.append(case)
    return cases


def corpus_articles(corpora: Path) -> dict[str, dict[str, Any]] | None:
    """The corpus records by id, or None when the corpora are missing."""
    if missing_corpora(corpora):
        return None
    return {str(rec["id"]): rec for _, rec in corpus_records(corpora)}


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def source(case: dict[str, Any], articles: dict[str, dict[str, Any]] | None) -> tuple[str, dt.date | None] | None:
    """The case's text and publication date; None for a corpus case whose article cannot be read."""
    published = _date(case.get("published"))
    if "text" in case:
        return str(case["text"]), published
    rec = (articles or {}).get(str(case["corpus"]))
    if rec is None:
        return None
    return str(rec["text"]), published or published_date(rec.get("date"))


def spans_of(finding: Finding) -> list[str]:
    return [span.text for span in finding.spans]


def key(rule: str, spans: list[str]) -> tuple[str, tuple[str, ...]]:
    """What a finding and an expectation must share to match: the rule and the span texts, in any order."""
    return rule, tuple(sorted(spans))


def match(case: dict[str, Any], findings: list[Finding]) -> Outcome:
    """Pair findings with the case's expectations one to one: same rule, same span texts."""
    out = Outcome(case)
    left = list(findings)
    for want in case.get("expect") or []:
        wanted = key(want["rule"], want["spans"])
        hit = next((f for f in left if key(f.rule, spans_of(f)) == wanted), None)
        if hit is None:
            out.fn.append(want)
        else:
            left.remove(hit)
            out.tp.append(want)
    out.fp = left
    return out


def evaluate(case: dict[str, Any], articles: dict[str, dict[str, Any]] | None) -> Outcome | None:
    """The outcome of one case, or None when it is a corpus case that cannot be read."""
    got = source(case, articles)
    if got is None:
        return None
    text, published = got
    return match(case, factcheck.check(text, lang=case["lang"], published=published, path=str(case["id"])))


def _ratio(hits: int, total: int) -> str:
    return f"{hits / total:.2f}" if total else "-"


def table(outcomes: list[Outcome], rules: list[str]) -> list[str]:
    """The per-rule rows and the totals, as lines."""
    tp: Counter[str] = Counter(e["rule"] for o in outcomes for e in o.tp)
    fp: Counter[str] = Counter(f.rule for o in outcomes for f in o.fp)
    fn: Counter[str] = Counter(e["rule"] for o in outcomes for e in o.fn)
    width = max(len(r) for r in [*rules, "total"])
    lines = [f"{'rule':<{width}}  {'TP':>3} {'FP':>3} {'FN':>3}  {'precision':>9} {'recall':>6}"]
    for rule in [*rules, "total"]:
        a, b, c = (sum(n.values()) if rule == "total" else n[rule] for n in (tp, fp, fn))
        if rule == "total":
            lines.append("-" * len(lines[0]))
        lines.append(f"{rule:<{width}}  {a:>3} {b:>3} {c:>3}  {_ratio(a, a + b):>9} {_ratio(a, a + c):>6}")
    return lines


def describe(outcome: Outcome) -> list[str]:
    """One line for each false positive and false negative of a case."""
    cid = outcome.case["id"]
    known = {key(a["rule"], a["spans"]): a.get("reason", "") for a in outcome.case.get("false_alarms") or []}
    lines: list[str] = []
    for f in outcome.fp:
        why = known.get(key(f.rule, spans_of(f)))
        note = f"  (known false alarm: {why})" if why is not None else ""
        lines.append(f"FP {cid}: [{f.rule}] {f.message}  spans={spans_of(f)}{note}")
    for want in outcome.fn:
        why = f"  (known miss: {want.get('reason', '')})" if want.get("known_miss") else ""
        lines.append(f"FN {cid}: [{want['rule']}] spans={want['spans']}{why}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every false positive and false negative")
    parser.add_argument("--corpora", type=Path, default=None, help="folder holding news-vi/ and news-en/")
    args = parser.parse_args(argv)
    cases = load_cases()
    corpora = args.corpora or default_corpora()
    articles = corpus_articles(corpora)
    outcomes: list[Outcome] = []
    skipped: list[str] = []
    for case in cases:
        outcome = evaluate(case, articles)
        if outcome is None:
            skipped.append(str(case["id"]))
        else:
            outcomes.append(outcome)

    rules = sorted({r.id for r in default_catalog().rules}
                   | {f.rule for o in outcomes for f in o.fp}
                   | {e["rule"] for o in outcomes for e in [*o.tp, *o.fn]})
    print("\n".join(table(outcomes, rules)))
    done = [o.case for o in outcomes]
    own = sum("text" in c for c in done)
    langs = Counter(str(c["lang"]) for c in done)
    clean = sum(not c.get("expect") for c in done)
    print(f"\n{len(done)} documents checked: {own} own, {len(done) - own} corpus; "
          f"{langs['vi']} vi, {langs['en']} en; {clean} clean (nothing expected), {len(done) - clean} with errors")
    known = sum(bool(e.get("known_miss")) for c in done for e in c.get("expect") or [])
    print(f"{known} expected findings are marked known_miss (phrasings or cases the checks do not cover)")
    if skipped:
        why = f"corpora not found: {corpora} has no {', '.join(missing_corpora(corpora))}" if articles is None \
            else "article not in the corpora"
        print(f"skipped {len(skipped)} corpus cases ({why}): {', '.join(skipped)}")
    if args.verbose:
        details = [line for o in outcomes for line in describe(o)]
        print("\n" + ("\n".join(details) if details else "no false positive, no false negative"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
