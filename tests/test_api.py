"""The public API: what ``import factcheck`` offers, and that it costs little until used."""

from __future__ import annotations

import subprocess
import sys

import factcheck


def test_all_names_the_public_api_and_each_name_is_there():
    assert sorted(factcheck.__all__) == sorted([*factcheck._EXPORTS, "__version__"])
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None
    assert factcheck.check.__module__ == "factcheck.running.api" and factcheck.Finding.__module__ == "factcheck.checking.findings"


def test_import_factcheck_loads_no_engine_until_a_name_is_used():
    code = ("import sys, factcheck; print(sorted(m for m in sys.modules if m.startswith('factcheck.'))); "
            "factcheck.check; print('factcheck.checking.analysis' in sys.modules or 'factcheck.running.api' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True"


def test_check_finds_the_seed_error_from_the_top_level():
    [finding] = factcheck.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch", lang="vi")
    assert (finding.rule, finding.message) == ("ratio-percent", "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%")
    assert [s.text for s in finding.spans] == ["7/13", "56,8%"]
