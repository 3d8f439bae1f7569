"""`kolaborasi debrief SESSION...`: the debrief report of one session, or several compared.

Writes one self-contained HTML file (printable on A4) and, with `--csv DIR`, spreadsheet
files. A session is a file, or a saved session's id as `kolaborasi sessions` lists it (or the
only id that begins so). Several sessions must be of the same scenario; they are compared
side by side. A damaged, truncated or too-new session file, or a mix of scenarios, gets one
translated line and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.cli.common import display_path, shell_quote
from game.debrief import export
from game.debrief.build import load_debrief
from game.debrief.compare import compare, months_played
from game.debrief.errors import DebriefError
from game.debrief.logbook import counted
from game.debrief.model import Debrief
from game.debrief.report_html import GENERATOR
from game.i18n import Msg, Translator
from game.sessions import find as find_session
from game.sessions import is_session_file, read_header
from game.sim.session import SessionError
from game.storage import file_head, os_error_reason


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
    parser.add_argument("--for-teams", action="store_true", help=t("debrief.cli.for_teams_help"))


def run(args: argparse.Namespace, t: Translator) -> int:
    csv_folder = Path(args.csv) if args.csv else None
    if csv_folder is not None and csv_folder.exists() and not csv_folder.is_dir():
        print(t.msg(_csv_not_folder(csv_folder)), file=sys.stderr)  # before anything is written
        return 1
    loaded = _load(args.sessions, t)
    if loaded is None:
        return 1
    paths, debriefs = loaded
    out = _out_path(args.out, debriefs, args.for_teams)
    refusal = _refusal(out, paths, debriefs)
    if refusal is not None:
        print(t.msg(refusal), file=sys.stderr)
        return 1
    comparison = None
    if len(debriefs) > 1:
        try:
            comparison = compare(debriefs)
        except DebriefError as exc:
            print(t.msg(exc.reason), file=sys.stderr)
            print(t("debrief.cli.compare_hint"), file=sys.stderr)
            return 1
    _warn_unfinished(debriefs, t)
    if not _write_report(out, debriefs, comparison, t, for_teams=args.for_teams):
        return 1
    if csv_folder is not None and not _write_csv(csv_folder, debriefs, args.csv_plain, t):
        return 1
    _summary(debriefs, comparison, t)
    return 0


def _load(refs: Sequence[str], t: Translator) -> tuple[list[Path], list[Debrief]] | None:
    """Every session's file and debrief, or None after saying which could not be read.
    A session given twice (the same file, or a file and its `.bak` from a `*`) counts once."""
    paths, debriefs = [], []
    failed = 0
    for ref in _once_each(refs, t):
        try:
            path = session_file(ref)
            debriefs.append(load_debrief(path))
            paths.append(path)
        except DebriefError as exc:
            print(t.msg(exc.reason), file=sys.stderr)
            failed += 1
    if failed:
        sessions = counted("session_files", failed)
        print(t.msg(Msg("debrief.cli.nothing_written", {"sessions": sessions})), file=sys.stderr)
        return None
    return paths, debriefs


def _once_each(refs: Sequence[str], t: Translator) -> list[str]:
    """`refs` without second copies of a session: `debrief sessions/*` took each session and
    its backup, and the comparison ranked every team twice. The copy kept is the first that
    is not a backup; each one left out is said on stderr."""
    found = [(ref, _session_id(ref)) for ref in refs]  # each file's header read once
    ids: dict[str, str] = {}
    for ref, session_id in found:
        if session_id is None:
            continue
        kept = ids.get(session_id)
        if kept is None or (kept.endswith(".bak") and not ref.endswith(".bak")):
            ids[session_id] = ref
    out, used = [], set()
    for ref, session_id in found:
        if session_id is None:
            out.append(ref)
        elif ref == ids[session_id] and session_id not in used:
            out.append(ref)
            used.add(session_id)
        else:
            print(t("debrief.cli.same_session", file=ref, other=ids[session_id]), file=sys.stderr)
    return out


def _session_id(ref: str) -> str | None:
    """The id inside a session file, or None when it is not one (the error comes later)."""
    path = Path(ref)
    if not path.is_file():
        return None
    try:
        return str(read_header(path).get("id") or "") or None
    except SessionError:
        return None


def session_file(ref: str) -> Path:
    """The session a person named: a file, else a saved session by the id `kolaborasi
    sessions` prints, or by the only id that begins with `ref` (as `sessions export` takes)."""
    path = Path(ref)
    if path.exists():
        return path
    try:
        item = find_session(ref)
    except SessionError as exc:
        if exc.reason.key == "sim.session.unknown_id":
            raise DebriefError("no_session", ref=ref) from exc
        raise DebriefError.wrap(exc.reason) from exc
    if item.problem is not None:
        raise DebriefError.wrap(item.problem)
    return item.path


def _out_path(given: str | None, debriefs: Sequence[Debrief], for_teams: bool = False) -> Path:
    """The report's file: as `--out` says, else named like the game's "Export report" does
    (the session's id), so debriefing two sessions in one folder keeps both reports."""
    name = export.report_path(debriefs, ".", for_teams=for_teams).name
    if given is None:
        return Path(name)
    path = Path(given)
    return path / name if path.is_dir() else path


def _refusal(out: Path, inputs: Sequence[Path], debriefs: Sequence[Debrief]) -> Msg | None:
    """Why the report must not go to `out`: it would replace one of the sessions (or its
    backup), or a file that is not a report. Only an older .html report is replaced (kept
    as .bak), as running the debrief again after more play should."""
    suggestion = shell_quote(display_path(out.parent / export.report_path(debriefs, ".").name))
    shown = display_path(out)
    if any(out.resolve() == path.resolve() for path in inputs):
        return Msg("debrief.error.out_is_input", {"file": shown, "suggestion": suggestion})
    if is_session_file(out):
        return Msg("debrief.error.out_is_session", {"file": shown, "suggestion": suggestion})
    if out.exists() and not _is_report(out):
        return Msg("debrief.error.out_not_report", {"file": shown, "suggestion": suggestion})
    return None


def _is_report(path: Path) -> bool:
    """A report this game wrote, by the generator mark in its head: a hand-made handout
    that happens to end in .html is somebody's work, never replaced."""
    head = file_head(path, 2048)
    return head is not None and f'<meta name="generator" content="{GENERATOR}">'.encode() in head


def _csv_not_folder(folder: Path) -> Msg:
    suggestion = shell_quote(display_path(folder.with_name(folder.stem + "-csv")))
    return Msg(
        "debrief.error.csv_not_folder", {"folder": display_path(folder), "suggestion": suggestion}
    )


def _warn_unfinished(debriefs: Sequence[Debrief], t: Translator) -> None:
    for d in debriefs:
        if not d.session.finished:
            warning = d.session.stopped("debrief.cli.unfinished", file=d.session.source)
            print(t.msg(warning), file=sys.stderr)


def _write_report(
    out: Path, debriefs, comparison, t: Translator, *, for_teams: bool = False
) -> bool:
    try:
        from game.debrief.report_html import write_report

        write_report(out, debriefs, comparison, t, for_teams=for_teams)
    except ImportError as exc:
        print(t("debrief.error.no_matplotlib", detail=str(exc)), file=sys.stderr)
        return False
    except OSError as exc:
        detail = t.msg(os_error_reason(exc))
        print(
            t("debrief.error.write_failed", file=display_path(out), detail=detail), file=sys.stderr
        )
        return False
    print(t("debrief.cli.written", file=display_path(out)))
    return True


def _write_csv(folder: Path, debriefs, plain: bool, t: Translator) -> bool:
    """The spreadsheets; a failure names --csv, not --out (the report is already written)."""
    from game.debrief.report_csv import write_csv

    try:
        files = write_csv(folder, debriefs, t, plain=plain)
    except OSError as exc:
        detail = t.msg(os_error_reason(exc))
        print(
            t("debrief.error.csv_failed", folder=display_path(folder), detail=detail),
            file=sys.stderr,
        )
        return False
    print(t("debrief.cli.csv_written", count=len(files), folder=display_path(folder)))
    return True


def _summary(debriefs, comparison, t: Translator) -> None:
    if comparison is None:
        d = debriefs[0]
        summary = {
            "title": d.title,
            "met": d.objectives_met,
            "objectives": len(d.objectives),
            "chains": counted("chains", len(d.so_what.chains)),
        }
        print(t.msg(Msg("debrief.cli.summary", summary)))
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
    print(t("debrief.cli.ranking_rule"))
    lengths = months_played(debriefs)
    if len(lengths) > 1:  # a shorter session ranks lower for that reason alone
        shown = ", ".join(str(n) for n in lengths)
        print(t("debrief.cli.unequal_lengths", months=shown), file=sys.stderr)
