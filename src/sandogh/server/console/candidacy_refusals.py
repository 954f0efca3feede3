"""What the console's candidacy pages and `sandogh candidates` say of a refusal, in the reader's
language (`locale.candidacy`), and what to do about it."""

from __future__ import annotations

from sandogh.core.candidacy.calendar import OutsideWindowError, UnscheduledError
from sandogh.core.candidacy.calendar_change import CalendarChangeError
from sandogh.core.candidacy.draw import PoolTooSmallError
from sandogh.core.candidacy.process import CandidacyRefusedError
from sandogh.core.errors import SandoghError
from sandogh.locale.candidacy import (
    CATALOGUE,
    calendar_change_text,
    outside_window_text,
    refused_text,
)
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.server.console import labels  # the roles' names, said once there
from sandogh.services.acting import AccessDeniedError
from sandogh.services.candidacy_calendar import (
    CalendarDefinitionError,
    NotAtRootError,
    NotNationalError,
)
from sandogh.services.candidacy_files import (
    NoApplicantError,
    NoCalendarError,
    NotAnOperatorError,
    NotElectoralError,
    UnrecordedStepError,
)
from sandogh.services.candidacy_places import (
    NoDefinitionError,
    NotOfContestError,
    OutsidePlaceError,
)
from sandogh.services.code_draw import AlreadyDrawnError, CodeDrawRefusalError, NotPublishedError
from sandogh.services.competence import WrongBodyError
from sandogh.services.definition_versions import NotTheStoredDefinitionError, PrintedError
from sandogh.services.lot_commitments import WeakSecretError

# worded where they are raised, in both languages
_WORDED = (
    PrintedError,
    NotTheStoredDefinitionError,
    OutsidePlaceError,
    NotOfContestError,
    WrongBodyError,
    NoDefinitionError,
    NotAtRootError,
    NotElectoralError,
    CalendarDefinitionError,
    CodeDrawRefusalError,
    WeakSecretError,
)


def said(error: SandoghError, lang: Lang) -> str | None:
    """The refusal in `lang`, or None for an error this command does not word itself."""
    if isinstance(error, _WORDED):
        return error.fa if lang == "fa" else error.en
    found = _plain(error, lang)
    match error:
        case OutsideWindowError():
            found = outside_window_text(error, lang)
        case CandidacyRefusedError():
            found = refused_text(error, lang)
        case CalendarChangeError():
            found = calendar_change_text(error, lang)
        case AlreadyDrawnError():
            drawn = error.drawn
            found = _text(
                "already_drawn",
                lang,
                contest=drawn.contest,
                seed=drawn.seed,
                by=", ".join(drawn.drawn_by),
            )
        case PoolTooSmallError():
            found = _text(
                "pool_too_small",
                lang,
                constituency=error.constituency,
                listed=error.listed,
                count=len(error.pool),
                pool=", ".join(error.pool),
            )
        case AccessDeniedError():
            role = (labels.FA if lang == "fa" else labels.EN)[f"role_{error.actor.grant.role}"]
            key = "not_national" if isinstance(error, NotNationalError) else "access_denied"
            found = _text(key, lang, user=error.actor.username, role=role)
    return found


def _plain(error: SandoghError, lang: Lang) -> str | None:
    """The refusals worded from their own fields alone."""
    found: str | None = None
    match error:
        case UnscheduledError():
            found = _text("unscheduled", lang, election=error.election, contest=error.contest)
        case NoCalendarError():
            found = _text("no_calendar", lang, election=error.election)
        case NoApplicantError():
            found = _text("no_applicant", lang, election=error.election, applicant=error.applicant)
        case NotPublishedError():
            found = _text("not_published", lang, contest=error.contest)
        case NotAnOperatorError():
            found = _text("not_operators", lang, names=", ".join(error.names))
        case UnrecordedStepError():
            found = error.fa if lang == "fa" else error.en
    return found


def _text(key: str, lang: Lang, **values: str | int) -> str:
    return text_in(CATALOGUE, key, lang, **values)
