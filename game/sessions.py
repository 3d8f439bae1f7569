"""Saved sessions on this laptop: list them, move them between laptops, recover from backups.

Listing reads only each file's header (no replay), so it is fast and never crashes on a
damaged file: such a file is recovered from its `.bak` when that one is sound, and otherwise
listed as damaged with the reason.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.i18n import Msg
from game.sim.session import (
    Session,
    SessionError,
    bad_field,
    check_header,
    new_session_id,
    read_record,
    write_atomic,
)
from game.storage import SESSION_SUFFIX, file_head, session_path, sessions_dir


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
    seed: int | None = None  # laptops of one workshop should show the same
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
            "seed": self.seed,
            "finished": self.finished,
            "saved": self.saved,
            "path": str(self.path),
            "damaged": self.problem is not None,
            "recovered": self.recovered,
        }


def read_header(path: Path) -> dict[str, Any]:
    """The session file's JSON without replaying it; raises SessionError if unreadable."""
    return check_header(read_record(path), str(path))


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
        # Only a damaged file with a backup is replaced by it: a newer version, or a file that
        # is not a session at all, stays as it is.
        if exc.reason.key != "sim.session.damaged":
            return SessionInfo(id=session_id, path=path, problem=exc.reason)
        if not recover(path):
            return SessionInfo(id=session_id, path=path, problem=_backup_failed(path, exc))
        data = read_header(path)
        recovered = True
    try:
        return _summary(path, data, recovered)
    except SessionError as exc:  # a header edited by hand: listed, not fatal
        problem = _backup_failed(path, exc) if recovered else exc.reason
        return SessionInfo(id=session_id, path=path, problem=problem)


def _backup_failed(path: Path, exc: SessionError) -> Msg:
    """The listing already tried the backup: say so instead of suggesting it."""
    return SessionError("backup_failed", file=str(path), detail=exc.reason.params["detail"]).reason


def _summary(path: Path, data: dict[str, Any], recovered: bool) -> SessionInfo:
    """What the list shows from a sound header; a field it cannot show raises SessionError."""
    scenario, source = data["scenario"], str(path)
    return SessionInfo(
        id=str(data.get("id") or path.name.removesuffix(SESSION_SUFFIX)),
        path=path,
        scenario=str(scenario.get("id", "")),
        title=_field(source, "title", scenario.get("title", ""), _title),
        teams=_field(source, "teams", data.get("teams"), _teams),
        month=_field(source, "month", data.get("month"), lambda v: int(v or 0)),
        months=_field(source, "months", data.get("months"), _optional_int),
        seed=_field(source, "seed", data.get("seed"), _optional_int),
        finished=bool(data.get("finished")),
        saved=_field(source, "saved", data.get("saved"), _clock),
        recovered=recovered,
    )


def _field(source: str, name: str, value: Any, convert: Callable[[Any], Any]) -> Any:
    try:
        return convert(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise bad_field(source, name, value) from exc


def _title(value: Any) -> Any:
    if isinstance(value, str) or (
        isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    ):
        return value
    raise TypeError("title")


def _teams(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(value or {}).items()}


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _clock(value: Any) -> float:
    """A save date the clock can show."""
    saved = float(value or 0.0)
    if not math.isfinite(saved) or not 0 <= saved < 1e11:
        raise ValueError("saved")
    return saved


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


def is_session_file(path: Path) -> bool:
    """A session or its backup, by name or by content: never a place to write anything else."""
    if path.name.endswith((SESSION_SUFFIX, SESSION_SUFFIX + ".bak")):
        return True
    head = file_head(path, 4096)
    return head is not None and re.search(rb'"format"\s*:\s*"kolaborasi-session"', head) is not None


def export_session(
    session_id: str, target: Path, *, force: bool = False, folder: bool = False
) -> Path:
    """Copy a saved session to a file (a USB stick, a shared folder), checked on the way.

    A file there that holds another session (three laptops exporting to the same stick) or
    anything else is left alone unless `force`; a copy of this same session is updated.
    `folder`: the target names a folder (typed with a trailing `/`). No folder is ever made:
    `/media/usb/` with no stick plugged in made one on the laptop and said "exported".
    """
    item = find(session_id)
    if item.problem is not None:
        raise SessionError.carrying(item.problem)
    outside = target if folder else target.parent
    if not outside.exists():
        missing = outside
        while not missing.parent.is_dir() and missing.parent != missing:
            missing = missing.parent
        raise SessionError("export_no_folder", folder=str(missing))
    Session.load(item.path)  # replay once: never hand on a session that doesn't open
    if target.is_dir():
        target = target / item.path.name
    if target.resolve() == item.path.resolve():
        return target  # already there: nothing to copy
    if not force:
        _check_export_target(target, item)
    write_atomic(target, item.path.read_text(encoding="utf-8"))
    return target


def _check_export_target(target: Path, item: SessionInfo) -> None:
    """Refuse to replace a file at `target` unless it is a copy of this same session."""
    if not target.exists():
        return
    try:
        data = read_header(target)
    except SessionError:
        raise SessionError(
            "export_not_session", file=str(target), suggestion=str(free_name(target, item))
        ) from None
    other = str(data.get("id") or "?")
    if other != item.id:
        raise SessionError(
            "export_clash", file=str(target), other=other, suggestion=str(free_name(target, item))
        )


def free_name(target: Path, item: SessionInfo) -> Path:
    """A session file name beside `target` not yet taken: its own name with the session
    suffix, then with the session's first team, then numbered (`tim-a.kolaborasi.json` →
    `tim-a-tim-merah.kolaborasi.json`, `tim-a-2.kolaborasi.json`)."""
    name = target.name
    stem = name.removesuffix(SESSION_SUFFIX) if name.endswith(SESSION_SUFFIX) else target.stem
    teams = [re.sub(r"[^a-z0-9]+", "-", team.lower()).strip("-") for team in item.teams.values()]
    tags = itertools.chain([tag for tag in teams[:1] if tag], map(str, itertools.count(2)))
    names = itertools.chain(
        [target.with_name(stem + SESSION_SUFFIX)],
        (target.with_name(f"{stem}-{tag}{SESSION_SUFFIX}") for tag in tags),
    )
    return next(name for name in names if not name.exists())


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
