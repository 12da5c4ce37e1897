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
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


SCHEMA_FILES = {what: f"{what}.schema.json" for what in _TARGETS}
