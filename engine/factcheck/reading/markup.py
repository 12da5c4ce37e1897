"""Prose views of Markdown and HTML: the same text with everything that is not prose blanked.

A view has exactly the length of the stored text, and every character of prose is
at its own offset: markup, code and URLs become spaces (line breaks kept, block
elements turned into line breaks), so findings point into the source file's own
lines and columns with no offset map at all.

Markup is read by small hand scanners, not by one regex of alternatives: a regex such
as ``<!--.*?-->`` or ``<[^>]*>`` rescans the rest of the text from every unclosed
opener, so a document of repeated ``<!--`` or ``<meta`` took minutes. Here every
"where is the next ``>``" question is answered by a :class:`NextMatch` that only moves
forward, and each construct is scanned once: every view is linear in the text.
"""

from __future__ import annotations

import datetime as dt
import re

from .documents import front_matter_date

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer blockquote pre hr "
    "figure figcaption main aside nav dd dt dl title body html head".split()
)
_RAW_TAGS = frozenset({"script", "style", "noscript", "template"})  # their content is not prose
_DATE_NAMES = frozenset({"article:published_time", "date", "pubdate"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_HTML_START = re.compile(r"[<&]")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|\w+);")
# where a Markdown construct may begin: a fence or a reference definition at a line's start,
# an HTML tag, comment or autolink, inline code, a link target
_MD_START = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,}|\[)|<|`+|\]\(", re.M)
_MD_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_MD_AUTOLINK = re.compile(r"<(?:https?|mailto):")
_MD_TAG = re.compile(r"</?[A-Za-z]")
_DATE_TAG = re.compile(r"<(meta|time)\b", re.I)


class NextMatch:
    """The next place at or after a position where a pattern matches, for positions that
    only grow: the text after a position is searched once, however often it is asked."""

    def __init__(self, text: str, pattern: str):
        self._text = text
        self._pattern = re.compile(pattern)
        self._found = -1
        self._searched_from = -1  # the last search began here; -1: never searched

    def at(self, pos: int) -> int:
        """The start of the first match at or after ``pos``, or -1."""
        if self._searched_from < 0 or (self._found != -1 and self._found < pos) or pos < self._searched_from:
            m = self._pattern.search(self._text, pos)
            self._searched_from, self._found = pos, m.start() if m else -1
        return self._found


def blank(s: str) -> str:
    """Spaces for every character but line breaks."""
    return _NOT_LINE_BREAK.sub(" ", s)


def blank_front_matter(text: str) -> str:
    """The text with a leading YAML front matter block blanked: its ``date:`` is metadata."""
    m = _FRONT_MATTER.match(text)
    return text if not m else blank(m.group()) + text[m.end():]


class _View:
    """A view being built: pieces of the text, some blanked, in order."""

    def __init__(self, text: str):
        self.text = text
        self.pieces: list[str] = []
        self.done = 0  # the text before this is in pieces

    def blank(self, start: int, end: int, block: bool = False) -> None:
        """Blank text[start:end]; ``block`` puts a line break in its first character's place."""
        self.pieces += [self.text[self.done:start], "\n" + blank(self.text[start + 1:end]) if block else
                        blank(self.text[start:end])]
        self.done = end

    def replace(self, start: int, end: int, replacement: str) -> None:
        self.pieces += [self.text[self.done:start], replacement]
        self.done = end

    def result(self) -> str:
        return "".join(self.pieces) + self.text[self.done:]


def markdown_view(text: str) -> str:
    text = blank_front_matter(text)
    view = _View(text)
    comment_end, close = NextMatch(text, "-->"), NextMatch(text, r"\)")
    line_end, bracket_end = NextMatch(text, "\n"), NextMatch(text, r"[\]\n]")
    angle_end, autolink_end = NextMatch(text, r"[>\n]"), NextMatch(text, r"[>\s]")
    pos = 0
    while m := _MD_START.search(text, pos):
        i, token = m.start(), m.group()
        pos = i + 1
        stripped = token.lstrip(" \t")
        if stripped[:1] in "`~" and len(stripped) >= 3 and (i == 0 or text[i - 1] == "\n"):
            pos = _fence_end(text, i, stripped, line_end)
            view.blank(i, pos)
        elif stripped == "[" and (i == 0 or text[i - 1] == "\n"):
            j = m.end() - 1  # the bracket
            label_end, eol = bracket_end.at(j + 1), line_end.at(j)
            eol = len(text) if eol < 0 else eol
            if label_end > j + 1 and text[label_end] == "]" and text.startswith(":", label_end + 1):
                view.blank(i, eol)  # a reference definition: the whole line
                pos = eol
            else:
                pos = j + 1
        elif token.startswith("`"):
            pos = _code_span(text, i, len(token), view)
        elif token == "](":
            j = i + 1
            end, eol = close.at(j), line_end.at(j)
            if end >= 0 and (eol < 0 or end < eol):
                view.blank(j, end + 1)
                pos = end + 1
        elif text.startswith("<!--", i):
            end = comment_end.at(i + 4)
            if end >= 0:
                pos = end + 3
                view.blank(i, pos)
        elif _MD_TAG.match(text, i):  # an autolink (<https://...>) or else an HTML tag
            ends = [autolink_end.at(i + 1)] if _MD_AUTOLINK.match(text, i) else []
            end = next((e for e in [*ends, angle_end.at(i + 1)] if e >= 0 and text[e] == ">"), -1)
            if end >= 0:
                pos = end + 1
                view.blank(i, pos)
    return view.result()


