"""YAML loading that remembers where every key and value came from.

Rule files, language packs and config are written by people; when one is wrong the
error must name the file, line, column and key. PyYAML's composer keeps marks on
nodes, so we build plain Python values from the node tree and keep a side table
from each value's path (``("patterns", 3, "match")``) to its position.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import did_you_mean, display_path  # noqa: F401  (re-exported for the loaders)
from .fingerprints import MAX_RULE_FILE_BYTES

try:  # the C loader is several times faster where libyaml is available
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Location = tuple[int, int]  # 1-based line and column
KeyPath = tuple[str | int, ...]


class SourceError(Exception):
    """A problem in a user-written file, located to the line, column and key."""

    def __init__(self, path: str, line: int, column: int, key: str, message: str):
        self.path, self.line, self.column, self.key, self.message = path, line, column, key, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass
class YamlDoc:
    """A parsed YAML file: its data and where each part of it sits."""

    path: str  # as shown in messages
    data: Any
    positions: dict[KeyPath, Location] = field(default_factory=dict)
    file: str = ""  # absolute, for anything that outlives this working directory

    def locate(self, keypath: Iterable[str | int]) -> Location:
        """Position of the deepest part of ``keypath`` that exists in the file."""
        parts = tuple(keypath)
        while parts and parts not in self.positions:
            parts = parts[:-1]
        return self.positions.get(parts, (1, 1))

    def error(self, keypath: Iterable[str | int], message: str) -> SourceError:
        parts = tuple(keypath)
        line, column = self.locate(parts)
        key = ".".join(str(p) for p in parts if isinstance(p, str))
        return SourceError(self.path, line, column, key, message)

    def entries(self) -> list[tuple[KeyPath, "YamlDoc"]]:
        """A view of each entry of a file that holds a list (of rules), with where it sits;
        the whole file for one that does not. The positions are shared out in one pass
        (a pass per entry made a file of many rules quadratic to load)."""
        if not isinstance(self.data, list):
            return [((), self)]
        shares: list[dict[KeyPath, Location]] = [{} for _ in self.data]
        for keypath, location in self.positions.items():
            if keypath and isinstance(keypath[0], int) and 0 <= keypath[0] < len(shares):
                shares[keypath[0]][keypath[1:]] = location
        return [((i,), YamlDoc(self.path, entry, shares[i], self.file)) for i, entry in enumerate(self.data)]


#: Limits on what one YAML file may make the loader do (all far beyond any real rule file).
MAX_FILE_BYTES = MAX_RULE_FILE_BYTES
MAX_DEPTH = 40  # mappings and lists inside each other
MAX_ALIAS_VALUES = 100_000  # values built again where an alias repeats an anchored one
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def load_yaml(path: str | Path, text: str | None = None) -> YamlDoc:
    """Parse one YAML file, raising SourceError (with its position) if it is not valid YAML,
    or not a regular file, larger than MAX_FILE_BYTES, nested deeper than MAX_DEPTH, or made
    larger than that by aliases (a "billion laughs"); a value that cannot be read (a date
    that does not exist, a tag that would build a Python object) and a key given twice are
    errors at their own line and column."""
    shown = display_path(path)
    if text is None:
        text = _read(Path(path), shown)
    elif len(text) > MAX_FILE_BYTES:
        raise SourceError(shown, 1, 1, "", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError(shown, line, col, "", f"not valid YAML: {exc.problem}") from None
    doc = YamlDoc(shown, None, file=str(Path(path).resolve()))
    if node is not None:
        doc.data = _Builder(shown, doc.positions).build(node, (), 0)
    return doc


def _read(path: Path, shown: str) -> str:
    """A file's text, read only if it is a regular file of at most MAX_FILE_BYTES (a FIFO
    would wait for a writer for ever, a link to /dev/zero never end)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise SourceError(shown, 1, 1, "", f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(shown, 1, 1, "", "not a regular file")
    with path.open("rb") as f:
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(shown, 1, 1, "", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(shown, line, 1, "", f"not UTF-8: {exc.reason}") from None


class _Builder:
    """Plain values from a composed node tree, with every value's position, within the limits."""

    def __init__(self, shown: str, positions: dict[KeyPath, Location]):
        self.shown, self.positions = shown, positions
        self.loader = _Loader("")
        self.built: set[int] = set()  # nodes built once: meeting one again is an alias
        self.open: set[int] = set()  # the collections being built, around the current node
        self.alias_values = 0
        self.alias_holder: tuple[yaml.Node, KeyPath] = (yaml.ScalarNode("", ""), ())  # where the aliases being built are

    def fail(self, node: yaml.Node, path: KeyPath, message: str) -> SourceError:
        key = ".".join(str(p) for p in path if isinstance(p, str))
        return SourceError(self.shown, node.start_mark.line + 1, node.start_mark.column + 1, key, message)

    def build(self, node: yaml.Node, path: KeyPath, depth: int, aliased: bool = False,
              holder: tuple[yaml.Node, KeyPath] | None = None) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, path, f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self.open:
            raise self.fail(node, path, "an alias repeats the value that holds it")
        if id(node) in self.built and not aliased:
            aliased, self.alias_holder = True, holder or (node, path)
        self.built.add(id(node))
        if aliased:
            self.alias_values += 1
            if self.alias_values > MAX_ALIAS_VALUES:  # located at the aliases, not at what they repeat
                raise self.fail(*self.alias_holder, f"too many aliases (they repeat more than {MAX_ALIAS_VALUES:,} values)")
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in _COLLECTION_TAGS:
            raise self.fail(node, path, f"unknown tag {node.tag!r}: write plain mappings and lists")
        self.open.add(id(node))
        built = self.collection(node, path, depth, aliased)
        self.open.discard(id(node))
        return built

    def collection(self, node: yaml.Node, path: KeyPath, depth: int, aliased: bool) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1, aliased, (node, path)) for i, item in enumerate(node.value)]
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, "a key must be a plain value, not a mapping or a list")
            key = self.scalar(key_node, path)
            if not isinstance(key, (str, int, float, bool)) or isinstance(key, bool):
                key = str(key)
            if key in result:
                raise self.fail(key_node, path + (key,), f"duplicate key {key!r} (first at line {first_seen[key]})")
            first_seen[key] = key_node.start_mark.line + 1
            child = path + (key,)
            result[key] = self.build(value_node, child, depth + 1, aliased, (key_node, child))
            # a key's own position is more useful than its value's for "unknown key"
            self.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        """One value, as the safe loader reads it; any failure located at the value."""
        try:
            return self.loader.construct_object(node)
        except yaml.constructor.ConstructorError:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(node, path, f"unknown tag {tag!r}: rule files hold plain values only") from None
        except (ValueError, TypeError, OverflowError) as exc:
            what = _VALUE_NAMES.get(node.tag, node.tag.rpartition(":")[2])
            raise self.fail(node, path, f"{node.value!r} is not a valid {what} ({exc})") from None


