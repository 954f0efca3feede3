"""The main job: both rounds of Kerman's 2024 presidential election, end to end.

Loads `examples/kerman-1403/` into the store (the definitions, the boards' approval of electronic
voting at Kerman city's stations, the ballot-paper register and the tally sheets), then shows the
province's results with the turnout change between the rounds, the outcome of each round, and the
check of the figures the seed report printed (one of which, the margin, is misprinted).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from rich.console import Console

from sandogh.cli.database import create_store, open_store
from sandogh.cli.importing import import_tally_file
from sandogh.cli.outcome_view import print_outcomes
from sandogh.cli.results_view import print_results
from sandogh.cli.session import actor, now
from sandogh.cli.statement_view import print_statement
from sandogh.core.access import Grant, Role
from sandogh.core.errors import SandoghError
from sandogh.core.readiness import Register
from sandogh.formats.definition_file import load_definition
from sandogh.formats.readiness_csv import read_register
from sandogh.formats.statement_file import read_statement
from sandogh.locale.language import Lang
from sandogh.locale.messages import text
from sandogh.services.acting import Actor
from sandogh.services.elections import UnitOfWorkFactory, load_election
from sandogh.services.mode_approvals import approve_as_boards
from sandogh.services.outcomes import decide_contests
from sandogh.services.readiness import import_register
from sandogh.services.results import show_results
from sandogh.services.statements import check_published

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "kerman-1403"
ROUNDS = (("kerman-1403-r1", "round1"), ("kerman-1403-r2", "round2"))
PROVINCE = "IR-08"
#: The reference of the boards' approval of electronic voting at the example's electronic stations.
EXAMPLE_APPROVAL = "مصوبه هیئت نظارت (داده نمونه)"


class ExampleMissingError(SandoghError):
    def __init__(self, where: Path) -> None:
        super().__init__(
            f"the Kerman example is not at {where}: run the demo from a source checkout"
        )


def load_rounds(
    db: str | None,
    lang: Lang,
    console: Console,
    *,
    results: Collection[str],
    before: Callable[[UnitOfWorkFactory], str] | None = None,
) -> UnitOfWorkFactory:
    """Create the store and load both rounds into it, importing the results of the rounds in
    `results` (their ids), after running `before` on the new store (the live demo's candidacy,
    which loads round 1's draft and draws it into round 1: the id it gives is then new to this
    store though stored already); the store."""
    if not EXAMPLE.is_dir():
        raise ExampleMissingError(EXAMPLE)
    console.print(f"[dim]{create_store(db)}[/dim]")
    store = open_store(db)
    drafted = before(store) if before is not None else None
    for election_id, stem in ROUNDS:
        loaded = load_definition(EXAMPLE / f"{stem}.yaml")
        done = load_election(
            store,
            loaded.valid,
            definition_hash=loaded.definition_hash,
            canonical=loaded.canonical,
            now=now(),
            actor=actor(),
        )
        new = done.created or election_id == drafted
        # Kerman city's stations vote electronically, which the boards approved; the rest of the
        # province votes semi-electronically, which needs no approval (examples/kerman-1403)
        if new:
            approve_as_boards(
                store, loaded.election, reference=EXAMPLE_APPROVAL, by=actor(), now=now()
            )
        if new:
            import_papers(store, election_id)
        if new and election_id in results:
            import_tally_file(store, EXAMPLE / f"{stem}-results.csv", election_id, console, lang)
        console.print(text("demo_loaded", lang, election=election_id))
    return store


def import_papers(store: UnitOfWorkFactory, election_id: str) -> None:
    """The example's ballot-paper register (`papers.csv`: every semi-electronic station received
    the papers sent to it), imported as the provincial headquarters would."""
    with (EXAMPLE / "papers.csv").open(encoding="utf-8", newline="") as stream:
        rows = read_register(Register.PAPERS, stream, source_name="papers.csv")
    province = Actor(actor(), Grant(Role.PROVINCIAL_HQ, PROVINCE))
    import_register(store, province, election_id, Register.PAPERS, rows, now=now())


def run(db: str | None, lang: Lang, console: Console) -> None:
    store = load_rounds(db, lang, console, results=[election_id for election_id, _ in ROUNDS])
    for election_id, _ in ROUNDS:
        console.print()
        print_results(console, show_results(store, election_id, unit=PROVINCE), lang)
    for election_id, _ in ROUNDS:
        console.print()
        print_outcomes(console, decide_contests(store, election_id), lang)
    console.print()
    console.print(f"[yellow]{text('demo_province_only', lang)}[/yellow]")
    statement = read_statement(EXAMPLE / "statement-round2.yaml")
    console.print()
    print_statement(
        console,
        check_published(
            store,
            statement.election,
            statement.statement,
            source=statement.source,
            previous_election=statement.previous_election,
        ),
        lang,
    )
