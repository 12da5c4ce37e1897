"""Loading rule folders: every problem located as ``file:line:col: key: message``, all of them
reported at once, and a user's kinds, language extension and checks working together."""

from __future__ import annotations

import json

import pytest

import factcheck
from factcheck.loading.catalog import ConfigError, default_catalog, load_catalog, shipped_rules_dir
from factcheck.loading.yamlsource import display_path

SHIPPED_KINDS = ", ".join(sorted(default_catalog().kinds))


def rule(id: str = "my-rule", applies_to: str = "fraction_percent",
         check: str = "agrees(part / whole * 100, pct)", message: str = "{part}/{whole}", extra: str = "") -> str:
    """A rule file: id on line 1, applies_to on 3, assert on 4, message on 5, then ``extra`` lines."""
    return (f"id: {id}\ntitle: T\napplies_to: {applies_to}\nassert: {json.dumps(check)}\n"
            f"message: {json.dumps(message)}\n{extra}tests:\n  pass: [{{lang: vi, text: a}}]\n"
            f"  fail: [{{lang: vi, text: b}}]\n")


def pattern(match: str, fields: str = "{part: f.part, whole: f.whole, pct: pct}", kind: str = "fraction_percent",
            pid: str = "p1") -> str:
    """A Vietnamese extension with one pattern: kind on line 4, match on 5, fields on 6."""
    return (f"code: vi\npatterns:\n  - id: {pid}\n    kind: {kind}\n    match: {json.dumps(match)}\n"
            f"    fields: {fields}\n")


def problems(folder_name: str) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        load_catalog([folder_name])
    assert str(exc.value) == "\n".join(str(e) for e in exc.value.errors)
    return [str(e) for e in exc.value.errors]


# --- one problem at a time ------------------------------------------------------------------------------

