"""The whole tool, timed as a user runs it: ``python bench/whole.py`` prints figures (it is not a test).

Fast on one core, parallel on one machine, distributed beyond it: every figure here
is a ``factcheck`` process (or a plain Python one to compare with) started from the
command line and timed until it exits, over inputs written from the news corpora:

1. throughput, one job: the articles as files, four times over, against one ``re``
   number pattern run over the same files by the same interpreter;
2. start-up: ``factcheck run`` on one article against importing typer, pydantic, yaml;
3. the result cache: a first run over 1,000 files against a re-run, and ``cache clean``;
4. parallel: ``--jobs 1`` against ``--jobs 2`` on a generated JSON Lines archive, and
   the two reports compared byte for byte;
5. memory: the peak of all processes of ``--jobs 2`` runs on a small and a big archive;
6. ``python -m factcheck.cli.bench``: the in-process breakdown by stage, and what bounds the speed.

The machine is shared and noisy: the runs compared take turns, each is repeated,
and the figures are medians and ratios of medians. ``--skip-big`` leaves out 4 and 5.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable

from factcheck.cli.bench import STAGES, default_corpora, missing_corpora
from whole_lib import GENERATOR, MB, Article, Run, alternate, articles, median, records, run, spread, write_archive, write_files

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "binh-lieu-2020-08-05.txt"
PY = sys.executable
FC = str(Path(PY).with_name("factcheck")) if Path(PY).with_name("factcheck").exists() else "factcheck"
# The floor: the same interpreter reads the same files and finds every number with one compiled pattern.
REGEX = r"""import os, re, sys
number, found = re.compile(r"\d+(?:[.,]\d+)*"), 0
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        with open(os.path.join(root, name), "rb") as f:
            found += len(number.findall(f.read().decode("utf-8")))
