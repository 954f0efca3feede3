"""The people of a registry Parquet file, read record batch by record batch.

Issue 3 ("Civil registry": Parquet import of millions of people, streamed). The file has the
four columns `national_code`, `birth_date`, `alive` and `citizen` (in any order), and `name`
(text) and `photo` (the image's bytes) if the registry has them, no others, of these types: the
code as text (written as people write it) or a whole number (its leading zeros put back); the
birth date as a date or a text YYYY-MM-DD; alive and citizen as booleans, 0/1 or
the texts of a CSV. A column of another type is refused by name before any row is read, a null
is a missing field, and a bad row is named by its row, the first person being row 1.

`pyarrow.parquet.ParquetFile.iter_batches` decodes one batch at a time, and the column chunks are
read through a buffer of `_READ_BUFFER` bytes rather than whole, so that memory holds a batch and
that buffer per column, however large the file or its row groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
import pyarrow.parquet as pq  # type: ignore[import-untyped]  # (the same)

from sandogh.core.definition.problems import Problem
from sandogh.registry.rows import HEADER, OPTIONAL, Problems, Row, person_row

UNIT = "row"
_READ_BUFFER = 1 << 20
_TEXT: tuple[Callable[[object], bool], ...] = (pa.types.is_string, pa.types.is_large_string)
#: The Arrow types each column may have, and how to say so.
_TYPES: dict[str, tuple[tuple[Callable[[object], bool], ...], str]] = {
    "national_code": ((*_TEXT, pa.types.is_integer), "text or a whole number"),
    "birth_date": ((*_TEXT, pa.types.is_date), "a date or text YYYY-MM-DD"),
    "alive": ((*_TEXT, pa.types.is_integer, pa.types.is_boolean), "a boolean, 0/1 or text"),
    "citizen": ((*_TEXT, pa.types.is_integer, pa.types.is_boolean), "a boolean, 0/1 or text"),
    "name": (_TEXT, "text"),
    "photo": ((pa.types.is_binary, pa.types.is_large_binary), "binary (the image's bytes)"),
}


def parquet_rows(source: Path, problems: Problems, batch: int) -> Iterator[Row]:
    """The good rows of `source`, `batch` at a time decoded; every bad one goes to `problems`."""
    try:
        parquet = pq.ParquetFile(source, buffer_size=_READ_BUFFER)
    except (pa.ArrowException, OSError) as error:
        problems.add(Problem("file", f"not Parquet: {error}"))
        return
    with parquet:
        schema = parquet.schema_arrow
        columns = _columns(schema, problems)
        if columns is None:
            return
        position = 1
        try:
            for record_batch in parquet.iter_batches(batch_size=batch, columns=columns):
                values = [record_batch.column(i).to_pylist() for i in range(len(columns))]
                for fields in zip(*values, strict=True):
                    more = dict(zip(columns[len(HEADER) :], fields[len(HEADER) :], strict=True))
                    name, photo = more.get("name"), more.get("photo")
                    row = person_row(fields[: len(HEADER)], position, problems, name, photo)
                    if row is not None:
                        yield row
                    position += 1
        except (pa.ArrowException, OSError) as error:
            problems.at(position, f"unreadable: {error}")


def _columns(schema: pa.Schema, problems: Problems) -> list[str] | None:
    """The file's names of the `HEADER` columns in its order, then of the `OPTIONAL` ones it has,
    if each is there once and of a type that can hold it; else every column at fault goes to
    `problems`."""
    names = [field.name.strip() for field in schema]
    extra = [name for name in OPTIONAL if name in names]
    if sorted(names) != sorted((*HEADER, *extra)):
        written = f"{', '.join(HEADER)} (and may be {', '.join(OPTIONAL)})"
        problems.add(Problem("columns", f"must be {written}, not {', '.join(names)!r}"))
        return None
    wrong = 0
    for name in (*HEADER, *extra):
        field = schema.field(names.index(name))
        kinds, written = _TYPES[name]
        if not any(kind(field.type) for kind in kinds):
            problems.add(Problem(f"column {name}", f"of type {field.type}: must be {written}"))
            wrong += 1
    return None if wrong else [schema.field(names.index(n)).name for n in (*HEADER, *extra)]
