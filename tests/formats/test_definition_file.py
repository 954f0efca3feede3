"""The definition file of `docs/formats.md`: reading, problems with paths, the canonical form and
the hash, on the Kerman 1403 runoff of the docs' own example."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import random
import re
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example as also_try
from hypothesis import given, settings
from hypothesis import strategies as st

from sandogh.core.definition.model import (
    Election,
    Location,
    Mobility,
    Name,
    RoundLink,
    Setting,
    StationInfo,
    VotingMode,
)
from sandogh.core.definition.rule import PluralityRule, Rule, ThresholdRule
from sandogh.formats import definition_file
from sandogh.formats.definition_file import (
    DefinitionFileError,
    LoadedDefinition,
    canonical_bytes,
    decode_canonical,
    definition_hash,
    definition_json_schema,
    load_definition,
    parse_definition,
)
from sandogh.formats.written import visible

from .build import EXAMPLE_YAML, as_json, elections, example, shuffle


def problems_of(data: bytes, name: str = "kerman.yaml") -> list[str]:
    with pytest.raises(DefinitionFileError) as raised:
        parse_definition(data, source_name=name)
    assert raised.value.source_name == name
    return [str(p) for p in raised.value.problems]


def test_the_docs_example_reads_into_the_core() -> None:
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="formats.md")
    election = loaded.election
    assert election.id == "kerman-1403-r2"
    assert election.date == datetime.date(2024, 7, 5)
    assert election.units[1].eligible_voters == 2_324_254
    station = election.units[3].station
    assert station == StationInfo(
        Mobility.FIXED,
        Setting.URBAN,
        VotingMode.ELECTRONIC,
        False,
        Location(Decimal("30.2839"), Decimal("57.0834")),
    )
    president = election.contests[0]
    assert president.round == 2
    assert president.previous_round == RoundLink("kerman-1403-r1", "president")
    assert president.rule == PluralityRule()
    assert [c.code for c in president.candidates] == ["21", "25"]
    assert president.candidates[1].name == Name("مسعود پزشکیان", "Masoud Pezeshkian")
    assert loaded.canonical == canonical_bytes(election)
    assert loaded.definition_hash == definition_hash(election)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", loaded.definition_hash)


def test_yaml_json_and_key_order_give_the_same_hash() -> None:
    from_yaml = parse_definition(EXAMPLE_YAML.encode(), source_name="kerman.yaml")
    data = example()
    from_json = parse_definition(as_json(data), source_name="kerman.json")
    shuffled = parse_definition(as_json(shuffle(data, random.Random(1403))), source_name="x")
    assert from_yaml.canonical == from_json.canonical == shuffled.canonical
    assert from_yaml.definition_hash == from_json.definition_hash == shuffled.definition_hash


def test_the_canonical_form_writes_every_default_and_exact_numbers() -> None:
    data = example()
    data["contests"][0]["rule"] = {"kind": "majority"}
    location = data["units"][3]["station"]["location"]
    location["lat"], location["lon"] = "30.28390", 57.0834  # text with a trailing zero, a number
    del data["units"][3]["station"]["hard_to_reach"]
    canonical = parse_definition(as_json(data), source_name="x").canonical
    text = canonical.decode()
    assert text.startswith('{"contests":[{"by_election":false,"candidates":[{"code":"21",')
    assert '"rule":{"base":"cast","kind":"majority","runoff_candidates":2,"share":"1/2"}' in text
    assert '"location":{"lat":"30.2839","lon":"57.0834"}' in text
    assert '"hard_to_reach":false' in text
    assert '"parent":null' in text
    resorted = json.dumps(
        json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    assert resorted == text  # keys sorted, no white space between tokens
    assert "مسعود پزشکیان" in text  # UTF-8, not \u escapes
    assert_every_field_written(json.loads(canonical), definition_json_schema())


LATER_FIELDS = frozenset({"main_election", "photo"})


def assert_every_field_written(data: Any, schema: dict[str, Any], node: Any = None) -> None:
    """Every object of the canonical form has exactly the properties its schema names."""
    node = schema if node is None else node
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for choice in node.get("anyOf", []) + node.get("oneOf", []):
        if choice.get("type") == "null" and data is None:
            return
    options = node.get("anyOf") or node.get("oneOf")
    if options and isinstance(data, dict):
        if "discriminator" in node:
            tag = node["discriminator"]["mapping"][data["kind"]]
            assert_every_field_written(data, schema, {"$ref": tag})
        else:
            assert_every_field_written(data, schema, next(o for o in options if "$ref" in o))
        return
    if isinstance(data, dict) and "properties" in node:
        # a field added later (a by-election's main election) is left out where it is unset
        assert set(data) | LATER_FIELDS >= set(node["properties"]) >= set(data), node.get("title")
        for key, value in data.items():
            assert_every_field_written(value, schema, node["properties"][key])
    elif isinstance(data, list) and "items" in node:
        for item in data:
            assert_every_field_written(item, schema, node["items"])


def test_unquoted_yaml_numbers_stay_exact() -> None:
    text = EXAMPLE_YAML.replace("rule: {kind: plurality}", "rule: {kind: threshold, share: 0.2}")
    text = text.replace('{lat: "30.2839", lon: "57.0834"}', "{lat: 30.28390, lon: 57.0834}")
    election = parse_definition(text.encode(), source_name="x.yaml").election
    assert election.contests[0].rule == ThresholdRule(share=Fraction(1, 5))
    assert election.units[3].station is not None
    assert election.units[3].station.location == Location(Decimal("30.2839"), Decimal("57.0834"))


def test_structural_problems_have_paths_in_the_files_terms() -> None:
    text = (
        EXAMPLE_YAML.replace("kind: province", "kind: provnce")
        .replace("parent: IR-08, name", "parnet: IR-08, name")
        .replace("eligible_voters: 950", "eligible_voters: 950.5")
        .replace("code: ST-0801-0001", "code: 0701")
        .replace('en: "Kerman station 1"', "en: false")
        .replace("rule: {kind: plurality}", 'rule: {kind: majority, share: "1/0", bse: cast}')
        .replace('code: "21"', "code: 21")
    )
    assert problems_of(text.encode()) == [
        "units[1].kind: must be one of nation, province, county, district, city, village, "
        "station (got 'provnce')",
        "units[2].parnet: unknown field; did you mean parent? expected: code, kind, name, "
        "parent, eligible_voters, station",
        "units[3].name.en: must be text (got false; in YAML, quote it)",
        "units[3].eligible_voters: must be a whole number (got 950.5)",
        "contests[0].rule.share: must be a fraction such as '1/2', '0.2' or '20%' (got '1/0')",
        "contests[0].rule.bse: unknown field; did you mean base? expected: kind, base, share, "
        "runoff_candidates",
        "contests[0].candidates[0].code: must be text (got 21; in YAML, quote it)",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"kind": "maj"},
            "must be one of majority, threshold, plurality, proportional (got 'maj')",
        ),
        ({}, "must be one of majority, threshold, plurality, proportional"),
    ],
)
def test_a_rule_needs_a_known_kind(change: dict[str, str], expected: str) -> None:
    data = example()
    data["contests"][0]["rule"] = change
    assert problems_of(as_json(data)) == [f"contests[0].rule.kind: {expected}"]


def test_missing_fields_and_wrong_shapes() -> None:
    data = example()
    del data["format"]
    del data["election"]["date"]
    data["units"][0]["name"] = "Iran"
    data["contests"][0]["constituencies"] = {}
    data["units"][3]["station"]["location"]["lat"] = "north"
    data["election"]["date"] = "2024-07-05T10:00"
    assert problems_of(as_json(data)) == [
        "format: required: the file must say `format: sandogh/definition@1`",
        "election.date: must be a date written 2024-07-05, without a time (got '2024-07-05T10:00')",
        "units[0].name: must be a mapping of fields (got 'Iran')",
        "units[3].station.location.lat: must be decimal degrees such as '30.2839' (got 'north')",
        "contests[0].constituencies: must be a list (got {})",
    ]


def test_the_rules_are_checked_once_the_structure_is_sound() -> None:
    text = EXAMPLE_YAML.replace('code: "25"', 'code: "21"').replace("seats: 1", "seats: 2")
    assert problems_of(text.encode()) == [
        "contests[0].constituencies[0].seats: a presidential contest fills 1 seat, not 2",
        "contests[0].candidates[1].code: duplicate code 21 in constituency IR, also used by "
        "contests[0].candidates[0] (Saeed Jalili)",
    ]
    # A structural problem stops there: the rules are not checked on a broken structure.
    broken = text.replace("kind: nation", "kind: country")
    assert [p.split(":")[0] for p in problems_of(broken.encode())] == ["units[0].kind"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "kerman.yaml: the file is empty"),
        (
            b"station,contest\nST-1,president\n",
            "kerman.yaml: not a sandogh definition: expected a mapping with format, election, "
            "units and contests, found str",
        ),
        (
            b"format: sandogh/definition@2\nunits: 3\n",
            "kerman.yaml: format: unsupported version: 'sandogh/definition@2'; this sandogh reads "
            "sandogh/definition@1",
        ),
        (
            b"format: nist/election@1\n",
            "kerman.yaml: format: not a sandogh definition format: 'nist/election@1'; this "
            "sandogh reads "
            "sandogh/definition@1",
        ),
    ],
)
def test_a_file_that_is_not_a_definition_gets_one_clear_line(data: bytes, expected: str) -> None:
    with pytest.raises(DefinitionFileError) as raised:
        parse_definition(data, source_name="kerman.yaml")
    assert str(raised.value).startswith(expected)
    assert "\n" not in str(raised.value)


def test_duplicate_keys_are_refused_not_overwritten() -> None:
    text = EXAMPLE_YAML.replace("  version: 1\n", "  version: 1\n  version: 2\n")
    assert problems_of(text.encode()) == ["kerman.yaml, line 7: duplicate key 'version'"]
    raw = as_json(example()).replace(b'"version": 1', b'"version": 1, "version": 2')
    assert problems_of(raw, "kerman.json") == ["kerman.json: duplicate key 'version' in an object"]


def test_yaml_anchors_and_merge_keys_work() -> None:
    text = EXAMPLE_YAML.replace(
        "    station:\n      mobility: fixed",
        "    station:\n      <<: &usual {mobility: mobile, setting: rural}\n      mobility: fixed",
    )
    station = parse_definition(text.encode(), source_name="x").election.units[3].station
    assert station is not None
    assert (station.mobility, station.setting) == (Mobility.FIXED, Setting.URBAN)


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(definition_file, "MOST_BYTES", 1_000)
    (tmp_path / "kerman.yaml").write_text(EXAMPLE_YAML, encoding="utf-8")
    with pytest.raises(DefinitionFileError) as raised:
        load_definition(tmp_path / "kerman.yaml")
    assert str(raised.value) == (
        f"{tmp_path / 'kerman.yaml'}: larger than 1,000 bytes, the most a definition file may be"
    )


def test_load_definition_reads_yaml_and_json_files(tmp_path: Path) -> None:
    (tmp_path / "kerman.yaml").write_text(EXAMPLE_YAML, encoding="utf-8")
    (tmp_path / "kerman.json").write_bytes(as_json(example()))
    first = load_definition(tmp_path / "kerman.yaml")
    assert load_definition(tmp_path / "kerman.json") == first
    with pytest.raises(DefinitionFileError) as raised:
        load_definition(tmp_path / "missing.yaml")
    assert (
        str(raised.value) == f"{tmp_path / 'missing.yaml'}: cannot read: No such file or directory"
    )


def test_decode_canonical_reads_what_canonical_bytes_writes() -> None:
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="x")
    assert decode_canonical(loaded.canonical) == loaded.election
    with pytest.raises(DefinitionFileError, match="canonical definition: not valid JSON"):
        decode_canonical(b"format: sandogh/definition@1")


def test_a_by_election_names_its_main_election_and_older_definitions_keep_their_hash() -> None:
    # The 2021 day (28 Khordad 1400) held a Majlis by-election; its main election was 1398's.
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="x")
    assert b"main_election" not in loaded.canonical  # unset: left out, the hash as before
    (contest, *_) = loaded.election.contests
    by_election = replace(
        contest,
        round=1,
        previous_round=None,
        by_election=True,
        main_election=RoundLink("majlis-1398", "parliament"),
    )
    election = replace(loaded.election, contests=(by_election,))
    canonical = canonical_bytes(election)
    assert b'"main_election":{"contest":"parliament","election":"majlis-1398"}' in canonical
    assert decode_canonical(canonical) == election


def test_a_candidate_names_a_photo_by_its_hash_and_older_definitions_keep_theirs() -> None:
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="x")
    assert b'"photo"' not in loaded.canonical  # unset: left out, the hash as before
    (contest, *rest) = loaded.election.contests
    (first, *others) = contest.candidates
    photo = "sha256:" + "ab" * 32
    named = replace(contest, candidates=(replace(first, photo=photo), *others))
    election = replace(loaded.election, contests=(named, *rest))
    canonical = canonical_bytes(election)
    assert f'"photo":"{photo}"'.encode() in canonical
    assert decode_canonical(canonical) == election
    with pytest.raises(DefinitionFileError, match="photo"):
        decode_canonical(canonical.replace(photo.encode(), b"sha256:AB"))


# ---- invariants ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(elections)
def test_canonical_bytes_decode_to_the_same_election(election: Election) -> None:
    """Any election the core can hold survives the canonical form, valid or not."""
    canonical = canonical_bytes(election)
    assert decode_canonical(canonical) == election
    assert canonical_bytes(decode_canonical(canonical)) == canonical


def _field_by_field(value: object) -> object:
    """The canonical form's objects built as the format says, from the dataclasses' fields: an
    oracle for the encoder, which writes a value's attribute dict as it is."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return definition_file._json_default(value)  # numbers, dates: written as text
    document = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    for name in ("main_election", "photo"):  # written only when set: older hashes stay
        if document.get(name, 0) is None:
            del document[name]
    if isinstance(value, Rule):
        document["kind"] = definition_file._RULE_KIND[type(value)]
    return document


