"""The close's reconciliation in the signed final report (finding A1 of session 23): written in
the canonical bytes and read back; a mismatch without words, figures that cannot be, a `cast`
that is not the report's count, or a zero report with one are refused, naming the field."""

import dataclasses
import json

import pytest

from sandogh.core.report import (
    CloseReconciliation,
    Mismatch,
    ReportError,
    ReportKind,
    cvr_digest,
    decode_report,
    encode_report,
)

from .build import report

WORDS = "یک کارت تعرفه گم شد و رأی‌دهنده بازنگشت."
CLOSED = CloseReconciliation(
    cards_charged=3, cards_used=2, cards_unused=1, cast=2, papers_counted=2, explanation=WORDS
)


def _paths(error: pytest.ExceptionInfo[ReportError]) -> list[str]:
    return [p.path for p in error.value.problems]


def test_the_reconciliation_is_written_between_kind_and_sequence_and_reads_back() -> None:
    final = dataclasses.replace(report(cvr_count=2), reconciliation=CLOSED)
    data = encode_report(final)
    assert (
        b'"kind":"final","reconciliation":{"cards_cancelled":0,"cards_charged":3,"cards_unused":1,"cards_used":2,'
        b'"cast":2,"explanation":"' + WORDS.encode() + b'","papers_counted":2},"sequence":1' in data
    )
    assert decode_report(data) == final
    assert decode_report(data).reconciliation == CLOSED
    assert b"reconciliation" not in encode_report(report())  # older reports keep their bytes


def test_figures_that_agree_need_no_words() -> None:
    agreed = CloseReconciliation(2, 2, 0, 2, 2)
    assert agreed.mismatches() == ()
    final = dataclasses.replace(report(cvr_count=2), reconciliation=agreed)
    assert decode_report(encode_report(final)).reconciliation == agreed


def test_a_card_the_staff_cancelled_and_charged_again_is_no_mismatch() -> None:
    """A code lost or mis-copied: two of the staff cancel its card and charge another (review
    S23 A3); the charged count both, and nothing is left to explain."""
    recharged = CloseReconciliation(3, 2, 0, 2, 2, cards_cancelled=1)
    assert recharged.mismatches() == ()
    final = dataclasses.replace(report(cvr_count=2), reconciliation=recharged)
    assert decode_report(encode_report(final)).reconciliation == recharged
    with pytest.raises(ReportError) as refused:
        CloseReconciliation(3, 2, 0, 2, 2)  # the cancelled card not counted
    assert _paths(refused) == ["reconciliation.cards_charged"]


def test_every_mismatch_is_named() -> None:
    assert CLOSED.mismatches() == (Mismatch.UNUSED,)
    odd = CloseReconciliation(3, 3, 0, 2, 4, WORDS)
    assert odd.mismatches() == (Mismatch.USED_NOT_CAST, Mismatch.PAPERS_NOT_CAST)


@pytest.mark.parametrize("words", ["", "   ", "ok", "-- ۱ --"])
def test_a_mismatch_without_words_that_explain_it_is_refused(words: str) -> None:
    with pytest.raises(ReportError) as refused:
        dataclasses.replace(CLOSED, explanation=words)
    assert _paths(refused) == ["reconciliation.explanation"]


def test_figures_that_cannot_be_are_refused() -> None:
    with pytest.raises(ReportError) as refused:
        CloseReconciliation(3, 2, 2, 2, 2, WORDS)
    assert _paths(refused) == ["reconciliation.cards_charged"]
    with pytest.raises(ReportError) as refused:
        CloseReconciliation(3, -1, 4, 2, 2, WORDS)
    assert _paths(refused) == ["reconciliation.cards_used"]


def test_the_cast_is_the_report_s_and_a_zero_report_has_none() -> None:
    with pytest.raises(ReportError) as refused:
        dataclasses.replace(report(cvr_count=5), reconciliation=CLOSED)
    assert _paths(refused) == ["reconciliation.cast"]
    zero = report(kind=ReportKind.ZERO, cvr_digest=cvr_digest(()))
    with pytest.raises(ReportError) as refused:
        dataclasses.replace(zero, reconciliation=CLOSED)
    assert _paths(refused) == ["reconciliation"]


def test_a_report_claiming_an_unexplained_mismatch_is_refused_where_it_is_read() -> None:
    """What a box that skipped the rule would send, and what verify-results reads."""
    final = dataclasses.replace(report(cvr_count=2), reconciliation=CLOSED)
    document = json.loads(encode_report(final))
    document["reconciliation"]["explanation"] = ""
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with pytest.raises(ReportError) as refused:
        decode_report(data.encode())
    assert _paths(refused) == ["reconciliation.explanation"]
    del document["reconciliation"]["cast"]
    data = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with pytest.raises(ReportError) as refused:
        decode_report(data.encode())
    assert _paths(refused) == ["reconciliation.cast"]
