"""The registry's Parquet import: typed or text columns, each bad row and column named, streamed."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sandogh.core.voters import NationalCode, RegistryRecord, parse_national_code
from sandogh.registry.file import FileRegistry, RegistryFileError, import_registry

from .people import code, many_codes, measured_import

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
BORN = (datetime.date(1980, 3, 21), datetime.date(1991, 1, 1), datetime.date(2006, 7, 6))


def _parquet(path: Path, columns: dict[str, Any], *, row_group_size: int | None = None) -> Path:
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def _people(path: Path) -> dict[str, RegistryRecord | None]:
    with FileRegistry(path) as registry:
        return {c: registry.lookup(NationalCode(c)) for c in (code(1), code(2), code(3), code(4))}


def _expected() -> dict[str, RegistryRecord | None]:
    return {
        code(1): RegistryRecord(NationalCode(code(1)), BORN[0], True, True),
        code(2): RegistryRecord(NationalCode(code(2)), BORN[1], True, False),
        code(3): RegistryRecord(NationalCode(code(3)), BORN[2], False, True),
        code(4): None,
    }


def test_typed_columns_are_imported_in_any_order(tmp_path: Path) -> None:
    assert code(1).startswith("0000")  # as a number it lost four zeros, which come back
    source = _parquet(
        tmp_path / "people.parquet",
        {
            "citizen": pa.array([True, False, True]),
            "birth_date": pa.array(BORN, pa.date32()),
            " national_code ": pa.array([int(code(n)) for n in (1, 2, 3)], pa.int64()),
            "alive": pa.array([1, 1, 0], pa.int8()),
        },
    )

    done = import_registry(source, tmp_path / "registry.sqlite")

    assert done.people == 3
    assert _people(done.path) == _expected()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.parquet", "registry.sqlite"]


def test_text_columns_are_read_as_a_csv_file_is(tmp_path: Path) -> None:
    persian = code(2).translate(PERSIAN)
    source = _parquet(
        tmp_path / "people.PQ",
        {
            "national_code": pa.array([code(1), f"{persian[:3]}-{persian[3:]}", code(3)]),
            "birth_date": pa.array(["1980-03-21", "۱۹۹۱-۰۱-۰۱", "2006-07-06"], pa.large_string()),
            "alive": ["true", "۱", "FALSE"],
            "citizen": ["1", "0", " true "],
        },
    )

    done = import_registry(source, tmp_path / "registry.sqlite", batch=2)

    assert _people(done.path) == _expected()


def test_every_bad_row_is_named_by_its_row_and_nothing_is_kept(tmp_path: Path) -> None:
    source = _parquet(
        tmp_path / "people.parquet",
        {
            "national_code": pa.array(
                [int(code(1)), 1234567890, -5, int(code(2)), int(code(1))], pa.int64()
            ),
            "birth_date": ["1980-03-21", "1980-03-21", None, "21/03/1980", "1990-01-01"],
            "alive": pa.array([1, 1, 2, 1, 0], pa.int32()),
            "citizen": [True, True, True, None, False],
        },
        row_group_size=3,
    )

    with pytest.raises(RegistryFileError) as refused:
        import_registry(source, tmp_path / "registry.sqlite", batch=2)

    assert [str(p) for p in refused.value.problems] == [
        "row 2: national_code: wrong-check-digit",
        "row 3: national_code: -5 is negative; birth_date: missing; "
        "alive: 2 is not true, false, 1 or 0",
        "row 4: birth_date: '21/03/1980' is not a date written YYYY-MM-DD; citizen: missing",
        f"row 5: national_code: {code(1)} is already on row 1",
    ]
    assert refused.value.total == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.parquet"]


def test_columns_of_a_type_that_cannot_hold_them_are_named(tmp_path: Path) -> None:
    moment = datetime.datetime(1980, 3, 21)  # noqa: DTZ001 (a timestamp column is the fault)
    source = _parquet(
        tmp_path / "people.parquet",
        {
            "national_code": pa.array([float(code(1))]),
            "birth_date": pa.array([moment], pa.timestamp("ms")),
            "alive": [True],
            "citizen": pa.array([1.0]),
        },
    )

    with pytest.raises(RegistryFileError) as refused:
        import_registry(source, tmp_path / "registry.sqlite")

    assert [str(p) for p in refused.value.problems] == [
        "column national_code: of type double: must be text or a whole number",
        "column birth_date: of type timestamp[ms]: must be a date or text YYYY-MM-DD",
        "column citizen: of type double: must be a boolean, 0/1 or text",
    ]


def test_the_four_columns_and_no_others_are_needed(tmp_path: Path) -> None:
    source = _parquet(
        tmp_path / "people.parquet",
        {"national_code": [code(1)], "birth_date": ["1980-03-21"], "alive": [True], "name": ["x"]},
    )
    with pytest.raises(RegistryFileError) as refused:
        import_registry(source, tmp_path / "registry.sqlite")
    assert [str(p) for p in refused.value.problems] == [
        "columns: must be national_code, birth_date, alive, citizen (and may be name, photo), "
        "not 'national_code, birth_date, alive, name'"
    ]


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "people.parquet"
    source.write_text("national_code,birth_date,alive,citizen\n", encoding="utf-8")
    with pytest.raises(RegistryFileError, match="file: not Parquet"):
        import_registry(source, tmp_path / "registry.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.parquet"]


def test_people_in_one_large_row_group_import_in_bounded_memory(tmp_path: Path) -> None:
    """Read whole, these 200,000 people take some 60 MiB as Python values before SQLite holds any
    of them; streamed 10,000 at a time, the import's peak grows by well under that."""
    people = 200_000
    codes = list(many_codes(people))
    source = _parquet(
        tmp_path / "people.parquet",
        {
            "national_code": codes,
            "birth_date": pa.array(
                [datetime.date(1910 + n % 90, n % 12 + 1, n % 28 + 1) for n in range(people)],
                pa.date32(),
            ),
            "alive": pa.array([True] * people),
            "citizen": pa.array([n % 50 != 0 for n in range(people)]),
        },
        row_group_size=people,
    )
    del codes[:-1]

    measured = measured_import(source, tmp_path / "registry.sqlite", 10_000)

    assert measured["people"] == people
    assert measured["growth_kib"] < 40 * 1024, measured
    print(
        f"imported {people:,} people from Parquet at {people / measured['seconds']:,.0f} rows/s, "
        f"peak memory +{measured['growth_kib'] / 1024:.1f} MiB"
    )
    with FileRegistry(tmp_path / "registry.sqlite") as registry:
        assert registry.lookup(parse_national_code(codes[-1])) is not None
