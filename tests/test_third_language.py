"""A third language from a pack alone: French (tests/data/lang-fr), loaded as a user rule
folder. The shipped checks find a French fraction-percent error and a weekday error, and
pass the correct texts: the Python holds no Vietnamese or English of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factcheck
from factcheck.loading.catalog import Catalog, load_catalog

FRENCH = Path(__file__).resolve().parent / "data" / "lang-fr"


@pytest.fixture(scope="module")
def french() -> Catalog:
    return load_catalog([FRENCH])


def mentions(catalog: Catalog, text: str) -> list[tuple[str, str, object]]:
    return [(m.kind, m.text, m.value.plain()) for m in catalog.languages["fr"].scanner.scan(text)]


@pytest.mark.parametrize("text, expected", [
    ("une récolte de 1 234,5 tonnes", [("quantity", "1 234,5 tonnes", 1234.5)]),
    ("le parti compte 1 234 adhérents", [("number", "1 234", 1234.0)]),
    ("7 sur 13 membres", [("fraction", "7 sur 13", 7 / 13)]),
    ("soit 53,8 % des voix", [("percent", "53,8 %", 53.8)]),
    ("mercredi 5 août 2020", [("weekday", "mercredi", 2), ("date", "5 août 2020", "2020-08-05")]),
    ("le 15/05/2021", [("date", "15/05/2021", "2021-05-15")]),
    ("à 8h30 précises", []),  # a clock time, a look-alike the pack names
])
def test_french_values_are_read_from_the_pack_and_cldr(french, text, expected):
    assert mentions(french, text) == expected


@pytest.mark.parametrize("text, rule, message, fix", [
    ("7 sur 13 membres, soit 56,8 %, ont voté pour.", "ratio-percent", "7/13 = 53.8%, but the text says 56,8 %",
     "53,8"),
    ("La réunion a eu lieu jeudi 5 août 2020 à Paris.", "weekday-date",
     "5 août 2020 was a Wednesday, but the text says jeudi", None),
    ("Le parti compte 1 234 adhérents, répartis en 600 femmes et 654 hommes.", "sum-of-parts",
     "the parts add up to 600 + 654 = 1254, but the text gives the total as 1 234", None),
])
def test_the_shipped_checks_find_french_errors(french, text, rule, message, fix):
    (finding,) = factcheck.check(text, lang="fr", rules=french)
    assert (finding.rule, finding.message) == (rule, message)
    if fix is not None:
        assert finding.fix is not None and finding.fix.replacement == fix
        assert text[finding.fix.start : finding.fix.end] == "56,8"


@pytest.mark.parametrize("text", [
    "7 sur 13 membres, soit 53,8 %, ont voté pour.",
    "La réunion a eu lieu mercredi 5 août 2020 à Paris.",
    "Le parti compte 1 234 adhérents, répartis en 600 femmes et 634 hommes.",
])
def test_and_pass_the_correct_ones(french, text):
    assert factcheck.check(text, lang="fr", rules=french) == []


def test_french_is_detected_and_run_from_the_command_line(cli, tmp_path):
    doc = tmp_path / "article.txt"
    doc.write_text("La réunion du bureau a eu lieu jeudi 5 août 2020 à Paris, avec les élus de la ville.\n",
                   encoding="utf-8")
    result = cli("run", str(doc), "--rules", str(FRENCH), "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "weekday-date" and [s["text"] for s in finding["spans"]] == ["jeudi", "5 août 2020"]
