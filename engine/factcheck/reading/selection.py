"""Which files a run reads: the configuration's include/exclude globs and the files changed
since a git ref (``--diff-base``).

Globs follow .gitignore: matched against the path relative to the configuration's
folder, ``*`` stays within a folder and ``**`` crosses folders, a pattern without a
slash matches at any depth, and a pattern that names a folder covers what is in it.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath
from typing import Iterable

from .documents import ReadError, expand


class GitError(Exception):
    """git could not say which files changed (not a repository, unknown ref, git missing)."""


@dataclass(frozen=True)
class FileFilter:
    """Keeps or drops each file of a run. Files found by walking a folder (or a glob) must
    match ``include`` when it is given; no file, even one named, may match ``exclude``;
    with ``changed``, only those files (resolved paths) are kept. Standard input is always read."""

    root: Path
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    changed: frozenset[Path] | None = None

    @cached_property
    def _include(self) -> list[re.Pattern[str]]:
        return [glob_regex(p) for p in self.include]

    @cached_property
    def _exclude(self) -> list[re.Pattern[str]]:
        return [glob_regex(p) for p in self.exclude]

    @property
    def active(self) -> bool:
        """Whether it may drop anything at all."""
        return bool(self.include or self.exclude) or self.changed is not None

    def keeps(self, path: Path, named: bool) -> bool:
        """Whether to read ``path``; ``named`` when it was given as such, not found in a folder."""
        resolved = path.resolve()
        if self.changed is not None and resolved not in self.changed:
            return False
        rel = Path(os.path.relpath(resolved, self.root.resolve())).as_posix()
        if any(p.fullmatch(rel) for p in self._exclude):
            return False
        return named or not self._include or any(p.fullmatch(rel) for p in self._include)

    def select(self, args: Iterable[str]) -> list[str]:
        """The inputs to read, as paths to pass to ``read_inputs``: each folder and glob expanded."""
        kept: list[str] = []
        for arg in args:
            named = arg == "-" or not (Path(arg).is_dir() or (not Path(arg).exists() and glob.has_magic(arg)))
            for item in expand([arg]):
                if isinstance(item, ReadError):  # passed on by its path, to be reported where it is read
                    if self.keeps(Path(item.path), True):
                        kept.append(item.path)
                    continue
                path, shown = item
                if path is None or self.keeps(path, named):
                    kept.append(shown if path is None or not named else arg)
        return kept


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A .gitignore-style glob as a regex for a relative, ``/``-separated path."""
    p = pattern.strip().replace("\\", "/")
    anchored = "/" in p.rstrip("/")
    p = p.strip("/")
    out, i = [], 0
    while i < len(p):
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif p[i] == "*":
            out.append("[^/]*")
            i += 1
        elif p[i] == "?":
            out.append("[^/]")
            i += 1
        elif p[i] == "[" and "]" in p[i + 2:]:
            end = p.index("]", i + 2)
            body = p[i + 1:end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(p[i]))
            i += 1
    return re.compile(("" if anchored else "(?:.*/)?") + "".join(out) + "(?:/.*)?")


def changed_files(ref: str, cwd: Path | None = None) -> frozenset[Path]:
    """Files added, copied, modified or renamed since ``ref`` (working tree included), and
    untracked files git does not ignore, as resolved paths; GitError with git's message."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd or Path.cwd()).strip())
    # the ref is verified as a commit, and always passed after --end-of-options: a value such
    # as "--output=../victim.txt" must never reach git as an option
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top).strip()
    except GitError:
        raise GitError(f"not a commit in this repository: {ref!r}") from None
    diff = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", "--end-of-options", commit, "--"], top)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    names = [n for n in (diff + untracked).split("\0") if n]
    return frozenset((top / PurePath(n)).resolve() for n in names)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except FileNotFoundError:
        raise GitError("git is not installed (needed for --diff-base)") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} exited {done.returncode}")
    return done.stdout
