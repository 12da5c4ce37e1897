"""Values that are never scanned: a number read as a stated figure, and the record a facts
source keeps for it. The figure reader (extracting/figures.py) makes figures from numbers it
reads with their measure, owner and period; the facts matcher binds a record to a figure.
Declared here like every kind, so that rules, ``factcheck explain`` and the rule checker know
what a rule may read from them."""

from __future__ import annotations

from operator import attrgetter

from ..value_types import Figure, Mention
from .base import Attribute, MentionKind


def _figure_precision(m: Mention) -> object:
    return m.value.number.precision if isinstance(m.value, Figure) else None


FIGURE = MentionKind(
    name="figure", order=1000, hedged=True,
    doc="A number read as a stated figure, with what it counts, whose it is and when: "
        "'Đảng bộ huyện Bình Liêu có 2.340 đảng viên' (never scanned: the figure reader makes it from a number).",
    value_doc="the stated number",
    attributes={
        "hedge": Attribute("over, under, nearly or about (none when the text states it plainly)",
                           attrgetter("hedge"), optional=True),
        "precision": Attribute("the unit of the last stated digit", _figure_precision),
        "measure": Attribute("what it counts: the words after the number, in lower case (đảng viên)",
                             attrgetter("value.measure")),
        "holder": Attribute("whose it is: the named subject of its clause, in lower case ('' when none names it)",
                           attrgetter("value.owner")),
        "period": Attribute("when: 2020, 2020-06, present, or '' when the text does not say",
                            attrgetter("value.period")),
    },
)

FACT = MentionKind(
    name="fact", order=1001,
    doc="The record a facts source keeps for a stated figure (never scanned: the facts matcher binds it).",
    value_doc="the recorded number, in the unit of the stated figure",
    attributes={
        "unit": Attribute("the unit it is given in here (that of the stated figure; '' for a count)", attrgetter("value.unit")),
        "recorded": Attribute("the record as the source gives it (245 hectare)", attrgetter("value.recorded")),
        "entity": Attribute("whose figure it is, as the facts name it (huyện Bình Liêu)", attrgetter("value.entity")),
        "measure": Attribute("what it counts, as the facts name it in the document's language", attrgetter("value.measure")),
        "period": Attribute("its period (2020, 2020-Q2; '' for none)", attrgetter("value.period")),
        "source": Attribute("the title of its source", attrgetter("value.source")),
        "url": Attribute("the URL of its source ('' when none is given)", attrgetter("value.url")),
        "match": Attribute("how its period was chosen: exact, timeless or latest", attrgetter("value.match")),
    },
)

__all__ = ["FACT", "FIGURE"]
