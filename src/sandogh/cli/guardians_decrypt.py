"""`sandogh guardians decrypt|combine`: a guardian's partial decryption of a tally, or of a large
contest's last mix's rows, once the published snapshot is held to the ceremony; and a tally's
plain values from any k of them (`docs/e2e.md` §8, §11.5; `services.tally_decryption`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sandogh.cli.guardians_errors import fault_in, localised
from sandogh.cli.guardians_files import (
    KeyFile,
    Out,
    Private,
    Record,
    TallyFile,
    draw,
    private_dir,
    read_document,
    say,
    warn,
    write_public,
)
from sandogh.cli.guardians_snapshot import check_input, checked_chains
from sandogh.cli.options import LangOption, Language
from sandogh.core.e2e.tally_origin import chain_products
from sandogh.formats.key_file import read_key_file
from sandogh.locale.digits import format_int
from sandogh.services import guardians, mixing, tally_decryption, tally_origin
from sandogh.services.guardians import GROUP


@localised
def decrypt(
    key: KeyFile,
    record: Record,
    out: Out,
    tally: Annotated[
        Path | None, typer.Option("--tally", help="The encrypted tally.", show_default=False)
    ] = None,
    mix_input: Annotated[
        Path | None,
        typer.Option(
            "--input",
            help="A large contest's mix input, to decrypt its last mix's rows.",
            show_default=False,
        ),
    ] = None,
    mixes: Annotated[
        list[Path] | None, typer.Option("--mix", help="Every mix of the input, in order (repeat).")
    ] = None,
    snapshot: Annotated[
        Path | None,
        typer.Option(
            "--snapshot",
            help="The published snapshot's election folder (data/<election>): its definition, "
            "sealed record (anchor/), chains (e2e/ballots/) and reports (reports/), to hold the "
            "tally to.",
            show_default=False,
        ),
    ] = None,
    anchor: Annotated[
        str | None,
        typer.Option(
            "--anchor",
            help="The sealed pre-election record's fingerprint or an amendment's head, long or "
            "short, as given to you at the ceremony or printed in a newspaper. Pass the head of "
            "the latest amendment in the centre's log: given the original seal's fingerprint, a "
            "snapshot that leaves out later amendments (a stolen box replaced) is accepted.",
            show_default=False,
        ),
    ] = None,
    unanchored: Annotated[
        bool,
        typer.Option(
            "--unanchored",
            help="A rehearsal only: accept a snapshot with no sealed record, trusting each "
            "chain's own box key.",
        ),
    ] = False,
    never_opened: Annotated[
        list[str] | None,
        typer.Option(
            "--never-opened",
            help="A station the sealed record gives a box whose box you know, from a second "
            "source, never opened (repeat): its chain may then be missing from the snapshot.",
            show_default=False,
        ),
    ] = None,
    not_closed: Annotated[
        list[str] | None,
        typer.Option(
            "--not-closed",
            help="A station whose box opened and, you know from a second source, never closed "
            "(repeat): it has no final report, and its chain may be missing from the snapshot.",
            show_default=False,
        ),
    ] = None,
    private: Private = None,
    lang: LangOption = Language.FA,
) -> None:
    """Your partial decryption of a tally, once it is shown to be the product of the snapshot's
    checked chains (never one voter's ballot, docs/e2e.md §8), or of a large contest's last
    mix's rows once every mix checks, with its proofs, signed."""
    if (tally is None) == (mix_input is None):
        raise typer.BadParameter(
            "give --tally, or --input with its --mix files", param_hint="--tally"
        )
    if snapshot is None:
        raise typer.BadParameter(
            "give the published snapshot's election folder", param_hint="--snapshot"
        )
    record_file = read_document(record)
    index = guardians.record_index(record_file, read_key_file(key))
    key_file = read_document(private_dir(private, key) / f"guardian-{index}.key.json")
    parsed = guardians.read_record(record_file)
    if unanchored:
        warn("unanchored", lang)
    elif anchor is None:
        warn("no_anchor", lang)
    trust = tally_origin.Trust(
        anchor, unanchored, frozenset(never_opened or ()), frozenset(not_closed or ())
    )
    chains = checked_chains(parsed, snapshot, trust)
    if mix_input is not None:
        given = read_document(mix_input)
        check_input(snapshot, parsed.plan.definition_hash, chains, given)
        made = [read_document(p) for p in mixes or []]
        data = mixing.decrypt_rows(
            record_file, key_file, given, made, key=read_key_file(key), draw=draw
        )
    else:
        assert tally is not None
        products = {s: chain_products(GROUP, c) for s, c in chains.items()}
        data = tally_decryption.decrypt(
            record_file, key_file, read_document(tally), read_key_file(key), draw, products=products
        )
    write_public(out, data)
    say("decrypted", lang, i=index, n=data.count(b'"share":'), file=str(out))


@localised
def combine(
    record: Record,
    tally: TallyFile,
    partials: Annotated[list[Path], typer.Argument(help="The guardians' partial decryptions.")],
    out: Out,
    lang: LangOption = Language.FA,
) -> None:
    """The tally's plain values from at least k guardians' partial decryptions."""
    combined = tally_decryption.combine_tally(
        read_document(record), read_document(tally), [read_document(p) for p in partials]
    )
    write_public(out, combined.data)
    for fault in combined.left_out:
        say("left_out", lang, fault=fault_in(fault, lang.lang))
    comma = "، " if lang.lang == "fa" else ", "
    used = comma.join(format_int(g, lang.lang) for g in combined.used)
    say("combined", lang, file=str(out), used=used)
