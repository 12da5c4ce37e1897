"""Coverage of the real-text relation set: how much of what journalists write factcheck reads.

    python bench/coverage.py               # coverage per kind and language, and overall
    python bench/coverage.py --misses      # ... and every relation not read, with its sentence
    python bench/coverage.py --kind change --lang en --misses

The set (tests/eval/relations/, see its README) lists relations that real articles
of ``../shared/corpora`` state, labelled by hand: a kind, and each role's value as
written and where it starts. A relation is **covered** when the engine forms a claim
of the right kind whose fields bind exactly those values in those roles: each labelled
value is overlapped by the mention bound to its role (a list role by one item each,
and no item more), a number the words imply ("doubled") by its value. Also printed:
errors caught (labelled ``holds: false`` and flagged by a finding on the relation's
values), false alarms (a finding on a relation labelled as holding), and traps read as
claims (values labelled as not related, read in the roles the trap says they only seem to have).

The corpora folder is ``--corpora DIR``, else ``$FACTCHECK_CORPORA``, else
``../shared/corpora``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from factcheck.checking.analysis import Analysis, analyse
from factcheck.cli.bench import corpus_records, default_corpora, missing_corpora, published_date
from factcheck.extracting.claims import Binding, Claim
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

RELATIONS = Path(__file__).resolve().parents[1] / "tests" / "eval" / "relations"

#: The claim kinds that read a labelled kind, and how a label's roles are named in their fields.
FAMILIES: dict[str, tuple[str, ...]] = {
    "fraction_percent": ("fraction_percent",),
    "total_parts": ("total_parts",),
    "total_partial": ("total_partial", "total_parts"),
    "shares": ("shares", "shares_complete"),
    "shares_complete": ("shares_complete",),
    "weekday_date": ("weekday_date",),
    "change": ("change", "change_amount", "change_amount_percent", "change_both"),
    "multiple": ("multiple", "multiple_fall"),
    "conversion": ("conversion",),
    "duration": ("duration_years", "duration_dates"),
    "date_order": ("date_order",),
    "age_birth": ("age_birth",),
}
#: The roles a labelled relation needs to be checkable from the text alone.
REQUIRED: dict[str, tuple[frozenset[str], ...]] = {
    "fraction_percent": (frozenset({"part", "whole", "pct"}),),
    "change": tuple(frozenset(s) for s in (("old", "new", "pct"), ("old", "new", "amount"), ("new", "amount", "pct"),
                                           ("old", "amount", "pct"))),
    "duration": (frozenset({"duration", "range"}), frozenset({"duration", "start", "end"})),
}


@dataclass
class Relation:
    file: str
    index: int
    article: str
    kind: str
    values: dict[str, Any]
    holds: bool
    raw: dict[str, Any] = field(repr=False)

    @property
    def lang(self) -> str:
        return self.article.split("-", 1)[0]

    def spans(self) -> list[tuple[int, int]]:
        return [(v["at"], v["at"] + len(v["text"])) for v in _items(self.values.values()) if "at" in v]


def _items(values: Iterable[Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for v in values:
        out.extend(v if isinstance(v, list) else [v])
    return out


def checkable(kind: str, roles: Iterable[str]) -> bool:
    have = frozenset(roles)
    return any(need <= have for need in REQUIRED.get(kind, (frozenset(have),)))


def load(folder: Path = RELATIONS) -> tuple[list[Relation], list[dict[str, Any]], list[str]]:
    """The relations, the traps and the problems of every file of the set."""
    relations, traps, problems = [], [], []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, entry in enumerate(data.get("relations") or []):
            kind = entry.get("kind")
            if kind not in FAMILIES:
                problems.append(f"{path.name}: relation {i}: unknown kind {kind!r}")
                continue
            if not checkable(kind, entry.get("values") or {}):
                problems.append(f"{path.name}: relation {i} ({entry.get('article')}): a {kind} needs "
                                f"{' or '.join('+'.join(sorted(r)) for r in REQUIRED[kind])}")
                continue
            relations.append(Relation(path.name, i, entry["article"], kind, entry["values"], bool(entry["holds"]),
                                      entry))
        for entry in data.get("traps") or []:
            traps.append({**entry, "file": path.name})
    return relations, traps, problems


def _overlaps(span: tuple[int, int], binding: Binding) -> bool:
    return binding.index >= 0 and binding.mention.start < span[1] and span[0] < binding.mention.end


def _matches(value: dict[str, Any], binding: Binding) -> bool:
    if "at" in value and binding.index >= 0:
        return _overlaps((value["at"], value["at"] + len(value["text"])), binding)
    implied = value.get("value")
    number = binding.mention.value.as_number()
    return binding.index < 0 and implied is not None and number is not None and abs(number.amount - float(implied)) < 1e-9


def reads(claim: Claim, relation: Relation) -> bool:
    """The claim binds every labelled value in its role (and a list role nothing more)."""
    if claim.kind not in FAMILIES[relation.kind]:
        return False
    for role, labelled in relation.values.items():
        bound = claim.fields.get(role)
        if bound is None:
            return False
        if isinstance(labelled, list):
            items = bound if isinstance(bound, list) else [bound]
            if len(items) != len(labelled):
                return False
            unmatched = list(items)
            for value in labelled:
                hit = next((b for b in unmatched if _matches(value, b)), None)
                if hit is None:
                    return False
                unmatched.remove(hit)
        else:
            single = bound[0] if isinstance(bound, list) and len(bound) == 1 else bound
            if isinstance(single, list) or not _matches(labelled, single):
                return False
    return True


def flagged(analysis: Analysis, spans: list[tuple[int, int]]) -> bool:
    """A finding whose spans all lie on the relation's values."""
    for finding in analysis.findings:
        if finding.spans and all(any(s.start < e and b < s.end for b, e in spans) for s in finding.spans):
            return True
    return False


