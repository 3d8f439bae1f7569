"""Saved sessions on this laptop: list them, move them between laptops, recover from backups.

Listing reads only each file's header (no replay), so it is fast and never crashes on a
damaged file: such a file is recovered from its `.bak` when that one is sound, and otherwise
listed as damaged with the reason.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.i18n import Msg
from game.sim.session import (
    SESSION_FORMAT,
    SESSION_VERSION,
    Session,
    SessionError,
    new_session_id,
    write_atomic,
)
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
            "months": self.months,
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
    """Replace a damaged session file by its backup when the backup is sound, keeping the
    damaged file beside it as `<name>.damaged`.

    The copy goes through a temporary file and a rename, so a crash during recovery leaves
    the damaged file (and the sound backup) as they were, never a half-copied one.
    """
    backup = path.with_name(path.name + ".bak")
    try:
        read_header(backup)
    except SessionError:
        return False
    with contextlib.suppress(OSError):  # keep what is replaced: it may be worth a look
        shutil.copy2(path, path.with_name(path.name + ".damaged"))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(backup, tmp)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def info(path: Path) -> SessionInfo:
    session_id = path.name.removesuffix(SESSION_SUFFIX)
    recovered = False
    try:
        data = read_header(path)
    except SessionError as exc:
        # Only a damaged file is replaced by its backup: a newer version, or a file that is
        # not a session at all, stays as it is.
        if exc.reason.key != "sim.session.damaged" or not recover(path):
            return SessionInfo(id=session_id, path=path, problem=exc.reason)
        data = read_header(path)
        recovered = True
    scenario = data["scenario"]
    try:
        saved = float(data.get("saved") or 0.0)
        title = scenario.get("title", "")
        if not math.isfinite(saved) or not 0 <= saved < 1e11:  # a date the clock can show
            raise ValueError("saved")
        if not isinstance(title, str | dict) or (
            isinstance(title, dict) and not all(isinstance(v, str) for v in title.values())
        ):
            raise TypeError("title")
        return SessionInfo(
            id=str(data.get("id") or session_id),
            path=path,
            scenario=str(scenario.get("id", "")),
            title=title,
            teams={str(k): str(v) for k, v in dict(data.get("teams") or {}).items()},
            month=int(data.get("month") or 0),
            months=int(data["months"]) if data.get("months") is not None else None,
            finished=bool(data.get("finished")),
            saved=saved,
            recovered=recovered,
        )
    except (TypeError, ValueError) as exc:  # a header edited by hand: listed, not fatal
        problem = SessionError("damaged", file=str(path), detail=type(exc).__name__).reason
        return SessionInfo(id=session_id, path=path, problem=problem)


STALE_TEMP_SECONDS = 300  # a save takes milliseconds: an older temporary file is a crash's


def sweep_temporary(folder: Path) -> int:
    """Remove half-written temporary files left by a save that was killed; their session
    file is untouched (the rename never happened). Returns how many were removed."""
    removed = 0
    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in folder.glob(f".*{SESSION_SUFFIX}*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed += 1
    return removed


def list_sessions(folder: Path | None = None) -> list[SessionInfo]:
    """Saved sessions, newest first."""
    folder = folder or sessions_dir()
    sweep_temporary(folder)
    items = [info(p) for p in folder.glob(f"*{SESSION_SUFFIX}") if p.is_file()]
    return sorted(items, key=lambda s: (s.saved, s.id), reverse=True)


def find(session_id: str, folder: Path | None = None) -> SessionInfo:
    """The session with this id, or the only one whose id begins with it."""
    items = list_sessions(folder)
    for item in items:
        if item.id == session_id:
            return item
    matches = [i for i in items if session_id and i.path.name.startswith(session_id)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise SessionError("ambiguous_id", id=session_id, n=len(matches))
    raise SessionError("unknown_id", id=session_id)


def export_session(session_id: str, target: Path) -> Path:
    """Copy a saved session to a file (a USB stick, a shared folder), checked on the way."""
    item = find(session_id)
    if item.problem is not None:
        raise SessionError("damaged", file=str(item.path), detail="cannot export")
    Session.load(item.path)  # replay once: never hand on a session that doesn't open
    if target.is_dir():
        target = target / item.path.name
    if target.resolve() == item.path.resolve():
        return target  # already there: nothing to copy
    write_atomic(target, item.path.read_text(encoding="utf-8"))
    return target


def import_session(source: Path) -> SessionInfo:
    """Bring a session file from another laptop (or from `simulate --save-sessions`).

    The same game further along replaces the copy here; the same game further along *here*
    is kept (nothing changes); a different game that happens to have the same id is
    imported under a new id, so neither is lost.
    """
    session = Session.load(source)
    path = session_path(session.id)
    if path.exists() and path.resolve() != source.resolve():
        try:
            here = read_header(path)
        except SessionError:
            here = None  # a damaged local copy may be replaced
        if here is not None:
            incoming = [c.to_json() for c in session.commands]
            theirs = here["commands"]
            same_game = (
                here.get("seed") == session.seed
                and here["scenario"].get("sha256") == session.to_json()["scenario"]["sha256"]
                and (theirs == incoming[: len(theirs)] or incoming == theirs[: len(incoming)])
            )
            if not same_game:
                session.id = new_session_id(session.scenario.meta.id)
                path = session_path(session.id)
            elif len(theirs) > len(incoming):
                raise SessionError("newer_here", id=session.id, file=str(path))
    session.save(path)
    return info(path)
