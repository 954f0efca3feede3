"""What the results, cases and readiness pages say of a refusal, in the page's language (issue
13: no English exception text on a Persian page, as "only 24 of 2427 stations have reported").

An error worded where it is raised (`fa` and `en`: the certifications' refusals, contests by
their names, in `locale.certification_words`) is said so; a case's status and a definition's
problems are worded here, the latter by their own Persian where they have it; anything else by
one sentence that names no internals, in the page's language."""

from __future__ import annotations

from sandogh.core.definition.problems import DefinitionError
from sandogh.core.errors import SandoghError
from sandogh.core.supervision.cases import CaseStatusError
from sandogh.locale import Lang
from sandogh.server.console.gate import Page
from sandogh.server.console.labels import label


def said(page: Page, error: SandoghError) -> str:
    """`error` said in the page's language."""
    lang = page.lang
    worded = getattr(error, lang, None)
    if isinstance(worded, str) and worded:
        return worded
    found = _other_text(error, lang)
    return found or label("refused_other", lang)


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
