"""Frames from a language pack, checked against the claim kinds and compiled.

Every kind a frame emits must exist; its fields must be exactly the roles named for
it plus the fields every anchor implies (a change's direction), and each role's
mention kinds must be ones the field accepts. Problems are reported at their key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import did_you_mean
from ..extracting.breakdowns import Breakdown, Cue
from ..extracting.frames import Emit, Frame, Role
from ..extracting.kinds import MENTION_KINDS
from ..extracting.tokens import phrase

if TYPE_CHECKING:
    from .schema import BreakdownSpec, FrameSpec, KindSpec
    from .yamlsource import SourceError, YamlDoc


def compile_frame(spec: FrameSpec, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                  errors: list[SourceError]) -> Frame | None:
    failed = len(errors)
    for name, declared in spec.roles.items():
        for mention_kind in declared.kinds:
            if mention_kind not in MENTION_KINDS:
                errors.append(doc.error(at + ("roles", name, "kinds"), f"unknown mention kind {mention_kind!r}"
                                                                       f"{did_you_mean(mention_kind, MENTION_KINDS)}"))
        other = declared.alternative
        if other is not None and other not in spec.roles:
            errors.append(doc.error(at + ("roles", name, "alternative"),
                                    f"no role {other!r} in this frame{did_you_mean(other, spec.roles)}"))
    implied = [set(a.fields) for a in spec.anchors]
    for i, emit in enumerate(spec.emit):
        where = at + ("emit", i)
        kind = kinds.get(emit.kind)
        if kind is None:
            errors.append(doc.error(where + ("kind",), f"unknown claim kind {emit.kind!r}{did_you_mean(emit.kind, kinds)}"))
            continue
        for role in emit.roles:
            if role not in spec.roles:
                errors.append(doc.error(where + ("roles",), f"no role {role!r} in this frame{did_you_mean(role, spec.roles)}"))
            elif role not in kind.fields:
                errors.append(doc.error(where + ("roles",), f"{emit.kind} has no field {role!r}"))
            else:
                wrong = set(spec.roles[role].kinds) - kind.fields[role].types()
                if wrong:
                    errors.append(doc.error(where + ("roles",), f"{emit.kind}.{role} is a {kind.fields[role].type}, "
                                                                f"but role {role!r} may be a {'/'.join(sorted(wrong))}"))
        for fname in kind.fields:
            if fname not in emit.roles and any(fname not in fields for fields in implied):
                errors.append(doc.error(where, f"{emit.kind} needs field {fname!r}: name it among the roles, "
                                               f"or give it in every anchor's fields"))
    if len(errors) > failed:
        return None
    anchors = {}
    for anchor in spec.anchors:
        for word in anchor.words:
            anchors[phrase(word)] = dict(anchor.fields)
    roles = tuple(Role(name, frozenset(r.kinds), tuple(phrase(m) for m in r.markers), r.next, r.before, r.restated,
                       r.alternative) for name, r in spec.roles.items())
    emits = tuple(Emit(e.kind, tuple(n for n in kinds[e.kind].fields if n in e.roles)) for e in spec.emit)
    return Frame(spec.id, anchors, roles, emits,
                 restate=tuple(phrase(r) for r in spec.restate), fillers=frozenset(spec.fillers),
                 breaks=frozenset(spec.breaks), joins=frozenset(spec.joins), inherit=tuple(spec.inherit),
                 same_unit=tuple(spec.same_unit), same_scale=tuple(spec.same_scale),
                 not_after=frozenset(spec.not_after),
                 not_anchors=tuple(phrase(p) for p in spec.not_anchors),
                 opens=tuple(phrase(p) for p in spec.opens),
                 continues=frozenset(spec.continues), max_fillers=spec.max_fillers, max_ratio=spec.max_ratio)


def compile_breakdown(spec: BreakdownSpec, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                      errors: list[SourceError]) -> Breakdown | None:
    failed = len(errors)
    for key in ("complete_kind", "partial_kind"):
        name = getattr(spec, key)
        claim_kind = kinds.get(name)
        if claim_kind is None:
            errors.append(doc.error(at + (key,), f"unknown claim kind {name!r}{did_you_mean(name, kinds)}"))
        elif set(claim_kind.fields) != {"total", "parts"} or not claim_kind.fields["parts"].list:
            errors.append(doc.error(at + (key,), f"{name} must have a field total and a list field parts"))
    for mention_kind in spec.kinds:
        if mention_kind not in MENTION_KINDS:
            errors.append(doc.error(at + ("kinds",), f"unknown mention kind {mention_kind!r}"
                                                     f"{did_you_mean(mention_kind, MENTION_KINDS)}"))
    seen: dict[tuple[str, ...], int] = {}
    for i, cue in enumerate(spec.cues):
        for word in cue.words:
            if phrase(word) in seen:
                errors.append(doc.error(at + ("cues", i, "words"), f"cue {word!r} is already cue {seen[phrase(word)]}:"
                                                                   " a cue says one thing"))
            seen.setdefault(phrase(word), i)
    if len(errors) > failed:
        return None
    cues = tuple(Cue(phrase(w), c.total, c.complete, c.closes, c.exact, c.near) for c in spec.cues for w in c.words)
    return Breakdown(spec.id, tuple(sorted(cues, key=lambda c: -len(c.words))), frozenset(spec.kinds),
                     spec.complete_kind, spec.partial_kind, tuple(phrase(s) for s in spec.stops),
                     tuple(phrase(s) for s in spec.not_totals),
                     tuple(phrase(e) for e in spec.ends), frozenset(spec.separators), spec.reach,
                     fractions=spec.fractions, slack=spec.slack)
