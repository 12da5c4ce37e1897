"""docs/rules.md is generated from the shipped rule files and must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "gen_rules_md.py"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_rules_md", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rules_md_is_current() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == _generator().render_rules_md(), "docs/rules.md is stale: run python docs/gen_rules_md.py"


def test_rules_md_has_a_section_with_examples_per_rule() -> None:
    from factcheck.loading.catalog import default_catalog

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in default_catalog().rules:
        section = text.split(f"\n## {rule.id}\n", 1)[1].split("\n## ", 1)[0]
        assert rule.title() in section and rule.title("vi") in section
        assert rule.spec.tests.pass_[0].text in section and rule.spec.tests.fail[0].text in section
        assert f"{rule.severity}[{rule.id}]: " in section, "the failing example should show its finding"
