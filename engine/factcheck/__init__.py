"""factcheck: a linter for the numbers and dates in prose.

    >>> import factcheck
    >>> [f.message for f in factcheck.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch")]
    ['7/13 = 53.8%, but the text says trên 56,8%']
"""

from .api import check, check_paths
from .catalog import Catalog, ConfigError, load_catalog
from .documents import Document, ReadError
from .findings import Finding, Fix, Report, Span

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "ConfigError",
    "Document",
    "Finding",
    "Fix",
    "ReadError",
    "Report",
    "Span",
    "__version__",
    "check",
    "check_paths",
    "load_catalog",
]
