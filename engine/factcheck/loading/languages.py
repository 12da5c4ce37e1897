"""Language packs and claim kinds, loaded from rule folders and checked against each other.

A rule folder may hold ``kinds.yaml`` (new claim kinds), and ``lang/<code>.yaml``:
a whole language pack, or, for a language already loaded, an extension that adds
``patterns`` and ``lists`` to it. Every pattern is checked against its kind: it must
bind each of the kind's fields, with a capture of the field's type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from pydantic import ValidationError

from ..errors import display_path
from ..extracting.breakdowns import Breakdown
from ..extracting.figures import FigureWords, Phrases
from ..extracting.frames import Frame
from ..extracting.kinds import MENTION_KINDS, PART_KINDS
from ..extracting.lazyregex import LazyRegex
from ..extracting.lexicon import Lexicon, compile_lexicon
from ..extracting.mentions import Scanner
from ..extracting.named_ratios import NamedRatio
from ..extracting.patterns import CompiledPattern, ListMacro, PatternError, compile_list, compile_pattern
from ..extracting.ratios import RatioReader
from ..extracting.shares import ShareReader
from .frame_specs import compile_breakdown, compile_frame
from .reader_specs import compile_named_ratio, compile_ratio, compile_shares
from .yamlsource import SourceError, YamlDoc, did_you_mean, load_yaml, pydantic_errors

if TYPE_CHECKING:  # the models validate files at load time; running never needs them
    from .schema import BreakdownSpec, FigureSpec, FrameSpec, KindSpec, LangSpec, ListSpec, PatternSpec
    from .schema_readers import NamedRatioSpec, RatioSpec, ShareSpec


@dataclass
class Language:
    spec: LangSpec
    lexicon: Lexicon
    scanner: Scanner
    patterns: list[CompiledPattern] = field(default_factory=list)
    pattern_specs: list[tuple[PatternSpec, str]] = field(default_factory=list)  # with their file (absolute)
    frames: list[Frame] = field(default_factory=list)
    frame_specs: list[tuple[FrameSpec, str]] = field(default_factory=list)  # with their file (absolute)
    breakdowns: list[Breakdown] = field(default_factory=list)
    breakdown_specs: list[tuple[BreakdownSpec, str]] = field(default_factory=list)
    lists: dict[str, ListMacro] = field(default_factory=dict)  # for telling how far a pattern matched
    figures: FigureWords | None = None  # how stated figures are read (none: not read)
    ratios: list[RatioReader] = field(default_factory=list)
    ratio_specs: list[tuple[RatioSpec, str]] = field(default_factory=list)
    named_ratios: list[NamedRatio] = field(default_factory=list)
    named_ratio_specs: list[tuple[NamedRatioSpec, str]] = field(default_factory=list)
    shares: list[ShareReader] = field(default_factory=list)
    share_specs: list[tuple[ShareSpec, str]] = field(default_factory=list)


@dataclass
class _PendingPatterns:
    doc: YamlDoc
    base: tuple[str | int, ...]
    lists: dict[str, ListSpec]
    patterns: list[PatternSpec]
    frames: list[FrameSpec]
    breakdowns: list[BreakdownSpec]
    ratios: list[RatioSpec]
    named_ratios: list[NamedRatioSpec]
    shares: list[ShareSpec]
    figures: FigureSpec | None = None


def load_kinds(dirs: list[Path], errors: list[SourceError]) -> dict[str, KindSpec]:
    from .schema import KindsFile

    kinds: dict[str, KindSpec] = {}
    for d in dirs:
        path = d / "kinds.yaml"
        if not path.is_file():
            continue
        try:
            doc = load_yaml(path)
            parsed = KindsFile.model_validate(doc.data)
        except SourceError as exc:
            errors.append(exc)
            continue
        except ValidationError as exc:
            errors.extend(pydantic_errors(doc, exc, KindsFile))
            continue
        for name, spec in parsed.kinds.items():
            if name in kinds:
                errors.append(doc.error(("kinds", name), f"kind {name!r} is already declared"))
                continue
            for fname, fspec in spec.fields.items():
                for t in sorted(fspec.types() - set(MENTION_KINDS)):
                    errors.append(doc.error(("kinds", name, "fields", fname, "type"),
                                            f"unknown type {t!r}{did_you_mean(t, MENTION_KINDS)}"))
            kinds[name] = spec
    return kinds


def load_languages(dirs: list[Path], kinds: dict[str, KindSpec], errors: list[SourceError]) -> dict[str, Language]:
    from .schema import LangExtension, LangSpec

    specs: dict[str, tuple[LangSpec, YamlDoc]] = {}
    pending: dict[str, list[_PendingPatterns]] = {}
    docs: list[YamlDoc] = []
    for d in dirs:
        for path in sorted((d / "lang").glob("*.yaml")) if (d / "lang").is_dir() else []:
            try:
                docs.append(load_yaml(path))
            except SourceError as exc:
                errors.append(exc)
    # whole packs first, so that an extension (lang/vi-frames.yaml) may sit beside, or before, its pack
    docs.sort(key=lambda doc: _extends(doc.data))
    packs = sorted({str(doc.data.get("code")) for doc in docs if not _extends(doc.data) and isinstance(doc.data, dict)})
    for doc in docs:
        code = doc.data.get("code") if isinstance(doc.data, dict) else None
        if _extends(doc.data) and code not in packs:
            # an extension of a language no pack declares: its code is the mistake, not its keys
            errors.append(doc.error(("code",), no_language(str(code), packs)))
            continue
        model = LangExtension if code in specs else LangSpec
        try:
            parsed = model.model_validate(doc.data)
        except ValidationError as exc:
            errors.extend(pydantic_errors(doc, exc, model))
            continue
        if isinstance(parsed, LangSpec):
            specs[parsed.code] = (parsed, doc)
        pending.setdefault(parsed.code, []).append(_PendingPatterns(doc, (), parsed.lists, parsed.patterns,
                                                                        parsed.frames, parsed.breakdowns,
                                                                        parsed.ratios, parsed.named_ratios, parsed.shares,
                                                                        parsed.figures))

    languages: dict[str, Language] = {}
    for code, (spec, doc) in specs.items():
        if not _pack_is_sound(spec, doc, errors):
            continue
        lexicon = compile_lexicon(spec)
        scanner = Scanner(lexicon)
        for regex in [*(v for v in vars(lexicon).values() if isinstance(v, LazyRegex)), *scanner.regexes()]:
            regex.check()  # built from checked pieces; compiling now keeps this process fast too
        language = Language(spec, lexicon, scanner)
        lists: dict[str, ListMacro] = {}
        for chunk in pending.get(code, []):
            for name, lspec in chunk.lists.items():
                try:
                    lists[name] = compile_list(lspec.item, lspec.separator, MENTION_KINDS)
                except PatternError as exc:
                    errors.append(chunk.doc.error(("lists", name), str(exc)))
        ids: dict[str, str] = {}
        for chunk in pending.get(code, []):
            if chunk.figures is not None:
                if language.figures is not None:
                    errors.append(chunk.doc.error(("figures",), f"the figures of {code!r} are already given"))
                language.figures = figure_words(chunk.figures)
            for i, pspec in enumerate(chunk.patterns):
                if pspec.id in ids:
                    errors.append(chunk.doc.error(("patterns", i, "id"), f"pattern id {pspec.id!r} is already used"
                                                                        f" in {display_path(ids[pspec.id])}"))
                    continue
                ids[pspec.id] = chunk.doc.file
                compiled = _compile_checked(pspec, chunk.doc, ("patterns", i), kinds, lists, errors)
                if compiled is not None:
                    language.patterns.append(compiled)
                    language.pattern_specs.append((pspec, chunk.doc.file))
            for i, fspec in enumerate(chunk.frames):
                frame = compile_frame(fspec, chunk.doc, ("frames", i), kinds, errors)
                if frame is not None:
                    language.frames.append(frame)
                    language.frame_specs.append((fspec, chunk.doc.file))
            for i, bspec in enumerate(chunk.breakdowns):
                breakdown = compile_breakdown(bspec, chunk.doc, ("breakdowns", i), kinds, errors)
                if breakdown is not None:
                    language.breakdowns.append(breakdown)
                    language.breakdown_specs.append((bspec, chunk.doc.file))
            _compile_each(chunk.ratios, compile_ratio, "ratios", chunk.doc, kinds, errors, language.ratios,
                          language.ratio_specs)
            _compile_each(chunk.named_ratios, compile_named_ratio, "named_ratios", chunk.doc, kinds, errors,
                          language.named_ratios, language.named_ratio_specs)
            _compile_each(chunk.shares, compile_shares, "shares", chunk.doc, kinds, errors, language.shares,
                          language.share_specs)
        language.lists = lists
        languages[code] = language
    return languages


def _extends(data: object) -> bool:
    """A language file that only adds to a pack (its keys are those of ``LangExtension``)."""
    from .schema import LangExtension

    return isinstance(data, dict) and set(data) <= set(LangExtension.model_fields)


def no_language(code: str, known: list[str]) -> str:
    """"no language pack 'vn' (did you mean 'vi'?)": a code is short, so a near one is
    suggested on one letter in common, where did_you_mean wants more."""
    import difflib

    near = difflib.get_close_matches(code, known, n=1, cutoff=0.5)
    return f"no language pack {code!r}" + (f" (did you mean {near[0]!r}?)" if near else
                                            f" (known: {', '.join(known)})" if known else "")


def figure_words(spec: FigureSpec) -> FigureWords:
    """A pack's ``figures`` as the figure reader uses them."""
    return FigureWords(Phrases(spec.cues), frozenset(c.lower().split()[-1] for c in spec.cues if c.split()),
                       Phrases(spec.ends), Phrases(spec.owners),
                       Phrases(spec.present), Phrases(spec.undated), Phrases(spec.changes), Phrases(spec.parts),
                       Phrases(spec.here), frozenset(w.lower() for w in spec.openers), spec.max_measure, spec.max_subject)