@settings(max_examples=100, deadline=None)
@given(elections, st.lists(st.none() | st.just("sha256:" + "ab" * 32), max_size=4))
def test_the_canonical_bytes_are_the_fields_of_every_value(
    election: Election, photos: list[str | None]
) -> None:
    contests = tuple(
        replace(
            c,
            candidates=tuple(
                replace(k, photo=p) for k, p in zip(c.candidates, photos, strict=False)
            ),
        )
        for c in election.contests
    )
    election = replace(election, contests=contests)
    document = {
        "format": definition_file.FORMAT,
        "election": {name: getattr(election, name) for name in definition_file._HEADER},
        "units": election.units,
        "contests": election.contests,
    }
    oracle = json.dumps(
        document,
        default=_field_by_field,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    assert canonical_bytes(election) == oracle


@settings(max_examples=50, deadline=None)
@given(elections, st.randoms(use_true_random=False))
def test_key_order_never_changes_the_canonical_form(election: Election, rng: random.Random) -> None:
    canonical = canonical_bytes(election)
    reordered = as_json(shuffle(json.loads(canonical), rng))
    assert canonical_bytes(decode_canonical(reordered)) == canonical


def test_the_same_election_written_differently_has_one_hash() -> None:
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="x")
    station = loaded.election.units[3]
    assert station.station is not None
    assert station.station.location is not None
    wider = replace(
        station.station,
        location=Location(Decimal("30.283900"), Decimal("57.08340")),
    )
    same = replace(
        loaded.election,
        units=(*loaded.election.units[:3], replace(station, station=wider)),
    )
    assert definition_hash(same) == loaded.definition_hash


