"""`sandogh anchor draft|sign|seal|show|draft-amendment|amend`: the pre-election record.

Issue 9, section 2 (`services.anchor`, `core.anchor`). The election HQ drafts the record from the
store into a file (`draft`); each official reads it and signs it on their own machine with their
own key file — made by `sandogh staff keygen` — adding their signature to a signature file
(`sign`); the HQ gives the record and the signature files back to the centre, which checks each
signature and seals the record once k officials of both bodies have signed (`seal`). `show` prints
the fingerprint, long and short, for the newspapers (Persian digits with `--lang fa`). After
sealing, a box replaced or a member of staff changed is a signed amendment: drafted
(`draft-amendment`), signed as the record is (`sign`), recorded (`amend`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, LangOption, Language
from sandogh.cli.session import actor, now
from sandogh.core.anchor import (
    AMENDMENT_LINE,
    RECORD_LINE,
    Authority,
    Body,
    E2EKeys,
    OfficialSignature,
    RecordError,
    decode_amendment,
    decode_record,
    decode_signatures,
    encode_amendment,
    encode_signatures,
    fingerprint,
    merge,
    next_amendment,
    short_fingerprint,
    sign_bytes,
)
from sandogh.core.definition.problems import Problem
from sandogh.core.fleet.build_signatures import BUILD_LINE, decode_decision
from sandogh.core.report import KeyMaterialError, PublicKey, StaffRole
from sandogh.core.report.digests import sha256_text
from sandogh.core.report.staff import RegisteredStaff
from sandogh.formats.key_file import read_key_file
from sandogh.locale.digits import format_int, to_persian_digits
from sandogh.locale.language import Lang

# The services (and the store's ports they bring) are imported by the command that uses them:
# every `sandogh anchor` command imports this module for its options.

anchor_app = typer.Typer(help="The pre-election record: the anchor of every signature.")
_out = Console(highlight=False, soft_wrap=True)

_FA = {
    "drafted": "پیش‌نویس سیاهه پیش از انتخابات در {file} نوشته شد: {stations} شعبه، "
    "{officials} مقام امضاکننده، آستانه {threshold}",
    "signed": "امضای {name} افزوده شد؛ {count} امضا در {file}",
    "sealed": "سیاهه پیش از انتخابات مهر شد با {count} امضا",
    "amended": "اصلاحیه {number} ثبت شد: {station}",
    "amendment": "پیش‌نویس اصلاحیه در {file} نوشته شد",
    "fingerprint": "اثر انگشت: {long}",
    "short": "شکل کوتاه (برای چاپ و خواندن): {short}",
    "state_sealed": "مهرشده",
    "state_draft": "پیش‌نویس؛ هنوز مهر نشده",
    "amendments": "{count} اصلاحیه",
    "head_record": "سر کنونی زنجیره: خود سیاهه (هنوز اصلاحیه‌ای نیست)",
    "head_amendment": "سر کنونی زنجیره: اصلاحیه {number}؛ این را با اصلاحیه منتشر کنید و "
    "ناظران همین را برای --anchor نگه دارند",
}
_EN = {
    "drafted": "Pre-election record drafted to {file}: {stations} stations, {officials} officials "
    "to sign, threshold {threshold}",
    "signed": "{name}'s signature added; {count} signatures in {file}",
    "sealed": "Pre-election record sealed with {count} signatures",
    "amended": "Amendment {number} recorded: {station}",
    "amendment": "Amendment drafted to {file}",
    "fingerprint": "Fingerprint: {long}",
    "short": "Short form (to print and read aloud): {short}",
    "state_sealed": "sealed",
    "state_draft": "a draft; not sealed yet",
    "amendments": "{count} amendments",
    "head_record": "Current head of the chain: the record itself (no amendment yet)",
    "head_amendment": "Current head of the chain: amendment {number}; publish it with the "
    "amendment, for observers to carry to --anchor",
}

ElectionRequired = Annotated[str, typer.Option("--election", "-e", help="Election id.")]
KeyFile = Annotated[Path, typer.Option("--key", help="Your own key file (staff keygen).")]


@contextmanager
def _in_language(lang: Lang) -> Iterator[None]:
    """A refused step on the record says so in the command's language (`AnchorError.fa`/`en`)."""
    from sandogh.services.anchor import AnchorError

    try:
        yield
    except AnchorError as refused:
        worded = refused.fa if lang == "fa" else refused.en
        if worded is not None:
            refused.args = (worded,)
        raise


def _say(key: str, lang: Lang, **values: str | int) -> str:
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


def _print_fingerprint(data: bytes, lang: Lang) -> None:
    long = fingerprint(data)
    short = short_fingerprint(long)
    _out.print(_say("fingerprint", lang, long=long), markup=False)
    shown = to_persian_digits(short) if lang == "fa" else short
    _out.print(_say("short", lang, short=shown), markup=False)


