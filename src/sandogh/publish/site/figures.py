"""Figures as the results pages print them: digits, shares, Jalali times and the announcement.

Persian pages print Persian digits and read the announcement in words, as election officials
announce results («با شمارش آرای ... شعبه از ... شعبه»); English pages print figures. Shares come
from the files as exact fractions and are rounded only here, for display (`sandogh.locale.digits`).
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from functools import lru_cache
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from sandogh.core.counting.lead import lead
from sandogh.locale import (
    Lang,
    format_int,
    format_jalali,
    format_percent,
    format_ratio_percent,
    in_words,
)
from sandogh.locale.digits import to_persian_digits
from sandogh.publish.site.labels import label
from sandogh.publish.site.reported import boxes_voided
from sandogh.publish.site.snapshot import Share, UnitResult, Vote

# Results are announced in Iran's time; the zone database knows its past summer-time rules.
TEHRAN = ZoneInfo("Asia/Tehran")


def digits(text: str, lang: Lang) -> str:
    """A code or other text in the page's digits."""
    return to_persian_digits(text) if lang == "fa" else text


def coordinate(degrees: str, lang: Lang) -> str:
    """A latitude or longitude as the file writes it (29.2522), in Persian digits in Persian."""
    return digits(degrees.replace(".", "\u066b"), lang) if lang == "fa" else degrees


def number(value: int, lang: Lang) -> str:
    return format_int(value, lang)


def signed(value: int, lang: Lang) -> str:
    """A change in votes with its sign: +1,234 or −56 (no sign for none)."""
    return ("+" if value > 0 else "") + format_int(value, lang)


# A share as the files write it: the page reads its two whole numbers, no `Fraction` parsed
_SHARE = re.compile(r"(-?[0-9]+)/([0-9]+)")


def percent(share: Fraction | str | None, lang: Lang, places: int = 2) -> str:
    """A share of one ('1070286/2324254' or a Fraction) as a percentage; '—' where there is none."""
    if share is None:
        return "—"
    if isinstance(share, str) and (written := _SHARE.fullmatch(share)) is not None:
        numerator, denominator = written.groups()
        return format_ratio_percent(int(numerator), int(denominator), lang, places)
    return format_percent(Fraction(share), lang, places)


def part_percent(part: int, whole: int, lang: Lang, places: int = 2) -> str:
    """`part` of `whole` (more than none) as a percentage, as `percent` prints their share."""
    return format_ratio_percent(part, whole, lang, places)


def turnout_share(shares: Share | None) -> Fraction | None:
    return None if shares is None else Fraction(shares["share"])


def day(iso_date: str, lang: Lang) -> str:
    """The election day in the Jalali calendar; English adds the Gregorian date."""
    date = datetime.date.fromisoformat(iso_date)
    jalali = format_jalali(date, lang)
    return jalali if lang == "fa" else f"{jalali} ({date.day} {date:%B %Y})"


def moment(iso_time: str, lang: Lang) -> str:
    """A file's time in Tehran: «۱۵ تیر ۱۴۰۳، ساعت ۲۱:۳۳ به وقت تهران»; English adds the
    Gregorian date, as `day` does."""
    local = datetime.datetime.fromisoformat(iso_time).astimezone(TEHRAN)
    clock = f"{local:%H:%M}"
    jalali = format_jalali(local.date(), lang)
    return label(
        "tehran_time",
        lang,
        day=jalali if lang == "fa" else f"{jalali} ({local.day} {local:%B %Y})",
        time=to_persian_digits(clock) if lang == "fa" else clock,
    )


def _spoken(value: int, lang: Lang) -> str:
    """Persian reads counts out in words; English prints them."""
    return in_words(value, "fa") if lang == "fa" else format_int(value, "en")


Leading = tuple[tuple[Vote, ...], int] | None


class _Leads:
    """`leading`'s answers while a rendering holds them (`leads_kept`), by the identity of the
    votes' list, which each entry holds so that no other list can take its identity."""

    def __init__(self) -> None:
        self.found: dict[int, tuple[Sequence[Vote], Leading]] | None = None


_LEADS = _Leads()


