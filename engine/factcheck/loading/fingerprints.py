"""What the caches are keyed by: the rule files and factcheck's own code.

Cheap to compute and light to import (no rules are loaded, no pydantic), so a run
whose every input is already in the result cache never loads the catalog at all.
"""

from __future__ import annotations

import hashlib
import stat
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import ConfigError

#: The largest rule file, language pack or configuration read (here, to stay light to import;
#: yamlsource.py refuses larger ones).
MAX_RULE_FILE_BYTES = 10 * 1024 * 1024


def shipped_rules_dir() -> Path:
    """The rules/ folder: inside the installed package, or beside it in a source checkout."""
    from importlib import resources

    packaged = resources.files("factcheck").joinpath("rules")
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[3] / "rules"
    if source_tree.is_dir():
        return source_tree
    raise ConfigError(["cannot find factcheck's rules/ folder: the installation is incomplete"])


def rules_fingerprint(dirs: Iterable[Path]) -> str:
    """A hash of every YAML file under some rule folders (or of rule files), without loading them.

    Only regular files of at most the size a rule file may have are read: a FIFO would
    wait for a writer for ever and a link to /dev/zero never end. Anything else is hashed
    by its name and what it is (loading the rules then says what is wrong with it).
    """
    h = hashlib.sha256()
    for d in dirs:
        files = sorted([*d.rglob("*.yaml"), *d.rglob("*.yml")]) if d.is_dir() else [d]
        for p in files:
            h.update(str(p.relative_to(d) if d.is_dir() else p.name).encode())
            h.update(_contents(p, MAX_RULE_FILE_BYTES))
    return h.hexdigest()[:16]


def _contents(path: Path, limit: int) -> bytes:
    """A rule file's bytes; for what is not a readable regular file of at most ``limit``
    bytes, a marker saying what it is (with its size and time, so a change still shows)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return f"\0not a regular file {info.st_mode:o}".encode()
        if info.st_size > limit:
            return f"\0too large {info.st_size} {info.st_mtime_ns}".encode()
        with path.open("rb") as f:
            return f.read(limit + 1)
    except OSError as exc:
        return f"\0unreadable {exc.errno}".encode()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of factcheck's own modules: an upgrade or an edit in a source checkout never
    reads a result or a catalog that older code made."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted(package.rglob("*.py")):
        h.update(p.relative_to(package).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]
