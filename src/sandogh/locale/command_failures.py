"""What `sandogh` says when a command is stopped (Ctrl-C), refused, or fails in a way no command
foresaw, in Persian and English (issue 13: never a traceback on the operator's terminal).

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
    # a revision is the name of a schema's version: isolated left to right, as it is written
    "schema-behind": "sandogh: ساختار پایگاه داده {url} از نسخه‌ای پیشین است (ویرایش"
    " \u2066{revision}\u2069؛ این sandogh ویرایش \u2066{head}\u2069 را می‌خواهد): برای به‌روز"
    " کردن آن «sandogh init» را اجرا کنید.",
    "no-font": "sandogh: قلم {font} که صفحه‌های چاپگر صندوق با آن نوشته می‌شود نصب نیست؛"
    " بسته fonts-dejavu-core را نصب کنید.",
    "staff-option": "«{given}» به شکل نقش=پرونده نیست (نقش‌ها: {roles})",
    # a key file refused (`formats.key_file`)
    "key-file-exists": "sandogh: {file} از پیش هست؛ کلید تازه روی آن نوشته نمی‌شود.",
    "key-file-missing": "sandogh: پرونده کلیدی به نام {file} نیست.",
    "key-file-open": "sandogh: دیگران هم می‌توانند پرونده کلید {file} را بخوانند (دسترسی {mode})؛"
    " تنها دارنده آن باید بتواند: chmod 600",
    "key-file-not-hex": "sandogh: در {file} کلیدی به رقم‌های شانزده‌شانزدهی نیست.",
    "key-file-length": "sandogh: {file} {bytes} بایت دارد، نه {expected}؛ کلید نیست.",
    "figures-option": "«{given}» به شکل شمار یا انتخابات=شمار نیست",
    # tally sheets that do not fit the definition (`NonconformingSheetsError`), by the first
    "sheets-unknown-station": "sandogh: {count} مشکل در صورتجلسه‌ها؛"
    " نخستین، شعبه \u2066{station}\u2069:"
    " شعبه‌ای با این کد در تعریف انتخابات نیست.",
    "sheets-not-a-station": "sandogh: {count} مشکل در صورتجلسه‌ها؛"
    " نخستین، شعبه \u2066{station}\u2069:"
    " این کد واحدی است که شعبه نیست.",
    "sheets-unknown-contest": "sandogh: {count} مشکل در صورتجلسه‌ها؛"
    " نخستین، شعبه \u2066{station}\u2069:"
    " رقابتی با این شناسه در تعریف انتخابات نیست.",
    "sheets-outside-contest": "sandogh: {count} مشکل در صورتجلسه‌ها؛"
    " نخستین، شعبه \u2066{station}\u2069:"
    " شعبه در هیچ حوزه انتخابیه این رقابت نیست.",
    "sheets-unknown-candidate": "sandogh: {count} مشکل در صورتجلسه‌ها؛"
    " نخستین، شعبه \u2066{station}\u2069:"
    " نامزدی را نام می‌برد که در حوزه انتخابیه شعبه نامزد نیست.",
    "sheets-duplicate": "sandogh: {count} مشکل در صورتجلسه‌ها؛"
    " نخستین، شعبه \u2066{station}\u2069:"
    " برای همان شعبه و رقابت دو صورتجلسه هست.",
    # the box's refusals (`cli.station_refusals`): an action its phase does not allow, with the
    # command to run instead; the kiosk's words for the rest
    "box_late_open": "sandogh: صندوق پیش‌تر گشوده شده است؛ «sandogh station status» مرحله آن را"
    " نشان می‌دهد.",
    "box_late_close": "sandogh: رأی‌گیری پیش‌تر پایان یافته است؛ گام بعد شمارش آرا و امضای"
    " صورتجلسه است: «sandogh station report --staff نقش=پرونده».",
    "box_early_count": "sandogh: رأی‌گیری هنوز پایان نیافته است؛ نخست «sandogh station close» را"
    " اجرا کنید.",
    "box_early_report": "sandogh: رأی‌گیری هنوز پایان نیافته است؛ نخست «sandogh station close»"
    " را اجرا کنید.",
    "box_late_report": "sandogh: صورتجلسه پایانی این صندوق پیش‌تر امضا شده است و دوباره امضا"
    " نمی‌شود؛ «sandogh station status» وضعیت ارسال آن را نشان می‌دهد و «sandogh station sync»"
    " آن را به مرکز می‌فرستد.",
    "box_flow_not_e2e": "sandogh: این صندوق برگه‌های رأی را رمز نمی‌کند و زنجیره‌ای ندارد.",
    "box_flow_chain_open": "sandogh: زنجیره برگه‌ها پس از پایان رأی‌گیری نوشته می‌شود؛ نخست"
    " «sandogh station close» را اجرا کنید.",
    "box_unsigned": "sandogh: صورتجلسه پایانی امضا نشد: امضای {waiting} هم لازم است"
    " (--staff نقش=پرونده).",
    "box-refused": "sandogh: {words}",
    # the centre's operators' second factor at rest (`services.totp_at_rest`)
    "totp-in-clear": "sandogh: رازهای کد یک‌بارمصرف {count} کاربر ({accounts}) بی‌مهر ذخیره شده"
    " است: نخست با «{command}» مهرشان کنید.",
    "totp-wrong-key": "sandogh: کلید سرور {file} (--server-key یا $SANDOGH_SERVER_KEY_FILE)"
    " هیچ‌یک از {count} راز مهرشده کد یک‌بارمصرف این"
    " پایگاه داده را نمی‌گشاید: کلید این مرکز نیست.",
    # the results' own refusals (`services.errors`)
    # an election's id, a unit's code and the stations' are typed into commands: isolated left
    # to right on the Persian line, in their Latin digits (review S22 A5)
    "election-unknown": "sandogh: انتخاباتی با شناسه «{election}» در پایگاه داده نیست"
    " (ذخیره‌شده‌ها: \u2066{known}\u2069).",
    "election-unnamed": "sandogh: انتخابات را با --election نام ببرید؛ پایگاه داده این‌ها را"
    " دارد: \u2066{known}\u2069",
    "election-none": "sandogh: هنوز انتخاباتی در پایگاه داده نیست؛ نخست تعریف آن را با"
    " «sandogh load» ذخیره کنید.",
    "unit-unknown": "sandogh: انتخابات \u2066{election}\u2069 واحدی با کد «{code}» ندارد.",
    "contest-unknown": "sandogh: انتخابات \u2066{election}\u2069 رقابتی با شناسه «{contest}»"
    " ندارد (رقابت‌های آن: \u2066{known}\u2069).",
    "results-stored": "sandogh: {count} صورتجلسه از انتخابات \u2066{election}\u2069 پیش‌تر ذخیره"
    " شده است (شعبه‌های \u2066{first}\u2069)؛ هیچ چیز وارد نشد.",
    # an operator's account refused (`services.operators.OperatorError`)
    "operator-bad-username": "sandogh: نام کاربری \u2066{username}\u2069 پذیرفته نیست: ۳ تا ۶۴"
    " نویسه از حرف‌های کوچک لاتین، رقم، نقطه، زیرخط و خط تیره، که با حرف آغاز شود.",
    "operator-bad-display-name": "sandogh: نامی که نشان داده می‌شود ۱ تا {most} نویسه است.",
    "operator-weak-password": "sandogh: گذرواژه {least} تا {most} نویسه است؛ حسابی ساخته نشد.",
    "operator-unknown-place": "sandogh: هیچ انتخابات ذخیره‌شده‌ای واحدی با کد \u2066{place}\u2069"
    " ندارد؛ نخست تعریف آن را با «sandogh load» ذخیره کنید.",
    "operator-unknown-account": "sandogh: حسابی به نام \u2066{username}\u2069 نیست.",
    "operator-username-taken": "sandogh: نام کاربری \u2066{username}\u2069 پیش‌تر گرفته شده است.",
    "operator-not-allowed": "sandogh: حساب \u2066{actor}\u2069 اجازه این کار را با حساب"
    " \u2066{username}\u2069 ندارد.",
    "operator-account-disabled": "sandogh: حساب \u2066{username}\u2069 برای همیشه بسته شده است.",
    "operator-not-locked": "sandogh: حساب \u2066{username}\u2069 ورود ناموفقی ندارد که قفلش باز"
    " شود.",
    # a case or an incident asked for by a number no one was given
    "case-unknown": "sandogh: پرونده تخلفی با شماره {number} ثبت نشده است.",
    "incident-unknown": "sandogh: رخدادی با شماره {number} ثبت نشده است.",
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
    "schema-behind": "sandogh: {url} has schema revision {revision}, this sandogh needs {head}: "
    "run `sandogh init` to upgrade it",
    "no-font": "sandogh: the font {font} the box's printer pages are set in is not installed: "
    "install fonts-dejavu-core",
    "staff-option": "{given} is not ROLE=FILE ({roles})",
    "key-file-exists": "sandogh: {file} already exists",
    "key-file-missing": "sandogh: {file}: no such key file",
    "key-file-open": "sandogh: {file} has mode {mode}: only its owner may read it (chmod 600)",
    "key-file-not-hex": "sandogh: {file} does not hold a key in hex",
    "key-file-length": "sandogh: {file} holds {bytes} bytes, not {expected}",
    "figures-option": "{given} is not N or CONTEST=N",
    # tally sheets that do not fit the definition (`NonconformingSheetsError`), by the first
    "sheets-unknown-station": "sandogh: {count} problem(s) with the tally sheets;"
    " the first, at station {station}: the definition has no such station.",
    "sheets-not-a-station": "sandogh: {count} problem(s) with the tally sheets;"
    " the first, at station {station}: the code is a unit, not a station.",
    "sheets-unknown-contest": "sandogh: {count} problem(s) with the tally sheets;"
    " the first, at station {station}: the definition has no such contest.",
    "sheets-outside-contest": "sandogh: {count} problem(s) with the tally sheets;"
    " the first, at station {station}: the station is in none of the contest's constituencies.",
    "sheets-unknown-candidate": "sandogh: {count} problem(s) with the tally sheets;"
    " the first, at station {station}: it names a candidate not standing in the station's"
    " constituency.",
    "sheets-duplicate": "sandogh: {count} problem(s) with the tally sheets;"
    " the first, at station {station}: the station and contest have a second sheet.",
    "box_late_open": "sandogh: the box is already open; `sandogh station status` shows its phase",
    "box_late_close": "sandogh: voting is already closed; next, count and sign the report: "
    "`sandogh station report --staff ROLE=FILE`",
    "box_early_count": "sandogh: voting is not closed yet; run `sandogh station close` first",
    "box_early_report": "sandogh: voting is not closed yet; run `sandogh station close` first",
    "box_late_report": "sandogh: this box's final report is already signed, and is not signed "
    "again; `sandogh station status` shows its delivery and `sandogh station sync` sends it",
    "box_flow_not_e2e": "sandogh: this box does not encrypt its ballots and keeps no chain",
    "box_flow_chain_open": "sandogh: the ballot chain is written once voting has closed; run "
    "`sandogh station close` first",
    "box_unsigned": "sandogh: the final report is not signed: it needs {waiting} too "
    "(--staff ROLE=FILE)",
    "box-refused": "sandogh: {words}",
    "totp-in-clear": "sandogh: the TOTP secrets of {count} operators ({accounts}) are stored in "
    "clear: seal them first with `{command}`",
    "totp-wrong-key": "sandogh: the server key {file} (--server-key or $SANDOGH_SERVER_KEY_FILE) "
    "opens none of the {count} sealed TOTP "
    "secrets of this database: it is not this centre's key",
    "election-unknown": "sandogh: no election '{election}' in the store (loaded: {known})",
    "election-unnamed": "sandogh: name the election with --election: the store holds {known}",
    "election-none": "sandogh: the store holds no election yet: load a definition with "
    "`sandogh load`",
    "unit-unknown": "sandogh: election '{election}' has no reporting unit '{code}'",
    "contest-unknown": "sandogh: election '{election}' has no contest '{contest}' (it has {known})",
    "results-stored": "sandogh: {count} tally sheets of {election} are already stored "
    "(stations {first}); nothing was imported",
    "operator-bad-username": "sandogh: {username!r}: a username is 3 to 64 of a-z 0-9 . _ -, "
    "starting with a letter",
    "operator-bad-display-name": "sandogh: a display name is 1 to {most} characters",
    "operator-weak-password": "sandogh: a password is {least} to {most} characters long",
    "operator-unknown-place": "sandogh: no stored election day has a unit {place}: load its "
    "definition first",
    "operator-unknown-account": "sandogh: no account {username}",
    "operator-username-taken": "sandogh: the username {username} is taken",
    "operator-not-allowed": "sandogh: {actor} may not change the account {username}",
    "operator-account-disabled": "sandogh: {username} is disabled",
    "operator-not-locked": "sandogh: {username} has no failed log-ins",
    "case-unknown": "sandogh: no violation case {number} is stored",
    "incident-unknown": "sandogh: no incident {number} is stored",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}


def say(key: str, lang: Lang, **values: str | int) -> str:
    """The line `key` in `lang`; the Persian lines leave the exception's English `error` out."""
    if lang == "fa":
        values.pop("error", None)
    return text_in(CATALOGUE, key, lang, **values)
