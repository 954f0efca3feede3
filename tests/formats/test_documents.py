"""Reading YAML and JSON documents strictly: exact numbers, no duplicate keys, no unsafe tags, no
runaway nesting or aliases (an alias bomb), and the cycle collector paused while a large file is
read."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from sandogh.formats.documents import DocumentError, read_document, read_json


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b" \n\n", "kerman.yaml: the file is empty"),
        (b"\xff\xfeformat", "kerman.yaml: not UTF-8 text (byte 0)"),
        (b"format: [\n", "kerman.yaml: not valid YAML or JSON: "),
        (
            b"a: &a [1, *a]\n",
            "kerman.yaml: not valid YAML or JSON: the anchor &a contains the alias (line 1, "
            "column 11)",
        ),
        (b"a: !!python/name:os.system x\n", "kerman.yaml: not valid YAML or JSON: could not"),
        (b"a: !!set {x}\n", "kerman.yaml: not valid YAML or JSON: the tag tag:yaml.org,2002:set"),
        (b"a: *nowhere\n", "kerman.yaml: not valid YAML or JSON: the anchor &nowhere is not"),
        (b"--- {a: 1}\n--- {b: 2}\n", "kerman.yaml: not valid YAML or JSON: a definition is one"),
        (
            b"a: [" + b"[" * 64 + b"]" * 65,
            "kerman.yaml: not valid YAML or JSON: nested more than 64",
        ),
        (
            b"a: &a [x, x]\nb: &b [*a, *a]\nc: [" + b", ".join([b"*b"] * 25_000) + b"]\n",
            "kerman.yaml: not valid YAML or JSON: the aliases stand for more than 100,000 values "
            "(an alias bomb?) (line 3, column 57141)",  # *b is 7 values: the 14,286th goes past
        ),
        (b"a:\n  ? [1]\n  : 2\n", "kerman.yaml: not valid YAML or JSON: a key must be text"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_clear_line(data: bytes, expected: str) -> None:
    with pytest.raises(DocumentError) as raised:
        read_document(data, "kerman.yaml")
    assert len(raised.value.problems) == 1
    assert str(raised.value).startswith(expected)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    "data",
    [b"a: " + b"[" * 100_000 + b"]" * 100_000, b"{" + b"[" * 100_000],
    ids=["closed", "open"],
)
def test_runaway_nesting_is_refused_with_where_it_is(data: bytes) -> None:
    # libyaml (since PyYAML 6.0.4) may notice before sandogh does, in words of its own: what holds
    # is the one line naming the file, what is wrong with it, and where.
    with pytest.raises(DocumentError) as raised:
        read_document(data, "kerman.yaml")
    assert len(raised.value.problems) == 1
    assert re.fullmatch(
        r"kerman\.yaml: not valid YAML or JSON: .*nest.* \(line 1, column [0-9]+\)",
        str(raised.value),
    )


def test_numbers_stay_exact_and_codes_stay_text() -> None:
    # YAML 1.1 would read 0701 as the octal 449, 1:30 as 90 and 0.1 as a binary float.
    text = (
        b"share: 0.1\ncode: 0701\ntime: 1:30\nseats: !!int '1000'\nflag: False\nday: 2024-07-05\n"
    )
    assert read_document(text, "x.yaml") == {
        "share": Decimal("0.1"),
        "code": "0701",
        "time": "1:30",
        "seats": 1000,
        "flag": False,
        "day": datetime.date(2024, 7, 5),
    }
    assert read_document(b'{"share": 0.1, "seats": 2}', "x") == {
        "share": Decimal("0.1"),
        "seats": 2,
    }


def test_duplicate_keys_are_refused_with_where_they_are() -> None:
    with pytest.raises(DocumentError) as raised:
        read_document(b"a: 1\nb: 2\na: 3\nb: 4\n", "k.yaml")
    assert raised.value.problems == (
        "k.yaml, line 3: duplicate key 'a'",
        "k.yaml, line 4: duplicate key 'b'",
    )
    with pytest.raises(DocumentError) as raised:
        read_json(b'{"a": 1, "a": 2}', "k.json")
    assert raised.value.problems == ("k.json: duplicate key 'a' in an object",)


def test_anchors_are_shared_and_merge_keys_merge() -> None:
    text = b"base: &b {x: 1, y: 2}\nsame: *b\nmore: {<<: *b, y: 3}\n"
    assert read_document(text, "x.yaml") == {
        "base": {"x": 1, "y": 2},
        "same": {"x": 1, "y": 2},
        "more": {"x": 1, "y": 3},
    }


def test_a_yaml_flow_mapping_is_not_mistaken_for_json() -> None:
    assert read_document(b"{a: 1}", "x") == {"a": 1}
    with pytest.raises(DocumentError, match=r"x\.json: not valid JSON"):
        read_document(b"{a: 1}", "x.json")


@pytest.mark.parametrize(
    ("data", "persian"),
    [
        (
            b"a: &a [x, x]\nb: &b [*a, *a]\nc: [" + b", ".join([b"*b"] * 25_000) + b"]\n",
            "بیش از ۱۰۰٬۰۰۰ مقدار را نشان می‌دهند (بمب alias؟) (سطر ۳، ستون ۵۷۱۴۱)",
        ),
        (
            b"a: !!python/object/apply:os.system [echo]\n",
            "برچسب tag:yaml.org,2002:python/object/apply:os.system پذیرفته نیست",
        ),
        (b"a: &a [1, *a]\n", "لنگر &a نام مستعاری به خودش دارد (سطر ۱، ستون ۱۱)"),
        (b"--- {a: 1}\n--- {b: 2}\n", "تعریف یک سند YAML است، نه چند سند"),
        (b"a: [" + b"[" * 64 + b"]" * 65, "بیش از ۶۴ لایه تودرتو است"),
        (b"a: 2026-13-45\n", "چون تاریخی که در تقویم نیست"),
    ],
)
def test_a_yaml_file_that_cannot_be_read_says_why_in_persian(data: bytes, persian: str) -> None:
    # the S26 outsider's F6: an alias bomb and a Python tag were said to be a date not in the
    # calendar, the one reason that fits only the last of these
    with pytest.raises(DocumentError) as raised:
        read_document(data, "kerman.yaml")
    (said,) = raised.value.fa
    assert said.startswith("kerman.yaml: YAML یا JSON درستی نیست")
    assert persian in said
    assert "تقویم" not in said or b"2026-13-45" in data


@pytest.mark.parametrize(
    ("data", "persian"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "بیش از اندازه تودرتو است"),
        (b'{"a": ' + b"9" * 5_000 + b"}", "عددی در آن بیش از اندازه رقم دارد"),
    ],
)
def test_a_json_file_that_cannot_be_read_says_why_in_persian(data: bytes, persian: str) -> None:
    with pytest.raises(DocumentError) as raised:
        read_json(data, "x.json")
    assert raised.value.fa == (f"x.json: JSON درستی نیست: {persian}",)


def test_a_key_echoed_in_a_message_shows_its_control_characters_escaped() -> None:
    with pytest.raises(DocumentError) as raised:
        read_json(b'{"a\\u0000b": 1, "a\\u0000b": 2}', "k.json")
    assert raised.value.fa == ("k.json: کلید «a\\x00b» در یک شیء دو بار آمده است",)
    with pytest.raises(DocumentError) as raised:
        read_document(b'"a\\eb": 1\n"a\\eb": 2\n', "k.yaml")
    assert raised.value.fa == ("k.yaml، سطر ۲: کلید «a\\x1bb» دو بار آمده است",)
