"""`sandogh station card-key|kiosk`: the box's public card key, and its kiosk's screens served.

The kiosk's staff log in by staff card (sealed to the box's card key, `formats.staff_card`) or key
file; the ballot card charged at check-in is printed by the check-in desk's card writer
(`--card-writer`), or written by hand from its code (`station.web.charging`).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from sandogh.cli.options import LangOption, Language
from sandogh.cli.station import CentreOption, DirOption, PrinterOption, TimeoutOption
from sandogh.cli.station_box import ESCPOS, open_box
from sandogh.formats.staff_card import box_key_text
from sandogh.station.directory import StationDirectory

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def card_key_command(directory: DirOption) -> None:
    """Print the box's public card key, one line: `sandogh staff card --box-key` seals each
    member's card to it, so that the card opens, and its PIN can be tried, at this box only. It is
    not secret; its private half stays in DIR (made at set-up, or now for a box set up before)."""
    _out.print(box_key_text(StationDirectory(directory).card_key().public_key), markup=False)


def kiosk_command(
    directory: DirOption,
    centre: CentreOption = None,
    printer: PrinterOption = None,
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="The port the box's screens listen on.")
    ] = 8080,
    card_writer: Annotated[
        str | None,
        typer.Option(
            "--card-writer",
            help=f"{ESCPOS}DEVICE: the check-in desk's receipt printer, which prints each ballot "
            "card as its QR code; without one, the staff write each card by hand from its code.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Language.FA,
    timeout: TimeoutOption = 10.0,
) -> None:
    """Serve the station staff's and the voter's screens to the box's own kiosk browser, on
    loopback only, at this address only; the station's head and members log in with their staff
    cards or key files, and the outbox goes to the centre by itself while it serves; candidates'
    photos come from the directory's photos/ folder (docs/formats.md); ballot cards are printed
    by --card-writer, or written by hand (docs/kiosk.md)."""
    # The kiosk's web app, the listener and uvicorn are imported by the one command that serves
    # them: every `sandogh station` command imports this module for its options.
    import uvicorn

    from sandogh.server.listen_settings import ListenSettings
    from sandogh.server.listening import listening_config
    from sandogh.station.clips import Clips
    from sandogh.station.printers import EscposCardWriter
    from sandogh.station.speech import EspeakSpeech, SpeechError
    from sandogh.station.web.app import LOOPBACK, create_station_app
    from sandogh.station.web.labels import label

    if card_writer is not None and not card_writer.startswith(ESCPOS):
        raise typer.BadParameter(
            f"{card_writer!r} is not {ESCPOS}DEVICE", param_hint="--card-writer"
        )
    writer = None if card_writer is None else EscposCardWriter.on_device(card_writer[len(ESCPOS) :])
    try:  # the audio ballot speaks from the box's own espeak-ng, its clips in the box's directory
        clips: Clips | None = Clips(EspeakSpeech(), directory / "clips")
    except SpeechError:
        clips = None
        _err.print(label("kiosk_no_speech", lang.lang), markup=False)
    with open_box(directory, centre, printer, timeout, lang=lang.lang) as box:
        _out.print(f"http://{LOOPBACK}:{port}/", markup=False)
        app = create_station_app(
            box,
            lang=lang.lang,
            photos=directory / "photos",
            clips=clips,
            card_key=StationDirectory(directory).card_key(),
            writer=writer,
        )
        # no access log: its lines would time every voter's steps at the box (issue 9 §1)
        config = listening_config(
            app, ListenSettings(), lang=lang.lang, host=LOOPBACK, port=port, access_log=False
        )
        uvicorn.Server(config).run()
