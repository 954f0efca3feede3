"""`sandogh guardians mix|rows`: a guardian's shuffle of a large contest's rows after the
previous mixers, and the last mix's rows as a tally for `decrypt` and `combine` (`docs/e2e.md`
§11.4, §11.5; `services.mixing`).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

import typer

from sandogh.cli.guardians_errors import localised
from sandogh.cli.guardians_files import (
    KeyFile,
    MixInputFile,
    Out,
    Record,
    read_document,
    say,
    write_public,
)
from sandogh.cli.options import LangOption, Language
from sandogh.formats.key_file import read_key_file
from sandogh.services import mixing
from sandogh.services.guardians import GROUP


def _shuffled(n: int) -> list[int]:
    order = list(range(n))
    secrets.SystemRandom().shuffle(order)
    return order


#: a mixer's secrets, from `secrets`, never kept (§11.4)
MIX_RANDOMNESS = mixing.MixRandomness(
    draw=lambda: int.from_bytes(secrets.token_bytes(64), "big") % GROUP.q,
    permutation=_shuffled,
    seed=lambda: secrets.token_bytes(32),
)


@localised
def mix(
    key: KeyFile,
    record: Record,
    mix_input: MixInputFile,
    out: Out,
    previous: Annotated[
        list[Path] | None,
        typer.Option("--previous", help="The mixes before yours, in order (repeat)."),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """Shuffle a large contest's rows after the previous mixers, with its proof, signed; your
    permutation, nonces and seed are drawn here and forgotten (docs/e2e.md §11.4)."""
    made = [read_document(p) for p in previous or []]
    signing = read_key_file(key)
    done, data = mixing.mix(
        read_document(record), read_document(mix_input), made, signing, MIX_RANDOMNESS
    )
    write_public(out, data)
    say("mixed", lang, i=done.guardian, t=done.mixer, n=len(done.rows), file=str(out))


@localised
def rows(
    record: Record,
    mix_input: MixInputFile,
    mixes: Annotated[list[Path], typer.Argument(help="Every mix, in order.")],
    out: Out,
    lang: LangOption = Language.FA,
) -> None:
    """The last mix's rows as a tally, for `decrypt` and `combine` (docs/e2e.md §11.5)."""
    data = mixing.rows_to_decrypt(
        read_document(record), read_document(mix_input), [read_document(p) for p in mixes]
    )
    write_public(out, data)
    say("rows", lang, n=data.count(b'"ballots":1'), file=str(out))
