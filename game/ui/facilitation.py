"""The facilitator's hand on the room: PIN, pause, countdown, banner and the mission reveal.

This state belongs to the window, not to the world. Pausing, a countdown, a message to every
team or showing the hidden missions changes what people see, never what the simulation does,
so none of it enters the session record; the injects and the undo do change the world, and the
panel sends those through the match as commands. `App` asks this object first about every event
(F2 opens the panel; a pause swallows the teams' clicks and keys), ticks it every frame and lets
it draw on top of the scene.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palette
from game.ui.fonts import BODY, LARGE, TITLE
from game.ui.intents import Intent

if TYPE_CHECKING:
    from game.scenario.schema import Inject
    from game.ui.app import App
    from game.ui.match import Match
    from game.ui.scenes.base import Scene

COUNTDOWN_CHOICES = (0, 3, 5, 8, 10, 15)  # minutes per month; 0 is off
PIN_ROUNDS = 50_000  # PBKDF2 rounds: a saved PIN is not readable from the session file
SAVED_PIN = re.compile(r"[0-9a-f]{2,64}\$[0-9a-f]{64}")  # "salt$digest", both in hex
BANNER_LINES = 3
LAST_MINUTE = 60.0  # seconds: the countdown turns orange
CLOCK_CLEAR = 8  # room kept between the clock and a window's title, close button or edge
TITLE_PAD = 12  # the theme's padding before a window's title (window.#title_bar)
TITLE_BAR = (26, 26, 26)  # a window's title bar (theme: #1A1A1A)
PAUSE_COVER = (52, 58, 66)
PAUSE_CARD_W, PAUSE_CARD_H = (
    760,
    250,
)  # slate: plainly not the game, and nothing of it shows through

# What a pause swallows: everything a team could play with.
_INPUT = {
    pygame.MOUSEBUTTONDOWN,
    pygame.MOUSEBUTTONUP,
    pygame.MOUSEMOTION,
    pygame.MOUSEWHEEL,
    pygame.KEYDOWN,
    pygame.KEYUP,
    pygame.TEXTINPUT,
    pygame.TEXTEDITING,
    pygame.FINGERDOWN,
    pygame.FINGERUP,
    pygame.FINGERMOTION,
}


class Facilitation:
    """What the facilitator has set for the room; one per window."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.pin = ""  # set on the start screen; empty means the panel opens without asking
        # The PIN of a continued session, as saved with it ("salt$digest"): a restart must
        # not open the panel to everyone, and the file must not show the PIN.
        self.pin_digest = ""
        # Once a game has begun with a PIN, the start screen can no longer change it: a team
        # sent back there (Menu) must not be able to clear the facilitator's lock.
        self.pin_locked = False
        self.paused = False
        self.banner = ""  # the facilitator's own message to every team, as typed
        self.last_banner = ""  # the message cleared last, kept in the panel's field
        self._drawn_banner: pygame.Rect | None = None  # where the banner was drawn last
        self._folded: tuple[str, int] | None = None  # (message, screen) a team folded
        self.fired: Inject | None = None  # the inject fired last, told in today's language
        self.reveal = False  # teams see every organisation's true mission and hidden agenda
        self.minutes = 0  # the per-month countdown; 0 is off
        self.remaining = 0.0
        self.session_id: str | None = None
        self.last: Match | None = None  # the match followed last (the debrief screen keeps none)
        self._month: tuple | None = None  # the turn the countdown is counting (month, team)
        self._told = False  # "time is up" said once per month
        self.clock_flat = False  # the clock drawn last was part of a window's title bar
        self._record_key: tuple | None = None  # what `_in_record` last looked up, and its answer
        self._record_has = True

    # --- the countdown -------------------------------------------------------------------
    def set_countdown(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        self.restart_countdown()
        match = self._match()
        if match is not None:
            self._keep(match)

    def restart_countdown(self) -> None:
        self.remaining = 60.0 * self.minutes
        self._told = False

    @property
    def expired(self) -> bool:
        return bool(self.minutes) and self.remaining <= 0

    def clock(self) -> str:
        """The time left as m:ss (never negative)."""
        seconds = max(0, int(self.remaining + 0.999))
        return f"{seconds // 60}:{seconds % 60:02d}"

    def follow(self, match: Match) -> None:
        """Keep the state with its session: a new session starts clean, except for the PIN
        and countdown saved with it; a new month restarts the countdown (an undo too, since
        it changes the month). The window's PIN stays for a session that saved none (a team
        sent to the start screen must not begin a game without it; the panel changes it),
        but not the countdown: a new session starting with the last one's minutes running
        surprised the facilitator, who sets it in the panel."""
        if match.session.id != self.session_id:
            self.session_id = match.session.id
            self.paused, self.banner, self.fired, self.reveal = False, "", None, False
            self.last_banner = ""
            self._month = None
            self.minutes, self.remaining, self._told = 0, 0.0, False
            self._take_up(match.session.room or {})
            self._keep(match)
        # Each team's turn gets the whole time: on a shared laptop the second team started
        # with what the first had left (3:44 of 5 minutes).
        seat = match.seat
        turn = (match.world.month, seat.queue[0] if seat.queue else -1, seat.replying)
        if turn != self._month:
            self._month = turn
            self.restart_countdown()

    # --- hooks called by App -------------------------------------------------------------
    def intercept(self, event: pygame.event.Event, intent: Intent | None) -> bool:
        """Whether the event is used up here: F2, or anything a team does while paused."""
        if intent is Intent.FACILITATOR:
            self.toggle_panel()
            return True
        if self.paused and self._blocking() and event.type in _INPUT:
            return True
        return self._banner_click(event)

    def _banner_click(self, event: pygame.event.Event) -> bool:
        """A click on the banner over the map folds it to one line, or opens it again; it
        never reaches the map below (a click there had cleared the team's selection). Folded,
        it no longer hides the selected organisation's card: its name and the team's trust."""
        if event.type not in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            return False
        scene = self.app.scene
        if scene is None or not _map_below(scene) or scene.dialogs or self.paused:
            return False
        box = self._drawn_banner
        if box is None or not box.collidepoint(event.pos) or not self.banner_text():
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            key = (self.banner_text(), id(scene))
            self._folded = None if self._folded == key else key
        return True

    def folded(self) -> bool:
        """Whether this screen's team folded the banner: a new message, or the next team's
        screen, shows it whole again."""
        return self._folded == (self.banner_text(), id(self.app.scene))

    def update(self, dt: float) -> None:
        match = self._match()
        if match is None:
            return
        self.follow(match)
        if not self.minutes or self.paused or not self._playing() or self._held():
            return
        was_running = self.remaining > 0
        self.remaining -= dt
        if was_running and self.remaining <= 0 and not self._told:
            self._told = True
            self.app.notify(self.app.t("facilitator.timer.up_toast"), "error", 8)

    def draw(self, surface: pygame.Surface) -> None:
        scene = self.app.scene
        if scene is None or self._match() is None or self._is_panel(scene):
            return
        # A team's open window stays readable: the banner gives way only where it would
        # cover the window (it left a blank strip across the map, as if the map had broken).
        self._drawn_banner = None
        if self.banner_text() and self._shows_banner(scene):
            box, lines = self._banner_box(scene)
            if not any(box.colliderect(d.window.rect) for d in scene.dialogs):
                self._draw_banner(surface, box, lines)
                self._drawn_banner = box
        if not scene.dialogs:
            if self.minutes and self._playing():
                self._draw_clock(surface, scene)
        elif self.minutes and self._playing():
            # The time left stays in sight while a team writes a proposal.
            self._draw_clock(surface, scene, self._clock_beside(scene))
        if self.paused:
            self._draw_paused(surface)
            if self.banner_text() and self._shows_banner(scene):
                self._draw_banner(surface, *self._banner_box(scene))  # it stays in sight

    # --- the panel -----------------------------------------------------------------------
    def toggle_panel(self) -> None:
        from game.ui.scenes.facilitator import FacilitatorScene

        app = self.app
        scene = app.scene
        if isinstance(scene, FacilitatorScene):
            scene.close()
            return
        match = self._match()
        if match is None:
            app.notify(app.t("facilitator.no_session"))
            return
        app.push(FacilitatorScene(app, match))

    def banner_text(self) -> str:
        """What the teams' banner says: the facilitator's message, then the inject fired
        last, in the language shown now (a switch of language translates it)."""
        parts = [self.banner] if self.banner else []
        if self.fired is not None and self._in_record(self.fired.id):
            t = self.app.t
            parts.append(t("facilitator.fired_banner", title=t.text(self.fired.title)))
        return "  ·  ".join(parts)

    def _in_record(self, inject_id: str) -> bool:
        """Whether the inject is still in the match's record: one taken back, or undone with
        its month, no longer speaks from the banner."""
        from game.sim.commands import FireInject

        match = self._match() or self.last
        if match is None:
            return True
        # Asked every frame by the banner: look through the record only when it changed.
        key = (id(match), match.revision, len(match.session.commands), inject_id)
        if key != self._record_key:
            self._record_key = key
            self._record_has = any(
                isinstance(c, FireInject) and c.inject == inject_id for c in match.session.commands
            )
        return self._record_has

    def change_pin(self, pin: str, match: Match) -> None:
        """A new PIN from the panel (empty: none), kept with the session at once."""
        self.pin, self.pin_digest = pin.strip(), ""
        self.pin_locked = self.has_pin
        self._keep(match)
        match.save()

    @property
    def has_pin(self) -> bool:
        return bool(self.pin or self.pin_digest)

    def check_pin(self, typed: str) -> bool:
        if self.pin:
            return typed.strip() == self.pin
        if self.pin_digest:
            return pin_matches(typed.strip(), self.pin_digest)
        return True

    # --- kept with the session -----------------------------------------------------------
    def _take_up(self, room: dict[str, Any]) -> None:
        """The settings saved with a continued session; anything malformed is ignored."""
        saved = room.get("pin")
        if isinstance(saved, str) and SAVED_PIN.fullmatch(saved):
            self.pin, self.pin_digest = "", saved  # the saved PIN wins over one typed now
        # Without one, the window's PIN (typed, or from a session continued earlier) stays.
        minutes = room.get("minutes")
        if type(minutes) is int and minutes in COUNTDOWN_CHOICES:
            self.minutes = minutes

    def _keep(self, match: Match) -> None:
        """Write the settings into the session, so its next save keeps them."""
        room = dict(match.session.room or {})
        if self.pin:
            current = room.get("pin")
            if not (isinstance(current, str) and pin_matches(self.pin, current)):
                room["pin"] = pin_digest(self.pin, os.urandom(8).hex())
        elif self.pin_digest:
            room["pin"] = self.pin_digest
        else:
            room.pop("pin", None)
        room["minutes"] = self.minutes
        match.session.room = room

    # --- helpers -------------------------------------------------------------------------
    def _match(self) -> Match | None:
        """The match on screen; on its debrief, the match it was built from (for an undo)."""
        scene = self.app.scene
        if scene is None:
            return None
        match = getattr(scene, "match", None)
        if match is not None:
            self.last = match
            return match
        shown = getattr(getattr(scene, "debrief", None), "session", None)
        last = self.last
        if last is not None and getattr(shown, "id", None) == last.session.id:
            return last
        return None

    @staticmethod
    def _is_panel(scene: Scene) -> bool:
        from game.ui.scenes.facilitator import FacilitatorScene

        return isinstance(scene, FacilitatorScene)

    def _blocking(self) -> bool:
        """A pause blocks the teams' screens, never the facilitator's panel."""
        scene = self.app.scene
        return scene is not None and self._match() is not None and not self._is_panel(scene)

    def _playing(self) -> bool:
        """The countdown runs during a team's turn, not on its hand-over or the summary."""
        from game.ui.scenes.main import MainScene

        return isinstance(self.app.scene, MainScene)

    def _held(self) -> bool:
        """The countdown waits, in sight, while the help that opens by itself at a team's
        first turn is read: the minutes are for the month's moves."""
        scene = self.app.scene
        return scene is not None and any(getattr(d, "holds_clock", False) for d in scene.dialogs)

    @staticmethod
    def _shows_banner(scene: Scene) -> bool:
        from game.ui.scenes.handover import HandoverScene
        from game.ui.scenes.main import MainScene
        from game.ui.scenes.month_summary import MonthSummaryScene

        return isinstance(scene, MainScene | HandoverScene | MonthSummaryScene)

    def _banner_area(self, scene: Scene) -> pygame.Rect:
        w, h = self.app.size
        if self.paused:  # what the room reads while it talks: centred over the PAUSED card
            width = min(PAUSE_CARD_W, w - 80)
            return pygame.Rect((w - width) // 2, 24, width, h // 2 - PAUSE_CARD_H // 2 - 40)
        area = getattr(scene, "banner_area", None)
        if area is not None:
            return area()
        return pygame.Rect(40, 76, w - 80, 110)

    def banner_height(self, width: int) -> int:
        """How tall the teams' banner is in an area `width` wide (0 when there is none), so
        the main screen can draw its map below it instead of under it."""
        lines = self.banner_lines(width)
        if not lines:
            return 0
        return self.app.fonts.line_height(BODY, "bold") * min(len(lines), BANNER_LINES) + 16

    def banner_lines(self, width: int) -> list[str]:
        """The banner's text wrapped for an area `width` wide, every line of it; over the
        map, with a word on how to fold it, or one line when folded."""
        text = self.banner_text()
        if not text:
            return []
        t, fonts = self.app.t, self.app.fonts
        whole = f"{t('facilitator.banner.heading')} {text}"
        scene = self.app.scene
        if scene is None or not _map_below(scene) or self.paused:  # nothing to fold there
            return fonts.wrap(whole, width - 32, BODY, "bold")
        if self.folded():
            hint = f"  {t('facilitator.banner.open')}"
            room = width - 32 - fonts.size(hint, BODY, "bold")[0]
            return [fonts.fit(whole, room, BODY, "bold") + hint]
        return fonts.wrap(f"{whole}  {t('facilitator.banner.fold')}", width - 32, BODY, "bold")

    def _banner_box(self, scene: Scene) -> tuple[pygame.Rect, list[str]]:
        """Where the banner goes on this screen, and its lines."""
        fonts = self.app.fonts
        area = self._banner_area(scene)
        lh = fonts.line_height(BODY, "bold")
        most = min(BANNER_LINES, max(1, (area.height - 16) // lh))
        # What does not fit ends in "…": the rest of a long message, or the inject after it,
        # had vanished without a sign that anything was missing.
        lines = self.banner_lines(area.width)
        if len(lines) > most:
            lines = [
                *lines[: most - 1],
                fonts.fit(" ".join(lines[most - 1 :]), area.width - 32, BODY, "bold"),
            ]
        box = pygame.Rect(area.x, area.y, area.width, lh * len(lines) + 16)
        # Three lines in a low area keep to it, from its foot; over the PAUSED card, close by.
        if box.bottom > area.bottom or self.paused:
            box.bottom = area.bottom
        elif area.height < 100 and not _map_below(scene):  # a strip: in its middle
            box.centery = area.centery
        return box, lines

    def _draw_banner(self, surface: pygame.Surface, box: pygame.Rect, lines: list[str]) -> None:
        fonts = self.app.fonts
        lh = fonts.line_height(BODY, "bold")
        pygame.draw.rect(surface, palette.YELLOW, box, border_radius=6)
        pygame.draw.rect(surface, palette.BLACK, box, 2, border_radius=6)
        y = box.y + 8
        for line in lines:
            fonts.blit(surface, line, (box.x + 16, y), BODY, palette.BLACK, "bold")
            y += lh

    def _clock_beside(self, scene: Scene) -> pygame.Rect:
        """Where the clock goes while windows are open: never over a window. Its usual place
        in the top bar when no window covers it; else just above the top window or below it.
        A window as tall as the screen leaves no room outside it: the clock is then part of
        its title bar, as text at its right end by the close button, clear of the title
        (drawn as a box in the bar it had looked pasted over the window's title)."""
        self.clock_flat = False
        windows = [d.window.rect for d in scene.dialogs]
        top = windows[-1]
        screen = pygame.Rect((0, 0), self.app.size)
        rect = pygame.Rect(0, 0, 150 if self.expired else 124, 34)
        places = []
        area = getattr(scene, "timer_area", None)
        if area is not None:
            places.append(area())
        above, below = rect.copy(), rect.copy()
        above.midbottom = (top.centerx, top.y - CLOCK_CLEAR)
        below.midtop = (top.centerx, top.bottom + CLOCK_CLEAR)
        places += [above, below]
        for place in places:
            clear = place.inflate(2 * CLOCK_CLEAR, 2 * CLOCK_CLEAR)
            if screen.contains(place) and not any(clear.colliderect(w) for w in windows):
                return place
        self.clock_flat = True
        window = scene.dialogs[-1].window
        title, close = window.title_bar, window.close_window_button
        right = (close.rect.x if close is not None else top.right) - CLOCK_CLEAR
        left = top.x
        if title is not None:
            left = title.rect.x + TITLE_PAD + title.font.size(title.text)[0] + CLOCK_CLEAR
        width = self.app.fonts.size(self._clock_words(), BODY, "bold")[0] + 20
        height = (title.rect.height if title is not None else 40) - 8
        rect = pygame.Rect(0, top.y + 4, min(width, max(0, right - left)), height)
        rect.right = right
        return rect

    def _clock_words(self) -> str:
        t = self.app.t
        if self.expired:
            return t("facilitator.timer.up")
        return t("facilitator.timer.left", clock=self.clock())

    def _draw_clock(
        self, surface: pygame.Surface, scene: Scene, rect: pygame.Rect | None = None
    ) -> None:
        fonts, t = self.app.fonts, self.app.t
        if rect is None:
            self.clock_flat = False
            area = getattr(scene, "timer_area", None)
            rect = area() if area is not None else pygame.Rect(20, 20, 240, 44)
        if self.expired:
            text, bg, fg = t("facilitator.timer.up"), palette.VERMILLION, palette.PANEL
        elif self.remaining <= LAST_MINUTE:  # seen from the back of the hall: time runs out
            text, bg, fg = (
                t("facilitator.timer.left", clock=self.clock()),
                palette.WARN,
                palette.BLACK,
            )
        else:
            text, bg, fg = (
                t("facilitator.timer.left", clock=self.clock()),
                palette.PANEL,
                palette.TEXT,
            )
        if rect.width < 40:  # a title bar without room: the window's own clock stays out
            return
        text = fonts.fit(text, rect.width - 16, BODY, "bold")
        flat = self.clock_flat and rect is not None and scene.dialogs
        if flat and bg is palette.PANEL:  # part of the title bar: its colours, no box
            bg, fg = TITLE_BAR, palette.PANEL
        pygame.draw.rect(surface, bg, rect, border_radius=8)
        if not flat:
            pygame.draw.rect(surface, palette.BLACK, rect, 2, border_radius=8)
        fonts.blit(surface, text, rect.center, BODY, fg, "bold", "center")

    def _draw_paused(self, surface: pygame.Surface) -> None:
        fonts, t = self.app.fonts, self.app.t
        w, h = surface.get_size()
        # A cover, not a dim: on the projector a pause is for talking, and a dimmed team
        # screen still showed that team's funds and offers to the whole room.
        surface.fill(PAUSE_COVER)
        card = pygame.Rect(0, 0, min(PAUSE_CARD_W, w - 80), PAUSE_CARD_H)
        card.center = (w // 2, h // 2)
        pygame.draw.rect(surface, palette.PANEL, card, border_radius=12)
        pygame.draw.rect(surface, palette.BLACK, card, 3, border_radius=12)
        fonts.blit(
            surface,
            t("facilitator.paused.title"),
            (card.centerx, card.y + 24),
            TITLE,
            palette.TEXT,
            "bold",
            "midtop",
        )
        y = card.y + 92
        for line in fonts.wrap(t("facilitator.paused.text"), card.width - 64, LARGE)[:3]:
            fonts.blit(surface, line, (card.centerx, y), LARGE, palette.TEXT, "regular", "midtop")
            y += fonts.line_height(LARGE)
        fonts.blit(
            surface,
            t("facilitator.paused.hint"),
            (card.centerx, card.bottom - 20),
            BODY,
            palette.MUTED,
            "regular",
            "midbottom",
        )


def _map_below(scene: Scene) -> bool:
    """Whether the scene draws its map under the banner's top (`MainScene.map_rect`): the
    banner must keep to the top there. Centred in a low map's third, it covered the names
    the map had placed just below where the banner should have ended."""
    from game.ui.scenes.main import MainScene

    return isinstance(scene, MainScene)


def pin_digest(pin: str, salt: str) -> str:
    """ "salt$hex": PBKDF2-SHA256 of the PIN, the form a session file keeps."""
    raw = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt.encode("ascii"), PIN_ROUNDS)
    return f"{salt}${raw.hex()}"


def pin_matches(pin: str, saved: str) -> bool:
    salt = saved.partition("$")[0]
    return hmac.compare_digest(pin_digest(pin, salt), saved)
