"""What a definition's structure refuses in a text or a whole number (the S26 outsider's F4 and
F5): a lone surrogate, a version beyond what the store holds, NUL and other control characters,
an unclosed direction override, a name of megabytes. Each is a problem with its path, said in
Persian under `--lang fa`, and nothing is read past it; Persian names keep their ZWNJ and the
Arabic letter forms Persian writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from sandogh.cli.usage_words import problem_line
from sandogh.formats.definition_file import DefinitionFileError, parse_definition
from sandogh.formats.definition_schema import MOST_CHARACTERS, MOST_WHOLE

from .build import as_json, example


def refused(data: bytes) -> list[tuple[str, str, str]]:
    """Each problem of `data` as its path, its English and its Persian line."""
    with pytest.raises(DefinitionFileError) as raised:
        parse_definition(data, source_name="x.json")
    return [(p.path, p.message, problem_line(p, "fa")) for p in raised.value.problems]


def with_station_name(name: str) -> bytes:
    data = example()
    data["units"][3]["name"]["fa"] = name
    return as_json(data)


def test_a_lone_surrogate_is_a_problem_of_its_text_not_a_crash() -> None:
    # JSON's escape writes half of a character; it was read, then failed to be written canonical
    data = as_json(example()).replace(b"Kerman station 1", b"Kerman \\ud800 1")
    ((path, message, persian),) = refused(data)
    assert path == "units[3].name.en"
    assert message.startswith("is not text: it holds half of a character")
    assert persian.startswith("units[3].name.en: متن درستی نیست")


@pytest.mark.parametrize("number", [10**20, 2**63 - 1, MOST_WHOLE + 1])
def test_a_whole_number_beyond_what_the_store_holds_is_refused(number: int) -> None:
    data = example()
    data["election"]["version"] = number
    data["units"][3]["eligible_voters"] = number
    found = refused(as_json(data))
    assert [path for path, _, _ in found] == ["election.version", "units[3].eligible_voters"]
    assert found[0][1] == f"must be at most {MOST_WHOLE} (got {number})"
    assert found[0][2].startswith("election.version: باید دست‌بالا ۱۰۰۰۰۰۰۰۰۰۰ باشد")


@pytest.mark.parametrize(
    ("name", "english", "persian"),
    [
        ("شعبه\x00۲", "the control character U+0000 at character 5", "نویسه کنترلی U+0000"),
        ("شعبه\n۲", "the control character U+000A at character 5", "نویسه کنترلی U+000A"),
        ("شعبه\x85", "the control character U+0085 at character 5", "نویسه کنترلی U+0085"),
        ("شعبه ۲\u202e", "the direction control U+202E at character 7", "کنترل جهت U+202E"),
        ("\u202bشعبه\u202c", "the direction control U+202B at character 1", "کنترل جهت U+202B"),
        ("شعبه\u2067۲", "the direction control U+2067 at character 5", "کنترل جهت U+2067"),
    ],
)
def test_a_control_character_in_a_name_is_refused_where_it_is(
    name: str, english: str, persian: str
) -> None:
    ((path, message, line),) = refused(with_station_name(name))
    assert path == "units[3].name.fa"
    assert english in message
    assert line.startswith("units[3].name.fa: ")
    assert persian in line


def test_a_name_of_megabytes_is_refused_by_its_length() -> None:
    ((path, message, line),) = refused(with_station_name("ب" * 5_000_000))
    assert (path, message) == (
        "units[3].name.fa",
        f"is 5000000 characters long, more than the {MOST_CHARACTERS} it may be",
    )
    assert line == "units[3].name.fa: ۵۰۰۰۰۰۰ نویسه دارد، بیش از ۳۰۰ نویسه‌ای که می‌تواند داشته باشد"


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (["election", "name", "en"], "Kerman\x1b[2J"),
        (["election", "notes"], ["a note\u2066"]),
        (["units", 1, "code"], "IR-08\x00"),
        (["contests", 0, "candidates", 0, "name", "fa"], "مسعود\u202d"),
    ],
)
def test_every_text_of_a_definition_is_held_to_the_same_characters(
    where: list[Any], value: Any
) -> None:
    data = example()
    node = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    found = refused(as_json(data))
    assert found
    assert all("U+" in message for _, message, _ in found), found


def test_persian_names_with_zwnj_arabic_letter_forms_and_marks_still_load() -> None:
    name = "کتاب‌خانه مسجد علي‌اكبر ۀ ة \u200f(۲)"  # ZWNJ, ي and ك as some files write them, RLM
    data = json.loads(with_station_name(name))
    data["units"][3]["name"]["en"] = "x" * MOST_CHARACTERS
    loaded = parse_definition(as_json(data), source_name="x.json")
    assert loaded.election.units[3].name.fa == name


@pytest.mark.parametrize(
    ("where", "path"),
    [((), "\\ud800x"), (("election",), "election.\\ud800x"), (("units", 3), "units[3].\\ud800x")],
)
def test_a_lone_surrogate_in_a_key_is_refused_at_the_key(where: tuple[Any, ...], path: str) -> None:
    # the S27 outsider's N3: the same half of a character in a value named its place, in a key none
    data = example()
    node = data
    for step in where:
        node = node[step]
    node["\ud800x"] = 1
    ((found, message, line),) = refused(json.dumps(data).encode())
    assert found == path
    assert message.startswith("is not text: it holds half of a character")
    assert line.startswith(f"{path}: متن درستی نیست")


def test_a_key_with_a_control_character_is_shown_escaped() -> None:
    # the S27 outsider's N3: `fo\u0000rmat` was printed raw, so the terminal showed "format:
    # unknown field; did you mean format?"
    data = example()
    data["election"]["ver\x00sion\x1b[2J"] = 2
    ((path, message, line),) = refused(json.dumps(data).encode())
    assert path == "election.ver\\x00sion\\x1b[2J"
    assert message.startswith("unknown field; did you mean version?")
    assert line.startswith("election.ver\\x00sion\\x1b[2J: فیلد ناشناخته است؛ شاید version؟")


def test_a_whole_number_written_with_an_exponent_is_shown_as_written() -> None:
    # the S27 outsider's N3: «must be a whole number (given: 1449)» of `1449E0`
    data = example()
    data["units"][3]["eligible_voters"] = "@"
    ((path, message, line),) = refused(as_json(data).replace(b'"@"', b"1449E0"))
    assert (path, message) == ("units[3].eligible_voters", "must be a whole number (got 1449E0)")
    assert line == "units[3].eligible_voters: باید عدد درست باشد (داده‌شده: 1449E0)"


def test_a_yaml_key_that_is_not_text_is_refused_in_persian_where_it_is() -> None:
    # the S27 outsider's N3: «[1]: keys should be strings», in English, with no line
    data = b"1: 2\n" + yaml.safe_dump(example(), allow_unicode=True).encode()
    with pytest.raises(DefinitionFileError) as raised:
        parse_definition(data, source_name="x.yaml")
    (problem,) = raised.value.problems
    assert problem_line(problem, "fa") == (
        "x.yaml: YAML یا JSON درستی نیست: کلید «1» برای YAML متن نیست؛ آن را میان گیومه "
        "بنویسید (سطر ۱، ستون ۱)"
    )
    assert problem_line(problem, "en").endswith(
        "the key '1' is not text to YAML; quote it (\"1\") (line 1, column 1)"
    )
