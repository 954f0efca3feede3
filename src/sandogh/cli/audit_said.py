"""What the audit commands say (`cli.audit_commands`, `cli.audit_hand_count`): their lines in
the language asked for, and each refusal naming what it is about (docs/audit.md §6.5)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console

from sandogh.core.audit.errors import AuditError
from sandogh.core.audit.sampling import SamplingError
from sandogh.core.definition.problems import Problem
from sandogh.core.errors import SandoghError
from sandogh.locale.audit_problems import in_persian, path_in_persian
from sandogh.locale.audit_words import REFUSALS, SAID, label
from sandogh.locale.language import Lang
from sandogh.services.audit_errors import (
    AuditRefusedError,
    HandCountInvalidError,
    ReadingRefusedError,
)
from sandogh.services.errors import UnknownContestError


def out() -> Console:
    return Console(highlight=False)


def say(key: str, lang: Lang, **values: str) -> None:
    """Numbers come formatted for `lang`; hashes and codes stay as written."""
    out().print(SAID[key][lang].format(**values), markup=False, soft_wrap=True)


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def refusals(lang: Lang) -> Iterator[None]:
    """A refusal in the language asked for, naming what it is about: a service's by its code,
    the core's by each problem's path, a sheet's or records file's by each problem's place."""
    try:
        yield
    except ReadingRefusedError as refused:
        err().print(label(REFUSALS, refused.code, lang) + ":", markup=False)
        for unit, why in refused.problems:
            err().print(f"  {unit}: {label(REFUSALS, why, lang)}", markup=False)
        raise typer.Exit(1) from None
    except AuditRefusedError as refused:
        subject = f" ({refused.subject})" if refused.subject else ""
        err().print(f"sandogh: {label(REFUSALS, refused.code, lang)}{subject}", markup=False)
        found = refused.problems if isinstance(refused, HandCountInvalidError) else ()
        for each in found:  # a hand count's totals: each problem with its path
            said = in_persian(each.message) if lang == "fa" else each.message
            err().print(f"  {each.path}: {said}", markup=False)
        raise typer.Exit(1) from None
    except AuditError as failed:  # the core's, a ManifestError among them: every problem
        problems(failed.summary, failed.problems, lang)
        raise typer.Exit(1) from None
    except (SamplingError, UnknownContestError) as failed:
        problems(str(failed), (), lang)
        raise typer.Exit(1) from None
    except SandoghError as bad:
        from sandogh.formats.audit_files import AuditFileError  # pydantic: only when it fails

        if not isinstance(bad, AuditFileError):
            raise
        # a sheet or records file: nothing of it is stored
        err().print(f"sandogh: {bad.source}:", markup=False)
        for problem in bad.problems:
            err().print(f"  {in_persian(problem) if lang == 'fa' else problem}", markup=False)
        raise typer.Exit(1) from None


def refuse(lang: Lang, fa: str, en: str) -> NoReturn:
    """A value of an option refused, in `lang`, naming the option and what is wrong."""
    err().print(f"sandogh: {fa if lang == 'fa' else en}", markup=False)
    raise typer.Exit(2)


def problems(summary: str, problems: Iterable[Problem], lang: Lang) -> None:
    """What the core found wrong, each problem with its path, in `lang`."""

    def said(detail: str) -> str:
        return in_persian(detail) if lang == "fa" else detail

    err().print(f"sandogh: {said(summary)}", markup=False)
    for problem in problems:
        path = path_in_persian(problem.path) if lang == "fa" else problem.path
        where = f"{path}: " if path else ""
        err().print(f"  {where}{said(problem.message)}", markup=False)
