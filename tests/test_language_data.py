"""Language knowledge is data: the limits the scanner, the sentence splitter and the
dateline finder use come from the language pack, with defaults a pack may omit.

Each test changes one value in the shipped pack and sees the behaviour follow it: the
Python holds no Vietnamese or English of its own.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.checking.analysis import analyse
from factcheck.extracting.lexicon import compile_lexicon
from factcheck.extracting.mentions import Scanner
from factcheck.extracting.patterns import BOUNDARY
from factcheck.extracting.sentences import encode
from factcheck.loading.catalog import Catalog, ConfigError, default_catalog, load_catalog
from factcheck.loading.schema import LangSpec
from factcheck.reading.documents import Document

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = default_catalog()


def pack(lang: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "rules" / "lang" / f"{lang}.yaml").read_text(encoding="utf-8"))


def catalog_with(lang: str, *changes: tuple[tuple[str, ...], Any]) -> Catalog:
    """The shipped catalog with one language pack changed at some keys (a None value removes the key)."""
    data = copy.deepcopy(pack(lang))
    for path, value in changes:
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
    lexicon = compile_lexicon(LangSpec.model_validate(data))
    language = replace(SHIPPED.languages[lang], lexicon=lexicon, scanner=Scanner(lexicon))
    return replace(SHIPPED, languages={**SHIPPED.languages, lang: language})


def found(catalog: Catalog, lang: str, text: str, published: dt.date | None = None) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in catalog.languages[lang].scanner.scan(text, published)]


def test_the_shipped_packs_state_the_defaults():
    """vi.yaml and en.yaml write out the values the defaults hold, so a reader finds them there."""
    for lang in ("vi", "en"):
        spec = LangSpec.model_validate(pack(lang))
        bare = {k: v for k, v in pack(lang).items() if k not in ("sentences", "dateline")}
        bare["fractions"] = {k: v for k, v in bare["fractions"].items() if k != "years_not_wholes"}
        bare["dates"] = {k: v for k, v in bare["dates"].items()
                         if k not in ("in_brackets", "abbreviation_length", "two_digit_year_pivot")}
        default = LangSpec.model_validate(bare)
        for part in ("sentences", "dateline"):
            assert getattr(spec, part) == getattr(default, part)
        assert spec.fractions.years_not_wholes == default.fractions.years_not_wholes == (1800, 2099)
        assert (spec.dates.in_brackets, spec.dates.abbreviation_length, spec.dates.two_digit_year_pivot) == (
            default.dates.in_brackets, default.dates.abbreviation_length, default.dates.two_digit_year_pivot)


def test_the_years_that_are_no_wholes():
    assert found(SHIPPED, "en", "one of 2019's best") == []  # a year, not a whole
    narrower = catalog_with("en", (("fractions", "years_not_wholes"), [1800, 1999]))
    assert found(narrower, "en", "one of 2019's best") == [("fraction", "one of 2019")]


def test_a_day_month_alone_in_brackets():
    assert found(SHIPPED, "vi", "đoàn đi (27/4) rồi về") == [("date", "27/4")]
    assert found(SHIPPED, "vi", "đạt 58,3% (7/12)") == [("percent", "58,3%"), ("fraction", "7/12")]
    no_gloss = catalog_with("vi", (("dates", "in_brackets", "unless_after"), []))
    assert found(no_gloss, "vi", "đạt 58,3% (7/12)") == [("percent", "58,3%"), ("date", "7/12")]
    wider = catalog_with("vi", (("dates", "in_brackets", "within"), 8))
    assert found(wider, "vi", "đạt 58,3% số hộ (7/12)")[-1] == ("fraction", "7/12")
    assert found(SHIPPED, "vi", "đạt 58,3% số hộ (7/12)")[-1] == ("date", "7/12")
    no_rule = catalog_with("vi", (("dates", "in_brackets", "date"), False))
    assert found(no_rule, "vi", "đoàn đi (27/4) rồi về") == [("fraction", "27/4")]


def test_the_length_of_a_weekday_abbreviation():
    assert found(SHIPPED, "en", "held on Wed., Aug. 5, 2020")[0] == ("weekday", "Wed.")  # an abbreviation's dot
    # "wed" a name: the dot a full stop, so nothing links it to the date
    shorter = catalog_with("en", (("dates", "abbreviation_length"), 2))
    assert found(shorter, "en", "held on Wed., Aug. 5, 2020") == [("date", "Aug. 5, 2020")]


def test_the_two_digit_year_pivot():
    assert SHIPPED.languages["vi"].scanner.scan("Chủ nhật 15/5/05")[-1].value.year == 2005
    late = catalog_with("vi", (("dates", "two_digit_year_pivot"), 0))
    assert late.languages["vi"].scanner.scan("Chủ nhật 15/5/05")[-1].value.year == 1905


def test_when_a_line_looks_wrapped():
    text = "Huyện đã kết nạp được 7/13 đảng viên mới\ntrong sáu tháng đầu năm nay"  # a line of 40
    lexicon = SHIPPED.languages["vi"].lexicon
    mentions = SHIPPED.languages["vi"].scanner.scan(text)
    assert BOUNDARY in encode(text, mentions, lexicon.abbreviations, lexicon.lines)  # too short to be wrapped
    narrow = catalog_with("vi", (("sentences", "wrapped_width"), 30)).languages["vi"].lexicon
    assert BOUNDARY not in encode(text, mentions, narrow.abbreviations, narrow.lines)
    width = (("sentences", "wrapped_width"), 30)
    stop = catalog_with("vi", width, (("sentences", "stops"), ".!?:;…i")).languages["vi"].lexicon  # "mới" ends a line
    assert BOUNDARY in encode(text, mentions, stop.abbreviations, stop.lines)
    quoted = text.replace("\ntrong", "\n«trong")  # a line going on with a sign
    assert BOUNDARY in encode(quoted, mentions, narrow.abbreviations, narrow.lines)
    signs = catalog_with("vi", width, (("sentences", "wrapped_starts"), "«")).languages["vi"].lexicon
    assert BOUNDARY not in encode(quoted, mentions, signs.abbreviations, signs.lines)


DATELINE = "Cập nhật lúc 8 giờ sáng theo giờ Hà Nội, thứ Tư 05/08/2020\n\nHội nghị đã diễn ra ngày 6/8."


def test_the_limits_of_a_dateline():
    assert analyse(Document("<t>", DATELINE, "vi"), SHIPPED).document.published is None  # too many words beside
    wordy = catalog_with("vi", (("dateline", "words_beside"), 12))
    assert analyse(Document("<t>", DATELINE, "vi"), wordy).document.published == dt.date(2020, 8, 5)
    short = catalog_with("vi", (("dateline", "words_beside"), 12), (("dateline", "line_length"), 40))
    assert analyse(Document("<t>", DATELINE, "vi"), short).document.published is None


def test_plain_space_groups_only_where_the_pack_reads_them():
    assert found(SHIPPED, "vi", "có 2 340 đảng viên") == [("number", "2 340")]
    assert found(catalog_with("vi", (("numbers", "space_groups"), None)), "vi", "có 2 340 đảng viên") == [
        ("number", "2"), ("number", "340")]
    after_co = catalog_with("vi", (("numbers", "space_groups"), {"not_after": ["có"]}))
    assert found(after_co, "vi", "có 2 340 đảng viên") == [("number", "2"), ("number", "340")]
    assert found(after_co, "vi", "với 2 340 đảng viên") == [("number", "2 340")]


# --- a pack that names what does not exist -------------------------------------------------------------

PACK = """\
code: xx
name: Test
locale: en
detect_words: [the]
percent: {signs: ["%"]}
dates:
  formats: [{format: "{d}/{m}/{y}"}]
"""


@pytest.mark.parametrize("extra, message", [
    ("  in_brackets: {unless_after: [procent]}\n",
     "u/lang/xx.yaml:8:32: dates.in_brackets.unless_after: unknown mention kind 'procent' (did you mean 'percent'?)"),
    ("  two_digit_year_pivot: 150\n", "u/lang/xx.yaml:8:3: dates.two_digit_year_pivot: Input should be less than or"
                                      " equal to 100"),
    ("fractions: {years_not_wholes: [2099, 1800]}\n",
     "u/lang/xx.yaml:8:13: fractions.years_not_wholes: Value error, the first year comes after the last"),
])
def test_a_wrong_value_in_a_pack_is_an_error_at_its_key(tmp_path, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u" / "lang").mkdir(parents=True)
    (tmp_path / "u" / "lang" / "xx.yaml").write_text(PACK + extra, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_catalog(["u"])
    assert [str(e) for e in exc.value.errors] == [message]
