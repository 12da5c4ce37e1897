"""Running: one unit of work whoever runs it, --jobs 1 and --jobs 2 give the same bytes, small runs stay here."""

from __future__ import annotations

import concurrent.futures
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from factcheck.loading.catalog import default_catalog
from factcheck.reading.sources import Source, sources_from_paths
from factcheck.running import runner
from factcheck.running.runner import Plan, RuleSupply, use_pool
from factcheck.running.work import Result, check_source
from treegen import make_tree


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "tree", 60)


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make any run of a few files use a pool, and count the pools started."""
    started: list[int] = []

    class CountingPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, jobs: int, **options: Any) -> None:
            started.append(jobs)
            super().__init__(jobs, **options)

    monkeypatch.setattr(runner, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)
    return started


@pytest.mark.filterwarnings("error::RuntimeWarning")  # the rules must travel to the workers
def test_jobs_1_and_jobs_2_give_byte_identical_reports(cli, tree, pooled):
    args = ("run", "seeds/", str(tree), "missing.txt", "--no-cache", "--format")
    one = cli(*args, "json", "--jobs", "1")
    two = cli(*args, "json", "--jobs", "2")
    assert pooled == [2]  # the second run used two worker processes; the first none
    assert (one.exit_code, two.exit_code) == (2, 2)  # missing.txt
    assert one.stdout == two.stdout
    report = json.loads(one.stdout)
    assert report["summary"]["files"] == 66 and len(report["findings"]) > 40
    assert [e["path"] for e in report["errors"]] == ["missing.txt"]
    assert cli(*args, "text", "--jobs", "2").stdout == cli(*args, "text", "--jobs", "1").stdout


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_findings_follow_the_design_order_whoever_computed_them(cli, tree, pooled):
    report = json.loads(cli("run", str(tree), "seeds/", "--no-cache", "-f", "json", "-j", "2").stdout)
    keys = [(f["path"], f["spans"][0]["start"], f["rule"]) for f in report["findings"]]
    assert keys == sorted(keys)


def test_small_runs_stay_in_this_process(cli, monkeypatch):
    started: list[int] = []
    monkeypatch.setattr(runner, "_in_pool", lambda items, plan: started.append(1) or iter(()))
    assert cli("run", "seeds/", "--no-cache", "--jobs", "4").exit_code == 1
    assert started == []


def test_the_pool_decision():
    assert not use_pool(1000, 10**9, jobs=1)  # one job: never
    assert not use_pool(3, 10**9, jobs=2)  # fewer inputs than two per worker
    assert not use_pool(10, 1000, jobs=2)  # little to do
    assert use_pool(4, runner.POOL_MIN_BYTES, jobs=2)  # a few big files
    assert use_pool(2 * 2 * runner.CHUNK, 1000, jobs=2)  # many small ones


def test_check_source_is_the_same_in_this_process_and_after_pickling(seed_sentence):
    source = Source("a.txt", text=seed_sentence, lang="vi")
    catalog = default_catalog()
    here = check_source(source, catalog)
    travelled = pickle.loads(pickle.dumps(runner.check_batch([pickle.loads(pickle.dumps(source))], (catalog, None))))
    assert [travelled[0]] == [here]
    assert here.counted and here.text == seed_sentence and [f.rule for f in here.findings] == ["ratio-percent"]


def test_a_clean_result_keeps_no_text(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Không có con số nào ở đây.\n", encoding="utf-8")
    [source] = sources_from_paths([str(clean)])
    assert isinstance(source, Source)
    result = check_source(source, default_catalog())
    assert (result.counted, result.findings, result.text) == (True, [], None)


def test_the_rules_load_only_when_something_is_checked():
    def load():  # type: ignore[no-untyped-def]
        raise AssertionError("the rules were loaded")

    plan = Plan(RuleSupply(load), jobs=2)
    results = list(runner.run(sources_from_paths(["missing.txt", "nothing/*.txt"]), plan))
    assert [(r.path, r.error and r.error.message) for r in results] == [
        ("missing.txt", "no such file"), ("nothing/*.txt", "no such file")]
    assert all(isinstance(r, Result) for r in results)


def test_results_come_in_input_order_through_a_bounded_window(monkeypatch, tree):
    """The ordering machinery with a fake executor that finishes chunks in reverse."""
    from concurrent.futures import Future

    monkeypatch.setattr(runner, "WINDOW", 5)
    catalog = default_catalog()
    futures: list[Future] = []

    def submit(chunk):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.set_result(runner.check_batch(chunk, (catalog, None)))
        futures.append(future)
        return future

    sources = list(sources_from_paths([str(tree)]))
    items = runner.lookup(sources, None)
    plan = Plan(RuleSupply(lambda: (catalog, None)), jobs=2, chunk=3)
    results = list(runner.ordered(items, submit, plan, in_flight=2))
    assert [r.path for r in results] == [s.path for s in sources]  # type: ignore[union-attr]
    assert len(futures) == 20  # 60 sources in chunks of 3
