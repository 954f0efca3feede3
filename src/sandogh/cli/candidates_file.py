"""`sandogh candidates list|show`: every applicant's standing (`cli.candidates_view`), and one
applicant's file where a board decides on it — the four
authorities' answers (clear or not, with the reasons an authority gave) beside the boards'
decisions and an objection, in the reader's language (`locale.candidacy_file`). The reasons are
the store's, never the log's or a published file's (`core.candidacy.records.PRIVATE`)."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.table import Table

from sandogh.cli.candidates import Applicant, ElectionRequired, localised
from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, JsonOption, LangOption, Language
from sandogh.core.candidacy.process import Authority, Candidacy
from sandogh.locale.candidacy import name_text
from sandogh.locale.candidacy_file import CATALOGUE
from sandogh.locale.dates import format_jalali
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in


def print_file(out: Console, file: Candidacy, words: Lang) -> None:
    said = CATALOGUE[words]
    made = file.registration
    name = made.person.name_fa if words == "fa" else made.person.name_en
    title = text_in(
        CATALOGUE,
        "file_title",
        words,
        applicant=name_text(str(made.applicant), words),
        name=name,
        contest=made.contest,
        constituency=made.constituency,
    )
    out.print(title, markup=False)
    answers = Table(title=said["answers_title"])
    for column in ("col_authority", "col_answer", "col_reason", "col_reference", "col_day"):
        answers.add_column(said[column])
    for authority in Authority:
        given = [a for a in file.answers if a.authority is authority]
        if not given:
            asked = said["asked" if authority in file.asked else "not_asked"]
            answers.add_row(name_text(authority.value, words), asked, "", "", "")
            continue
        answer = given[-1]
        answers.add_row(
            name_text(authority.value, words),
            said["clear" if answer.clear else "not_clear"],
            answer.reason,
            answer.answer_id,
            format_jalali(answer.day, words),
        )
    out.print(answers)
    decisions = Table(title=said["decisions_title"])
    for column in ("col_board", "col_outcome", "col_article", "col_reason", "col_day"):
        decisions.add_column(said[column])
    for d in file.decisions:
        decisions.add_row(
            name_text(d.board.value, words),
            name_text(d.outcome.value, words),
            d.article,
            d.reason,
            format_jalali(d.day, words),
        )
    out.print(decisions)
    if file.objection is not None:
        day = format_jalali(file.objection.day, words)
        said_objection = text_in(
            CATALOGUE, "objection", words, day=day, grounds=file.objection.grounds
        )
        out.print(said_objection, markup=False)


@localised
def list_command(
    election: ElectionRequired,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Every applicant with their standing, and the lists published."""
    from sandogh.cli.candidates_view import files_json, print_files
    from sandogh.services.candidacy import candidacy_of
    from sandogh.services.days import definition_of

    store = open_store(db)
    recorded = candidacy_of(store, election)
    if as_json:
        sys.stdout.write(json.dumps(files_json(recorded), ensure_ascii=False, indent=2) + "\n")
    else:
        defined = definition_of(store, election)
        print_files(Console(highlight=False, soft_wrap=True), recorded, lang.lang, defined)


@localised
def show_command(
    election: ElectionRequired,
    applicant: Applicant,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """One applicant's file where a board decides: the four authorities' answers and the
    boards' decisions."""
    from sandogh.services.candidacy import candidacy_of
    from sandogh.services.candidacy_files import NoApplicantError

    file = candidacy_of(open_store(db), election).files.get(applicant)
    if file is None:
        raise NoApplicantError(election, applicant)
    print_file(Console(highlight=False, soft_wrap=True), file, lang.lang)
