"""Unit conversion through pint, loaded only when a rule converts something.

Building a pint UnitRegistry costs a noticeable share of start-up, so it is made on
first use and kept for the run.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .values import Undetermined


@lru_cache(maxsize=1)
def registry() -> Any:
    import pint

    return pint.UnitRegistry()


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` expressed in ``target``; Undetermined when the dimensions differ."""
    import pint

    ureg = registry()
    try:
        return float(ureg.Quantity(value, unit).to(target).magnitude)
    except pint.DimensionalityError as exc:
        raise Undetermined(f"cannot convert {unit} to {target}: {exc}") from None
    except (pint.UndefinedUnitError, AttributeError, TypeError) as exc:
        raise Undetermined(f"unknown unit: {exc}") from None


_DIMENSION_NAMES = {
    "[length]": "length", "[length] ** 2": "area", "[length] ** 3": "volume", "[mass]": "mass",
    "[time]": "time", "[length] / [time]": "speed", "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[mass] * [length] ** 2 / [time] ** 2": "energy", "[temperature]": "temperature",
}


def dimensionality(unit: str) -> str:
    """What a unit measures: "length", "area", "mass" … (pint's dimensionality when unnamed)."""
    import pint

    try:
        raw = str(registry().Unit(unit).dimensionality)
    except (pint.UndefinedUnitError, AttributeError, TypeError, ValueError) as exc:
        raise Undetermined(f"unknown unit: {exc}") from None
    return _DIMENSION_NAMES.get(raw, raw)
