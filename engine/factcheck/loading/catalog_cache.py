"""The compiled catalog cache: a catalog pickled under a hash of everything it was built from.

Loading the rules means parsing YAML, validating it with pydantic and checking every
expression; a run that finds the same rule files again unpickles the result instead
(regexes stay uncompiled until used, see lazyregex.py). The key covers the rule files'
bytes, the folders, the overrides, factcheck's version, Python's, and a stamp of the
package's own modules, so a stale entry is never read. Entries live in
``$FACTCHECK_CATALOG_CACHE`` (``off`` disables them), else in the user's cache folder
as platformdirs finds it: ``$XDG_CACHE_HOME/factcheck`` (default ``~/.cache/factcheck``)
on Linux, ``~/Library/Caches/factcheck`` on macOS, ``%LOCALAPPDATA%\\factcheck\\Cache``
on Windows. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

_VERSION = 1  # of the pickled layout


def cache_dir() -> Path | None:
    """Where compiled catalogs are kept; None when turned off."""
    setting = os.environ.get("FACTCHECK_CATALOG_CACHE")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factcheck", appauthor=False))


def key(dirs: list[Path], overrides: dict[str, dict[str, Any]] | None) -> str:
    from .. import __version__
    from .fingerprints import code_fingerprint, rules_fingerprint

    h = hashlib.sha256()
    h.update(f"{_VERSION}|{__version__}|{sys.version_info[:2]}|{rules_fingerprint(dirs)}|{code_fingerprint()}|".encode())
    h.update("|".join(str(d.resolve()) for d in dirs).encode())
    h.update(repr(sorted((k, sorted(v.items())) for k, v in (overrides or {}).items())).encode())
    return h.hexdigest()[:24]


_KEEP = 16  # entries kept: one per set of rule folders and code version in recent use


def _prune(folder: Path) -> None:
    """Drop all but the most recently written entries (each code edit or rule change makes one)."""
    entries = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        old.unlink(missing_ok=True)


def read(entry: str) -> Any:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"catalog-{entry}.pickle", "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated, from another layout: rebuild
        return None


def write(entry: str, catalog: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    tmp: str | None = None
    try:
        import tempfile  # only when writing a new entry

        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(catalog, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"catalog-{entry}.pickle")  # atomic: readers never see half a file
        _prune(folder)
    except Exception:  # a cache that cannot be written is not used
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
