"""Every rule problem of an election definition reads in Persian under `--lang fa` (the S20 review,
F10: they were printed in English): each message `core.definition` makes, with sample values,
said again by `locale.definition_problems`, and `sandogh load` printing them with their paths."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import sandogh.core.definition
from sandogh.cli.usage_words import problem_line
from sandogh.formats.definition_file import DefinitionFileError, parse_definition
from sandogh.locale.definition_problems import in_persian
from tests.formats.build import as_json, example

CORE = Path(sandogh.core.definition.__file__).parent
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kerman-1403"

#: One message of each `Problem` (and each parent problem) `core.definition` makes.
MESSAGES = (
    "the Persian name is required",
    "must be 1 or more, not 0",
    "must be 0 or more, not -1",
    "required for a station",
    "required in a proportional contest",
    "'Kerman 1403' must be lower-case letters, digits, '.', '_' or '-', starting with a letter "
    "or digit",
    "'IR 08' must be ASCII letters, digits, '.', '_' or '-', starting with a letter or digit",
    "'۲۱' must be ASCII digits",
    "'kerman-1403-r2' is not an election id",
    "duplicate code IR-08, also used by units[1]",
    "a unit cannot be its own parent",
    "unknown unit IR-09",
    "IR-08 comes later (units[3]); parents come before their children",
    "ST-1 is a station; stations have no children",
    "IR-08-0801 is a county; a province cannot be below a county",
    "a definition needs at least its root unit",
    "no root: exactly one unit must have no parent",
    "missing; only the root unit has no parent, and that is IR (units[0])",
    "only stations have station details, not a county",
    "91.5 is not between -90 and 90",
    "the units below IR-08 have 2324255 eligible voters, more than its 2324254",
    "duplicate contest id president, also used by contests[0]",
    "an election day needs at least one contest",
    "duplicate constituency id IR-08",
    "a constituency needs at least one unit",
    "a contest needs at least one constituency",
    "ST-1 is already in constituency kerman through IR-08-0801",
    "IR-08 is listed twice",
    "ST-1 is already in constituency kerman (contests[1].constituencies[0].units[2])",
    "required for round 2: the election and contest this runoff continues",
    "only a runoff (round 2 or later) has one",
    "kerman-1403-r2 is this election day; a runoff continues a contest held on an earlier day",
    "required for a by-election: the election and contest of the same body's main election, "
    "whose constituency decides where its voters may vote",
    "only a by-election has a main election",
    "majlis-1402 is this election day; the main election was held on an earlier day",
    "1/2 must be more than 0 and less than 1",
    "3/2 must be more than 0 and at most 1",
    "a proportional contest needs party lists",
    "party lists are only for proportional contests",
    "duplicate party list id p1, also used by contests[0].party_lists[0]",
    "a presidential contest has exactly one constituency, the whole country, not 2",
    "a presidential contest fills 1 seat, not 3",
    "a presidential contest has no alternates",
    "must cover every station; 2 are not covered, e.g. ST-1, ST-2",
    "unknown constituency IR-09",
    "duplicate code 21 in constituency IR, also used by contests[0].candidates[0] (Saeed Jalili)",
    "only candidates of a proportional contest stand on a party list",
    "unknown party list p9",
    "3 seats but 2 candidates stand in it: a seat would stay empty whatever the votes",
    # the file itself, as `formats.definition_file` says it
    "kerman.yaml: cannot read: No such file or directory",
    "kerman: cannot read: Is a directory",
)
#: What a Persian sentence keeps as written: ids, codes, paths, the name a message quotes.
KEPT = re.compile(
    r"kerman-1403-r2|majlis-1402|Kerman 1403|IR 08|IR[-0-9]*|ST-\d|units\[\d\]|contests\[\d\]"
    r"|\.party_lists\[\d\]|\.candidates\[\d\]|\.constituencies\[\d\]\.units\[\d\]|president"
    r"|kerman\.yaml|kerman|p1|p9|Saeed Jalili"
)


def test_every_problem_the_core_makes_has_a_sample_here() -> None:
    # a new message in core/definition needs its sample above and its Persian in the catalogue
    made = sum(
        len(re.findall(r"\bProblem\(|^\s+return f?\"", p.read_text(encoding="utf-8"), re.M))
        for p in CORE.glob("*.py")
    )
    assert made == 67, made  # a tripwire: counted when every message had its sample


@pytest.mark.parametrize("message", MESSAGES)
def test_every_rule_problem_reads_in_persian(message: str) -> None:
    persian = in_persian(message)
    assert persian != message
    assert not re.search(r"[A-Za-z]", KEPT.sub("", persian)), persian
    assert not re.search(r"[0-9]", KEPT.sub("", persian)), persian  # counts in Persian digits


def test_load_prints_a_definition_s_problems_in_persian_with_their_paths(tmp_path: Path) -> None:
    text = (EXAMPLE / "round2.yaml").read_text(encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(text.replace("code: '25'", "code: '21'"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sandogh", "load", str(tmp_path / "bad.yaml"), "--db", "sqlite://"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "contests[0].candidates[1].code: کد ۲۱ در حوزه انتخابیه IR تکراری است؛ "
        "contests[0].candidates[0] (Saeed Jalili) هم آن را دارد",
        "sandogh: ۱ مشکل؛ هیچ چیز ذخیره نشد",
    ]


def _broken(change: Callable[[dict[str, Any]], object]) -> bytes:
    data = example()
    change(data)
    return as_json(data)


@pytest.mark.parametrize(
    "data",
    [
        _broken(lambda d: d["units"][3].update(eligible_voters="1449")),
        _broken(lambda d: d["units"][3].update(eligible_voters=True)),
        _broken(lambda d: d["election"].update(date="2024-02-30")),
        _broken(lambda d: d["election"].update(date="1403/12/10")),
        _broken(lambda d: d.update(extra=1)),
        _broken(lambda d: d["units"][2].update(parnet="IR-08")),
        _broken(lambda d: d.update(election="tiny")),
        _broken(lambda d: d.update(units={"IR": 1})),
        _broken(lambda d: d["units"][3]["name"].update(en=False)),
        _broken(lambda d: d["units"][1].update(kind="provnce")),
        _broken(lambda d: d["units"][3]["station"].update(hard_to_reach="yes")),
        _broken(lambda d: d["units"][3]["station"]["location"].update(lon="nan")),
        _broken(lambda d: d["contests"][0].update(rule={"kind": "majority", "share": "1/0"})),
        _broken(lambda d: d["contests"][0].update(rule={})),
        _broken(lambda d: d["units"][3].pop("code")),
        _broken(lambda d: d.update(format="sandogh/definition@9")),
        _broken(lambda d: d.update(format="other")),
        b"null",
        b"[]",
    ],
)
def test_every_structure_problem_reads_in_persian(data: bytes) -> None:
    """The S26 outsider's F6: a file's structure was refused in English on a Persian terminal."""
    with pytest.raises(DefinitionFileError) as raised:
        parse_definition(data, source_name="x.json")
    for problem in raised.value.problems:
        said = problem_line(problem, "fa")
        assert not re.search(r"\b(must|got|unknown|expected|not a|required)\b", said), said
