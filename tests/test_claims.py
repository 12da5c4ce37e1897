"""Claims: the relations the language patterns find between the mentions of one sentence.

``found(lang, text)`` runs the stages up to claims (scan, encode, extract) and shows each
claim as ``(kind, {field: value})``, where a value is the bound text, ``"7 of 7/13"`` for
a part of a compound mention, and a list for a list field.
"""

from __future__ import annotations

import pytest

from factcheck.extracting.claims import Binding, Claim, extract
from factcheck.extracting.mentions import Mention
from factcheck.extracting.patterns import compile_pattern
from factcheck.extracting.sentences import encode
from factcheck.loading.catalog import default_catalog
from factcheck.loading.schema import MENTION_KINDS

CATALOG = default_catalog()


def run(lang: str, text: str, patterns=None) -> tuple[list[Mention], list[Claim]]:
    language = CATALOG.languages[lang]
    mentions = language.scanner.scan(text)
    encoded = encode(text, mentions, language.lexicon.abbreviations)
    return mentions, extract(encoded, mentions, language.patterns if patterns is None else patterns,
                             CATALOG.list_fields)


def shown(b: Binding) -> str:
    return b.mention.text if b.part is None else f"{b.mention.text} of {b.owner.text}"


def found(lang: str, text: str) -> list[tuple[str, dict]]:
    return [(c.kind, {name: [shown(b) for b in v] if isinstance(v, list) else shown(v) for name, v in c.fields.items()})
            for c in run(lang, text)[1]]


def fraction_percent(part: str, whole: str, fraction: str, pct: str) -> tuple[str, dict]:
    return ("fraction_percent", {"part": f"{part} of {fraction}", "whole": f"{whole} of {fraction}", "pct": pct})


# --- one claim per text, in both languages ------------------------------------------------------------

CLAIMS = [
    ("vi", "kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch", [fraction_percent("7", "13", "7/13", "56,8%")]),
    ("vi", "12/13 địa phương hoàn thành, bằng 92,3%", [fraction_percent("12", "13", "12/13", "92,3%")]),
    ("vi", "kết quả: 36/39 người (92,3%) được hỏi", [fraction_percent("36", "39", "36/39", "92,3%")]),
    ("vi", "tỷ lệ đạt 51,62% (2.235/4.330 học sinh)",
     [fraction_percent("2.235", "4.330", "2.235/4.330", "51,62%")]),
    ("vi", "Đảng bộ có 25 tổ chức cơ sở đảng trực thuộc, gồm 11 đảng bộ và 14 chi bộ, với 2.340 đảng viên.",
     [("total_parts", {"total": "25", "parts": ["11", "14"]})]),
    ("vi", "Toàn huyện có 42 trường: 15 trường mầm non, 14 trường tiểu học và 13 trường THCS",
     [("total_parts", {"total": "42", "parts": ["15", "14", "13"]})]),
    ("vi", "đội ngũ 306 người (10 tiến sĩ, 266 thạc sĩ, 30 cử nhân)",
     [("total_parts", {"total": "306", "parts": ["10", "266", "30"]})]),
    ("vi", "tổng số 2.452 mẫu, trong đó 1.569 mẫu đạt và 16 mẫu không đạt",
     [("total_partial", {"total": "2.452", "parts": ["1.569", "16"]})]),
    ("vi", "Xã có 500 hộ, trong đó 120 hộ nghèo.", [("total_partial", {"total": "500", "parts": ["120"]})]),
    ("vi", "Thứ Tư, 05/08/2020, 08:11 [GMT+7]", [("weekday_date", {"day": "Thứ Tư", "date": "05/08/2020"})]),
    ("vi", "ngày 5/8/2020 (thứ Tư)", [("weekday_date", {"day": "thứ Tư", "date": "5/8/2020"})]),
    ("vi", "vào thứ Ba (27/4), đoàn sẽ lên đường", [("weekday_date", {"day": "thứ Ba", "date": "27/4"})]),
    ("en", "7 of 13 members (53.8%) voted for it", [fraction_percent("7", "13", "7 of 13", "53.8%")]),
    ("en", "Seven of the 13 districts, or 54%, reported a rise",
     [fraction_percent("Seven", "13", "Seven of the 13", "54%")]),
    ("en", "a turnout of 54% (7 of 13 members)", [fraction_percent("7", "13", "7 of 13", "54%")]),
    ("en", "The party has 25 organisations, comprising 11 committees and 14 cells.",
     [("total_parts", {"total": "25", "parts": ["11", "14"]})]),
    ("en", "The district has 42 schools: 15 kindergartens, 14 primary and 13 secondary.",
     [("total_parts", {"total": "42", "parts": ["15", "14", "13"]})]),
    ("en", "Of the 25 organisations, 11 are committees and 14 are cells.",
     [("total_parts", {"total": "25", "parts": ["11", "14"]})]),
    ("en", "It handled 410,000 TEU, of which 260,000 were exports.",
     [("total_partial", {"total": "410,000", "parts": ["260,000"]})]),
    ("en", "Wednesday, August 5, 2020", [("weekday_date", {"day": "Wednesday", "date": "August 5, 2020"})]),
    ("en", "on August 5, 2020 (Wednesday)", [("weekday_date", {"day": "Wednesday", "date": "August 5, 2020"})]),
]


