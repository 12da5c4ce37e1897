"""Every stage is linear (or n log n) in the text and its claims, and loading in the rule files.

Each test feeds an input that took minutes (or gigabytes) when a stage was quadratic, in a
subprocess with a timeout far above what the linear code needs on a loaded machine, and
checks what came out, so a regression fails by timing out rather than by a tight clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from factcheck.extracting import claims
from factcheck.extracting.patterns import BOUNDARY, PH_CLOSE, PH_OPEN

TIMEOUT = 90  # seconds; each input here takes a few seconds at most, and minutes when quadratic


def run_python(code: str, timeout: float = TIMEOUT) -> dict:
    """Run ``code`` in a fresh interpreter; it prints one JSON object, returned here, with the
    process's peak memory in MB added as ``rss_mb``."""
    program = textwrap.dedent(code) + textwrap.dedent("""
        import json as _json, resource as _resource
        result["rss_mb"] = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss // 1024
        print(_json.dumps(result))
    """)
    try:
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"took over {timeout} s: quadratic again?")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_one_consistent_sentence_repeated_over_a_megabyte():
    # 126 KB took 5.5 s and 504 KB 133 s when each claim was compared with every other
    result = run_python("""
        from factcheck.checking.analysis import analyse
        from factcheck.reading.documents import Document
        from factcheck.loading.catalog import default_catalog
        sentence = "Huyện có 25 tổ chức cơ sở đảng, gồm 11 đảng bộ và 14 chi bộ, với 2.340 đảng viên. "
        text = sentence * (1_000_000 // len(sentence))
        analysis = analyse(Document("<t>", text, "vi"), default_catalog())
        claims = analysis.claims
        result = {"findings": len(analysis.findings), "claims": len(claims), "sentences": text.count(". "),
                  "first": [claims[0].kind, [b.mention.text for b in claims[0].fields["parts"]]]}
    """)
    assert result["findings"] == 0
    assert result["claims"] == result["sentences"]  # one claim per sentence: none dropped, none doubled
    assert result["first"] == ["total_parts", ["11", "14"]]


def test_masks_of_many_sentences_are_built_and_read_in_one_pass():
    # setting one bit at a time copies the whole integer: 1,200,000 sentences took minutes
    n = 1_200_000
    sentence = f"{PH_OPEN}percent#0{PH_CLOSE} gồm {PH_OPEN}number#1{PH_CLOSE}"
    result = run_python(f"""
        from factcheck.extracting.claims import _Candidates
        candidates = _Candidates({BOUNDARY!r}.join([{sentence!r}] * {n}))
        text = candidates.text((frozenset({{"percent"}}), frozenset({{"number"}})), ("gồm",))
        result = {{"chosen": text.count("gồm")}}
    """)
    assert result["chosen"] == n


def test_candidate_masks_pick_the_sentences_with_the_kinds_and_the_cue():
    sentences = [f"{PH_OPEN}percent#0{PH_CLOSE} gồm", "gồm", f"{PH_OPEN}percent#1{PH_CLOSE}", f"x {PH_OPEN}percent#2"
                 f"{PH_CLOSE} gồm"]
    candidates = claims._Candidates(BOUNDARY.join(sentences))
    assert candidates.text((frozenset({"percent"}),), ("gồm",)) == BOUNDARY.join([sentences[0], sentences[3]])
    many = [sentences[i % 4] for i in range(5_000)]  # past the short masks, which are set bit by bit
    chosen = claims._Candidates(BOUNDARY.join(many)).text((frozenset({"percent"}),), ("gồm",))
    assert chosen == BOUNDARY.join(s for i, s in enumerate(many) if i % 4 in (0, 3))
    assert claims._indices(claims._mask([0, 3, 70], 71)) == [0, 3, 70]
    assert claims._indices(claims._mask([0, 4095, 9000], 9001)) == [0, 4095, 9000]
    assert claims._mask([], 5) == 0 and claims._indices(0) == []


@pytest.mark.parametrize("unit", ["1,", "1.", "12/13,", "."])
def test_one_long_line_without_spaces(unit):
    # 50 MB of this took 74 s and 2.1 GB: the start regex read each run of digits again
    # from every comma in it, a scanner kept a backtracking mark per step of a run, and a
    # run of full stops was tried from each of them
    result = run_python(f"""
        import factcheck
        text = {unit!r} * (2_000_000 // {len(unit)})
        result = {{"findings": len(factcheck.check(text, lang="vi"))}}
    """)
    assert result["findings"] == 0
    assert result["rss_mb"] < 400  # a few copies of a 2 MB text, not a mark per character


def test_forty_thousand_suppression_comments_after_a_finding():
    # 114 s when each comment searched the rest of the text for a blank line
    result = run_python("""
        import factcheck
        wrong = "Xã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."
        text = wrong + "\\n" + "[factcheck: ignore]\\n" * 40_000 + "[factcheck: ignore ratio-percent]\\n" + wrong
        findings = factcheck.check(text, lang="vi")
        result = {"spans": [[f.rule, f.spans[0].start] for f in findings]}
    """)
    # the first finding comes before every comment; the last one is silenced by the one above it
    assert result["spans"] == [["ratio-percent", 16]]


def test_a_rule_file_with_ten_thousand_rules_loads_in_one_pass():
    # positions were shared out to each rule by a pass over the whole file's: quadratic
    result = run_python("""
        import tempfile, pathlib
        from factcheck.loading.fingerprints import shipped_rules_dir
        from factcheck.loading.languages import load_kinds
        from factcheck.loading.rule_files import load_rules
        rule = ("- id: r{i}\\n  title: T\\n  applies_to: fraction_percent\\n  assert: part <= whole\\n"
                "  message: m\\n  tests: {{pass: [{{lang: vi, text: a}}], fail: [{{lang: vi, text: b}}]}}\\n")
        path = pathlib.Path(tempfile.mkdtemp()) / "many.yaml"
        path.write_text("".join(rule.format(i=i) for i in range(10_000)) + "- id: Bad\\n", encoding="utf-8")
        errors = []
        rules = load_rules([path], load_kinds([shipped_rules_dir()], []), errors)
        result = {"rules": len(rules), "last": rules[-1].id, "line": rules[-1].line,
                  "errors": [e.line for e in errors][:1]}
    """)
    assert (result["rules"], result["last"], result["line"]) == (10_000, "r9999", 6 * 9_999 + 1)
    assert result["errors"] == [6 * 10_000 + 1]  # the bad entry is still located in the big file
