"""`sandogh guardians`: the command group, and the key ceremony's commands
`plan|init|share|check|reveal|finish|forget`, each guardian on its own machine with its own key
file.

`docs/e2e.md` §5 (`services.guardians`). The guardians exchange the files of one directory
(`--dir`): the HQ's plan (`ceremony.json`) and each guardian's public, shares, check and reveal
files, all public. What a guardian keeps — its polynomial (`guardian-<i>.secret.json`) and then its
share of the joint secret (`guardian-<i>.key.json`) — goes to its private directory (`--private`,
by default its key file's), mode 0600, and is never sent. Any one of them, or an observer, runs
`finish` (the ceremony's record). The tally's decryption (`decrypt|combine`, §8) is
`cli.guardians_decrypt`'s, a large contest's mix-net (`mix|rows`, §11.4–§11.5)
`cli.guardians_mix`'s; both are added to the group here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from sandogh.cli import guardians_decrypt, guardians_mix
from sandogh.cli.guardians_errors import localised, share_fault
from sandogh.cli.guardians_files import (
    PLAN_FILE,
    Exchange,
    KeyFile,
    Private,
    Record,
    draw,
    private_dir,
    read_all,
    read_document,
    say,
    write_private,
    write_public,
)
from sandogh.cli.options import LangOption, Language
from sandogh.core.e2e.ceremony_files import PlannedGuardian
from sandogh.core.report import KeyMaterialError, PublicKey
from sandogh.formats.key_file import read_key_file
from sandogh.services import guardians, tally_decryption
from sandogh.services.guardians import Document

guardians_app = typer.Typer(
    help="The guardians: the key ceremony and the tally's decryption.", no_args_is_help=True
)


def _guardian(text: str) -> PlannedGuardian:
    role, sep, rest = text.partition(":")
    name, sep2, key = rest.partition(":")
    try:
        if not (sep and sep2 and role and name):
            raise ValueError
        return PlannedGuardian(name, role, PublicKey.from_text(key))
    except (ValueError, KeyMaterialError):
        raise typer.BadParameter(
            f"{text!r} is not ROLE:NAME:ed25519:HEX", param_hint="--guardian"
        ) from None


@guardians_app.command("plan")
@localised
def plan(
    quorum: Annotated[int, typer.Option("--quorum", help="k: guardians needed to decrypt.")],
    guardian: Annotated[
        list[str],
        typer.Option("--guardian", help="ROLE:NAME:ed25519:HEX, in the ceremony's order (repeat)."),
    ],
    directory: Exchange,
    definition: Annotated[
        Path | None,
        typer.Option(
            "--definition",
            help="The election's definition file, as `sandogh load` takes it: its id and hash.",
            show_default=False,
        ),
    ] = None,
    election: Annotated[
        str | None,
        typer.Option("--election", "-e", help="Election id.", show_default=False),
    ] = None,
    definition_hash: Annotated[
        str | None,
        typer.Option(
            "--definition-hash",
            help="The definition's sha256:HEX (`sandogh load` prints it).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """Write the ceremony's plan (the HQ): its guardians in order, and the quorum, for the
    election of `--definition` (or of `--election` and `--definition-hash`)."""
    election, definition_hash = _planned_election(definition, election, definition_hash)
    data = guardians.make_plan(election, definition_hash, quorum, [_guardian(g) for g in guardian])
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / PLAN_FILE
    write_public(target, data)
    say("planned", lang, file=str(target), n=len(guardian), k=quorum)


def _planned_election(
    definition: Path | None, election: str | None, definition_hash: str | None
) -> tuple[str, str]:
    """The election id and definition hash, from the definition file (the hash computed as
    `sandogh load` computes it, so that the ceremony binds the definition the centre stores),
    any of them also given held to it; or both given."""
    if definition is None:
        if election is None or definition_hash is None:
            raise typer.BadParameter(
                "give --definition FILE, or --election and --definition-hash",
                param_hint="--definition",
            )
        return election, definition_hash
    # The definition's reader (pydantic) is imported when a plan reads one, not whenever `sandogh`
    # starts and imports these commands' options.
    from sandogh.formats.definition_file import load_definition

    loaded = load_definition(definition)
    for given, found, hint in (
        (election, loaded.election.id, "--election"),
        (definition_hash, loaded.definition_hash, "--definition-hash"),
    ):
        if given is not None and given != found:
            raise typer.BadParameter(f"{given} is not {definition}'s {found}", param_hint=hint)
    return loaded.election.id, loaded.definition_hash


@guardians_app.command("init")
@localised
def init(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Draw your polynomial and ceremony key; publish your commitments."""
    plan_file = read_document(directory / PLAN_FILE)
    index, secret, public = guardians.init(plan_file, read_key_file(key), draw)
    secret_path = private_dir(private, key, make=True) / f"guardian-{index}.secret.json"
    write_private(secret_path, secret)
    public_path = directory / f"guardian-{index}.public.json"
    write_public(public_path, public)
    say("init", lang, i=index, public=str(public_path), secret=str(secret_path))


