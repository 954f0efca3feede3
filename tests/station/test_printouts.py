"""What the box prints (`station.printouts`), as the staff and the auditors read it (issue 13):
Persian first, in the headquarters' words, each figure in digits and in words, the Jalali date
and Tehran time, names from the enrolment; English on a box started in English. Before, every
page was English whatever the box's language ("sandogh ZERO REPORT no. 1", "papers received")."""

from __future__ import annotations

import re
from pathlib import Path

from sandogh.core.report import Choice
from sandogh.locale import Lang
from sandogh.station.box import Box
from sandogh.station.directory import StationDirectory
from sandogh.station.printers import FilePrinter, load_font, render
from sandogh.station.setup import OfflinePolicy
from tests.station.build import (
    BALLOT,
    COUNTERS,
    DEFINITION_HASH,
    ELECTION,
    PAPERS,
    STAFF,
    STATION,
    Clock,
    issued,
    national_code,
)
from tests.station.web.kiosk_build import ELECTION_NAME, NamingCentre

SCREENSHOTS = Path(__file__).parent / "screenshots"
#: what a Persian page may carry in Latin letters: ids, keys and digests, to match by machine
MACHINE = re.compile(rf"{ELECTION}|{STATION}|(sha256|ed25519):[0-9a-f]{{64}}|QR")


def _day(folder: Path, lang: Lang) -> tuple[Box, FilePrinter]:
    """A box that opens, takes three ballots (one blank for the Majlis) and reports."""
    store, key = StationDirectory(folder / "station").create()
    centre = NamingCentre(
        election=ELECTION, definition_hash=DEFINITION_HASH, ballot=BALLOT, staff=STAFF
    )
    printer = FilePrinter(folder / "printer.jsonl")
    box = Box(store, key, centre, printer, clock=Clock(), lang=lang)
    box.enrol(election=ELECTION, station=STATION, policy=OfflinePolicy.PROVISIONAL)
    box.open(PAPERS, COUNTERS)
    box.start_voting()
    for voter in range(3):
        card = issued(box.check_in(national_code(voter)))
        majlis = ("31", "33") if voter == 0 else ()
        box.cast(card.token, (Choice("president", ("21",)), Choice("parliament", majlis)))
    box.close()
    box.count(staff=COUNTERS)
    box.report(COUNTERS)
    return box, printer


def test_a_persian_box_prints_its_minutes_as_the_headquarters_write_them(tmp_path: Path) -> None:
    _, printer = _day(tmp_path, "fa")
    zero, final = (job.lines for job in printer.jobs())
    assert zero[:5] == (
        "صورتجلسه آغاز رأی‌گیری",
        ELECTION_NAME["fa"],
        f"شعبه اخذ رأی: شعبه ۱ بافت ({STATION})",
        "صورتجلسه شماره ۱ این صندوق",
        "چاپ: ۱۵ تیر ۱۴۰۳، ۰۸:۰۰ (به وقت تهران)",
    )
    assert zero[5] == "— ریاست جمهوری —"  # the ballot's order, not the ids'
    assert "تعرفه‌های دریافتی: ۵۰۰ (پانصد)" in zero
    assert "  ۲۱ سعید جلیلی: ۰ (صفر)" in zero
    assert "امضاکنندگان: صندوق، رئیس شعبه، منشی" in zero
    assert final[0] == "صورتجلسه پایانی (شمارش آرا)"
    president = final[final.index("— ریاست جمهوری —") : final.index("— مجلس شورای اسلامی —")]
    assert "آرای مأخوذه: ۳ (سه)" in president
    assert "تعرفه‌های مصرف‌نشده: ۴۹۷ (چهارصد و نود و هفت)" in president
    assert "  ۲۱ سعید جلیلی: ۳ (سه)" in president
    assert "  سفید: ۲" in final  # the Majlis' two blank ballots
    for line in zero + final:  # no English word: ids and digests only, for matching
        assert re.search("[A-Za-z]", MACHINE.sub("", line)) is None, line
    # the page as the receipt printer prints it, for a person to look at
    SCREENSHOTS.mkdir(exist_ok=True)
    render(final, load_font()).save(SCREENSHOTS / "minutes-printed-fa.png")


def test_the_voters_paper_copy_names_the_choices_in_the_boxs_language(tmp_path: Path) -> None:
    box, printer = _day(tmp_path / "fa", "fa")
    assert printer.copies[0] == (
        "نسخه کاغذی برگه رأی",
        ELECTION_NAME["fa"],
        f"شعبه اخذ رأی: شعبه ۱ بافت ({STATION})",
        "— ریاست جمهوری —",
        "  ۲۱ سعید جلیلی",
        "— مجلس شورای اسلامی —",
        "  ۳۱ نامزد الف",
        "  ۳۳ نامزد پ",
    )
    assert printer.copies[1][-1] == "  رأی سفید"
    assert box.lang == "fa"


def test_an_english_box_prints_in_english(tmp_path: Path) -> None:
    _, printer = _day(tmp_path, "en")
    zero, final = (job.lines for job in printer.jobs())
    assert zero[:5] == (
        "Opening (zero) report",
        ELECTION_NAME["en"],
        f"Polling station: Baft station 1 ({STATION})",
        "This box's report no. 1",
        "Printed 15 Tir 1403, 08:00 (Tehran time)",
    )
    assert "  21 Saeed Jalili: 3 (three)" in final
    assert "Signed by: the box, head of station, secretary" in final
    assert printer.copies[2][-2:] == ("— Majlis —", "  Blank vote")
