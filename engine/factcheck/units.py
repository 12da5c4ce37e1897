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


def dimensionality(unit: str) -> str:
    """pint's dimensionality of a unit, as text ("[length]")."""
    return str(registry().Unit(unit).dimensionality)
