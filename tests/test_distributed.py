"""Beyond one machine: the same findings from a Dask cluster (two worker processes) as from a local run."""

from __future__ import annotations

import json
import sys

import pytest

from factcheck.loading.catalog import default_catalog
from factcheck.reading.sources import Source
from factcheck.running.work import check_source
from treegen import make_tree


def test_without_dask_the_engine_says_how_to_install_it(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = cli("run", "seeds/", "--engine", "dask")
    assert result.exit_code == 2
    assert "pip install 'dask[bag]' distributed" in result.stderr and result.stdout == ""
    assert "pip install factcheck" not in result.stderr  # that name on PyPI is another project


def test_a_scheduler_needs_the_dask_engine(cli):
    result = cli("run", "seeds/", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr


def test_importing_factcheck_never_imports_dask():
    import subprocess

    code = ("import sys, factcheck, factcheck.cli.main, factcheck.running.api, factcheck.running.runner; "
            "factcheck.check('7/13, đạt 56,8%'); print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=3,
                                  dashboard_address=None) as local:
        yield local


def findings_of(report: dict) -> list[tuple]:
    return [(f["rule"], f["path"], [(s["start"], s["end"], s["text"]) for s in f["spans"]], f["message"])
            for f in report["findings"]]


def test_the_cluster_finds_what_a_local_run_finds(cli, cluster, tmp_path):
    tree = make_tree(tmp_path / "tree", 40)
    local = cli("run", "seeds/", str(tree), "--format", "json", "--no-cache", "--jobs", "1")
    remote = cli("run", "seeds/", str(tree), "--format", "json", "--engine", "dask", "--scheduler",
                 cluster.scheduler_address)
    assert (local.exit_code, remote.exit_code) == (1, 1)
    assert findings_of(json.loads(remote.stdout)) == findings_of(json.loads(local.stdout))
    assert len(findings_of(json.loads(local.stdout))) > 30
    assert remote.stdout == local.stdout  # the whole report, byte for byte


def test_check_bag_from_python(cluster, seed_sentence):
    import dask.bag as db
    from distributed import Client

    from factcheck.running.distributed import check_bag, sources_from_pairs

    texts = [(f"doc{i}", seed_sentence.replace("7/13", f"{7 + i % 3}/13")) for i in range(12)]
    with Client(cluster):
        pairs = db.from_sequence(texts, npartitions=4)
        results = check_bag(sources_from_pairs(pairs, lang="vi")).compute()
        with_rules = check_bag(db.from_sequence([Source(i, text=t, lang="vi") for i, t in texts], npartitions=3),
                               rules=default_catalog()).compute()
    here = [check_source(Source(i, text=t, lang="vi"), default_catalog()) for i, t in texts]
    assert [r.path for r in results] == [i for i, _ in texts]
    assert [r.findings for r in results] == [r.findings for r in here] == [r.findings for r in with_rules]
    assert sum(1 for r in results if r.findings) == 4  # the 7/13s: 8/13 and 9/13 are indeed "trên 56,8%"
