"""Generate the Kerman 1403 example: the 2024 presidential election in Kerman province, both rounds.

Run from the repository root:

    .venv/bin/python examples/kerman-1403/generate.py [OUTPUT_DIR]

It writes, into OUTPUT_DIR (default: this script's directory), the definition files `round1.yaml`
and `round2.yaml`, the tally sheets `round1-results.csv` and `round2-results.csv`, the published
figures of the seed report in `statement-round2.yaml`, the ballot-paper register `papers.csv`,
round 1's calendar and candidacy for the live demo (`calendar.json`, `candidacy.json`:
`candidacy`) and `README.md` (see there for what is real and what is synthetic). Every random draw
comes from `random.Random` streams seeded with fixed
strings, and every figure that must add up is apportioned exactly (largest remainder over integer
weights), so the output is the same bytes on every run. The sheets are checked against the
reconciliation rules before anything is written.

The modules beside this one hold, in order of use: `geography` (Kerman's counties and cities),
`stations` (the polling stations), `shares` (seeded draws and exact apportionment), `figures`
(the province-wide figures of both rounds), `sheets` (each station's tally sheet), `documents`
(the YAML files), `papers` (the ballot-paper register) and `readme` (README.md, from
`README.template.md`).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from candidacy import calendar, candidacy
from documents import definition, dump_yaml, statement
from figures import ROUND_1, ROUND_2
from geography import load_counties
from papers import paper_register
from readme import readme
from sheets import make_sheets
from stations import make_stations

from sandogh.formats.tally_csv import write_tally_csv

HERE = Path(__file__).resolve().parent


def generate(out_dir: Path) -> list[Path]:
    """Write every file of the example into `out_dir`; returns their paths."""
    counties, left_out = load_counties()
    stations = make_stations(counties)
    files = {"README.md": readme(counties, stations, left_out)}
    for figures in (ROUND_1, ROUND_2):
        sheets = make_sheets(stations, figures)
        files[f"round{figures.number}.yaml"] = dump_yaml(definition(counties, stations, figures))
        tally = io.StringIO()
        write_tally_csv(sheets, tally)
        files[f"round{figures.number}-results.csv"] = tally.getvalue()
    files["statement-round2.yaml"] = dump_yaml(statement())
    files["calendar.json"] = calendar()
    files["candidacy.json"] = candidacy()
    files["papers.csv"] = paper_register(stations)
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
