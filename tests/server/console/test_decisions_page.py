"""The stored decisions' page through FastAPI's TestClient on SQLite (issue 12, section 2): the
headquarters records a withdrawal after printing (through `services.outcome_decisions.withdraw`),
the supervisor approves electronic voting in a constituency, and Bam's supervisor commits to a
lot's secret before the results and settles the tie by revealing it, once (review S19 F1); a
commitment after the first figures, a secret not committed, a second withdrawal, a code no
candidate has, a lot asked before the results are complete, a role without the right, a county
operator over a country-wide constituency and a crafted choice are each refused in Persian."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from sandogh.core.access import Role
from sandogh.core.rules import Stake
from sandogh.core.rules.lot_commitment import commitment_of, tie_seed
from sandogh.server.app import create_app
from sandogh.services.operators import AccountChange
from sandogh.services.results import import_results
from sandogh.store.engine import make_engine
from sandogh.store.schema import init_database
from sandogh.store.unit_of_work import SqlUnitOfWork
from tests.server.operators_live import add_account, current_code, settings
from tests.services.build import DEVICE, NOW, ROUND_2, ROUND_2_DAY, ST_1, ST_2, ST_3, final, load

from .build import BAFT, BAM, IRAN
from .stages_build import national, unapproved
from .test_pages import denials, log_in, token
from .test_preparation_page import alert

PATH = "/console/preparation/decisions"
SECRET = "راز هیئت بم ۱۴۰۳ — 5c1e9a07d3"  # committed before the results (review S19 F1)
#: The services' small runoff day, where Bam's seat (P2) is a tie of 41 and 42.
TIED = {
    ST_1: {"president": [("21",)], "parliament": [("31", "32"), ("31",), ("33",), ("32",)]},
    ST_2: {"president": [("25",)], "parliament": [("31",), ("32", "33"), (), ("34",)]},
    ST_3: {"president": [("21",)], "parliament": [("41",), ("42",)]},
}


@pytest.fixture
def client(console_store: str) -> Iterator[TestClient]:
    add_account(console_store, "baft", Role.COUNTY_HQ, BAFT)
    with TestClient(create_app(settings(console_store)), follow_redirects=False) as c:
        yield c


def _post(client: TestClient, csrf: str, path: str, **form: str) -> Response:
    return client.post(f"{PATH}/{path}", data={"csrf": csrf, "place": IRAN, **form})


def _round_2(tmp_path: Path) -> str:
    """A SQLite store of the services' runoff day, loaded, before polling."""
    url = f"sqlite:///{tmp_path / 'r2.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=NOW)

        load(uow, ROUND_2_DAY)
    finally:
        engine.dispose()
    return url


def _polled(uow: Callable[[], SqlUnitOfWork]) -> None:
    sheets = [s for st in TIED for s in final(ROUND_2_DAY, st, DEVICE, TIED[st]).sheets]
    import_results(uow, ROUND_2, sheets, now=NOW)


def test_a_withdrawal_after_printing_is_recorded_once_and_never_once_polling_began(
    tmp_path: Path,
) -> None:
    url = _round_2(tmp_path)
    with TestClient(create_app(settings(url)), follow_redirects=False) as client:
        csrf = national(client, url)
        form = {"contest": "president", "candidate": "۲۵", "printing": "after-printing"}
        done = _post(client, csrf, "withdraw", **form)
        assert done.status_code == 303, done.text
        page = client.get(done.headers["location"]).text
        assert 'data-candidate="25"' in page
        assert "پس از چاپ برگه" in page
        again = _post(client, csrf, "withdraw", **form)
        assert again.status_code == 422
        assert "انصراف نامزد 25 از ریاست" in alert(again.text)
        unknown = _post(client, csrf, "withdraw", **{**form, "candidate": "99"})
        assert unknown.status_code == 422
        assert "نامزدی با کد 99 ندارد" in alert(unknown.text)
        crafted = _post(client, csrf, "withdraw", **{**form, "printing": "never"})
        assert crafted.status_code == 400
        assert "«زمان انصراف»" in alert(crafted.text)
        english = client.get(f"{PATH}?lang=en").text
        assert "after the ballots were printed" in english

        engine = make_engine(url)
        try:  # the day is polled and its results are in: the review's F2, on the console
            _polled(lambda: SqlUnitOfWork(engine, now=NOW))
        finally:
            engine.dispose()
        late = _post(client, csrf, "withdraw", **{**form, "candidate": "21"})
        assert late.status_code == 422
        assert "began on 15 Tir 1403 (results were imported at IR, log entry" in alert(late.text)
        client.get(f"{PATH}?lang=fa")
        late = _post(client, csrf, "withdraw", **{**form, "candidate": "21"})
        assert "رأی‌گیری آن در ۱۵ تیر ۱۴۰۳ آغاز شده است" in alert(late.text)


