"""Project configuration: ``factcheck.yaml``, or ``[tool.factcheck]`` in pyproject.toml.

The file is found by walking up from the working directory (the first folder with
either wins; in one folder factcheck.yaml beats pyproject.toml, and a pyproject.toml
without ``[tool.factcheck]`` is passed over), as yamllint and ruff find theirs.
Flags override it and it overrides the defaults. Unknown keys are errors that name
the file, line and key, with a "did you mean".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Collection

from ..errors import ConfigError
from .frozen import Record, freeze
from .yamlsource import KeyPath, Location, SourceError, YamlDoc, display_path, load_yaml, pydantic_errors

CONFIG_FILE = "factcheck.yaml"
PYPROJECT = "pyproject.toml"
_TOML_PREFIX = ("tool", "factcheck")



class ConfigFileError(ConfigError):
    """Problems in the configuration file itself (as opposed to the rule files it names)."""


#: The settings without a file: what ConfigSpec.model_validate({}) gives (a test keeps them equal),
#: as a plain record so that a run without a configuration file never builds the model.
DEFAULT_SETTINGS = Record(rules=[], disable=[], only=[], severity={}, params={}, lang=None, include=[], exclude=[],
                          fail_on=None, format=None, max_document_mb=None)


def __getattr__(name: str) -> Any:
    if name == "ConfigSpec":  # the pydantic model lives with the others in schema.py
        from .schema import ConfigSpec

        return ConfigSpec
    raise AttributeError(name)


@dataclass(frozen=True)
class Config:
    """The settings in force and where they came from (no file: the defaults)."""

    spec: Record = DEFAULT_SETTINGS  # a frozen ConfigSpec
    path: Path | None = None
    doc: YamlDoc | None = None  # positions of the keys, for errors found after loading
    key_prefix: str = ""  # "tool.factcheck" for pyproject.toml

    @property
    def folder(self) -> Path:
        """The folder relative paths in the file are read from (the working directory without a file)."""
        return self.path.parent if self.path else Path.cwd()

    def with_settings(self, **changes: Any) -> "Config":
        """The same configuration with some settings replaced (by field name)."""
        return replace(self, spec=self.spec.replace(**changes))

    def error(self, keypath: KeyPath, message: str) -> SourceError | str:
        """A problem with one key, located in the file when there is one."""
        if self.doc is None:
            return f"{'.'.join(str(p) for p in keypath)}: {message}"
        return _prefixed(self.doc.error(keypath, message), self.key_prefix)


def find_config(start: Path) -> Path | None:
    """The nearest factcheck.yaml, or pyproject.toml with ``[tool.factcheck]``, from ``start`` up."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _has_factcheck_table(candidate):
            return candidate
    return None


def resolve_config(explicit: Path | None = None, disabled: bool = False, start: Path | None = None,
                   formats: Collection[str] = ()) -> Config:
    """The configuration for a run: ``explicit`` if given, else the one found from ``start``
    (the working directory), else the defaults; ``disabled`` ignores any file. ``formats``
    are the report formats a ``format:`` setting may name (none checked when empty)."""
    if disabled:
        return Config()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigFileError([f"--config {explicit.as_posix()}: no such file"])
        return load_config(explicit, formats)
    found = find_config(start or Path.cwd())
    return load_config(found, formats) if found else Config()


def load_config(path: Path, formats: Collection[str] = ()) -> Config:
    """Read and validate one configuration file; ConfigError lists every problem, located."""
    if path.name == PYPROJECT or path.suffix == ".toml":
        doc, prefix = _load_toml(path), ".".join(_TOML_PREFIX)
    else:
        try:
            doc, prefix = load_yaml(path), ""
        except SourceError as exc:
            raise ConfigFileError([exc]) from None
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise ConfigFileError([_prefixed(doc.error((), "the configuration is a mapping of settings"), prefix)])
    from pydantic import ValidationError

    from .schema import ConfigSpec

    try:
        spec = ConfigSpec.model_validate(doc.data)
    except ValidationError as exc:
        raise ConfigFileError([_prefixed(e, prefix) for e in pydantic_errors(doc, exc, ConfigSpec)]) from None
    config = Config(freeze(spec), path.resolve(), doc, prefix)
    errors = _check_values(config, formats)
    if errors:
        raise ConfigFileError(errors)
    return config


def _check_values(config: Config, formats: Collection[str]) -> list[SourceError | str]:
    """What the model cannot say: rule folders exist and the format is one the tool writes."""
    errors: list[SourceError | str] = []
    for i, folder in enumerate(config.spec.rules):
        if not (config.folder / folder).exists():
            errors.append(config.error(("rules", i), f"no such rules folder or file: {folder}"))
    fmt = config.spec.format
    if fmt is not None and formats and fmt not in formats:
        errors.append(config.error(("format",), f"unknown format {fmt!r} (known: {', '.join(formats)})"))
    return errors


def _prefixed(error: SourceError, prefix: str) -> SourceError:
    if prefix:
        error.key = f"{prefix}.{error.key}" if error.key else prefix
    return error


# --- pyproject.toml -----------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^(\s*)((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _has_factcheck_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "factcheck" not in text:
        return False
    try:
        return isinstance(tomllib.loads(text).get("tool", {}).get("factcheck"), dict)
    except tomllib.TOMLDecodeError:
        return True  # it mentions factcheck: load_config reports the syntax error


def _load_toml(path: Path) -> YamlDoc:
    """``[tool.factcheck]`` as a YamlDoc, with the lines of its keys found by reading the text."""
    shown = display_path(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        raise ConfigFileError([SourceError(shown, line, col, "", f"not valid TOML: {str(exc).split(' (at')[0]}")]) from None
    for part in _TOML_PREFIX:
        data = data.get(part, {}) if isinstance(data, dict) else {}
    return YamlDoc(shown, data, _toml_positions(text))


def _toml_positions(text: str) -> dict[KeyPath, Location]:
    """Line and column of each key under ``[tool.factcheck]``: table headers and ``key =`` lines
    (enough to point at a wrong key; keys inside inline tables are located at their table)."""
    positions: dict[KeyPath, Location] = {}
    table: tuple[str, ...] = ()
    n = len(_TOML_PREFIX)
    for line_no, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _toml_key(header.group(1))
            if table[:n] == _TOML_PREFIX:
                positions.setdefault(table[n:], (line_no, 1))
            continue
        key = _KEY.match(line)
        if key:
            path = table + _toml_key(key.group(2))
            if path[:n] == _TOML_PREFIX:
                positions.setdefault(path[n:], (line_no, len(key.group(1)) + 1))
    return positions


def _toml_key(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", dotted)
    return tuple(next(p for p in groups if p) if any(groups) else "" for groups in parts)
