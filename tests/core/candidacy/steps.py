"""A Majlis schedule of 1402 and the steps of one applicant's file, for the candidacy tests."""

import datetime

from sandogh.core.candidacy.calendar import Kind, Schedule, Stage, Window
from sandogh.core.candidacy.conditions import Applicant, Conditions, Education
from sandogh.core.candidacy.process import (
    Answer,
    Authority,
    Board,
    Decision,
    Outcome,
    Registration,
)
from sandogh.core.definition.model import Name

D = datetime.date
ART_28 = "Majlis election law Art. 28"
ARTICLE_28 = Name("ماده ۲۸ قانون انتخابات مجلس", ART_28)


def majlis_schedule() -> Schedule:
    windows = (
        Window(Stage.REGISTRATION, D(2023, 10, 19), D(2023, 10, 25)),  # 27 Mehr – 3 Aban 1402
        Window(Stage.EXECUTIVE_REVIEW, D(2023, 10, 26), D(2023, 11, 11)),
        Window(Stage.SUPERVISORY_REVIEW, D(2023, 11, 16), D(2024, 1, 6)),
        Window(Stage.OBJECTIONS, D(2024, 1, 7), D(2024, 1, 9)),  # 17–19 Dey
        Window(Stage.OBJECTION_REVIEW, D(2024, 1, 10), D(2024, 2, 19)),
        Window(Stage.FINAL_LIST, D(2024, 2, 20), D(2024, 2, 21)),  # 1–2 Esfand
        Window(Stage.CAMPAIGN, D(2024, 2, 22), D(2024, 2, 29), datetime.time(8)),
        Window(Stage.SILENCE, D(2024, 2, 29), D(2024, 2, 29)),
        Window(Stage.POLLING, D(2024, 3, 1), D(2024, 3, 1)),  # 11 Esfand 1402
        Window(Stage.RESULTS, D(2024, 3, 2), D(2024, 3, 4)),
        Window(Stage.COMPLAINTS, D(2024, 3, 5), D(2024, 3, 11)),
    )
    conditions = Conditions(ARTICLE_28, min_age=30, max_age=75, education=Education.MASTER)
    return Schedule(Kind.PARLIAMENT, 1, ("majlis",), windows, conditions=conditions)


BORN = D(1980, 5, 1)


def person(code: str = "0013542419", born: datetime.date = BORN) -> Applicant:
    return Applicant(code, "داوطلب", "Applicant", born, Education.MASTER)


def registration(number: int = 1, place: str = "kerman", **kwargs: object) -> Registration:
    return Registration(number, "majlis", place, person(**kwargs), D(2023, 10, 20))  # type: ignore[arg-type]


def answers(number: int = 1) -> list[Answer]:
    return [Answer(number, a, f"{a}-{number}", True, "", D(2023, 10, 27)) for a in Authority]


def decision(
    number: int, board: Board, outcome: Outcome, day: datetime.date, *, on_objection: bool = False
) -> Decision:
    return Decision(
        number, board, outcome, ART_28, "", "board-chair", ("m1", "m2"), day, on_objection
    )
