"""`read_chain` names by its line every way a file is no chain file, and never fails otherwise
(the outside review: a huge number and a deeply nested ballot made the centre answer 500)."""

from __future__ import annotations

import json

import pytest

from sandogh.core.definition.geography import Geography
from sandogh.core.e2e.chain_file import ChainFormatError, read_chain
from sandogh.core.report.ballot import station_ballot
from tests.e2e_build import Chain, ceremony
from tests.services.build import DEVICE, ROUND_2, ROUND_2_DAY, ST_1

GUARDIANS = ceremony(ROUND_2, "sha256:" + "0" * 64)


@pytest.fixture(scope="module")
def chain() -> bytes:
    ballot = station_ballot(Geography.of(ROUND_2_DAY), ST_1)
    made = Chain(GUARDIANS.context, ST_1, ballot, DEVICE.public_key, "sha256:" + "1" * 64)
    made.add({"president": ["21"], "parliament": ["31"]}, challenged=True)
    made.add({"president": ["25"], "parliament": []})
    return made.data


def _problems(data: bytes) -> list[tuple[str, str]]:
    with pytest.raises(ChainFormatError) as refused:
        read_chain(GUARDIANS.context, data)
    return [(p.path, p.message) for p in refused.value.problems]


def test_the_chain_reads(chain: bytes) -> None:
    assert read_chain(GUARDIANS.context, chain).close.cast == 1


def test_a_number_past_canonical_json_is_named_by_its_line(chain: bytes) -> None:
    lines = chain.split(b"\n")
    close = json.loads(lines[-2]) | {"cast": 10**400}
    lines[-2] = json.dumps(close, sort_keys=True, separators=(",", ":")).encode()

    assert [path for path, _ in _problems(b"\n".join(lines))] == ["line 4.cast"]


def test_a_ballot_nested_past_any_depth_is_named_by_its_line(chain: bytes) -> None:
    lines = chain.split(b"\n")
    deep = b'{"ballot":' + b"[" * 100_000 + b"]" * 100_000 + b',"code":"00","state":"cast"}'

    problems = _problems(b"\n".join([lines[0], deep, *lines[1:]]))

    assert problems[0][0] == "line 2"
    assert "nested too deep" in problems[0][1]


def test_an_extra_newline_is_said_to_be_an_empty_line(chain: bytes) -> None:
    assert _problems(chain + b"\n") == [
        ("line 5", "empty: a chain file has no empty line, and ends with its close and one newline")
    ]


def test_a_duplicated_key_and_a_spaced_line_are_named(chain: bytes) -> None:
    lines = chain.split(b"\n")
    lines[0] = lines[0].replace(b'{"device"', b'{"station":"X","device"', 1)
    lines[2] = json.dumps(json.loads(lines[2]), sort_keys=True).encode()

    problems = _problems(b"\n".join(lines))

    assert problems[0] == ("line 1", "the key 'station' is given twice")
    assert problems[1][0] == "line 3"
    assert problems[1][1].startswith("not canonical JSON")
