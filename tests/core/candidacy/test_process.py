import pytest

from sandogh.core.candidacy.calendar import OutsideWindowError, Stage
from sandogh.core.candidacy.process import (
    Authority,
    Board,
    CandidacyRefusedError,
    Inquiry,
    Objection,
    Outcome,
    Refusal,
    check_decision,
    check_inquiry,
    check_objection,
    check_registration,
    final_list,
    fold,
)

from .steps import D, answers, decision, majlis_schedule, registration

SCHEDULE = majlis_schedule()


def asked(number: int = 1) -> list[Inquiry]:
    return [Inquiry(number, a, D(2023, 10, 27)) for a in Authority]


def test_registration_after_the_window_is_refused_naming_the_stage() -> None:
    late = registration()
    late = type(late)(1, "majlis", "kerman", late.person, D(2023, 10, 26))
    with pytest.raises(OutsideWindowError) as refused:
        check_registration(SCHEDULE, late, [])
    assert refused.value.stage is Stage.REGISTRATION
    assert refused.value.window == SCHEDULE.window(Stage.REGISTRATION)


def test_registration_names_every_unmet_condition_with_its_article_and_is_once() -> None:
    young = registration(born=D(1995, 1, 1))
    with pytest.raises(CandidacyRefusedError) as refused:
        check_registration(SCHEDULE, young, [])
    assert [(u.condition, u.article.en) for u in refused.value.unmet] == [
        ("age", "Majlis election law Art. 28")
    ]
    files = fold([registration()]).values()
    with pytest.raises(CandidacyRefusedError, match="already-registered"):
        check_registration(SCHEDULE, registration(2), files)


def test_a_candidate_disqualified_objects_and_is_reinstated() -> None:
    steps: list[object] = [registration(), *asked(), *answers()]
    file = fold(steps)[1]  # type: ignore[arg-type]
    early = decision(1, Board.SUPERVISORY, Outcome.QUALIFIED, D(2023, 11, 20))
    with pytest.raises(CandidacyRefusedError, match="out-of-turn"):
        check_decision(SCHEDULE, file, early)  # the executive board decides first
    executive = decision(1, Board.EXECUTIVE, Outcome.QUALIFIED, D(2023, 11, 1))
    check_decision(SCHEDULE, file, executive)
    steps.append(executive)
    rejected = decision(1, Board.SUPERVISORY, Outcome.NOT_ESTABLISHED, D(2023, 12, 1))
    check_decision(SCHEDULE, fold(steps)[1], rejected)  # type: ignore[arg-type]
    steps.append(rejected)
    file = fold(steps)[1]  # type: ignore[arg-type]
    assert file.standing() is Outcome.NOT_ESTABLISHED
    with pytest.raises(OutsideWindowError):
        check_objection(SCHEDULE, file, Objection(1, "late", D(2024, 1, 10)))
    objection = Objection(1, "my degree is a master's", D(2024, 1, 8))
    check_objection(SCHEDULE, file, objection)
    steps.append(objection)
    file = fold(steps)[1]  # type: ignore[arg-type]
    assert file.standing() is None  # pending: the final list waits for it
    with pytest.raises(CandidacyRefusedError, match="pending: 1"):
        final_list(SCHEDULE, "majlis", [file], D(2024, 2, 20))
    final = decision(1, Board.SUPERVISORY, Outcome.QUALIFIED, D(2024, 2, 1), on_objection=True)
    check_decision(SCHEDULE, file, final)
    steps.append(final)
    file = fold(steps)[1]  # type: ignore[arg-type]
    assert file.standing() is Outcome.QUALIFIED
    assert final_list(SCHEDULE, "majlis", [file], D(2024, 2, 20)) == (file,)
    with pytest.raises(CandidacyRefusedError, match="already-objected"):
        check_objection(SCHEDULE, file, objection)


def test_the_first_board_waits_for_all_four_answers_and_asks_each_once() -> None:
    steps: list[object] = [registration(), *asked(), *answers()[:3]]
    file = fold(steps)[1]  # type: ignore[arg-type]
    with pytest.raises(CandidacyRefusedError) as refused:
        check_decision(
            SCHEDULE, file, decision(1, Board.EXECUTIVE, Outcome.QUALIFIED, D(2023, 11, 1))
        )
    assert refused.value.refusal is Refusal.INQUIRIES_PENDING
    assert refused.value.names == (Authority.INTELLIGENCE,)
    with pytest.raises(CandidacyRefusedError, match="already-asked"):
        check_inquiry(SCHEDULE, file, Inquiry(1, Authority.POLICE, D(2023, 10, 28)))
