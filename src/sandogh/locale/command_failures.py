"""What `sandogh` says when a command is stopped (Ctrl-C) or fails in a way no command foresaw,
in Persian and English (issue 13: never a traceback on the operator's terminal).

A Persian line carries no exception text: the report file it names holds that, whole."""

from __future__ import annotations

from sandogh.locale.language import Lang
from sandogh.locale.messages import text_in

FA: dict[str, str] = {
    "stopped": "sandogh: فرمان «{command}» متوقف شد.",
    "aborted": "sandogh: فرمان «{command}» لغو شد؛ پاسخی که می‌خواست داده نشد.",
    "unexpected": "sandogh: فرمان «{command}» با خطایی پیش‌بینی‌نشده متوقف شد؛ "
    "گزارش کامل آن در {report} نوشته شد.",
    "unexpected_unreported": "sandogh: فرمان «{command}» با خطایی پیش‌بینی‌نشده متوقف شد؛ "
    "گزارش آن هم نوشته نشد ({reason}).",
    "database": "sandogh: پایگاه داده درخواست فرمان «{command}» را نپذیرفت؛ "
    "گزارش کامل آن در {report} نوشته شد.",
    "database_unreported": "sandogh: پایگاه داده درخواست فرمان «{command}» را نپذیرفت؛ "
    "گزارش آن هم نوشته نشد ({reason}).",
    "FileNotFoundError": "sandogh: پرونده یا پوشه‌ای به نام {name} نیست.",
    "PermissionError": "sandogh: اجازه دسترسی به {name} نیست.",
    "IsADirectoryError": "sandogh: {name} پوشه است، نه پرونده.",
    "NotADirectoryError": "sandogh: {name} پوشه نیست.",
    # a command's own refusals (`SandoghError.said`)
    "no-device-key": "sandogh: در پوشه {folder} کلید دستگاه ({file}) نیست؛ "
    "پوشه صندوق را بررسی کنید.",
    "no-schema": "sandogh: پایگاه داده {url} هنوز ساخته نشده است؛ "
    "نخست «sandogh init» را اجرا کنید.",
    "staff-option": "«{given}» به شکل نقش=پرونده نیست (نقش‌ها: {roles})",
}

EN: dict[str, str] = {
    "stopped": "sandogh: `{command}` stopped.",
    "aborted": "sandogh: `{command}` aborted: the answer it asked for was not given.",
    "unexpected": "sandogh: `{command}` failed unexpectedly ({error}); the full report is in "
    "{report}",
    "unexpected_unreported": "sandogh: `{command}` failed unexpectedly ({error}); no report "
    "could be written ({reason})",
    "database": "sandogh: database error in `{command}` ({error}); the full report is in {report}",
    "database_unreported": "sandogh: database error in `{command}` ({error}); no report could "
    "be written ({reason})",
    "FileNotFoundError": "sandogh: no such file or folder: {name}",
    "PermissionError": "sandogh: permission denied: {name}",
    "IsADirectoryError": "sandogh: {name} is a folder, not a file",
    "NotADirectoryError": "sandogh: {name} is not a folder",
    # a command's own refusals (`SandoghError.said`)
    "no-device-key": "sandogh: {folder} holds no device key ({file})",
    "no-schema": "sandogh: {url} has no sandogh schema yet: run `sandogh init`",
    "staff-option": "{given} is not ROLE=FILE ({roles})",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def say(key: str, lang: Lang, **values: str) -> str:
    """The line `key` in `lang`; the Persian lines leave the exception's English `error` out."""
    if lang == "fa":
        values.pop("error", None)
    return text_in(CATALOGUE, key, lang, **values)
