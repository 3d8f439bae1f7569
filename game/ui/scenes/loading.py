"""Opening a saved session: the record is replayed in a worker thread behind a loading screen.

A 24-month replay with every AI decision takes a noticeable fraction of a second; the window
keeps drawing meanwhile instead of freezing. A damaged file is replaced by its backup (the
month before) when that one opens, and the screen says so; a file that cannot be read at all
goes back to the start screen with the engine's plain reason, never a traceback.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path

import pygame

from game.sim.commands import EndMonth
from game.sim.session import Session, SessionError, damaged, detail
from game.ui import palette
from game.ui.fonts import LARGE
from game.ui.scenes.base import Scene


class LoadingScene(Scene):
    def __init__(self, app, path: Path) -> None:
        super().__init__(app)
        self.path = Path(path)
        self.session: Session | None = None
        self.error: SessionError | None = None
        self.recovered = False
        self.elapsed = 0.0
        self.thread = threading.Thread(target=self._load, name="load-session", daemon=True)
        self.thread.start()

    def _load(self) -> None:
        from game.sessions import recover

        try:
            self.session = Session.load(self.path)
        except SessionError as exc:
            self.error = exc
        except Exception:  # a file that breaks the loader in a new way: say so plainly
            self.error = damaged(str(self.path), detail("unusable"))
        if self.error is None or self.error.reason.key != "sim.session.damaged":
            return
        failed = self.error.reason.params.get("detail")
        if recover(self.path):  # a crash or a bad copy: the backup holds the save before
            try:
                self.session = Session.load(self.path)
            except SessionError:
                pass
            else:
                self.error, self.recovered = None, True
                return
        # The backup was tried and did not help: do not send the facilitator to it again.
        self.error = SessionError("backup_failed", file=str(self.path), detail=failed)

    def update(self, dt: float) -> None:
        self.elapsed += dt
        if self.thread.is_alive():
            return
        from game.ui.flow import back_to_start, begin_turn
        from game.ui.match import Match

        if self.error is not None:
            back_to_start(self.app, self.app.t.msg(self.error.reason))
        elif self.session is not None and not any(o.human for o in self.session.world.orgs):
            # A run saved by `simulate --save-sessions`: no team to play, only a debrief.
            from game.ui.scenes.debrief import DebriefScene

            self.app.replace(DebriefScene(self.app, self.session))
        elif self.session is not None:
            match = Match(self.session, self.path)
            world = self.session.world
            commands = self.session.commands
            if world.reports and not world.finished and isinstance(commands[-1], EndMonth):
                # Reopened between months (after a crash, or the next day): the summary of
                # the month just played first, which a crash may have kept anyone from seeing.
                from game.ui.scenes.month_summary import MonthSummaryScene

                self.app.facilitator.follow(match)  # its PIN guards the panel from here on
                self.app.facilitator.pin_locked = self.app.facilitator.has_pin
                self.app.replace(MonthSummaryScene(self.app, match, world.reports[-1]))
            else:
                begin_turn(self.app, match)
            if self.recovered:
                month = self.session.world.month
                self.app.notify(self.app.t("facilitator.recovered", month=month), "info", 8)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        fonts = self.app.fonts
        fonts.blit(
            surface,
            self.t("ui.loading", file=self.path.name),
            (w // 2, h // 2 - 40),
            LARGE,
            palette.TEXT,
            "bold",
            "center",
        )
        for k in range(8):
            angle = self.elapsed * 4 + k * math.pi / 4
            shade = 60 + 20 * k
            pygame.draw.circle(
                surface,
                (shade, shade, shade),
                (w // 2 + 26 * math.cos(angle), h // 2 + 30 + 26 * math.sin(angle)),
                6,
            )
