"""`sandogh publish`, `verify-results` and `publish-serve`: the results snapshot (docs/publish.md).

`publish` writes the snapshot from the store and, with `--follow`, keeps it current as reports
arrive; `verify-results` checks a snapshot from its files alone and exits 5 on any disagreement
(docs/cli-json.md); `publish-serve` serves a snapshot folder as plain static files.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sandogh.cli import verification_view
from sandogh.cli.database import open_stores
from sandogh.cli.options import DbOption, JsonOption, LangOption, Language, LogKeyOption
from sandogh.cli.serve import HostOption, MetricsHostOption, MetricsPortOption, PortOption
from sandogh.core.definition.model import UnitKind
from sandogh.locale.dates import format_duration
from sandogh.locale.digits import format_int, to_ascii_digits
from sandogh.locale.language import Lang

if TYPE_CHECKING:
    from sandogh.publish.metrics import PublisherMetrics
    from sandogh.publish.snapshot import Publisher, Regeneration

# The snapshot's writer, its verifier and the static server are imported by the command that uses
# them: each of the three commands imports this module for all three's options.

#: The exit status of `verify-results` when anything disagrees (docs/cli-json.md).
DISAGREES = 5
#: the exit status when asked to verify without an anchor (a usage error, as Typer's)
NO_ANCHOR = 2

out = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_FA: dict[str, str] = {
    "written": "{written} پرونده نوشته شد، {unchanged} پرونده بی‌تغییر ماند",
    "rendered": "، {pages} صفحه ساخته شد",
    "following": "پیگیری رویدادها هر {every}؛ برای پایان Ctrl+C",
    "no_log_key": "هشدار: کلید لاگ داده نشد (--log-key یا SANDOGH_LOG_KEY_FILE)؛ "
    "نقطه بازبینی امضاشده‌ای از لاگ رویدادها منتشر نمی‌شود",
}
_EN: dict[str, str] = {
    "written": "{written} files written, {unchanged} unchanged",
    "rendered": ", {pages} pages rendered",
    "following": "following the event log every {every}; Ctrl+C to stop",
    "no_log_key": "warning: no log key given (--log-key or SANDOGH_LOG_KEY_FILE); no signed "
    "checkpoint of the event log is published",
}


def say(key: str, lang: Lang, **values: str | int) -> str:
    """A message of this module in `lang`; whole numbers in its digits."""
    template = (_FA if lang == "fa" else _EN)[key]
    return template.format_map(
        {k: format_int(v, lang) if isinstance(v, int) else v for k, v in values.items()}
    )


def publish(
    out_dir: Annotated[Path, typer.Option("--out", help="The snapshot's folder.")],
    election: Annotated[
        str | None,
        typer.Option(
            "--election", "-e", help="Publish this election only (default: every one stored)."
        ),
    ] = None,
    db: DbOption = None,
    follow: Annotated[
        bool, typer.Option("--follow", help="Keep following the event log until interrupted.")
    ] = False,
    interval: Annotated[
        float, typer.Option("--interval", min=0.05, help="Seconds between reads of the log.")
    ] = 2.0,
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="Bring an existing snapshot up to date from the log, writing only what changed.",
        ),
    ] = False,
    bulk_interval: Annotated[
        float,
        typer.Option(
            "--bulk-interval",
            min=0.0,
            help="While following, rewrite csv/totals.csv and the NIST report at most this often.",
        ),
    ] = 60.0,
    nist_detail: Annotated[
        UnitKind,
        typer.Option("--nist-detail", help="The smallest units the NIST report gives votes for."),
    ] = UnitKind.STATION,
    log_key: LogKeyOption = None,
    metrics_port: MetricsPortOption = None,
    metrics_host: MetricsHostOption = "127.0.0.1",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes that write a large election's files and render its site's pages "
            "on a whole regeneration (default: one per core).",
            show_default=False,
        ),
    ] = None,
    e2e_tallies: Annotated[
        Path | None,
        typer.Option(
            "--e2e-tallies",
            help="Write the E2E record's encrypted tallies here, a file for each station and "
            "constituency, for `sandogh guardians decrypt` (docs/e2e.md §8), and a large "
            "contest's mix input, mixes/<contest>/<constituency>.json (§11.4).",
            show_default=False,
        ),
    ] = None,
    e2e_decrypted: Annotated[
        Path | None,
        typer.Option(
            "--e2e-decrypted",
            help="Where `sandogh guardians combine` wrote the decrypted tallies (the same paths), "
            "and a large contest's mixes and decrypted rows (mixes/<contest>/<constituency>/"
            "mix-<t>.json, rows.json): they join the E2E record.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
) -> None:
    """Write the results snapshot (JSON, CSV, NIST, every signed report, an E2E election's record)
    from the store; with the log key, the event log's signed checkpoints too
    (log/checkpoints.json)."""

    from sandogh.formats.key_file import read_key_file
    from sandogh.publish.e2e_record import E2EOptions
    from sandogh.publish.snapshot import Publisher
    from sandogh.server.metrics_export import MetricsListen, exported

    if follow and once:
        raise typer.BadParameter(
            "--once catches up and stops; leave out --follow", param_hint="--once"
        )
    writes, reads = open_stores(db)
    publisher = Publisher(
        writes,
        out_dir,
        elections=None if election is None else [election],
        bulk_interval=bulk_interval if follow else 0.0,
        nist_down_to=nist_detail,
        log_key=None if log_key is None else read_key_file(log_key),
        e2e=E2EOptions(tallies_out=e2e_tallies, decrypted=e2e_decrypted),
        workers=workers or os.cpu_count() or 1,
        reads=reads,
        hold=follow,  # a follower's state stays for hours: out of the full collections
    )
    if log_key is None:
        err.print(say("no_log_key", lang.lang))
    first = publisher.catch_up() if once else publisher.regenerate()
    _report(first, lang.lang)
    if not follow:
        return
    out.print(say("following", lang.lang, every=format_duration(interval, lang.lang)))
    signal.signal(signal.SIGTERM, _interrupt)
    listen = None if metrics_port is None else MetricsListen(metrics_port, metrics_host)
    try:
        with exported(listen, several=False):
            _follow(publisher, first, interval, lang.lang)
    except KeyboardInterrupt:
        pass
    finally:
        _report(publisher.flush(), lang.lang)


def _follow(publisher: Publisher, first: Regeneration, interval: float, lang: Lang) -> None:
    """Poll the log every `interval` seconds until interrupted, each pass (after the `first`,
    the whole snapshot) in the metrics."""
    from sandogh.publish.metrics import PublisherMetrics

    metrics = PublisherMetrics(publisher)
    metrics.passed(first, None, datetime.datetime.now(datetime.UTC))
    while True:
        time.sleep(interval)
        if not follow_once(publisher, metrics, lang):
            while True:  # stopped, its metrics served (the alerts fire) until it is stopped
                time.sleep(interval)


def follow_once(publisher: Publisher, metrics: PublisherMetrics, lang: Lang) -> bool:
    """One pass of a follower, in `metrics`; False when what the store holds was refused (a
    sealed record, a report or a sheet rewritten behind the log's back): the snapshot stays at
    its last good state, and the publisher passes no more (a pass after it would follow the log
    on from the refused entries), which the metrics say (`publish.metrics`)."""
    from sqlalchemy.exc import SQLAlchemyError

    from sandogh.cli.failures import refusal_line
    from sandogh.core.errors import SandoghError

    started = time.monotonic()
    try:
        done = publisher.poll()
    except SQLAlchemyError as failure:  # a busy or restarting store: try again next time
        err.print(f"sandogh: {failure.__class__.__name__}: {failure}", markup=False)
        return True
    except SandoghError as refused:
        err.print(refusal_line(refused, ["--lang", lang]), markup=False)
        metrics.refused()
        return False
    metrics.passed(done, time.monotonic() - started, datetime.datetime.now(datetime.UTC))
    if done.written:
        _report(done, lang)
    return True


def _interrupt(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise KeyboardInterrupt


def _report(done: Regeneration, lang: Lang) -> None:
    line = say("written", lang, written=len(done.written), unchanged=done.unchanged)
    if done.rendered is not None:
        line += say("rendered", lang, pages=done.rendered)
    out.print(line)


def verify_results(
    location: Annotated[str, typer.Argument(help="The snapshot: a folder or an http(s) URL.")],
    election: Annotated[
        str | None,
        typer.Option("--election", "-e", help="Check this election only (default: every one)."),
    ] = None,
    anchor: Annotated[
        list[str] | None,
        typer.Option(
            "--anchor",
            help="The pre-election record's fingerprint, or its last amendment's head, from a "
            "second source: sha256:HEX, or its short form of 40 digits (repeat for each "
            "election).",
            show_default=False,
        ),
    ] = None,
    record: Annotated[
        list[str] | None,
        typer.Option(
            "--record",
            help="The pre-election record itself, from a second source: a file or URL.",
            show_default=False,
        ),
    ] = None,
    unanchored: Annotated[
        bool,
        typer.Option("--unanchored", help="Check without an anchor, and say so loudly."),
    ] = False,
    audit: Annotated[
        Path | None,
        typer.Option(
            "--audit",
            help="The published audit folder (docs/audit.md §7): check every hand-count "
            "correction against the hand counts it publishes and its replay.",
            file_okay=False,
            exists=True,
        ),
    ] = None,
    as_json: JsonOption = False,
    lang: LangOption = Language.FA,
) -> None:
    """Verify the pre-election record against a second source, then every signed station report
    against it; re-add them and compare with every published figure; exit 5 if anything
    disagrees."""
    from sandogh.publish.anchor_check import Anchors
    from sandogh.publish.sources import open_source, read_document
    from sandogh.publish.verify import verify_snapshot

    anchors = None
    if anchor or record:
        given = tuple(to_ascii_digits(each) for each in anchor or ())
        anchors = Anchors(given, tuple(read_document(each) for each in record or ()))
    elif not unanchored:
        err.print(escape(verification_view.say("anchor_needed", lang.lang)))
        raise typer.Exit(NO_ANCHOR)
    audited = None
    if audit is not None:
        from sandogh.publish.audit_verify import verify_audit

        audited = verify_audit(audit)
    with open_source(location) as source:
        verification = verify_snapshot(source, election, anchors, audited)
    if as_json:
        sys.stdout.write(
            json.dumps(
                verification_view.verification_json(verification), ensure_ascii=False, indent=2
            )
        )
        sys.stdout.write("\n")
    else:
        verification_view.print_verification(verification, lang.lang)
    if not verification.agrees:
        raise typer.Exit(DISAGREES)


def publish_serve(
    directory: Annotated[Path, typer.Argument(help="The snapshot's folder.")],
    host: HostOption = "127.0.0.1",
    port: PortOption = 8080,
    lang: LangOption = Language.FA,
) -> None:
    """Serve a snapshot folder as plain static files, with ETag and Last-Modified."""
    import uvicorn

    from sandogh.publish.serve import static_app
    from sandogh.server.listen_settings import ListenSettings
    from sandogh.server.listening import listening_config

    if not directory.is_dir():
        raise typer.BadParameter(f"{directory} is not a folder", param_hint="DIRECTORY")
    config = listening_config(
        static_app(directory),
        ListenSettings(),
        lang=lang.lang,
        host=host,
        port=port,
        log_level="warning",
    )
    uvicorn.Server(config).run()
