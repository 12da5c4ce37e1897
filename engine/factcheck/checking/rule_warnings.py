"""Warnings about rules at fault: a run says once per rule that it could not evaluate it.

A rule whose expression loads but fails on a claim (a name bound to the wrong type, a
template that cannot be written) is reported on standard error with the run's other
notes, not skipped in silence. Notes travel as text (through worker processes and the
result cache), so a warning is recognised by its form: this small module makes and
reads it, without importing the engine.
"""

from __future__ import annotations

import re

_KEY = re.compile(r".*?: warning: rule '[^']*':")


def rule_warning(rule_path: str, rule_line: int, rule_id: str, problem: str, document: str) -> str:
    """``rules/x.yaml:3: warning: rule 'x': cannot evaluate: TypeError: … (first in a.txt)``."""
    return f"{rule_path}:{rule_line}: warning: rule {rule_id!r}: {problem} (first in {document})"


def note_key(note: str) -> str:
    """What makes a note the same as another in one run: the rule, for a rule's warning
    (whatever claim or document showed the fault); the whole note for any other."""
    m = _KEY.match(note)
    return m.group() if m else note
