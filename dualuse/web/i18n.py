"""Interface text in English, Japanese and Chinese, from small catalogue files.

``messages/<lang>.json`` maps a message key to its text; a key missing from a catalogue falls
back to English, and a key missing from English shows as itself (a test keeps the catalogues
complete). The language comes from ``?lang=``, then the ``lang`` cookie, then the browser's
``Accept-Language``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "ja": "日本語", "zh": "中文"}
DEFAULT = "en"
COOKIE = "lang"
_DIR = Path(__file__).with_name("messages")


@cache
def catalogue(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((_DIR / f"{lang}.json").read_text("utf-8"))
    return data


def translate(lang: str, msg: str, /, **values: object) -> str:
    text = catalogue(lang).get(msg) or catalogue(DEFAULT).get(msg) or msg
    return text.format(**values) if values else text


def pick(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The language to show: the query's, the cookie's, else the browser's first we have."""
    for choice in (query, cookie):
        if choice in LANGUAGES:
            return choice
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower()
        base = tag.split("-")[0]
        if base in LANGUAGES:
            return base
    return DEFAULT


__all__ = ["COOKIE", "DEFAULT", "LANGUAGES", "catalogue", "pick", "translate"]
