"""factcheck: a linter for the numbers and dates in prose.

    >>> import factcheck
    >>> [f.message for f in factcheck.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch")]
    ['7/13 = 53.8%, but the text says trên 56,8%']

The public names are imported on first use, so ``import factcheck`` (and the command
line, which starts from it) costs almost nothing until something is checked.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"  # the one place the version is written: pyproject.toml reads it (hatch's dynamic version)

_EXPORTS = {
    "check": ".running.api", "check_paths": ".running.api",
    "Linter": ".running.session", "RunSettings": ".running.settings",
    "Catalog": ".loading.catalog", "ConfigError": ".loading.catalog", "load_catalog": ".loading.catalog",
    "Document": ".reading.documents", "ReadError": ".reading.documents",
    "Finding": ".checking.findings", "Fix": ".checking.findings", "Report": ".checking.findings",
    "Span": ".checking.findings",
}

__all__ = [
    "Catalog", "ConfigError", "Document", "Finding", "Fix", "Linter", "ReadError", "Report", "RunSettings", "Span",
    "__version__", "check", "check_paths", "load_catalog",
]

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .checking.findings import Finding, Fix, Report, Span
    from .loading.catalog import Catalog, ConfigError, load_catalog
    from .reading.documents import Document, ReadError
    from .running.api import check, check_paths
    from .running.session import Linter
    from .running.settings import RunSettings


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value  # once imported, a plain attribute
        return value
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
