"""What the console shows of an audit besides its standing (`services.audit_status`): the units
of the open round entered so far, and each closed round's discrepancies with what the board read
and what the record said, never the code."""

from __future__ import annotations

from sandogh.core.audit.audit_record import shows_json
from sandogh.core.audit.reading import Reading
from sandogh.services.audit_rounds import close_round, draw_round, record_readings
from sandogh.services.audit_status import audit_status, discrepancies

from .audit_build import NewUnitOfWork, showing
from .test_audits import CAST, NOW, _started, read


def test_the_entered_units_and_the_discrepancies_with_both_readings(
    new_unit_of_work: NewUnitOfWork,
) -> None:
    uow = new_unit_of_work
    election = _started(uow)
    drawn = [p.paper for p in draw_round(uow, election, **NOW).papers]
    blank, lost = drawn[3], drawn[0]
    wrong = {blank: showing(blank, Reading.invalid()), lost: showing(lost, None)}
    record_readings(uow, election, [wrong.get(p) or read(p) for p in drawn[:5]], **NOW)
    assert audit_status(uow, election).entered == {("", str(p)) for p in drawn[:5]}
    record_readings(uow, election, [wrong.get(p) or read(p) for p in drawn[5:]], **NOW)
    closed = close_round(uow, election, CAST, **NOW)
    listed = discrepancies(uow, election)
    assert [d.found for d in listed] == list(closed.discrepancies)
    by_unit = {d.found.unit: d for d in listed}
    assert by_unit[str(blank)].read == {"president": "invalid"}
    assert by_unit[str(blank)].record == shows_json(read(blank).shows)
    assert by_unit[str(lost)].read is None
    assert all(d.round == 1 for d in listed)
    assert "#" not in repr(listed)  # no confirmation code
    assert audit_status(uow, election).entered == frozenset()
