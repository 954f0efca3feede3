"""The `sandogh guardians` commands' failures in the reader's language: Persian first, the English
after it (`--lang fa`, the default), or English alone (`--lang en`).

The services raise typed errors in English (`CeremonyError` with each guardian's `Fault`,
`QuorumError`, `GuardianFileError` with each problem); each command is wrapped (`localised`) so
that what reaches `cli.app.main` — one line on stderr — names the same guardians, files and
problems in Persian, the fields and technical details (paths, hashes) left as they are. A
snapshot refused before decrypting (`tally_origin.TallyOriginError`) is said from its typed
problems in either language (`locale.e2e_refusals`), each with its path, the English details
following for `--lang en`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from sandogh.cli.options import Language
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony_record import CeremonyError, Fault
from sandogh.core.e2e.decryption import CombinationError
from sandogh.core.e2e.share_encryption import ShareFault
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.core.errors import SandoghError
from sandogh.locale.digits import format_int
from sandogh.locale.e2e_refusals import CATALOGUE
from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in
from sandogh.services.tally_decryption import QuorumError
from sandogh.services.tally_origin import OriginProblem, TallyOriginError

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


#: a guardian's file problem's English, and its Persian (groups carried over); the common ones of
#: `signed_json`'s reader, the commands' own files and the tally's checks
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), persian)
    for pattern, persian in (
        (r"no such file$", "چنین پرونده‌ای نیست"),
        (r"already exists; it is never replaced$", "پیش‌تر هست و هرگز جایگزین نمی‌شود"),
        (
            r"has mode ([0-7]+): only its owner may read, write or enter it \(chmod 700 (.+)\)$",
            "پوشه خصوصی با دسترسی {0} است: فقط صاحبش باید بتواند آن را بخواند، در آن بنویسد یا "
            "به آن وارد شود (با chmod 700 {1} درستش کنید)",
        ),
        (r"is not the ceremony's definition (.*)$", "تعریف انتخاباتِ این مراسم ({0}) نیست"),
        (r"(.+) is not listed$", "{0} در فهرست امینان نیست"),
        (
            r"no chains to hold the tally to \(--snapshot\)$",
            "زنجیره‌ای نیست که شمارش با آن سنجیده شود (--snapshot)",
        ),
        (r"is not (.+)'s signature of this file$", "امضای {0} بر این پرونده نیست"),
        (
            r"not in canonical form .*$",
            "به شکل متعارف نیست (کلیدهای مرتب، بی‌فاصله، UTF-8)",
        ),
        (r"must be (\d+) lower-case hex digits$", "باید {0} رقم شانزده‌شانزدهی با حروف کوچک باشد"),
        (r"is not an element of (.+)$", "عضوی از گروه {0} نیست"),
        (r"is not a scalar of (.+) \(below q\)$", "عددی از {0} (کمتر از q) نیست"),
        (r"must be a list$", "باید فهرست باشد"),
        (r"no mix yet$", "هنوز هیچ بُرزدنی نیست"),
        # `decryption.combine`'s refusals (`CombinationError`)
        (r"a guardian is given twice among (.*)$", "امینی دو بار در میان {0} آمده است"),
        (
            r"(\d+) guardians decrypted, the quorum is (\d+)$",
            "{0} امین رمزگشایی کرده‌اند و حد نصاب {1} است",
        ),
    )
)


def _translated(message: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """`message` in Persian by the first rule of `table` it matches (numbers in Persian
    digits), or None."""
    for pattern, persian in table:
        found = pattern.match(message)
        if found:
            return persian.format(
                *(format_int(int(g), "fa") if g.isdigit() else g for g in found.groups())
            )
    return None


def problem_fa(problem: Problem) -> str:
    """A file's problem in Persian, its path as it is; a message not in the table stays English."""
    said = _translated(problem.message, _PROBLEMS) or problem.message
    return f"{problem.path}: {said}" if problem.path else said


def fault_fa(fault: Fault) -> str:
    """`fault` in Persian; a reason not in the table is kept in English."""
    reason = _translated(fault.reason, _REASONS) or fault.reason
    return f"امین {format_int(fault.guardian, 'fa')} ({fault.name}) {reason}"


_SHOWN = 3  # problems named on the one line; the count of the rest follows


def origin_problem(found: OriginProblem, lang: Lang) -> str:
    """One problem of a refused snapshot, its path first, in `lang`."""
    key = f"origin_{found.fault.name.lower()}"
    values = {} if found.station is None else {"station": found.station}
    return f"{found.path}: {text_in(CATALOGUE, key, lang, **values)}"


def origin_text(error: TallyOriginError, lang: Lang) -> str:
    """Why the guardian does not decrypt: `error`'s problems in `lang`."""
    said = [origin_problem(found, lang) for found in error.found[:_SHOWN]]
    left = len(error.found) - _SHOWN
    if lang == "fa":
        more = f" و {format_int(left, 'fa')} مشکل دیگر" if left > 0 else ""
        return f"از {error.where} رمزگشایی نمی‌شود: " + "؛ ".join(said) + more
    more = f"; and {left} more" if left > 0 else ""
    return f"nothing is decrypted from {error.where}: " + "; ".join(said) + more


#: why a guardian complains of a share sent to it (`ShareFault`), in Persian and English
_SHARE_FAULTS: dict[ShareFault, dict[Lang, str]] = {
    ShareFault.TAG: {
        "fa": "سهم رمزگشایی نمی‌شود: برچسب آن نمی‌خواند",
        "en": "the share does not decrypt: its tag does not match",
    },
    ShareFault.SCALAR: {
        "fa": "سهم رمزگشایی‌شده عددی کمتر از q نیست",
        "en": "the share decrypts to no number below q",
    },
    ShareFault.CHECK: {
        "fa": "سهم با تعهدهای امینِ فرستنده نمی‌خواند",
        "en": "the share fails the check against its sender's commitments",
    },
}


def share_fault(fault: ShareFault, lang: Lang) -> str:
    """Why a share is complained of, in `lang` (never the fault's machine word)."""
    return _SHARE_FAULTS[fault][lang]


def fault_in(fault: Fault, lang: Lang) -> str:
    """A guardian left out or named, in `lang`."""
    return fault_fa(fault) if lang == "fa" else str(fault)


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
    if isinstance(error, TallyOriginError):
        return origin_text(error, "fa")
    if isinstance(error, GuardianFileError):
        problems = "؛ ".join(problem_fa(p) for p in error.problems[:3])
        return f"پرونده {error.where} به کار نمی‌آید: {problems}"
    if isinstance(error, CombinationError):
        said = _translated(str(error), _PROBLEMS) or str(error)
        return f"رمزگشایی‌های بخشی را نمی‌توان ترکیب کرد: {said}"
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
            if isinstance(error, TallyOriginError) and lang == Language.EN:
                raise GuardiansCommandError(f"{origin_text(error, 'en')} — {error}") from error
            fa = persian(error)
            if fa is None or lang == Language.EN:
                raise
            raise GuardiansCommandError(f"{fa} — {error}") from error

    return run  # type: ignore[return-value]
