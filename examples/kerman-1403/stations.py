"""The 2,427 polling stations: their number and hard-to-reach share are real, the rest synthetic.

Stations are shared among the counties in proportion to their cities plus districts; each one's
setting, mobility, place, size, lean and turnout are seeded draws (see README.md). All vote
semi-electronically but the fixed stations of Kerman city, which vote electronically.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from figures import ELIGIBLE_VOTERS
from geography import County
from shares import apportion, stream

STATIONS = 2_427  # "۲ هزار و ۴۲۷ شعبه اخذ رای"
HARD_TO_REACH = 100  # "حدود ۱۰۰ شعبه در مناطق صعب‌العبور"
URBAN_PERCENT = 59  # national 2024: 34,522 of 58,640 stations were urban
MOBILE_PERCENT = {"urban": 10, "rural": 50}  # gives about the national 15,215 of 58,640 mobile
# Kerman's stations voted on paper ballots with electronic authentication in 2024 (نیمه الکترونیک,
# seed-facts.md); the seeds' "if the Guardian Council approves, Kerman city votes electronically"
# makes the city the one place with electronic ballots: the fixed stations at Kerman county's seat.
ELECTRONIC_COUNTY = "0808"


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
    mode: str  # "electronic" or "semi-electronic" (`VotingMode`)

    @property
    def electronic(self) -> bool:
        return self.mode == "electronic"


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
            at_seat = urban and bool(rng.randrange(2))
            centre = county.seat if at_seat else rng.choice(county.cities)
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
            electronic = at_seat and county.code == ELECTRONIC_COUNTY
            electronic = electronic and drafts[-1]["mobility"] == "fixed"
            drafts[-1]["mode"] = "electronic" if electronic else "semi-electronic"
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