ERRORS = {
    "unknown-kind": (
        {"checks/a.yaml": rule(applies_to="fraction_percnt")},
        "u/checks/a.yaml:3:1: applies_to: unknown claim kind 'fraction_percnt' (did you mean 'fraction_percent'?) "
        f"(known: {SHIPPED_KINDS})"),
    "unknown-field-in-assert": (
        {"checks/a.yaml": rule(check="sum(parts) == pct")},
        "u/checks/a.yaml:4:1: assert: unknown name 'parts' (did you mean 'part'?)"),
    "unknown-field-in-where": (
        {"checks/a.yaml": rule(extra="where: hole > 0\n")},
        "u/checks/a.yaml:6:1: where: unknown name 'hole' (did you mean 'whole'?)"),
    "unbound-name-in-message": (
        {"checks/a.yaml": rule(message="{part} vs {pcnt}")},
        "u/checks/a.yaml:5:1: message: unknown name 'pcnt' (did you mean 'pct'?)"),
    "bad-template": (
        {"checks/a.yaml": rule(message="a } b")},
        "u/checks/a.yaml:5:1: message: single '}' in template (write '}}' for a brace)"),
    "unknown-function": (
        {"checks/a.yaml": rule(check="agree(part / whole * 100, pct)")},
        "u/checks/a.yaml:4:1: assert: unknown function 'agree' (did you mean 'agrees'?)"),
    "fix-without-agrees": (
        {"checks/a.yaml": rule(check="part <= whole", extra="fix: \"{part}\"\n")},
        "u/checks/a.yaml:6:1: fix: cannot tell which value the fix replaces: "
        "use fix: {field: ..., replacement: ...}"),
    "fix-of-an-unknown-field": (
        {"checks/a.yaml": rule(extra="fix: {field: nope, replacement: \"{part}\"}\n")},
        "u/checks/a.yaml:6:7: fix.field: fraction_percent has no field 'nope'"),
    "label-of-an-unknown-field": (
        {"checks/a.yaml": rule(extra="labels: {prt: x}\n")},
        "u/checks/a.yaml:6:10: labels.prt: fraction_percent has no field 'prt'"),
    "error-in-the-second-rule-of-a-list": (
        {"checks/a.yaml": "- " + rule().replace("\n", "\n  ").rstrip() + "\n- "
                          + rule(id="rule-b", check="part part").replace("\n", "\n  ")},
        "u/checks/a.yaml:12:3: assert: not a valid expression: invalid syntax (column 6)"),
    "unknown-key": (
        {"checks/a.yaml": rule(extra="severty: warning\n")},
        "u/checks/a.yaml:6:1: severty: unknown key (did you mean 'severity'?)"),
    "bad-severity": (
        {"checks/a.yaml": rule(extra="severity: fatal\n")},
        "u/checks/a.yaml:6:1: severity: Input should be 'error', 'warning' or 'info'"),
    "text-param-computed-with": (
        {"checks/a.yaml": rule(check="pct <= limit", extra="params: {limit: hundred}\n")},
        "u/checks/a.yaml:6:10: params.limit: 'hundred' is text, but 'pct <= limit' compares it as a number: "
        "give a number"),
    "text-param-as-a-tolerance": (
        {"checks/a.yaml": rule(check="agrees(part / whole * 100, pct, slack)", extra="params: {slack: small}\n")},
        "u/checks/a.yaml:6:10: params.slack: 'small' is text, but 'agrees(part / whole * 100, pct, slack)' "
        "passes it as a number (argument 3): give a number"),
    "yaml-syntax": (
        {"checks/a.yaml": "id: my-rule\ntitle: T: bad\n"},
        "u/checks/a.yaml:2:9: not valid YAML: mapping values are not allowed in this context"),
    "duplicate-id-across-files": (
        {"checks/a.yaml": rule(), "checks/b.yaml": rule()},
        "u/checks/b.yaml:1:1: id: rule id 'my-rule' is already used in u/checks/a.yaml"),
    "duplicate-id-in-a-list": (
        {"checks/a.yaml": "- " + rule().replace("\n", "\n  ").rstrip() + "\n- " + rule().replace("\n", "\n  ")},
        "u/checks/a.yaml:9:3: id: rule id 'my-rule' is already used in u/checks/a.yaml"),
    "alias-clash": (
        {"checks/a.yaml": rule(), "checks/b.yaml": rule(id="other-rule", extra="aliases: [my-rule]\n")},
        "u/checks/b.yaml:1:1: id: rule id 'my-rule' is already used in u/checks/a.yaml"),
    "pattern-cannot-compile": (
        {"lang/vi.yaml": pattern("{f:fraction} ( {pct:percent}")},
        "u/lang/vi.yaml:5:5: patterns.match: missing ')' at column 29 of pattern '{f:fraction} ( {pct:percent}'"),
    "pattern-misses-a-field": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent}", fields="{part: f.part, pct: pct}")},
        "u/lang/vi.yaml:5:5: patterns.match: field 'whole' of fraction_percent is not captured "
        "(write {whole:number|money|quantity} or map it under fields:)"),
    "pattern-field-of-the-wrong-type": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:number}")},
        "u/lang/vi.yaml:6:44: patterns.fields.pct: field 'pct' is a percent, but 'pct' is a number"),
    "pattern-part-a-kind-lacks": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent}",
                                 fields="{part: pct.part, whole: f.whole, pct: pct}")},
        "u/lang/vi.yaml:6:14: patterns.fields.part: a percent has no part 'part'"),
    "pattern-unknown-field": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent}",
                                 fields="{prt: f.part, whole: f.whole, pct: pct}")},
        "u/lang/vi.yaml:6:14: patterns.fields.prt: fraction_percent has no field 'prt' (did you mean 'part'?)"),
    "pattern-several-for-one": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent} {pct:percent}")},
        "u/lang/vi.yaml:6:44: patterns.fields.pct: field 'pct' holds one value, but 'pct' captures several"),
    "pattern-unknown-claim-kind": (
        {"lang/vi.yaml": pattern("{f:fraction}", kind="fraction_percnt")},
        "u/lang/vi.yaml:4:5: patterns.kind: unknown claim kind 'fraction_percnt' (did you mean 'fraction_percent'?)"),
    "pattern-unknown-key": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent}") + "    exmaples: [x]\n"},
        "u/lang/vi.yaml:7:5: patterns.exmaples: unknown key (did you mean 'examples'?)"),
    "pattern-id-used-twice": (
        {"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent}") + pattern("{f:fraction} là {pct:percent}")[19:]},
        "u/lang/vi.yaml:7:5: patterns.id: pattern id 'p1' is already used in u/lang/vi.yaml"),
    "pattern-with-four-wide-gaps": (
        {"lang/vi.yaml": pattern("{f:fraction} {gap:0-10} {gap:0-10} {gap:0-10} {gap:0-10} {pct:percent}")},
        "u/lang/vi.yaml:5:5: patterns.match: its gaps can share out the words they skip in 14,641 ways (the product of"
        " their widths) (at most 1,000), and a search may try each of them wherever the pattern can start: narrow the"
        " gaps, or join gaps next to each other ({gap:0-6} {gap:0-6} is {gap:0-12}), in pattern"
        " '{f:fraction} {gap:0-10} {gap:0-10} {gap:0-10} {gap:0-10} {pct:percent}'"),
    "extension-of-a-language-with-no-pack": (
        {"lang/vn.yaml": pattern("{f:fraction} đạt {pct:percent}").replace("code: vi", "code: vn")},
        "u/lang/vn.yaml:1:1: code: no language pack 'vn' (did you mean 'vi'?)"),
    "rule-for-a-language-with-no-pack": (
        {"checks/a.yaml": rule(extra="langs: [vi, vn]\n")},
        "u/checks/a.yaml:6:13: langs: no language pack 'vn' (did you mean 'vi'?)"),
    "rule-example-in-a-language-with-no-pack": (
        {"checks/a.yaml": rule().replace("fail: [{lang: vi", "fail: [{lang: xx")},
        "u/checks/a.yaml:8:11: tests.fail.lang: no language pack 'xx' (known: en, vi)"),
    "kind-of-unknown-type": (
        {"kinds.yaml": "kinds:\n  pair:\n    description: d\n    fields:\n      a: {type: numbr, label: x}\n"},
        "u/kinds.yaml:5:11: kinds.pair.fields.a.type: unknown type 'numbr' (did you mean 'number'?)"),
    "kind-declared-twice": (
        {"kinds.yaml": "kinds:\n  weekday_date:\n    description: d\n    fields: {}\n"},
        "u/kinds.yaml:2:3: kinds.weekday_date: kind 'weekday_date' is already declared"),
}