@pytest.mark.parametrize("lang, text, expected", CLAIMS, ids=[f"{c[0]}:{c[1][:40]}" for c in CLAIMS])
def test_claims_and_their_fields(lang, text, expected):
    assert found(lang, text) == expected


@pytest.mark.parametrize("lang, text", [
    ("vi", "Đảng bộ hiện có 26 chi bộ trực thuộc, với 553 đảng viên."),
    ("vi", "ước tính hết năm 2020 sẽ kết nạp được 113 đảng viên, đạt tỷ lệ 118,9% so với chỉ tiêu"),
    ("vi", "Thời gian qua có 11 đảng bộ và 14 chi bộ đạt trong sạch vững mạnh."),
    ("vi", "Trưởng thôn Tằng A Sám (thứ 2, trái sang) vận động người dân."),
    ("vi", "hội nghị lần thứ 2 (17/3) ông Trường đang chờ"),
    ("vi", "tháng 9/2020 là 3.269 doanh nghiệp, tăng 114,9%"),
    ("vi", "7/13 đảng viên; năm 2019 đạt 50%"),
    ("vi", "ngày 30/4, lượng khách đặt phòng đạt 85%"),
    ("vi", "tỷ lệ khỏi ra viện 72,68/65%; khám cấp cứu đạt 98%"),
    ("en", "7 of 13 districts grew and 54% of people agreed"),
    ("en", "Seven of the 13 members voted on August 5, 2020."),
    ("en", "The county had 120 schools in 2019 and 42 in 1990."),
])
def test_no_claim(lang, text):
    assert found(lang, text) == []


# --- bindings ---------------------------------------------------------------------------------------

def test_a_fractions_parts_are_bound_with_the_fractions_index(seed_sentence):
    mentions, claims = run("vi", seed_sentence)
    assert [(m.kind, m.text) for m in mentions] == [("duration", "6 tháng"), ("year", "2020"),
                                                     ("fraction", "7/13"), ("percent", "56,8%")]
    (claim,) = claims
    fraction, pct = mentions[2], mentions[3]
    part, whole, stated = claim.fields["part"], claim.fields["whole"], claim.fields["pct"]
    assert (part.index, part.part, part.mention, part.owner) == (2, "part", fraction.parts["part"], fraction)
    assert (whole.index, whole.part, whole.mention, whole.owner) == (2, "whole", fraction.parts["whole"], fraction)
    assert (stated.index, stated.part, stated.mention, stated.owner) == (3, None, pct, pct)
    assert (claim.kind, claim.pattern) == ("fraction_percent", "vi-fraction-then-percent")
    assert (claim.start, claim.end) == (fraction.start, pct.end)
    assert seed_sentence[claim.start : claim.end].startswith("7/13") and seed_sentence[: claim.end].endswith("56,8%")
    assert claim.bindings() == [part, whole, stated]


def test_a_list_field_binds_every_item_in_order():
    mentions, (claim,) = run("en", "The district has 42 schools: 15 kindergartens, 14 primary and 13 secondary.")
    assert claim.fields["total"].index == 0
    assert [(b.index, b.part, b.mention.text) for b in claim.fields["parts"]] == [(1, None, "15"), (2, None, "14"),
                                                                                    (3, None, "13")]
    assert (claim.start, claim.end) == (mentions[0].start, mentions[3].end)


