"""Project configuration: ``factcheck.yaml``, or ``[tool.factcheck]`` in pyproject.toml.

The file is found by walking up from the working directory (the first folder with
either wins; in one folder factcheck.yaml beats pyproject.toml, and a pyproject.toml
without ``[tool.factcheck]`` is passed over), as yamllint and ruff find theirs.
Flags override it and it overrides the defaults. Unknown keys are errors that name
the file, line and key, with a "did you mean". Every problem is reported at once: when
some settings are wrong, the rule names and params of the others are still checked
against the rules (a misspelt rule id does not wait for the other fixes).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Sequence, TypeVar, cast

from ..errors import ConfigError, did_you_mean, display_path
from .frozen import Record, freeze
from .yamlsource import KeyPath, Location, SourceError, YamlDoc, load_yaml, pydantic_errors

if TYPE_CHECKING:
    from .catalog import Catalog
    from .schema import ConfigSpec

T = TypeVar("T")

CONFIG_FILE = "factcheck.yaml"
PYPROJECT = "pyproject.toml"
_TOML_PREFIX = ("tool", "factcheck")



class ConfigFileError(ConfigError):
    """Problems in the configuration file itself (as opposed to the rule files it names)."""


#: The settings without a file: what ConfigSpec.model_validate({}) gives (a test keeps them equal),
#: as a plain record so that a run without a configuration file never builds the model.
DEFAULT_SETTINGS: ConfigSpec = Record(  # type: ignore[assignment]  # a Record reads as the model it stands for
    rules=[], disable=[], only=[], severity={}, params={}, lang=None, include=[], exclude=[], fail_on=None, format=None,
    max_document_mb=None, facts=[])


@dataclass(frozen=True)
class Config:
    """The settings in force and where they came from (no file: the defaults)."""

    spec: ConfigSpec = DEFAULT_SETTINGS  # frozen: a Record with the model's fields
    path: Path | None = None
    doc: YamlDoc | None = None  # positions of the keys, for errors found after loading
    key_prefix: str = ""  # "tool.factcheck" for pyproject.toml

    @property
    def folder(self) -> Path:
        """The folder relative paths in the file are read from (the working directory without a file)."""
        return self.path.parent if self.path else Path.cwd()

    def with_settings(self, **changes: Any) -> "Config":
        """The same configuration with some settings replaced (by field name)."""
        return replace(self, spec=replaced(self.spec, **changes))

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
                   formats: Collection[str] = (), extra_rules: Sequence[Path] = ()) -> Config:
    """The configuration for a run: ``explicit`` if given, else the one found from ``start``
    (the working directory), else the defaults; ``disabled`` ignores any file. ``formats``
    are the report formats a ``format:`` setting may name (none checked when empty);
    ``extra_rules`` are rule folders the run adds (their rules may be named too)."""
    if disabled:
        return Config()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigFileError([f"--config {explicit.as_posix()}: no such file"])
        return load_config(explicit, formats, extra_rules)
    found = find_config(start or Path.cwd())
    return load_config(found, formats, extra_rules) if found else Config()


def load_config(path: Path, formats: Collection[str] = (), extra_rules: Sequence[Path] = ()) -> Config:
    """Read and validate one configuration file; ConfigError lists every problem, located.

    The rule names and params it gives are checked against the rules only when something
    else is wrong (else the run checks them, with the rules it loads anyway)."""
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
        config = Config(freeze(ConfigSpec.model_validate(doc.data)), path.resolve(), doc, prefix)
        errors = _check_values(config, formats)
    except ValidationError as exc:
        config = Config(_lenient(doc.data), path.resolve(), doc, prefix)
        errors = [*(_prefixed(e, prefix) for e in pydantic_errors(doc, exc, ConfigSpec)), *_check_values(config, formats)]
    if errors:
        raise ConfigFileError(_by_place(errors + _rule_problems_if_loadable(config, extra_rules)))
    return config


def rule_problems(config: Config, catalog: Catalog) -> list[SourceError | str]:
    """What in the configuration does not fit the rules: unknown rule names (in ``only``,
    ``disable``, ``severity`` and ``params``), params a rule does not declare or of another
    type than its default, and a language without a pack; in the file's order."""
    spec, errors, names = config.spec, [], catalog.rule_names

    def unknown(key: tuple[str | int, ...], name: str) -> None:
        errors.append(config.error(key, f"unknown rule {name!r}{did_you_mean(name, names)}"))

    for field_name in ("only", "disable"):
        for i, name in enumerate(getattr(spec, field_name)):
            if name not in names:
                unknown((field_name, i), name)
    for name in spec.severity:
        if name not in names:
            unknown(("severity", name), name)
    by_id = {r.id: r for r in catalog.rules}
    for name, values in spec.params.items():
        if name not in names:
            unknown(("params", name), name)
            continue
        declared = by_id[names[name]].spec.params
        for param, value in values.items():
            key = ("params", name, param)
            if param not in declared:
                have = f"its params: {', '.join(sorted(declared))}" if declared else "it declares none"
                errors.append(config.error(key, f"{names[name]} has no param {param!r}"
                                                f"{did_you_mean(param, declared)} ({have})"))
            elif _kind(value) != _kind(declared[param]):
                errors.append(config.error(key, f"expected {_kind(declared[param])} like the rule's default "
                                                f"{declared[param]!r}, not {value!r}"))
    if spec.lang is not None and spec.lang not in catalog.languages:
        errors.append(config.error(("lang",), f"no language pack for {spec.lang!r}"
                                              f" (known: {', '.join(sorted(catalog.languages))})"))
    return _by_place(errors)


