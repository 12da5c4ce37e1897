"""Validated specs as plain records, so that running the rules never needs pydantic.

The pydantic models in schema.py validate what people write; once a rule file has
passed, the engine only reads attributes. A Record holds the same attributes as the
model it was made from (nested models become Records too), pickles small, and needs
no model class to exist, so a cached catalog loads without building any.
"""

from __future__ import annotations

from typing import Any


class Record:
    """The fields of a validated model, as attributes."""

    def __init__(self, **fields: Any):
        self.__dict__.update(fields)

    def replace(self, **changes: Any) -> "Record":
        """A copy with some fields changed (the model's ``model_copy(update=...)``)."""
        return Record(**{**self.__dict__, **changes})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"Record({inner})"


def freeze(value: Any) -> Any:
    """``value`` with every pydantic model in it turned into a Record."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return Record(**{name: freeze(getattr(value, name)) for name in fields})
    if isinstance(value, list):
        return [freeze(v) for v in value]
    if isinstance(value, tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    return value
