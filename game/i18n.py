"""Translations: every string a person reads goes through here, in Bahasa Indonesia or English.

Catalogues are JSON files under `assets/i18n/<lang>/`, one per area (cli, scenario, sim, ui,
debrief) so that each area owns its own file; all files of a language merge into one table.
Keys are dotted names; values are `str.format` templates with named fields. A field may
choose a word by its number, as English needs: `{months} {months:month|months}` reads
"1 month", "3 months" (Indonesian writes "{months} bulan").

Code that must stay free of I/O (the simulation) returns `Msg(key, params)`; whoever shows it
to a person renders it with a `Translator`.
"""

from __future__ import annotations

import json
import locale
import math
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from game.resources import assets_dir

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Msg:
    """A translatable message: a catalogue key and the values to put into it."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "params": {k: _jsonable(v) for k, v in self.params.items()}}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Msg):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """Pick the language: `KOLABORASI_LANG` (id or en) if set, else the POSIX locale
    variables (`id_*` means Indonesian), else the system's locale, which is all a Windows
    laptop has (an Indonesian one came up in English)."""
    env = os.environ if environ is None else environ
    chosen = env.get("KOLABORASI_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else "en"
    if environ is None:
        system = (locale.getlocale()[0] or "").lower()
        if system:
            return "id" if system.startswith(("id", "in_", "indonesian")) else "en"
    return DEFAULT_LANGUAGE


@cache
def _catalogue(lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    folder = assets_dir() / "i18n" / lang
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as fh:
            table.update(json.load(fh))
    return table


def catalogue_keys(lang: str) -> set[str]:
    return set(_catalogue(lang))


def pick(text: str | Mapping[str, str] | None, lang: str) -> str:
    """Choose a scenario text in `lang`, falling back to the other language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if text.get(lang):
        return text[lang]
    for other in LANGUAGES:
        if text.get(other):
            return text[other]
    return ""


def format_number(value: float, lang: str, decimals: int = 2) -> str:
    """Up to `decimals` decimals (two unless asked), without trailing zeros; Indonesian uses
    a decimal comma. A value that rounds to zero is 0, never -0."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if lang == "id" else text


def short_of(value: float, target: float, digits: int = 1) -> float:
    """`value` rounded to `digits` for display, or to as many more decimals as it takes (up
    to four) not to look like it reached `target` when it did not: 32.96 against a target
    of 33 shows as 32.96, not 33."""
    for d in range(digits, 5):
        shown = round(value, d)
        if value >= target or shown < target:
            return shown
    return math.floor(value * 10_000) / 10_000


class _Formatter(string.Formatter):
    """`str.format`, plus `{n:one|many}`: the singular word when n is 1, else the plural."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            return one if str(value) == "1" else many
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


class Translator:
    """Renders catalogue keys in one language; a missing key shows itself, never crashes."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        self.lang = lang

    def __call__(self, key: str, /, **params: Any) -> str:
        template = _catalogue(self.lang).get(key)
        if template is None:
            template = _catalogue(DEFAULT_LANGUAGE).get(key, key)
        try:
            return _FORMATTER.vformat(template, (), params)
        except (KeyError, IndexError, ValueError):
            return template

    def msg(self, message: Msg) -> str:
        """Render a message; names given as {lang: text} dicts and nested messages render too."""
        return self(message.key, **{k: self._param(v) for k, v in message.params.items()})

    def _param(self, value: Any) -> Any:
        if isinstance(value, Msg):
            return self.msg(value)
        if isinstance(value, Mapping):
            return self.text(value)
        if isinstance(value, list | tuple):  # "A and B", "A, B and C"
            parts = [str(self._param(v)) for v in value]
            if len(parts) < 2:
                return "".join(parts)
            return f"{', '.join(parts[:-1])} {self('list.and')} {parts[-1]}"
        if isinstance(value, float):
            return format_number(value, self.lang)
        return value

    def text(self, text: str | Mapping[str, str] | None) -> str:
        return pick(text, self.lang)
