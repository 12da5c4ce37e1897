"""Every example embedded in the shipped rules and language patterns, one test each.

The same cases ``factcheck test`` runs; the test id is the case id
(``ratio-percent::fail[seed]``, ``vi:vi-total-gom::example[0]``).
"""

from __future__ import annotations

import pytest

from factcheck.loading.catalog import default_catalog
from factcheck.running.ruletests import rule_cases

CASES = list(rule_cases(default_catalog()))


@pytest.mark.parametrize("run_case", [run for _, run in CASES], ids=[cid for cid, _ in CASES])
def test_embedded_case(run_case) -> None:
    result = run_case()
    assert result.ok, f"{result.id} ({result.source})\n{result.detail}"


def test_every_shipped_rule_has_passing_and_failing_cases_in_both_languages() -> None:
    # precision over recall: each rule shows texts that look wrong and are right
    catalog = default_catalog()
    for rule in catalog.rules:
        langs = {c.lang for c in rule.spec.tests.pass_ + rule.spec.tests.fail}
        assert langs == {"vi", "en"}, f"{rule.id} has examples only in {sorted(langs)}"
        assert len(rule.spec.tests.pass_) >= 3, f"{rule.id} needs traps among its passing texts"


def test_every_pattern_and_frame_has_an_example() -> None:
    for code, language in default_catalog().languages.items():
        for spec, _ in [*language.pattern_specs, *language.frame_specs, *language.breakdown_specs]:
            assert spec.examples, f"{code}: {spec.id} has no example"
