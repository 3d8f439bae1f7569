"""`kolaborasi sessions`: list saved sessions; export and import them between laptops."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from game import sessions
from game.cli.common import Parser, add_common_options
from game.i18n import Translator
from game.sim.session import SessionError
from game.storage import os_error_reason

# Refusals that `export --force` overrides: the file in the way is kept as FILE.bak.
FORCEABLE = ("sim.session.export_clash", "sim.session.export_not_session")


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "sessions",
        help=t("sessions.help"),
        description=t("sessions.description"),
        epilog=t("sessions.epilog"),
    )
    parser.add_argument("--json", action="store_true", help=t("sessions.json_help"))
    actions = parser.add_subparsers(
        dest="action",
        metavar=t("sessions.action_metavar"),
        parser_class=lambda **kwargs: Parser(translator=t, **kwargs),
    )
    export = actions.add_parser("export", help=t("sessions.export_help"))
    export.add_argument("id", metavar="ID", help=t("sessions.id_help"))
    export.add_argument("file", metavar=t("sessions.file_metavar"), help=t("sessions.file_help"))
    export.add_argument("--force", action="store_true", help=t("sessions.force_help"))
    imp = actions.add_parser("import", help=t("sessions.import_help"))
    imp.add_argument(
        "file", metavar=t("sessions.file_metavar"), help=t("sessions.import_file_help")
    )
    for action in (export, imp):  # `sessions export ID FILE --lang id`, like every command
        add_common_options(action, t, top=False)


def run(args: argparse.Namespace, t: Translator) -> int:
    try:
        if args.action == "export":
            target = Path(args.file)
            folder = args.file.endswith(("/", os.sep))  # a folder, perhaps not made yet
            session_id = sessions.find(args.id).id  # the full id, when a beginning was given
            target = sessions.export_session(session_id, target, force=args.force, folder=folder)
            print(t("sessions.exported", id=session_id, file=str(target)))
            return 0
        if args.action == "import":
            item = sessions.import_session(Path(args.file))
            print(t("sessions.imported", id=item.id, month=item.month, file=str(item.path)))
            return 0
    except SessionError as exc:
        print(t.msg(exc.reason), file=sys.stderr)
        if exc.reason.key in FORCEABLE:
            print(t("sessions.force_hint", file=exc.reason.params["file"]), file=sys.stderr)
        return 1
    except OSError as exc:  # a full or read-only USB stick, a missing folder
        where = exc.filename or args.file
        detail = t.msg(os_error_reason(exc))
        print(t("sessions.write_failed", file=where, detail=detail), file=sys.stderr)
        return 1
    items = sessions.list_sessions()
    if args.json:
        print(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1))
        return 0
    if not items:
        print(t("sessions.none"))
        return 0
    for item in items:
        print(_line(item, t))
    return 0


def _line(item: sessions.SessionInfo, t: Translator) -> str:
    if item.problem is not None:
        return t("sessions.damaged_line", id=item.id, problem=t.msg(item.problem))
    saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(item.saved)) if item.saved else "?"
    teams = ", ".join(item.teams.values()) or "—"
    key = "sessions.line_finished" if item.finished else "sessions.line"
    line = t(
        key,
        id=item.id,
        title=t.text(item.title),
        month=item.month,
        teams=teams,
        saved=saved,
        seed=item.seed if item.seed is not None else "?",
    )
    return line + (" " + t("sessions.recovered") if item.recovered else "")
