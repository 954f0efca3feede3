"""Small pieces every view uses: names in a language, figures for tables and for JSON."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from sandogh.core.definition.model import Election, Name
from sandogh.locale.dates import format_jalali, jalali_iso
from sandogh.locale.digits import format_int, format_percent, to_persian_digits
from sandogh.locale.language import Lang
from sandogh.locale.messages import text


def separator(lang: Lang) -> str:
    """What sets the parts of a heading or a line apart. In Persian not «·», which reads as the
    Persian zero beside Persian digits («· ۸ تیر» reads «۰۸ تیر»; issue 13, as on the site)."""
    return " — " if lang == "fa" else " · "


def bullet(lang: Lang) -> str:
    """What opens an item of a list, for the same reason a dash in Persian."""
    return "  - " if lang == "fa" else "  · "


def name_in(name: Name, lang: Lang) -> str:
    return name.fa if lang == "fa" else name.en


def ballot_code(code: str, lang: Lang) -> str:
    """Ballot codes are typed as digits on the box; Persian screens show them in Persian digits."""
    return to_persian_digits(code) if lang == "fa" else code


def pasted_code(code: str, lang: Lang) -> str:
    """A code a person may copy back into a command (a station's, a unit's): in its Latin digits
    whatever the language, for a command takes it so («ST-۰۸۰۱-۰۰۰۱» is no station of a store),
    and on a Persian line isolated left to right (LRI…PDI, as the site's commands) so that the
    line around it keeps its order (issue 13)."""
    return f"\u2066{code}\u2069" if lang == "fa" else code


def share(value: Fraction | None, lang: Lang, places: int = 1) -> str:
    return "—" if value is None else format_percent(value, lang, places)


def number(value: int | None, lang: Lang) -> str:
    return "—" if value is None else format_int(value, lang)


def fraction_json(value: Fraction | None) -> dict[str, str] | None:
    """Exact and readable: {"exact": "638046/1162127", "percent": "54.90"}."""
    if value is None:
        return None
    return {
        "exact": f"{value.numerator}/{value.denominator}",
        "percent": decimal_text(value * 100, 2),
    }


def decimal_text(value: Fraction, places: int) -> str:
    """`value` rounded half up to `places` decimals, exactly: "0.048213" for places=6."""
    scaled = value * 10**places
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if rounded < 0 else ""
    whole, part = divmod(abs(rounded), 10**places)
    return f"{sign}{whole}.{part:0{places}d}"


def name_json(name: Name) -> dict[str, str]:
    return {"fa": name.fa, "en": name.en}


def election_json(election: Election, definition_hash: str) -> dict[str, Any]:
    return {
        "id": election.id,
        "name": name_json(election.name),
        "date": election.date.isoformat(),
        "date_jalali": jalali_iso(election.date),
        "definition_hash": definition_hash,
    }


def election_heading(election: Election, definition_hash: str, lang: Lang) -> str:
    return (
        f"[bold]{name_in(election.name, lang)}[/bold]{separator(lang)}"
        f"{format_jalali(election.date, lang)}\n"
        f"[dim]{text('definition_hash', lang)}: {definition_hash}[/dim]"
    )
