"""The error every stage raises for files a person wrote wrong (rules, language packs,
configuration): it lists every problem at once, each located where possible."""

from __future__ import annotations

from typing import Any


class ConfigError(Exception):
    """Rule, language or config files that cannot be used; every problem is listed."""

    def __init__(self, errors: list[Any]):  # SourceError (file:line:col: key: message) or str
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