_Spec = TypeVar("_Spec")
_Reader = TypeVar("_Reader")


def _compile_each(specs: list[_Spec], compile_one: Callable[[_Spec, YamlDoc, tuple[str | int, ...],
                                                            dict[str, KindSpec], list[SourceError]], _Reader | None],
                  key: str, doc: YamlDoc, kinds: dict[str, KindSpec], errors: list[SourceError],
                  readers: list[_Reader], compiled_specs: list[tuple[_Spec, str]]) -> None:
    """Compile each reader of a pack's list (``ratios:``, ``shares:``), keeping the ones without errors."""
    for i, spec in enumerate(specs):
        reader = compile_one(spec, doc, (key, i), kinds, errors)
        if reader is not None:
            readers.append(reader)
            compiled_specs.append((spec, doc.file))


def _pack_is_sound(spec: LangSpec, doc: YamlDoc, errors: list[SourceError]) -> bool:
    """The regexes a language pack writes itself compile and the mention kinds it names
    exist; each problem is reported at its key."""
    pieces: list[tuple[tuple[str | int, ...], str]] = [
        *((("lookalikes", "tokens", i), t) for i, t in enumerate(spec.lookalikes.tokens)),
        *((("dates", "weekdays_need_date", i), t) for i, t in enumerate(spec.dates.weekdays_need_date)),
        (("dates", "weekday_link"), spec.dates.weekday_link),
        (("dates", "range_link"), spec.dates.range_link),
    ]
    ok = True
    for i, kind in enumerate(spec.dates.in_brackets.unless_after):
        if kind not in MENTION_KINDS:
            errors.append(doc.error(("dates", "in_brackets", "unless_after", i),
                                    f"unknown mention kind {kind!r}{did_you_mean(kind, MENTION_KINDS)}"))
            ok = False
    for at, source in pieces:
        try:
            re.compile(source)
        except re.error as exc:
            errors.append(doc.error(at, f"not a valid regular expression: {exc}"))
            ok = False
    return ok


