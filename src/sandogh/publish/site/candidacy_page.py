"""The final list on the results site: each contest's candidates with their codes, the day the
list was published and how the codes were drawn: the commitment to the draw's secret, its day,
and the secret the draw revealed (`candidacy.json`, `publish.candidacy_file`).

Issue 12 §1: the final list is published with its date, and each candidate's code comes from a
recorded draw; the page shows what the snapshot publishes and nothing more (no applicant who is
not on the list). A contest whose codes are not drawn yet shows its list without codes.
"""

from __future__ import annotations

import json
from typing import Any

from sandogh.locale import Lang, to_persian_digits
from sandogh.publish.site.figures import day
from sandogh.publish.site.labels import label
from sandogh.publish.site.pages import ElectionPages
from sandogh.publish.site.place import Place

FILE = "candidacy.json"  # `publish.candidacy_file.FILE`; the site reads the snapshot alone


def has_candidacy(pages: ElectionPages) -> bool:
    return pages.files.has(f"{pages.election}/{FILE}")


def candidates_page(pages: ElectionPages, place: Place) -> dict[str, Any]:
    """The page's values: each contest with a published list, its candidates in code order."""
    lang = place.lang
    document = json.loads((pages.files.data / pages.election / FILE).read_text(encoding="utf-8"))
    names = {c["id"]: c["name"][lang] for c in pages.snapshot["contests"]}
    contests = []
    for entry in document["contests"]:
        if not entry["lists"]:
            continue
        drawn = entry["draw"]
        final = entry["lists"][-1 if drawn is None else drawn["list"]]
        gone = {w["applicant"] for w in entry["withdrawals"]}
        codes = {} if drawn is None else {c["applicant"]: c["code"] for c in drawn["codes"]}
        rows = sorted(
            (
                {
                    "code": codes.get(c["applicant"]),
                    "name": c["name"][lang],
                    "constituency": _constituency(pages, entry["contest"], c["constituency"], lang),
                    "withdrew": c["applicant"] in gone,
                }
                for c in final["candidates"]
            ),
            key=lambda row: (row["code"] is None, row["constituency"], row["code"] or ""),
        )
        comma = "، " if lang == "fa" else ", "
        contests.append(
            {
                "name": names.get(entry["contest"], entry["contest"]),
                "published": label("candidates_published", lang, day=day(final["day"], lang)),
                "drawn": None
                if drawn is None
                else label(
                    "candidates_drawn", lang, seed=drawn["seed"], by=comma.join(drawn["drawn_by"])
                ),
                **_committed(entry, lang),
                "rows": rows,
                "several": len({row["constituency"] for row in rows}) > 1,
            }
        )
    return {"contests": contests}


def _committed(entry: Any, lang: Lang) -> dict[str, str | None]:
    """The commitment to the draw's secret, its day beside the first list's, and the secret the
    draw revealed: a reader sees the secret was fixed before whom it would order was known
    (docs/lots.md §5)."""
    made, drawn = entry["commitment"], entry["draw"]
    if made is None:
        return {"committed": None, "commitment": None, "revealed": None, "secret": None}
    first = entry["lists"][0]["day"] if entry["lists"] else made["day"]
    committed = label(
        "candidates_committed", lang, day=day(made["day"], lang), listed=day(first, lang)
    )
    secret = None if drawn is None else drawn.get("secret") or None
    return {
        "committed": committed,
        "commitment": made["commitment"],
        "revealed": None if secret is None else label("candidates_revealed", lang),
        "secret": secret,
    }


def _constituency(pages: ElectionPages, contest: str, code: str, lang: Lang) -> str:
    outcome = pages.files.outcome(pages.election, contest, code)
    if outcome is None:
        return to_persian_digits(code) if lang == "fa" else code
    return str(outcome["constituency"]["name"][lang])
