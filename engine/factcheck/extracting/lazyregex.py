"""Regular expressions compiled on first use, and pickled with their compiled code.

A language pack is a few dozen large regexes; parsing and compiling them costs more
than checking one article. A LazyRegex compiles when first used, so a run pays only
for the language it reads and the patterns whose cue words occur. Once compiled, it
keeps the engine's code for the pattern (CPython's own steps, as re.compile takes
them), and a cached catalog pickles that code: unpickled, the regex is rebuilt
directly from it, with no parsing. The code is tied to the interpreter (the catalog
cache is keyed by Python's version, and the code by the regex engine's magic
number); when it does not fit, the regex is compiled from its source as usual.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

_sre: Any
try:  # CPython's regex engine: build a pattern from compiled code (private modules: no type stubs)
    import _sre  # type: ignore[import-not-found,no-redef]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other interpreters compile from source
    _sre = None

Code = tuple[int, int, list[int], int, dict[str, int], tuple[Any, ...]]  # magic, flags, code, groups, …


def _compile_to_code(pattern: str, flags: int) -> Code:
    """What re.compile computes before handing over to the engine (re/_compiler.py: compile)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # the code holds named opcode constants: plain ints pickle (and compare) the same
    return (_sre.MAGIC, int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


class LazyRegex:
    __slots__ = ("pattern", "flags", "_compiled", "_code")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._code: Code | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = self._build()
        return self._compiled

    def _build(self) -> re.Pattern[str]:
        if _sre is None:
            return re.compile(self.pattern, self.flags)
        if self._code is not None and self._code[0] == _sre.MAGIC:
            try:
                _, flags, code, groups, groupindex, indexgroup = self._code
                built: re.Pattern[str] = _sre.compile(self.pattern, flags, code, groups, groupindex, indexgroup)
                return built
            except Exception:  # code from another engine: compile from the source
                pass
        self._code = _compile_to_code(self.pattern, self.flags)
        _, flags, code, groups, groupindex, indexgroup = self._code
        compiled: re.Pattern[str] = _sre.compile(self.pattern, flags, code, groups, groupindex, indexgroup)
        return compiled

    def check(self) -> None:
        """Compile now (raising re.error for a bad pattern): for validating user files."""
        _ = self.compiled

    def match(self, *args: Any) -> re.Match[str] | None:
        return self.compiled.match(*args)

    def fullmatch(self, *args: Any) -> re.Match[str] | None:
        return self.compiled.fullmatch(*args)

    def search(self, *args: Any) -> re.Match[str] | None:
        return self.compiled.search(*args)

    def finditer(self, *args: Any) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(*args)

    def sub(self, *args: Any) -> str:
        return self.compiled.sub(*args)

    def __getstate__(self) -> tuple[str, int, Code | None]:
        return self.pattern, self.flags, self._code

    def __setstate__(self, state: tuple[str, int, Code | None]) -> None:
        self.pattern, self.flags, self._code = state
        self._compiled = None

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern[:40]!r}{'…' if len(self.pattern) > 40 else ''})"