@contextlib.contextmanager
def leads_kept() -> Iterator[None]:
    """While this holds, `leading` answers each list of votes once: a rendering's files do not
    change while it renders, and its pages ask who leads the same unit again and again — the
    nation's 108,000 village-council votes ~10 times a pass (the announcement of the election's
    page and of the nation's, in two languages, the front page, the map and the lists of the
    units above the reports). The lists are the documents the rendering read, never changed."""
    before, _LEADS.found = _LEADS.found, {}
    try:
        yield
    finally:
        _LEADS.found = before


def leading(votes: Sequence[Vote]) -> Leading:
    """The candidates with the most votes, in the list's order, and their votes each: more than
    one is a tie, never a lead of the first by order (`core.counting.lead`; finding A2 of
    session 23). None while no one has a vote."""
    kept = _LEADS.found
    if kept is not None and (seen := kept.get(id(votes))) is not None:
        return seen[1]
    found = _leading(votes)
    if kept is not None:
        kept[id(votes)] = (votes, found)
    return found


def _leading(votes: Sequence[Vote]) -> Leading:
    found = lead({vote["code"]: vote["votes"] for vote in votes})
    if found is None:
        return None
    return tuple(vote for vote in votes if vote["code"] in found.codes), found.votes


def lead_words(
    votes: Sequence[Vote], valid: int, lang: Lang
) -> tuple[tuple[Vote, ...], str] | None:
    """Who has the most votes (`leading`: more than one is a tie) and in words with their
    share: «الف (۵۰٫۰٪)», or for a tie «الف، ب (۵۰٫۰٪)», the share each of them has. None
    while no one has a vote."""
    found = leading(votes)
    if found is None:
        return None
    first, most = found
    share = part_percent(most, valid, lang, 1) if valid else "—"
    return first, f"{joined((v['name'][lang] for v in first), lang)} ({share})"


def _counted(result: UnitResult, lang: Lang) -> str:
    """How much of the unit is counted, as the announcement opens: some stations of all, every
    one, its only one or both, or the stations counted and those whose box a board voided (whose
    ballots are not in the figures, so "all" would say more than is so)."""
    stations = result["stations"]
    reported, total, voided = stations["reported"], stations["total"], boxes_voided(stations)
    if voided:
        return label(
            "announce_counted_voided",
            lang,
            counted=_spoken(reported - voided, lang),
            total=_spoken(total, lang),
            voided=_spoken(voided, lang),
        )
    if reported < total:
        return label(
            "announce_counted_some",
            lang,
            reported=_spoken(reported, lang),
            total=_spoken(total, lang),
        )
    if total <= 2:  # «همه یک شعبه», «همه دو شعبه» are not said: «تنها شعبه», «هر دو شعبه»
        return label("announce_counted_only" if total == 1 else "announce_counted_both", lang)
    return label("announce_counted_all", lang, total=_spoken(total, lang))


def _named(names: tuple[str, ...], lang: Lang) -> str:
    """Names in a sentence: «الف، ب و پ», "A, B and C"."""
    *most, last = names
    if not most:
        return last
    return f"{'، '.join(most)} و {last}" if lang == "fa" else f"{', '.join(most)} and {last}"


def announcement(result: UnitResult, lang: Lang) -> str:
    """The progressive announcement of one unit's count, in a sentence: who leads (a partial
    count) or has the most votes (a whole one), or who are tied."""
    reported, total = result["stations"]["reported"], result["stations"]["total"]
    if reported == 0:
        if result["unit"]["kind"] == "station":
            return label("announce_station_waiting", lang)
        return label("announce_none", lang, total=_spoken(total, lang))
    found = leading(result["counts"]["votes"])
    if found is None:
        return label(
            "announce_no_votes", lang, reported=_spoken(reported, lang), total=_spoken(total, lang)
        )
    first, most = found
    names, count = _named(tuple(v["name"][lang] for v in first), lang), _spoken(most, lang)
    who = (
        "announce_tied"
        if len(first) > 1
        else "announce_leading"
        if reported < total
        else "announce_most"
    )
    if lang == "en" and who != "announce_most":  # the noun is in the Persian label: «رأی»
        count = f"{count} vote" if most == 1 else f"{count} votes"
    comma = "، " if lang == "fa" else ", "
    return _counted(result, lang) + comma + label(who, lang, name=names, votes=count)


