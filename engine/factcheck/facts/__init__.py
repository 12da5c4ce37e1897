"""Reference facts: the records a newsroom keeps (CSV, JSON Lines, YAML, or a database query),
loaded into one immutable table, and matched to the figures a text states.

facts come after loading in the pipeline: a facts source is declared in the configuration that
loading validates, a YAML facts file is read with loading's located YAML reader, and a table is
bound to a loaded catalog (``Catalog.with_facts``) when a session opens. Extraction and checking
reach a table only through the catalog, as they reach the rules.
"""

from .sources import FactSource, load_facts
from .table import Fact, FactTable

__all__ = ["Fact", "FactSource", "FactTable", "load_facts"]
