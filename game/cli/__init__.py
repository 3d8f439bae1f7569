"""The `kolaborasi` command line (also `python -m game`).

Each subcommand is a module in this package with `register(subparsers, t)` and
`run(args, t) -> int`; list its module name in SUBCOMMANDS to add it. `main` owns everything
around them: the language, usage errors (exit 2), and turning any failure into one translated
line (exit 1) so a facilitator in front of a projector never sees a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

from game import __version__
from game.cli.common import Parser, add_common_options, print_problems, requested_language
from game.i18n import Translator, detect_language
from game.scenario import ScenarioError
from game.storage import os_error_reason

SUBCOMMANDS = ("validate", "schema", "listing", "simulate", "sessions", "debrief", "play", "new")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting, for tests."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerate_unencodable_output()
    t = Translator(requested_language(args) or detect_language())
    try:
        return _dispatch(args, t)
    except KeyboardInterrupt:
        print(t("cli.error.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return 1
    except ScenarioError as exc:
        print_problems(exc.problems, t, sys.stderr)
        return 1
    except OSError as exc:  # a file the system would not touch, met where no check expected it
        if "--debug" in args:
            traceback.print_exc()
        where = exc.filename if exc.filename is not None else "?"
        print(t("cli.error.file", file=where, reason=t.msg(os_error_reason(exc))), file=sys.stderr)
        return 1
    except Exception as exc:
        if "--debug" in args:
            traceback.print_exc()
        else:
            print(t("cli.error.unexpected", error=_describe(exc)), file=sys.stderr)
            print(t("cli.error.debug_hint"), file=sys.stderr)
        return 1


def build_parser(t: Translator) -> argparse.ArgumentParser:
    parser = Parser(
        prog="kolaborasi", translator=t, description=t("cli.description"), epilog=t("cli.epilog")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kolaborasi {__version__}",
        help=t("cli.option.version"),
    )
    add_common_options(parser, t, top=True)
    subparsers = parser.add_subparsers(
        title=t("cli.heading.commands"),
        metavar=t("cli.command_metavar"),
        dest="command",
        parser_class=lambda **kwargs: Parser(translator=t, **kwargs),
    )
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        before = set(subparsers.choices)
        module.register(subparsers, t)
        for command in set(subparsers.choices) - before:
            subparser = subparsers.choices[command]
            add_common_options(subparser, t, top=False)
            subparser.set_defaults(handler=module.run)
    return parser


def _dispatch(argv: list[str], t: Translator) -> int:
    parser = build_parser(t)
    try:
        args = parser.parse_args(argv)
        if getattr(args, "handler", None) is None:  # `kolaborasi` alone opens the game
            args = parser.parse_args([*argv, "play"])
    except SystemExit as stop:  # --help, --version and usage errors end here
        return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    return args.handler(args, Translator(args.lang) if args.lang else t)


def _describe(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _tolerate_unencodable_output() -> None:
    """A Windows console in cp1252 must not crash on an Indonesian or typographic character."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Any = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _discard_stdout() -> None:
    """After `kolaborasi list | head`, send the rest to /dev/null instead of a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
