"""Adversarial inputs through the whole tool: is every cost linear in the size of a document?

For each kind of hostile text (repeated claims, one long line without spaces, markup
bombs, many suppression comments, many numbers), writes one document of 1, 10 and 100 MB
and times a whole ``factcheck run FILE --jobs 1 --no-cache --format json`` process to
its exit, reading its peak memory (the process's ``ru_maxrss``). Prints, per size, the
seconds and megabytes of memory each MB of text costs after start-up; a cost is flat
(linear) when the 100 MB figure is within twice the 10 MB one. A run that takes longer
than ``--max-seconds`` is stopped, and larger sizes of its kind are not run: not flat.

    python bench/adversarial.py                  # 1, 10 and 100 MB of each kind (about 15 minutes)
    python bench/adversarial.py --sizes 1 10     # quicker
    python bench/adversarial.py --kinds markup --sizes 1 10 100 --work /tmp/fc-adv
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from whole_lib import MB  # noqa: E402

CLAIM = "Đảng bộ xã kết nạp được 7/13 đảng viên mới, đạt 53,8% kế hoạch, gồm 25 chi bộ: 11 đảng bộ và 14 chi bộ. "
WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"


def _repeat(unit: str, size: int, every: int = 0) -> str:
    """``unit`` repeated to ``size`` bytes of UTF-8 (a line break after every ``every`` units)."""
    count = max(1, size // len(unit.encode("utf-8")))
    if not every:
        return unit * count
    line = unit * every + "\n"
    return line * max(1, count // every)


KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    # claims that hold: every sentence forms claims, nothing to report (the report stays small)
    "claims": (".txt", lambda size: _repeat(CLAIM, size, every=8)),
    # no space and no line break in the whole document: one sentence, one line
    "long-line": (".txt", lambda size: _repeat("7/13=53,8%;x2.340,gồm25:11+14;", size)),
    # tags, comments, scripts and dates, and openers that never close, in one HTML document
    "markup": (".html", lambda size: _repeat(
        '<p><b>7/13</b> đạt <i>53,8%</i><!-- 3/4 --><time datetime="2020-08-05">x</time>'
        "<script>var a='1/2';</script><meta name=\"date\" <a href='x' &amp;&#8220;</p>\n", size)),
    # a suppression comment before every claim, each silencing a finding
    "suppressions": (".md", lambda size: _repeat(f"<!-- factcheck: ignore ratio-percent -->\n{WRONG}\n", size)),
    # numbers of every shape, separated by spaces, long lines
    "numbers": (".txt", lambda size: _repeat("12 3.456 7,8 90% 1/2 2020 3,5 triệu 1.234,5 tỷ 45 tuổi ", size, every=20)),
}


def timed(cmd: list[str], cwd: Path, out: Path, limit: float) -> tuple[float, float, int | None]:
    """(seconds, peak MB of memory, exit status) of a process; status None when it ran past
    ``limit`` seconds and was stopped."""
    with open(out, "wb") as stdout:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
        timer = threading.Timer(limit, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stopped = proc.returncode < 0 and seconds >= limit
    return seconds, usage.ru_maxrss * 1024 / MB, None if stopped else proc.returncode


def measure(work: Path, kind: str, mb: float, limit: float) -> tuple[float, float, int | None]:
    """(seconds, peak MB of memory, exit status or None if stopped) of one run over ``mb`` MB of a kind."""
    suffix, make = KINDS[kind]
    path = work / f"{kind}-{mb:g}mb{suffix}"
    if not path.exists():
        path.write_text(make(int(mb * MB)), encoding="utf-8")
    cmd = [sys.executable, "-m", "factcheck.cli.main", "run", path.name, "--jobs", "1", "--no-cache", "--no-config",
           "--format", "json", "--max-document-mb", str(mb * 2 + 1)]
    return timed(cmd, work, work / f"{kind}-{mb:g}.json", limit)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100], help="document sizes in MB")
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS))
    parser.add_argument("--max-seconds", type=float, default=600,
                        help="stop a run that takes longer than this (that kind is then not flat)")
    parser.add_argument("--work", type=Path, help="folder for the generated documents (kept; default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="factcheck-adversarial-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "empty.txt").write_text("Xin chào.\n", encoding="utf-8")
    empty = [sys.executable, "-m", "factcheck.cli.main", "run", "empty.txt", "--no-cache", "--no-config", "--format",
             "json"]
    start_s, start_mb, _ = sorted(timed(empty, work, work / "empty.json", 60) for _ in range(3))[1]  # the median
    print(f"start-up: {start_s:.2f} s, {start_mb:.0f} MB (subtracted below)")
    print(f"{'kind':<13} {'MB':>5} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'MB/MB':>6}  exit")
    flat: dict[str, bool] = {}
    for kind in args.kinds:
        per_mb: list[tuple[float, float]] = []
        for mb in args.sizes:
            seconds, peak, status = measure(work, kind, mb, args.max_seconds)
            if status is None:
                print(f"{kind:<13} {mb:>5g} stopped after {args.max_seconds:g} s", flush=True)
                flat[kind] = False
                break
            time_per, memory_per = (seconds - start_s) / mb, (peak - start_mb) / mb
            per_mb.append((time_per, memory_per))
            print(f"{kind:<13} {mb:>5g} {seconds:>8.2f} {time_per:>6.2f} {peak:>8.0f} {memory_per:>6.1f}  {status}",
                  flush=True)
        if len(per_mb) >= 2 and kind not in flat:
            (t_small, m_small), (t_big, m_big) = per_mb[-2], per_mb[-1]
            flat[kind] = t_big <= 2 * max(t_small, 0.01) and m_big <= 2 * max(m_small, 1.0)
    if flat:
        print("flat (the largest size costs at most twice per MB what the one before it does): "
              + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in flat.items()))
    if args.work is None:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
