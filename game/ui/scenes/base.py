"""The scene contract every screen follows, after Tuxemon's `State` and pygame_gui's loop.

A scene builds its pygame_gui elements in `build` (all under one root container, plus any
windows it tracks) and can throw them away and build them again at any time: that is how a
language switch or a window resize takes effect without a restart. `draw` paints what
pygame_gui does not (maps, charts) and must not change the world — the same state draws the
same frame.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.ui.intents import Intent
from game.ui.widgets.buttons import make_button

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets.dialog import Dialog


class Scene:
    """One screen of the game."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: pygame_gui.core.UIContainer | None = None
        self.windows: list[pygame_gui.core.UIElement] = []
        self.clicks: dict[pygame_gui.core.UIElement, Callable[[], None]] = {}
        self.dialogs: list[Dialog] = []
        self.paused_dialogs: list[Callable[[], Dialog | None]] = []

    # --- life cycle ------------------------------------------------------------------------
    def enter(self) -> None:
        self.rebuild()

    def leave(self) -> None:
        self.clear()

    def pause(self) -> None:
        """Another scene covers this one (the facilitator panel): drop the widgets so they
        take no clicks, remembering the open dialogs, such as a half-written proposal."""
        self.paused_dialogs = [d.reopen for d in self.dialogs]
        self.clear()

    def resume(self) -> None:
        self.rebuild()
        reopen, self.paused_dialogs = self.paused_dialogs, []
        for make in reopen:
            dialog = make()
            if dialog is not None:
                self.open(dialog)

    def rebuild(self) -> None:
        """Throw the widgets away and build them again (new language or window size).

        Open dialogs that can rebuild themselves (`Dialog.reopen`) come back on top.
        """
        reopen = [d.reopen for d in self.dialogs]
        self.clear()
        size = self.app.size
        self.root = pygame_gui.core.UIContainer(
            pygame.Rect((0, 0), size), self.app.manager, object_id=ObjectID("#root")
        )
        self.build()
        for make in reopen:
            dialog = make()
            if dialog is not None:
                self.open(dialog)

    def open(self, dialog: Dialog) -> Dialog:
        """Show a dialog on top; it leaves the stack when it closes."""
        self.app.toast = None
        previous = dialog.on_close

        def closed(d: Dialog) -> None:
            if d in self.dialogs:
                self.dialogs.remove(d)
            if previous is not None:
                previous(d)

        dialog.on_close = closed
        self.dialogs.append(dialog)
        return dialog

    def clear(self) -> None:
        self.clicks.clear()
        for dialog in self.dialogs:
            dialog.dispose()
        self.dialogs.clear()
        for window in self.windows:
            window.kill()
        self.windows.clear()
        if self.root is not None:
            self.root.kill()
            self.root = None

    def build(self) -> None:
        """Create this scene's widgets under `self.root`."""

    # --- the frame -------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        """React to one pygame or pygame_gui event; True if it was used."""
        if event.type == pygame.MOUSEMOTION:
            self.pointer = event.pos  # where a disabled button's tip is drawn
        if self.dialogs and self.dialogs[-1].handle_event(event):
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.clicks.get(event.ui_element)
            if action is not None:
                action()
                return True
        return False

    def handle_intent(self, intent: Intent) -> bool:
        """Keys meant for the scene; an open dialog gets them first and keeps most of them."""
        if self.dialogs:
            if self.dialogs[-1].handle_intent(intent):
                return True
            if intent is Intent.HELP:
                return self.on_intent(intent)
            return intent is not Intent.LANGUAGE
        return self.on_intent(intent)

    def on_intent(self, intent: Intent) -> bool:
        """A key meant for this scene while no dialog is open."""
        return False

    def update(self, dt: float) -> None:
        for dialog in list(self.dialogs):
            dialog.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        """Paint under the widgets. Reads the world, never changes it."""

    def draw_overlay(self, surface: pygame.Surface) -> None:
        """Paint over the widgets (tooltips): by default, why a disabled button is off."""
        self.draw_disabled_tip(surface)

    def draw_disabled_tip(self, surface: pygame.Surface) -> None:
        """pygame_gui shows no tooltip on a disabled button, though the reason it is off is
        what a person hovering over it wants: draw the button's tip here instead."""
        from game.ui.widgets.tooltip import draw_tooltip

        pos = getattr(self, "pointer", None) or pygame.mouse.get_pos()
        for element in self.app.manager.get_sprite_group().sprites():
            if (
                isinstance(element, pygame_gui.elements.UIButton)
                and not element.is_enabled
                and element.alive()
                and element.visible
                and element.rect.collidepoint(pos)
                and getattr(element, "tool_tip_text", None)
            ):
                lines = [element.text, element.tool_tip_text]
                draw_tooltip(surface, self.app.fonts, lines, pos)
                return

    def toast_area(self) -> pygame.Rect:
        """Where short messages appear: by default along the bottom of the window."""
        w, h = self.app.size
        return pygame.Rect(40, 0, w - 80, h - 16)

    # --- helpers ---------------------------------------------------------------------------
    def t(self, key: str, **params: object) -> str:
        return self.app.t(key, **params)

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        *,
        cls: str = "",
        oid: str = "",
        tip: str | None = None,
        on: Callable[[], None] | None = None,
        container: pygame_gui.core.IContainerLikeInterface | None = None,
    ) -> pygame_gui.elements.UIButton:
        """A button; `on` runs when it is clicked."""
        where = container or self.root
        return make_button(
            self.app.manager, self.clicks, rect, text, where, cls=cls, oid=oid, tip=tip, on=on
        )

    def label(
        self,
        rect: pygame.Rect,
        text: str,
        *,
        cls: str = "",
        container: pygame_gui.core.IContainerLikeInterface | None = None,
    ) -> pygame_gui.elements.UILabel:
        return pygame_gui.elements.UILabel(
            rect,
            text,
            self.app.manager,
            container=container or self.root,
            object_id=ObjectID(class_id=cls or None),
        )
