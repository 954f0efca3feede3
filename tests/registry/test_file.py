"""The file-backed registry: a streaming CSV import that names every bad line, and lookups."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandogh.core.voters import NationalCode, RegistryRecord, check_digit, parse_national_code
from sandogh.registry.file import FileRegistry, RegistryFileError, import_registry
from sandogh.services.ports import Registry

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def code(n: int) -> str:
    """A valid national code for each n from 1 to 10^8 (n × 7919 runs through distinct nines)."""
    nine = f"{(n * 7_919 + 12_345) % 10**9:09d}"
    return nine + str(check_digit(nine))


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


def test_only_a_registry_file_opens(tmp_path: Path) -> None:
    with pytest.raises(RegistryFileError, match="no such file"):
        FileRegistry(tmp_path / "missing.sqlite")
    other = _csv(tmp_path / "other.sqlite", "not a database at all, just text" * 100)
    with pytest.raises(RegistryFileError, match="not a registry file"):
        FileRegistry(other)


# The peak resident size is read from the kernel's VmHWM, which starts afresh with the process's
# own memory; getrusage's ru_maxrss would carry the parent's peak over from before the exec.
_IMPORT = """
import json, sys, time
from pathlib import Path
from sandogh.registry.file import import_registry
def peak_kib():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
before = peak_kib()
start = time.perf_counter()
done = import_registry(Path(sys.argv[1]), Path(sys.argv[2]))
seconds = time.perf_counter() - start
after = peak_kib()
print(json.dumps({"people": done.people, "seconds": seconds, "growth_kib": after - before}))
"""


def _many_codes(count: int) -> Iterator[str]:
    """`count` distinct codes from 100000000…, in a scattered order as a real file's would be,
    fast: the check digit's weighted sum is added up from three blocks of three digits (weights
    10 9 8, 7 6 5, 4 3 2), each looked up. `count` must be prime to 7919."""
    blocks = [
        [sum(int(d) * w for d, w in zip(f"{n:03d}", weights, strict=True)) for n in range(1000)]
        for weights in ((10, 9, 8), (7, 6, 5), (4, 3, 2))
    ]
    for j in range(count):
        k = 100_000_000 + j * 7_919 % count
        r = (blocks[0][k // 1_000_000] + blocks[1][k // 1000 % 1000] + blocks[2][k % 1000]) % 11
        yield f"{k:09d}{r if r < 2 else 11 - r}"


def test_the_fast_codes_are_codes() -> None:
    assert [str(parse_national_code(c)) for c in _many_codes(3000)] == list(_many_codes(3000))


def test_a_million_people_import_in_bounded_memory(tmp_path: Path) -> None:
    people = 1_000_000
    source = tmp_path / "people.csv"
    with source.open("w", encoding="utf-8") as out:
        out.write("national_code,birth_date,alive,citizen\n")
        for n, each in enumerate(_many_codes(people)):
            out.write(f"{each},19{n % 90 + 10}-0{n % 9 + 1}-1{n % 9},1,{n % 50 and 1}\n")
        last = each

    # a process of its own, so that its peak memory is the import's and nothing else's
    run = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(source), str(tmp_path / "registry.sqlite")],
        capture_output=True,
        text=True,
        check=True,
    )
    measured = json.loads(run.stdout)

    assert measured["people"] == people
    assert measured["growth_kib"] < 100 * 1024, measured
    print(
        f"imported {people:,} people at {people / measured['seconds']:,.0f} rows/s, "
        f"peak memory +{measured['growth_kib'] / 1024:.1f} MiB"
    )
    with FileRegistry(tmp_path / "registry.sqlite") as registry:
        assert registry.lookup(NationalCode(last)) is not None
