"""Unit conversion through pint, loaded only when a rule converts something.

Building a pint UnitRegistry costs a noticeable share of start-up, so it is made on
first use and kept for the run. pint's registry keeps caches of its own, so every
call into it holds one lock; the factors and dimensions found are cached here, so
threads rarely wait for it.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from .values import Undetermined

_PINT = threading.Lock()


@lru_cache(maxsize=1)
def registry() -> Any:
    import pint

    return pint.UnitRegistry()


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` expressed in ``target``; Undetermined when the dimensions differ."""
    return value * factor(unit, target)


MAX_UNIT_CHARS = 64  # pint parses a unit recursively: a 3,000-factor product was a RecursionError


def _readable(unit: object) -> str:
    if not isinstance(unit, str):
        raise Undetermined(f"a unit is a text such as 'km', not {unit!r}")
    if len(unit) > MAX_UNIT_CHARS:
        raise Undetermined(f"a unit of {len(unit)} characters is not one (at most {MAX_UNIT_CHARS})")
    return unit


@lru_cache(maxsize=512)
def factor(unit: str, target: str) -> float:
    """How many ``target`` one ``unit`` is; Undetermined when pint cannot say."""
    import pint

    unit, target = _readable(unit), _readable(target)
    with _PINT:
        try:
            return float(registry().Quantity(1.0, unit).to(target).magnitude)
        except pint.DimensionalityError as exc:
            raise Undetermined(f"cannot convert {unit} to {target}: {exc}") from None
        except Exception as exc:  # pint's parser fails in many ways on a unit it cannot read
            raise Undetermined(f"unknown unit: {exc}") from None


_DIMENSION_NAMES = {
    "[length]": "length", "[length] ** 2": "area", "[length] ** 3": "volume", "[mass]": "mass",
    "[time]": "time", "[length] / [time]": "speed", "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[mass] * [length] ** 2 / [time] ** 2": "energy", "[temperature]": "temperature",
}


@lru_cache(maxsize=512)
def dimensionality(unit: str) -> str:
    """What a unit measures: "length", "area", "mass" … (pint's dimensionality when unnamed)."""
    unit = _readable(unit)
    with _PINT:
        try:
            raw = str(registry().Unit(unit).dimensionality)
        except Exception as exc:  # as above: any failure to read the unit
            raise Undetermined(f"unknown unit: {exc}") from None
    return _DIMENSION_NAMES.get(raw, raw)
