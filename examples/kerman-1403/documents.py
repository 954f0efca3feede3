"""The YAML documents: each round's definition file (`sandogh/definition@1`) and the figures the
seed report printed for round 2 (`sandogh/statement@1`), both of docs/formats.md."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from figures import (
    CANDIDATES,
    ELIGIBLE_VOTERS,
    JALILI,
    PEZESHKIAN,
    ROUND_1,
    ROUND_2,
    SEED_REPORT,
    Round,
)
from geography import PROVINCE_CODE, County
from sheets import CONTEST
from stations import STATIONS, Station

from sandogh.locale.digits import to_persian_digits


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


def dump_yaml(document: Mapping[str, Any]) -> str:
    return yaml.dump(
        document,
        Dumper=DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def name(fa: str, en: str) -> Flow:
    return Flow(fa=fa, en=en)


def definition(
    counties: Sequence[County], stations: Sequence[Station], figures: Round
) -> dict[str, Any]:
    """The definition file of one round."""
    ordinal = {1: ("اول", "1"), 2: ("دوم", "2")}[figures.number]
    province = f"IR-{PROVINCE_CODE}"
    units: list[dict[str, Any]] = [
        {"code": "IR", "kind": "nation", "name": name("ایران", "Iran")},
        {
            "code": province,
            "kind": "province",
            "parent": "IR",
            "name": name("کرمان", "Kerman"),
            "eligible_voters": ELIGIBLE_VOTERS,
        },
    ]
    units += [
        {
            "code": f"{province}-{c.code}",
            "kind": "county",
            "parent": province,
            "name": name(c.name_fa, c.name_en),
        }
        for c in counties
    ]
    county_of = {c.code: c for c in counties}
    units += [
        {
            "code": s.code,
            "kind": "station",
            "parent": f"{province}-{s.county}",
            "name": name(
                f"شعبه {to_persian_digits(str(s.number))} {county_of[s.county].name_fa}",
                f"{county_of[s.county].name_en} station {s.number}",
            ),
            "eligible_voters": s.eligible,
            "station": {
                "mobility": s.mobility,
                "setting": s.setting,
                "mode": s.mode,
                "hard_to_reach": s.hard_to_reach,
                "location": Flow(lat=s.lat, lon=s.lon),
            },
        }
        for s in stations
    ]
    contest: dict[str, Any] = {
        "id": CONTEST,
        "office": "president",
        "name": name("ریاست‌جمهوری", "President"),
        "round": figures.number,
    }
    if figures.number == 2:
        contest["previous_round"] = Flow(election=ROUND_1.election, contest=CONTEST)
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
            # round 1's version 2 is the draft (version 1, no candidates) after the code draw
            "version": 2 if figures.number == 1 else 1,
            "notes": notes(figures),
        },
        "units": units,
        "contests": [contest],
    }


def notes(figures: Round) -> list[str]:
    """What in the round's definition is real and what synthetic."""
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
    codes = "Ballot codes are illustrative"
    if figures.number == 1:
        codes += ", given by the code draw recorded in candidacy.json"
    return [real, synthetic, f"{codes}. Generated by examples/kerman-1403/generate.py."]


def statement() -> dict[str, Any]:
    """What the seed report printed for round 2, slip included (it prints the margin 294,349)."""
    return {
        "format": "sandogh/statement@1",
        "source": SEED_REPORT,
        "election": ROUND_2.election,
        "contest": CONTEST,
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
