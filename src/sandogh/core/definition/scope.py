"""The place a set of figures is named for: the scope (issue 13).

Figures over a unit that holds a single unit below it are that unit's figures: the Kerman
example's nation holds only Kerman, so its totals are the province's, and a page or a preview
naming them «ایران» would tell a reader they are the country's. The scope of a unit is the unit,
or, while a unit holds a single one that is not a station, the one below it. The results site
(`publish.site.pages`) names its pages so and the console its previews (`server.console`), each
from what it holds of the units below a unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sandogh.core.definition.model import UnitKind

#: a unit's code → its units below (code and kind), or None where nothing is known of it
Below = Callable[[str], Sequence[tuple[str, str]] | None]


def scope_line(code: str, below: Below) -> tuple[str, ...]:
    """`code` and the units passed down to its scope, the scope last. A unit is passed to the
    one it holds only while that one is not a station and something is known below it."""
    line = [code]
    held = below(code)
    while held is not None and len(held) == 1 and held[0][1] != UnitKind.STATION:
        (only, _), further = held[0], below(held[0][0])
        if further is None:
            break
        line.append(only)
        held = further
    return tuple(line)
