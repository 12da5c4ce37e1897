"""The error every stage raises for files a person wrote wrong (rules, language packs,
configuration): it lists every problem at once, each located where possible; and the
two helpers every message uses (a path as a person types it, "did you mean")."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable


class ConfigError(Exception):
    """Rule, language or config files that cannot be used; every problem is listed."""

    def __init__(self, errors: list[Any]):  # SourceError (file:line:col: key: message) or str
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def display_path(path: str | Path) -> str:
    """A path as a person would type it: relative to the working directory when inside it."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.relative_to(Path.cwd()).as_posix()
        except ValueError:
            pass
    return p.as_posix()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when one choice is close to ``word``, else empty."""
    import difflib  # only when something is wrong

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
