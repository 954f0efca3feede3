import dataclasses
import datetime

from sandogh.core.candidacy.draw import CodeDraw, DrawnCode
from sandogh.core.candidacy.draw_commitment import DrawCommitment
from sandogh.core.candidacy.records import kind_of, log_details, record_json, record_of

from .steps import answers, registration


def test_every_step_reads_back_from_what_the_store_keeps() -> None:
    for step in (registration(), *answers()):
        assert record_of(kind_of(step), record_json(step)) == step


def test_the_log_shows_no_personal_data_nor_an_authoritys_reasons_but_binds_them() -> None:
    registered = log_details(registration())
    assert "national_code" not in registered
    assert "birth_date" not in registered
    assert registered["name"] == {"fa": "داوطلب", "en": "Applicant"}
    answer = dataclasses.replace(answers()[1], clear=False, reason="a record")
    logged = log_details(answer)
    assert "reason" not in logged
    other = log_details(dataclasses.replace(answer, reason="another"))
    assert logged["digest"] != other["digest"]


def test_a_draw_commitment_and_a_revealing_draw_read_back() -> None:
    made = DrawCommitment("president", "ab" * 32, datetime.date(2024, 6, 9), "setad")
    drawn = CodeDraw("president", "seed", ("setad",), (DrawnCode(1, "IR", "21"),), ("21",), "s")
    for record in (made, drawn):
        assert record_of(kind_of(record), record_json(record)) == record
    older = record_json(dataclasses.replace(drawn, secret=""))
    assert "secret" not in older  # a draw recorded before commitments reads the same
