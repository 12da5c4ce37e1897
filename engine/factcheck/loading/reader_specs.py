"""Share and ratio readers from a language pack, checked against the claim kinds and compiled.

A ratio reader's kind must have the fields part, whole and pct (a percentage); a share
reader's kinds must each have one list field, parts, of percentages. Problems are
reported at their key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import did_you_mean
from ..extracting.named_ratios import NamedRatio
from ..extracting.ratios import RatioReader
from ..extracting.shares import ShareReader
from ..extracting.tokens import phrase

if TYPE_CHECKING:
    from .schema import KindSpec
    from .schema_readers import NamedRatioSpec, RatioSpec, ShareSpec
    from .yamlsource import SourceError, YamlDoc

_RATIO_FIELDS = {"part": "number", "whole": "number", "pct": "percent"}


def compile_ratio(spec: RatioSpec, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                  errors: list[SourceError]) -> RatioReader | None:
    if not _ratio_kind(spec.kind, doc, at, kinds, errors):
        return None
    return RatioReader(spec.id, spec.kind, tuple(sorted((phrase(m) for m in spec.markers), key=len, reverse=True)),
                       frozenset(spec.ends), tuple(phrase(s) for s in spec.stops), frozenset(spec.not_after),
                       frozenset(spec.breaks), spec.reach)


def compile_named_ratio(spec: NamedRatioSpec, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                        errors: list[SourceError]) -> NamedRatio | None:
    if not _ratio_kind(spec.kind, doc, at, kinds, errors):
        return None
    names = {phrase(w): role for role, words in (("pct", spec.ratio), ("part", spec.part), ("whole", spec.whole))
             for w in words}
    return NamedRatio(spec.id, spec.kind, names, tuple(phrase(t) for t in spec.then))


def _ratio_kind(name: str, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                errors: list[SourceError]) -> bool:
    """The kind has the fields part and whole (numbers) and pct (a percentage), and no others."""
    kind = _known(name, doc, at + ("kind",), kinds, errors)
    if kind is None:
        return False
    wrong = [field for field, needs in _RATIO_FIELDS.items()
             if field not in kind.fields or kind.fields[field].list or needs not in kind.fields[field].types()]
    if wrong or set(kind.fields) != set(_RATIO_FIELDS):
        errors.append(doc.error(at + ("kind",), f"{name} must have the fields part and whole (numbers) and pct"
                                                f" (a percentage), and no others"))
        return False
    return True


def compile_shares(spec: ShareSpec, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                   errors: list[SourceError]) -> ShareReader | None:
    failed = len(errors)
    for key in ("complete_kind", "partial_kind"):
        kind = _known(getattr(spec, key), doc, at + (key,), kinds, errors)
        if kind is not None and (set(kind.fields) != {"parts"} or not kind.fields["parts"].list
                                 or kind.fields["parts"].types() != {"percent"}):
            errors.append(doc.error(at + (key,), f"{getattr(spec, key)} must have one field, parts: a list of percentages"))
    for key in ("share_of", "not_shares"):
        for i, name in enumerate(getattr(spec, key)):
            _known(name, doc, at + (key, i), kinds, errors)
    if len(errors) > failed:
        return None
    answers = {phrase(w): side for side in ("favour", "against", "neither") for w in getattr(spec.answers, side)}

    def phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted((phrase(w) for w in words), key=len, reverse=True))

    return ShareReader(spec.id, phrases(spec.cues), phrases(spec.follows), answers, phrases(spec.rest), phrases(spec.others),
                       phrases(spec.wholes), phrases(spec.versus), phrases(spec.joins), phrases(spec.bases), phrases(spec.apart),
                       phrases(spec.stops), frozenset(spec.fillers), frozenset(spec.share_of), frozenset(spec.not_shares),
                       spec.reach,
                       spec.complete_kind, spec.partial_kind)


def _known(name: str, doc: YamlDoc, where: tuple[str | int, ...], kinds: dict[str, KindSpec],
           errors: list[SourceError]) -> KindSpec | None:
    """The claim kind of that name, or an error at ``where``."""
    kind = kinds.get(name)
    if kind is None:
        errors.append(doc.error(where, f"unknown claim kind {name!r}{did_you_mean(name, kinds)}"))
    return kind
