"""The compiled catalog cache: a catalog pickled under a hash of everything it was built from.

Loading the rules means parsing YAML, validating it with pydantic and checking every
expression; a run that finds the same rule files again unpickles the result instead
(regexes stay uncompiled until used, see lazyregex.py). The key covers the rule files'
bytes, the folders, the overrides, factcheck's version, the interpreter's exact version
and implementation (a pickled regex program is only valid for the interpreter that made
it), and a stamp of the package's own modules, so a stale entry is never read.

A pickle runs code when loaded, so an entry is unpickled only when its HMAC, keyed by
a secret private to this user (see cachefiles.py), holds: a planted or foreign file is
a miss, said once on standard error, and is rebuilt. Entries live in
``$FACTCHECK_CATALOG_CACHE`` (``off`` disables them), else in the user's cache folder
as platformdirs finds it: ``$XDG_CACHE_HOME/factcheck`` (default ``~/.cache/factcheck``)
on Linux, ``~/Library/Caches/factcheck`` on macOS, ``%LOCALAPPDATA%\\factcheck\\Cache``
on Windows. With ``--no-cache`` nothing is written (a signed entry is still read:
start-up stays fast), and ``factcheck cache clean`` removes them. A cache that cannot
be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cachefiles import SignedFolder

_VERSION = 2  # of the pickled layout
ENV = "FACTCHECK_CATALOG_CACHE"
READ_ONLY_ENV = "FACTCHECK_CATALOG_CACHE_READ_ONLY"  # set (by --no-cache): entries are read, never written
ENTRY_LIMIT = 64 * 1024 * 1024  # bytes; the shipped catalog pickles to about 0.4 MB
_KEEP = 16  # entries kept: one per set of rule folders and code version in recent use


def cache_dir() -> Path | None:
    """Where compiled catalogs are kept; None when turned off."""
    setting = os.environ.get(ENV)
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
    interpreter = f"{sys.implementation.cache_tag}|{sys.version}"
    h.update(f"{_VERSION}|{__version__}|{interpreter}|{rules_fingerprint(dirs)}|{code_fingerprint()}|".encode())
    h.update("|".join(str(d.resolve()) for d in dirs).encode())
    h.update(repr(sorted((k, sorted(v.items())) for k, v in (overrides or {}).items())).encode())
    return h.hexdigest()[:24]


def _prune(folder: Path) -> None:
    """Drop all but the most recently written entries (each code edit or rule change makes one)."""
    entries = sorted(folder.glob("catalog-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        old.unlink(missing_ok=True)


@lru_cache(maxsize=4)
def _signed(folder: Path) -> SignedFolder:
    """One per folder and process, so that an untrusted entry is reported once."""
    return SignedFolder(folder, ENTRY_LIMIT)


def read(entry: str) -> Any:
    folder = cache_dir()
    if folder is None:
        return None
    files = _signed(folder)
    before = files.rejected
    payload = files.read(folder / f"catalog-{entry}.pickle")
    if payload is not None:
        try:
            return pickle.loads(payload)  # signed by this user's key: written by factcheck
        except Exception as exc:  # from another layout of the same code: rebuild
            files.reject(f"an entry does not load ({type(exc).__name__})")
    if files.rejected and not before:
        sys.stderr.write(f"factcheck: not using the compiled rules cached in {folder.as_posix()}: {files.problem}; "
                         "rebuilding them\n")
    return None


def write(entry: str, catalog: Any) -> None:
    folder = cache_dir()
    if folder is None or os.environ.get(READ_ONLY_ENV):
        return
    try:
        payload = pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # rules that cannot be pickled are simply not cached
        return
    if _signed(folder).write(folder / f"catalog-{entry}.pickle", payload):
        try:
            _prune(folder)
        except OSError:
            pass


def clean() -> Path | None:
    """Remove the compiled rules cache: its folder when factcheck made it (tagged), else just its
    entries and key. The folder removed from, or None when there was nothing to remove."""
    from .cachefiles import KEY_NAME, remove

    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return None
    if (folder / "CACHEDIR.TAG").is_file():
        remove(folder)
        return folder
    found = [*folder.glob("catalog-*.pickle"), *folder.glob(KEY_NAME)]
    for path in found:
        path.unlink(missing_ok=True)
    return folder if found else None
