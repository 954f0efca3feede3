"""A synthetic election day at national scale, for the benchmarks.

The sizes are those of DESIGN.md §5 and the 2024 figures of `reference/iran-election-rules.md`:
61,452,321 eligible voters, 58,640 stations (34,522 urban, 24,118 rural; 15,215 mobile), 482
counties in 31 provinces, 208 parliament constituencies with 290 seats and 15,000 candidates, the
Assembly of Experts' 88 seats by province, and city and village councils. Each ballot carries four
contests: president, parliament, experts, and the city or the village council.

Provinces, counties and cities are the real ones of `data/iran-divisions/`; the 34 newer counties,
the villages and every figure are synthetic, drawn from a seeded generator, so a run is repeatable.
A station's sheet names only the candidates who got votes there, as a paper tally sheet does.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sandogh.core.counting.tally import Counts, InvalidKind, TallySheet
from sandogh.core.definition.model import (
    Candidate,
    Constituency,
    Contest,
    Election,
    Mobility,
    Name,
    Office,
    ReportingUnit,
    Setting,
    StationInfo,
    UnitKind,
    VotingMode,
)
from sandogh.core.definition.rule import MajorityRule, PluralityRule, Rule, ThresholdRule

DIVISIONS = Path(__file__).resolve().parent.parent / "data" / "iran-divisions"
ELIGIBLE = 61_452_321
URBAN_STATIONS, RURAL_STATIONS, MOBILE_STATIONS = 34_522, 24_118, 15_215
COUNTIES, PARLIAMENT_CONSTITUENCIES, PARLIAMENT_SEATS = 482, 208, 290
PARLIAMENT_CANDIDATES, EXPERTS_SEATS = 15_000, 88
NAMED_PER_SHEET = 40  # candidates with votes on one parliament sheet


def apportion(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """Whole shares of `total` in proportion to `weights` (largest remainder), summing exactly."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (exact[i] - shares[i], rng.random()))
    for i in order[len(order) - (total - sum(shares)) :]:
        shares[i] += 1
    return shares


