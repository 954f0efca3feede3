"""A contest, a constituency or a place by the name the election's definition gives it.

A command names contests and places by their ids (`president`, `IR-08`); a person reads their
names. Without the stored definition, or for an id it lacks, the id is shown as given.
"""

from __future__ import annotations

from sandogh.core.definition.model import Election, Name, UnitKind
from sandogh.locale.language import Lang
from sandogh.locale.messages import text


def name_or_id(name: Name | None, given: str, lang: Lang) -> str:
    """`name` in `lang`, or the id `given` when there is none."""
    if name is None:
        return given
    return name.fa if lang == "fa" else name.en


def contest_name(election: Election | None, contest: str, lang: Lang) -> str:
    """The contest `contest` of `election` by its name in `lang`."""
    found = next((c for c in election.contests if c.id == contest), None) if election else None
    return name_or_id(found.name if found is not None else None, contest, lang)


def place_name(election: Election | None, contest: str, code: str, lang: Lang) -> str:
    """A constituency of `contest`, or a unit, of `election` by its name in `lang`."""
    if election is None:
        return code
    defined = next((c for c in election.contests if c.id == contest), None)
    constituencies = defined.constituencies if defined is not None else ()
    found = next((k.name for k in constituencies if k.id == code), None)
    if found is None:
        return unit_name(election, code, lang)
    return name_or_id(found, code, lang)


def unit_name(election: Election | None, code: str, lang: Lang) -> str:
    """The unit `code` of `election` (a grant's place, say) by its name in `lang`."""
    units = election.units if election is not None else ()
    return name_or_id(next((u.name for u in units if u.code == code), None), code, lang)


def named_place(kind: str, name: str, lang: Lang) -> str:
    """A unit's name as a heading or a caption says it: «استان کرمان», «شهرستان بافت»; any other
    unit (the nation, a city, a station) by its name alone."""
    if kind in (UnitKind.PROVINCE, UnitKind.COUNTY):
        return text(f"named_{kind}", lang, name=name)
    return name
