"""Which files a run reads: the configuration's include/exclude globs and the files changed
since a git ref (``--diff-base``).

Globs follow .gitignore, as pathspec reads them: matched against the path relative to
the configuration's folder, ``*`` stays within a folder and ``**`` crosses folders, a
pattern without a slash matches at any depth, a pattern that names a folder covers what
is in it, and ``!`` before a pattern takes back what the patterns before it matched.
They are matched with RE2 (pathspec's re2 backend), in time linear in the path's length:
Python's own regexes backtrack on a pattern like ``*a*a*a*a*c`` and a long name.
"""

from __future__ import annotations

import glob
import os
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Iterable

from .documents import ReadError, expand

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


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
    def _include(self) -> GitIgnoreSpec | None:
        return globs(self.include) if self.include else None

    @cached_property
    def _exclude(self) -> GitIgnoreSpec | None:
        return globs(self.exclude) if self.exclude else None

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
        if self._exclude is not None and self._exclude.match_file(rel):
            return False
        return named or self._include is None or self._include.match_file(rel)

    def select(self, args: Iterable[str]) -> list[str]:
        """The inputs to read, as paths to pass to ``sources_from_paths``: each folder and glob expanded."""
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


def globs(patterns: Iterable[str]) -> GitIgnoreSpec:
    """.gitignore-style patterns, matched in linear time (see the module's docstring)."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines([p.strip().replace("\\", "/") for p in patterns], backend="re2")


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
