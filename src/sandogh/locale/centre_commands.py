"""What `sandogh serve` and `sandogh server-key` say, in Persian and English (issue 13): the
centre's warnings as it starts, its settings refused, the server key made. Ctrl-C's line is
`locale.command_failures`'."""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "serve_no_log_key": "sandogh: کلید دفتر رخدادها داده نشده است (--log-key یا"
    " $SANDOGH_LOG_KEY_FILE): نقطه‌های بازرسی دفتر تنها هنگام انتشار نتایج امضا می‌شوند.",
    "serve_plain_http": "sandogh: سامانه مرکزی روی {host} بی‌رمز (HTTP) پاسخ می‌دهد: پیش از آن"
    " یک پراکسی با TLS بگذارید.",
    "serve_refused": "sandogh: سامانه مرکزی آغاز نشد: {problems}",
    "server_key_written": "کلید سرور در {file} است؛ نسخه‌ای از آن را جدا از پشتیبان‌های پایگاه"
    " داده نگه دارید.",
}

EN: dict[str, str] = {
    "serve_no_log_key": "sandogh: no log key (--log-key or $SANDOGH_LOG_KEY_FILE): the event "
    "log's checkpoints are signed only when a snapshot is published",
    "serve_plain_http": "sandogh: serving plain HTTP on {host}: put a TLS-terminating proxy in "
    "front",
    "serve_refused": "sandogh: cannot start the centre: {problems}",
    "server_key_written": "The server key is in {file}; keep a copy apart from the database's "
    "backups.",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}
