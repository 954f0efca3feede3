"""What can go wrong between sandogh and its database, as exceptions a caller can tell apart."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises on purpose."""

    #: as `core.errors.SandoghError.said`: the line's key and values in the command's catalogue
    said: tuple[str, dict[str, str]] | None = None


class DatabaseUrlError(StoreError):
    """The database URL cannot be used: unparseable, or neither SQLite nor PostgreSQL."""


class DatabaseUnavailableError(StoreError):
    """The database named by the URL cannot be reached or opened."""


class SchemaError(StoreError):
    """The schema is not the one this sandogh writes: missing, behind, newer or foreign."""


class DuplicateError(StoreError):
    """A row with the same key is already stored (an election id, a station's sheet)."""


class ConstraintError(StoreError):
    """A row breaks a rule of the schema (a negative figure, a station not in the definition)."""


class UnreadableRowError(StoreError):
    """A stored row that does not read as what sandogh stores there (a void whose parts make no
    void of its kind, a sheet's figure that is text or negative): the store was changed outside
    sandogh. Raised by a read, so it says so, in Persian (`fa`) and English (`en`), and not that
    nothing was stored (F7 of session 24) nor fails unforeseen (N2 of session 25)."""

    def __init__(self, what_fa: str, what_en: str, number: int | str, why: str) -> None:
        """`number`: the row's number, or (a tally sheet's) the codes that are its key, which
        stay as typed in a left-to-right isolate."""
        self.number, self.why = number, why
        named = (
            f"شماره {str(number).translate(_PERSIAN_DIGITS)}"
            if isinstance(number, int)
            else f"\u2066{number}\u2069"
        )
        self.fa = (
            f"{what_fa} {named} در پایگاه داده خوانده نمی‌شود و بیرون از سامانه تغییر کرده "
            "است؛ تا پایگاه داده درست نشود، چیزی از آن نشان داده یا منتشر نمی‌شود."
        )
        self.en = (
            f"The stored {what_en} {number} does not read as one ({why}): the store was changed "
            "outside sandogh, and nothing is shown or published from it until it is put right."
        )
        super().__init__(self.en)


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
