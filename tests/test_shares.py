"""Shares and ratios as news writes them (extracting/shares.py, extracting/ratios.py).

``read(lang, text)`` shows every claim the ratio and share readers make, as ``(kind,
{field: text})``, and ``findings(lang, text)`` the findings with their spans. Each case
is our own writing: the phrasing a reader must read, and the trap it must leave alone.
"""

from __future__ import annotations

import pytest

from factcheck.checking.analysis import analyse
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

CATALOG = default_catalog()
READERS = {"en-fraction-percent-of-target", "vi-count-percent", "en-count-percent", "vi-shares", "en-shares",
           "en-shares-lead", "en-load-factor", "vi-win-rate", "vi-part-of-total-percent", "en-part-of-total-percent"}


def claims(lang: str, text: str) -> list:
    return [c for c in analyse(Document("t", text, lang), CATALOG).claims if c.pattern in READERS]


def read(lang: str, text: str) -> list[tuple[str, dict]]:
    def shown(v):
        return [b.mention.text for b in v] if isinstance(v, list) else v.mention.text
    return [(c.kind, {k: shown(v) for k, v in c.fields.items()}) for c in claims(lang, text)]


def findings(lang: str, text: str) -> list[tuple[str, list[str], str]]:
    return [(f.rule, [s.text for s in f.spans], f.message) for f in analyse(Document("t", text, lang), CATALOG).findings]


def ratio(part: str, whole: str, pct: str) -> tuple[str, dict]:
    return ("fraction_percent", {"part": part, "whole": whole, "pct": pct})


# --- a count and its percentage, the whole earlier in the sentence ---------------------------------

RATIOS = [
    ("vi", "Năm ngoái trường có 1.250 học sinh dự thi thì chỉ có 50 em (4%) đạt điểm tuyệt đối.",
     [ratio("50", "1.250", "4%")]),
    ("vi", "Đoàn đã kiểm tra 320 cơ sở kinh doanh, phát hiện 48 cơ sở vi phạm (chiếm 15%).",
     [ratio("48", "320", "15%")]),
    ("vi", "Quỹ có vốn 80 tỷ đồng, trong đó nhà nước góp 20 tỷ đồng (tương đương 25%).",
     [ratio("20 tỷ đồng", "80 tỷ đồng", "25%")]),
    ("vi", "Tổng vốn là 400 tỷ đồng, trong đó vốn vay là 100 tỷ đồng, chiếm 25%, vốn tự có là 300 tỷ đồng, chiếm 75%.",
     [ratio("100 tỷ đồng", "400 tỷ đồng", "25%"), ratio("300 tỷ đồng", "400 tỷ đồng", "75%")]),
    # a clause after ";" has its own whole
    ("vi", "Khối tỉnh có 2.000 người thì 100 người (5%) đạt chuẩn; khối huyện có 800 người, chỉ 16 người (2%) đạt.",
     [ratio("100", "2.000", "5%"), ratio("16", "800", "2%")]),
    # a value in a bracket that closed before the count is an aside, not its whole
    ("vi", "Toàn tỉnh có 1.500 giáo viên (trong đó dưới 30 tuổi có 240 người) thì chỉ 90 người (6%) có bằng thạc sĩ.",
     [ratio("90", "1.500", "6%")]),
    ("en", "The club has 1,600 members, and 400 of them live abroad (25%).", [ratio("400", "1,600", "25%")]),
    ("en", "Inspectors visited 320 restaurants and found 48 breaking the rules, or 15%.", [ratio("48", "320", "15%")]),
    ("en", "The agency settled 9 of the 20 claims, just over 45% of the target.", [ratio("9", "20", "45%")]),
    ("en", "Of 48 applicants, 30 were accepted, an acceptance rate of 63%.", [ratio("30", "48", "63%")]),
    ("vi", "Lớp có 32 học sinh thì 24 em đạt điểm giỏi môn Toán, tỷ lệ 75%, cao nhất khối.", [ratio("24", "32", "75%")]),
]

