"""Rebuild src/sandogh/maps/boundaries/counties/IR-NN.geojson from hosseinhabibi2004/iran-geojson.

Usage: PYTHONPATH=src python scripts/county_boundaries.py GIT_DIR COMMIT
GIT_DIR is a clone of that repository (read with `git show`, no network). Each county relation
(OpenStreetMap admin_level 5) is simplified with Douglas–Peucker at 0.005° and rounded to 4
decimals (about 10 m, display only); its Persian name loses the word «شهرستان» and Arabic ي/ك;
`code` is the county's code in data/iran-divisions/counties.csv where the Persian names of the
same province agree once folded as the site folds them (or through RENAMED), else "" (such
counties, and the CSV's counties without a boundary, are listed on standard output).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from sandogh.publish.site.geo import fold

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sandogh" / "maps" / "boundaries" / "counties"
DIVISIONS = ROOT / "data" / "iran-divisions"
TOLERANCE = 0.005
# OpenStreetMap's name → the name in counties.csv, for the same county spelt or named otherwise
RENAMED = {"ویژه مراغه": "مراغه", "چابهار": "چاه بهار", "طرقبه شاندیز": "بینالود"}
# English names OpenStreetMap lacks or writes in lower case (our transliterations)
NAMES_EN = {"گنبکی": "Ganbaki", "جازموریان": "Jazmurian", "مروست": "Marvast"}
NAMES_EN |= {"طرقبه شاندیز": "Torqabeh and Shandiz"}
PERSIAN = str.maketrans({"ي": "ی", "ك": "ک"})

Point = tuple[float, float]


def simplify(points: list[Point]) -> list[Point]:
    """Douglas–Peucker, iterative (rings run to thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        far, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm:
                d = abs(dy * (x - x1) - dx * (y - y1)) / norm
            else:
                d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > far:
                far, index = d, i
        if far > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(coordinates: list[list[float]]) -> list[list[float]] | None:
    points = simplify([(x, y) for x, y, *_ in coordinates])
    rounded: list[list[float]] = []
    for x, y in points:
        p = [round(x, 4), round(y, 4)]
        if not rounded or rounded[-1] != p:
            rounded.append(p)
    return rounded if len(rounded) >= 4 else None


def geometry(shape: dict[str, Any]) -> dict[str, Any] | None:
    polygons = shape["coordinates"] if shape["type"] == "MultiPolygon" else [shape["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [r for r in (ring(c) for c in polygon) if r]
        if rings and len(ring(polygon[0]) or []) >= 4:
            kept.append(rings)
    if not kept:
        return None
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def bare(name: str) -> str:
    return name.translate(PERSIAN).removeprefix("شهرستان").strip()


def main(git_dir: str, commit: str) -> None:
    with (DIVISIONS / "provinces.csv").open(encoding="utf-8") as file:
        province_ids = {row["code"]: row["id"] for row in csv.DictReader(file)}
    with (DIVISIONS / "counties.csv").open(encoding="utf-8") as file:
        counties = list(csv.DictReader(file))
    OUT.mkdir(parents=True, exist_ok=True)
    for number in sorted(province_ids):
        iso = f"IR-{number}"
        path = f"{commit}:data/counties/{iso}/{iso}.all.min.geojson"
        text = subprocess.run(
            ["git", "--git-dir", git_dir, "show", path], capture_output=True, check=True
        ).stdout
        known = {
            fold(bare(row["name"])): row["code"]
            for row in counties
            if row["province_id"] == province_ids[number]
        }
        features, seen = [], set()
        for feature in json.loads(text)["features"]:
            tags = feature["properties"].get("tags", {})
            shape = feature.get("geometry") or {}
            if tags.get("admin_level") != "5" or shape.get("type") not in {
                "Polygon",
                "MultiPolygon",
            }:
                continue
            name_fa = bare(tags.get("name:fa") or tags["name"])
            if name_fa in seen:
                continue
            drawn = geometry(shape)
            if drawn is None:
                continue
            seen.add(name_fa)
            name_en = NAMES_EN.get(name_fa) or tags["name:en"].removesuffix(" County").strip()
            code = known.pop(fold(RENAMED.get(name_fa, name_fa)), "")
            properties = {"code": code, "osm": f"relation/{feature['properties']['id']}"}
            properties |= {"name_fa": name_fa, "name_en": name_en, "province": iso}
            features.append({"type": "Feature", "properties": properties, "geometry": drawn})
            if not code:
                print(f"{iso}: OpenStreetMap only: {name_fa} ({name_en})")
        for name, code in sorted(known.items(), key=lambda item: item[1]):
            print(f"{iso}: counties.csv only: {code} {name}")
        features.sort(key=lambda f: (f["properties"]["code"] or "~", f["properties"]["name_fa"]))
        document = {"type": "FeatureCollection", "features": features}
        (OUT / f"{iso}.geojson").write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
