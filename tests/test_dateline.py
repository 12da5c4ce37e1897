"""The publication date read from a dateline, and sentences that only look like one.

A text with no publication date given takes it from a dateline near its top; checks
that compare with "now" (an age and a birth year, a date "already" past) use it. A
date inside a sentence is not a dateline: taking it would judge every age against
the wrong year.
"""

from __future__ import annotations

import factcheck
from factcheck.checking.analysis import analyse
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

AGE_EN = "John Smith, 45, born in 1970, was elected mayor."
AGE_VI = "Ông Nguyễn Văn A, 45 tuổi, sinh năm 1970, được bầu làm chủ tịch."


def published(text: str, lang: str) -> str | None:
    doc = analyse(Document("<text>", text, lang), default_catalog()).document
    return doc.published.isoformat() if doc.published else None


def test_a_dateline_gives_the_publication_date():
    assert published("Council news\n\nWednesday, August 5, 2020\n\nThe council met.", "en") == "2020-08-05"
    assert published("Tin huyện\n\nThứ Tư, 05/08/2020, 08:11 [GMT+7]\n\nHuyện họp.", "vi") == "2020-08-05"
    assert published("Updated: 5 August 2020, 10:32 GMT\nThe council met.", "en") == "2020-08-05"
    assert published("Cập nhật lúc 10:30 ngày 05/08/2020\nHuyện họp.", "vi") == "2020-08-05"


def test_a_date_in_a_first_sentence_is_not_a_dateline():
    assert published("The province aims to finish the programme by December 31, 2025.\nThe council met.", "en") is None
    assert published("Tỉnh phấn đấu hoàn thành chương trình trước ngày 31/12/2025.\nHuyện họp.", "vi") is None


def test_an_age_is_judged_against_the_dateline_year():
    for text, lang, says in ((f"Council news\n\nWednesday, August 5, 2020\n\n{AGE_EN}", "en", "49 or 50 in 2020"),
                             (f"Tin huyện\n\nThứ Tư, 05/08/2020\n\n{AGE_VI}", "vi", "49 hoặc 50 tuổi")):
        findings = factcheck.check(text, lang=lang)
        assert [f.rule for f in findings] == ["age-birth-year"]
        assert says in findings[0].message
        assert [s.text for s in findings[0].spans] == ["45", "1970"]


def test_no_age_finding_from_a_date_that_only_a_sentence_mentions():
    """A user's report: the target date of a plan was taken as the publication date."""
    plan_en = "The province aims to finish the programme by December 31, 2025.\n"
    plan_vi = "Tỉnh phấn đấu hoàn thành chương trình đến ngày 31/12/2025.\n"
    assert factcheck.check(plan_en + AGE_EN, lang="en") == []
    assert factcheck.check(plan_vi + AGE_VI, lang="vi") == []
