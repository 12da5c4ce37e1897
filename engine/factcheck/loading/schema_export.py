"""JSON Schemas for editors, generated from the pydantic models (the one source of the formats)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .schema import ConfigSpec, KindsFile, LangExtension, LangSpec, RuleFileSchema

_TARGETS: dict[str, tuple[Any, str]] = {
    "rule": (RuleFileSchema, "factcheck rule file"),
    "lang": (LangSpec, "factcheck language pack"),
    "kinds": (KindsFile, "factcheck claim kinds"),
    "lang-extension": (LangExtension, "factcheck language extension (patterns added to a language)"),
    "config": (ConfigSpec, "factcheck configuration (factcheck.yaml, or [tool.factcheck] in pyproject.toml)"),
}


def json_schema(what: str) -> dict[str, Any]:
    """The JSON Schema of a rule file, a language pack, a language extension or the kinds file;
    KeyError for others."""
    model, title = _TARGETS[what]
    schema = TypeAdapter(model).json_schema(by_alias=True)
    if what == "rule":
        _describe_functions(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def _describe_functions(schema: dict[str, Any]) -> None:
    """An editor hovering over ``assert`` or ``where`` sees the functions it may call (from their registry)."""
    from ..checking.functions import FUNCTIONS

    listed = "; ".join(f"{f.usage()}: {f.summary}" for f in sorted(FUNCTIONS.values(), key=lambda f: f.name))
    fields = schema.get("$defs", {}).get("RuleSpec", {}).get("properties", {})
    for key in ("assert", "where"):
        if key in fields:
            fields[key]["description"] = f"{fields[key].get('description', '')} Functions: {listed}".strip()


SCHEMA_FILES = {what: f"{what}.schema.json" for what in _TARGETS}