leaves = st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.decimals(places=3)
documents = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)


def replaced(data: Any, path: list[int], value: Any) -> Any:
    """`data` with the node reached by `path` (indices into items, modulo) replaced by `value`."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    keys = list(data) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[key] = replaced(data[key], path[1:], value)
    return copy


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 20), max_size=6), documents)
@also_try(path=[], value={"0.": None})  # a key holding a dot names a problem of its own
def test_any_damage_gives_problems_never_a_crash(path: list[int], value: Any) -> None:
    document = replaced(example(), path, value)
    found = outcome(json.dumps(document, default=str).encode())
    if isinstance(found, DefinitionFileError):
        assert found.problems
        sections = {"", "format", "election", "units", "contests"}
        sections |= {visible(k) for k in document} if isinstance(document, dict) else set()
        # a key may itself hold "." or "[": each path must begin with a section, whole (and
        # shown as `visible` shows it)
        assert all(
            any(p.path == s or p.path.startswith((f"{s}.", f"{s}[")) for s in sections)
            for p in found.problems
        ), [p.path for p in found.problems]
    else:
        assert decode_canonical(found.canonical) == found.election


def outcome(data: bytes) -> LoadedDefinition | DefinitionFileError:
    try:
        return parse_definition(data, source_name="x.json")
    except DefinitionFileError as error:
        return error


# ---- the canonical form through orjson, read and written -------------------------------------

#: any text, lone surrogates too (neither encoder writes them), and integers of any size: orjson
#: refuses beyond 64 bits and the standard library writes them
wide_texts = st.text(st.characters(exclude_categories=()), max_size=8)


_KERMAN = parse_definition(EXAMPLE_YAML.encode(), source_name="x").election


def _stdlib_canonical(election: Election) -> bytes:
    """The canonical bytes as the standard library's encoder writes them (as it did alone)."""
    document = {
        "format": definition_file.FORMAT,
        "election": {name: getattr(election, name) for name in definition_file._HEADER},
        "units": election.units,
        "contests": election.contests,
    }
    return json.dumps(
        document,
        default=definition_file._json_default,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


@settings(max_examples=60, deadline=None)
@given(elections, wide_texts, st.lists(wide_texts, max_size=3), st.integers() | st.none())
@also_try(_KERMAN, '😀\x00\x7f\u2028"\\é', ["\U0010ffff", "\ufffd"], 2**64)
@also_try(_KERMAN, "x", [], -(2**63) - 1)
@also_try(_KERMAN, "\ud800", [], 1)
def test_orjson_writes_the_bytes_the_standard_library_writes(
    election: Election, name: str, notes: list[str], voters: int | None
) -> None:
    units = tuple(replace(u, name=Name(name, name), eligible_voters=voters) for u in election.units)
    election = replace(election, name=Name(name, "x"), notes=tuple(notes), units=units)
    try:
        expected: bytes | type[Exception] = _stdlib_canonical(election)
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8
        expected = UnicodeEncodeError
    if expected is UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            canonical_bytes(election)
    else:
        assert canonical_bytes(election) == expected


def test_the_national_shape_is_written_as_before() -> None:
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="x")
    assert loaded.canonical == _stdlib_canonical(loaded.election)
    assert loaded.definition_hash == "sha256:" + hashlib.sha256(loaded.canonical).hexdigest()