def _authority(text: str) -> Authority:
    body, sep, rest = text.partition(":")
    name, sep2, key = rest.partition(":")
    try:
        if not (sep and sep2):
            raise ValueError
        return Authority(name, Body(body), PublicKey.from_text(key))
    except (ValueError, KeyMaterialError):
        bodies = "|".join(b.value for b in Body)
        raise typer.BadParameter(
            f"{text!r} is not {bodies}:NAME:ed25519:HEX", param_hint="--authority"
        ) from None


@anchor_app.command("draft")
def draft(
    election: ElectionRequired,
    authority: Annotated[
        list[str],
        typer.Option(
            "--authority",
            help="BODY:NAME:ed25519:HEX, BODY one of hq, supervisory-board, log (repeat).",
        ),
    ],
    threshold: Annotated[int, typer.Option("--threshold", help="k: officials who must sign.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the record.")],
    e2e: Annotated[
        Path | None,
        typer.Option(
            "--e2e",
            help="The guardians' ceremony record (guardians finish): its joint key and HE join.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Draft the record from the store (boxes and staff registered now) for officials to sign."""
    from sandogh.services.anchor import draft_record

    with _in_language(lang.lang):
        drafted = draft_record(
            open_store(db),
            election_id=election,
            authorities=[_authority(each) for each in authority],
            threshold=threshold,
            now=now(),
            actor=actor(),
            e2e=None if e2e is None else e2e_keys(e2e),
        )
    out.write_bytes(drafted.data)
    record = decode_record(drafted.data)
    values = {"stations": len(record.stations), "officials": len(record.officials)}
    _out.print(
        _say("drafted", lang.lang, file=str(out), threshold=threshold, **values), markup=False
    )
    _print_fingerprint(drafted.data, lang.lang)


def e2e_keys(path: Path) -> E2EKeys:
    """The ceremony record's id, HE and joint key, and the SHA-256 of its bytes (which binds its
    complaints), every proof in it checked first (also how `sandogh simulate` drafts its record:
    `cli.simulated_anchor`)."""
    from sandogh.services.guardians import Document, read_record

    data = path.read_bytes()
    record = read_record(Document(str(path), data))
    return E2EKeys(
        record.plan.id, record.extended_hash.hex(), record.joint_key.hex(), sha256_text(data)
    )


def _signatures_path(file: Path) -> Path:
    return file.with_name(file.stem + ".signatures.json")


@anchor_app.command("sign")
def sign(
    file: Annotated[
        Path, typer.Argument(help="The record, an amendment, or a build decision, to sign.")
    ],
    key: KeyFile,
    signatures: Annotated[
        Path | None,
        typer.Option(
            "--signatures",
            help="The signature file to add to (default: FILE's name with .signatures.json).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """Sign the record (or an amendment) with your own key, adding to its signature file."""
    from sandogh.services.anchor import AnchorError, AnchorRefusal

    data = file.read_bytes()
    signing = read_key_file(key)
    try:
        record = decode_record(data)
    except RecordError:
        line, name = _other_line(data), signing.public_key.text
    else:
        official = record.officials.get(signing.public_key)
        if official is None:
            with _in_language(lang.lang):
                raise AnchorError(
                    AnchorRefusal.NOT_AN_OFFICIAL,
                    [Problem("--key", f"{signing.public_key.text} is no official of the record")],
                )
        line, name = RECORD_LINE, official.name
    target = signatures or _signatures_path(file)
    held: tuple[OfficialSignature, ...] = ()
    if target.exists():
        held = decode_signatures(target.read_bytes(), data)
    everyone = merge(held, [sign_bytes(line, data, signing)])
    target.write_bytes(encode_signatures(data, everyone))
    _out.print(
        _say("signed", lang.lang, name=name, count=len(everyone), file=str(target)), markup=False
    )
    _print_fingerprint(data, lang.lang)


def _other_line(data: bytes) -> bytes:
    """The first line an official signs `data` under when it is no record: a build decision's
    (review S19 F7, `core.fleet.build_signatures`) or an amendment's."""
    try:
        decode_decision(data)
    except RecordError:
        decode_amendment(data)  # neither a record nor an amendment: this one's problems tell
        return AMENDMENT_LINE
    return BUILD_LINE


def _gathered(data: bytes, files: list[Path]) -> tuple[OfficialSignature, ...]:
    return merge(*(decode_signatures(each.read_bytes(), data) for each in files))


@anchor_app.command("seal")
def seal(
    election: ElectionRequired,
    record: Annotated[Path, typer.Argument(help="The record the officials signed.")],
    signatures: Annotated[list[Path], typer.Argument(help="Their signature files.")],
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Add the officials' signatures to the stored draft and seal it once k of them are there."""
    from sandogh.services.anchor import (
        AnchorError,
        AnchorRefusal,
        add_signature,
        record_of,
        seal_record,
    )

    data = record.read_bytes()
    uow = open_store(db)
    with _in_language(lang.lang):
        stored, _ = record_of(uow, election_id=election)
        if stored.data != data:
            other = f"is {fingerprint(data)}, the draft {fingerprint(stored.data)}"
            raise AnchorError(AnchorRefusal.OTHER_RECORD, [Problem(str(record), other)])
        for signature in _gathered(data, signatures):
            add_signature(uow, election_id=election, signature=signature, now=now(), actor=actor())
        sealed = seal_record(uow, election_id=election, now=now(), actor=actor())
    _out.print(_say("sealed", lang.lang, count=len(sealed.signatures)), markup=False)
    _print_fingerprint(data, lang.lang)


@anchor_app.command("show")
def show(
    election: ElectionRequired,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """The record's fingerprint, long and short, whether it is sealed, its amendments, and the
    chain's current head: what observers carry (the record's fingerprint, or the last amendment's
    hash)."""
    from sandogh.services.anchor import record_of

    stored, amendments = record_of(open_store(db), election_id=election)
    state = "state_sealed" if stored.sealed_at is not None else "state_draft"
    _out.print(f"{election}: {_say(state, lang.lang)}", markup=False)
    _print_fingerprint(stored.data, lang.lang)
    _out.print(_say("amendments", lang.lang, count=len(amendments)), markup=False)
    last = encode_amendment(amendments[-1].signed.amendment) if amendments else stored.data
    _print_head(len(amendments), last, lang.lang)


def _print_head(number: int, data: bytes, lang: Lang) -> None:
    """The chain's head, long and short: the bytes of amendment `number`, or of the record when
    it is 0 (`core.anchor.amendments`)."""
    if number:
        _out.print(_say("head_amendment", lang, number=number), markup=False)
    else:
        _out.print(_say("head_record", lang), markup=False)
    _print_fingerprint(data, lang)


@anchor_app.command("draft-amendment")
def draft_amendment(
    election: ElectionRequired,
    station: Annotated[str, typer.Option("--station", help="The station's code.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for the public record.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the amendment.")],
    device: Annotated[
        str | None, typer.Option("--device", help="A new box: ed25519:HEX.", show_default=False)
    ] = None,
    staff_key: Annotated[
        str | None,
        typer.Option("--staff-key", help="A new member of staff: ed25519:HEX.", show_default=False),
    ] = None,
    role: Annotated[
        StaffRole | None, typer.Option("--role", help="Their role.", show_default=False)
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="Their full name.", show_default=False)
    ] = None,
    replaces: Annotated[
        str | None,
        typer.Option("--replaces", help="The key this one replaces.", show_default=False),
    ] = None,
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Draft the next amendment to the sealed record, for officials to sign."""
    from sandogh.services.anchor import record_of

    stored, before = record_of(open_store(db), election_id=election)
    record = decode_record(stored.data)
    member = None
    if staff_key is not None:
        if role is None or person is None:
            raise typer.BadParameter("--staff-key needs --role and --person", param_hint="--role")
        member = RegisteredStaff(election, station, person, role, _key(staff_key, "--staff-key"))
    amendment = next_amendment(
        record,
        [each.signed.amendment for each in before],
        station=station,
        reason=reason,
        device=None if device is None else _key(device, "--device"),
        staff=member,
        replaces=None if replaces is None else _key(replaces, "--replaces"),
    )
    data = encode_amendment(amendment)
    out.write_bytes(data)
    _out.print(_say("amendment", lang.lang, file=str(out)), markup=False)
    _print_fingerprint(data, lang.lang)


def _key(text: str, option: str) -> PublicKey:
    try:
        return PublicKey.from_text(text)
    except KeyMaterialError:
        raise typer.BadParameter(f"{text!r} is not ed25519:HEX", param_hint=option) from None


@anchor_app.command("amend")
def amend(
    election: ElectionRequired,
    amendment: Annotated[Path, typer.Argument(help="The amendment the officials signed.")],
    signatures: Annotated[list[Path], typer.Argument(help="Their signature files.")],
    db: DbOption = None,
    lang: LangOption = Language.FA,
) -> None:
    """Record a signed amendment to the sealed record."""
    from sandogh.services.anchor import amend_record

    data = amendment.read_bytes()
    with _in_language(lang.lang):  # a second head, say, named in it (S19 R7)
        added = amend_record(
            open_store(db),
            election_id=election,
            amendment=decode_amendment(data),
            signatures=_gathered(data, signatures),
            now=now(),
            actor=actor(),
        )
    station = added.signed.amendment.station
    _out.print(_say("amended", lang.lang, number=added.number, station=station), markup=False)
    _print_head(added.number, data, lang.lang)
