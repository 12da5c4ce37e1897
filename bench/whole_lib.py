"""Helpers for ``bench/whole.py``: running a command as a whole process, and the inputs it reads.

A run is timed from start to exit. Its memory is read two ways: the peak of the
resident sizes of the process and all its descendants added up, sampled from /proc
every 0.1 s (shared pages count once per process, so this errs high), and the
largest single process (``ru_maxrss`` of the child and its reaped descendants, from
``os.wait4``). Inputs are written from the news corpora: each article as a file, and
JSON Lines archives of any size made of articles varied by a seeded random number
generator, so that the same options always write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from factcheck.cli.bench import corpus_records

MB = 1e6  # as python -m factcheck.cli.bench counts them
PAGE, TICK = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
RENUMBER = 0.1  # share of sentences whose numbers are changed
GENERATOR = 1  # bump when variant() changes: archives written before are written again


@dataclass(frozen=True)
class Run:
    """One finished process."""

    seconds: float
    status: int
    tree_mb: float  # peak of the summed RSS of the process and its descendants (0 when not sampled)
    largest_mb: float  # largest RSS of any one process of the tree
    digest: str  # SHA-256 of its standard output
    main_cpu: float = 0.0  # CPU seconds of the process itself, not its children (last sample; 0 when not sampled)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_rss_mb(root: int) -> float:
    """The resident sizes of ``root`` and its descendants, added up, in MB."""
    total = 0
    for pid in _descendants(root):
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total / MB


def run(cmd: list[str], cwd: Path, out: Path, sample: bool = False, ok: tuple[int, ...] = (0, 1)) -> Run:
    """Run ``cmd`` with its standard output in ``out``; stop the benchmark when its status is not in ``ok``.

    ``sample``: read the tree's memory, and the process's own CPU time, every 0.1 s
    (about 1.3 ms of one core each time).
    """
    peak, cpu = [0.0], [0.0]
    done = threading.Event()

    def watch(pid: int) -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], tree_rss_mb(pid))
            cpu[0] = cpu_seconds(pid) or cpu[0]

    with open(out, "wb") as stdout, open(out.with_suffix(".stderr"), "wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=stderr)
        watcher = threading.Thread(target=watch, args=(proc.pid,), daemon=True) if sample else None
        if watcher:
            watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if watcher:
        watcher.join()
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n"
                         + out.with_suffix(".stderr").read_text(errors="replace")[-2000:])
    sha = hashlib.sha256()
    with open(out, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            sha.update(block)
    return Run(seconds, proc.returncode, peak[0], usage.ru_maxrss * 1024 / MB, sha.hexdigest(), cpu[0])


def alternate(cases: dict[str, Callable[[int], Run]], repeat: int) -> dict[str, list[Run]]:
    """Each case ``repeat`` times, taking turns (reversed order every other round); the case gets the round."""
    runs: dict[str, list[Run]] = {name: [] for name in cases}
    for i in range(repeat):
        for name in (list(cases) if i % 2 == 0 else list(cases)[::-1]):
            runs[name].append(cases[name](i))
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def spread(runs: list[Run]) -> str:
    """The median and every time, e.g. ``2.61 s (2.55 2.61 3.02)``."""
    return f"{median(runs):.3f} s  ({' '.join(f'{r.seconds:.3f}' for r in runs)})"


# -- inputs -------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    id: str
    text: str


def articles(corpora: Path) -> list[Article]:
    return [Article(str(rec["id"]), str(rec["text"])) for _, rec in corpus_records(corpora)]


def write_files(folder: Path, items: list[Article], copies: int = 1) -> tuple[int, int]:
    """Each article as ``folder/[cK/]ID.txt`` (UTF-8), ``copies`` times; (files, bytes) written."""
    files = size = 0
    for k in range(copies):
        where = folder / f"c{k}" if copies > 1 else folder
        where.mkdir(parents=True, exist_ok=True)
        for art in items:
            data = art.text.encode("utf-8")
            (where / f"{art.id}.txt").write_bytes(data)
            files, size = files + 1, size + len(data)
    return files, size


_SENTENCE_GAP = re.compile(r"(?<=[.!?…])\s+(?=\S)")
_NUMBER = re.compile(r"(?<![\d/:.,])[1-9]\d*(?:[.,]\d+)*(?![\d/:])")
_YEAR = re.compile(r"(?:19|20)\d\d")


def variant(art: Article, rng: random.Random, n: int) -> Article:
    """The article with its body's paragraphs and sentences shuffled, and some numbers renumbered.

    The first line (the title) stays first. In about one sentence in ten, each number
    (not a year, not part of a fraction, date or clock time) has its first digit changed:
    the texts differ while keeping their formats, and about as few of them have findings
    as real articles do (renumbering every sentence would make one in sixty a finding).
    """
    title, _, body = art.text.partition("\n")
    paragraphs = body.split("\n")
    rng.shuffle(paragraphs)
    out = []
    for para in paragraphs:
        sentences = _SENTENCE_GAP.split(para)
        rng.shuffle(sentences)
        out.append(" ".join(_renumber(s, rng) if rng.random() < RENUMBER else s for s in sentences))
    return Article(f"{art.id}~{n}", "\n".join([title, *out]))



def _renumber(sentence: str, rng: random.Random) -> str:
    def swap(m: re.Match[str]) -> str:
        text = m.group()
        if _YEAR.fullmatch(text):
            return text
        return str(rng.choice([d for d in range(1, 10) if str(d) != text[0]])) + text[1:]

    return _NUMBER.sub(swap, sentence)


def records(items: list[Article], seed: int = 1) -> Iterator[Article]:
    """Endless variants of the articles: every article once, in turn, then again, varied anew."""
    rng = random.Random(seed)
    for n in range(1, 1 << 62):
        for art in items:
            yield variant(art, rng, n)


def write_archive(path: Path, items: list[Article], mb: float) -> tuple[int, int]:
    """A JSON Lines archive of ``{"id", "text"}`` records of about ``mb`` MB; (records, text bytes).

    An archive already there, written by this generator at this size, is kept.
    """
    stamp = path.with_suffix(".done")
    if path.is_file() and stamp.is_file():
        count, size = map(int, stamp.read_text().split())
        return count, size
    count = size = written = 0
    with open(path, "w", encoding="utf-8") as f:
        for art in records(items):
            line = json.dumps({"id": art.id, "text": art.text}, ensure_ascii=False) + "\n"
            f.write(line)
            count, size, written = count + 1, size + len(art.text.encode("utf-8")), written + len(line.encode())
            if written >= mb * MB:
                break
    stamp.write_text(f"{count} {size}\n")
    return count, size
