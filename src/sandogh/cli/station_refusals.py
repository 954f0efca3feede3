"""Why the box refused a `sandogh station` command, in the command's language (issue 13: a report
already signed was refused in English on the Persian default, "station is reported: cannot
report: it allows nothing").

The box's refusals are the kiosk's (`station.web.error_words`): the same words say them here,
but where the kiosk's would name a key on its screen (an action the box's phase does not allow,
a chain asked of a box that keeps none), which the command's own words say with the command to
run instead (`locale.command_failures`, `box_…` for the kiosk's `kiosk_…`), and the minutes short
of signers, which name who is still to give their key. Each becomes the failure's `said`, which
the command's one line says (`cli.failures.refusal_line`).
"""

from __future__ import annotations

from sandogh.core.errors import SandoghError
from sandogh.locale.command_failures import CATALOGUE
from sandogh.locale.language import Lang
from sandogh.station.errors import UnsignedMinutesError


def box_refusal(refused: SandoghError, lang: Lang) -> tuple[str, dict[str, str | int]]:
    """The key of `refused`'s line (`locale.command_failures`) and its values, in `lang`."""
    # the kiosk's words and its web app are imported when a command is refused, not before
    from sandogh.station.web.error_words import error_key, error_text

    key = "box" + error_key(refused).removeprefix("kiosk")
    if key in CATALOGUE[lang]:
        return key, {}
    if isinstance(refused, UnsignedMinutesError):
        return "box-unsigned", {"waiting": ("، " if lang == "fa" else ", ").join(refused.waiting)}
    return "box-refused", {"words": error_text(refused, lang) or str(refused)}
