"""Hypothesis property tests of the whole run on random documents (see fuzzing.py); bench/fuzz.py
runs the same properties with a much larger budget."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from fuzzing import cases, check_case  # noqa: E402

_RUN = itertools.count()


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(docs=cases)
def test_random_documents_give_exact_spans_and_well_formed_reports_cached_or_not(docs, tmp_path: Path):
    check_case(tmp_path / f"case{next(_RUN)}", docs)


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(docs=cases)
def test_worker_processes_give_the_same_report(docs, tmp_path: Path):
    check_case(tmp_path / f"pool{next(_RUN)}", docs, pool=True)
