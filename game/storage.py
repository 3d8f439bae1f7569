"""Where the game keeps its own files: autosaved sessions, exported reports, font caches.

The folder is the user's data folder (platformdirs), or `KOLABORASI_DATA_DIR` when set —
tests and a facilitator's USB stick use that.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import platformdirs

from game.i18n import Msg

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


# errno names a facilitator meets on a laptop or a USB stick, and the catalogue keys that
# say them in the reader's language (the system's own words are English only).
# By name, as Windows lacks some of them.
_OS_ERRORS = {
    "EEXIST": "exists",
    "EISDIR": "is_directory",
    "ENOTDIR": "not_directory",
    "EACCES": "permission",
    "EPERM": "permission",
    "ENOENT": "missing",
    "ENOSPC": "no_space",
    "EDQUOT": "no_space",
    "EROFS": "read_only",
    "ENAMETOOLONG": "name_too_long",
}


def os_error_reason(exc: OSError) -> Msg:
    """Why a file could not be read or written, translatable; a rare error keeps the
    system's words rather than saying nothing."""
    key = _OS_ERRORS.get(errno.errorcode.get(exc.errno or 0, ""))
    if key is not None:
        return Msg(f"storage.error.{key}")
    return Msg("storage.error.other", {"detail": exc.strerror or type(exc).__name__})


def file_head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of a regular file, to tell what it is; None for nothing there,
    a folder, a pipe or a device (never read here), or a file that cannot be read."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return None
