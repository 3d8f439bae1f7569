"""Where the game keeps its own files: autosaved sessions, exported reports, font caches.

The folder is the user's data folder (platformdirs), or `KOLABORASI_DATA_DIR` when set —
tests and a facilitator's USB stick use that.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

SESSION_SUFFIX = ".kolaborasi.json"


def data_dir() -> Path:
    override = os.environ.get("KOLABORASI_DATA_DIR")
    base = Path(override) if override else Path(platformdirs.user_data_dir("kolaborasi", False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def sessions_dir() -> Path:
    folder = data_dir() / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def session_path(session_id: str) -> Path:
    """The file of a session; ids never name another folder (`Session.from_json` checks)."""
    if "/" in session_id or "\\" in session_id or session_id in ("", ".", ".."):
        raise ValueError(f"not a session id: {session_id!r}")
    return sessions_dir() / f"{session_id}{SESSION_SUFFIX}"


def latest_session() -> Path | None:
    """The most recently saved session, for `--resume` without an argument."""
    files = [p for p in sessions_dir().glob(f"*{SESSION_SUFFIX}") if p.is_file()]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)