@pytest.mark.parametrize("files, expected", ERRORS.values(), ids=ERRORS.keys())
def test_each_problem_is_located(folder, files, expected):
    assert problems(folder(files)) == [expected]


def test_an_alias_may_not_take_a_shipped_id(folder):
    name = folder({"checks/a.yaml": rule(extra="aliases: [ratio-percent]\n")})
    shipped = display_path(shipped_rules_dir() / "checks" / "ratio-percent.yaml")
    assert problems(name) == [f"u/checks/a.yaml:1:1: id: rule id 'ratio-percent' is already used in {shipped}"]


def test_a_pattern_may_not_take_a_shipped_id(folder):
    name = folder({"lang/vi.yaml": pattern("{f:fraction} đạt {pct:percent}", pid="vi-fraction-then-percent")})
    shipped = display_path(shipped_rules_dir() / "lang" / "vi.yaml")
    assert problems(name) == [f"u/lang/vi.yaml:3:5: patterns.id: pattern id 'vi-fraction-then-percent' is already"
                              f" used in {shipped}"]


def test_a_missing_folder_is_named(folder):
    folder({})
    assert problems("nowhere") == ["nowhere: no such rules folder or file"]


def test_every_problem_in_every_file_is_collected_in_one_error(folder):
    name = folder({
        "lang/vi.yaml": pattern("{f:fraction} đạt {pct:number}"),
        "checks/a.yaml": rule(applies_to="fraction_percnt"),
        "checks/b.yaml": rule(id="rule-b", check="sum(parts) == pct", message="{pcnt}"),
        "checks/c.yaml": "id: rule-c\ntitle: T: bad\n",
    })
    assert problems(name) == [
        "u/lang/vi.yaml:6:44: patterns.fields.pct: field 'pct' is a percent, but 'pct' is a number",
        "u/checks/a.yaml:3:1: applies_to: unknown claim kind 'fraction_percnt' (did you mean 'fraction_percent'?) "
        f"(known: {SHIPPED_KINDS})",
        "u/checks/b.yaml:4:1: assert: unknown name 'parts' (did you mean 'part'?)",
        "u/checks/b.yaml:5:1: message: unknown name 'pcnt' (did you mean 'pct'?)",
        "u/checks/c.yaml:2:9: not valid YAML: mapping values are not allowed in this context",
    ]


def test_a_broken_kinds_file_is_reported_alone(folder):
    # every pattern and rule of a kind it fails to declare would fail too: the cause is enough
    name = folder({
        "kinds.yaml": "kinds:\n  pair:\n    description: d\n    fields:\n      a: {type: numbr, label: x}\n",
        "lang/vi.yaml": pattern("{f:fraction} đạt {pct:number}"),
        "checks/a.yaml": rule(applies_to="pair"),
    })
    assert problems(name) == [
        "u/kinds.yaml:5:11: kinds.pair.fields.a.type: unknown type 'numbr' (did you mean 'number'?)"]