NOT_RATIOS = [
    ("vi", "Xã có 800 hộ, trong đó 120 hộ nghèo (15% số hộ của huyện)."),  # the percentage names its own base
    ("vi", "Doanh thu đạt 500 tỷ đồng, lợi nhuận 60 tỷ đồng (tăng 12%)."),  # it goes on: a change
    ("vi", "Năm nay có 1.200 hộ nghèo, giảm 300 hộ (20%) so với năm trước."),  # a change and its percentage
    ("vi", "Cứ 10 người tiêu dùng thì có 9 người (chiếm 92%) mua sắm qua mạng."),  # a rounded rate, not a count
    # the earlier value has its own share: the later one is parallel to it
    ("vi", "Tháng qua ghi nhận 18 triệu ca mắc, chiếm 12,4% tổng số ca, trong đó có 290 nghìn ca tử vong, chiếm 9,4%."),
    # a table: the words before the bracket are the next row's name
    ("vi", "Giá xe 450.000.000 VNĐ 440.000.000 VNĐ Lệ phí trước bạ (10%) 45.000.000 VNĐ"),
    ("en", "The club has 1,600 members, up 400 (25%) on last year."),
    ("en", "The firm employs 1,600 people, and 400 work abroad (25% of its payroll)."),
]


@pytest.mark.parametrize("lang, text, expected", RATIOS, ids=[t[:40] for _, t, _ in RATIOS])
def test_a_count_and_its_percentage_are_read_with_the_whole_before_them(lang, text, expected):
    assert [c for c in read(lang, text) if c[0] == "fraction_percent"] == expected


@pytest.mark.parametrize("lang, text", NOT_RATIOS, ids=[t[:40] for _, t in NOT_RATIOS])
def test_a_percentage_of_something_else_is_no_ratio(lang, text):
    assert [c for c in read(lang, text) if c[0] == "fraction_percent"] == []


def test_each_candidate_whole_is_a_reading_of_one_group():
    text = "Huyện có 1.200 hộ, xã A có 400 hộ, trong đó 100 hộ nghèo (8,3%)."
    found = claims("vi", text)
    assert sorted((c.fields["whole"].mention.text, c.primary) for c in found) == [("1.200", False), ("400", True)]
    assert found[0].group == found[1].group >= 0
    # 100/1.200 = 8,3%: one reading holds, so the nearer whole (25%) raises nothing
    assert findings("vi", text) == []


def test_a_ratio_no_whole_bears_out_is_reported_on_the_nearest_whole():
    assert findings("vi", "Huyện có 1.200 hộ, xã A có 400 hộ, trong đó 100 hộ nghèo (30%).") == [
        ("ratio-percent", ["100", "400", "30%"], "100/400 = 25%, nhưng bài viết ghi 30%")]
    assert findings("en", "Inspectors visited 320 restaurants and found 48 breaking the rules, or 18%.") == [
        ("ratio-percent", ["48", "320", "18%"], "48/320 = 15%, but the text says 18%")]


# --- a percentage named for the ratio of two quantities the sentence names ----------------------------

NAMED = [
    ("en", "The load factor rose to 71.0 pct from 68.4 pct as revenue passenger miles grew to 3.55 billion from "
           "3.27 billion and available seat miles to 5.0 billion from 4.78 billion.",
     [ratio("3.55 billion", "5.0 billion", "71.0 pct"), ratio("3.27 billion", "4.78 billion", "68.4 pct")]),
    # the part named twice keeps its figures; "vs" gives the earlier ones
    ("en", "In May, load factor was 64.2 pct vs 61.5 pct, traffic was 802 mln revenue passenger miles vs 731 mln "
           "and capacity was 1.25 billion available seat miles vs 1.19 billion.",
     [ratio("802 mln", "1.25 billion", "64.2 pct"), ratio("731 mln", "1.19 billion", "61.5 pct")]),
    # two records in one sentence: each group of names is one claim
    ("vi", "Hai mùa giải (tổng số trận 40, thắng 22, hòa 10, thua 8, tỷ lệ thắng 55%) và (tổng số trận 30, "
           "thắng 12, hòa 9, thua 9, tỷ lệ thắng 40%).",
     [ratio("22", "40", "55%"), ratio("12", "30", "40%")]),
    ("vi", "Có 350 hộ chiếm 35% trong tổng số 1.000 hộ của xã.", [ratio("350", "1.000", "35%")]),
]

