"""Names of the election, the station, its contests and candidates for the screens and the
printouts, read from the kept enrolment document.

The box keeps the centre's enrolment document verbatim (`station.setup`); its `election` and
`unit` carry the election's and the station's `name` in both languages, its `contests` are the
definition file's contests cut to the station's constituency (docs/formats.md), each with a
`name` in both languages and `candidates` with `code` and `name`. A document without them (a
centre that sends only the ballot) leaves the screens and the printouts showing ids and codes
alone. Its `withdrawn` names the candidates who withdrew (issue 12), whom each contest's screen
lists as withdrawn.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sandogh.locale import Lang
from sandogh.locale.digits import to_persian_digits


@dataclass(frozen=True)
class BallotNames:
    contests: Mapping[str, Mapping[str, str]]  # contest → lang → name
    candidates: Mapping[tuple[str, str], Mapping[str, str]]  # (contest, code) → lang → name
    withdrawn: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # contest → codes
    election_name: Mapping[str, str] = field(default_factory=dict)  # lang → name
    station_name: Mapping[str, str] = field(default_factory=dict)  # lang → name

    def election(self, election: str, lang: Lang) -> str:
        """The election's name in `lang`, else its id."""
        return self.election_name.get(lang, election)

    def station(self, station: str, lang: Lang) -> str:
        """The station's name in `lang`, else its code."""
        return self.station_name.get(lang, station)

    def place(self, contest: str) -> int:
        """Where `contest` stands on the ballot as the enrolment lists it; one it does not
        list, after those it does."""
        order = list(self.contests)
        return order.index(contest) if contest in order else len(order)

    def contest(self, contest: str, lang: Lang) -> str:
        return self.contests.get(contest, {}).get(lang, contest)

    def candidate(self, contest: str, code: str, lang: Lang) -> str:
        return self.candidates.get((contest, code), {}).get(lang, "")

    def withdrawn_in(self, contest: str, lang: Lang) -> str:
        """The contest's withdrawn candidates as the screen lists them, "" when none."""
        codes = self.withdrawn.get(contest, ())

        def shown(code: str) -> str:
            return to_persian_digits(code) if lang == "fa" else code

        names = [f"{shown(code)} {self.candidate(contest, code, lang)}" for code in codes]
        return ("، " if lang == "fa" else ", ").join(n.strip() for n in names)


def _name(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if k in ("fa", "en") and isinstance(v, str)}


def read_names(document: str | None) -> BallotNames:
    contests: dict[str, dict[str, str]] = {}
    candidates: dict[tuple[str, str], dict[str, str]] = {}
    parsed = json.loads(document) if document else {}
    items = parsed.get("contests") if isinstance(parsed, Mapping) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
            continue
        contest = str(item["id"])
        contests[contest] = _name(item.get("name"))
        people = item.get("candidates")
        for person in people if isinstance(people, list) else []:
            if isinstance(person, Mapping) and isinstance(person.get("code"), str):
                candidates[(contest, str(person["code"]))] = _name(person.get("name"))
    withdrawn: dict[str, tuple[str, ...]] = {}
    left = parsed.get("withdrawn") if isinstance(parsed, Mapping) else None
    for item in left if isinstance(left, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("candidate"), str):
            contest = str(item.get("contest"))
            withdrawn[contest] = (*withdrawn.get(contest, ()), str(item["candidate"]))
    return BallotNames(
        contests,
        candidates,
        withdrawn,
        _name(_inner(parsed, "election")),
        _name(_inner(parsed, "unit")),
    )


def _inner(parsed: object, name: str) -> object:
    """The `name` of the document's object `name` (`election`, `unit`), None without one."""
    inner = parsed.get(name) if isinstance(parsed, Mapping) else None
    return inner.get("name") if isinstance(inner, Mapping) else None


def with_code(name: str, code: str) -> str:
    """A name with its id or code beside it, to be matched by machine; the id alone when
    there is no name but it."""
    return code if name == code else f"{name} ({code})"
