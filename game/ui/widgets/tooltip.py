"""A tooltip box near the mouse: first line bold, kept inside the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui import palette
from game.ui.fonts import BODY

if TYPE_CHECKING:
    from game.ui.fonts import Fonts


def draw_tooltip(
    surface: pygame.Surface, fonts: Fonts, lines: list[str], pos: tuple[int, int], width: int = 380
) -> None:
    if not lines:
        return
    wrapped: list[tuple[str, str]] = []
    for n, line in enumerate(lines):
        style = "bold" if n == 0 else "regular"
        wrapped += [(part, style) for part in fonts.wrap(line, width - 24, BODY, style)]
    lh = fonts.line_height(BODY)
    box = pygame.Rect(pos[0] + 18, pos[1] + 18, width, lh * len(wrapped) + 16)
    box.clamp_ip(surface.get_rect().inflate(-8, -8))
    if box.collidepoint(pos):  # never cover the point the player is looking at
        box.bottom = pos[1] - 12
        box.clamp_ip(surface.get_rect().inflate(-8, -8))
    pygame.draw.rect(surface, palette.TOOLTIP_BG, box, border_radius=6)
    y = box.y + 8
    for text, style in wrapped:
        surface.blit(fonts.render(text, BODY, palette.TOOLTIP_TEXT, style), (box.x + 12, y))
        y += lh
