"""What a server's own log says of itself, in Persian and English: the lines uvicorn writes for
the centre (`sandogh serve`), the results site and the box's kiosk (`server.listening_log`)
as they start, and of a request their protocol refused. English is uvicorn's own words."""

from __future__ import annotations

from sandogh.locale.language import Lang

FA: dict[str, str] = {
    "server_started": "sandogh: پردازه سرور ({pid}) آغاز شد.",
    "parent_started": "sandogh: پردازه سرپرست پردازه‌های سرور ({pid}) آغاز شد.",
    "app_starting": "sandogh: سرور آماده می‌شود…",
    "app_started": "sandogh: سرور آماده است.",
    "app_start_failed": "sandogh: سرور آماده نشد و بسته شد.",
    "running": "sandogh: سرور روی {url} پاسخ می‌دهد؛ برای توقف آن Ctrl+C را بزنید.",
    "worker_died": "sandogh: پردازه سرور ({pid}) از کار افتاد؛ پردازه‌ای دیگر به جای آن آغاز می‌شود.",
    "invalid_request": "sandogh: درخواستی که HTTP درست نبود رد شد (پاسخ ۴۰۰) و اتصال آن بسته شد.",
    "too_many": "sandogh: اتصال‌های باز به سقف رسیده است: درخواستی تازه رد شد (پاسخ ۵۰۳).",
    "upgrade": "sandogh: درخواستی برای ارتقای اتصال (upgrade) رسید؛ این سرور آن را نمی‌پذیرد.",
    "app_failed": "sandogh: پاسخ به درخواستی با خطایی پیش‌بینی‌نشده شکست خورد:",
}

EN: dict[str, str] = {
    "server_started": "Started server process [{pid}]",
    "parent_started": "Started parent process [{pid}]",
    "app_starting": "Waiting for application startup.",
    "app_started": "Application startup complete.",
    "app_start_failed": "Application startup failed. Exiting.",
    "running": "Uvicorn running on {url} (Press CTRL+C to quit)",
    "worker_died": "Child process [{pid}] died",
    "invalid_request": "Invalid HTTP request received.",
    "too_many": "Exceeded concurrency limit.",
    "upgrade": "Unsupported upgrade request.",
    "app_failed": "Exception in ASGI application",
}

CATALOGUE: dict[Lang, dict[str, str]] = {"fa": FA, "en": EN}

#: uvicorn's line of each request answered (its access log), in Persian; in English uvicorn's own
#: (`127.0.0.1:50386 - "GET /api/v1/health HTTP/1.1" 200 OK`). The request is isolated left to
#: right on the Persian line, as it was sent.
ANSWERED_FA = (
    "sandogh: درخواست \u2066{method} {path}\u2069 از \u2066{client}\u2069 پاسخ {status} گرفت."
)
