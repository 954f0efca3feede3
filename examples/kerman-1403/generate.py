"""Generate the Kerman 1403 example: the 2024 presidential election in Kerman province, both rounds.

Run from the repository root:

    .venv/bin/python examples/kerman-1403/generate.py [OUTPUT_DIR]

It writes, into OUTPUT_DIR (default: this script's directory), the definition files `round1.yaml`
and `round2.yaml`, the tally sheets `round1-results.csv` and `round2-results.csv`, the published
figures of the seed report in `statement-round2.yaml`, and `README.md` (see there for what is real
and what is synthetic). Nothing but the standard library and PyYAML is used, every random draw comes
from `random.Random` streams seeded with fixed strings, and every figure that must add up is
apportioned exactly (largest remainder over integer weights), so the output is the same bytes on
every run. The script checks its own output against the reconciliation rules before writing.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DIVISIONS = HERE.parent.parent / "data" / "iran-divisions"
SEED = "sandogh/kerman-1403"

PROVINCE_ID = "21"  # Kerman in provinces.csv
PROVINCE_CODE = "08"  # its statistical code, = the ISO 3166-2:IR suffix
ELIGIBLE_VOTERS = 2_324_254
STATIONS = 2_427  # "۲ هزار و ۴۲۷ شعبه اخذ رای"
HARD_TO_REACH = 100  # "حدود ۱۰۰ شعبه در مناطق صعب‌العبور"
URBAN_PERCENT = 59  # national 2024: 34,522 of 58,640 stations were urban
MOBILE_PERCENT = {"urban": 10, "rural": 50}  # gives about the national 15,215 of 58,640 mobile
PAPERS_PER_TEN_VOTERS = 11  # provinces receive about 10 % more ballot papers than voters
# papers used beyond ballots cast (papers issued whose ballot is not in the box): 0 to 3 per
# station, about 0.14 % of ballots as in the national 2024 runoff (30,573,931 used, 30,530,157 cast)
EXTRA_USED_WEIGHTS = (50, 30, 15, 5)
SPOILED_WEIGHTS = (40, 30, 15, 10, 5)  # 0 to 4 papers spoiled per station

# Latin spellings of the counties of counties.csv, keyed by county code.
COUNTY_NAMES_EN = {
    "0801": "Baft",
    "0802": "Bam",
    "0803": "Jiroft",
    "0804": "Rafsanjan",
    "0805": "Zarand",
    "0806": "Sirjan",
    "0807": "Shahr-e Babak",
    "0808": "Kerman",
    "0809": "Kahnuj",
    "0810": "Bardsir",
    "0811": "Ravar",
    "0812": "Anbarabad",
    "0813": "Manujan",
    "0814": "Kuhbanan",
    "0815": "Rudbar-e Jonubi",
    "0816": "Qaleh Ganj",
    "0817": "Rigan",
    "0818": "Rabor",
    "0819": "Fahraj",
    "0820": "Anar",
    "0821": "Narmashir",
    "0822": "Faryab",
    "0823": "Arzuiyeh",
}

# Ballot codes are illustrative, not the ones used in 2024.
CANDIDATES = {
    "21": ("سعید جلیلی", "Saeed Jalili"),
    "25": ("مسعود پزشکیان", "Masoud Pezeshkian"),
    "33": ("محمدباقر قالیباف", "Mohammad Bagher Ghalibaf"),
    "44": ("مصطفی پورمحمدی", "Mostafa Pourmohammadi"),
}
JALILI, PEZESHKIAN = "21", "25"
INVALID_KINDS = ("blank", "illegible", "non-candidate", "multiple-names")
SEED_REPORT = (
    "Seed report: press conference of Rahman Jalali, head of the Kerman province election HQ, on"
    " Saturday 16 Tir 1403 (2024-07-06), as published by Kerman No (citing IRNA) and by PANA;"
    " summarised in reference/seed-facts.md"
)


@dataclass(frozen=True)
class Round:
    """The province-wide figures of one round: real where published, synthetic elsewhere."""

    number: int
    election: str
    date: datetime.date
    cast: int
    invalid: Mapping[str, int]
    votes: Mapping[str, int]
    invalid_rate: tuple[int, int]  # per-mille range shaping each station's invalid share

    @property
    def valid(self) -> int:
        return self.cast - sum(self.invalid.values())


ROUND_1 = Round(
    number=1,
    election="kerman-1403-r1",
    date=datetime.date(2024, 6, 28),
    cast=1_070_286,  # real
    invalid={"blank": 36_122, "illegible": 4_816, "non-candidate": 5_780, "multiple-names": 1_445},
    # synthetic, except Jalili − Pezeshkian = 148,119 (real)
    votes={JALILI: 474_138, PEZESHKIAN: 326_019, "33": 213_448, "44": 8_518},
    invalid_rate=(25, 65),
)
ROUND_2 = Round(
    number=2,
    election="kerman-1403-r2",
    date=datetime.date(2024, 7, 5),
    cast=1_276_092,  # real, as are the invalid total (23,252) and both candidates' votes
    invalid={"blank": 17_441, "illegible": 2_326, "non-candidate": 2_788, "multiple-names": 697},
    votes={JALILI: 773_591, PEZESHKIAN: 479_249},
    invalid_rate=(8, 30),
)


@dataclass(frozen=True)
class Station:
    code: str
    county: str
    number: int
    setting: str
    mobility: str
    hard_to_reach: bool
    lat: str
    lon: str
    eligible: int
    lean: int  # per mille of the two-candidate vote leaning to Jalili
    turnout: int  # per mille, shapes round 2; round 1 is scaled down from it


@dataclass(frozen=True)
class Sheet:
    """One station's tally sheet for the presidential contest of one round."""

    papers_received: int
    papers_used: int
    papers_unused: int
    papers_spoiled: int
    cast: int
    valid: int
    invalid: Mapping[str, int]
    votes: Mapping[str, int]


