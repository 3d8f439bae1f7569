"""Pieces every subcommand shares: a translated argparse, counted nouns, problem printing.

argparse writes its own messages in English; the parser here translates the ones a person
meets (usage errors, headings, `usage:`) and keeps the exit code 2 for usage errors.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn, TextIO

from game.i18n import LANGUAGES, Translator
from game.scenario import Problem, format_problem

# argparse's English messages (Python 3.11+) and the catalogue keys that say them better.
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (?P<args>.+)", "cli.argparse.required"),
    (r"unrecognized arguments: (?P<args>.+)", "cli.argparse.unrecognized"),
    (
        r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
        "cli.argparse.invalid_choice",
    ),
    (r"argument (?P<arg>.+?): expected one argument", "cli.argparse.expected_one"),
    (r"argument (?P<arg>.+?): invalid \S+ value: (?P<value>.+)", "cli.argparse.invalid_value"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "cli.argparse.ambiguous"),
    # Last: a check of ours already said what is wrong; argparse only put "argument" before it.
    (r"argument (?P<arg>.+?): (?P<detail>.+)", "cli.argparse.argument"),
)


def translate_usage_error(message: str, t: Translator) -> str:
    for pattern, key in _ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            params = {k: v.replace("'", "") for k, v in match.groupdict().items()}
            return t(key, **params)
    return t("cli.argparse.other", detail=message)


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps line breaks of descriptions and epilogs (examples), and translates `usage:`."""

    def __init__(self, prog: str, *, translator: Translator, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self._t = translator

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[override]
        if prefix is None:
            prefix = self._t("cli.usage") + " "
        super().add_usage(usage, actions, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks the user's language and never prints a traceback."""

    def __init__(self, *args: Any, translator: Translator, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter(translator))
        kwargs["add_help"] = False
        kwargs["allow_abbrev"] = False  # `--deb` must not slip past the early --debug/--lang scan
        super().__init__(*args, **kwargs)
        self.translator = translator
        self._positionals.title = translator("cli.heading.arguments")
        self._optionals.title = translator("cli.heading.options")
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=translator("cli.option.help"),
        )

    def error(self, message: str) -> NoReturn:
        t = self.translator
        self.print_usage(sys.stderr)
        text = translate_usage_error(message, t)
        hint = t("cli.error.help_hint", prog=self.prog)
        self.exit(2, f"{self.prog}: {t('cli.error.label')}: {text}\n{hint}\n")


def _formatter(translator: Translator) -> Any:
    def make(prog: str, **kwargs: Any) -> HelpFormatter:
        return HelpFormatter(prog, translator=translator, **kwargs)

    return make


def add_common_options(parser: argparse.ArgumentParser, t: Translator, *, top: bool) -> None:
    """`--lang` and `--debug`, accepted before and after the subcommand.

    On subcommands the defaults are SUPPRESS, so an option given before the subcommand is not
    overwritten by the subcommand's default.
    """
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None if top else argparse.SUPPRESS,
        help=t("cli.option.lang"),
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=t("cli.option.debug"),
    )


def requested_language(argv: list[str]) -> str | None:
    """The last valid `--lang` in argv, read before parsing so help and errors use it."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            found = value
    return found


def counted(t: Translator, noun: str, count: int) -> str:
    """`1 warning`, `2 warnings`: the catalogue has `.one` and `.other` forms of each noun."""
    form = "one" if count == 1 else "other"
    return t(f"cli.count.{noun}.{form}", count=count)


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it: shorter, and clickable in most terminals."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except (OSError, ValueError):
        return str(path)


def shell_quote(path: str) -> str:
    """A path as it must be typed in a shell: quoted when it has spaces or special signs."""
    return f'"{path}"' if re.search(r"[\s()&;|<>$`'\"]", path) else path


def print_problems(
    problems: Iterable[Problem], t: Translator, stream: TextIO | None = None
) -> None:
    for problem in problems:
        print(format_problem(problem, t), file=stream or sys.stdout)


def number(t: Translator, value: float, spec: str) -> str:
    """`value` as `format(value, spec)` writes it, with the decimal comma in Indonesian, as
    the game and the CSV files write numbers; `--json` keeps the dot for programs."""
    text = format(value, spec)
    return text.replace(".", ",") if t.lang == "id" else text
