"""The published JSON Schema of a definition file and the exact shares it reads, on the example of
`docs/formats.md`."""

from __future__ import annotations

import json
from fractions import Fraction

import jsonschema
import pytest
from hypothesis import given, settings

from sandogh.core.definition.model import Election
from sandogh.core.definition.rule import ThresholdRule
from sandogh.formats.definition_file import (
    canonical_bytes,
    definition_json_schema,
    parse_definition,
)

from .build import EXAMPLE_YAML, as_json, elections, example

SCHEMA = jsonschema.Draft202012Validator(definition_json_schema())


def test_the_json_schema_accepts_the_example_and_refuses_a_bad_one() -> None:
    schema = definition_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(example())
    for share in (1, 0.2, "20%", "1/5"):
        good = example()
        good["contests"][0]["rule"] = {"kind": "threshold", "share": share}
        validator.validate(good)
    validator.validate(
        json.loads(parse_definition(EXAMPLE_YAML.encode(), source_name="x").canonical)
    )
    bad = example()
    bad["units"][1]["kind"] = "provnce"
    bad["units"][2]["parnet"] = "IR-08"
    bad["contests"][0]["rule"] = {"kind": "majority", "share": "half"}
    del bad["format"]
    errors = sorted(validator.iter_errors(bad), key=lambda e: list(e.absolute_path))
    assert [list(e.absolute_path) for e in errors] == [
        [],
        ["contests", 0, "rule"],
        ["units", 1, "kind"],
        ["units", 2],
    ]


@pytest.mark.parametrize(
    ("share", "expected"),
    [("1/2", Fraction(1, 2)), ("0.2", Fraction(1, 5)), ("20%", Fraction(1, 5)), (1, Fraction(1))],
)
def test_fractions_are_exact(share: object, expected: Fraction) -> None:
    data = example()
    data["contests"][0]["rule"] = {"kind": "threshold", "share": share}
    rule = parse_definition(as_json(data), source_name="x").election.contests[0].rule
    assert rule == ThresholdRule(share=expected)


@settings(max_examples=50, deadline=None)
@given(elections)
def test_the_canonical_form_is_valid_under_the_schema(election: Election) -> None:
    SCHEMA.validate(json.loads(canonical_bytes(election)))
