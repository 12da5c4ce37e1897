"""Prose views of Markdown and HTML: the same text with everything that is not prose blanked.

A view has exactly the length of the stored text, and every character of prose is
at its own offset: markup, code and URLs become spaces (line breaks kept, block
elements turned into line breaks), so findings point into the source file's own
lines and columns with no offset map at all.
"""

from __future__ import annotations

import datetime as dt
import re

from .documents import front_matter_date

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_MD_BLANKED = re.compile(
    r"(?P<fence>^[ \t]{0,3}(?P<mark>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}(?P=mark)[ \t]*$|\Z))"  # fenced code
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<code>`+[^`\n]+`+)"  # inline code
    r"|(?P<target>(?<=\])\([^)\n]*\))"  # link and image targets: [text](url)
    r"|(?P<refdef>^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$)"  # reference definitions
    r"|(?P<autolink><(?:https?|mailto):[^>\s]*>)"
    r"|(?P<tag></?[A-Za-z][^>\n]*>)",
    re.S | re.M,
)
_HTML_BLANKED = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<raw><(?P<rawtag>script|style|noscript|template)\b.*?</(?P=rawtag)\s*>)"
    r"|(?P<tag></?(?P<name>[A-Za-z][\w-]*)[^>]*>)"
    r"|(?P<entity>&(?:#\d+|#x[0-9A-Fa-f]+|\w+);)",
    re.S | re.I,
)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer blockquote pre hr "
    "figure figcaption main aside nav dd dt dl title body html head".split()
)
_TIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']?(\d{4}-\d{2}-\d{2})", re.I)
_META = re.compile(
    r"<meta\b[^>]*(?:property|name)\s*=\s*[\"'](?:article:published_time|date|pubdate)[\"'][^>]*"
    r"content\s*=\s*[\"'](\d{4}-\d{2}-\d{2})", re.I)
_META_REVERSED = re.compile(
    r"<meta\b[^>]*content\s*=\s*[\"'](\d{4}-\d{2}-\d{2})[^>]*(?:property|name)\s*=\s*[\"']"
    r"(?:article:published_time|date|pubdate)[\"']", re.I)


def blank(s: str) -> str:
    """Spaces for every character but line breaks."""
    return re.sub(r"[^\r\n]", " ", s)


def blank_front_matter(text: str) -> str:
    """The text with a leading YAML front matter block blanked: its ``date:`` is metadata."""
    m = _FRONT_MATTER.match(text)
    return text if not m else blank(m.group()) + text[m.end():]


def markdown_view(text: str) -> str:
    text = blank_front_matter(text)
    return _MD_BLANKED.sub(lambda m: blank(m.group()), text)


def html_view(text: str) -> str:
    import html  # only for HTML files
    def replace(m: re.Match[str]) -> str:
        if m.group("entity"):
            char = html.unescape(m.group())
            visible = len(char) == 1 and char.isprintable() and not char.isspace()
            return (char if visible else " ") + " " * (len(m.group()) - 1)
        if m.group("tag") and (m.group("name") or "").lower() in _BLOCK_TAGS:
            return "\n" + blank(m.group())[1:]  # a block boundary: a line break in the prose
        return blank(m.group())

    return _HTML_BLANKED.sub(replace, text)


def prose_view(text: str, kind: str) -> str:
    """The text as the checks should read it (same length, same offsets)."""
    if kind == "markdown":
        return markdown_view(text)
    if kind == "html":
        return html_view(text)
    return blank_front_matter(text)


def published_date(text: str, kind: str) -> dt.date | None:
    """The publication date a file states about itself: front matter, ``<time datetime>``
    or ``article:published_time``."""
    if kind == "html":
        for rx in (_META, _META_REVERSED, _TIME):
            m = rx.search(text)
            if m:
                try:
                    return dt.date.fromisoformat(m.group(1))
                except ValueError:
                    continue
        return None
    return front_matter_date(text)
