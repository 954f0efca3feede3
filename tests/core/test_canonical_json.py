import enum
import json
import uuid
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandogh.core.canonical_json import (
    SAFE_INTEGER,
    JSONValue,
    NotCanonicalError,
    _encode,
    canonical_json,
    json_problems,
)

from .log.build import json_values


def test_members_are_sorted_by_utf16_code_units_as_rfc_8785_does() -> None:
    # RFC 8785 §3.2.3: the emoji (surrogates D83D DE00) sorts before U+FB33, unlike code points.
    value: JSONValue = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    keys = [key for key, _ in json.loads(canonical_json(value)).items()]
    assert keys == ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]


def test_strings_escape_only_what_rfc_8785_escapes() -> None:
    # RFC 8785 §3.2.2.2, the string of its example.
    text = '\u20ac$\u000f\nA\'B"\\\\"/'
    assert canonical_json(text) == '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"'.encode()


def test_no_white_space_and_literals_as_json_has_them() -> None:
    value: JSONValue = {"b": [None, True, False, -1, 0, SAFE_INTEGER], "a": {"z": "", "ی": "۱"}}
    expected = '{"a":{"z":"","ی":"۱"},"b":[null,true,false,-1,0,9007199254740991]}'
    assert canonical_json(value) == expected.encode()


def test_every_value_without_a_canonical_form_is_named_with_its_path() -> None:
    value = {"share": 0.2, "n": [1, SAFE_INTEGER + 1], 3: "x", "s": "\ud800", "when": {1, 2}}
    with pytest.raises(NotCanonicalError) as refused:
        canonical_json(value)  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in refused.value.problems] == [
        (".share", "the float 0.2 is not allowed; write it as a string"),
        (".n[1]", "9007199254740992 is beyond ±(2^53 − 1); write it as a string"),
        ("", "the key 3 is not a string"),
        (".s", "'\\ud800' holds a lone surrogate, which UTF-8 cannot carry"),
        (".when", "a set is not a JSON value"),
    ]


@given(json_values)
def test_canonical_json_is_json_and_reads_back_the_same(value: JSONValue) -> None:
    assert list(json_problems(value, "")) == []
    encoded = canonical_json(value)
    assert json.loads(encoded) == json.loads(json.dumps(value))
    assert canonical_json(json.loads(encoded)) == encoded


@given(json_values)
def test_the_standard_encoder_writes_what_the_checked_way_writes(value: JSONValue) -> None:
    # a mapping other than a dict is written the checked way, and everything inside it too
    checked = canonical_json(MappingProxyType({"v": value}))
    assert checked == b'{"v":' + canonical_json(value) + b"}"


def test_a_value_outside_the_plain_types_is_still_checked_and_written_right() -> None:
    # a key beyond U+FFFF beside one above U+E000, at any depth; a lone surrogate; an int too big
    nested: JSONValue = [{"\ufb33": 1, "\U0001f600": 2}]
    assert canonical_json(nested) == '[{"\U0001f600":2,"\ufb33":1}]'.encode()
    for wrong in (["\ud800"], {"n": [SAFE_INTEGER + 1]}, {"x": (0.5,)}, [{1: 2}]):
        with pytest.raises(NotCanonicalError):
            canonical_json(wrong)


class _Kind(enum.StrEnum):
    A = "a"


class _Number(enum.IntEnum):
    ONE = 1


class _Colour(enum.Enum):
    RED = 1


class _Text(str):
    __slots__ = ()


# what a caller might hand in: every JSON value, and beside it what has no canonical form or is
# written the checked way (floats, integers of any size, enums, subclasses, UUIDs, sets, another
# mapping, keys that are not strings, any character, lone surrogates among them)
_anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=6)
    | st.floats()
    | st.sampled_from([_Kind.A, _Number.ONE, _Colour.RED, _Text("t"), uuid.UUID(int=7), {1}]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=4) | st.integers(0, 3), inner, max_size=3)
        | st.dictionaries(st.text(max_size=4), inner, max_size=3).map(MappingProxyType)
    ),
    max_leaves=8,
)


@given(_anything)
def test_orjson_writes_what_the_checked_way_writes_and_refuses_what_it_refuses(
    value: object,
) -> None:
    problems = list(json_problems(value, ""))
    if problems:
        with pytest.raises(NotCanonicalError) as refused:
            canonical_json(value)
        assert list(refused.value.problems) == problems
    else:
        assert canonical_json(value) == _encode(value).encode()  # type: ignore[arg-type]
