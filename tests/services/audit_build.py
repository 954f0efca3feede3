"""Stores holding an election to audit: the Kerman round-2 example, and the small runoff of
`tests.core.definition.kerman` with chosen votes per station."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction

from sandogh.core.audit.reading import Reading
from sandogh.core.audit.rounds import PaperReading
from sandogh.core.audit.sampling import PaperAddress
from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.core.definition.model import Election
from sandogh.formats.definition_file import canonical_bytes, definition_hash
from sandogh.formats.tally_csv import load_tally_csv
from sandogh.services.elections import load_election
from sandogh.services.ports import UnitOfWork
from sandogh.services.results import import_results
from tests.conftest import TEST_NOW
from tests.core.audit.audits import EXAMPLE, Records, kerman

NewUnitOfWork = Callable[[], UnitOfWork]
FIVE_PERCENT = Fraction(5, 100)
KERMAN_R2 = "kerman-1403-r2"


def load(uow: NewUnitOfWork, election: Election, sheets: list[TallySheet]) -> None:
    load_definition(uow, election)
    import_results(uow, election.id, sheets, now=TEST_NOW)


def load_definition(uow: NewUnitOfWork, election: Election) -> None:
    """`election` stored, before polling: no results yet."""
    load_election(
        uow,
        election,
        definition_hash=definition_hash(election),
        canonical=canonical_bytes(election),
        now=TEST_NOW,
    )


def load_kerman(uow: NewUnitOfWork) -> None:
    load(uow, kerman().election, list(load_tally_csv(EXAMPLE / "round2-results.csv")))


def sheets_of(president: Mapping[str, tuple[int, int]], papers: int = 300) -> list[TallySheet]:
    """All-valid president sheets: (votes for 21, votes for 25) per station."""
    return [
        TallySheet(
            code,
            "president",
            Counts(
                papers_received=papers,
                papers_used=papers,
                cast=papers,
                valid=papers,
                votes={"21": a, "25": b},
            ),
        )
        for code, (a, b) in president.items()
    ]


def records_of(sheets: list[TallySheet]) -> Records:
    """The boxes' cast-vote records of `sheets`, by the code printed on each copy."""
    by_contest: dict[str, dict[str, Counts]] = {}
    for sheet in sheets:
        by_contest.setdefault(sheet.contest, {})[sheet.station] = sheet.counts
    return Records(by_contest)


def code_of(paper: PaperAddress) -> str:
    """The code printed on a paper: each station's one container holds its records in
    `Records` order."""
    return f"{paper.station}#{paper.position}"


def faithful(records: Records) -> Callable[[PaperAddress], PaperReading]:
    def read(paper: PaperAddress) -> PaperReading:
        return PaperReading(paper, records[code_of(paper)], code_of(paper))

    return read


def showing(paper: PaperAddress, president: Reading | None) -> PaperReading:
    """A paper that shows `president` (None: not found) whatever its record says."""
    shows = None if president is None else {"president": president}
    return PaperReading(paper, shows, code_of(paper))
