"""Regular expressions compiled on first use, and pickled as their source.

A language pack is a few dozen large regexes; compiling them all costs more than
checking one article. A LazyRegex compiles when first used, so a run pays only for
the language it reads and the patterns whose cue words occur, and a cached catalog
unpickles without compiling anything.
"""

from __future__ import annotations

import re
from typing import Any, Iterator


class LazyRegex:
    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

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

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern[:40]!r}{'…' if len(self.pattern) > 40 else ''})"
