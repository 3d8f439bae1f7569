"""`kolaborasi play [SCENARIO] [--seed S] [--months M] [--fullscreen] [--resume [SESSION]]`:
open the window.

Without a scenario the start screen opens with the default one selected; with one, that one
is selected (teams still choose who plays). `--resume` without a file continues the session
saved last. A scenario or session that cannot be opened is explained on the start screen (and
on stderr), never as a traceback. pygame is imported only here, so the other commands start
fast and run on machines without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from game.i18n import Translator
from game.scenario import ScenarioError, load_scenario, resolve_scenario


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "play", help=t("ui.cli.help"), description=t("ui.cli.description")
    )
    parser.add_argument(
        "scenario", nargs="?", metavar=t("ui.cli.scenario_metavar"), help=t("ui.cli.scenario_help")
    )
    parser.add_argument("--seed", type=int, default=None, help=t("ui.cli.seed_help"))
    parser.add_argument("--months", type=_months(t), default=None, help=t("ui.cli.months_help"))
    parser.add_argument("--fullscreen", action="store_true", help=t("ui.cli.fullscreen_help"))
    parser.add_argument(  # hidden: the window plays itself (resilience tests, soak runs)
        "--autoplay", nargs="?", type=int, const=0, default=None, help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--resume",
        nargs="?",
        const="",
        default=None,
        metavar=t("ui.cli.session_metavar"),
        help=t("ui.cli.resume_help"),
    )


def _months(t: Translator):
    """A game length of 3 to 120 months, said in the user's language when it is not one."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("ui.cli.months_bad", value=text)) from None
        if not 3 <= value <= 120:
            raise argparse.ArgumentTypeError(t("ui.cli.months_bad", value=text))
        return value

    return parse


def run(args: argparse.Namespace, t: Translator) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no pygame banner in the terminal
    from game import storage
    from game.ui.app import App, fitting_size, too_small_for_a_window
    from game.ui.scenes.loading import LoadingScene
    from game.ui.scenes.start import StartScene

    full = args.fullscreen or too_small_for_a_window()
    app = App(t.lang, size=fitting_size(), fullscreen=full, intro=args.autoplay is None)
    if args.autoplay is not None:
        from game.ui.autoplay import Autoplay

        app.frame_hook = Autoplay(app, args.autoplay)
    if args.resume is not None:
        path = Path(args.resume).expanduser() if args.resume else storage.latest_session()
        if path is None:
            message = t("ui.cli.no_saved", folder=str(storage.sessions_dir()))
            print(message, file=sys.stderr)
            app.push(StartScene(app, seed=args.seed, message=message))
        else:
            app.push(LoadingScene(app, path))
        return app.run()
    scenario, problems = None, None
    if args.scenario:
        from game.cli.common import print_problems

        try:
            scenario = resolve_scenario(args.scenario)
            # The start screen shows a broken file's problems; say them in the terminal too,
            # where `validate` would have, for a designer who started the game from there.
            load_scenario(scenario)
        except ScenarioError as exc:
            print_problems(exc.problems, t, sys.stderr)
            problems = None if scenario is not None else exc.problems
    start = StartScene(
        app, scenario=scenario, seed=args.seed, months=args.months, problems=problems
    )
    app.push(start)
    return app.run()
