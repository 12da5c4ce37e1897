"""Candidate relations in the news corpora, for labelling by hand (not a test, not the engine).

Two scans, deliberately independent of factcheck's own reading so that they find
phrasings its language packs do not know:

- **arithmetic**: numbers in one sentence that add up (a + b = c), divide to a stated
  percentage (a / b = p %), change by a stated percentage or amount, are a whole
  multiple of each other, shares that add up to 100, a year range and a count of years;
- **cues**: the words that announce a relation (gồm, trong đó, tương đương, so với,
  comprising, of which, from … to, rose, thứ Ba (14/3) …).

    python bench/relation_candidates.py --prefix vi-unc --limit 40     # best articles first
    python bench/relation_candidates.py --article vi-unc-news_business_002
    python bench/relation_candidates.py --offset vi-unc-news_business_002 "53,17%"
    python bench/relation_candidates.py --check tests/eval/relations/vi-unc.yaml

``--article`` prints an article's sentences with each number's offset; ``--offset``
prints where a piece of text occurs; ``--check`` verifies that every labelled value's
text is at its offset. The corpora folder is ``--corpora DIR``, else
``$FACTCHECK_CORPORA``, else ``../shared/corpora``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).resolve().parent

# Numbers as each language writes them; "2.340" is 2340 in Vietnamese, "2,340" in English.
_NUM = {
    "vi": re.compile(r"(?<![\w.,/])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,/])\d+(?:,\d+)?(?![\d])"),
    "en": re.compile(r"(?<![\w.,/])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,/])\d+(?:\.\d+)?(?![\d])"),
}
_WORDS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "hundred": 100, "dozen": 12, "half": 0.5, "third": 1 / 3, "quarter": 0.25},
    "vi": {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10, "mươi": 10,
           "trăm": 100, "đôi": 2, "rưỡi": 0.5},
}
_WORD_RX = {lang: re.compile(r"(?i)(?<!\w)(" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)")
            for lang, words in _WORDS.items()}
_PCT_AFTER = re.compile(r"\s?(%|phần trăm|per ?cent|pct|percentage points?|điểm phần trăm)", re.I)
_SENT = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“(\[]?[A-ZĐÀ-Ỹ0-9])|\n\s*\n|\n")
_MULTIPLE_CUE = re.compile(r"(?i)gấp|lần|times|doubl|tripl|twice|halv|half|quadrupl")
_CUES = {
    "vi": ["gồm", "bao gồm", "trong đó", "tổng cộng", "tổng số", "còn lại", "chiếm", "tương đương", "tức",
           "so với", "tăng", "giảm", "lên", "xuống", "từ", "gấp", "lần", "thứ hai", "thứ ba", "thứ tư",
           "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật", "năm (", "giai đoạn", "kỷ niệm", "tuổi", "sinh năm",
           "trên tổng số", "trong số", "đạt", "bằng", "điểm phần trăm", "km", "ha", "tấn", "dặm", "feet"],
    "en": ["comprising", "consisting of", "made up of", "including", "of which", "of whom", "among them",
           "total", "the remaining", "the rest", "or about", "equivalent", "from", " to ", "rose", "fell",
           "increase", "decrease", "up", "down", "doubled", "tripled", "halved", "times", "monday",
           "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "anniversary", "aged",
           "born in", "out of", " of the ", "percentage point", "miles", "km", "feet", "pounds", "tonnes"],
}


def default_corpora() -> Path:
    env = os.environ.get("FACTCHECK_CORPORA")
    return Path(env) if env else HERE.parent.parent / "shared" / "corpora"


def records(corpora: Path) -> Iterator[dict[str, Any]]:
    for name in ("news-vi", "news-en"):
        path = corpora / name / "articles.jsonl"
        if path.is_file():
            with path.open(encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)


def lang_of(rec: dict[str, Any]) -> str:
    return "vi" if str(rec["id"]).startswith("vi-") else "en"


def parse(raw: str, lang: str) -> float:
    if lang == "vi":
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", ""))


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Sentences with their offsets; on hard-wrapped newswire a lone line break is not an end."""
    lines = [len(line) for line in text.split("\n") if line.strip()]
    wrapped = len(lines) > 5 and sorted(lines)[len(lines) // 2] < 80
    at = 0
    for m in _SENT.finditer(text):
        if wrapped and m.group() == "\n":
            continue
        if m.start() > at:
            yield at, text[at:m.start()]
        at = m.end()
    if at < len(text):
        yield at, text[at:]


def numbers(sentence: str, base: int, lang: str) -> list[tuple[int, str, float, bool]]:
    """(offset, text, value, is_percent) for each number in a sentence."""
    found = []
    for m in _NUM[lang].finditer(sentence):
        pct = _PCT_AFTER.match(sentence, m.end())
        try:
            value = parse(m.group(), lang)
        except ValueError:
            continue
        found.append((base + m.start(), m.group() + (pct.group() if pct else ""), value, pct is not None))
    for m in _WORD_RX[lang].finditer(sentence):
        found.append((base + m.start(), m.group(), float(_WORDS[lang][m.group().lower()]), False))
    found.sort()
    return found


def near(a: float, b: float, rel: float = 0.006, absolute: float = 0.051) -> bool:
    return abs(a - b) <= max(absolute, rel * max(abs(a), abs(b)))


def arithmetic(nums: list[tuple[int, str, float, bool]], multiples: bool = True) -> list[str]:
    """Relations among the numbers of one sentence, as short descriptions."""
    hits: list[str] = []
    counts = [n for n in nums if not n[3] and not (1900 <= n[2] <= 2100 and "." not in n[1] and "," not in n[1])]
    pcts = [n for n in nums if n[3]]
    values = [n for n in counts if n[2] >= 1][:12]
    big = [n for n in values if n[2] > 12]  # sums, differences and multiples of small numbers are mostly chance
    for total in big:  # a total and two to five of the other numbers adding up to it
        others = [n for n in values if n is not total and n[2] < total[2]]
        for size in range(2, min(5, len(others)) + 1):
            for combo in itertools.combinations(others, size):
                if near(sum(c[2] for c in combo), total[2], rel=0.0005, absolute=0.001):
                    hits.append(f"SUM {' + '.join(c[1] for c in combo)} = {total[1]}")
                    break
    for a, b in itertools.permutations(values, 2):
        if b[2] and a[2] < b[2]:
            for p in pcts:
                if near(a[2] / b[2] * 100, p[2], rel=0.01, absolute=0.06):
                    hits.append(f"RATIO {a[1]} / {b[1]} = {a[2] / b[2] * 100:.2f}% ~ {p[1]}")
        if a[2]:
            change = (b[2] - a[2]) / a[2] * 100
            for p in pcts:
                if near(abs(change), p[2], rel=0.03, absolute=0.15) and p[2] > 0:
                    hits.append(f"CHANGE {a[1]} -> {b[1]} = {change:+.2f}% ~ {p[1]}")
            ratio = b[2] / a[2]
            if multiples and b[2] > 12 and ratio >= 1.9 and near(ratio, round(ratio), rel=0.02) and round(ratio) <= 20:
                hits.append(f"MULTIPLE {b[1]} / {a[1]} = {ratio:.2f}")
        for d in values:
            if d is not a and d is not b and a[2] < b[2] and b[2] > 12 and near(b[2] - a[2], d[2], rel=0.002, absolute=0.0001):
                hits.append(f"DIFF {b[1]} - {a[1]} = {d[1]}")
    if len(pcts) >= 2 and near(sum(p[2] for p in pcts), 100, rel=0, absolute=1.5):
        hits.append(f"SHARES {' + '.join(p[1] for p in pcts)} = {sum(p[2] for p in pcts):g}")
    return sorted(set(hits))


_YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?[-–]\s?((?:19|20)\d\d)(?!\d)")


def scan(rec: dict[str, Any]) -> list[tuple[int, str, list[str], list[str]]]:
    lang = lang_of(rec)
    text = str(rec["text"])
    out = []
    for base, sentence in sentences(text):
        nums = numbers(sentence, base, lang)
        hits = arithmetic(nums, bool(_MULTIPLE_CUE.search(sentence))) if len(nums) >= 2 else []
        for m in _YEAR_RANGE.finditer(sentence):
            span = int(m.group(2)) - int(m.group(1))
            if any(n[2] in (span, span + 1) for n in nums if n[0] < base + m.start()):
                hits.append(f"YEARS {m.group()} spans {span}/{span + 1}")
        lowered = f" {sentence.lower()} "
        cues = [c for c in _CUES[lang] if c in lowered] if len(nums) >= 2 else []
        if hits or len(cues) >= 2:
            out.append((base, sentence, hits, cues))
    return out


def print_article(rec: dict[str, Any]) -> None:
    lang = lang_of(rec)
    print(f"# {rec['id']}  lang={lang}  date={rec.get('date')}")
    for base, sentence in sentences(str(rec["text"])):
        print(f"[{base}] {sentence}")
        nums = numbers(sentence, base, lang)
        if nums:
            print("      " + "  ".join(f"{t}@{o}" for o, t, _, _ in nums))


def check_labels(path: Path, by_id: dict[str, dict[str, Any]]) -> int:
    import yaml

    problems = 0
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    entries = data if isinstance(data, list) else [*(data.get("relations") or []), *(data.get("traps") or [])]
    for i, entry in enumerate(entries):
        rec = by_id.get(entry.get("article"))
        if rec is None:
            print(f"{path}: entry {i}: no article {entry.get('article')!r}")
            problems += 1
            continue
        text = str(rec["text"])
        for role, given in (entry.get("values") or {}).items():
            for value in given if isinstance(given, list) else [given]:
                if "at" not in value:
                    continue
                at, want = value["at"], value["text"]
                if text[at:at + len(want)] != want:
                    print(f"{path}: entry {i} ({entry['article']}): {role} {want!r} is not at {at}: "
                          f"{text[at:at + len(want)]!r}")
                    problems += 1
    print(f"{path}: {len(entries)} entries, {problems} problems")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--prefix", default="", help="only articles whose id starts with this")
    parser.add_argument("--limit", type=int, default=20, help="articles shown, richest first")
    parser.add_argument("--skip", type=int, default=0, help="articles skipped first (to page on)")
    parser.add_argument("--article", metavar="ID", help="print one article, sentence by sentence, with offsets")
    parser.add_argument("--offset", nargs=2, metavar=("ID", "TEXT"), help="where TEXT occurs in article ID")
    parser.add_argument("--check", type=Path, metavar="FILE", help="verify the offsets of a label file")
    args = parser.parse_args(argv)
    corpora = args.corpora or default_corpora()
    by_id = {str(r["id"]): r for r in records(corpora)}
    if not by_id:
        print(f"no corpora at {corpora}", file=sys.stderr)
        return 2
    if args.check:
        return check_labels(args.check, by_id)
    if args.article:
        print_article(by_id[args.article])
        return 0
    if args.offset:
        text = str(by_id[args.offset[0]]["text"])
        at = text.find(args.offset[1])
        while at >= 0:
            print(at, repr(text[max(0, at - 40):at + len(args.offset[1]) + 40]))
            at = text.find(args.offset[1], at + 1)
        return 0
    ranked = []
    for rid, rec in by_id.items():
        if rid.startswith(args.prefix):
            found = scan(rec)
            score = sum(len(h) * 3 + len(c) for _, _, h, c in found)
            if found:
                ranked.append((score, rid, found))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    for score, rid, found in ranked[args.skip:args.skip + args.limit]:
        print(f"\n## {rid}  (score {score})")
        for base, sentence, hits, cues in found:
            print(f"[{base}] {' '.join(sentence.split())[:400]}")
            for h in hits:
                print(f"      = {h}")
            if cues:
                print(f"      cues: {', '.join(cues)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
