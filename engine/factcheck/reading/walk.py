"""Finding the files in the folders and globs a user names, each once, and never waiting on one.

A folder is walked in sorted order for text files and archives; hidden files and
folders are left out, and links to folders are not followed. A glob is matched as
Python's ``glob`` does (``*`` stays within a folder and skips hidden names, ``**``
crosses folders), except that ``**`` enters each real folder once: a link loop
ends, and a file reached again through a link is listed once.

Nothing here raises for a file system problem: a folder that cannot be listed, or an
entry that is not a regular file (a FIFO would block the run forever; a device may
never end), becomes a ReadError naming it, and the walk goes on.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from glob import has_magic
from typing import Iterator

from .documents import ReadError, file_type_problem, os_problem


def _unlistable(shown: str, exc: OSError) -> ReadError:
    return ReadError(shown, f"cannot list the folder: {exc.strerror or exc}")


def walk_folder(top: str, shown: str, wanted: frozenset[str]) -> Iterator[tuple[str, str] | ReadError]:
    """(path, path to show) of the files under ``top`` whose names end with one of ``wanted``
    (lower-cased suffixes), sorted by their relative paths; a ReadError for each folder that
    cannot be listed and each matching entry that is not a regular file."""
    suffixes = tuple(wanted)
    found: list[tuple[list[str], tuple[str, str] | ReadError]] = []
    stack = [(top, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            found.append((rel.split("/"), _unlistable(_under(shown, rel), exc)))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            rel_path = f"{rel}/{entry.name}" if rel else entry.name
            if _is_dir(entry, follow=False):
                stack.append((entry.path, rel_path))
            elif entry.name.lower().endswith(suffixes):
                found.append((rel_path.split("/"), _regular(entry.path, _under(shown, rel_path))))
    found.sort(key=lambda item: item[0])
    for _, item in found:
        yield item


def _under(shown: str, rel: str) -> str:
    """A path under a folder as shown: ``a.md`` under ``.`` (not ``./a.md``, as code scanning expects)."""
    if not rel:
        return shown
    return rel if shown == "." else f"{shown}/{rel}"


def _is_dir(entry: os.DirEntry[str], follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False


def _regular(path: str, shown: str) -> tuple[str, str] | ReadError:
    """The file as (path, shown) when it is a regular file (links followed), else why not."""
    try:
        problem = file_type_problem(os.stat(path).st_mode)
    except OSError as exc:
        problem = os_problem(exc)
    return (path, shown) if problem is None else ReadError(shown, problem)


def glob_matches(pattern: str) -> tuple[list[str], list[ReadError]]:
    """The paths a glob matches, sorted (a trailing ``**`` matches its folder itself, as
    ``folder/``), and the folders that could not be listed on the way."""
    parts = pattern.replace(os.sep, "/").split("/")
    fixed = 0
    while fixed < len(parts) - 1 and not has_magic(parts[fixed]):
        fixed += 1
    base = "/".join(parts[:fixed]) if fixed else ""
    if pattern.startswith("/") and not base:
        base = "/"
    segments = parts[fixed:]
    matches: set[str] = set()
    errors: list[ReadError] = []
    unlistable: set[str] = set()
    entered: set[tuple[str, int]] = set()  # (real folder, segment): each is matched once
    stack: list[tuple[str, int, bool]] = [(base, 0, False)]  # (folder, segment, reached through "**")
    while stack:
        folder, k, deeper = stack.pop()
        real = os.path.realpath(folder or ".")
        if (real, k) in entered:
            continue
        entered.add((real, k))
        segment = segments[k]
        last = k + 1 == len(segments)
        if segment == "**":
            if last and not deeper:
                matches.add(_join(folder, ""))  # glob's "docs/**" gives "docs/" first
            elif not last:
                stack.append((folder, k + 1, False))  # "**" standing for no folder at all
        try:
            with os.scandir(folder or ".") as entries:
                listed = sorted(entries, key=lambda e: e.name, reverse=True)  # popped in name order
        except OSError as exc:
            if os.path.isdir(folder or ".") and (folder or ".") not in unlistable:
                unlistable.add(folder or ".")
                errors.append(_unlistable(folder or ".", exc))
            continue
        for entry in listed:
            if entry.name.startswith(".") and not segment.startswith("."):
                continue
            path = _join(folder, entry.name)
            if segment == "**":
                if last:
                    matches.add(path)
                if _is_dir(entry, follow=True):
                    stack.append((path, k, True))
            elif fnmatchcase(entry.name, segment):
                if last:
                    matches.add(path)
                elif _is_dir(entry, follow=True):
                    stack.append((path, k + 1, False))
    return sorted(matches), errors


def _join(folder: str, name: str) -> str:
    if not folder:
        return name
    return folder + name if folder.endswith("/") else f"{folder}/{name}"
