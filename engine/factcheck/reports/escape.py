"""Text a report did not write (document lines, paths, record ids, messages quoting them)
made harmless to show: control characters become visible symbols, one for one.

An ESC in a document would otherwise reach the terminal (``ESC]0;...BEL`` retitles it,
``ESC[2J`` clears it), and a NUL or a line break in a path would reshape a GitHub
command or a Markdown comment. Each C0 control is shown as its Control Pictures symbol
(ESC as U+241B), DEL as U+2421 and each C1 control as U+FFFD: one code point for one,
so offsets and underlines stay in place.
"""

from __future__ import annotations

_VISIBLE = {**{code: 0x2400 + code for code in range(0x20)}, 0x7F: 0x2421,
            **{code: 0xFFFD for code in range(0x80, 0xA0)}}
_KEEP_TABS = {code: sym for code, sym in _VISIBLE.items() if code != 0x09}


def visible(text: str, tabs: bool = False) -> str:
    """The text with every control character (line breaks too; tabs too unless ``tabs``) as a
    visible symbol of the same length."""
    return text.translate(_KEEP_TABS if tabs else _VISIBLE)