# --- a user folder that works ---------------------------------------------------------------------------

USER_FOLDER = {
    "kinds.yaml": """\
kinds:
  distance_pair:
    description: A distance and the same distance in another unit.
    fields:
      first: {type: quantity, label: distance}
      second: {type: quantity, label: converted}
""",
    "lang/vi.yaml": """\
code: vi
patterns:
  - id: vi-distance-bracket
    kind: distance_pair
    match: "{first:quantity} \\\\( {second:quantity} \\\\)"
    examples: ["dài 100 dặm (161 km)"]
""",
    "checks/x.yaml": """\
id: distance-conversion
aliases: [old-distance]
title: A converted distance agrees with the original
applies_to: distance_pair
assert: close(to(first, second.unit), second, rel=0.02)
message: "{first.text} is {to(first, second.unit):.0f} {second.unit}, not {second.text}"
tests:
  pass: [{lang: vi, text: "dài 100 dặm (161 km)"}]
  fail: [{lang: vi, text: "dài 100 dặm (200 km)", spans: ["100 dặm", "200 km"]}]
""",
}


@pytest.fixture(scope="module")
def user_catalog(tmp_path_factory: pytest.TempPathFactory):
    """The working user folder's catalog, built once for the module (each build of a new folder takes a
    catalog cache miss: a fifth of a second)."""
    root = tmp_path_factory.mktemp("user")
    for name, text in USER_FOLDER.items():
        (root / "u" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "u" / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)  # rule paths as shown from the folder, as the other tests see them
        return load_catalog(["u"])


def test_a_user_folders_kind_pattern_and_check_work_together(user_catalog):
    assert "distance_pair" in user_catalog.kinds and set(default_catalog().kinds) < set(user_catalog.kinds)
    vi = user_catalog.languages["vi"]
    assert [p.id for p in vi.patterns][-1] == "vi-distance-bracket"
    assert len(vi.patterns) == len(default_catalog().languages["vi"].patterns) + 1
    assert [r.id for r in user_catalog.rules] == [r.id for r in default_catalog().rules] + ["distance-conversion"]
    assert factcheck.check("Quãng đường dài 100 dặm (161 km).", rules=user_catalog) == []
    findings = factcheck.check("Quãng đường dài 100 dặm (200 km).", rules=user_catalog)
    (finding,) = [f for f in findings if f.rule == "distance-conversion"]
    assert (finding.rule, finding.message) == ("distance-conversion", "100 dặm is 161 km, not 200 km")
    assert [(s.text, s.label) for s in finding.spans] == [("100 dặm", "distance"), ("200 km", "converted")]
    # the shipped checks still run beside it
    (seed,) = factcheck.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch", rules=user_catalog)
    assert seed.rule == "ratio-percent"


def test_an_extension_extends_the_language_its_code_names(folder):
    ext = USER_FOLDER["lang/vi.yaml"].replace("code: vi", "code: en")
    catalog = load_catalog([folder({**USER_FOLDER, "lang/vi.yaml": ext})])
    assert catalog.languages["en"].patterns[-1].id == "vi-distance-bracket"
    shipped_vi = default_catalog().languages["vi"].patterns
    assert [p.id for p in catalog.languages["vi"].patterns] == [p.id for p in shipped_vi]


@pytest.mark.parametrize("only, disable, expected", [
    (["old-distance"], [], ["distance-conversion"]),
    (["distance-conversion", "ratio-percent"], [], ["ratio-percent", "distance-conversion"]),
    ([], ["old-distance"], [r.id for r in default_catalog().rules]),
    (["old-distance", "weekday-date"], ["distance-conversion"], ["weekday-date"]),
])
def test_select_by_id_and_alias(user_catalog, only, disable, expected):
    assert [r.id for r in user_catalog.select(only, disable).rules] == expected


def test_select_names_unknown_rules(user_catalog):
    with pytest.raises(ConfigError) as exc:
        user_catalog.select(["ratio-percnt", "nope"], ["old-distanse"])
    assert [str(e) for e in exc.value.errors] == ["unknown rule 'ratio-percnt' (did you mean 'ratio-percent'?)",
                                                  "unknown rule 'nope'",
                                                  "unknown rule 'old-distanse' (did you mean 'old-distance'?)"]
