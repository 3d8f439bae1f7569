"""Modal windows: a base with its own click table, and a plain message box.

A dialog blocks the screen beneath it (pygame_gui's blocking windows), closes on Esc or its
close button, and tells its owner through `on_close`. Scenes keep a stack of open dialogs and
hand events to the top one first.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.intents import SETTLE_SECONDS, Intent, scroll_distance
from game.ui.widgets.buttons import make_button

if TYPE_CHECKING:
    from game.ui.app import App


def esc(text: str) -> str:
    """Text made safe for a pygame_gui text box (which reads a little HTML)."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def scroll_text_box(box: pygame_gui.elements.UITextBox | None, intent: Intent) -> bool:
    """Scroll a pygame_gui text box by a key, as the debrief's pages scroll (the same
    distances); True if the key was a scroll key. pygame_gui scrolls its boxes only by mouse."""
    if box is None or not box.alive() or box.text_box_layout is None:
        return False
    content = box.text_box_layout.layout_rect.height
    view = box.text_box_layout.view_rect.height
    distance = scroll_distance(intent, view, content)
    if distance is None:
        return False
    bar = box.scroll_bar
    if bar is not None and content > 0:  # None: all of it shows already
        top = bar.start_percentage * content + distance
        bar.set_scroll_from_start_percentage(max(0, min(top, content - view)) / content)
    return True


class Dialog:
    """A blocking window whose buttons call functions."""

    def __init__(
        self,
        app: App,
        size: tuple[int, int],
        title: str,
        *,
        on_close: Callable[[Dialog], None] | None = None,
    ) -> None:
        self.app = app
        w, h = app.size
        width, height = min(size[0], w - 40), min(size[1], h - 40)
        rect = pygame.Rect(0, 0, width, height)
        rect.center = (w // 2, h // 2)
        self.window = pygame_gui.elements.UIWindow(
            rect, app.manager, title, object_id=ObjectID("#dialog"), draggable=False
        )
        self.window.set_blocking(True)
        self.clicks: dict[pygame_gui.core.UIElement, Callable[[], None]] = {}
        self.on_close = on_close
        self.closed = False
        self.age = 0.0  # seconds on screen, for `settled`

    @property
    def inner(self) -> pygame.Rect:
        """The usable area inside the window, in the window's own coordinates."""
        size = self.window.get_container().get_size()
        return pygame.Rect((0, 0), size)

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        on: Callable[[], None] | None = None,
        *,
        cls: str = "",
        oid: str = "",
        tip: str | None = None,
        container: pygame_gui.core.IContainerLikeInterface | None = None,
    ) -> pygame_gui.elements.UIButton:
        where = container or self.window
        return make_button(
            self.app.manager, self.clicks, rect, text, where, cls=cls, oid=oid, tip=tip, on=on
        )

    def label(self, rect: pygame.Rect, text: str, *, cls: str = "") -> pygame_gui.elements.UILabel:
        return pygame_gui.elements.UILabel(
            rect,
            text,
            self.app.manager,
            container=self.window,
            object_id=ObjectID(class_id=cls or None),
        )

    def text_box(
        self, rect: pygame.Rect, html_text: str, *, cls: str = ""
    ) -> pygame_gui.elements.UITextBox:
        return pygame_gui.elements.UITextBox(
            html_text,
            rect,
            self.app.manager,
            container=self.window,
            object_id=ObjectID(class_id=cls or None),
        )

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.clicks.get(event.ui_element)
            if action is not None:
                action()
                return True
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            self.close()
            return True
        return False

    def handle_intent(self, intent: Intent) -> bool:
        if intent is Intent.BACK:
            self.close()
            return True
        return False

    def close(self) -> None:
        if self.closed:
            return
        self.dispose()
        if self.on_close is not None:
            self.on_close(self)

    def dispose(self) -> None:
        """Remove the window without telling anyone (the scene is being rebuilt)."""
        self.closed = True
        self.window.kill()

    def reopen(self) -> Dialog | None:
        """A fresh copy in the current language and size, or None to let it go."""
        return None

    @property
    def settled(self) -> bool:
        """Whether an Enter now is meant for this window, not for what was on screen before."""
        return self.age >= SETTLE_SECONDS

    def update(self, dt: float) -> None:
        """Called every frame while open (a dialog waiting on a worker thread polls here)."""
        self.age += dt


class MessageDialog(Dialog):
    """A title, a scrolling text and one button."""

    def __init__(
        self,
        app: App,
        title: str,
        html_text: str,
        *,
        size: tuple[int, int] = (860, 520),
        button: str | None = None,
        on_close: Callable[[Dialog], None] | None = None,
    ) -> None:
        super().__init__(app, size, title, on_close=on_close)
        area = self.inner
        self.text = self.text_box(pygame.Rect(16, 16, area.width - 32, area.height - 96), html_text)
        ok = pygame.Rect(0, 0, 200, 48)
        ok.bottomright = (area.width - 16, area.height - 16)
        self.ok = self.button(ok, button or app.t("ui.ok"), self.close, cls="@primary")

    def handle_intent(self, intent: Intent) -> bool:
        if intent is Intent.CONFIRM:
            self.close()
            return True
        return super().handle_intent(intent)
