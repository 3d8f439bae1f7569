"""One way to make a themed button that runs a callback when clicked."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID


def make_button(
    manager: pygame_gui.UIManager,
    clicks: dict[pygame_gui.elements.UIButton, Callable[[], None]],
    rect: pygame.Rect,
    text: str,
    container: pygame_gui.core.IContainerLikeInterface,
    *,
    cls: str = "",
    oid: str = "",
    tip: str | None = None,
    on: Callable[[], None] | None = None,
) -> pygame_gui.elements.UIButton:
    """A button in `container`; `on` is registered in `clicks` to run when it is clicked."""
    element = pygame_gui.elements.UIButton(
        rect,
        text,
        manager,
        container=container,
        tool_tip_text=tip,
        object_id=ObjectID(object_id=oid or None, class_id=cls or None),
    )
    if on is not None:
        clicks[element] = on
    return element
