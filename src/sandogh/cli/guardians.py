"""`sandogh guardians plan|init|share|check|reveal|finish|decrypt|combine|mix|rows`: the key
ceremony, the tally's decryption and a large contest's mix-net, each guardian on its own machine
with its own key file.

`docs/e2e.md` §5, §8 and §11.4–§11.5 (`services.guardians`, `services.mixing`). The guardians
exchange the files of one directory (`--dir`): the HQ's plan (`ceremony.json`) and each guardian's
public, shares, check and reveal files, all public. What a guardian keeps — its polynomial
(`guardian-<i>.secret.json`) and then its share of the joint secret (`guardian-<i>.key.json`) — goes
to its private directory (`--private`, by default its key file's), mode 0600, and is never sent. Any
one of them, or an observer, runs `finish` (the ceremony's record) and `combine` (a tally's plain
values).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.guardians_errors import localised
from sandogh.cli.options import LangOption, Language
from sandogh.core.definition.geography import Geography
from sandogh.core.definition.model import Election
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony_files import PlannedGuardian
from sandogh.core.e2e.ceremony_record import CeremonyRecord
from sandogh.core.e2e.chain_file import ChainFile
from sandogh.core.e2e.mix_files import decode_input, encode_input
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.e2e.tally_origin import chain_products
from sandogh.core.report import KeyMaterialError, PublicKey
from sandogh.core.report.digests import sha256_text
from sandogh.formats.definition_file import decode_canonical, load_definition
from sandogh.formats.key_file import PRIVATE_FILE, read_key_file
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.publish.e2e_mixes import chain_inputs
from sandogh.publish.published import ANCHOR_AMENDMENTS, ANCHOR_RECORD, ANCHOR_SIGNATURES
from sandogh.services import guardians, mixing, tally_decryption, tally_origin
from sandogh.services.guardians import GROUP, Document

guardians_app = typer.Typer(
    help="The guardians: the key ceremony and the tally's decryption.", no_args_is_help=True
)
_out = Console(highlight=False, soft_wrap=True)
_err = Console(highlight=False, soft_wrap=True, stderr=True)

PLAN_FILE = "ceremony.json"

_FA = {
    "planned": "برنامه مراسم کلید در {file} نوشته شد: {n} امین، حد نصاب {k}",
    "init": "امین {i}: تعهدها در {public} منتشر شد؛ راز در {secret} (فقط نزد شما)",
    "shared": "امین {i}: سهم‌های رمزشده برای {n} امین دیگر در {file}",
    "accepted": "امین {i}: همه سهم‌ها پذیرفته شد؛ سهم کلید شما در {key} (فقط نزد شما)",
    "complained": "امین {i}: از سهم امین {against} شکایت شد ({reason})؛ پاسخ او را بخواهید",
    "no_complaint": "امین {i}: شکایتی از شما نیست",
    "revealed": "امین {i}: پاسخ {n} شکایت در {file}",
    "finished": "مراسم کلید پایان یافت: کلید مشترک {key}؛ سیاهه در {file}",
    "decrypted": "امین {i}: رمزگشایی بخشی {n} رمزنوشته در {file}",
    "combined": "شمارش در {file} رمزگشایی شد با امینان {used}",
    "left_out": "کنار گذاشته شد: {fault}",
    "forgotten": "امین {i}: سهم کلید شما با سیاهه می‌خواند؛ راز مراسم {file} پاک شد",
    "mixed": "امین {i}: بُر زدن {t} از {n} ردیف با اثبات در {file}؛ جایگشت و نانس‌ها نگه داشته نشد",
    "rows": "{n} ردیف بُرخورده برای رمزگشایی در {file}",
    "unanchored": "هشدار: --unanchored — سیاههٔ مهرشدهٔ پیش از انتخابات بررسی نمی‌شود و کلید هر "
    "صندوق از زنجیرهٔ خودش گرفته می‌شود؛ هر کس بتواند یک صندوق ساختگی با یک برگهٔ واقعی بسازد و رأی "
    "آن رأی‌دهنده را رمزگشایی کند. فقط برای تمرین.",
    "no_anchor": "هشدار: اثر انگشت سیاههٔ مهرشده داده نشد (--anchor)؛ سیاههٔ منتشرشده اگر مهرشده و "
    "از همین مراسم باشد پذیرفته می‌شود. اثر انگشتی را که در مراسم گرفتید بدهید.",
}
_EN = {
    "planned": "Key ceremony plan written to {file}: {n} guardians, quorum {k}",
    "init": "Guardian {i}: commitments published in {public}; secret kept in {secret} (yours only)",
    "shared": "Guardian {i}: encrypted shares for {n} other guardians in {file}",
    "accepted": "Guardian {i}: every share accepted; your key share is in {key} (yours only)",
    "complained": "Guardian {i}: complaint against guardian {against}'s share ({reason}); "
    "ask for its reveal",
    "no_complaint": "Guardian {i}: no complaint against you",
    "revealed": "Guardian {i}: {n} complaints answered in {file}",
    "finished": "Key ceremony finished: joint key {key}; record in {file}",
    "decrypted": "Guardian {i}: partial decryption of {n} ciphertexts in {file}",
    "combined": "Tally decrypted in {file} with guardians {used}",
    "left_out": "Left out: {fault}",
    "forgotten": "Guardian {i}: your key share matches the record; the ceremony secret {file} "
    "was erased",
    "mixed": "Guardian {i}: shuffle {t} of {n} rows with its proof in {file}; "
    "its permutation and nonces are not kept",
    "rows": "{n} shuffled rows to decrypt in {file}",
    "unanchored": "WARNING: --unanchored: the sealed pre-election record is not checked and each "
    "box's key is taken from its own chain; anyone who makes up a box with one real ballot can "
    "have that voter's vote decrypted. For a rehearsal only.",
    "no_anchor": "WARNING: no fingerprint of the sealed record given (--anchor); the published "
    "record is taken once sealed and of this ceremony. Give the fingerprint you were given at the "
    "ceremony.",
}

KeyFile = Annotated[Path, typer.Option("--key", help="Your own key file (staff keygen).")]
Exchange = Annotated[
    Path, typer.Option("--dir", help="The directory of the ceremony's public files.")
]
Private = Annotated[
    Path | None,
    typer.Option(
        "--private",
        help="Where your secret files are kept (default: your key file's directory).",
        show_default=False,
    ),
]


def _say(message: str, lang: Language, **values: str | int) -> None:
    language: Lang = lang.lang
    template = (_FA if language == "fa" else _EN)[message]
    text = template.format_map(
        {k: format_int(v, language) if isinstance(v, int) else v for k, v in values.items()}
    )
    _out.print(text, markup=False)


def _warn(message: str, lang: Language) -> None:
    """A warning, loud and on standard error, that the guardian trusts less than it could."""
    text = (_FA if lang.lang == "fa" else _EN)[message]
    _err.print(text, markup=False, style="bold red")


def _read(path: Path) -> Document:
    try:
        return Document(str(path), path.read_bytes())
    except FileNotFoundError:
        raise GuardianFileError(str(path), [Problem("", "no such file")]) from None


def _all(directory: Path, kind: str) -> list[Document]:
    return [_read(path) for path in sorted(directory.glob(f"guardian-*.{kind}.json"))]


def _private(path: Path, data: bytes) -> None:
    """Write a private file, mode 0600, never replacing other bytes (`check` run again writes the
    same key file)."""
    if path.exists():
        if path.read_bytes() == data:
            return
        raise GuardianFileError(str(path), [Problem("", "already exists; it is never replaced")])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _draw() -> int:
    """A uniform scalar: 64 random bytes reduced mod q (`docs/e2e.md` §2, RFC 9496 §4.4)."""
    return int.from_bytes(os.urandom(64), "big") % GROUP.q


def _private_dir(private: Path | None, key: Path) -> Path:
    return private if private is not None else key.parent


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
    target.write_bytes(data)
    _say("planned", lang, file=str(target), n=len(guardian), k=quorum)


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
    plan_file = _read(directory / PLAN_FILE)
    index, secret, public = guardians.init(plan_file, read_key_file(key), _draw)
    secret_path = _private_dir(private, key) / f"guardian-{index}.secret.json"
    _private(secret_path, secret)
    public_path = directory / f"guardian-{index}.public.json"
    public_path.write_bytes(public)
    _say("init", lang, i=index, public=str(public_path), secret=str(secret_path))


def _secret_file(directory: Path, key: Path, private: Path | None) -> tuple[Document, int]:
    plan_file = _read(directory / PLAN_FILE)
    index = guardians.guardian_index(plan_file, read_key_file(key))
    return _read(_private_dir(private, key) / f"guardian-{index}.secret.json"), index


@guardians_app.command("share")
@localised
def share(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Encrypt your share for every other guardian, once every public file checks."""
    secret, index = _secret_file(directory, key, private)
    plan_file = _read(directory / PLAN_FILE)
    data = guardians.share(plan_file, secret, _all(directory, "public"), read_key_file(key))
    target = directory / f"guardian-{index}.shares.json"
    target.write_bytes(data)
    _say("shared", lang, i=index, n=data.count(b'"to":'), file=str(target))


