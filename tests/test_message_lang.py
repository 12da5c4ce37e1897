"""Messages in the article's language: a rule's title, message and help per language, the
document's language by default, ``--message-lang`` to choose, numbers in that language's
format, English when a rule has no translation, and ``factcheck test`` holding every shipped
rule to both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factcheck
from factcheck.checking.wording import in_language, per_language
from factcheck.loading.catalog import ConfigError, default_catalog, load_catalog
from factcheck.running.ruletests import rule_cases

SEED = "seeds/binh-lieu-2020-08-05.txt"
ENGLISH_SEED = "seeds/en-council-turnout.txt"
SEED_VI = "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"
SEED_EN = "7/13 = 53.8%, but the text says trên 56,8%"


def findings_of(cli, *args: str) -> list[dict]:
    result = cli("run", *args, "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.stderr
    return json.loads(result.stdout)["findings"]


def test_the_seed_reads_in_vietnamese_by_default_with_a_decimal_comma(cli):
    [finding] = findings_of(cli, SEED)
    assert (finding["message"], finding["message_lang"]) == (SEED_VI, "vi")
    assert finding["fix"] == {"span": 1, "replacement": "53,8", "start": 3691, "end": 3695}


def test_message_lang_en_writes_english_with_a_decimal_point_and_leaves_the_fix_in_the_texts_format(cli):
    [finding] = findings_of(cli, SEED, "--message-lang", "en")
    assert (finding["message"], finding["message_lang"]) == (SEED_EN, "en")
    # the fix replaces characters of the Vietnamese text, so it is written as that text writes numbers
    assert finding["fix"] == {"span": 1, "replacement": "53,8", "start": 3691, "end": 3695}


def test_message_lang_vi_on_an_english_article(cli):
    [finding] = findings_of(cli, ENGLISH_SEED, "--message-lang", "vi")
    assert finding["message"] == "7/13 = 53,8%, nhưng bài viết ghi 58.3%"  # the stated figure quoted as written
    assert finding["message_lang"] == "vi"
    assert finding["fix"]["replacement"] == "53.8"


def test_message_lang_auto_is_the_default_and_each_document_gets_its_own(cli):
    by_path = {f["path"]: (f["message_lang"], f["message"]) for f in findings_of(cli, "seeds/", "--message-lang", "auto")}
    assert by_path[SEED] == ("vi", SEED_VI)
    assert by_path[ENGLISH_SEED] == ("en", "7/13 = 53.8%, but the text says 58.3%")
    assert by_path["seeds/vi-lich-tiep-dan.txt"] == ("vi", "05/08/2020 là Thứ Tư, nhưng bài viết ghi Thứ Năm")


def test_an_unknown_message_lang_is_a_usage_error(cli):
    result = cli("run", SEED, "--message-lang", "fr", "--no-cache")
    assert result.exit_code == 2
    assert "--message-lang 'fr': expected auto or one of en, vi" in result.stderr


def test_the_text_report_shows_help_in_the_message_language(cli):
    text = cli("run", SEED, "--no-cache", "--message-lang", "en").stdout
    assert f"error[ratio-percent]: {SEED_EN}\n" in text and "= help: Recompute the percentage, or correct the fraction.\n" in text
    text = cli("run", SEED, "--no-cache").stdout
    assert f"error[ratio-percent]: {SEED_VI}\n" in text and "= help: Tính lại tỷ lệ phần trăm, hoặc sửa lại phân số.\n" in text


def test_the_result_cache_keeps_the_language_and_keys_it(cli, tmp_path):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for _ in range(2):  # the second run reads the cache
        vi = json.loads(cli("run", SEED, "--format", "json", *cache).stdout)["findings"][0]
        en = json.loads(cli("run", SEED, "--format", "json", "--message-lang", "en", *cache).stdout)["findings"][0]
        assert (vi["message_lang"], vi["message"]) == ("vi", SEED_VI)
        assert (en["message_lang"], en["message"]) == ("en", SEED_EN)


def test_the_library_writes_in_the_documents_language_or_the_catalogs():
    [vi] = factcheck.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch", lang="vi")
    assert (vi.message, vi.message_lang, vi.help) == ("7/13 = 53,8%, nhưng bài viết ghi trên 56,8%", "vi",
                                                     "Tính lại tỷ lệ phần trăm, hoặc sửa lại phân số.")
    [en] = factcheck.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch", lang="vi",
                           rules=default_catalog().writing("en"))
    assert (en.message, en.message_lang, en.title) == ("7/13 = 53.8%, but the text says trên 56,8%", "en",
                                                      "A fraction agrees with the percentage stated for it")


# --- a rule's texts per language ----------------------------------------------------------------------------

RULE = """\
id: round-share
title: {title}
applies_to: fraction_percent
assert: agrees(part / whole * 100, pct)
message: {message}
help: {help}
tests:
  pass: [{{lang: vi, text: "kết nạp được 12/13 đảng viên, đạt 92,3%"}}]
  fail: [{{lang: vi, text: "kết nạp được 12/13 đảng viên, đạt 95,3%", message: "{expected}"}}]
