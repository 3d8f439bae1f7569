"""The hand-over screen between hot-seat teams: nothing private shows until the next team is ready.

The previous team's funds, inbox and plans disappear the moment it ends its turn; this screen
shows only whose turn it is and the month, big enough to read from across the room.
"""

from __future__ import annotations

import pygame

from game.ui import palette
from game.ui.fonts import HEADING, LARGE, TITLE
from game.ui.formatting import full_name
from game.ui.intents import SETTLE_SECONDS, Intent
from game.ui.scenes.base import Scene
from game.ui.widgets.shapes import draw_org_icon


class HandoverScene(Scene):
    def __init__(self, app, match) -> None:
        super().__init__(app)
        self.match = match
        # A double-click or a second Enter meant for the dialog that ended the last turn would
        # open the next team's private screen in front of the previous team: wait a moment.
        self.settling = SETTLE_SECONDS

    def build(self) -> None:
        w, h = self.app.size
        rect = pygame.Rect(0, 0, 360, 64)
        rect.center = (w // 2, h // 2 + 150)
        self.ready = self.button(
            rect, self.t("ui.handover.ready"), cls="@primary", oid="#ready", on=self.ready_pressed
        )
        # The language button sits where "End turn" was on the team's screen: a double-click
        # switched the room to English. It waits for the screen to settle too.
        self.language = self.button(
            pygame.Rect(w - 200, 20, 180, 44),
            self.t("ui.language_button"),
            on=self.app.next_language,
        )
        if self.settling > 0:
            self.ready.disable()
            self.language.disable()

    def banner_area(self) -> pygame.Rect:
        """The facilitator's message: under "We are ready", where the screen is empty. Above
        the heading it covered "Month 2 of 24" in a 640-pixel window."""
        w, h = self.app.size
        top = self.ready.rect.bottom + 16
        return pygame.Rect(40, top, w - 80, h - top - 12)

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.settling > 0:
            self.settling -= dt
            if self.settling <= 0:
                self.ready.enable()
                self.language.enable()

    def ready_pressed(self) -> None:
        """The next team says it is ready: only once the screen has settled."""
        if self.settling <= 0:
            self.go()

    def go(self) -> None:
        from game.ui.scenes.main import MainScene

        self.app.replace(MainScene(self.app, self.match))

    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.CONFIRM:
            self.ready_pressed()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        t, fonts = self.app.t, self.app.fonts
        match = self.match
        world = match.world
        w, h = surface.get_size()
        cx = w // 2
        fonts.blit(
            surface,
            t("ui.month_of", n=world.month, total=world.months),
            (cx, h // 2 - 190),
            HEADING,
            palette.MUTED,
            "bold",
            "center",
        )
        fonts.blit(
            surface,
            t("ui.handover.turn_of"),
            (cx, h // 2 - 130),
            LARGE,
            palette.TEXT,
            "regular",
            "center",
        )
        fonts.blit(
            surface, match.team.name, (cx, h // 2 - 80), TITLE, palette.TEXT, "bold", "center"
        )
        org = match.org
        name = full_name(world, t, org.idx)
        rect = fonts.blit(
            surface, name, (cx + 20, h // 2 - 20), LARGE, palette.TEXT, "regular", "center"
        )
        draw_org_icon(surface, world, org.idx, (rect.x - 24, rect.centery), 13)
        key = "ui.handover.replying" if match.seat.replying else "ui.handover.pass"
        body = pygame.Rect(cx - 420, h // 2 + 30, 840, 80)
        for n, line in enumerate(fonts.wrap(t(key), body.width, LARGE)):
            fonts.blit(
                surface, line, (cx, body.y + n * 30), LARGE, palette.MUTED, "regular", "center"
            )