print(found)"""


@dataclass(frozen=True)
class Row:
    measure: str
    figure: str
    target: str
    met: bool


@dataclass
class Bench:
    work: Path
    arts: list[Article]
    repeat: int
    rows: list[Row]

    def out(self, name: str) -> Path:
        (self.work / "out").mkdir(exist_ok=True)
        return self.work / "out" / f"{name}.json"

    def row(self, measure: str, figure: str, target: str, met: bool) -> None:
        self.rows.append(Row(measure, figure, target, met))

    def ratio(self, measure: str, num: float, den: float, target: str, met: Callable[[float], bool],
              note: str = "") -> None:
        """Print the ratio of two medians against its target, and add it to the summary."""
        print(f"   ratio of medians: {num / den:.2f}x{note}  (target {target})")
        self.row(measure, f"{num / den:.2f}x ({num:.3g} s / {den:.3g} s)", target, met(num / den))


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def throughput(b: Bench) -> float:
    folder = fresh(b.work / "files-x4")
    files, size = write_files(folder, b.arts, copies=4)
    print(f"\n1. Throughput, one job: {files} files, {size / MB:.2f} MB (every article 4 times), "
          f"{b.repeat} alternated runs each")
    cmd = [FC, "run", str(folder), "--jobs", "1", "--no-cache", "--format", "json"]
    runs = alternate({"factcheck": lambda i: run(cmd, b.work, b.out(f"x4-{i}")),
                      "regex": lambda i: run([PY, "-c", REGEX, str(folder)], b.work, b.out(f"re-{i}"))}, b.repeat)
    fc, rx = median(runs["factcheck"]), median(runs["regex"])
    print(f"   factcheck run DIR --jobs 1 --no-cache --format json   {spread(runs['factcheck'])}")
    print(f"   {files / fc:,.0f} docs/s, {size / MB / fc:.2f} MB/s (whole process, start-up included)")
    print(f"   python -c '<one re pattern over the files>' DIR        {spread(runs['regex'])}")
    b.ratio("throughput, --jobs 1: factcheck / one regex", fc, rx, "<= 15x", lambda r: r <= 15)
    return fc


def startup(b: Bench) -> float:
    rounds = max(10, b.repeat)
    print(f"\n2. Start-up: one article ({SEED.name}), whole processes, {rounds} alternated runs each")
    cache = fresh(b.work / "cache-seed")
    check = [FC, "run", str(SEED), "--no-cache", "--format", "json"]
    cached = [FC, "run", str(SEED), "--cache-dir", str(cache), "--format", "json"]
    run(check, b.work, b.out("seed-warm")), run(cached, b.work, b.out("seed-cache-warm"))  # warm both caches
    runs = alternate({"check": lambda i: run(check, b.work, b.out(f"seed-{i}")),
                      "imports": lambda i: run([PY, "-c", "import typer, pydantic, yaml"], b.work, b.out("imports")),
                      "cached": lambda i: run(cached, b.work, b.out(f"seed-cached-{i}"))}, rounds)
    fc, imp, hit = median(runs["check"]), median(runs["imports"]), median(runs["cached"])
    for label, name in (("factcheck run SEED --no-cache --format json", "check"),
                        ("python -c 'import typer, pydantic, yaml'", "imports"),
                        ("factcheck run SEED (result cached)", "cached")):
        print(f"   {label:<46}{spread(runs[name])}")
    b.ratio("start-up, one article: factcheck / imports", fc, imp, "<= 2x", lambda r: r <= 2,
            f"; result cached: {hit / imp:.2f}x")
    return fc


def result_cache(b: Bench) -> None:
    tree = fresh(b.work / "tree-1000")
    extra = list(islice(records(b.arts, seed=2), 1000 - len(b.arts)))
    files, size = write_files(tree, b.arts + extra)
    print(f"\n3. Result cache: {files} files, {size / MB:.2f} MB, --jobs 1, first run (fresh --cache-dir) "
          f"then re-run, {b.repeat} times")
    cache = b.work / "cache-tree"
    cmd = [FC, "run", str(tree), "--jobs", "1", "--cache-dir", str(cache), "--format", "json"]
    runs: dict[str, list[Run]] = {"first": [], "again": []}
    for i in range(b.repeat):
        fresh(cache)
        runs["first"].append(run(cmd, b.work, b.out(f"tree-first-{i}")))
        runs["again"].append(run(cmd, b.work, b.out(f"tree-again-{i}")))
    first, again = median(runs["first"]), median(runs["again"])
    same = len({r.digest for rs in runs.values() for r in rs}) == 1
    print(f"   first run   {spread(runs['first'])}")
    print(f"   re-run      {spread(runs['again'])}")
    b.ratio("result cache: first run / re-run", first, again, ">= 10x", lambda r: r >= 10,
            f"; reports identical: {same}")
    run([FC, "cache", "clean", "--cache-dir", str(cache)], b.work, b.out("clean"), ok=(0,))
    cleaned = not cache.exists()
    print(f"   factcheck cache clean --cache-dir DIR: exit 0, folder {'removed' if cleaned else 'STILL THERE'}")
    b.row("result cache: same report, cache clean", f"{same}, {'removed' if cleaned else 'not removed'}",
          "yes", same and cleaned)


def archive(b: Bench, mb: float) -> tuple[Path, int, int]:
    path = b.work / f"generated-v{GENERATOR}-{mb:g}MB.jsonl"
    count, size = write_archive(path, b.arts, mb)
    print(f"   archive {path}: {count:,} records, {size / MB:,.1f} MB of text, "
          f"{path.stat().st_size / MB:,.1f} MB on disk")
    return path, count, size


def check_archive(path: Path, jobs: int) -> list[str]:
    return [FC, "run", str(path), "--jobs", str(jobs), "--no-cache", "--format", "json",
            "--text-field", "text", "--id-field", "id"]


def parallel_and_memory(b: Bench, big_mb: float) -> None:
    small_mb = 100.0 if big_mb >= 500 else max(1.0, big_mb / 10)
    print(f"\n4. Parallel: --jobs 1 and --jobs 2 on a generated {big_mb:g} MB archive, {b.repeat} alternated runs each")
    path, count, size = archive(b, big_mb)
    def jobs(j: int) -> Callable[[int], Run]:
        return lambda i: run(check_archive(path, j), b.work, b.out(f"big-j{j}-{i}"), sample=True)

    runs = alternate({"jobs 1": jobs(1), "jobs 2": jobs(2)}, b.repeat)
    one, two = median(runs["jobs 1"]), median(runs["jobs 2"])
    same = len({r.digest for rs in runs.values() for r in rs}) == 1
    for name, rs in runs.items():
        print(f"   --{name}  {spread(rs)}   {count / median(rs):,.0f} docs/s, "
              f"{size / MB / median(rs):.2f} MB/s")
    b.ratio(f"parallel, {big_mb:g} MB: --jobs 1 / --jobs 2", one, two, ">= 1.8x", lambda r: r >= 1.8,
            f"; the {2 * b.repeat} JSON reports byte-identical: {same}")
    parent = statistics.median(r.main_cpu / r.seconds for r in runs["jobs 2"])
    print(f"   --jobs 2: the main process itself (reading the archive, sending records, the report) kept "
          f"{100 * parent:.0f}% of a core busy; the 2 workers share the rest of the 2 cores")
    b.row("parallel: --jobs 1 and 2 reports identical", str(same), "yes", same)

    print("\n5. Memory, --jobs 2: peak of all processes (RSS added up, sampled every 0.1 s) "
          "and the largest one (ru_maxrss)")
    small, _, _ = archive(b, small_mb)
    low = run(check_archive(small, 2), b.work, b.out("small-j2"), sample=True)
    high_tree = max(r.tree_mb for r in runs["jobs 2"])
    high_one = max(r.largest_mb for r in runs["jobs 2"])
    print(f"   {small_mb:>6g} MB archive: all processes {low.tree_mb:6.1f} MB, largest one {low.largest_mb:6.1f} MB")
    print(f"   {big_mb:>6g} MB archive: all processes {high_tree:6.1f} MB, largest one {high_one:6.1f} MB"
          f"  (highest of {b.repeat} runs)")
    growth = high_tree / low.tree_mb
    print(f"   {big_mb / small_mb:.0f}x the text, {growth:.2f}x the memory  (targets: < 300 MB; growth <= 1.25x)")
    b.row(f"memory, --jobs 2, {big_mb:g} MB: all processes", f"{high_tree:.0f} MB", "< 300 MB", high_tree < 300)
    b.row(f"memory growth, {small_mb:g} -> {big_mb:g} MB", f"{growth:.2f}x ({low.tree_mb:.0f} -> {high_tree:.0f} MB)",
          "<= 1.25x", growth <= 1.25)


def breakdown(b: Bench, one_job_s: float, startup_s: float) -> None:
    cmd = [PY, "-m", "factcheck.cli.bench", "--repeat", str(b.repeat)]
    print(f"\n6. In-process breakdown: python {' '.join(cmd[1:])}")
    text = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=REPO).stdout
    print("   " + text.rstrip().replace("\n", "\n   "))
    shares = {}
    for stage in STAGES:
        if m := re.search(rf"^\s+{re.escape(stage)}\s+[\d.]+\s+([\d.]+)%", text, re.M):
            shares[stage] = float(m.group(1))
    ranked = sorted(shares.items(), key=lambda kv: -kv[1])
    top, total = [], 0.0
    for stage, share in ranked:
        if total >= 80:
            break
        top.append(f"{stage} {share:.0f}%")
        total += share
    print(f"\n   What bounds the speed now: {' + '.join(top)} = {total:.0f}% of the in-process time; "
          f"the other {len(ranked) - len(top)} stages {100 - total:.0f}%.")
    print(f"   Start-up ({startup_s:.2f} s a process) is {100 * startup_s / one_job_s:.0f}% of the one-job run "
          f"of section 1: the whole-process ratio there is the engine's cost, not the start.")


def compiled_bytecode() -> None:
    """Compile factcheck's modules to bytecode first, as ``pip install`` does for a wheel.

    typer, pydantic and yaml, the start-up baseline, were compiled when pip installed
    them; an editable install compiles factcheck's own modules on first import, unless
    PYTHONDONTWRITEBYTECODE is set (it is on some machines), in which case every run
    would compile ~40 modules again and start-up would measure the compiler.
    """
    import compileall

    import factcheck

    package = Path(factcheck.__file__).parent
    compileall.compile_dir(str(package), quiet=1)
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    note = f" (PYTHONDONTWRITEBYTECODE={setting} here: without this, every run recompiles them)" if setting else ""
    print(f"factcheck's modules compiled to bytecode first, as pip install does{note}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/whole.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-mb", type=float, default=100, metavar="N",
                        help="size of the generated archive for 4 and 5, MB (default 100; the issue's 1 GB: 1024)")
    parser.add_argument("--skip-big", action="store_true", help="leave out 4 and 5 (no generated archive)")
    parser.add_argument("--work", type=Path, default=None, metavar="DIR",
                        help="folder for the inputs written (kept, and archives reused); default a temporary one")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each compared case (default 3)")
    parser.add_argument("--corpora", type=Path, default=None, help="folder holding news-vi/ and news-en/")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.big_mb <= 0:
        parser.error("--repeat and --big-mb must be positive")
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # figures appear as they come
    corpora = args.corpora or default_corpora()
    if missing := missing_corpora(corpora):
        print(f"whole: corpora not found: {corpora} has no {', '.join(missing)}", file=sys.stderr)
        return 2
    temp = None if args.work else tempfile.TemporaryDirectory(prefix="factcheck-whole-")
    work = args.work or Path(temp.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    b = Bench(work, articles(corpora), args.repeat, [])
    print(f"factcheck whole-process benchmark: {len(b.arts)} articles of {corpora}, work folder {work}")
    compiled_bytecode()
    print(f"{FC}; every figure is a whole process timed to its exit; runs compared take turns, "
          f"each {args.repeat}+ times; figures are medians, ratios are ratios of medians.")
    try:
        one_job = throughput(b)
        start = startup(b)
        result_cache(b)
        if not args.skip_big:
            parallel_and_memory(b, args.big_mb)
        breakdown(b, one_job, start)
    finally:
        if temp:
            temp.cleanup()
    print(f"\nSummary (medians of alternated runs; {args.repeat} runs each, start-up {max(10, args.repeat)})")
    print(f"  {'measure':<46}{'figure':<28}{'target':<10}result")
    for r in b.rows:
        print(f"  {r.measure:<46}{r.figure:<28}{r.target:<10}{'met' if r.met else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