def _read(name: str) -> list[dict[str, str]]:
    with (DIVISIONS / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Nation:
    election: Election
    seed: int

    def sheets(self) -> Iterator[TallySheet]:
        """Every station's sheet for each of its contests, consistent by construction."""
        rng = random.Random(self.seed + 1)
        by_constituency: dict[tuple[str, str], list[Candidate]] = {}
        seats: dict[tuple[str, str], int] = {}
        station_constituency: dict[tuple[str, str], str] = {}
        for contest in self.election.contests:
            for c in contest.candidates:
                by_constituency.setdefault((contest.id, c.constituency), []).append(c)
            for k in contest.constituencies:
                seats[contest.id, k.id] = k.seats
                for member in k.units:
                    station_constituency[contest.id, member] = k.id
        parents = {u.code: u.parent for u in self.election.units}
        for unit in self.election.units:
            if unit.kind is not UnitKind.STATION or unit.eligible_voters is None:
                continue
            for contest in self.election.contests:
                where = _constituency_of(unit.code, contest.id, parents, station_constituency)
                if where is None:
                    continue
                standing = by_constituency[contest.id, where]
                yield _sheet(
                    unit.code,
                    unit.eligible_voters,
                    contest=contest.id,
                    standing=standing,
                    seats=seats[contest.id, where],
                    rng=rng,
                )


def _constituency_of(
    code: str, contest: str, parents: dict[str, str | None], index: dict[tuple[str, str], str]
) -> str | None:
    at: str | None = code
    while at is not None:
        if (contest, at) in index:
            return index[contest, at]
        at = parents[at]
    return None


def _sheet(
    station: str,
    eligible: int,
    *,
    contest: str,
    standing: list[Candidate],
    seats: int,
    rng: random.Random,
) -> TallySheet:
    received = eligible + eligible // 10 + 1
    cast = int(eligible * rng.uniform(0.35, 0.65))
    spoiled = rng.randint(0, 3)
    blank, illegible = int(cast * rng.uniform(0.005, 0.02)), rng.randint(0, 2)
    invalid = {InvalidKind.BLANK: blank, InvalidKind.ILLEGIBLE: min(illegible, cast - blank)}
    valid = cast - sum(invalid.values())
    named = standing if len(standing) <= NAMED_PER_SHEET else rng.sample(standing, NAMED_PER_SHEET)
    names_per_ballot = 1 if seats == 1 else max(1, min(seats, len(standing)) * 6 // 10)
    weights = [rng.paretovariate(1.5) for _ in named]
    shares = apportion(valid * names_per_ballot, weights, rng)
    # No candidate can be named on more ballots than there are valid ballots.
    votes = {c.code: min(v, valid) for c, v in zip(named, shares, strict=True) if v}
    counts = Counts(
        papers_received=received,
        papers_used=cast,
        papers_unused=received - cast - spoiled,
        papers_spoiled=spoiled,
        cast=cast,
        valid=valid,
        invalid=invalid,
        votes=votes,
    )
    return TallySheet(station=station, contest=contest, counts=counts)


def _unit(code: str, kind: UnitKind, fa: str, en: str, parent: str | None) -> ReportingUnit:
    return ReportingUnit(code=code, kind=kind, name=Name(fa, en), parent=parent)


def build(seed: int = 1403) -> Nation:
    """The national election day; deterministic for a given seed."""
    rng = random.Random(seed)
    units = [_unit("IR", UnitKind.NATION, "ایران", "Iran", None)]
    provinces = _read("provinces.csv")
    counties = _read("counties.csv")
    units += [
        _unit(f"IR-{p['code']}", UnitKind.PROVINCE, p["name"], f"Province {p['code']}", "IR")
        for p in provinces
    ]
    province_code = {p["id"]: p["code"] for p in provinces}
    county_rows = [(c["code"], c["name"], province_code[c["province_id"]]) for c in counties]
    for i in range(COUNTIES - len(county_rows)):  # newer counties the 2020 data lacks
        code, name, prov = county_rows[i * 7 % len(county_rows)]
        county_rows.append((f"{code}N{i}", f"{name} نو", prov))
    units += [
        _unit(f"IR-{prov}-{code}", UnitKind.COUNTY, name, f"County {code}", f"IR-{prov}")
        for code, name, prov in county_rows
    ]
    county_codes = [f"IR-{prov}-{code}" for code, _, prov in county_rows]
    county_of_id = {c["id"]: f"IR-{province_code[c['province_id']]}-{c['code']}" for c in counties}
    cities = [
        (f"CI-{r['id']}", r["name"], county_of_id[r["county_id"]]) for r in _read("cities.csv")
    ]
    cities += [(f"CI-N{i}", "شهر نو", county) for i, county in enumerate(county_codes[448:])]
    villages = [(f"VI-{i}", f"روستای {i}", rng.choice(county_codes)) for i in range(12_000)]
    units += [_unit(code, UnitKind.CITY, fa, code, county) for code, fa, county in cities]
    units += [_unit(code, UnitKind.VILLAGE, fa, code, county) for code, fa, county in villages]
    places = [(code, Setting.URBAN) for code, _, _ in cities] + [
        (code, Setting.RURAL) for code, _, _ in villages
    ]
    urban = apportion(URBAN_STATIONS, [rng.paretovariate(1.2) for _ in cities], rng)
    rural = apportion(RURAL_STATIONS, [1.0 + rng.random() for _ in villages], rng)
    per_place = urban + rural
    eligible = apportion(ELIGIBLE, [rng.uniform(0.6, 1.4) for _ in range(sum(per_place))], rng)
    mobile = set(rng.sample(range(len(eligible)), MOBILE_STATIONS))
    n = 0
    for (place, setting), count in zip(places, per_place, strict=True):
        for _ in range(count):
            info = StationInfo(
                mobility=Mobility.MOBILE if n in mobile else Mobility.FIXED,
                setting=setting,
                mode=VotingMode.ELECTRONIC,
                hard_to_reach=n % 587 == 0,
                location=None,
            )
            units.append(
                ReportingUnit(
                    code=f"ST-{n + 1:05d}",
                    kind=UnitKind.STATION,
                    name=Name(f"شعبه {n + 1}", f"Station {n + 1}"),
                    parent=place,
                    eligible_voters=eligible[n],
                    station=info,
                )
            )
            n += 1
    contests = (
        _contest(
            "president",
            Office.PRESIDENT,
            MajorityRule(),
            [("IR", ["IR"], 1, 0)],
            per_seat=6,
            rng=rng,
        ),
        _parliament(county_codes, rng),
        _contest(
            "experts",
            Office.EXPERTS,
            PluralityRule(),
            _experts(provinces, rng),
            per_seat=0,
            rng=rng,
        ),
        _contest(
            "city-council",
            Office.CITY_COUNCIL,
            PluralityRule(),
            [(c, [c], 5, 3) for c, _, _ in cities],
            per_seat=0,
            rng=rng,
        ),
        _contest(
            "village-council",
            Office.VILLAGE_COUNCIL,
            PluralityRule(),
            [(v, [v], 3, 2) for v, _, _ in villages],
            per_seat=0,
            rng=rng,
        ),
    )
    election = Election(
        id="nation-1403",
        name=Name("انتخابات سراسری (آزمایشی)", "National election (synthetic)"),
        date=datetime.date(2024, 3, 1),
        units=tuple(units),
        contests=contests,
    )
    return Nation(election=election, seed=seed)


Spec = tuple[str, list[str], int, int]  # constituency id, its units, seats, alternates


def _parliament(county_codes: list[str], rng: random.Random) -> Contest:
    groups: list[list[str]] = [[] for _ in range(PARLIAMENT_CONSTITUENCIES)]
    for i, county in enumerate(county_codes):  # every constituency gets at least one county
        groups[i if i < len(groups) else rng.randrange(len(groups))].append(county)
    seats = [
        1 + s
        for s in apportion(
            PARLIAMENT_SEATS - len(groups), [rng.paretovariate(1.1) for _ in groups], rng
        )
    ]
    specs = [(f"P{i + 1:03d}", g, s, 0) for i, (g, s) in enumerate(zip(groups, seats, strict=True))]
    return _contest("parliament", Office.PARLIAMENT, ThresholdRule(), specs, per_seat=0, rng=rng)


def _experts(provinces: list[dict[str, str]], rng: random.Random) -> list[Spec]:
    seats = [
        1 + s
        for s in apportion(
            EXPERTS_SEATS - len(provinces), [rng.paretovariate(1.5) for _ in provinces], rng
        )
    ]
    return [
        (f"E{p['code']}", [f"IR-{p['code']}"], s, 0) for p, s in zip(provinces, seats, strict=True)
    ]


def _contest(
    cid: str, office: Office, rule: Rule, specs: list[Spec], *, per_seat: int, rng: random.Random
) -> Contest:
    """Candidates: `per_seat` per constituency, or, for parliament, 15,000 shared by seats."""
    if office is Office.PARLIAMENT:
        counts = apportion(
            PARLIAMENT_CANDIDATES - 3 * len(specs), [float(s[2]) for s in specs], rng
        )
        counts = [c + 3 for c in counts]
    elif per_seat:
        counts = [per_seat for _ in specs]
    else:
        counts = [2 * s[2] + s[3] + 1 for s in specs]
    constituencies = tuple(
        Constituency(id=k, name=Name(k, k), units=tuple(u), seats=s, alternates=a)
        for k, u, s, a in specs
    )
    candidates = tuple(
        Candidate(
            code=f"{1000 + j}", name=Name(f"نامزد {k}-{j}", f"Candidate {k}-{j}"), constituency=k
        )
        for (k, _, _, _), count in zip(specs, counts, strict=True)
        for j in range(count)
    )
    return Contest(
        id=cid,
        office=office,
        name=Name(cid, cid),
        rule=rule,
        constituencies=constituencies,
        candidates=candidates,
    )
