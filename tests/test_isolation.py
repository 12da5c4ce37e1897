"""A test run writes nothing outside its temporary folders: not in the user's home, not in the checkout.

The tests that make caches (the CLI from the project root, the result cache, the
catalog cache, signed and planted cache entries, archives run as processes,
hypothesis's files) are run again in a subprocess whose home is an empty folder and
whose environment names no cache folder; afterwards the home is still empty and the
checkout holds the same files. (Python's bytecode and pytest's own cache are turned
off in that run: they are the tools', not factcheck's.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CACHE_VARIABLES, ROOT

TESTS = ["tests/test_cli.py", "tests/test_resultcache.py", "tests/test_catalog_cache.py", "tests/test_properties.py",
         "tests/test_cache_integrity.py", "tests/test_archive_records.py", "tests/test_fuzz.py"]


def files_in(folder: Path, skip: tuple[str, ...] = ()) -> set[str]:
    found = set()
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if os.path.relpath(os.path.join(top, d), folder) not in skip]
        found.update(os.path.relpath(os.path.join(top, f), folder) for f in files)
        found.update(os.path.relpath(os.path.join(top, d), folder) + "/" for d in dirs)
    return found


@pytest.mark.slow
def test_the_tests_that_make_caches_write_nothing_outside_their_temporary_folders(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in CACHE_VARIABLES and not k.startswith("PYTEST")}
    env.update(HOME=str(home), USERPROFILE=str(home), PYTHONDONTWRITEBYTECODE="1")
    skip = (".git", ".venv")
    before = files_in(ROOT, skip)
    done = subprocess.run([sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider",
                           "--basetemp", str(tmp_path / "basetemp"), *TESTS],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout
    assert files_in(home) == set()
    assert files_in(ROOT, skip) - before == set()