def bar_width(part: int, whole: int) -> str:
    """A bar's length as a percentage of the longest, one decimal, ASCII: an SVG length."""
    if whole <= 0:
        return "0%"
    tenths = (1000 * part + whole // 2) // whole
    return f"{tenths // 10}.{tenths % 10}%"


def share_width(share: Fraction) -> str:
    """A share of one as a bar's length, full at one (turnout can pass it only by an error)."""
    return bar_width(min(share.numerator, share.denominator), share.denominator)


def joined(items: Iterable[str], lang: Lang) -> str:
    """Items said in one sentence: «الف، ب» in Persian, "a; b" in English."""
    return ("، " if lang == "fa" else "; ").join(items)


#: plain text a page prints, escaped: the same names, links, colours and widths come again and
#: again, on the page and on the next
escaped = lru_cache(maxsize=1 << 16)(escape)


# A sign's own character: U+2212 MINUS SIGN, not the hyphen a font draws short and low.
_SIGNS = {"+": "+", "-": "\u2212", "\u2212": "\u2212"}


# Every page prints hundreds of figures and most repeat (counts, codes, shares of small units):
# each is isolated once a process, its text escaped once, without `Markup.format`'s formatter.
@lru_cache(maxsize=1 << 16, typed=True)  # a Markup is not escaped again: its own entry
def isolated(text: str, lang: Lang) -> Markup:
    """A figure in its own bidirectional isolate (<bdi>), so the text around it cannot reorder
    it. A sign stands where the reader starts the number: on its left in English, on its right
    in Persian («۳٫۸۱−»), written after the digits inside a left-to-right isolate, since a
    leading sign in right-to-left text is drawn on the number's left. Words after the figure
    («واحد درصد») stay outside the isolate."""
    if not text or text[0] not in _SIGNS:
        return Markup(f"<bdi>{escape(text)}</bdi>")
    sign = escape(_SIGNS[text[0]])
    figure, space, words = (escape(part) for part in text[1:].partition(" "))
    if lang == "fa":
        return Markup(f'<bdi dir="ltr">{figure}{sign}</bdi>{space}{words}')
    return Markup(f"<bdi>{sign}{figure}</bdi>{space}{words}")


# An unsigned figure with its separators and percent sign, or the dash that stands for none
_BARE = re.compile(r"[0-9\u06f0-\u06f9]+(?:[\u066c\u066b,.][0-9\u06f0-\u06f9]+)*[%\u066a]?|—")


@lru_cache(maxsize=1 << 16, typed=True)
def alone(text: str, lang: Lang) -> Markup:
    """A figure that is all of its table cell's text. A cell is a paragraph of its own to the
    bidirectional algorithm, so no text around can reorder what it holds, and an unsigned figure
    (its digits, separators and percent sign) is drawn in the reader's order as it is: it is
    printed bare, without the isolate that was a tenth of a page. A signed one, or one with words
    after it, is isolated as `isolated` does, so that its sign stands on its reader's side."""
    if _BARE.fullmatch(text) is not None:
        return Markup(escape(text))
    return isolated(text, lang)


# A figure inside a sentence: a sign only where no letter or digit comes before it (the hyphen of
# «IR-08» is no minus), digits with their separators (٬ ٫ , . : /) and a percent sign.
_RUN = re.compile(
    r"(?:(?<![\w.])[+\-\u2212])?[0-9\u06f0-\u06f9]+"
    r"(?:[\u066c\u066b,.:/][0-9\u06f0-\u06f9]+)*[%\u066a]?"
)


@lru_cache(maxsize=1 << 14, typed=True)  # sentences repeat from page to page: «۲ از ۲ شعبه»
def figures_in(text: str, lang: Lang) -> Markup:
    """A sentence (an announcement, a note, a comparison, a label) with each figure in it
    isolated as `isolated` isolates a table's: the words around a number, or a number beside
    another, cannot reorder it or carry its sign to the wrong side."""
    if isinstance(text, Markup):
        return text  # already built with its isolates
    out: list[str] = []
    last = 0
    for found in _RUN.finditer(text):
        out.append(escape(text[last : found.start()]))
        out.append(isolated(found.group(), lang))
        last = found.end()
    out.append(escape(text[last:]))
    return Markup("".join(out))  # each piece is Markup already: `Markup.join` escaped each again
