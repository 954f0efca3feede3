"""A registry may hold each person's name and photo (issue 13: the station's staff compare them
with the person at check-in): read from a CSV (the photo a file beside it) or a Parquet file (the
photo's bytes), refused when the photo is not a JPEG or PNG, absent from a file without them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
import pyarrow.parquet as pq  # type: ignore[import-untyped]  # (the same)
import pytest

from sandogh.core.voters import NationalCode
from sandogh.core.voters.photo import MAX_PHOTO_BYTES, photo_type
from sandogh.registry.file import FileRegistry, RegistryFileError, import_registry

from .people import code

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 60


def test_a_photo_is_a_jpeg_or_a_png_of_bounded_size() -> None:
    assert photo_type(JPEG) == "image/jpeg"
    assert photo_type(PNG) == "image/png"
    assert photo_type(b"<svg onload=alert(1)>") is None  # never served as an image
    assert photo_type(b"\xff\xd8\xff" + b"\x00" * MAX_PHOTO_BYTES) is None
    assert photo_type(b"") is None


def test_names_and_photos_are_read_from_a_csv_and_its_folder(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "1.jpg").write_bytes(JPEG)
    source = tmp_path / "people.csv"
    source.write_text(
        "national_code,name,birth_date,alive,citizen,photo\n"
        f"{code(1)},مریم رحیمی,1980-03-21,1,1,photos/1.jpg\n"
        f"{code(2)}, ,1991-01-01,1,1,\n",  # no name, no photo
        encoding="utf-8",
    )
    done = import_registry(source, tmp_path / "registry.sqlite")
    with FileRegistry(done.path) as registry:
        first, second = (registry.lookup(NationalCode(code(n))) for n in (1, 2))
    assert first is not None
    assert (first.name, first.photo) == ("مریم رحیمی", JPEG)
    assert second is not None
    assert (second.name, second.photo) == (None, None)


def test_a_photo_that_is_no_image_or_no_file_is_named_by_its_line(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<html>", encoding="utf-8")
    source = tmp_path / "people.csv"
    source.write_text(
        "national_code,birth_date,alive,citizen,photo\n"
        f"{code(1)},1980-03-21,1,1,page.html\n"
        f"{code(2)},1980-03-21,1,1,missing.jpg\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryFileError) as refused:
        import_registry(source, tmp_path / "registry.sqlite")
    assert [str(p) for p in refused.value.problems] == [
        "line 2: photo: not a JPEG or PNG of at most 256 KiB",
        "line 3: photo: no file 'missing.jpg' can be read",
    ]


def test_names_and_photos_are_read_from_parquet(tmp_path: Path) -> None:
    source = tmp_path / "people.parquet"
    columns = {
        "national_code": [code(1), code(2)],
        "birth_date": ["1980-03-21", "1991-01-01"],
        "alive": [True, True],
        "citizen": [True, True],
        "name": ["Maryam Rahimi", None],
        "photo": pa.array([PNG, None], pa.binary()),
    }
    pq.write_table(pa.table(columns), source)
    done = import_registry(source, tmp_path / "registry.sqlite")
    with FileRegistry(done.path) as registry:
        first, second = (registry.lookup(NationalCode(code(n))) for n in (1, 2))
    assert first is not None
    assert (first.name, first.photo) == ("Maryam Rahimi", PNG)
    assert second is not None
    assert (second.name, second.photo) == (None, None)


def test_a_file_of_the_first_format_is_still_read_without_them(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        old.execute(
            "CREATE TABLE person (code INTEGER PRIMARY KEY, birth_date TEXT NOT NULL,"
            " alive INTEGER NOT NULL, citizen INTEGER NOT NULL, line INTEGER NOT NULL)"
        )
        old.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("format", "sandogh/registry@1"), ("people", "1"), ("source", "old.csv")],
        )
        old.execute("INSERT INTO person VALUES (?, '1980-03-21', 1, 1, 2)", (int(code(1)),))
    old.close()
    with FileRegistry(path) as registry:
        found = registry.lookup(NationalCode(code(1)))
    assert found is not None
    assert (found.alive, found.name, found.photo) == (True, None, None)
