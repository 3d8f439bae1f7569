"""The window, the frame loop, the scene stack, fonts, theme and language.

Events are read in exactly one place (`App.step`): key presses become intents, window events
are handled here, everything goes through pygame_gui, and what is left reaches the scene on
top of the stack. Tests drive the same `step` with posted events, so a scripted game and a
person's game run the same code.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from game.i18n import LANGUAGES, Translator
from game.resources import assets_dir
from game.ui import palette
from game.ui.facilitation import Facilitation
from game.ui.fonts import BODY, Fonts
from game.ui.intents import Intent, intent_of
from game.ui.scenes.base import Scene

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 640)
DESKTOP_MARGIN = 80  # the taskbar and the window's title bar


def fitting_size(size: tuple[int, int] = DEFAULT_SIZE) -> tuple[int, int]:
    """The window size that fits this screen: a village hall's 1024×768 projector or laptop
    showed a 1280×720 window cut off, its Start button out of reach. Never below MIN_SIZE."""
    pygame.display.init()
    desktops = pygame.display.get_desktop_sizes()
    if not desktops:
        return size
    dw, dh = desktops[0]
    w = max(MIN_SIZE[0], min(size[0], dw))
    h = max(MIN_SIZE[1], min(size[1], dh - DESKTOP_MARGIN))
    return w, h


def too_small_for_a_window() -> bool:
    """A netbook's 1024×600 screen leaves no room for a 640-pixel window under its taskbar:
    there the game opens full screen, which it lays out down to 600 pixels."""
    pygame.display.init()
    desktops = pygame.display.get_desktop_sizes()
    return bool(desktops) and desktops[0][1] - DESKTOP_MARGIN < MIN_SIZE[1] - 40


FPS = 60
# With no input for a while the screen changes only by the second (the countdown): fewer
# frames then spare an old netbook's battery and fan through a long debrief discussion.
IDLE_FPS = 12
IDLE_AFTER = 3.0  # seconds without input
_INPUT_EVENTS = frozenset(
    (
        pygame.MOUSEMOTION,
        pygame.MOUSEBUTTONDOWN,
        pygame.MOUSEBUTTONUP,
        pygame.MOUSEWHEEL,
        pygame.KEYDOWN,
        pygame.KEYUP,
        pygame.TEXTINPUT,
        pygame.WINDOWSIZECHANGED,
        pygame.WINDOWFOCUSGAINED,
    )
)


def load_theme() -> dict[str, Any]:
    """The pygame_gui theme from assets/theme.json, font paths made absolute.

    The file names fonts relative to the assets folder so it reads the same in a checkout and
    an installed wheel; pygame_gui would resolve them against the working folder.
    """
    assets = assets_dir()
    with (assets / "theme.json").open(encoding="utf-8") as fh:
        theme = json.load(fh)
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if not font:
            continue
        for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
            if key in font:
                font[key] = str(assets / font[key])
    return theme


@dataclass
class Toast:
    """A short message at the bottom of the screen: an error the engine gave, or "saved"."""

    text: str
    kind: str  # info or error
    until: float


class App:
    """The game window and its scene stack."""

    def __init__(
        self,
        lang: str = "id",
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        fullscreen: bool = False,
        intro: bool = True,
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Kolaborasi")
        pygame.key.set_repeat(400, 40)
        self.t = Translator(lang)
        self.windowed_size = size
        self.fullscreen = False
        self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.fonts = Fonts()
        self.manager = pygame_gui.UIManager(
            self.window.get_size(), load_theme(), starting_language=self.t.lang
        )
        with warnings.catch_warnings():  # the theme already loaded some of these
            warnings.simplefilter("ignore")
            self.manager.preload_fonts(
                [
                    {"name": "lato", "point_size": size, "style": style}
                    for size, style in (
                        (18, "bold"),
                        (18, "italic"),
                        (18, "bold_italic"),
                        (24, "bold"),
                    )
                ]
            )
        self.scenes: list[Scene] = []
        self.running = True
        self.clock = pygame.time.Clock()
        self.last_input = time.monotonic()
        self.toast: Toast | None = None
        self.frame_hook: Callable[[], None] | None = None  # benchmarks and tests
        self.intro = intro  # open "how to play" at the first team's first turn
        self.facilitator = Facilitation(self)  # pause, countdown, banner, reveal, PIN (UI only)
        if fullscreen:
            self.toggle_fullscreen()

    # --- properties ----------------------------------------------------------------------
    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def scene(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    # --- the scene stack -----------------------------------------------------------------
    def push(self, scene: Scene) -> None:
        self.toast = None  # a message never outlives its screen (hot-seat privacy)
        if self.scene is not None:
            self.scene.pause()
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> Scene | None:
        if not self.scenes:
            return None
        scene = self.scenes.pop()
        scene.leave()
        if self.scene is not None:
            self.scene.resume()
        return scene

    def replace(self, scene: Scene) -> None:
        """Swap the top scene (a screen that leads on, not back)."""
        self.toast = None
        if self.scenes:
            self.scenes.pop().leave()
        self.scenes.append(scene)
        scene.enter()

    def reset(self, scene: Scene) -> None:
        """Leave every scene and start again from `scene` (back to the start screen)."""
        self.toast = None
        while self.scenes:
            self.scenes.pop().leave()
        self.scenes.append(scene)
        scene.enter()

    # --- window and language -------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES or lang == self.t.lang:
            return
        self.t = Translator(lang)
        self.manager.set_locale(lang)
        self.toast = None  # said in the language just left: it stayed, the only such line
        if self.scene is not None:
            self.scene.rebuild()

    def next_language(self) -> None:
        langs = list(LANGUAGES)
        self.set_language(langs[(langs.index(self.t.lang) + 1) % len(langs)])

    def toggle_fullscreen(self) -> None:
        if self.fullscreen:
            self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        else:
            self.windowed_size = self.window.get_size()
            self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        self.fullscreen = not self.fullscreen
        self._resized()

    def _resized(self) -> None:
        w, h = self.window.get_size()
        if (w, h) != (max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])) and not self.fullscreen:
            w, h = max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])
            self.window = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.manager.set_window_resolution((w, h))
        if self.scene is not None:
            self.scene.rebuild()

    def notify(self, text: str, kind: str = "info", seconds: float = 5.0) -> None:
        self.toast = Toast(text, kind, time.monotonic() + seconds)

    def typing(self) -> bool:
        """Whether a text field has the keyboard, so letter shortcuts must wait."""
        for element in self.manager.get_focus_set() or ():
            if isinstance(
                element, pygame_gui.elements.UITextEntryLine | pygame_gui.elements.UITextEntryBox
            ):
                return True
        return False

    # --- the loop --------------------------------------------------------------------------
    def step(self, dt: float = 1 / FPS) -> bool:
        """One frame: events, update, draw. Returns False once the game should close."""
        for event in pygame.event.get():
            if event.type in _INPUT_EVENTS:
                self.last_input = time.monotonic()
            self.handle(event)
        scene = self.scene
        self.manager.update(dt)
        if scene is not None:
            scene.update(dt)
        self.facilitator.update(dt)
        self.draw()
        if self.frame_hook is not None:
            self.frame_hook()
        return self.running and bool(self.scenes)

    def frame_rate(self) -> int:
        idle = time.monotonic() - self.last_input > IDLE_AFTER
        return IDLE_FPS if idle else FPS

    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.VIDEORESIZE,):
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            if not self.fullscreen and self.window.get_size() != self.manager.window_resolution:
                self._resized()
            return
        intent = intent_of(event, typing=self.typing())
        if intent is Intent.QUIT:
            self.quit()
            return
        if intent is Intent.FULLSCREEN:
            self.toggle_fullscreen()
            return
        if self.facilitator.intercept(event, intent):  # F2, or a pause that blocks play
            return
        if self.manager.process_events(event):
            return
        scene = self.scene
        if scene is None:
            return
        if intent is not None and scene.handle_intent(intent):
            return
        if intent is Intent.LANGUAGE:
            self.next_language()
            return
        scene.handle_event(event)

    def quit(self) -> None:
        """Close the window (its close button, Alt-F4, or the start screen's Esc): the running
        session is written first, so the moves of the month in progress are kept."""
        for scene in reversed(self.scenes):
            closing = getattr(scene, "closing", None)
            if closing is not None:
                closing()
        self._save_running()
        self.running = False

    def _save_running(self) -> Any:
        for scene in reversed(self.scenes):
            match = getattr(scene, "match", None)
            if match is not None:
                return match.save()
        return None

    def draw(self) -> None:
        surface = self.window
        surface.fill(palette.BG)
        scene = self.scene
        if scene is not None:
            scene.draw(surface)
        self.manager.draw_ui(surface)
        if scene is not None:
            scene.draw_overlay(surface)
        self.facilitator.draw(surface)
        self._draw_toast(surface)
        pygame.display.flip()

    def _draw_toast(self, surface: pygame.Surface) -> None:
        toast = self.toast
        if toast is None:
            return
        if time.monotonic() > toast.until:
            self.toast = None
            return
        w, h = surface.get_size()
        scene = self.scene
        area = pygame.Rect(40, 0, w - 80, h - 16)
        if scene is not None and scene.dialogs:
            area = pygame.Rect(40, 0, w - 80, 0)  # over the dialog's title bar, not its buttons
        elif scene is not None:
            area = scene.toast_area()
        width = min(900, area.width)
        lines = self.fonts.wrap(toast.text, width - 40, BODY)
        lh = self.fonts.line_height(BODY)
        box = pygame.Rect(0, 0, width, lh * len(lines) + 24)
        if area.height:
            box.midbottom = (area.centerx, area.bottom - 8)
        else:
            box.midtop = (area.centerx, 6)
        bg = palette.BAD if toast.kind == "error" else palette.TOOLTIP_BG
        pygame.draw.rect(surface, bg, box, border_radius=8)
        pygame.draw.rect(surface, palette.BLACK, box, 2, border_radius=8)
        y = box.y + 12
        for line in lines:
            self.fonts.blit(surface, line, (box.x + 20, y), BODY, (255, 255, 255), "bold")
            y += lh

    def run(self) -> int:
        try:
            while self.step(self.clock.tick(self.frame_rate()) / 1000.0):
                pass
        except Exception:
            self.save_on_crash()
            with contextlib.suppress(Exception):
                self.close()
            raise
        self.close()
        return 0

    def save_on_crash(self) -> None:
        """An error escaped a scene: write the running session first, so nothing played is
        lost (the record holds every move that succeeded), and say how to continue."""
        path = self._save_running()
        if path is not None:
            print(self.t("ui.crash_saved", file=str(path)), file=sys.stderr)

    def close(self) -> None:
        while self.scenes:
            self.scenes.pop().leave()
        pygame.display.quit()


def dummy_video() -> bool:
    return os.environ.get("SDL_VIDEODRIVER") == "dummy"