def _secret_file(directory: Path, key: Path, private: Path | None) -> tuple[Document, int]:
    plan_file = read_document(directory / PLAN_FILE)
    index = guardians.guardian_index(plan_file, read_key_file(key))
    return read_document(private_dir(private, key) / f"guardian-{index}.secret.json"), index


@guardians_app.command("share")
@localised
def share(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Encrypt your share for every other guardian, once every public file checks."""
    secret, index = _secret_file(directory, key, private)
    plan_file = read_document(directory / PLAN_FILE)
    data = guardians.share(plan_file, secret, read_all(directory, "public"), read_key_file(key))
    target = directory / f"guardian-{index}.shares.json"
    write_public(target, data)
    say("shared", lang, i=index, n=data.count(b'"to":'), file=str(target))


@guardians_app.command("check")
@localised
def check(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Check the shares sent to you: complain of a bad one, or keep your share of the key. Run it
    again once the guardians complained of have revealed."""
    secret, index = _secret_file(directory, key, private)
    checked = guardians.check(
        read_document(directory / PLAN_FILE),
        secret,
        read_all(directory, "public"),
        read_all(directory, "shares"),
        read_all(directory, "reveal"),
        key=read_key_file(key),
    )
    write_public(directory / f"guardian-{index}.check.json", checked.check)
    for complaint in checked.complaints:
        why = share_fault(complaint.fault, lang.lang)
        say("complained", lang, i=index, against=complaint.against, reason=why)
    if checked.key is not None:
        key_path = private_dir(private, key) / f"guardian-{index}.key.json"
        write_private(key_path, checked.key)
        say("accepted", lang, i=index, key=str(key_path))


@guardians_app.command("reveal")
@localised
def reveal(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Answer the complaints against you: reveal the shares you sent their makers."""
    secret, index = _secret_file(directory, key, private)
    data = guardians.reveal(
        read_document(directory / PLAN_FILE),
        secret,
        read_all(directory, "check"),
        read_key_file(key),
    )
    if data is None:
        say("no_complaint", lang, i=index)
        return
    target = directory / f"guardian-{index}.reveal.json"
    write_public(target, data)
    say("revealed", lang, i=index, n=data.count(b'"to":'), file=str(target))


@guardians_app.command("finish")
@localised
def finish(
    directory: Exchange,
    out: Annotated[Path, typer.Option("--out", help="The ceremony's record (election.json).")],
    lang: LangOption = Language.FA,
) -> None:
    """Check every file of the ceremony and write its record, or name the guardian at fault."""
    record, data = guardians.finish(
        read_document(directory / PLAN_FILE),
        read_all(directory, "public"),
        read_all(directory, "shares"),
        read_all(directory, "check"),
        read_all(directory, "reveal"),
    )
    write_public(out, data)
    say("finished", lang, key=record.joint_key.hex(), file=str(out))


@guardians_app.command("forget")
@localised
def forget(
    key: KeyFile, record: Record, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Once the ceremony is finished: check that your key share fits its record, then erase
    your ceremony secret (your polynomial holds a part of the joint secret, §5)."""
    record_file = read_document(record)
    index = guardians.record_index(record_file, read_key_file(key))
    folder = private_dir(private, key)
    key_file = read_document(folder / f"guardian-{index}.key.json")
    tally_decryption.checked_key(record_file, key_file, read_key_file(key))
    secret = folder / f"guardian-{index}.secret.json"
    if secret.exists():
        # overwritten before it is unlinked, so that its blocks do not keep the polynomial
        size = secret.stat().st_size
        with secret.open("r+b") as file:
            file.write(bytes(size))
            file.flush()
            os.fsync(file.fileno())
        secret.unlink()
    say("forgotten", lang, i=index, file=str(secret))


# the tally's and the mix-net's commands, after the ceremony's: the order `--help` lists them in
guardians_app.command("decrypt")(guardians_decrypt.decrypt)
guardians_app.command("combine")(guardians_decrypt.combine)
guardians_app.command("mix")(guardians_mix.mix)
guardians_app.command("rows")(guardians_mix.rows)
