"""Text cells of the CSV files sandogh writes, made safe to open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula: `=HYPERLINK(…)` in a box's model name would be a link on the operator's
screen (OWASP, "CSV Injection"). Such a cell is written with a single quote before it, which the
spreadsheet shows as text; reading takes that quote off again. A cell that starts with quotes and
then one of those characters gets one quote more, so that reading gives back exactly what was
written, whatever the text: a round trip through the file changes nothing.
"""

from __future__ import annotations

import re

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def neutralised(cell: str) -> str:
    """`cell` as written to a CSV file: never a formula to a spreadsheet."""
    return "'" + cell if _FORMULA.match(cell) else cell


def as_written(cell: str) -> str:
    """The text a cell of a CSV file stands for: `neutralised` undone."""
    return cell[1:] if _QUOTED.match(cell) else cell
