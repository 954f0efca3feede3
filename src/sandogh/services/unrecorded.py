"""The refusal of a decision the store and the event log do not hold alike (issue 9, section 3;
the outsider's F3 of session 24): a row the log does not record, or an entry the store lacks."""

from __future__ import annotations

from sandogh.core.errors import SandoghError
from sandogh.locale import to_persian_digits

LOT, WITHDRAWAL = "lot", "withdrawal"  # the kinds of `services.outcome_decisions`
LOT_COMMITMENT = "lot-commitment"  # `services.lot_commitments`


class UnrecordedDecisionError(SandoghError):
    """A stored void, certification (or its undoing) or other decision that the event log does
    not record as stored, or one the log records that the store lacks (`number` None: named by
    its `entry`): refused, and said in Persian (`fa`) and English (`en`) where a page shows it."""

    def __init__(
        self, what: str, number: int | str | None, why: str, *, entry: int | None = None
    ) -> None:
        self.what = what  # "void", "certification", "hand-count correction", a decision's kind
        self.number = number  # the row's number in the store (a correction: its contest)
        self.entry = entry
        self.why = why
        named = f"{what} {number}" if number is not None else f"the {what} of log entry {entry}"
        what_fa = _WHAT_FA.get(what, what)
        named_fa = (
            f"{what_fa} شماره {to_persian_digits(str(number))}"
            if number is not None
            else f"{what_fa} رویداد {to_persian_digits(str(entry))} دفتر رویدادها"
        )
        stored = f"The stored {named}" if number is not None else f"The {what} of log entry {entry}"
        self.en = (
            f"{stored} is not as the event log records it ({why}): the store was "
            "changed outside sandogh, and nothing is shown or published from it until it is put "
            "right."
        )
        self.fa = (
            f"{named_fa} در پایگاه داده با آنچه دفتر رویدادها ثبت کرده است نمی‌خواند و بیرون از "
            "سامانه تغییر کرده است؛ تا پایگاه داده درست نشود، چیزی از آن نشان داده یا منتشر "
            "نمی‌شود."
        )
        super().__init__(f"{named} is not as the event log records it: {why}")


_WHAT_FA = {
    "void": "ابطال",
    "certification": "تأیید صحت",
    "hand-count correction": "شمارش دستی تأییدشده",
    LOT: "قرعه",
    WITHDRAWAL: "انصراف",
    LOT_COMMITMENT: "تعهد قرعه",
    "mode approval": "تأیید شیوه رأی‌گیری",
}