def test_a_claim_spans_its_mentions_whatever_the_field_order():
    mentions, (claim,) = run("vi", "đạt 51,62% (2.235/4.330 học sinh)")
    assert [f for f in claim.fields] == ["part", "whole", "pct"]
    assert (claim.start, claim.end) == (mentions[0].start, mentions[1].end)


# --- order and de-duplication --------------------------------------------------------------------------

def test_claims_come_in_text_order_whatever_the_pattern_order():
    text = ("Thứ Tư, 05/08/2020. Đảng bộ có 25 tổ chức, gồm 11 đảng bộ và 14 chi bộ. "
            "Đã kết nạp 7/13 đảng viên, đạt 53,8%.")
    _, claims = run("vi", text)
    assert [c.kind for c in claims] == ["weekday_date", "total_parts", "fraction_percent"]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    _, reversed_patterns = run("vi", text, list(reversed(CATALOG.languages["vi"].patterns)))
    assert [(c.kind, c.start) for c in reversed_patterns] == [(c.kind, c.start) for c in claims]


def test_english_claims_in_text_order():
    text = ("Wednesday, August 5, 2020: Of the 25 organisations, 11 are committees and 14 are cells. "
            "Seven of the 13 members (54%) agreed.")
    assert [kind for kind, _ in found("en", text)] == ["weekday_date", "total_parts", "fraction_percent"]


def _twin_patterns():
    patterns = []
    for pid in ("first", "second"):
        compiled = compile_pattern(pid, "fraction_percent", "{f:fraction} {gap:0-6} (đạt) {pct:percent}", {},
                                   MENTION_KINDS)
        compiled.bindings = {"part": ("f", "part"), "whole": ("f", "whole"), "pct": ("pct", None)}
        patterns.append(compiled)
    return patterns


def test_the_same_claim_from_two_patterns_is_kept_once(seed_sentence):
    _, claims = run("vi", seed_sentence, _twin_patterns())
    assert [(c.kind, c.pattern) for c in claims] == [("fraction_percent", "first")]


def test_a_claim_is_kept_once_per_sentence_that_states_it():
    text = "Có 7/13 đảng viên, đạt 53,8%. Lại có 7/13 đảng viên, đạt 53,8%."
    _, claims = run("vi", text, _twin_patterns())
    assert [c.fields["pct"].index for c in claims] == [1, 3]


def test_a_binding_to_a_part_a_mention_lacks_makes_no_claim():
    compiled = compile_pattern("p", "fraction_percent", "{f:fraction|number} {gap:0-6} (đạt) {pct:percent}", {},
                               MENTION_KINDS)
    compiled.bindings = {"part": ("f", "part"), "whole": ("f", "whole"), "pct": ("pct", None)}
    assert run("vi", "có 25 đảng viên, đạt 53,8%", [compiled])[1] == []
    assert len(run("vi", "có 7/13 đảng viên, đạt 53,8%", [compiled])[1]) == 1


def test_a_partial_list_gives_one_claim():
    assert found("en", "It handled 410,000 TEU, of which 260,000 were exports and 120,000 imports.") == [
        ("total_partial", {"total": "410,000", "parts": ["260,000", "120,000"]})]


# --- the seed ------------------------------------------------------------------------------------------

def test_the_seeds_claims_exactly(root):
    text = (root / "seeds" / "binh-lieu-2020-08-05.txt").read_text(encoding="utf-8")
    mentions, claims = run("vi", text)
    checked = {"weekday_date", "total_parts", "total_partial", "fraction_percent"}
    assert [claim for claim in found("vi", text) if claim[0] in checked] == [
        ("weekday_date", {"day": "Thứ Tư", "date": "05/08/2020"}),
        ("total_parts", {"total": "25", "parts": ["11", "14"]}),  # 11 + 14 = 25; the 2.340 members are no part
        fraction_percent("7", "13", "7/13", "56,8%"),
    ]
    # the town's 26 cells (another whole), 113 members at 118,9% of a target never stated: no claim of any kind
    used = {b.owner.text for c in claims for b in c.bindings()}
    assert used.isdisjoint({"2.340", "26", "553", "113", "118,9%"})
    # the ordinal "(thứ 2, trái sang)", twice in the seed, is no weekday at all
    assert [m.text for m in mentions if m.kind == "weekday"] == ["Thứ Tư"]
