"""Small line charts of the community indicators, with the scenario's target as a dashed line.

The chart reads a series from the world's history (one value per resolved month, month 0 the
start); it draws, it never computes outcomes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.ui import palette
from game.ui.widgets.shapes import dashed_line


def sparkline(
    surface: pygame.Surface,
    rect: pygame.Rect,
    values: Sequence[float],
    target: float | None = None,
    *,
    months: int | None = None,
    lo: float = 0.0,
    hi: float = 100.0,
    colour: palette.Colour = palette.BLUE,
) -> None:
    """Values over time on a lo–hi scale (0–100 unless given); the x axis spans the whole
    scenario."""
    pygame.draw.rect(surface, palette.PANEL_ALT, rect)
    if hi <= lo:
        hi = lo + 1
    span = max(1, (months or max(1, len(values) - 1)))

    def y_of(v: float) -> float:
        return rect.bottom - 2 - (v - lo) / (hi - lo) * (rect.height - 4)

    if target is not None:
        ty = y_of(target)
        dashed_line(surface, palette.TEXT, (rect.x, ty), (rect.right, ty), 2, (6, 4))
    if not values:
        return
    points = [(rect.x + 2 + (rect.width - 4) * k / span, y_of(v)) for k, v in enumerate(values)]
    if len(points) == 1:
        pygame.draw.circle(surface, colour, points[0], 3)
    else:
        pygame.draw.lines(surface, colour, False, points, 3)
    pygame.draw.circle(surface, colour, points[-1], 4)


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    share: float,
    colour: palette.Colour = palette.BLUE,
    *,
    mark: float | None = None,
) -> None:
    """A horizontal 0–1 bar with an outline (so an empty bar still reads as a bar)."""
    share = max(0.0, min(1.0, share))
    pygame.draw.rect(surface, palette.PANEL_ALT, rect)
    if share > 0:
        pygame.draw.rect(
            surface, colour, (rect.x, rect.y, max(2, int(rect.width * share)), rect.height)
        )
    pygame.draw.rect(surface, palette.MUTED, rect, 1)
    if mark is not None:
        x = rect.x + int(rect.width * max(0.0, min(1.0, mark)))
        pygame.draw.line(surface, palette.TEXT, (x, rect.y - 3), (x, rect.bottom + 2), 2)
