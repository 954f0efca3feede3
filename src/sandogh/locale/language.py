"""The two languages sandogh speaks: Persian, the official one, and English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fa", "en"]
