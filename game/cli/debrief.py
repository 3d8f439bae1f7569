"""`kolaborasi debrief SESSION...`: the debrief report of one session, or several compared.

Writes one self-contained HTML file (printable on A4) and, with `--csv DIR`, spreadsheet
files. Several sessions must be of the same scenario; they are compared side by side. A
damaged, truncated or too-new session file, or a mix of scenarios, gets one translated line
and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.cli.common import display_path
from game.debrief import export
from game.debrief.build import load_debrief
from game.debrief.compare import compare
from game.debrief.errors import DebriefError
from game.debrief.model import Debrief
from game.i18n import Translator


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "debrief",
        help=t("debrief.cli.help"),
        description=t("debrief.cli.description"),
        epilog=t("debrief.cli.epilog"),
    )
    parser.add_argument(
        "sessions", nargs="+", metavar=t("debrief.cli.metavar"), help=t("debrief.cli.sessions_help")
    )
    parser.add_argument(
        "--out", metavar=t("debrief.cli.file_metavar"), default=None, help=t("debrief.cli.out_help")
    )
    parser.add_argument(
        "--csv", metavar=t("debrief.cli.dir_metavar"), default=None, help=t("debrief.cli.csv_help")
    )
    parser.add_argument("--csv-plain", action="store_true", help=t("debrief.cli.csv_plain_help"))


def run(args: argparse.Namespace, t: Translator) -> int:
    debriefs = []
    failed = 0
    for path in args.sessions:
        try:
            debriefs.append(load_debrief(path))
        except DebriefError as exc:
            print(t.msg(exc.reason), file=sys.stderr)
            failed += 1
    if failed:
        print(t("debrief.cli.nothing_written", count=failed), file=sys.stderr)
        return 1
    comparison = None
    if len(debriefs) > 1:
        try:
            comparison = compare(debriefs)
        except DebriefError as exc:
            print(t.msg(exc.reason), file=sys.stderr)
            print(t("debrief.cli.compare_hint"), file=sys.stderr)
            return 1
    for d in debriefs:
        if not d.session.finished:
            print(
                t(
                    "debrief.cli.unfinished",
                    file=d.session.source,
                    month=d.session.month,
                    months=d.session.months,
                ),
                file=sys.stderr,
            )
    out = _out_path(args.out, debriefs)
    try:
        from game.debrief.report_html import write_report

        write_report(out, debriefs, comparison, t)
    except ImportError as exc:
        print(t("debrief.error.no_matplotlib", detail=str(exc)), file=sys.stderr)
        return 1
    except OSError as exc:
        detail = exc.strerror or str(exc)
        print(
            t("debrief.error.write_failed", file=display_path(out), detail=detail), file=sys.stderr
        )
        return 1
    print(t("debrief.cli.written", file=display_path(out)))
    if args.csv:
        from game.debrief.report_csv import write_csv

        folder = Path(args.csv)
        try:
            files = write_csv(folder, debriefs, t, plain=args.csv_plain)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            print(
                t("debrief.error.write_failed", file=display_path(folder), detail=detail),
                file=sys.stderr,
            )
            return 1
        print(t("debrief.cli.csv_written", count=len(files), folder=display_path(folder)))
    _summary(debriefs, comparison, t)
    return 0


def _out_path(given: str | None, debriefs: Sequence[Debrief]) -> Path:
    """The report's file: as `--out` says, else named like the game's "Export report" does
    (the session's id), so debriefing two sessions in one folder keeps both reports."""
    name = export.report_path(debriefs, ".").name
    if given is None:
        return Path(name)
    path = Path(given)
    return path / name if path.is_dir() else path


def _summary(debriefs, comparison, t: Translator) -> None:
    if comparison is None:
        d = debriefs[0]
        print(
            t(
                "debrief.cli.summary",
                title=t.msg(d.title),
                met=d.objectives_met,
                objectives=len(d.objectives),
                chains=len(d.so_what.chains),
            )
        )
        return
    print(t("debrief.cli.ranking", title=t.msg(comparison.title)))
    for rank in comparison.ranking:
        run = comparison.runs[rank.run]
        print(
            t(
                "debrief.cli.rank_line",
                place=rank.place,
                label=t.msg(run.label),
                met=rank.met,
                objectives=rank.total,
                score=round(rank.mean_score),
            )
        )