def trap_read(analysis: Analysis, trap: dict[str, Any]) -> bool:
    """A claim reads the trap the way it must not be read: a claim of the kind it looks like binding
    all of its values in their roles (a claim that leaves the wrong value out reads it right)."""
    kind = trap.get("looks_like", "")
    values = trap.get("values") or {}
    if kind not in FAMILIES or not values:
        return False
    wrong = Relation(trap.get("file", ""), -1, trap["article"], kind, values, True, trap)
    return any(reads(claim, wrong) for claim in analysis.claims)


@dataclass
class Tally:
    total: int = 0
    covered: int = 0

    def share(self) -> str:
        return f"{self.covered / self.total * 100:5.1f}%" if self.total else "    -"


def sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min([i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0], default=len(text))
    return " ".join(text[left:right + 1].split())[:400]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--misses", action="store_true", help="list every relation not read, with its sentence")
    parser.add_argument("--kind", help="only relations of this kind")
    parser.add_argument("--lang", choices=("vi", "en"), help="only relations in this language")
    args = parser.parse_args(argv)
    corpora = args.corpora or default_corpora()
    if missing_corpora(corpora):
        print(f"no corpora at {corpora}: the relation set reads its articles from there", file=sys.stderr)
        return 2
    relations, traps, problems = load()
    for problem in problems:
        print(f"not counted: {problem}", file=sys.stderr)
    relations = [r for r in relations if (not args.kind or r.kind == args.kind) and (not args.lang or r.lang == args.lang)]
    wanted = {r.article for r in relations} | {t["article"] for t in traps}
    records = {str(rec["id"]): rec for _, rec in corpus_records(corpora) if rec["id"] in wanted}
    catalog = default_catalog()
    analyses: dict[str, Analysis] = {}
    for rid, rec in records.items():
        lang = rec.get("lang")
        doc = Document(rid, str(rec["text"]), lang if isinstance(lang, str) else rid.split("-")[0],
                       published_date(rec.get("date")))
        analyses[rid] = analyse(doc, catalog)

    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    caught = errors = alarms = 0
    misses: list[Relation] = []
    for rel in relations:
        analysis = analyses[rel.article]
        covered = any(reads(c, rel) for c in analysis.claims)
        for key in ((rel.kind, rel.lang), (rel.kind, "all"), ("all", rel.lang), ("all", "all")):
            tallies[key].total += 1
            tallies[key].covered += covered
        hit = flagged(analysis, rel.spans())
        if not rel.holds:
            errors += 1
            caught += hit
        elif hit:
            alarms += 1
            print(f"false alarm: {rel.file} #{rel.index} {rel.article} {rel.kind}")
        if not covered:
            misses.append(rel)
    read_traps = [t for t in traps if t["article"] in analyses and trap_read(analyses[t["article"]], t)]

    articles = len({r.article for r in relations})
    print(f"{len(relations)} relations from {articles} articles "
          f"({sum(r.lang == 'vi' for r in relations)} vi, {sum(r.lang == 'en' for r in relations)} en)\n")
    print(f"{'kind':<18}{'vi':>16}{'en':>16}{'all':>16}")
    kinds = sorted({k for k, _ in tallies if k != "all"}) + ["all"]
    for kind in kinds:
        cells = [tallies.get((kind, lang), Tally()) for lang in ("vi", "en", "all")]
        print(f"{kind:<18}" + "".join(f"{t.covered:>5}/{t.total:<4}{t.share():>7}" for t in cells))
    print(f"\nerrors caught: {caught} of {errors} relations labelled as wrong")
    print(f"false alarms on relations labelled as holding: {alarms}")
    print(f"traps read as a claim: {len(read_traps)} of {len(traps)}")
    for trap in read_traps:
        print(f"  trap read: {trap['file']} {trap['article']} ({trap.get('looks_like')}): {trap.get('why', '')}")
    if args.misses:
        print("\nnot read:")
        for rel in misses:
            text = str(records[rel.article]["text"])
            spans = rel.spans()
            where = sentence(text, min(s for s, _ in spans), max(e for _, e in spans)) if spans else ""
            shown = {role: ([v["text"] for v in val] if isinstance(val, list) else val["text"])
                     for role, val in rel.values.items()}
            print(f"- {rel.file} #{rel.index} {rel.article} {rel.kind} {shown}\n    {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
