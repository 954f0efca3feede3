"""`publish.e2e_split`: each contest's re-added total splits into the part verified end to end
and the part on signed paper sheets, the two summing to it (docs/e2e.md, "Mixed-mode
elections")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.counting.tally import Counts, TallySheet
from sandogh.publish.e2e_split import e2e_split

_STATIONS = st.dictionaries(
    st.sampled_from([f"ST-{n}" for n in range(6)]),
    st.tuples(st.integers(0, 500), st.integers(0, 500)),
    min_size=1,
)


def _sheets(figures: dict[str, tuple[int, int]]) -> dict[str, tuple[TallySheet, ...]]:
    return {
        station: (TallySheet(station, "president", Counts(cast=a + b, votes={"21": a, "25": b})),)
        for station, (a, b) in figures.items()
    }


@given(_STATIONS, st.sets(st.sampled_from([f"ST-{n}" for n in range(6)]), min_size=1))
def test_the_two_parts_sum_to_the_total(
    figures: dict[str, tuple[int, int]], committed: set[str]
) -> None:
    sheets = _sheets(figures)
    split = e2e_split(sheets, committed)
    if not committed & sheets.keys():
        assert split == ()
        return
    (each,) = split
    assert each.cast == sum(a + b for a, b in figures.values())
    assert each.e2e.stations + each.paper.stations == len(figures)
    assert each.e2e.stations == len(committed & figures.keys())
    for code, n in (("21", 0), ("25", 1)):
        whole = sum(f[n] for f in figures.values())
        assert each.e2e.votes.get(code, 0) + each.paper.votes.get(code, 0) == whole


def test_an_election_without_e2e_has_no_split() -> None:
    assert e2e_split(_sheets({"ST-1": (3, 4)}), ()) == ()
