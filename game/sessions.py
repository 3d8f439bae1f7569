"""Saved sessions on this laptop: list them, move them between laptops, recover from backups.

Listing reads only each file's header (no replay), so it is fast and never crashes on a
damaged file: such a file is recovered from its `.bak` when that one is sound, and otherwise
listed as damaged with the reason.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.i18n import Msg
from game.sim.session import SESSION_FORMAT, SESSION_VERSION, Session, SessionError, write_atomic
from game.storage import SESSION_SUFFIX, session_path, sessions_dir


@dataclass(frozen=True)
class SessionInfo:
    """What the list shows of one saved session."""

    id: str
    path: Path
    scenario: str = ""
    title: Any = ""
    teams: dict[str, str] = field(default_factory=dict)
    month: int = 0
    months: int | None = None
    finished: bool = False
    saved: float = 0.0
    problem: Msg | None = None  # set when the file is damaged and could not be recovered
    recovered: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scenario": self.scenario,
            "title": self.title,
            "teams": self.teams,
            "month": self.month,
            "finished": self.finished,
            "saved": self.saved,
            "path": str(self.path),
            "damaged": self.problem is not None,
            "recovered": self.recovered,
        }


def read_header(path: Path) -> dict[str, Any]:
    """The session file's JSON without replaying it; raises SessionError if unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SessionError("missing", file=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionError("damaged", file=str(path), detail=type(exc).__name__) from exc
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise SessionError("not_a_session", file=str(path))
    if data.get("version") != SESSION_VERSION:
        raise SessionError(
            "wrong_version", file=str(path), found=data.get("version"), expected=SESSION_VERSION
        )
    if not isinstance(data.get("commands"), list) or not isinstance(data.get("scenario"), dict):
        raise SessionError("damaged", file=str(path), detail="fields missing")
    return data


def recover(path: Path) -> bool:
    """Replace a damaged session file by its backup when the backup is sound."""
    backup = path.with_name(path.name + ".bak")
    try:
        read_header(backup)
    except SessionError:
        return False
    shutil.copy2(backup, path)
    return True


def info(path: Path) -> SessionInfo:
    session_id = path.name.removesuffix(SESSION_SUFFIX)
    recovered = False
    try:
        data = read_header(path)
    except SessionError as exc:
        if not recover(path):
            return SessionInfo(id=session_id, path=path, problem=exc.reason)
        data = read_header(path)
        recovered = True
    scenario = data["scenario"]
    return SessionInfo(
        id=str(data.get("id") or session_id),
        path=path,
        scenario=str(scenario.get("id", "")),
        title=scenario.get("title", ""),
        teams=dict(data.get("teams") or {}),
        month=int(data.get("month") or 0),
        months=data.get("months"),
        finished=bool(data.get("finished")),
        saved=float(data.get("saved") or 0.0),
        recovered=recovered,
    )


def list_sessions(folder: Path | None = None) -> list[SessionInfo]:
    """Saved sessions, newest first."""
    folder = folder or sessions_dir()
    items = [info(p) for p in folder.glob(f"*{SESSION_SUFFIX}") if p.is_file()]
    return sorted(items, key=lambda s: (s.saved, s.id), reverse=True)


def find(session_id: str, folder: Path | None = None) -> SessionInfo:
    for item in list_sessions(folder):
        if item.id == session_id or item.path.name.startswith(session_id):
            return item
    raise SessionError("unknown_id", id=session_id)


def export_session(session_id: str, target: Path) -> Path:
    """Copy a saved session to a file (a USB stick, a shared folder), checked on the way."""
    item = find(session_id)
    if item.problem is not None:
        raise SessionError("damaged", file=str(item.path), detail="cannot export")
    Session.load(item.path)  # replay once: never hand on a session that doesn't open
    if target.is_dir():
        target = target / item.path.name
    write_atomic(target, item.path.read_text(encoding="utf-8"))
    return target


def import_session(source: Path) -> SessionInfo:
    """Bring a session file from another laptop (or from `simulate --save-sessions`)."""
    session = Session.load(source)
    path = session_path(session.id)
    session.save(path)
    return info(path)
