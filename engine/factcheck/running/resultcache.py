"""The result cache: a checked file is not checked again until it, the rules or the settings change.

As ruff does, a result is stored under a key made of the SHA-256 of the input's
bytes, the path it is shown as, and the *settings key*: factcheck's version and a
hash of its code, a hash of the rule files (without loading them), and every option
that changes results (language, publication date, the rules selected, severities,
params). One small JSON file per entry, in folders named by the key's first two hex
digits. A cached result reproduces the report exactly: findings are stored as they
were made, and the text a report needs is decoded again from the bytes just hashed.
Entries are signed with a key private to this user, and checked field by field: an
entry that cannot be read, is not signed, or does not fit its document is a miss (and
is overwritten); the run says once how many were not trusted.

The folder is ``.factcheck_cache/`` beside the configuration file (or in the working
directory), ``$FACTCHECK_CACHE_DIR``, or ``--cache-dir``; ``factcheck cache clean``
removes it. ``settings/`` records the settings keys whose rules loaded without error,
so a run whose every file is cached need not load the rules to check them.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, Iterable

from ..checking.findings import SEVERITY_RANK, Check, Excerpt, Finding, Fix, Reading, Span
from ..loading.cachefiles import SignedFolder, remove
from ..loading.fingerprints import code_fingerprint, rules_fingerprint
from ..reading.documents import ReadError
from ..reading.sources import Source, digest, stored_text
from .work import Result

LAYOUT = "v1"
ENV = "FACTCHECK_CACHE_DIR"
DEFAULT_NAME = ".factcheck_cache"
ENTRY_LIMIT = 32 * 1024 * 1024  # bytes: larger is not an entry this code wrote


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
    """Results of one run's settings, read and written under one folder.

    Entries are signed (see loading/cachefiles.py) and checked field by field before use;
    an entry that is odd in any way (edited, truncated, a link, too large, a severity that
    does not exist, a span or an excerpt that does not quote the text) is a miss, counted in
    ``rejected``, and is computed and written again.
    """

    def __init__(self, folder: Path, settings: str):
        self.folder = folder
        self.settings = settings
        self._files = SignedFolder(folder, ENTRY_LIMIT)
        self._entries = os.path.join(folder, LAYOUT, "entries")  # plain strings: a lookup is on the hot path

    @property
    def rejected(self) -> int:
        """Entries found but not trusted."""
        return self._files.rejected

    @property
    def problem(self) -> str | None:
        """Why the first entry not trusted was not."""
        return self._files.problem

    def _entry(self, source: Source, data_digest: str) -> str:
        published = source.published.isoformat() if source.published else ""
        key = "\0".join([self.settings, source.path, source.document_kind(), source.lang or "", published, data_digest])
        name = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        return os.path.join(self._entries, name[:2], name[2:] + ".json")

    def get(self, source: Source, data_digest: str) -> Result | None:
        """The cached result of a source whose bytes hash to ``data_digest``, or None.

        The result's ``text`` is left for the caller to restore (see ``lookup``).
        """
        payload = self._files.read(Path(self._entry(source, data_digest)))
        if payload is None:
            return None
        try:
            entry = json.loads(payload)
            if not isinstance(entry, dict):
                raise ValueError("an entry is not an object")
            result = Result(source.path, _findings(entry["findings"]), notes=_strings(entry["notes"]),
                            counted=True, digest=data_digest, origin=source.origin, docs=_docs(entry["docs"]))
            if "reading" in entry:  # a run that writes html (its settings key says so)
                result.reading = _reading(entry["reading"], source.path)
        except (ValueError, KeyError, TypeError) as exc:
            self._files.reject(f"an entry is malformed ({exc})")
            return None
        _place(result, source.path, source.origin)
        return result

    def lookup(self, source: Source, data: bytes) -> Result | None:
        """The cached result of a source read as ``data``, with the text its report quotes, or None.

        An archive record located but not parsed yet is parsed here, on a hit only: its
        report shows the record's id, text and origin, not the raw JSON line.
        """
        hit = self.get(source, digest(data))
        if hit is None:
            return None
        hit.size = len(data)
        shown = source
        if source.record is not None:
            from ..reading.archives import parse_record

            parsed = parse_record(data, source)
            if isinstance(parsed, ReadError):
                self._unfit()
                return None
            shown = parsed
            _place(hit, parsed.path, parsed.origin)
        if not hit.findings and hit.reading is None:
            return hit
        text = stored_text(shown, data)
        if isinstance(text, ReadError) or not _fits(hit, text, shown):
            self._unfit()
            return None
        hit.text = text if hit.findings else None
        return hit

    def _unfit(self) -> None:
        """A hit whose entry does not fit its document after all: a miss."""
        self._files.reject("an entry does not fit its document")

    def put(self, source: Source, result: Result) -> None:
        """Store a result (a checked file's only; nothing is stored for an unreadable input)."""
        if not result.counted or result.digest is None:
            return
        entry: dict[str, Any] = {"findings": [_stored(f) for f in result.findings], "notes": result.notes,
                                 "docs": result.docs}
        if result.reading is not None:
            entry["reading"] = _stored(result.reading)
        try:
            data = json.dumps(entry)  # ASCII: a lone surrogate is escaped, never written raw
            if json.loads(data) != entry:  # evidence JSON cannot hold exactly (a tuple, say): not cached
                return
        except (TypeError, ValueError):
            return
        self._files.write(Path(self._entry(source, result.digest)), data.encode("ascii"))

    def settings_known(self) -> bool:
        """Whether rules loaded with these settings before (so the run may load them lazily)."""
        return self._files.read(self.folder / LAYOUT / "settings" / self.settings) == b""

    def remember_settings(self) -> None:
        """Record that the rules load with these settings."""
        self._files.write(self.folder / LAYOUT / "settings" / self.settings, b"")


def clean(folder: Path) -> bool:
    """Remove a cache folder; False when there was none. Refuses a folder that is not a cache."""
    return remove(folder)


def _stored(item: Finding | Reading) -> dict[str, Any]:
    entry = asdict(item)
    del entry["origin"]  # the source's, set again when read
    if isinstance(item, Reading):
        del entry["path"]  # likewise
    return entry


def _place(result: Result, path: str, origin: str | None) -> None:
    """Say where a cached result's document was read (an archive record's id and origin are known
    only once its line is parsed)."""
    result.path, result.origin = path, origin
    for finding in result.findings:
        finding.origin = origin
    if result.reading is not None:
        result.reading.path, result.reading.origin = path, origin


def _findings(data: object) -> list[Finding]:
    """Findings from a cache entry, every field of the right type and value; ValueError if not."""
    if not isinstance(data, list):
        raise ValueError("findings is not a list")
    return [_finding(item) for item in data]


def _finding(data: object) -> Finding:
    if not isinstance(data, dict) or set(data) != _FIELDS:
        raise ValueError("a finding's fields differ")
    spans = _spans(data["spans"])
    fix = data["fix"]
    if fix is not None:
        if not isinstance(fix, dict) or set(fix) != _FIX_FIELDS or not 0 <= _int(fix["span"]) < len(spans):
            raise ValueError("a fix names no span")
        within = spans[fix["span"]]
        if not within.start <= _int(fix["start"]) <= _int(fix["end"]) <= within.end:
            raise ValueError("a fix's edit is outside its span")
    if data["severity"] not in SEVERITY_RANK or not isinstance(data["evidence"], dict):
        raise ValueError("a finding's severity or evidence is not one of a finding")
    edit = Fix(fix["span"], _str(fix["replacement"]), fix["start"], fix["end"]) if fix is not None else None
    return Finding(_str(data["rule"]), data["severity"], _str(data["message"]), _str(data["path"]), spans,
                   data["evidence"], edit,
                   _optional_str(data["help"]), _optional_str(data["title"]), _str(data["message_lang"]))


def _spans(data: object) -> list[Span]:
    if not isinstance(data, list) or not all(isinstance(s, dict) and set(s) == _SPAN_FIELDS for s in data):
        raise ValueError("a finding's spans differ")
    parsed = [Span(_int(s["start"]), _int(s["end"]), _str(s["text"]), _str(s["label"])) for s in data]
    if any(not 0 <= s.start <= s.end for s in parsed):
        raise ValueError("a span's offsets are out of order")
    return parsed


def _reading(data: object, path: str) -> Reading:
    """What the html report shows of a document, from a cache entry; ValueError if anything is odd."""
    if not isinstance(data, dict) or set(data) != _READING_FIELDS:
        raise ValueError("a reading's fields differ")
    checks, excerpts = data["checks"], data["excerpts"]
    if not isinstance(checks, list) or not all(isinstance(c, dict) and set(c) == _CHECK_FIELDS for c in checks):
        raise ValueError("a reading's checks differ")
    if not isinstance(excerpts, list) or not all(isinstance(e, dict) and set(e) == _EXCERPT_FIELDS for e in excerpts):
        raise ValueError("a reading's excerpts differ")
    if _int(data["claims"]) < 0:
        raise ValueError("a reading's count of claims is negative")
    shown = [Excerpt(_int(e["start"]), _int(e["line"]), _str(e["text"]), _bool(e["clipped"])) for e in excerpts]
    return Reading(_optional_str(data["lang"]), data["claims"],
                   [Check(_str(c["rule"]), _spans(c["spans"]), _str(c["arithmetic"]), _optional_str(c["title"]))
                    for c in checks], shown, path)


def _fits(result: Result, text: str, source: Source) -> bool:
    """Whether a result belongs to this document: its path, and spans and excerpts that quote its text exactly."""
    spans = [s for f in result.findings for s in f.spans]
    if any(f.path != source.path for f in result.findings):
        return False
    if result.reading is not None:
        spans += [s for c in result.reading.checks for s in c.spans]
        if not all(0 <= e.start and text[e.start:e.start + len(e.text)] == e.text
                   and e.line == text.count("\n", 0, e.start) + 1 for e in result.reading.excerpts):
            return False
    return all(s.end <= len(text) and text[s.start:s.end] == s.text for s in spans)


def _int(value: object) -> int:
    if type(value) is not int:
        raise ValueError(f"{value!r} is not an integer")
    return value


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise ValueError(f"{value!r} is not true or false")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a string")
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _strings(value: object) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("notes is not a list")
    return [_str(v) for v in value]


def _docs(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("docs is not an object")
    return {_str(k): _str(v) for k, v in value.items()}


_FIELDS = {f.name for f in fields(Finding)} - {"origin"}
_SPAN_FIELDS = {f.name for f in fields(Span)}
_FIX_FIELDS = {f.name for f in fields(Fix)}
_READING_FIELDS = {f.name for f in fields(Reading)} - {"path", "origin"}
_CHECK_FIELDS = {f.name for f in fields(Check)}
_EXCERPT_FIELDS = {f.name for f in fields(Excerpt)}