NOT_NAMED = [
    # the quantities are in the next sentence
    ("en", "The load factor rose to 71.0 pct from 68.4 pct. Revenue passenger miles grew to 3.55 billion and "
           "available seat miles to 5.0 billion."),
    ("vi", "Đội bóng có tỷ lệ thắng 55%, với 22 trận thắng."),  # no whole named
]


@pytest.mark.parametrize("lang, text, expected", NAMED, ids=[t[:40] for _, t, _ in NAMED])
def test_a_named_ratio_is_read_from_the_quantities_it_names(lang, text, expected):
    assert [c for c in read(lang, text) if c[0] == "fraction_percent"] == expected


@pytest.mark.parametrize("lang, text", NOT_NAMED, ids=[t[:40] for _, t in NOT_NAMED])
def test_a_named_ratio_without_its_quantities_is_not_read(lang, text):
    assert [c for c in read(lang, text) if c[0] == "fraction_percent"] == []


def test_a_wrong_named_ratio_is_reported():
    assert findings("en", "The load factor rose to 75.0 pct from 68.4 pct as revenue passenger miles grew to "
                          "3.55 billion from 3.27 billion and available seat miles to 5.0 billion from 4.78 billion.") == [
        ("ratio-percent", ["3.55 billion", "5.0 billion", "75.0 pct"],
         "3550000000/5000000000 = 71%, but the text says 75.0 pct")]


# --- shares of one whole ---------------------------------------------------------------------------

SHARES = [
    # answers to one question
    ("vi", "Khảo sát cho thấy 55% người dân hài lòng, 30% chưa hài lòng và 15% không trả lời.",
     [("shares_complete", ["55%", "30%", "15%"])]),
    ("vi", "Trong số 600 người được hỏi, 62% phản đối dự án, trong khi 31% ủng hộ.", [("shares", ["62%", "31%"])]),
    ("en", "The poll found 52% in favour, 39% against and 9% undecided.", [("shares_complete", ["52%", "39%", "9%"])]),
    ("en", "In the survey, 61% supported the plan compared with 33% against.", [("shares", ["61%", "33%"])]),
    ("en", "Some 30% said the plan was too costly, while 58%, disagreed.", [("shares", ["30%", "58%"])]),
    # a cue before the first share only, the others far apart
    ("vi", "Lúa chiếm 48,5%, tiếp theo là ngô với 1.200 ha chiếm 30,2% và rau màu chiếm 15,1% diện tích gieo trồng.",
     [("shares", ["48,5%", "30,2%", "15,1%"])]),
    ("vi", "Vốn vay là 300 tỷ đồng, chiếm 60% tổng vốn, vốn tự có là 150 tỷ đồng, chiếm 30% tổng vốn.",
     [("shares", ["60%", "30%"])]),
    ("en", "Wind accounted for 40% of output, with solar taking the remaining 45% and gas 15%.",
     [("shares_complete", ["40%", "45%", "15%"])]),
    ("en", "The state kept 70% of the shares, leaving the founders with 30%.", [("shares_complete", ["70%", "30%"])]),
    # the rest, and a list announced as the whole
    ("vi", "Khoảng 70% học sinh vào trường công lập, 30% còn lại học trường tư thục.",
     [("shares_complete", ["70%", "30%"])]),
    ("vi", "Hỗn hợp gồm 80% nhôm, 15% đồng và 5% kẽm.", [("shares_complete", ["80%", "15%", "5%"])]),
    ("vi", "Có 50% là nông dân, 30% khác là công nhân và 20% các ngành nghề khác.",
     [("shares_complete", ["50%", "30%", "20%"])]),
    # the rest completes the shares that add up with it: the 12 % is a share within the 72 %
    ("vi", "Chỉ 72% hộ dân có nước sạch, riêng 12% dùng nước máy, 28% hộ còn lại dùng nước giếng.",
     [("shares_complete", ["72%", "28%"])]),
    # no cue: a list is a split of one whole when it adds up to 100 within its rounding
    ("en", "The venture is 55 pct held by Alpha and 45 pct by Beta.", [("shares_complete", ["55 pct", "45 pct"])]),
    ("vi", "Kết quả cho thấy 48% (khoảng 9 triệu người) đi xe máy, 37% đi ô tô và 15% đi bộ.",
     [("shares_complete", ["48%", "37%", "15%"])]),
    # pairs: the shares now and the shares a year before, two lists
    ("en", "Coal accounted for 30.5 pct against 31.2 pct, gas 20.1 pct against 19.8 pct and wind 9.4 pct against 7.7 pct.",
     [("shares", ["30.5 pct", "20.1 pct", "9.4 pct"]), ("shares", ["31.2 pct", "19.8 pct", "7.7 pct"])]),
    ("en", "The Greens lead the Liberals by 41% to 36%, with the Centre party on 15%.",
     [("shares", ["41%", "36%", "15%"])]),
]

