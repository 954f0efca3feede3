"""What the results, cases and readiness pages say of a refusal, in the page's language (issue
13: no English exception text on a Persian page, as "only 24 of 2427 stations have reported").

An error worded where it is raised (`fa` and `en`) is said so; the supervision's refusals are
worded here from their fields; a definition's problems by their own Persian where they have it;
anything else by one sentence that names no internals, in the page's language."""

from __future__ import annotations

from collections.abc import Mapping

from sandogh.core.definition.problems import DefinitionError
from sandogh.core.errors import SandoghError
from sandogh.core.supervision.cases import CaseStatusError
from sandogh.locale import Lang
from sandogh.locale.dates import format_moment
from sandogh.server.console.gate import Page
from sandogh.server.console.labels import label
from sandogh.services.certifications import (
    AlreadyCertifiedError,
    CertifiedError,
    IncompleteResultsError,
    NotCertifiedError,
)
from sandogh.services.voids import CorrectedError


def said(page: Page, error: SandoghError) -> str:
    """`error` said in the page's language, contests by their names."""
    lang = page.lang
    names = {c.id: c.name.fa if lang == "fa" else c.name.en for c in page.day().election.contests}
    return refusal(error, lang, names)


def refusal(error: SandoghError, lang: Lang, contests: Mapping[str, str]) -> str:
    """`error` said in `lang`; `contests` names each contest by its id in `lang`."""
    worded = getattr(error, lang, None)
    if isinstance(worded, str) and worded:
        return worded
    found = _certification_text(error, lang, contests) or _other_text(error, lang)
    return found or label("refused_other", lang)


def _certification_text(error: SandoghError, lang: Lang, contests: Mapping[str, str]) -> str:
    found = ""
    match error:
        case IncompleteResultsError():
            found = label(
                "refused_incomplete",
                lang,
                scope=_scope(contests, error.contest, error.constituency, lang),
                reported=error.reported,
                total=error.total,
            )
        case AlreadyCertifiedError() | CertifiedError():
            held = error.certification
            key = "refused_certified" if isinstance(error, CertifiedError) else "refused_already"
            found = label(
                key,
                lang,
                scope=_scope(contests, held.contest, held.constituency, lang),
                by=held.by,
                when=format_moment(held.at, lang),
            )
        case NotCertifiedError():
            scope = _scope(contests, error.contest, error.constituency, lang)
            found = label("refused_not_certified", lang, scope=scope)
        case CorrectedError():
            hand = error.correction
            scope = _scope(contests, hand.contest, hand.constituency, lang)
            found = label("refused_corrected", lang, scope=scope)
    return found


def _other_text(error: SandoghError, lang: Lang) -> str:
    found = ""
    match error:
        case CaseStatusError():
            found = label(
                "refused_case_status",
                lang,
                number=error.case.id,
                status=label(f"case_status_{error.case.status.value}", lang),
                asked=label(f"case_status_{error.status.value}", lang),
            )
        case DefinitionError():
            said = [p.fa if lang == "fa" else p.message for p in error.problems]
            if all(said):
                found = "؛ ".join(said) if lang == "fa" else "; ".join(said)
            else:  # a problem's path names a field in English: the count and what to check
                found = label("refused_problems", lang, count=len(error.problems))
    return found


def _scope(contests: Mapping[str, str], contest: str, constituency: str | None, lang: Lang) -> str:
    contest = contests.get(contest, contest)
    if constituency is None:
        return label("scope_contest", lang, contest=contest)
    return label("scope_constituency", lang, contest=contest, constituency=constituency)
