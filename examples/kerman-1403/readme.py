"""README.md: `README.template.md` filled with the figures and tables of the generated example."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from string import Template

from figures import CANDIDATES, ELIGIBLE_VOTERS, ROUND_1, ROUND_2, SEED_REPORT
from geography import PROVINCE_CODE, County
from stations import (
    ELECTRONIC_COUNTY,
    HARD_TO_REACH,
    MOBILE_PERCENT,
    STATIONS,
    URBAN_PERCENT,
    Station,
)

TEMPLATE = Path(__file__).resolve().with_name("README.template.md")


def readme(counties: Sequence[County], stations: Sequence[Station], left_out: Sequence[str]) -> str:
    per_county = Counter(s.county for s in stations)
    eligible = Counter[str]()
    for s in stations:
        eligible[s.county] += s.eligible
    county_rows = (
        f"| IR-{PROVINCE_CODE}-{c.code} | {c.name_fa} | {c.name_en} | {c.weight} |"
        f" {per_county[c.code]:,} | {eligible[c.code]:,} |"
        for c in counties
    )
    candidates = (
        f"| {code} | {fa} | {en} | {ROUND_1.votes[code]:,} | "
        + (f"{ROUND_2.votes[code]:,} |" if code in ROUND_2.votes else "— |")
        for code, (fa, en) in CANDIDATES.items()
    )
    invalid = (
        f"| {kind} | {ROUND_1.invalid[kind]:,} | {ROUND_2.invalid[kind]:,} |"
        for kind in ROUND_1.invalid  # the kinds the example splits the invalid ballots into
    )
    template = Template(TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(
        stations=f"{STATIONS:,}",
        hard_to_reach=HARD_TO_REACH,
        round1_cast=f"{ROUND_1.cast:,}",
        round2_cast=f"{ROUND_2.cast:,}",
        round2_valid=f"{ROUND_2.valid:,}",
        seed_report=SEED_REPORT,
        eligible_voters=f"{ELIGIBLE_VOTERS:,}",
        candidates="\n".join(candidates),
        invalid="\n".join(invalid),
        urban_percent=URBAN_PERCENT,
        mobile_percent_urban=MOBILE_PERCENT["urban"],
        mobile_percent_rural=MOBILE_PERCENT["rural"],
        urban=f"{sum(s.setting == 'urban' for s in stations):,}",
        mobile=f"{sum(s.mobility == 'mobile' for s in stations):,}",
        electronic=sum(s.electronic for s in stations),
        electronic_county=ELECTRONIC_COUNTY,
        semi_electronic=f"{sum(not s.electronic for s in stations):,}",
        counties="\n".join(county_rows),
        left_out="\n".join(f"- {line}" for line in left_out) or "- none",
    )
