"""The file-backed registry: a streaming CSV import that names every bad line, and lookups.

The Parquet import is tested in test_parquet_import.py."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sandogh.core.voters import NationalCode, RegistryRecord, parse_national_code
from sandogh.registry.file import BATCH, FileRegistry, RegistryFileError, import_registry
from sandogh.services.ports import Registry

from .people import code, many_codes, measured_import

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _record(text: str, born: datetime.date, alive: bool, citizen: bool) -> RegistryRecord:
    return RegistryRecord(parse_national_code(text), born, alive, citizen)


def test_a_registry_file_is_imported_and_looked_up(tmp_path: Path) -> None:
    persian_code = code(2).translate(PERSIAN)
    source = _csv(
        tmp_path / "people.csv",
        "\ufeffbirth_date, national_code ,alive,citizen\n"  # a BOM, spaces, another order
        f"1980-03-21,{code(1)},true,true\n"
        f"۱۹۹۱-۰۱-۰۱,{persian_code[:3]}-{persian_code[3:]},۱,0\n"  # Persian digits, a dash
        "\n"
        f"2006-07-06,{code(3)},FALSE,1\n",
    )

    done = import_registry(source, tmp_path / "registry.sqlite")

    assert done.people == 3
    with FileRegistry(done.path) as registry:
        found: Registry = registry
        assert registry.people == 3
        assert found.lookup(NationalCode(code(1))) == _record(
            code(1), datetime.date(1980, 3, 21), True, True
        )
        assert found.lookup(NationalCode(code(2))) == _record(
            code(2), datetime.date(1991, 1, 1), True, False
        )
        assert found.lookup(NationalCode(code(3))) == _record(
            code(3), datetime.date(2006, 7, 6), False, True
        )
        assert found.lookup(NationalCode(code(4))) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv", "registry.sqlite"]


def test_every_bad_row_is_named_by_its_line_and_nothing_is_kept(tmp_path: Path) -> None:
    source = _csv(
        tmp_path / "people.csv",
        "national_code,birth_date,alive,citizen\n"
        f"{code(1)},1980-03-21,true,true\n"
        "1234567890,1980-03-21,true,true\n"
        f"{code(2)},21/03/1980,yes,true\n"
        f"{code(3)},1980-02-30,true\n"
        f"{code(4)},1980-02-29,true,true\n"
        f"{code(1).translate(PERSIAN)},1990-01-01,true,true\n",
    )
    target = tmp_path / "registry.sqlite"

    with pytest.raises(RegistryFileError) as refused:
        import_registry(source, target, batch=2)

    assert [str(p) for p in refused.value.problems] == [
        "line 3: national_code: wrong-check-digit",
        "line 4: birth_date: '21/03/1980' is not a date written YYYY-MM-DD; "
        "alive: 'yes' is not true, false, 1 or 0",
        "line 5: 3 fields, 4 are needed",
        f"line 7: national_code: {code(1)} is already on line 2",
    ]
    assert refused.value.total == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_a_file_without_its_header_is_refused(tmp_path: Path) -> None:
    source = _csv(tmp_path / "people.csv", f"{code(1)},1980-03-21,true,true\n")
    with pytest.raises(RegistryFileError, match="line 1: the header must name"):
        import_registry(source, tmp_path / "registry.sqlite")


def test_a_registry_is_imported_into_a_new_file_only(tmp_path: Path) -> None:
    source = _csv(tmp_path / "people.csv", "national_code,birth_date,alive,citizen\n")
    target = tmp_path / "registry.sqlite"
    assert import_registry(source, target).people == 0
    with pytest.raises(RegistryFileError, match="exists already"):
        import_registry(source, target)


def test_a_source_is_read_by_its_suffix_and_an_unknown_one_refused(tmp_path: Path) -> None:
    source = _csv(tmp_path / "people.xlsx", "national_code,birth_date,alive,citizen\n")
    with pytest.raises(RegistryFileError, match=r"'\.xlsx' is not a registry file's suffix"):
        import_registry(source, tmp_path / "registry.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.xlsx"]


def test_only_a_registry_file_opens(tmp_path: Path) -> None:
    with pytest.raises(RegistryFileError, match="no such file"):
        FileRegistry(tmp_path / "missing.sqlite")
    other = _csv(tmp_path / "other.sqlite", "not a database at all, just text" * 100)
    with pytest.raises(RegistryFileError, match="not a registry file"):
        FileRegistry(other)


def test_the_fast_codes_are_codes() -> None:
    assert [str(parse_national_code(c)) for c in many_codes(3000)] == list(many_codes(3000))


def test_a_million_people_import_in_bounded_memory(tmp_path: Path) -> None:
    people = 1_000_000
    source = tmp_path / "people.csv"
    with source.open("w", encoding="utf-8") as out:
        out.write("national_code,birth_date,alive,citizen\n")
        for n, each in enumerate(many_codes(people)):
            out.write(f"{each},19{n % 90 + 10}-0{n % 9 + 1}-1{n % 9},1,{n % 50 and 1}\n")
        last = each

    measured = measured_import(source, tmp_path / "registry.sqlite", BATCH)

    assert measured["people"] == people
    assert measured["growth_kib"] < 100 * 1024, measured
    print(
        f"imported {people:,} people at {people / measured['seconds']:,.0f} rows/s, "
        f"peak memory +{measured['growth_kib'] / 1024:.1f} MiB"
    )
    with FileRegistry(tmp_path / "registry.sqlite") as registry:
        assert registry.lookup(NationalCode(last)) is not None
