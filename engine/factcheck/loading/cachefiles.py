"""Cache files that cannot be a way in: signed, size-capped, never followed through a link.

Both caches (compiled catalogs, checked results) write through :class:`SignedFolder`.
Each entry starts with an HMAC-SHA256 of its bytes, keyed by a secret made once per
cache folder (``key``, 32 random bytes, created 0600 and only ever read from a regular
file that belongs to this user and no one else may read). An entry is read only if it
is a regular file (not a link, a FIFO, a device), no larger than the cap, and its
signature holds; anything else is a miss, counted, and the entry is rebuilt. So a file
planted in a cache folder (by another user, or committed into a repository) is never
unpickled nor believed, and a link to ``/dev/zero`` is never read.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

KEY_NAME = "key"
_MAC_BYTES = 64  # hex of a SHA-256 HMAC, then a newline
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck's cache: safe to delete.\n"


class SignedFolder:
    """Signed entries under one folder. ``rejected`` counts entries that were not trusted,
    ``problem`` says why the first one was (for one line at the end of a run)."""

    def __init__(self, folder: Path, limit: int):
        self.folder = folder
        self.limit = limit  # bytes an entry may have
        self.rejected = 0
        self.problem: str | None = None
        self._key: bytes | None = None
        self._distrusted = False

    def reject(self, why: str) -> None:
        self.rejected += 1
        self.problem = self.problem or why

    def key(self, create: bool) -> bytes | None:
        """The folder's secret, made when ``create`` and absent; None when there is none to trust."""
        if self._key is not None or self._distrusted:
            return self._key
        path = self.folder / KEY_NAME
        if create and not os.path.lexists(path):
            _make_key(self.folder)
        if not os.path.lexists(path):
            return None
        self._key = _read_key(path, self)
        self._distrusted = self._key is None  # said once; the cache is then not used at all
        return self._key

    def read(self, path: Path) -> bytes | None:
        """The payload of a signed entry, or None (missing, or not to be trusted)."""
        try:
            opened = _open_unfollowed(path)
        except OSError as exc:
            self.reject(f"an entry cannot be opened: {exc.strerror or exc} (a link, or not readable)")
            return None
        if opened is None:
            return None
        with opened as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > self.limit + _MAC_BYTES + 1:
                self.reject(f"an entry is not a regular file, or is larger than {self.limit} bytes")
                return None
            data = f.read(self.limit + _MAC_BYTES + 2)
        key = self.key(create=False)
        mac, payload = data[:_MAC_BYTES], data[_MAC_BYTES + 1:]
        expected = hmac.new(key, payload, hashlib.sha256).hexdigest().encode() if key else b""
        if not key or data[_MAC_BYTES:_MAC_BYTES + 1] != b"\n" or not hmac.compare_digest(mac, expected):
            self.reject("an entry's signature does not match this cache's key")
            return None
        return payload

    def write(self, path: Path, payload: bytes) -> bool:
        """Sign and store an entry (atomically: a reader never sees half of one); False when it cannot be."""
        if len(payload) > self.limit:
            return False
        tmp = None
        try:
            prepare(self.folder)
            key = self.key(create=True)
            if key is None:
                return False
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(hmac.new(key, payload, hashlib.sha256).hexdigest().encode() + b"\n" + payload)
            os.replace(tmp, path)
            return True
        except OSError:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            return False


def _open_unfollowed(path: Path) -> BinaryIO | None:
    """A file opened for reading without following a link or waiting on a FIFO; None if absent."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    return os.fdopen(fd, "rb")


def _read_key(path: Path, owner: SignedFolder) -> bytes | None:
    try:
        opened = _open_unfollowed(path)
    except OSError as exc:
        owner.reject(f"its key file cannot be read ({exc.strerror or exc})")
        return None
    if opened is None:
        return None
    with opened as f:
        info = os.fstat(f.fileno())
        mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if not stat.S_ISREG(info.st_mode) or not mine or info.st_mode & 0o077:
            owner.reject(f"its key file {path} is not private to this user (mode {stat.filemode(info.st_mode)})")
            return None
        key = f.read(65)
    if len(key) != 64:
        owner.reject(f"its key file {path} is damaged")
        return None
    return key


def _make_key(folder: Path) -> None:
    """A new secret, created 0600 beside the entries (unless another process made one first)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".key-")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_hex(32).encode())
        os.link(tmp, folder / KEY_NAME)  # never replaces: a key that appeared meanwhile wins
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)


def prepare(folder: Path) -> None:
    """Make a cache folder (private to this user) with its CACHEDIR.TAG and .gitignore."""
    if folder.is_dir() and (folder / "CACHEDIR.TAG").exists():
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not (folder / "CACHEDIR.TAG").exists():
        (folder / "CACHEDIR.TAG").write_text(TAG, encoding="utf-8")
        (folder / ".gitignore").write_text("# Created by factcheck.\n*\n", encoding="utf-8")


def remove(folder: Path) -> bool:
    """Remove a cache folder; False when there was none. Refuses a folder that is not a cache."""
    if not folder.exists():
        return False
    if not (folder / "CACHEDIR.TAG").is_file():
        raise ValueError(f"{folder.as_posix()} is not a factcheck cache (no CACHEDIR.TAG); not removed")
    shutil.rmtree(folder)
    return True
