"""YAML loading that remembers where every key and value came from.

Rule files, language packs and config are written by people; when one is wrong the
error must name the file, line, column and key. PyYAML's composer keeps marks on
nodes, so we build plain Python values from the node tree and keep a side table
from each value's path (``("patterns", 3, "match")``) to its position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import did_you_mean, display_path  # noqa: F401  (re-exported for the loaders)

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

    def sub(self, keypath: KeyPath, data: Any) -> "YamlDoc":
        """A view of one entry (for files that hold a list of rules)."""
        n = len(keypath)
        positions = {k[n:]: v for k, v in self.positions.items() if k[:n] == keypath}
        return YamlDoc(self.path, data, positions, self.file)


def load_yaml(path: str | Path, text: str | None = None) -> YamlDoc:
    """Parse one YAML file, raising SourceError (with its position) if it is not valid YAML."""
    shown = display_path(path)
    if text is None:
        text = Path(path).read_text(encoding="utf-8-sig")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError(shown, line, col, "", f"not valid YAML: {exc.problem}") from None
    doc = YamlDoc(shown, None, file=str(Path(path).resolve()))
    if node is not None:
        loader = _Loader("")
        doc.data = _build(node, (), doc.positions, loader)
    return doc


def _build(node: yaml.Node, path: KeyPath, positions: dict[KeyPath, Location], loader: Any) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            if not isinstance(key, (str, int, float, bool)) or isinstance(key, bool):
                key = str(key)
            child = path + (key,)
            result[key] = _build(value_node, child, positions, loader)
            # a key's own position is more useful than its value's for "unknown key"
            positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), positions, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


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
