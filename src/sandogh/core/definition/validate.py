"""The semantic rules of an election definition, checked all at once.

DESIGN.md §2 and §6: validation returns every problem with its path, never only the first. The
rules themselves are those of `docs/formats.md` and the reference files, checked by subject: the
units as a tree (`core.definition.tree`), each unit's facts and figures
(`core.definition.geography_checks`), the contests (`core.definition.contest_checks`) and, here,
the election day's own header. Codes and ids follow `core.definition.identifiers`.

Paths are built only for problems found, and every check is one or two passes over the units and
each contest, so a national definition is checked in a fraction of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sandogh.core.definition.contest_checks import contest_problems
from sandogh.core.definition.geography_checks import geography_problems
from sandogh.core.definition.identifiers import ELECTION_ID, NO_NAME, named
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import DefinitionError, Problem
from sandogh.core.definition.tree import UnitTree


def problems(election: Election) -> tuple[Problem, ...]:
    """Every problem of `election`, grouped by the top-level entry they belong to, in file order."""
    tree = UnitTree.of(election.units)
    found = (
        _election_problems(election)
        + geography_problems(election.units, tree)
        + contest_problems(election, tree)
    )
    return tuple(sorted(found, key=_file_order))


def require_valid(election: Election) -> Election:
    """`election` itself when it has no problem; otherwise a `DefinitionError` with them all."""
    found = problems(election)
    if found:
        raise DefinitionError(found)
    return election


@dataclass(frozen=True)
class ValidElection:
    """An election day `validated` found without problem, so that a use case handed one need not
    check it again: a national definition takes most of a second to check, and loading one from a
    file checked it twice (`bench/national.py`). Only `validated` makes one."""

    election: Election
    _by: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._by is not _VALIDATED:
            raise TypeError("a ValidElection is made by validated(), which checks it")


_VALIDATED = object()


def validated(election: Election) -> ValidElection:
    """`election`, checked; a `DefinitionError` with every problem when it has any."""
    return ValidElection(require_valid(election), _VALIDATED)


_SECTIONS = {"election": 0, "units": 1, "contests": 2}
_TOP = re.compile(r"([a-z_]*)(?:\[(\d+)\])?")


def _file_order(problem: Problem) -> tuple[int, int]:
    """Top-level section, then entry index; `sorted` keeps the checking order within an entry."""
    match = _TOP.match(problem.path)
    section, index = (match.group(1), match.group(2)) if match else ("", None)
    return _SECTIONS.get(section, len(_SECTIONS)), -1 if index is None else int(index)


def _election_problems(election: Election) -> list[Problem]:
    found = [] if named(election.name) else [Problem("election.name.fa", NO_NAME)]
    if not ELECTION_ID.fullmatch(election.id):
        found.append(
            Problem(
                "election.id",
                f"{election.id!r} must be lower-case letters, digits, '.', '_' "
                "or '-', starting with a letter or digit",
            )
        )
    if election.version < 1:
        found.append(Problem("election.version", f"must be 1 or more, not {election.version}"))
    return found
