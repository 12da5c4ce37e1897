"""The result cache: a checked file is not checked again until it, the rules or the settings change.

As ruff does, a result is stored under a key made of the SHA-256 of the input's
bytes, the path it is shown as, and the *settings key*: factcheck's version and a
hash of its code, a hash of the rule files (without loading them), and every option
that changes results (language, publication date, the rules selected, severities,
params). One small JSON file per entry, in folders named by the key's first two hex
digits. A cached result reproduces the report exactly: findings are stored as they
were made, and the text a report needs is decoded again from the bytes just hashed.
An entry that cannot be read or parsed is ignored (and overwritten).

The folder is ``.factcheck_cache/`` beside the configuration file (or in the working
directory), ``$FACTCHECK_CACHE_DIR``, or ``--cache-dir``; ``factcheck cache clean``
removes it. ``settings/`` records the settings keys whose rules loaded without error,
so a run whose every file is cached need not load the rules to check them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterable

from ..checking.findings import Check, Excerpt, Finding, Fix, Reading, Span
from ..loading.fingerprints import code_fingerprint, rules_fingerprint
from ..reading.sources import Source
from .work import Result

LAYOUT = "v1"
ENV = "FACTCHECK_CACHE_DIR"
DEFAULT_NAME = ".factcheck_cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck's result cache: safe to delete.\n"


def cache_folder(explicit: Path | None, project: Path) -> Path:
    """Where the cache lives: ``--cache-dir``, else ``$FACTCHECK_CACHE_DIR``, else in the project's folder."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV)
    return Path(env) if env else project / DEFAULT_NAME


def settings_key(rule_dirs: Iterable[Path], options: dict[str, Any]) -> str:
    """A hash of everything besides the input that a result depends on."""
    from .. import __version__

    dirs = list(rule_dirs)
    h = hashlib.sha256()
    h.update(f"{LAYOUT}|{__version__}|{code_fingerprint()}|{rules_fingerprint(dirs)}|".encode())
    h.update(json.dumps({"dirs": [str(d.resolve()) for d in dirs], **options}, sort_keys=True, default=str).encode())
    return h.hexdigest()[:32]


class ResultCache:
    """Results of one run's settings, read and written under one folder."""

    def __init__(self, folder: Path, settings: str):
        self.folder = folder
        self.settings = settings
        self._ready = False
        self._entries = os.path.join(folder, LAYOUT, "entries")  # plain strings: a lookup is on the hot path

    def _entry(self, source: Source, data_digest: str) -> str:
        published = source.published.isoformat() if source.published else ""
        key = "\0".join([self.settings, source.path, source.document_kind(), source.lang or "", published, data_digest])
        name = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        return os.path.join(self._entries, name[:2], name[2:] + ".json")

    def get(self, source: Source, data_digest: str) -> Result | None:
        """The cached result of a source whose bytes hash to ``data_digest``, or None.

        The result's ``text`` is left for the caller to restore (it has the bytes).
        """
        try:
            with open(self._entry(source, data_digest), "rb") as f:
                entry = json.loads(f.read())
            result = Result(source.path, [_finding(f) for f in entry["findings"]], notes=list(entry["notes"]),
                            counted=True, digest=data_digest, origin=source.origin, docs=dict(entry["docs"]))
            if "reading" in entry:  # a run that writes html (its settings key says so)
                result.reading = _reading(entry["reading"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None
        return result

    def put(self, source: Source, result: Result) -> None:
        """Store a result (a checked file's only; nothing is stored for an unreadable input)."""
        if not result.counted or result.digest is None:
            return
        entry: dict[str, Any] = {"findings": [asdict(f) for f in result.findings], "notes": result.notes,
                                 "docs": result.docs}
        if result.reading is not None:
            entry["reading"] = asdict(result.reading)
        try:
            data = json.dumps(entry, ensure_ascii=False)
            if json.loads(data) != entry:  # evidence JSON cannot hold exactly (a tuple, say): not cached
                return
        except (TypeError, ValueError):
            return
        self._write(Path(self._entry(source, result.digest)), data)

    def settings_known(self) -> bool:
        """Whether rules loaded with these settings before (so the run may load them lazily)."""
        return (self.folder / LAYOUT / "settings" / self.settings).is_file()

    def remember_settings(self) -> None:
        """Record that the rules load with these settings."""
        self._write(self.folder / LAYOUT / "settings" / self.settings, "")

    def _write(self, target: Path, data: str) -> None:
        try:
            if not self._ready:
                _prepare(self.folder)
                self._ready = True
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
            os.replace(tmp, target)  # atomic: a reader never sees half an entry
        except OSError:
            pass  # a cache that cannot be written is simply not used


def clean(folder: Path) -> bool:
    """Remove a cache folder; False when there was none. Refuses a folder that is not a cache."""
    if not folder.exists():
        return False
    if not (folder / "CACHEDIR.TAG").is_file():
        raise ValueError(f"{folder.as_posix()} is not a factcheck cache (no CACHEDIR.TAG); not removed")
    shutil.rmtree(folder)
    return True


def _prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "CACHEDIR.TAG").exists():
        (folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (folder / ".gitignore").write_text("# Created by factcheck.\n*\n", encoding="utf-8")


def _finding(data: dict[str, Any]) -> Finding:
    fix = data["fix"]
    return Finding(data["rule"], data["severity"], data["message"], data["path"],
                   _spans(data["spans"]),
                   data["evidence"], Fix(**fix) if fix is not None else None,
                   data["help"], data["title"], data["message_lang"])


def _spans(data: list[dict[str, Any]]) -> list[Span]:
    return [Span(s["start"], s["end"], s["text"], s["label"]) for s in data]


def _reading(data: dict[str, Any]) -> Reading:
    checks = [Check(c["rule"], _spans(c["spans"]), c["arithmetic"], c["title"]) for c in data["checks"]]
    shown = [Excerpt(e["start"], e["line"], e["text"], e["clipped"]) for e in data["excerpts"]]
    return Reading(data["lang"], data["claims"], checks, shown)
