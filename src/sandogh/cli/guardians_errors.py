"""The `sandogh guardians` commands' failures in the reader's language: Persian first, the English
after it (`--lang fa`, the default), or English alone (`--lang en`).

The services raise typed errors in English (`CeremonyError` with each guardian's `Fault`,
`QuorumError`, `GuardianFileError` with each problem); each command is wrapped (`localised`) so
that what reaches `cli.app.main` — one line on stderr — names the same guardians, files and
problems in Persian, the fields and technical details (paths, hashes) left as they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from sandogh.cli.options import Language
from sandogh.core.e2e.ceremony_record import CeremonyError, Fault
from sandogh.core.e2e.decryption import CombinationError
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.errors import SandoghError
from sandogh.locale.digits import format_int
from sandogh.services.tally_decryption import QuorumError

F = TypeVar("F", bound=Callable[..., Any])

#: a fault's English reason, and its Persian (groups carried over)
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), persian)
    for pattern, persian in (
        (r"has published no public file$", "پرونده عمومی خود را منتشر نکرده است"),
        (r"published a public file that fails: (.*)$", "پرونده عمومی نادرستی منتشر کرده است: {0}"),
        (r"has published no shares file$", "پرونده سهم‌ها را منتشر نکرده است"),
        (r"has not published its check file$", "پرونده بررسی خود را منتشر نکرده است"),
        (
            r"sent a bad share to guardian (\d+) \((.*)\)$",
            "سهم نادرستی برای امین {0} ({1}) فرستاده است (شکایت او پذیرفته شد)",
        ),
        (r"holds a share off its public share key$", "سهمی دارد که با کلید سهم عمومی‌اش نمی‌خواند"),
        (
            r"gave a wrong partial decryption \((.*), ciphertext (\d+)\)$",
            "رمزگشایی بخشی نادرستی داده است ({0}، رمزنوشته {1})",
        ),
        (
            r"sent a partial decryption that cannot be used \((.*)\)$",
            "رمزگشایی بخشی‌ای فرستاده که به کار نمی‌آید ({0})",
        ),
    )
)


def fault_fa(fault: Fault) -> str:
    """`fault` in Persian; a reason not in the table is kept in English."""
    reason = fault.reason
    for pattern, persian in _REASONS:
        found = pattern.match(reason)
        if found:
            reason = persian.format(
                *(format_int(int(g), "fa") if g.isdigit() else g for g in found.groups())
            )
            break
    return f"امین {format_int(fault.guardian, 'fa')} ({fault.name}) {reason}"


def persian(error: SandoghError) -> str | None:
    """The Persian of a guardians' error, or None for one without it."""
    if isinstance(error, QuorumError):
        why = "".join(f"؛ {fault_fa(f)}" for f in error.left_out)
        return (
            f"فقط {format_int(error.good, 'fa')} رمزگشایی بخشی درست رسیده است؛ "
            f"حد نصاب {format_int(error.quorum, 'fa')} است{why}"
        )
    if isinstance(error, CeremonyError):
        return "مراسم کلید نمی‌تواند پایان یابد: " + "؛ ".join(map(fault_fa, error.faults))
    if isinstance(error, GuardianFileError):
        problems = "؛ ".join(str(p) for p in error.problems[:3])
        return f"پرونده {error.where} به کار نمی‌آید: {problems}"
    if isinstance(error, CombinationError):
        return f"رمزگشایی‌های بخشی را نمی‌توان ترکیب کرد: {error}"
    return None


class GuardiansCommandError(SandoghError):
    """A guardians' command failed; its message in the reader's language."""


def localised(command: F) -> F:
    """Wrap a `guardians` command so that its failure reads in the `lang` it was given."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SandoghError as error:
            lang = kwargs.get("lang", Language.FA)
            fa = persian(error)
            if fa is None or lang == Language.EN:
                raise
            raise GuardiansCommandError(f"{fa} — {error}") from error

    return run  # type: ignore[return-value]