def _rule_problems_if_loadable(config: Config, extra_rules: Sequence[Path]) -> list[SourceError | str]:
    """``rule_problems`` against the rules the file and the run name, when they load (a broken
    rule file is reported by the run, once the configuration is fixed)."""
    from .catalog import load_catalog

    folders = [config.folder / d for d in config.spec.rules if (config.folder / d).exists()]
    try:
        catalog = load_catalog([*folders, *extra_rules])
    except ConfigError:
        return []
    return rule_problems(config, catalog)


def replaced(spec: T, **changes: Any) -> T:
    """A frozen spec (a Record, typed as its model) with some fields changed."""
    return cast(T, Record(**{**vars(spec), **changes}))


def _lenient(data: dict[str, Any]) -> ConfigSpec:
    """The settings of a file the model rejected, as far as they can be read: the rest left at defaults."""
    def strings(key: str) -> list[str]:
        value = data.get(key)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def mapping(key: str) -> dict[str, Any]:
        value = data.get(key)
        return {k: v for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}

    params = {name: values for name, values in mapping("params").items() if isinstance(values, dict)}
    lang = data.get("lang")
    facts = [Record(path=name, url=None, query=None, params={}) for name in strings("facts") if "://" not in name]
    return replaced(DEFAULT_SETTINGS, rules=strings("rules"), only=strings("only"), disable=strings("disable"),
                                    severity=mapping("severity"), params=params,
                                    lang=lang if isinstance(lang, str) else None, facts=facts)


def _by_place(errors: list[SourceError | str]) -> list[SourceError | str]:
    return sorted(errors, key=lambda e: (getattr(e, "line", 0), getattr(e, "column", 0)))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    return "a number" if isinstance(value, (int, float)) else "a string"


def _check_values(config: Config, formats: Collection[str]) -> list[SourceError | str]:
    """What the model cannot say: rule folders exist, patterns are patterns, the format is one the tool writes."""
    errors: list[SourceError | str] = []
    for i, folder in enumerate(config.spec.rules):
        if not (config.folder / folder).exists():
            errors.append(config.error(("rules", i), f"no such rules folder or file: {folder}"))
    from ..reading.selection import globs

    for field_name in ("include", "exclude"):
        for i, pattern in enumerate(getattr(config.spec, field_name)):
            try:
                globs([pattern])
            except ValueError as exc:
                errors.append(config.error((field_name, i), f"not a .gitignore-style pattern: {exc}"))
    for i, source in enumerate(config.spec.facts):
        path = source.path
        if path is not None and not (config.folder / path).is_file():
            errors.append(config.error(("facts", i), f"no such facts file: {path}"))
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
