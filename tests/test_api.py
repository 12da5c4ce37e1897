"""The public API: what ``import factcheck`` offers, and that it costs little until used."""

from __future__ import annotations

import subprocess
import sys

import factcheck

PUBLIC = ["Catalog", "ConfigError", "Document", "Finding", "Fix", "Linter", "ReadError", "Report", "RunSettings",
          "Span", "__version__", "check", "check_paths", "load_catalog"]


def test_all_names_the_public_api_and_each_name_is_there():
    assert sorted(factcheck.__all__) == sorted(PUBLIC)
    assert sorted(dir(factcheck)) == sorted(PUBLIC)
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


def test_a_linter_holds_the_rules_and_settings_and_check_paths_wraps_one(tmp_path):
    assert {"Linter", "RunSettings"} <= set(factcheck.__all__)
    (tmp_path / "a.md").write_text("<!-- factcheck: ignore ratio-percnt -->\nkết nạp được 7/13 đảng viên mới, "
                                   "đạt trên 56,8% kế hoạch.\n", encoding="utf-8")
    linter = factcheck.Linter(settings=factcheck.RunSettings(lang="vi"))
    assert not linter.rules_loaded  # loaded when a text first needs them
    report = linter.check_paths([str(tmp_path / "a.md")])
    assert linter.rules_loaded and "ratio-percent" in linter.known_rules
    assert [(f.rule, f.path) for f in report.findings] == [("ratio-percent", f"{tmp_path.as_posix()}/a.md")]
    # what was an out-parameter is part of the report
    assert report.notes == [f"{tmp_path.as_posix()}/a.md:1: warning: the suppression names 'ratio-percnt', "
                            "which is not a rule (did you mean 'ratio-percent'?); it silences nothing"]
    assert factcheck.check_paths([str(tmp_path / "a.md")], "vi").notes == report.notes
    assert report.rule_docs["ratio-percent"].startswith("When a text gives a fraction")
    [finding] = linter.check("Kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch.")
    assert finding.message == "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"


def test_the_version_is_written_once_and_the_package_metadata_reads_it(root):
    from importlib import metadata

    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject
    assert metadata.version("factcheck") == factcheck.__version__
