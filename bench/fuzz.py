"""The property tests of tests/fuzzing.py with a large budget: random documents through the whole
run for a given time (10 minutes by default), each case checked cached and uncached, every
tenth with worker processes too. Prints the number of cases and any failure (shrunk by
hypothesis to a small example); exits 1 on a failure.

    python bench/fuzz.py                 # 10 minutes
    python bench/fuzz.py --minutes 1 --seed 7
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from fuzzing import cases, check_case  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    counter = itertools.count()
    work = Path(tempfile.mkdtemp(prefix="factcheck-fuzz-"))
    ran = {"cases": 0, "documents": 0, "pool": 0}

    def property_holds(docs):  # type: ignore[no-untyped-def]
        n = next(counter)
        pool = n % 10 == 9
        check_case(work / f"case{n}", docs, pool=pool)
        ran["cases"] += 1
        ran["documents"] += len(docs)
        ran["pool"] += pool

    started, status = time.monotonic(), 0
    for round_ in itertools.count():  # rounds of 25 cases, each from its own seed, until the time is up
        if time.monotonic() > deadline:
            break
        test = given(docs=cases)(property_holds)
        test = settings(max_examples=25, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
                        suppress_health_check=list(HealthCheck))(test)
        try:
            seed(args.seed + round_)(test)()
        except Exception as exc:  # hypothesis has shrunk it and printed the falsifying example
            print(f"FAILED (seed {args.seed + round_}): {type(exc).__name__}: {exc}")
            status = 1
            break
    shutil.rmtree(work, ignore_errors=True)
    minutes = (time.monotonic() - started) / 60
    print(f"{ran['cases']} cases ({ran['documents']} documents, each as a file and an archive record; "
          f"{ran['pool']} also with worker processes) in {minutes:.1f} minutes, seed {args.seed}: "
          f"{'no property failed' if status == 0 else 'a property failed'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