def test_the_rights_are_asked_by_role_and_place(client: TestClient, console_store: str) -> None:
    csrf = token(log_in(client, "baft"))
    county = _post(
        client,
        csrf,
        "withdraw",
        place=BAFT,
        contest="president",
        candidate="21",
        printing="before-printing",
    )
    assert county.status_code == 403  # the president's constituency is the whole country
    assert "baft با نقش ستاد انتخابات شهرستان" in alert(county.text)
    assert denials(client)[-1]["action"] == "manage-candidacy"
    client.cookies.clear()
    csrf = national(client, console_store)
    page = client.get(PATH).text
    assert 'id="withdraw"' in page
    assert 'id="approve-mode"' not in page  # the headquarters do not certify
    approve = _post(
        client, csrf, "approve-mode", where="president:IR", mode="electronic", reference="۱"
    )
    assert approve.status_code == 403
    assert denials(client)[-1]["action"] == "certify"
    # R4: an administrator holds no supervisory decision: no approval, lot or commitment form
    client.cookies.clear()
    admin = add_account(console_store, "modir", Role.ADMIN, IRAN)
    csrf = token(log_in(client, "modir", totp=current_code(admin)))
    page = client.get(PATH).text
    assert 'id="approve-mode"' not in page
    approve = _post(
        client, csrf, "approve-mode", where="president:IR", mode="electronic", reference="۱"
    )
    assert approve.status_code == 403
    assert "modir با نقش مدیر سامانه" in alert(approve.text)
    assert denials(client)[-1]["action"] == "certify"
    # S20 F9: nor does an administrator take a candidate off the ballot: candidacy's no admin's
    assert 'id="withdraw"' not in page
    form = {"contest": "president", "candidate": "21", "printing": "before-printing"}
    withdrawn = _post(client, csrf, "withdraw", **form)
    assert withdrawn.status_code == 403
    assert "نامزدی کار ستادهای انتخابات وزارت کشور و هیئت‌های نظارت است" in alert(withdrawn.text)
    assert denials(client)[-1]["refused"] == "not-electoral"


def test_the_supervisor_approves_electronic_voting_and_is_told_a_lot_waits_for_the_results(
    client: TestClient, console_store: str
) -> None:
    unapproved(console_store)
    board = add_account(console_store, "nazer", Role.SUPERVISOR, IRAN)
    csrf = token(log_in(client, "nazer", totp=current_code(board)))
    form = {"where": "president:IR", "mode": "electronic", "reference": "۱۲۳/ن"}
    approved = _post(client, csrf, "approve-mode", **form)
    assert approved.status_code == 303, approved.text
    page = client.get(PATH).text
    assert "۱۲۳/ن" in page
    assert "هیئت‌های نظارت شورای نگهبان" in page
    again = _post(client, csrf, "approve-mode", **{**form, "reference": "۱۲۴/ن"})
    assert again.status_code == 422
    assert "پیش‌تر با مصوبه «۱۲۳/ن» به دست nazer تأیید شده است" in alert(again.text)
    paper = _post(client, csrf, "approve-mode", where="president:IR", mode="paper", reference="۱")
    assert paper.status_code == 400
    assert "تنها رأی‌گیری الکترونیک تأیید می‌خواهد" in alert(paper.text)
    secret = "راز هیئت نظارت ۱۴۰۳ — 41c9e0"
    late = _post(client, csrf, "commit", scope="president:IR", secret=secret)
    assert late.status_code == 422  # some stations' figures are in: the cut-off has passed
    begun = "رأی‌گیری president در ۱۵ تیر ۱۴۰۳ آغاز شده است (صورتجلسه آغاز رأی‌گیری"
    assert begun in alert(late.text)
    weak = _post(client, csrf, "commit", scope="*", secret="۱۴۰۳")
    assert weak.status_code == 422
    assert "دست‌کم ۲۰ نویسه" in alert(weak.text)
    nowhere = _post(client, csrf, "lot", where="president:IR-99", secret="s", drawn_by="الف")
    assert nowhere.status_code == 400
    assert "«حوزه»" in alert(nowhere.text)
    for nobody in ("", " ، , "):  # review S19 F14: a lot nobody is named as having drawn
        blank = _post(client, csrf, "lot", where="president:IR", secret=secret, drawn_by=nobody)
        assert blank.status_code == 400
        assert "«قرعه‌کشان»" in alert(blank.text)
    early = _post(client, csrf, "lot", where="president:IR", secret=secret, drawn_by="الف، ب")
    assert early.status_code == 422
    assert "نتایج همه شعبه‌های ریاست‌جمهوری — ایران هنوز نرسیده است" in alert(early.text)


