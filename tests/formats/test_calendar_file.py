import json
from pathlib import Path

import pytest

from sandogh.core.candidacy.calendar import Stage
from sandogh.formats.calendar_file import CalendarFileError, decode_calendar, parse_calendar

EXAMPLES = Path(__file__).parents[2] / "examples" / "calendars"


@pytest.mark.parametrize("name", ["majlis-1402", "majlis-1402-runoff", "president-1403"])
def test_the_example_calendars_are_valid_and_read_back_from_their_canonical_form(
    name: str,
) -> None:
    loaded = parse_calendar((EXAMPLES / f"{name}.json").read_bytes(), source_name=name)
    assert decode_calendar(loaded.canonical) == loaded.calendar
    assert len(loaded.calendar_hash) == 64


def test_structure_and_rules_are_reported_with_their_paths() -> None:
    document = json.loads((EXAMPLES / "majlis-1402-runoff.json").read_bytes())
    document["schedules"][0]["stages"][0]["stage"] = "lottery"
    document["schedules"][0]["kind"] = "parliament"
    document["schedules"][0]["colour"] = "red"
    with pytest.raises(CalendarFileError) as structure:
        parse_calendar(json.dumps(document).encode(), source_name="c.json")
    paths = {p.path for p in structure.value.problems}
    assert paths == {"schedules[0].colour", "schedules[0].stages[0].stage"}
    document = json.loads((EXAMPLES / "majlis-1402-runoff.json").read_bytes())
    del document["schedules"][0]["stages"][3]  # polling
    with pytest.raises(CalendarFileError) as rules:
        parse_calendar(json.dumps(document).encode(), source_name="c.json")
    assert [p.path for p in rules.value.problems] == ["schedules[0].stages"]
    assert Stage.POLLING.value in rules.value.problems[0].message


def test_an_article_in_one_language_is_refused_with_its_path() -> None:
    # a refusal quotes the article on Persian and English screens alike, so both are required
    document = json.loads((EXAMPLES / "majlis-1402.json").read_bytes())
    conditions = next(s["conditions"] for s in document["schedules"] if s.get("conditions"))
    conditions["article"] = conditions["article"]["en"]
    with pytest.raises(CalendarFileError) as refused:
        parse_calendar(json.dumps(document).encode(), source_name="c.json")
    assert [p.path for p in refused.value.problems] == ["schedules[0].conditions.article"]
