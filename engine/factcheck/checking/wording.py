"""A rule's texts for readers of several languages: one per language, English when there is no other.

A rule gives its title, message, help and ``holds`` either as one string (English) or
as ``{en: ..., vi: ...}``; a reader of a language the rule does not speak gets its
English text, and a rule with no English its first.
"""

from __future__ import annotations

from typing import Mapping, TypeVar, Union

T = TypeVar("T")
ENGLISH = "en"  # what a plain string is, and what a rule without a translation falls back to
LocalText = Union[str, Mapping[str, str]]


def in_language(texts: Mapping[str, T], lang: str) -> tuple[str, T]:
    """(language, text) for a reader of ``lang``: the text in it, else the English one, else the first."""
    if lang in texts:
        return lang, texts[lang]
    if ENGLISH in texts:
        return ENGLISH, texts[ENGLISH]
    first = next(iter(texts))
    return first, texts[first]


def per_language(text: LocalText | None) -> dict[str, str]:
    """A text as {language: text}; a plain string is English, None is no text."""
    if text is None:
        return {}
    return {ENGLISH: text} if isinstance(text, str) else dict(text)
