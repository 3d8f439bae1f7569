"""Driving the game window in tests: real pygame events through the real frame loop.

Clicks are posted as MOUSEBUTTONDOWN/UP at a widget's centre and the app steps a few frames,
so pygame_gui turns them into its own events exactly as it does for a person's mouse.
"""

from __future__ import annotations

import numpy as np
import pygame
import pygame_gui

from game.ui.app import App


def step(app: App, frames: int = 2) -> None:
    for _ in range(frames):
        app.step(1 / 60)


def click_at(app: App, pos: tuple[int, int], frames: int = 3) -> None:
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, {"pos": pos, "rel": (0, 0), "buttons": (0, 0, 0)})
    )
    step(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, {"pos": pos, "button": 1}))
    step(app, 1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, {"pos": pos, "button": 1}))
    step(app, frames)


def hover(app: App, pos: tuple[int, int], frames: int = 1) -> None:
    """Move the mouse to `pos` (tooltips and hover marks follow it)."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, {"pos": pos, "rel": (0, 0), "buttons": (0, 0, 0)})
    )
    step(app, frames)


def click(app: App, element: pygame_gui.core.UIElement, frames: int = 3) -> None:
    """Click a pygame_gui widget where it is on screen."""
    assert element.alive(), f"{element} is not on screen"
    assert element.is_enabled, f"{element} is disabled"
    click_at(app, element.rect.center, frames)


def press(app: App, key: int, frames: int = 3) -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, {"key": key, "mod": 0, "unicode": "", "scancode": 0})
    )
    pygame.event.post(
        pygame.event.Event(pygame.KEYUP, {"key": key, "mod": 0, "unicode": "", "scancode": 0})
    )
    step(app, frames)


def find(app: App, object_id: str) -> pygame_gui.core.UIElement:
    """The live widget with this object id (e.g. "#end_turn")."""
    for element in app.manager.get_sprite_group().sprites():
        ids = getattr(element, "object_ids", None) or []
        if object_id in ids and element.alive() and element.visible:
            return element
    raise LookupError(object_id)


def visible_texts(app: App) -> set[str]:
    """The text of every button and label on screen."""
    out = set()
    for element in app.manager.get_sprite_group().sprites():
        text = getattr(element, "text", None)
        if isinstance(text, str) and element.alive():
            out.add(text)
    return out


def pixel_spread(surface: pygame.Surface) -> float:
    """Standard deviation of the pixels: about 0 for a blank screen."""
    return float(np.asarray(pygame.surfarray.array3d(surface), dtype=float).std())


def boxes_text(app: App) -> str:
    """The text of every text box on screen (a dialog's question, an inject's details)."""
    return " ".join(
        element.html_text
        for element in app.manager.get_sprite_group().sprites()
        if isinstance(element, pygame_gui.elements.UITextBox) and element.alive()
    )
