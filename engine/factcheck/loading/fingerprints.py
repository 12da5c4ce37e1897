"""What the caches are keyed by: the rule files and factcheck's own code.

Cheap to compute and light to import (no rules are loaded, no pydantic), so a run
whose every input is already in the result cache never loads the catalog at all.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import ConfigError


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
    """A hash of every YAML file under some rule folders (or of rule files), without loading them."""
    h = hashlib.sha256()
    for d in dirs:
        files = sorted([*d.rglob("*.yaml"), *d.rglob("*.yml")]) if d.is_dir() else [d]
        for p in files:
            h.update(str(p.relative_to(d) if d.is_dir() else p.name).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


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