def stream(purpose: str) -> random.Random:
    """An independent seeded stream, so that changing one part leaves the others' draws alone."""
    return random.Random(f"{SEED}/{purpose}")


def apportion(total: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """Share `total` in proportion to `weights` by largest remainder, no share above its cap.

    Shares that would exceed their cap are fixed at it and the rest is shared again among the
    others; remainders tie in favour of the earlier row.
    """
    shares = [0] * len(weights)
    open_rows = [row for row, weight in enumerate(weights) if weight > 0 and caps[row] > 0]
    left = total
    while True:
        if not open_rows:
            raise ValueError(f"cannot share {total}: caps too small")
        weight_sum = sum(weights[row] for row in open_rows)
        quotas = {row: divmod(left * weights[row], weight_sum) for row in open_rows}
        allocation = {row: whole for row, (whole, _) in quotas.items()}
        by_remainder = sorted(open_rows, key=lambda row: (-quotas[row][1], row))
        for row in by_remainder[: left - sum(allocation.values())]:
            allocation[row] += 1
        over = {row for row in open_rows if allocation[row] > caps[row]}
        if not over:
            for row in open_rows:
                shares[row] = allocation[row]
            return shares
        for row in sorted(over):
            shares[row] = caps[row]
            left -= caps[row]
        open_rows = [row for row in open_rows if row not in over]


def fill_table(
    row_totals: Sequence[int], column_totals: Mapping[str, int], weight: Callable[[int, str], int]
) -> list[dict[str, int]]:
    """A table of whole numbers with the given row and column totals, shaped by `weight`.

    Columns are filled smallest first, each shared over the rows' room left in proportion to
    room × the row's weight for it among the columns still to fill; the largest column takes what
    is left, which adds up because both sets of totals have the same sum.
    """
    if sum(row_totals) != sum(column_totals.values()):
        raise ValueError("row and column totals differ")
    columns = sorted(column_totals, key=lambda column: (column_totals[column], column))
    room = list(row_totals)
    table: list[dict[str, int]] = [{} for _ in row_totals]
    for index, column in enumerate(columns[:-1]):
        later = columns[index:]
        weights = [
            room[row] * weight(row, column) * 10**6 // max(1, sum(weight(row, c) for c in later))
            for row in range(len(room))
        ]
        for row, share in enumerate(apportion(column_totals[column], weights, room)):
            table[row][column] = share
            room[row] -= share
    for row, rest in enumerate(room):
        table[row][columns[-1]] = rest
    return [{column: cells[column] for column in sorted(cells)} for cells in table]


def read_csv(name: str) -> list[dict[str, str]]:
    with (DIVISIONS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def province_bounds() -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The bounding box (min lat, max lat, min lon, max lon) of Kerman in provinces.geojson."""
    features = json.loads((DIVISIONS / "provinces.geojson").read_text(encoding="utf-8"))["features"]
    (kerman,) = (f for f in features if f["properties"]["code"] == PROVINCE_CODE)
    ring = kerman["geometry"]["coordinates"][0]
    lats = [Decimal(str(lat)) for _, lat in ring]
    lons = [Decimal(str(lon)) for lon, _ in ring]
    return min(lats), max(lats), min(lons), max(lons)


@dataclass(frozen=True)
class County:
    code: str
    name_fa: str
    seat: tuple[Decimal, Decimal]
    cities: tuple[tuple[Decimal, Decimal], ...]
    weight: int


def load_counties() -> tuple[list[County], list[str]]:
    """Kerman's counties with their cities' coordinates; also the cities left out, and why."""
    counties = sorted(
        (row for row in read_csv("counties.csv") if row["province_id"] == PROVINCE_ID),
        key=lambda row: row["code"],
    )
    coordinates = {row["city_id"]: row for row in read_csv("city_coordinates.csv")}
    cities = [row for row in read_csv("cities.csv") if row["province_id"] == PROVINCE_ID]
    sectors = Counter(
        row["county_id"] for row in read_csv("sectors.csv") if row["province_id"] == PROVINCE_ID
    )
    min_lat, max_lat, min_lon, max_lon = province_bounds()
    left_out: list[str] = []
    result: list[County] = []
    for county in counties:
        places: list[tuple[str, tuple[Decimal, Decimal]]] = []
        county_cities = sorted(
            (c for c in cities if c["county_id"] == county["id"]), key=lambda c: int(c["id"])
        )
        for city in county_cities:
            where = coordinates.get(city["id"])
            if where is None:
                left_out.append(f"{city['name']} (city {city['id']}): no coordinates")
                continue
            lat, lon = Decimal(where["lat"]), Decimal(where["lon"])
            if not (min_lat <= lat <= max_lat and min_lon <= lon <= max_lon):
                left_out.append(
                    f"{city['name']} (city {city['id']}, county {county['name']}): its coordinates"
                    f" {where['lat']}, {where['lon']} lie outside the province"
                )
                continue
            places.append((city["name"], (lat, lon)))
        seat = next((where for name, where in places if name == county["name"]), places[0][1])
        result.append(
            County(
                code=county["code"],
                name_fa=county["name"],
                seat=seat,
                cities=tuple(where for _, where in places),
                weight=len(county_cities) + sectors[county["id"]],
            )
        )
    return result, left_out


def place(rng: random.Random, centre: tuple[Decimal, Decimal], spread: int) -> tuple[str, str]:
    """`centre` moved by up to `spread` ten-thousandths of a degree each way, to 4 places."""
    step = Decimal("0.0001")
    lat, lon = (value.quantize(step) + rng.randint(-spread, spread) * step for value in centre)
    return str(lat), str(lon)


def make_stations(counties: Sequence[County]) -> list[Station]:
    """2,427 stations over the counties in proportion to their cities plus districts."""
    per_county = apportion(STATIONS, [c.weight for c in counties], [STATIONS] * len(counties))
    rng = stream("stations")
    drafts: list[dict[str, Any]] = []
    for county, count in zip(counties, per_county, strict=True):
        county_lean = rng.randint(-100, 100)
        for number in range(1, count + 1):
            urban = rng.randrange(100) < URBAN_PERCENT
            setting = "urban" if urban else "rural"
            centre = county.seat if urban and rng.randrange(2) else rng.choice(county.cities)
            lat, lon = place(rng, centre, 300 if urban else 1200)
            drafts.append(
                {
                    "code": f"ST-{county.code}-{number:04d}",
                    "county": county.code,
                    "number": number,
                    "setting": setting,
                    "mobility": "mobile"
                    if rng.randrange(100) < MOBILE_PERCENT[setting]
                    else "fixed",
                    "lat": lat,
                    "lon": lon,
                    "size": rng.randint(900, 1600) if urban else rng.randint(400, 1100),
                    "lean": min(900, max(100, 600 + county_lean + rng.randint(-80, 80))),
                    "turnout": rng.randint(420, 640) if urban else rng.randint(500, 760),
                }
            )
    rural = [index for index, draft in enumerate(drafts) if draft["setting"] == "rural"]
    remote = set(rng.sample(rural, HARD_TO_REACH))
    for index in sorted(remote):
        drafts[index]["size"] = rng.randint(100, 400)
    sizes = [draft.pop("size") for draft in drafts]
    eligible = apportion(ELIGIBLE_VOTERS, sizes, [ELIGIBLE_VOTERS] * len(sizes))
    return [
        Station(**draft, hard_to_reach=index in remote, eligible=eligible[index])
        for index, draft in enumerate(drafts)
    ]


def make_sheets(stations: Sequence[Station], figures: Round) -> list[Sheet]:
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
    kind_noise = [{kind: rng.randint(70, 130) for kind in INVALID_KINDS} for _ in stations]
    invalid = fill_table(
        [cells["invalid"] for cells in split],
        figures.invalid,
        lambda row, kind: figures.invalid[kind] * kind_noise[row][kind],
    )
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
        received = -(-station.eligible * PAPERS_PER_TEN_VOTERS // 10)
        used = cast[row] + rng.choices(range(4), EXTRA_USED_WEIGHTS)[0]
        spoiled = min(received - used, rng.choices(range(5), SPOILED_WEIGHTS)[0])
        sheets.append(
            Sheet(
                papers_received=received,
                papers_used=used,
                papers_unused=received - used - spoiled,
                papers_spoiled=spoiled,
                cast=cast[row],
                valid=split[row]["valid"],
                invalid={kind: invalid[row][kind] for kind in INVALID_KINDS},
                votes=votes[row],
            )
        )
    check(stations, sheets, figures)
    return sheets


def check(stations: Sequence[Station], sheets: Sequence[Sheet], figures: Round) -> None:
    """Refuse to write sheets that break a reconciliation rule or miss a published total."""
    problems = []
    for station, sheet in zip(stations, sheets, strict=True):
        rules = {
            "valid + invalid = cast": sheet.valid + sum(sheet.invalid.values()) == sheet.cast,
            "votes = valid": sum(sheet.votes.values()) == sheet.valid,
            "cast <= used <= received": sheet.cast <= sheet.papers_used <= sheet.papers_received,
            "received = used + unused + spoiled": sheet.papers_received
            == sheet.papers_used + sheet.papers_unused + sheet.papers_spoiled,
            "cast <= eligible": sheet.cast <= station.eligible,
            "no negative figure": min(
                sheet.papers_unused, *sheet.invalid.values(), *sheet.votes.values()
            )
            >= 0,
        }
        problems += [f"{station.code}: {rule}" for rule, holds in rules.items() if not holds]
    totals = {
        "cast": (sum(s.cast for s in sheets), figures.cast),
        "valid": (sum(s.valid for s in sheets), figures.valid),
        **{
            kind: (sum(s.invalid[kind] for s in sheets), figures.invalid[kind])
            for kind in INVALID_KINDS
        },
        **{
            code: (sum(s.votes[code] for s in sheets), figures.votes[code])
            for code in figures.votes
        },
    }
    problems += [
        f"total {name}: {got} != {want}" for name, (got, want) in totals.items() if got != want
    ]
    if problems:
        raise ValueError("generated sheets are inconsistent:\n" + "\n".join(problems))


class Flow(dict[str, Any]):
    """A small mapping written on one line, `{fa: …, en: …}`; others are written as blocks."""


# libyaml's emitter writes the same bytes as PyYAML's own (the test of this example compares them
# with the committed files) and is several times faster.
DUMPER = yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper
DUMPER.add_representer(
    Flow,
    lambda dumper, data: dumper.represent_mapping(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, data, flow_style=True
    ),
)


def name(fa: str, en: str) -> Flow:
    return Flow(fa=fa, en=en)


def persian_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def definition(
    counties: Sequence[County], stations: Sequence[Station], figures: Round
) -> dict[str, Any]:
    """The definition file (sandogh/definition@1) of one round."""
    ordinal = {1: ("اول", "1"), 2: ("دوم", "2")}[figures.number]
    county_names = {c.code: (c.name_fa, COUNTY_NAMES_EN[c.code]) for c in counties}
    units: list[dict[str, Any]] = [
        {"code": "IR", "kind": "nation", "name": name("ایران", "Iran")},
        {
            "code": f"IR-{PROVINCE_CODE}",
            "kind": "province",
            "parent": "IR",
            "name": name("کرمان", "Kerman"),
            "eligible_voters": ELIGIBLE_VOTERS,
        },
    ]
    units += [
        {
            "code": f"IR-{PROVINCE_CODE}-{c.code}",
            "kind": "county",
            "parent": f"IR-{PROVINCE_CODE}",
            "name": name(*county_names[c.code]),
        }
        for c in counties
    ]
    for s in stations:
        county_fa, county_en = county_names[s.county]
        units.append(
            {
                "code": s.code,
                "kind": "station",
                "parent": f"IR-{PROVINCE_CODE}-{s.county}",
                "name": name(
                    f"شعبه {persian_digits(str(s.number))} {county_fa}",
                    f"{county_en} station {s.number}",
                ),
                "eligible_voters": s.eligible,
                "station": {
                    "mobility": s.mobility,
                    "setting": s.setting,
                    "mode": "electronic",
                    "hard_to_reach": s.hard_to_reach,
                    "location": Flow(lat=s.lat, lon=s.lon),
                },
            }
        )
    contest: dict[str, Any] = {
        "id": "president",
        "office": "president",
        "name": name("ریاست‌جمهوری", "President"),
        "round": figures.number,
    }
    if figures.number == 2:
        contest["previous_round"] = Flow(election=ROUND_1.election, contest="president")
        contest["rule"] = Flow(kind="plurality")
    else:
        contest["rule"] = Flow(kind="majority", base="cast", share="1/2", runoff_candidates=2)
    contest |= {
        "by_election": False,
        "constituencies": [
            {
                "id": "IR",
                "name": name("ایران", "Iran"),
                "units": ["IR"],
                "seats": 1,
                "alternates": 0,
            }
        ],
        "party_lists": [],
        "candidates": [
            {"code": code, "name": name(*CANDIDATES[code]), "constituency": "IR"}
            for code in sorted(figures.votes)
        ],
    }
    return {
        "format": "sandogh/definition@1",
        "election": {
            "id": figures.election,
            "name": {  # a block: too long for one line
                "fa": f"کرمان، چهاردهمین دوره انتخابات ریاست‌جمهوری، دور {ordinal[0]}",
                "en": f"Kerman, 14th presidential election, round {ordinal[1]}",
            },
            "date": figures.date,
            "version": 1,
            "notes": notes(figures),
        },
        "units": units,
        "contests": [contest],
    }


def notes(figures: Round) -> list[str]:
    real = (
        "Real: the date, the counties and cities of Kerman (data/iran-divisions), the candidates,"
        f" the province's {ELIGIBLE_VOTERS:,} eligible voters and {STATIONS:,} polling stations"
    )
    if figures.number == 1:
        real += (
            f", ballots cast ({figures.cast:,}, 46 %) and Jalili's lead over Pezeshkian (148,119)."
        )
        synthetic = (
            "Synthetic: the valid/invalid split, each candidate's votes (only their difference is"
            " published), and every station's figures, location and attributes."
        )
    else:
        real += (
            f", ballots cast ({figures.cast:,}), valid ({figures.valid:,}), invalid"
            f" ({figures.cast - figures.valid:,}) and both candidates' votes."
        )
        synthetic = (
            "Synthetic: the split of invalid ballots by kind, and every station's figures, location"
            " and attributes."
        )
    return [
        real,
        synthetic,
        "Ballot codes are illustrative. Generated by examples/kerman-1403/generate.py.",
    ]


# fmt: off
CSV_HEADER = (
    "station", "contest", "papers_received", "papers_used", "papers_unused", "papers_spoiled",
    "cast", "valid", "invalid_blank", "invalid_illegible", "invalid_non_candidate",
    "invalid_multiple_names", "void", "candidate", "votes",
)
# fmt: on


def tally_csv(stations: Sequence[Station], sheets: Sequence[Sheet]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for station, sheet in zip(stations, sheets, strict=True):
        figures = [
            sheet.papers_received,
            sheet.papers_used,
            sheet.papers_unused,
            sheet.papers_spoiled,
            sheet.cast,
            sheet.valid,
            *(sheet.invalid[kind] for kind in INVALID_KINDS),
            0,  # void: none in this example
        ]
        for code, votes in sheet.votes.items():
            writer.writerow([station.code, "president", *figures, code, votes])
    return out.getvalue()


def statement() -> dict[str, Any]:
    """What the seed report printed for round 2, slip included (it prints the margin 294,349)."""
    return {
        "format": "sandogh/statement@1",
        "source": SEED_REPORT,
        "election": ROUND_2.election,
        "contest": "president",
        "unit": f"IR-{PROVINCE_CODE}",
        "figures": {
            "cast": 1_276_092,
            "valid": 1_252_840,
            "invalid": 23_252,
            "votes": Flow({JALILI: 773_591, PEZESHKIAN: 479_249}),
            "margin": Flow(leader=JALILI, runner_up=PEZESHKIAN, printed=294_349),
            "turnout": Flow(printed="55", places=0),
            "previous_turnout": Flow(printed="46", places=0),
            "turnout_change_points": Flow(
                printed="9", places=0, previous_election=ROUND_1.election
            ),
        },
    }


def dump_yaml(document: Mapping[str, Any]) -> str:
    return yaml.dump(
        document,
        Dumper=DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def readme(counties: Sequence[County], stations: Sequence[Station], left_out: Sequence[str]) -> str:
    per_county = Counter(s.county for s in stations)
    county_rows = "\n".join(
        f"| IR-{PROVINCE_CODE}-{c.code} | {c.name_fa} | {COUNTY_NAMES_EN[c.code]} | {c.weight} |"
        f" {per_county[c.code]:,} | {sum(s.eligible for s in stations if s.county == c.code):,} |"
        for c in counties
    )
    urban = sum(s.setting == "urban" for s in stations)
    mobile = sum(s.mobility == "mobile" for s in stations)
    candidates = "\n".join(
        f"| {code} | {fa} | {en} | {ROUND_1.votes[code]:,} | "
        + (f"{ROUND_2.votes[code]:,} |" if code in ROUND_2.votes else "— |")
        for code, (fa, en) in CANDIDATES.items()
    )
    invalid = "\n".join(
        f"| {kind} | {ROUND_1.invalid[kind]:,} | {ROUND_2.invalid[kind]:,} |"
        for kind in INVALID_KINDS
    )
    skipped = "\n".join(f"- {line}" for line in left_out) or "- none"
    return f"""\
# Kerman 1403: the 2024 presidential election in Kerman province

<!-- Generated by generate.py; edit the template there, not this file. -->

Both rounds of Iran's 14th presidential election as held in Kerman province: round 1 on
2024-06-28 (8 Tir 1403) and the runoff on 2024-07-05 (15 Tir 1403).

| file | what |
|---|---|
| `round1.yaml`, `round2.yaml` | definition files (`sandogh/definition@1`, docs/formats.md) |
| `round1-results.csv`, `round2-results.csv` | tally sheets: a row per station and candidate |
| `statement-round2.yaml` | the figures the seed report printed for round 2, as printed |
| `generate.py` | writes all of the above |

Regenerate (byte-identical on every run; `tests/examples/test_kerman.py` checks it):

```sh
.venv/bin/python examples/kerman-1403/generate.py            # writes next to the script
.venv/bin/python examples/kerman-1403/generate.py /tmp/out   # or anywhere else
```

## What is real
- The dates, the two rounds, the candidates and the rules (majority of ballots cast in round 1,
  plurality in the runoff between the top two).
- {STATIONS:,} polling stations, about {HARD_TO_REACH} of them in hard-to-reach areas, and the
  round-2 figures: {ROUND_2.cast:,} ballots cast, {ROUND_2.valid:,} valid, 23,252 invalid;
  Saeed Jalili 773,591, Masoud Pezeshkian 479,249. Turnout 46 % in round 1 and 55 % (+9 points)
  in round 2, Jalili ahead in both, by 148,119 votes in round 1.
  {SEED_REPORT}.
- The report prints the round-2 margin as 294,349; the votes give 294,342. `statement-round2.yaml`
  keeps the printed figure so the software can find and name the slip.
- {ELIGIBLE_VOTERS:,} eligible voters and {ROUND_1.cast:,} ballots cast in round 1 come from the
  project issue; they agree with the reported 46 % and 55 %.
- The geography: Kerman (province id 21, code 08) and its 23 counties, cities and districts from
  `data/iran-divisions` (Statistical Centre of Iran data of 2020, MIT licence; see its README).
  Ganbaki and Jazmurian, counties created later, are not in it and so not here. County names in
  Persian are the CSV's; the Latin spellings are this script's.

## What is synthetic
- Round 1: the valid/invalid split and each candidate's votes (only Jalili's lead is published):

| code | candidate | | round 1 | round 2 |
|---|---|---|---|---|
{candidates}

- The split of invalid ballots by kind, in both rounds. (On an electronic box a ballot can hardly
  be illegible or name two candidates; the split fills every column of the tally sheet anyway.)

| kind | round 1 | round 2 |
|---|---|---|
{invalid}

- Ballot codes (21, 25, 33, 44) are illustrative, not the ones used in 2024.
- Every station: its place, attributes, eligible voters and figures. Stations are shared among the
  counties in proportion to each county's cities plus districts (بخش, which group the villages) in
  the CSVs, by largest remainder. Each station is {URBAN_PERCENT} % likely to be urban (the
  national 2024 share) and mobile with a chance of {MOBILE_PERCENT["urban"]} % (urban) or
  {MOBILE_PERCENT["rural"]} % (rural); exactly {HARD_TO_REACH} rural stations are hard-to-reach.
  All are `electronic`. Here: {urban:,} urban, {mobile:,} mobile. A station sits at one of its
  county's cities (urban: the county seat half of the time) moved by up to 0.03° (urban) or 0.12°
  (rural).
- Eligible voters per station are shared from the province's total over seeded station sizes, so
  they add up to {ELIGIBLE_VOTERS:,} exactly; ballots cast, valid/invalid, invalid kinds and votes
  likewise add up exactly to the province figures above (largest remainder over seeded weights: a
  turnout per station, a county and station lean between the two leading candidates).
- Ballot papers: each station receives 1.1 × its eligible voters (rounded up); papers used exceed
  ballots cast by 0 to 3 (papers issued whose ballot is not in the box, about 0.14 % overall as in
  the national 2024 runoff), 0 to 4 are spoiled, the rest unused. No void ballots.
- Every sheet satisfies valid + invalid = cast, votes = valid, cast ≤ papers used ≤ received,
  received = used + unused + spoiled, and cast ≤ eligible voters.

| county | Persian | Latin | weight | stations | eligible voters |
|---|---|---|---|---|---|
{county_rows}

Cities left out of station placement:
{skipped}
"""


def generate(out_dir: Path) -> list[Path]:
    """Write every file of the example into `out_dir`; returns their paths."""
    counties, left_out = load_counties()
    stations = make_stations(counties)
    files = {"README.md": readme(counties, stations, left_out)}
    for figures in (ROUND_1, ROUND_2):
        sheets = make_sheets(stations, figures)
        files[f"round{figures.number}.yaml"] = dump_yaml(definition(counties, stations, figures))
        files[f"round{figures.number}-results.csv"] = tally_csv(stations, sheets)
    files["statement-round2.yaml"] = dump_yaml(statement())
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, content in files.items():
        path = out_dir / file_name
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=HERE)
    arguments = parser.parse_args(argv)
    for path in generate(arguments.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
