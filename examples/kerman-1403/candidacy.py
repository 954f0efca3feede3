"""Round 1's candidacy for the live demo: `calendar.json` and `candidacy.json`.

`calendar.json` is the 2024 presidential calendar (`examples/calendars/president-1403.json`)
stored under round 1's id, since a calendar is stored per election. `candidacy.json` lists the
applicants the demo registers in this order (so their numbers are their places here), what the
Guardian Council's boards decided, who withdrew, and the code draw: the secret committed to
before the final list, and the pool of codes. The secret is the first of
`kerman-1403/code-draw/1`, `kerman-1403/code-draw/2`, … whose seed (`core.candidacy
.draw_commitment.code_seed` of it and the published list of six, as `sandogh candidates draw`
derives it) draws the four candidates who stood the example's illustrative codes: it is searched
for here, not a secret of 2024 — a demonstration's secret, known in advance, which a real board
never does. The demo commits to it, publishes the list, reveals it at the draw, and checks that
the drawn definition's hash is round 1's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from figures import CANDIDATES

from sandogh.core.candidacy.draw_commitment import code_seed
from sandogh.core.rules.lots import lot_order
from sandogh.core.voters.national_code import check_digit

HERE = Path(__file__).resolve().parent
CALENDAR = HERE.parent / "calendars" / "president-1403.json"
ELECTION = "kerman-1403-r1"
ARTICLE = "اصل ۱۱۵ قانون اساسی؛ ماده ۳۵ قانون انتخابات ریاست جمهوری"
#: Who drew the codes: operator accounts of the store, the demo's national HQ (review S20, F7).
DRAWN_BY = ("demo-interior",)
#: (Persian, English, born, education, outcome, withdrew). Real: the names, who was
#: qualified (six of the 80 registered) and who withdrew on which day; the three not qualified are
#: three of the real 74. Illustrative: the birth dates, the degrees as a level, every document.
APPLICANTS: tuple[tuple[str, str, str, str, str, str | None], ...] = (
    ("مسعود پزشکیان", "Masoud Pezeshkian", "1954-09-29", "doctorate", "qualified", None),
    ("سعید جلیلی", "Saeed Jalili", "1965-09-06", "doctorate", "qualified", None),
    ("محمدباقر قالیباف", "Mohammad Bagher Ghalibaf", "1961-08-23", "doctorate", "qualified", None),
    ("مصطفی پورمحمدی", "Mostafa Pourmohammadi", "1960-03-09", "master", "qualified", None),
    ("علیرضا زاکانی", "Alireza Zakani", "1966-03-03", "doctorate", "qualified", "2024-06-27"),
    (
        "امیرحسین قاضی‌زاده هاشمی",
        "Amir-Hossein Ghazizadeh Hashemi",
        "1971-04-14",
        "doctorate",
        "qualified",
        "2024-06-26",
    ),
    ("محمود احمدی‌نژاد", "Mahmoud Ahmadinejad", "1956-10-28", "doctorate", "not-established", None),
    ("علی لاریجانی", "Ali Larijani", "1957-06-03", "doctorate", "not-established", None),
    ("اسحاق جهانگیری", "Eshaq Jahangiri", "1957-01-21", "doctorate", "not-established", None),
)


def national_code(n: int) -> str:
    """A valid national code of nobody (the demo's `n`-th applicant)."""
    nine = f"{900_000_000 + 7_919 * n:09d}"
    return nine + str(check_digit(nine))


def calendar() -> str:
    document = json.loads(CALENDAR.read_text(encoding="utf-8"))
    document["election"] = ELECTION
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def candidacy() -> str:
    """`candidacy.json`: the applicants in registration order and the draw that codes them."""
    by_name = {en: code for code, (_, en) in CANDIDATES.items()}
    listed = [n for n, (*_, outcome, _) in enumerate(APPLICANTS, start=1) if outcome == "qualified"]
    standing = [str(n) for n in listed if APPLICANTS[n - 1][5] is None]
    pool = sorted(CANDIDATES)
    wanted = tuple(sorted(standing, key=lambda n: by_name[APPLICANTS[int(n) - 1][1]]))
    secret = next(
        s
        for k in range(1, 10_000)
        if lot_order(code_seed(s := f"kerman-1403/code-draw/{k}", "president", listed), standing)
        == wanted
    )
    applicants: list[dict[str, Any]] = [
        {
            "name": {"fa": fa, "en": en},
            "national_code": national_code(n),
            "born": born,
            "education": education,
            "outcome": outcome,
            "withdrew": withdrew,
        }
        for n, (fa, en, born, education, outcome, withdrew) in enumerate(APPLICANTS, start=1)
    ]
    document = {
        "election": ELECTION,
        "contest": "president",
        "constituency": "IR",
        "article": ARTICLE,
        "applicants": applicants,
        "draw": {"secret": secret, "pool": pool, "drawn_by": list(DRAWN_BY), "day": "2024-06-27"},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
