"""What maps are drawn with, for the results site and the console: Leaflet 1.9.4 (npm, BSD-2-Clause)
and the OpenStreetMap boundaries of Iran's provinces and of every province's counties (ODbL 1.0:
every map shows "© OpenStreetMap contributors"). NOTICE and boundaries/README.md say where each
file comes from."""

from pathlib import Path

#: The folder holding `leaflet/` and `boundaries/`.
MAPS = Path(__file__).parent


def boundaries_for(province: str | None) -> str:
    """The boundary file (under MAPS) for a map inside `province` (an ISO code as `IR-08`): its
    counties where they are vendored, else the provinces of the country."""
    counties = f"boundaries/counties/{province}.geojson"
    return counties if province and (MAPS / counties).is_file() else "boundaries/provinces.geojson"
