"""Every station's tally sheet for the presidential contest of one round, synthetic but exact:
the sheets reconcile (DESIGN.md §3) and add up to the round's province figures."""

from __future__ import annotations

from collections.abc import Sequence

from figures import JALILI, PEZESHKIAN, Round
from shares import apportion, fill_table, stream
from stations import Station

from sandogh.core.counting.aggregate import sum_counts
from sandogh.core.counting.reconcile import check_counts
from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet

CONTEST = "president"
PAPERS_PER_TEN_VOTERS = 11  # provinces receive about 10 % more ballot papers than voters
# papers used beyond ballots cast (papers issued whose ballot is not in the box): 0 to 3 per
# station, about 0.14 % of ballots as in the national 2024 runoff (30,573,931 used, 30,530,157 cast)
EXTRA_USED_WEIGHTS = (50, 30, 15, 5)
SPOILED_WEIGHTS = (40, 30, 15, 10, 5)  # 0 to 4 papers spoiled per station


def papers_sent(station: Station) -> int:
    """The ballot papers sent to `station` for a round, all received there before polling day."""
    return -(-station.eligible * PAPERS_PER_TEN_VOTERS // 10)


def make_sheets(stations: Sequence[Station], figures: Round) -> list[TallySheet]:
    """Station sheets for one round that add up exactly to the round's province figures."""
    rng = stream(f"round{figures.number}")
    turnout = [
        s.turnout if figures.number == 2 else s.turnout * rng.randint(760, 920) // 1000
        for s in stations
    ]
    eligible = [s.eligible for s in stations]
    cast = apportion(
        figures.cast, [e * t for e, t in zip(eligible, turnout, strict=True)], eligible
    )
    invalid_rate = [rng.randint(*figures.invalid_rate) for _ in stations]
    split = fill_table(
        cast,
        {"valid": figures.valid, "invalid": figures.cast - figures.valid},
        lambda row, column: invalid_rate[row] if column == "invalid" else 1000 - invalid_rate[row],
    )
    kind_noise = [{kind: rng.randint(70, 130) for kind in InvalidKind} for _ in stations]

    def kind_weight(row: int, kind: InvalidKind) -> int:
        """An electronic box takes codes and prints each copy itself: its invalid ballots are
        blank (`core.report.ballot`); the other kinds come from paper ballots."""
        if stations[row].electronic and kind is not InvalidKind.BLANK:
            return 0
        return figures.invalid[kind] * kind_noise[row][kind]

    invalid = fill_table([cells["invalid"] for cells in split], figures.invalid, kind_weight)
    other_noise = [rng.randint(60, 140) for _ in stations]
    top_two = (figures.votes[JALILI] + figures.votes[PEZESHKIAN]) * 10**6 // figures.valid

    def leaning(row: int, code: str) -> int:
        """A candidate's expected share of the station's valid ballots, in millionths."""
        lean = stations[row].lean
        if code == JALILI:
            return lean * top_two // 1000
        if code == PEZESHKIAN:
            return (1000 - lean) * top_two // 1000
        return figures.votes[code] * 10**4 * other_noise[row] // figures.valid

    votes = fill_table([cells["valid"] for cells in split], figures.votes, leaning)
    sheets = []
    for row, station in enumerate(stations):
        received = papers_sent(station)
        used = cast[row] + rng.choices(range(4), EXTRA_USED_WEIGHTS)[0]
        spoiled = min(received - used, rng.choices(range(5), SPOILED_WEIGHTS)[0])
        counts = Counts(
            papers_received=received,
            papers_used=used,
            papers_unused=received - used - spoiled,
            papers_spoiled=spoiled,
            cast=cast[row],
            valid=split[row]["valid"],
            invalid=invalid[row],
            votes=votes[row],
        )
        sheets.append(TallySheet(station=station.code, contest=CONTEST, counts=counts))
    check(stations, sheets, figures)
    return sheets


def check(stations: Sequence[Station], sheets: Sequence[TallySheet], figures: Round) -> None:
    """Refuse to write sheets that break a reconciliation rule or miss a published total."""
    problems = []
    for station, sheet in zip(stations, sheets, strict=True):
        findings = check_counts(sheet.counts, where=station.code, contest=CONTEST, seats=1)
        problems += [f"{station.code}: {finding.identity}" for finding in findings]
        paper_only = [
            k for k, n in sheet.counts.invalid.items() if n and k is not InvalidKind.BLANK
        ]
        if station.electronic and paper_only:
            problems.append(f"{station.code}: electronic, yet {', '.join(paper_only)} ballots")
        if sheet.counts.cast > station.eligible:
            problems.append(f"{station.code}: cast <= eligible")
    total = sum_counts(sheet.counts for sheet in sheets)
    totals = {
        "cast": (total.cast, figures.cast),
        "valid": (total.valid, figures.valid),
        **{kind: (total.invalid.get(kind, 0), want) for kind, want in figures.invalid.items()},
        **{code: (total.votes.get(code, 0), want) for code, want in figures.votes.items()},
    }
    problems += [
        f"total {name}: {got} != {want}" for name, (got, want) in totals.items() if got != want
    ]
    if problems:
        raise ValueError("generated sheets are inconsistent:\n" + "\n".join(problems))