def _fence_end(text: str, start: int, mark: str, line_end: NextMatch) -> int:
    """Where a fenced code block that opens at ``start`` ends: after its closing fence's line
    (the same run of backticks or tildes), or at the end of the text."""
    m = _MD_FENCE.match(text, start)
    assert m is not None
    fence = m.group(1)
    eol = line_end.at(start)
    while eol >= 0:
        line_start = eol + 1
        eol = line_end.at(line_start)
        line = text[line_start:eol if eol >= 0 else len(text)]
        if line.strip(" \t\r") == fence and len(line) - len(line.lstrip(" \t")) <= 3:
            return eol if eol >= 0 else len(text)
    return len(text)


def _code_span(text: str, start: int, run: int, view: _View) -> int:
    """Inline code: a run of backticks, text without a backtick or a line break, a run of
    backticks. Blanks it and gives the position after it, or after the opening run."""
    j = start + run
    k = j
    while k < len(text) and text[k] not in "`\n":
        k += 1
    if k == j or k >= len(text) or text[k] != "`":
        return j
    end = k
    while end < len(text) and text[end] == "`":
        end += 1
    view.blank(start, end)
    return end


def html_view(text: str) -> str:
    import html  # only for HTML files

    view = _View(text)
    tag_end, comment_end = NextMatch(text, ">"), NextMatch(text, "-->")
    raw_end: dict[str, NextMatch] = {}
    pos = 0
    while m := _HTML_START.search(text, pos):
        i = m.start()
        pos = i + 1
        if m.group() == "&":
            entity = _ENTITY.match(text, i)
            if entity:
                char = html.unescape(entity.group())
                visible = len(char) == 1 and char.isprintable() and not char.isspace()
                pos = entity.end()
                view.replace(i, pos, (char if visible else " ") + " " * (pos - i - 1))
        elif text.startswith("<!--", i):
            end = comment_end.at(i + 4)
            pos = len(text) if end < 0 else end + 3  # unclosed: a browser reads the rest as comment
            view.blank(i, pos)
        elif (name := _TAG_NAME.match(text, i)) and (end := tag_end.at(name.end())) >= 0:
            pos = end + 1
            tag = name.group(1).lower()
            if tag in _RAW_TAGS and not name.group().startswith("</"):
                finder = raw_end.setdefault(tag, NextMatch(text, rf"(?i)</{tag}\s*>"))
                close = finder.at(pos)
                pos = len(text) if close < 0 else text.index(">", close) + 1
            view.blank(i, pos, block=tag in _BLOCK_TAGS)
    return view.result()


def prose_view(text: str, kind: str) -> str:
    """The text as the checks should read it (same length, same offsets)."""
    if kind == "markdown":
        return markdown_view(text)
    if kind == "html":
        return html_view(text)
    return blank_front_matter(text)


def published_date(text: str, kind: str) -> dt.date | None:
    """The publication date a file states about itself: front matter, ``<time datetime>``
    or ``article:published_time`` (a ``<meta>`` before any ``<time>``)."""
    if kind != "html":
        return front_matter_date(text)
    tag_end = NextMatch(text, ">")
    from_time: dt.date | None = None
    pos = 0
    while m := _DATE_TAG.search(text, pos):
        end = tag_end.at(m.end())
        if end < 0:
            break  # no tag closes after here
        pos = end + 1  # the next tag starts after this one: each character is read once
        attributes = tag_attributes(text[m.end():end])
        if m.group(1).lower() == "meta":
            named = attributes.get("property") or attributes.get("name") or ""
            if named.lower() in _DATE_NAMES and (date := _iso_date(attributes.get("content", ""))):
                return date
        elif from_time is None:
            from_time = _iso_date(attributes.get("datetime", ""))
    return from_time


def tag_attributes(inside: str) -> dict[str, str]:
    """The attributes of a tag, from the text between its name and its ``>``: names lower-cased,
    the first of each name kept, values unquoted (a value without its closing quote runs to the end)."""
    out: dict[str, str] = {}
    i, n = 0, len(inside)
    while i < n:
        while i < n and (inside[i].isspace() or inside[i] == "/"):
            i += 1
        start = i
        while i < n and not inside[i].isspace() and inside[i] not in "=/>":
            i += 1
        name = inside[start:i].lower()
        while i < n and inside[i].isspace():
            i += 1
        value = ""
        if i < n and inside[i] == "=":
            i += 1
            while i < n and inside[i].isspace():
                i += 1
            if i < n and inside[i] in "\"'":
                close = inside.find(inside[i], i + 1)
                close = n if close < 0 else close
                value, i = inside[i + 1:close], close + 1
            else:
                start = i
                while i < n and not inside[i].isspace():
                    i += 1
                value = inside[start:i]
        if name:
            out.setdefault(name, value)
        elif i == start:
            i += 1  # a stray character (a lone "="): step over it
    return out


def _iso_date(value: str) -> dt.date | None:
    m = _ISO_DATE.match(value.strip())
    try:
        return dt.date.fromisoformat(m.group()) if m else None
    except ValueError:
        return None
