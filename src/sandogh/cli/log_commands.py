"""`sandogh log verify|export|keygen|public-key`: the hash-chained record of events, proven,
exported and anchored.

`verify --against` holds the stored log to the signed checkpoints a snapshot published
(`publish.log_anchor`; issue 9, section 3): a log behind a checkpoint (its tail cut off), or with
another hash at a checkpoint's entry (an entry deleted or rewritten and the rest re-hashed), or a
checkpoint the log key did not sign, fails with exit 4 and names the entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from sandogh.cli.database import open_store
from sandogh.cli.options import DbOption, JsonOption, LangOption, Language
from sandogh.core.log import Anchored, Break, Checkpoint, Fault, SignedCheckpoint
from sandogh.core.report import PublicKey
from sandogh.core.report.errors import KeyMaterialError
from sandogh.formats.key_file import read_key_file, write_key_file
from sandogh.locale.digits import format_int
from sandogh.locale.language import Lang
from sandogh.publish.log_anchor import read_log_anchor
from sandogh.publish.sources import open_source

log_app = typer.Typer(help="The hash-chained record of events.", no_args_is_help=True)
_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)
BROKEN = 4  # the exit status when the log does not hold

_FA: dict[str, str] = {
    "holds": "زنجیره رویدادها درست است: {checked} رویداد، آخرین رویداد {sequence} با چکیده {hash}",
    "empty": "زنجیره رویدادها درست است: هیچ رویدادی ثبت نشده",
    "broken": "زنجیره رویدادها در رویداد {sequence} شکسته است ({fault}): "
    "{expected} انتظار می‌رفت، {found} یافت شد",
    "truncated": "لاگ ذخیره‌شده تنها تا رویداد {head} است، اما نقطه بازبینی منتشرشده رویداد "
    "{sequence} را تضمین کرده: انتهای لاگ بریده شده است",
    "mismatch": "چکیده رویداد {sequence} در لاگ ذخیره‌شده {found} است، اما نقطه بازبینی منتشرشده "
    "{expected} را تضمین کرده: رویدادی حذف یا بازنویسی و بقیه دوباره چکیده‌گیری شده است",
    "forged": "امضای نقطه بازبینی رویداد {sequence} ({time}) با کلید لاگ {key} درست نیست",
    "against": "سنجیده با {count} نقطه بازبینی منتشرشده در {location}",
    "own_key": "هشدار: کلید لاگ ({key}) از پرونده log/key.txt همین انتشار خوانده شد و تنها گفته "
    "خود آن است؛ کلید را از منبعی دیگر با --log-key-public بدهید",
    "keygen": "کلید لاگ در {file} ساخته شد؛ کلید عمومی آن (برای انتشار): {key}",
}
_EN: dict[str, str] = {
    "holds": "the chain holds: {checked} entries, the last {sequence} with hash {hash}",
    "empty": "the chain holds: no entries recorded",
    "broken": "the chain is broken at entry {sequence} ({fault}): expected {expected}, "
    "found {found}",
    "truncated": "the stored log ends at entry {head}, but a published checkpoint vouches for "
    "entry {sequence}: its tail was cut off",
    "mismatch": "entry {sequence} of the stored log has hash {found}, but a published checkpoint "
    "vouches for {expected}: an entry was deleted or rewritten and the rest re-hashed",
    "forged": "the checkpoint of entry {sequence} ({time}) is not signed by the log key {key}",
    "against": "held to {count} published checkpoints at {location}",
    "own_key": "warning: the log key ({key}) was read from this snapshot's own log/key.txt and is "
    "only its word; give the key from a second source with --log-key-public",
    "keygen": "the log key is in {file}; its public key (to publish): {key}",
}


def _say(message: str, lang: Lang, **values: str | int) -> str:
    template = (_FA if lang == "fa" else _EN)[message]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


@log_app.command("verify")
def log_verify(
    db: DbOption = None,
    as_json: JsonOption = False,
    checkpoint: Annotated[
        str | None,
        typer.Option(
            "--checkpoint",
            help="SEQUENCE:HASH of an entry recorded apart from the log, to detect truncation.",
            show_default=False,
        ),
    ] = None,
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            help="A published snapshot (folder or http(s) URL): hold the log to its signed "
            "checkpoints (log/checkpoints.json).",
            show_default=False,
        ),
    ] = None,
    log_key_public: Annotated[
        str | None,
        typer.Option(
            "--log-key-public",
            help="The centre's log key (ed25519:…), from a second source; default the "
            "snapshot's own log/key.txt, with a warning. Without --against: hold the log to "
            "the checkpoints stored beside it, signed by this key.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """Re-hash every entry; exit 4 and name the first broken entry if the chain does not hold,
    or if it disagrees with a published checkpoint."""
    # The log's services (and the store's ports they bring) are imported by the command that uses
    # them: every `sandogh log` command imports this module for its options.
    from sandogh.services.audit import checkpoints, verify_against, verify_log

    key: PublicKey | None = None
    if against is None and log_key_public is not None:
        # the centre's own signed checkpoints: a log re-chained in the database disagrees
        key = _public_key(log_key_public)
        uow = open_store(db)
        stored = tuple(checkpoints(uow))
        anchored = verify_against(uow, stored, key)
        anchors = [c.checkpoint for c in stored if c not in anchored.forged]
    elif against is None:
        given = _checkpoint(checkpoint)
        anchored = Anchored(verify_log(open_store(db), given), ())
        anchors = [] if given is None else [given]
    else:
        taken, key = _published(against, log_key_public, lang.lang)
        anchored = verify_against(open_store(db), taken, key)
        anchors = [c.checkpoint for c in taken if c not in anchored.forged]
    if as_json:
        _out.print_json(data=_json(anchored))
    else:
        furthest = max((c.sequence for c in anchors), default=0)
        _show(anchored, lang.lang, key, furthest)
    if not anchored.ok:
        raise typer.Exit(BROKEN)


def _published(
    location: str, key_text: str | None, lang: Lang
) -> tuple[tuple[SignedCheckpoint, ...], PublicKey]:
    given = None if key_text is None else _public_key(key_text)
    with open_source(location) as source:
        taken, own = read_log_anchor(source)
    key = given or own
    if key is None:
        raise typer.BadParameter(
            f"{location} publishes no log/key.txt: give the log key", param_hint="--log-key-public"
        )
    if given is None:
        _err.print(f"[yellow]{escape(_say('own_key', lang, key=key.text))}[/yellow]")
    _err.print(escape(_say("against", lang, count=len(taken), location=location)))
    return taken, key


def _public_key(text: str) -> PublicKey:
    try:
        return PublicKey.from_text(text)
    except KeyMaterialError:
        raise typer.BadParameter(
            "expected ed25519: and 64 lowercase hex digits", param_hint="--log-key-public"
        ) from None


def _show(anchored: Anchored, lang: Lang, key: PublicKey | None, furthest: int) -> None:
    """`furthest`: the last entry a checkpoint held against the log vouches for."""
    for forged in anchored.forged:
        shown, signer = forged.time.isoformat(), "—" if key is None else key.text
        line = _say("forged", lang, sequence=forged.sequence, time=shown, key=signer)
        _out.print(f"[bold red]{escape(line)}[/bold red]")
    result = anchored.chain
    if result.broken is not None:
        line = _broken(result.broken, result.head, lang, furthest)
        _out.print(f"[bold red]{escape(line)}[/bold red]")
    elif anchored.forged:
        return  # the chain held only to the checkpoints that are not forged
    elif result.head is None:
        _out.print(f"[green]{escape(_say('empty', lang))}[/green]")
    else:
        head = result.head
        line = _say("holds", lang, checked=result.checked, sequence=head.sequence, hash=head.hash)
        _out.print(f"[green]{escape(line)}[/green]")


def _broken(broken: Break, last: Checkpoint | None, lang: Lang, furthest: int) -> str:
    if broken.fault is Fault.TRUNCATED:
        head = 0 if last is None else last.sequence
        return _say("truncated", lang, head=head, sequence=furthest)
    if broken.fault is Fault.CHECKPOINT_MISMATCH:
        return _say(
            "mismatch", lang, sequence=broken.sequence, found=broken.found, expected=broken.expected
        )
    return _say(
        "broken",
        lang,
        sequence=broken.sequence,
        fault=broken.fault.value,
        expected=broken.expected,
        found=broken.found,
    )


def _json(anchored: Anchored) -> dict[str, Any]:
    result, broken = anchored.chain, anchored.chain.broken
    return {
        "ok": anchored.ok,
        "checked": result.checked,
        "head": None
        if result.head is None
        else {"sequence": result.head.sequence, "hash": result.head.hash},
        "broken": None
        if broken is None
        else {
            "position": broken.position,
            "sequence": broken.sequence,
            "fault": broken.fault.value,
            "expected": broken.expected,
            "found": broken.found,
        },
        "forged": [{"sequence": c.sequence, "head": c.head} for c in anchored.forged],
    }


def _checkpoint(text: str | None) -> Checkpoint | None:
    if text is None:
        return None
    sequence, _, digest = text.partition(":")
    if not sequence.isdigit() or not digest:
        raise typer.BadParameter("expected SEQUENCE:HASH, e.g. 12:9f3a…", param_hint="--checkpoint")
    return Checkpoint(int(sequence), digest)


@log_app.command("export")
def log_export(
    output: Annotated[Path, typer.Option("--out", help="JSON-lines file to write.")],
    db: DbOption = None,
) -> None:
    """Write every entry as a line of JSON, for anyone to re-verify."""
    from sandogh.services.audit import export_log

    if output.exists():
        raise typer.BadParameter(f"{output} exists; choose another file", param_hint="--out")
    with output.open("x", encoding="utf-8") as stream:
        count = export_log(open_store(db), stream.write)
    _out.print(f"{output}: {count} entries")


@log_app.command("keygen")
def log_keygen(
    output: Annotated[Path, typer.Option("--out", help="The key file to create (mode 0600).")],
    lang: LangOption = Language.FA,
) -> None:
    """Create the centre's log key, which signs the log's checkpoints; print its public key."""
    key = write_key_file(output)
    _out.print(escape(_say("keygen", lang.lang, file=str(output), key=key.public_key.text)))


@log_app.command("public-key")
def log_public_key(
    key_file: Annotated[
        Path, typer.Option("--log-key", envvar="SANDOGH_LOG_KEY_FILE", help="The log key file.")
    ],
) -> None:
    """Print the log key's public key (ed25519:…), as the pre-election record lists it."""
    _out.print(read_key_file(key_file).public_key.text)
