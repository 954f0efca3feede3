"""What maps are drawn with, for the results site and the console: Leaflet 1.9.4 (npm, BSD-2-Clause)
and the OpenStreetMap boundaries of Iran's provinces and of Kerman's counties (ODbL 1.0: every map
shows "© OpenStreetMap contributors"). NOTICE and data/iran-divisions/README.md say where each
file comes from."""

from pathlib import Path

#: The folder holding `leaflet/` and `boundaries/`.
MAPS = Path(__file__).parent