def _compile_checked(pspec: PatternSpec, doc: YamlDoc, at: tuple[str | int, ...], kinds: dict[str, KindSpec],
                     lists: dict[str, ListMacro], errors: list[SourceError]) -> CompiledPattern | None:
    kind = kinds.get(pspec.kind)
    if kind is None:
        errors.append(doc.error(at + ("kind",), f"unknown claim kind {pspec.kind!r}{did_you_mean(pspec.kind, kinds)}"))
        return None
    try:
        compiled = compile_pattern(pspec.id, pspec.kind, pspec.match, lists, MENTION_KINDS)
        compiled.regex.check()
    except re.error as exc:  # e.g. an escape the pattern compiler let through
        errors.append(doc.error(at + ("match",), f"cannot compile the pattern: {exc}"))
        return None
    except PatternError as exc:
        errors.append(doc.error(at + ("match",), str(exc)))
        return None
    by_name: dict[str, list] = {}
    for cap in compiled.captures:
        by_name.setdefault(cap.name, []).append(cap)
    for fname in pspec.fields:
        if fname not in kind.fields:
            errors.append(doc.error(at + ("fields", fname),
                                    f"{pspec.kind} has no field {fname!r}{did_you_mean(fname, kind.fields)}"))
            return None
    for fname, fspec in kind.fields.items():
        source = pspec.fields.get(fname, fname)
        if not isinstance(source, str):  # a number the phrasing implies: "doubled" is a factor of 2
            if "number" not in fspec.types() or fspec.list:
                errors.append(doc.error(at + ("fields", fname),
                                        f"field {fname!r} is a {fspec.type}: it cannot be the number {source:g}"))
                return None
            compiled.constants[fname] = float(source)
            continue
        capture, _, part = source.partition(".")
        caps = by_name.get(capture)
        where = at + ("fields", fname) if fname in pspec.fields else at + ("match",)
        if not caps:
            errors.append(doc.error(where, f"field {fname!r} of {pspec.kind} is not captured "
                                           f"(write {{{fname}:{fspec.type}}} or map it under fields:)"))
            return None
        if (len(caps) > 1 or caps[0].is_list) and not fspec.list:
            errors.append(doc.error(where, f"field {fname!r} holds one value, but {capture!r} captures several"))
            return None
        for cap in caps:
            got = {PART_KINDS.get(k, {}).get(part) if part else k for k in cap.kinds}
            if part and None in got:
                errors.append(doc.error(where, f"a {'/'.join(cap.kinds)} has no part {part!r}"))
                return None
            if not got <= fspec.types():
                errors.append(doc.error(where, f"field {fname!r} is a {fspec.type}, but {source!r} "
                                               f"is a {'/'.join(sorted(str(g) for g in got))}"))
                return None
        compiled.bindings[fname] = (capture, part or None)
    return compiled
