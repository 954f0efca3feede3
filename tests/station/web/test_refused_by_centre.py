"""Why the centre refused a report or an E2E box's chain, on the operator's screen in words
(docs/e2e.md §7): the chain has its row beside the reports, and no screen shows the API's
machine word (`conflicting`, `does-not-reconcile`), which the box's incidents keep."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from sandogh.core.report import ReportKind, StaffRole, decode_report, decode_signed
from sandogh.core.station import Phase
from sandogh.formats.key_file import read_key_file
from sandogh.locale.e2e_refusals import EN, FA
from sandogh.station.local_outbox import OutboxKind
from sandogh.station.ports import Backlog, CentreRefusedError
from sandogh.station.web.labels import centre_refusal
from tests.station.web.kiosk_build import (
    PEOPLE,
    Kiosk,
    NamingCentre,
    client,
    csrf_of,
    http_log_in,
    serving,
    voting_kiosk,
)

COUNTERS = (StaffRole.HEAD, StaffRole.SECRETARY)


class TakingNoChain(NamingCentre):
    """A centre that holds another chain of the station already."""

    def send_chain(self, chain: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        del chain, backlog
        raise CentreRefusedError("conflicting", "the centre holds another chain of the station")


def _reported(kiosk: Kiosk) -> None:
    staff = [(role, read_key_file(kiosk.keys[role])) for role in COUNTERS]
    kiosk.box.close()
    kiosk.box.count(staff=staff)
    kiosk.box.report(staff)
    kiosk.box.sync()


@pytest.fixture
def refused_chain(tmp_path: Path) -> Iterator[Kiosk]:
    kiosk = voting_kiosk(tmp_path, centre=TakingNoChain, e2e=True)
    _reported(kiosk)
    with serving(kiosk) as served:
        yield served


def _operator_page(kiosk: Kiosk, lang: str) -> str:
    with client(kiosk) as at:
        http_log_in(at, kiosk.keys[StaffRole.HEAD])
        return at.get(f"/operator?lang={lang}").text


def test_a_refused_chain_is_said_in_words_never_its_code(refused_chain: Kiosk) -> None:
    persian = _operator_page(refused_chain, "fa")
    assert 'id="report-chain" data-state="refused"' in persian
    assert FA["chain_refused_conflicting"] in persian
    assert "conflicting" not in persian
    english = _operator_page(refused_chain, "en")
    assert EN["chain_refused_conflicting"] in english
    assert "conflicting" not in english


def test_a_reason_the_box_has_no_words_for_sends_the_staff_to_its_incidents() -> None:
    for kind in OutboxKind:
        said = centre_refusal(kind, "does-not-reconcile", "fa")
        assert said == "دلیل آن در رخدادهای صندوق ثبت شده است"
    assert centre_refusal(OutboxKind.REPORT, "not-in-record", "fa") == (
        "صندوق در سیاهه پیش از انتخابات برای این شعبه ثبت نشده است"
    )
    assert (
        centre_refusal(OutboxKind.BALLOT_CHAIN, "no-final-report", "en")
        == (EN["chain_refused_no_final_report"])
    )


class AskingForEveryone(NamingCentre):
    """A centre that takes a final report only when every registered member signed it, as one
    whose register changed after the box was enrolled would refuse the box's minutes."""

    def send_report(self, signed: bytes, backlog: Backlog | None = None) -> Mapping[str, object]:
        opened = decode_signed(signed)
        final = decode_report(opened.report).kind is ReportKind.FINAL
        if final and len(opened.staff) < len(PEOPLE):
            raise CentreRefusedError("missing-staff", "the centre asks for every member")
        return super().send_report(signed, backlog)


def test_minutes_the_centre_refused_are_signed_again_at_the_kiosk(tmp_path: Path) -> None:
    """Finding F9 of session 21: once the centre refused the signed minutes, the minutes page
    offered no key and the box called itself reported, so the result could never reach the
    centre. Now the minutes are shown to check again, and those signed again supersede them."""
    kiosk = voting_kiosk(tmp_path, centre=AskingForEveryone)
    _reported(kiosk)
    assert kiosk.box.status().outbox.refused == 1
    with serving(kiosk) as served, client(served) as at:
        for _, role in PEOPLE:
            http_log_in(at, served.keys[role])
        minutes = at.get("/operator/minutes?lang=fa").text
        assert 'id="minutes-refused"' in minutes
        assert 'id="report"' in minutes
        for _, role in PEOPLE:
            member = read_key_file(served.keys[role]).public_key.text
            key = served.keys[role].read_text()  # chosen again to check (review S22 A3)
            at.post(
                "/operator/minutes/check",
                data={"csrf": csrf_of(minutes), "member": member, "key": key},
            )
        at.post("/operator/report", data={"csrf": csrf_of(minutes)})
        served.box.sync()
        status = served.box.status()
        assert (status.phase, status.outbox.refused, status.outbox.pending) == (
            Phase.REPORTED,
            0,
            0,
        )
        (taken,) = served.centre.reports[1:]
        assert len(decode_signed(taken).staff) == len(PEOPLE)
        assert 'data-state="signed"' in at.get("/operator/minutes?lang=en").text
