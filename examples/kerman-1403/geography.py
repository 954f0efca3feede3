"""Kerman province and its counties and cities, from `data/iran-divisions` (real data)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DIVISIONS = Path(__file__).resolve().parents[2] / "data" / "iran-divisions"
BOUNDARIES = Path(__file__).resolve().parents[2] / "src" / "sandogh" / "maps" / "boundaries"
PROVINCE_ID = "21"  # Kerman in provinces.csv
PROVINCE_CODE = "08"  # its statistical code, = the ISO 3166-2:IR suffix

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


@dataclass(frozen=True)
class County:
    code: str
    name_fa: str
    seat: tuple[Decimal, Decimal]
    cities: tuple[tuple[Decimal, Decimal], ...]
    weight: int  # cities plus districts: the county's share of the stations

    @property
    def name_en(self) -> str:
        return COUNTY_NAMES_EN[self.code]


def read_csv(name: str) -> list[dict[str, str]]:
    with (DIVISIONS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def province_bounds() -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The bounding box (min lat, max lat, min lon, max lon) of Kerman in provinces.geojson."""
    provinces = (BOUNDARIES / "provinces.geojson").read_text(encoding="utf-8")
    features = json.loads(provinces)["features"]
    (kerman,) = (f for f in features if f["properties"]["code"] == PROVINCE_CODE)
    ring = kerman["geometry"]["coordinates"][0]
    lats = [Decimal(str(lat)) for _, lat in ring]
    lons = [Decimal(str(lon)) for lon, _ in ring]
    return min(lats), max(lats), min(lons), max(lons)


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