_VALUE_NAMES = {"tag:yaml.org,2002:timestamp": "date", "tag:yaml.org,2002:float": "number",
                "tag:yaml.org,2002:int": "whole number"}


def pydantic_errors(doc: YamlDoc, exc: Any, model: Any = None) -> list[SourceError]:
    """Turn a pydantic ValidationError into located SourceErrors, one per problem.

    With the ``model`` that was validated, an unknown key gets a "did you mean".
    """
    errors = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            allowed = _keys_at(model, loc[:-1]) if model is not None else []
            msg = "unknown key" + did_you_mean(str(loc[-1]), allowed)
            if allowed and not did_you_mean(str(loc[-1]), allowed):
                msg += f" (expected one of: {', '.join(allowed)})"
        elif err["type"] == "missing":
            msg = f"missing key {loc[-1]!r}"
        errors.append(doc.error(loc, msg))
    return sorted(errors, key=lambda e: (e.line, e.column))


def _keys_at(model: Any, loc: KeyPath) -> list[str]:
    """The keys a pydantic model accepts at ``loc`` (through lists, dicts and unions)."""
    from typing import Union, get_args, get_origin

    from pydantic import BaseModel

    candidates = [model]
    for part in loc:
        following = []
        for t in candidates:
            origin = get_origin(t)
            if origin is Union or str(origin) == "types.UnionType":
                candidates.extend(get_args(t))
                continue
            if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(part, str):
                for name, info in t.model_fields.items():
                    if part in (name, info.alias):
                        following.append(info.annotation)
            elif origin in (list, tuple) and isinstance(part, int):
                following.extend(get_args(t)[:1])
            elif origin is dict:
                following.extend(get_args(t)[1:2])
        candidates = following
    keys: list[str] = []
    for t in candidates:
        for u in get_args(t) if get_origin(t) is Union or str(get_origin(t)) == "types.UnionType" else [t]:
            if isinstance(u, type) and issubclass(u, BaseModel):
                keys.extend(info.alias or name for name, info in u.model_fields.items())
    return keys