def test_canonical_bytes_with_a_duplicate_key_are_refused_on_the_fast_path() -> None:
    """orjson keeps the last of two equal keys; bytes that are not their own canonical form are
    read by the strict reader, which refuses them, even when both values are the same."""
    canonical = parse_definition(EXAMPLE_YAML.encode(), source_name="x").canonical
    assert definition_file._canonical_election(canonical) is not None
    for twice in (b'"version":1,', b'"version":2,'):
        doubled = canonical.replace(b'"election":{', b'"election":{' + twice, 1)
        assert doubled.startswith(definition_file._CANONICAL_START)
        assert definition_file._canonical_election(doubled) is None
        assert problems_of(doubled, "x.json") == ["x.json: duplicate key 'version' in an object"]
        with pytest.raises(DefinitionFileError, match="duplicate key 'version'"):
            decode_canonical(doubled)


def test_a_number_with_a_point_in_canonical_looking_bytes_is_read_exactly() -> None:
    loaded = parse_definition(EXAMPLE_YAML.encode(), source_name="x")
    assert b'"lat":"30.2839"' in loaded.canonical
    numeric = loaded.canonical.replace(b'"lat":"30.2839"', b'"lat":30.28390000000000000001', 1)
    assert definition_file._canonical_election(numeric) is None
    station = parse_definition(numeric, source_name="x.json").election.units[3].station
    assert station is not None
    assert station.location is not None
    assert station.location.lat == Decimal("30.28390000000000000001")