NOT_SHARES = [
    ("vi", "Vùng này chiếm 60% dân số và chiếm 70% GDP của cả nước."),  # different wholes
    ("vi", "Hàng dệt chiếm 25% về lượng và 40% trong tổng kim ngạch."),
    ("en", "The study found 60% of women hold degrees, compared with 39% of men."),
    ("vi", "Doanh thu tăng 12%, lợi nhuận tăng 20% và chi phí giảm 5%."),  # changes
    ("en", "Sales rose 5% in May and 8% in June."),
    ("vi", "Có 64% người dùng điện thoại, 58% dùng máy tính bảng."),  # overlapping answers, no cue
    ("en", "Some 71% said prices were too high, while 64% said wages were too low."),
    ("en", "Some 60% said the plan was good, while 20% said they agreed with the mayor."),  # one side only
    ("vi", "Có 80% người được hỏi biết đến sản phẩm, trong số đó 35% đã mua."),  # a share of a share
    ("en", "About 80% of voters know the plan, and of those 35% back it."),
    # groups that may overlap: the whole named by the first share only
    ("vi", "Trong ban chấp hành, cán bộ nữ chiếm 45% tổng số ủy viên, cán bộ trẻ chiếm 40% và người dân tộc chiếm 30%."),
    # two statements about one whole, after a semicolon
    ("vi", "Có 9 đại biểu nữ, chiếm 36% tổng số đại biểu; đại biểu trẻ chiếm 72% tổng số đại biểu."),
    # the same share at another time
    ("vi", "Năm 2015, than chiếm 31,2% tổng sản lượng điện; năm 2020, con số này là 45,3%."),
    # another's figure in brackets after a name
    ("vi", "Có 9 trong 10 người Việt mua sắm trực tuyến, chiếm 90%, sau Thái Lan (93,5%) và Hàn Quốc (95%)."),
    # the rest of the places its whole names, not of the shares
    ("vi", "Tỷ lệ tối thiểu là 90% tại các đô thị loại 1; tối thiểu 70% tại các khu vực còn lại."),
    # two whole percentages adding up to 99: no split of one whole is shown
    ("vi", "Có 60% phụ nữ có bằng đại học, 39% nam giới có bằng đại học."),
    ("en", "The remaining 33% said they could not do without it."),  # the rest alone
]


@pytest.mark.parametrize("lang, text, expected", SHARES, ids=[t[:40] for _, t, _ in SHARES])
def test_shares_of_one_whole_are_read(lang, text, expected):
    assert [(kind, fields["parts"]) for kind, fields in read(lang, text) if "parts" in fields] == expected


@pytest.mark.parametrize("lang, text", NOT_SHARES, ids=[t[:40] for _, t in NOT_SHARES])
def test_percentages_of_different_wholes_are_no_shares(lang, text):
    assert [c for c in read(lang, text) if "parts" in c[1]] == []


def test_shares_that_do_not_add_up_are_reported():
    assert findings("vi", "Khoảng 70% học sinh vào trường công lập, 25% còn lại học trường tư thục.") == [
        ("shares-sum-to-100", ["70%", "25%"], "các tỷ lệ cộng lại 70% + 25% = 95,0%, không phải 100%")]
    assert findings("en", "In the survey, 61% supported the plan compared with 44% against.") == [
        ("shares-at-most-100", ["61%", "44%"], "the shares add up to 61% + 44% = 105.0%, more than 100%")]
    assert findings("vi", "Hỗn hợp gồm 80% nhôm, 15% đồng và 15% kẽm.") == [
        ("shares-sum-to-100", ["80%", "15%", "15%"], "các tỷ lệ cộng lại 80% + 15% + 15% = 110,0%, không phải 100%")]