@guardians_app.command("check")
@localised
def check(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Check the shares sent to you: complain of a bad one, or keep your share of the key. Run it
    again once the guardians complained of have revealed."""
    secret, index = _secret_file(directory, key, private)
    checked = guardians.check(
        _read(directory / PLAN_FILE),
        secret,
        _all(directory, "public"),
        _all(directory, "shares"),
        _all(directory, "reveal"),
        key=read_key_file(key),
    )
    (directory / f"guardian-{index}.check.json").write_bytes(checked.check)
    for complaint in checked.complaints:
        _say("complained", lang, i=index, against=complaint.against, reason=complaint.fault.value)
    if checked.key is not None:
        key_path = _private_dir(private, key) / f"guardian-{index}.key.json"
        _private(key_path, checked.key)
        _say("accepted", lang, i=index, key=str(key_path))


@guardians_app.command("reveal")
@localised
def reveal(
    key: KeyFile, directory: Exchange, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Answer the complaints against you: reveal the shares you sent their makers."""
    secret, index = _secret_file(directory, key, private)
    data = guardians.reveal(
        _read(directory / PLAN_FILE), secret, _all(directory, "check"), read_key_file(key)
    )
    if data is None:
        _say("no_complaint", lang, i=index)
        return
    target = directory / f"guardian-{index}.reveal.json"
    target.write_bytes(data)
    _say("revealed", lang, i=index, n=data.count(b'"to":'), file=str(target))


@guardians_app.command("finish")
@localised
def finish(
    directory: Exchange,
    out: Annotated[Path, typer.Option("--out", help="The ceremony's record (election.json).")],
    lang: LangOption = Language.FA,
) -> None:
    """Check every file of the ceremony and write its record, or name the guardian at fault."""
    record, data = guardians.finish(
        _read(directory / PLAN_FILE),
        _all(directory, "public"),
        _all(directory, "shares"),
        _all(directory, "check"),
        _all(directory, "reveal"),
    )
    out.write_bytes(data)
    _say("finished", lang, key=record.joint_key.hex(), file=str(out))


Record = Annotated[Path, typer.Option("--record", help="The ceremony's record (election.json).")]


@guardians_app.command("forget")
@localised
def forget(
    key: KeyFile, record: Record, private: Private = None, lang: LangOption = Language.FA
) -> None:
    """Once the ceremony is finished: check that your key share fits its record, then erase
    your ceremony secret (your polynomial holds a part of the joint secret, §5)."""
    record_file = _read(record)
    index = guardians.record_index(record_file, read_key_file(key))
    folder = _private_dir(private, key)
    key_file = _read(folder / f"guardian-{index}.key.json")
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
    _say("forgotten", lang, i=index, file=str(secret))


TallyFile = Annotated[Path, typer.Option("--tally", help="The encrypted tally.")]
MixInputFile = Annotated[
    Path, typer.Option("--input", help="The constituency's mix input (sandogh publish).")
]
Out = Annotated[Path, typer.Option("--out", help="The file to write.")]


def _optional(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def stations_of(snapshot: Path) -> dict[str, tally_origin.StationFiles]:
    """Every station's chain and reports in the snapshot's election folder."""
    return {
        chain.stem: tally_origin.StationFiles(
            chain.read_bytes(),
            _optional(snapshot / "reports" / chain.stem / "zero.json"),
            _optional(snapshot / "reports" / chain.stem / "final.json"),
        )
        for chain in sorted((snapshot / "e2e" / "ballots").glob("*.jsonl"))
    }


def snapshot_of(snapshot: Path) -> tally_origin.Snapshot:
    """Every station's files and the sealed record's files in the snapshot's election folder."""
    return tally_origin.Snapshot(
        stations_of(snapshot),
        _optional(snapshot / ANCHOR_RECORD),
        _optional(snapshot / ANCHOR_SIGNATURES),
        _optional(snapshot / ANCHOR_AMENDMENTS),
    )


def checked_definition(snapshot: Path, definition_hash: str) -> Election:
    """The snapshot's `definition.json`, refused unless it is the one the ceremony names
    (`definition_hash`): the stations, constituencies and ballots a guardian holds chains and
    mix inputs to are the ceremony's, never ones the snapshot makes up (docs/e2e.md §8)."""
    definition = _read(snapshot / "definition.json")
    if sha256_text(definition.data) != definition_hash:
        raise GuardianFileError(
            definition.where, [Problem("", f"is not the ceremony's definition {definition_hash}")]
        )
    return decode_canonical(definition.data)


def checked_chains(
    record: CeremonyRecord, snapshot: Path, trust: tally_origin.Trust
) -> dict[str, ChainFile]:
    """`tally_origin.checked_chains` of the snapshot's election folder, its definition first
    held to the ceremony's (`checked_definition`)."""
    election = checked_definition(snapshot, record.plan.definition_hash)
    return tally_origin.checked_chains(
        record, Geography.of(election), snapshot_of(snapshot), str(snapshot), trust
    )


def check_input(
    snapshot: Path, definition_hash: str, chains: Mapping[str, ChainFile], given: Document
) -> None:
    """Refuse a mix input that is not its constituency's rows from the snapshot's checked
    chains, every station of the constituency in it (the definition the ceremony names tells
    which): a mix of one voter's rows would decrypt that voter's vote (docs/e2e.md §8)."""
    election = checked_definition(snapshot, definition_hash)
    expected = chain_inputs(election, Geography.of(election), chains)
    mixed = decode_input(GROUP, given.data, given.where)
    made = expected.get(f"mixes/{mixed.contest}/{mixed.constituency}.json")
    if made is None or encode_input(made) != encode_input(mixed):
        raise GuardianFileError(
            given.where,
            [
                Problem(
                    mixed.label,
                    "is not the rows of every cast ballot of the constituency's chains",
                )
            ],
        )


@guardians_app.command("decrypt")
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
            help="The sealed pre-election record's fingerprint (or an amendment's head), long or "
            "short, as given to you at the ceremony or printed in a newspaper.",
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
    record_file = _read(record)
    index = guardians.record_index(record_file, read_key_file(key))
    key_file = _read(_private_dir(private, key) / f"guardian-{index}.key.json")
    parsed = guardians.read_record(record_file)
    if unanchored:
        _warn("unanchored", lang)
    elif anchor is None:
        _warn("no_anchor", lang)
    chains = checked_chains(parsed, snapshot, tally_origin.Trust(anchor, unanchored))
    if mix_input is not None:
        given = _read(mix_input)
        check_input(snapshot, parsed.plan.definition_hash, chains, given)
        made = [_read(p) for p in mixes or []]
        data = mixing.decrypt_rows(
            record_file, key_file, given, made, key=read_key_file(key), draw=_draw
        )
    else:
        assert tally is not None
        products = {s: chain_products(GROUP, c) for s, c in chains.items()}
        data = tally_decryption.decrypt(
            record_file, key_file, _read(tally), read_key_file(key), _draw, products=products
        )
    out.write_bytes(data)
    _say("decrypted", lang, i=index, n=data.count(b'"share":'), file=str(out))


@guardians_app.command("combine")
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
        _read(record), _read(tally), [_read(p) for p in partials]
    )
    out.write_bytes(combined.data)
    for fault in combined.left_out:
        _say("left_out", lang, fault=str(fault))
    comma = "، " if lang.lang == "fa" else ", "
    used = comma.join(format_int(g, lang.lang) for g in combined.used)
    _say("combined", lang, file=str(out), used=used)


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


@guardians_app.command("mix")
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
    made = [_read(p) for p in previous or []]
    signing = read_key_file(key)
    done, data = mixing.mix(_read(record), _read(mix_input), made, signing, MIX_RANDOMNESS)
    out.write_bytes(data)
    _say("mixed", lang, i=done.guardian, t=done.mixer, n=len(done.rows), file=str(out))


@guardians_app.command("rows")
@localised
def rows(
    record: Record,
    mix_input: MixInputFile,
    mixes: Annotated[list[Path], typer.Argument(help="Every mix, in order.")],
    out: Out,
    lang: LangOption = Language.FA,
) -> None:
    """The last mix's rows as a tally, for `decrypt` and `combine` (docs/e2e.md §11.5)."""
    data = mixing.rows_to_decrypt(_read(record), _read(mix_input), [_read(p) for p in mixes])
    out.write_bytes(data)
    _say("rows", lang, n=data.count(b'"ballots":1'), file=str(out))
