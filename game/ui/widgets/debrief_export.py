"""The "Export report" button's work, off the frame: matplotlib takes a second or two, and the
window must keep drawing meanwhile.

`ExportJob` runs `game.debrief.export.export_report` in a daemon thread and keeps the outcome:
the path written, or a translatable reason it failed. The screen polls `done` each frame.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.debrief import export
from game.debrief.errors import DebriefError
from game.i18n import Msg, Translator

if TYPE_CHECKING:
    from game.debrief.model import Debrief


class ExportJob:
    """One report being written in the background."""

    def __init__(self, debriefs: Sequence[Debrief], lang: str, *, for_teams: bool = False) -> None:
        self.debriefs = tuple(debriefs)
        self.lang = lang
        self.for_teams = for_teams  # without the facilitator's reveal
        self.path: Path | None = None
        self.error: Msg | None = None
        self.started = 0.0
        self.finished = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._work, name="export-report", daemon=True)

    def start(self) -> ExportJob:
        self.started = time.monotonic()
        self._thread.start()
        return self

    def _work(self) -> None:
        try:
            # Looked up at call time, so a test can stand in for the slow matplotlib report.
            self.path = export.export_report(
                self.debriefs, Translator(self.lang), for_teams=self.for_teams
            )
        except DebriefError as exc:
            self.error = failure(exc)
        except Exception as exc:  # anything else still reaches the screen, never a traceback
            self.error = Msg("ui_debrief.export.unexpected", {"detail": _detail(exc)})
        finally:
            self.finished = time.monotonic()
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def elapsed(self) -> float:
        return (self.finished if self.done else time.monotonic()) - self.started

    def wait(self, seconds: float) -> bool:
        """Block up to `seconds` for the report (when the game closes); True once written."""
        return self._done.wait(seconds)


def failure(exc: DebriefError) -> Msg:
    """The reason in words for a person at the game: the CLI's advice (--out) does not apply."""
    if exc.reason.key == "debrief.error.write_failed":
        return Msg("ui_debrief.export.write_failed", dict(exc.reason.params))
    return exc.reason


def _detail(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