"""
VI_TEXT = "kết nạp được 12/13 đảng viên, đạt 95,3%"


def user_rule(tmp_path: Path, **texts: str) -> Path:
    folder = tmp_path / "u"  # shown as u/... when the test runs from tmp_path
    (folder / "checks").mkdir(parents=True)
    values = {"title": "A share", "help": "Recompute.", "expected": "", **texts}
    (folder / "checks" / "round-share.yaml").write_text(RULE.format(**values), encoding="utf-8")
    return folder


def test_a_rule_without_a_translation_speaks_english_with_english_numbers(tmp_path):
    folder = user_rule(tmp_path, message='"{part / whole * 100:.1f}% is not {pct.text}"')
    catalog = load_catalog([folder]).select(only=["round-share"])
    [finding] = factcheck.check(VI_TEXT, lang="vi", rules=catalog)
    assert (finding.message, finding.message_lang, finding.help) == ("92.3% is not 95,3%", "en", "Recompute.")


def test_a_rule_in_two_languages_speaks_the_documents(tmp_path):
    folder = user_rule(tmp_path, message='{en: "{part / whole * 100:.1f}% is not {pct.text}", '
                                         'vi: "{part / whole * 100:.1f}% chứ không phải {pct.text}"}',
                       help="{en: Recompute., vi: Tính lại.}")
    catalog = load_catalog([folder]).select(only=["round-share"])
    [finding] = factcheck.check(VI_TEXT, lang="vi", rules=catalog)
    assert (finding.message, finding.message_lang, finding.help) == ("92,3% chứ không phải 95,3%", "vi", "Tính lại.")


def test_the_rules_own_fail_message_is_checked_in_the_language_of_the_case(tmp_path):
    two = '{en: "{part / whole * 100:.1f}% is not {pct.text}", vi: "{part / whole * 100:.1f}% chứ không phải {pct.text}"}'
    cases = {}
    for expected in ("92,3% chứ không phải", "92.3% is not"):
        folder = user_rule(tmp_path / expected.replace(" ", "-"), message=two, expected=expected)
        catalog = load_catalog([folder])
        [(cid, run)] = [(cid, run) for cid, run in rule_cases(catalog) if cid == "round-share::fail[0]"]
        cases[expected] = run()
    assert cases["92,3% chứ không phải"].ok
    assert not cases["92.3% is not"].ok
    assert "a message containing '92.3% is not'" in cases["92.3% is not"].detail
    assert "round-share: 92,3% chứ không phải 95,3%" in cases["92.3% is not"].detail


def test_a_text_per_language_that_is_not_one_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = user_rule(tmp_path, message='{EN: "x"}', title="{en: [a, b]}")
    with pytest.raises(ConfigError) as exc:
        load_catalog([folder])
    assert [str(e) for e in exc.value.errors] == [
        "u/checks/round-share.yaml:2:1: title: Value error, the en text must be a string, not list",
        "u/checks/round-share.yaml:5:1: message: Value error, 'EN' is not a language code"
        " (two or three lowercase letters, e.g. en, vi)",
    ]


def test_a_template_error_names_the_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = user_rule(tmp_path, message='{en: "{part}", vi: "{parts}"}')
    with pytest.raises(ConfigError) as exc:
        load_catalog([folder])
    assert [str(e) for e in exc.value.errors] == [
        "u/checks/round-share.yaml:5:25: message.vi: unknown name 'parts' (did you mean 'part'?)"]


# --- factcheck test: every shipped rule in both languages -----------------------------------------------------


def test_every_shipped_rule_has_a_languages_case_and_they_pass():
    cases = {cid: run for cid, run in rule_cases(default_catalog()) if cid.endswith("::languages")}
    assert set(cases) == {f"{rule.id}::languages" for rule in default_catalog().rules}
    assert all(run().ok for run in cases.values())


def test_a_shipped_rule_missing_a_translation_fails_its_languages_case(monkeypatch):
    catalog = default_catalog()
    ratio = next(r for r in catalog.rules if r.id == "ratio-percent")
    monkeypatch.setattr(ratio, "spec", ratio.spec.replace(help="Recompute.", message={"vi": "x"}))
    [run] = [run for cid, run in rule_cases(catalog) if cid == "ratio-percent::languages"]
    result = run()
    assert not result.ok
    assert result.detail == "no message in en, no help in vi"


def test_wording_falls_back_to_english_then_to_the_first():
    assert in_language({"en": "a", "vi": "b"}, "vi") == ("vi", "b")
    assert in_language({"en": "a", "vi": "b"}, "fr") == ("en", "a")
    assert in_language({"vi": "b"}, "en") == ("vi", "b")
    assert per_language("plain") == {"en": "plain"} and per_language(None) == {}


def test_weekday_names_in_vietnamese_come_from_cldr():
    [finding] = factcheck.check("Chủ tịch huyện tiếp công dân vào Chủ Nhật, 05/08/2020.", lang="vi")
    assert finding.message == "05/08/2020 là Thứ Tư, nhưng bài viết ghi Chủ Nhật"
    assert finding.evidence == {"date": "2020-08-05", "computed": "Wednesday", "stated": "Sunday"}  # evidence stays English
