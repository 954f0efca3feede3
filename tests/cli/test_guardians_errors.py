"""A snapshot a guardian refuses to decrypt from, said from its typed problems: each fault in
Persian (with `--lang fa`, the default, the English after it) or in English, its path and station
named, and no fault's machine word on the Persian side; a share complained of and a guardian
left out, and a file's common problems, said in the reader's language too."""

from __future__ import annotations

import pytest

from sandogh.cli.guardians_errors import (
    GuardiansCommandError,
    fault_in,
    localised,
    origin_text,
    persian,
    share_fault,
)
from sandogh.cli.options import Language
from sandogh.core.definition.problems import Problem
from sandogh.core.e2e.ceremony_record import Fault
from sandogh.core.e2e.decryption import CombinationError
from sandogh.core.e2e.share_encryption import ShareFault
from sandogh.core.e2e.signed_json import GuardianFileError
from sandogh.locale.e2e_refusals import EN, FA
from sandogh.services.origin_faults import OriginFault, OriginProblem, TallyOriginError

#: the faults of the sealed record, of no station
RECORD = {
    OriginFault.RECORD_MISSING,
    OriginFault.RECORD_UNREADABLE,
    OriginFault.RECORD_OF_ANOTHER,
    OriginFault.RECORD_SIGNATURES,
    OriginFault.AMENDMENT_FAILS,
    OriginFault.ANCHOR_DIFFERS,
}
STATION = "ST-0101-0001"


def _refused(fault: OriginFault) -> TallyOriginError:
    station = None if fault in RECORD else STATION
    path = "anchor/record.json" if station is None else f"e2e/ballots/{station}.jsonl line 2"
    found = OriginProblem(fault, path, f"the English detail of {fault.value}", station)
    return TallyOriginError("snapshot/data/e", [found])


@localised
def _decrypt(error: TallyOriginError, lang: Language = Language.FA) -> None:
    """A guardians' command: `localised` reads its `lang`."""
    del lang
    raise error


@pytest.mark.parametrize("fault", list(OriginFault))
def test_each_fault_is_said_in_persian_then_english_or_in_english(fault: OriginFault) -> None:
    key = f"origin_{fault.name.lower()}"
    persian = origin_text(_refused(fault), "fa")
    assert FA[key].format(station=STATION) in persian
    assert fault.value not in persian
    assert ("anchor/record.json" if fault in RECORD else STATION) in persian
    with pytest.raises(GuardiansCommandError) as said:
        _decrypt(_refused(fault), lang=Language.FA)
    assert str(said.value).startswith(persian + " — ")
    assert f"the English detail of {fault.value}" in str(said.value)
    with pytest.raises(GuardiansCommandError) as in_english:
        _decrypt(_refused(fault), lang=Language.EN)
    assert EN[key].format(station=STATION) in str(in_english.value)
    assert FA[key].format(station=STATION) not in str(in_english.value)


def test_the_first_problems_are_named_and_the_rest_counted() -> None:
    found = [
        OriginProblem(OriginFault.PROOF_FAILS, f"e2e/ballots/S{i}.jsonl line 2", "fails", f"S{i}")
        for i in range(5)
    ]
    error = TallyOriginError("folder", found)
    assert origin_text(error, "fa").endswith(" و ۲ مشکل دیگر")
    assert origin_text(error, "en").endswith("; and 2 more")
    assert "S3" not in origin_text(error, "en")


@pytest.mark.parametrize("fault", list(ShareFault))
def test_a_share_complained_of_is_said_in_words(fault: ShareFault) -> None:
    persian, english = share_fault(fault, "fa"), share_fault(fault, "en")
    assert fault.value not in persian
    assert persian != english
    assert all("\u0600" <= c <= "\u06ff" for c in persian if c.isalpha() and c != "q")


def test_a_guardian_left_out_is_said_in_persian_or_english() -> None:
    fault = Fault(2, "G2", "has not published its check file")
    assert fault_in(fault, "fa") == "امین ۲ (G2) پرونده بررسی خود را منتشر نکرده است"
    assert fault_in(fault, "en") == "guardian 2 (G2) has not published its check file"


def test_a_files_common_problems_are_said_in_persian_their_paths_kept() -> None:
    error = GuardianFileError(
        "guardian-2.public.json",
        [
            Problem("signature", "is not ed25519:ab12's signature of this file"),
            Problem("commitments[1]", "must be 64 lower-case hex digits"),
            Problem("", "no such file"),
        ],
    )
    said = persian(error)
    assert said == (
        "پرونده guardian-2.public.json به کار نمی‌آید: signature: امضای ed25519:ab12 بر این "
        "پرونده نیست؛ commitments[1]: باید ۶۴ رقم شانزده‌شانزدهی با حروف کوچک باشد؛ "
        "چنین پرونده‌ای نیست"
    )
    unknown = GuardianFileError("f.json", [Problem("x", "a problem of no known form")])
    assert persian(unknown) == "پرونده f.json به کار نمی‌آید: x: a problem of no known form"


def test_partials_that_cannot_be_combined_are_said_in_persian() -> None:
    said = persian(CombinationError("2 guardians decrypted, the quorum is 3"))
    assert said == "رمزگشایی‌های بخشی را نمی‌توان ترکیب کرد: ۲ امین رمزگشایی کرده‌اند و حد نصاب ۳ است"
