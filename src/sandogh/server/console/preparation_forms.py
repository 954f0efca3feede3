"""What the preparation pages share (`preparation_page`, `decisions_page`, `fleet_page`): their
tabs, reading a form's fields (a crafted or missing one answers 400 naming it), doing a use case
and showing its refusal in the reader's language — the use case's problems by the names of their
fields, never its English message or a machine code on a Persian page."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from fastapi.responses import Response
from persiantools.jdatetime import JalaliDate

from sandogh.core.definition.problems import DefinitionError
from sandogh.core.errors import SandoghError
from sandogh.core.fleet import ShippingError
from sandogh.locale import to_ascii_digits
from sandogh.locale.fleet import fleet_text, step_name
from sandogh.locale.messages import UnknownMessageError
from sandogh.server.console.gate import Page, Shown
from sandogh.services.acting import AccessDeniedError
from sandogh.services.candidacy_files import NotElectoralError
from sandogh.services.competence import WrongBodyError
from sandogh.services.fleet import AfterPollingError, HandoverByError, WrongLegError

#: The preparation pages' tabs (path, label).
TABS = (
    ("/preparation", "pr_tab_staff"),
    ("/preparation/decisions", "pr_tab_decisions"),
    ("/preparation/fleet", "pr_tab_fleet"),
)


#: A page shown again, with a refusal (`refused=`) and its status (`status=`).
Again = Callable[..., Response]
E = TypeVar("E", bound=Enum)


def bad(page: Page, again: Again, name: str) -> Shown:
    """A 400 naming the form's field `name`."""
    field = page.t(f"pr_field_{name}")
    return Shown(again(page, refused=page.t("pr_bad_field", field=field), status=400))


def text(page: Page, again: Again, name: str) -> str:
    """A field that must be filled in."""
    value = page.form.get(name, "").strip()
    if not value:
        raise bad(page, again, name)
    return value


def choice(page: Page, again: Again, name: str, kind: type[E]) -> E:
    """A field holding one of `kind`'s values."""
    try:
        return kind(page.form.get(name, ""))
    except ValueError:
        raise bad(page, again, name) from None


def jalali(page: Page, again: Again, name: str) -> datetime.date | None:
    """A Jalali day typed as 1402/11/20 (or with dashes), in Persian or ASCII digits; none when
    left empty."""
    typed = page.form.get(name, "").strip()
    if not typed:
        return None
    try:
        year, month, day = (int(p) for p in to_ascii_digits(typed).replace("-", "/").split("/"))
        converted = JalaliDate(year, month, day).to_gregorian()  # type: ignore[no-untyped-call]
    except (ValueError, TypeError):
        refused = page.t("pr_bad_date", value=typed)
        raise Shown(again(page, refused=refused, status=400)) from None
    return datetime.date(converted.year, converted.month, converted.day)


def names(page: Page, name: str) -> tuple[str, ...]:
    """A list typed with commas (Persian or Latin) or spaces between its items."""
    typed = page.form.get(name, "").replace("،", ",")
    return tuple(n for n in re.split(r"[,\s]+", typed) if n)


def said(page: Page, error: SandoghError) -> str:
    """The refusal of a use case in the page's language."""
    lang = page.lang
    if isinstance(
        error, WrongBodyError | AfterPollingError | WrongLegError
    ):  # worded in both languages
        return error.fa if lang == "fa" else error.en
    if isinstance(error, AccessDeniedError):
        grant = error.actor.grant
        role = page.t(f"role_{grant.role.value}")
        denied = page.t("pr_denied", user=error.actor.username, role=role, place=grant.place)
        if isinstance(error, HandoverByError | NotElectoralError):  # whose step it is
            return f"{denied} {error.fa if lang == 'fa' else error.en}"
        return denied
    if isinstance(error, DefinitionError):
        parts = []
        if isinstance(error, ShippingError):
            if error.expected is None:
                return fleet_text("handover_done", lang, serial=error.serial)
            expected = step_name(error.expected, lang)
            parts.append(
                fleet_text("handover_refused", lang, serial=error.serial, expected=expected)
            )
        fields = sorted({_field(page, p.path) for p in error.problems})
        comma = "، " if lang == "fa" else ", "
        parts.append(page.t("pr_problems", fields=comma.join(fields)))
        return " ".join(parts)
    return page.t("pr_refused")


def _field(page: Page, path: str) -> str:
    """A problem's path (`attendees[2]`) by its field's name."""
    name = path.split("[", 1)[0].split(".", 1)[0]
    try:
        return page.t(f"pr_field_{name}")
    except UnknownMessageError:
        return page.t("pr_field_unit")


def acting(
    page: Page,
    again: Again,
    where: str,
    act: Callable[[], object],
    refusal: Callable[[SandoghError], str | None] = lambda _error: None,
) -> Response:
    """Do `act` and see `where` again; a refusal is shown with its reason (403 for want of a
    right, 422 for the rest), in the words of `refusal` when it has some."""
    try:
        act()
    except AccessDeniedError as denied:
        return again(page, refused=said(page, denied), status=403)
    except SandoghError as refused:
        return again(page, refused=refusal(refused) or said(page, refused), status=422)
    return page.back(where, place=page.place(), election=page.day().election.id, done="1")