def test_a_tie_is_settled_by_a_lot_drawn_through_the_console_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tie.sqlite'}"
    init_database(url)
    engine = make_engine(url)
    try:

        def uow() -> SqlUnitOfWork:
            return SqlUnitOfWork(engine, now=NOW)

        load(uow, ROUND_2_DAY)
        board = add_account(url, "bami", Role.SUPERVISOR, BAM)
        add_account(url, "baft", Role.COUNTY_HQ, BAFT)
        with TestClient(create_app(settings(url)), follow_redirects=False) as client:
            _commit_then_draw(client, uow, board)
    finally:
        engine.dispose()


def _commit_then_draw(
    client: TestClient, uow: Callable[[], SqlUnitOfWork], board: AccountChange
) -> None:
    """Bam's board commits before the results, then reveals the secret once the tie is there."""
    csrf = token(log_in(client, "baft"))
    lot = {"place": BAFT, "where": "parliament:P2", "secret": SECRET, "drawn_by": "bami، baft"}
    assert client.post(f"{PATH}/lot", data={"csrf": csrf, **lot}).status_code == 403
    client.cookies.clear()
    csrf = token(log_in(client, "bami", totp=current_code(board)))
    scope = {"csrf": csrf, "place": BAM, "scope": "parliament:P2", "secret": SECRET}
    committed = client.post(f"{PATH}/commit", data=scope)
    assert committed.status_code == 303, committed.text
    assert commitment_of(SECRET) in client.get(committed.headers["location"]).text
    twice = client.post(f"{PATH}/commit", data=scope)
    assert twice.status_code == 422
    assert "پیش‌تر به دست bami" in alert(twice.text)
    sheets = [s for st in TIED for s in final(ROUND_2_DAY, st, DEVICE, TIED[st]).sheets]
    import_results(uow, ROUND_2, sheets, now=NOW)
    lot["place"] = BAM
    ground = client.post(f"{PATH}/lot", data={"csrf": csrf, **{**lot, "secret": "قرعه ۱۴۰۲"}})
    assert ground.status_code == 422  # a value chosen after the tie is not the secret
    assert "با تعهد ثبت‌شدهٔ parliament" in alert(ground.text)
    putin = client.post(f"{PATH}/lot", data={"csrf": csrf, **{**lot, "drawn_by": "bami، Putin"}})
    assert putin.status_code == 422  # review S20 F7: who drew is an account, not free text
    assert "حساب کاربری این سامانه نیستند: Putin" in alert(putin.text)
    drawn = client.post(f"{PATH}/lot", data={"csrf": csrf, **lot})
    assert drawn.status_code == 303, drawn.text
    page = client.get(drawn.headers["location"]).text
    table = page.split('id="lots"')[1].split("</table>")[0]
    seed = tie_seed(SECRET, "parliament", "P2", Stake.SEAT, ("41", "42"))
    assert seed in table
    assert "bami، baft" in table
    again = client.post(f"{PATH}/lot", data={"csrf": csrf, **lot})
    assert again.status_code == 422
    assert f"بذر «{seed}» به دست bami، baft حل شده است" in alert(again.text)
