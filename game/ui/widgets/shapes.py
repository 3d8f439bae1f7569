"""Drawing the visual vocabulary: sector shapes and patterned partnership lines.

Shapes and line patterns carry the same information as the colours, so a player who cannot
tell blue from purple — or a washed-out projector — still reads the map. A mark inside a
shape (`game.look.MARKS`) tells apart organisations of one sector.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from game.look import mark_ink, mark_of, sector_variants
from game.scenario.schema import Model, Sector
from game.ui import palette
from game.ui.palette import MODEL_STYLES, SECTOR_STYLES, Colour, ModelStyle

if TYPE_CHECKING:
    from game.sim.world import World

Point = tuple[float, float]


def shape_points(shape: str, centre: Point, r: float) -> list[Point]:
    """Polygon corners of a named shape of radius `r`; a circle returns []."""
    cx, cy = centre

    def ring(n: int, start: float, radius: float = r) -> list[Point]:
        return [
            (
                cx + radius * math.cos(start + 2 * math.pi * k / n),
                cy + radius * math.sin(start + 2 * math.pi * k / n),
            )
            for k in range(n)
        ]

    if shape == "square":
        s = r * 0.88
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "diamond":
        return ring(4, -math.pi / 2, r * 1.15)
    if shape == "triangle":
        return ring(3, -math.pi / 2, r * 1.2)
    if shape == "hexagon":
        return ring(6, 0.0)
    if shape == "pentagon":
        return ring(5, -math.pi / 2, r * 1.05)
    if shape == "star":
        points = []
        for k in range(10):
            radius = r * 1.15 if k % 2 == 0 else r * 0.5
            angle = -math.pi / 2 + math.pi * k / 5
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        return points
    return []


def draw_shape(
    surface: pygame.Surface,
    shape: str,
    centre: Point,
    r: float,
    fill: Colour,
    outline: Colour = palette.BLACK,
    width: int = 2,
    mark: str = "",
) -> None:
    """A sector's shape, filled, outlined, with `mark` inside (see `draw_mark`)."""
    points = shape_points(shape, centre, r)
    if not points:
        pygame.draw.circle(surface, fill, centre, r)
        if width:
            pygame.draw.circle(surface, outline, centre, r, width)
    else:
        pygame.draw.polygon(surface, fill, points)
        if width:
            pygame.draw.polygon(surface, outline, points, width)
    if mark:
        # A triangle's middle is low and small: the mark sits at its centroid, smaller.
        if shape == "triangle":
            centre, r = (centre[0], centre[1] + r * 0.12), r * 0.8
        draw_mark(surface, mark, centre, r, mark_ink(fill))


def draw_mark(surface: pygame.Surface, mark: str, centre: Point, r: float, ink: Colour) -> None:
    """The mark inside a shape of radius `r` that tells one organisation of a sector from
    another: a dot, a bar, a plus, a ring or a cross, in black or white, whichever stands
    out on the sector's colour. Sized to stay inside every shape, the star's waist too."""
    cx, cy = centre
    s = max(3.0, r * 0.42)
    w = max(2, round(r * 0.2))
    if mark == "dot":
        pygame.draw.circle(surface, ink, centre, max(2.5, r * 0.3))
    elif mark == "bar":
        pygame.draw.line(surface, ink, (cx - s, cy), (cx + s, cy), w)
    elif mark == "plus":
        pygame.draw.line(surface, ink, (cx - s, cy), (cx + s, cy), w)
        pygame.draw.line(surface, ink, (cx, cy - s), (cx, cy + s), w)
    elif mark == "ring":
        pygame.draw.circle(surface, ink, centre, s, w)
    elif mark == "cross":
        d = s * 0.8
        pygame.draw.line(surface, ink, (cx - d, cy - d), (cx + d, cy + d), w)
        pygame.draw.line(surface, ink, (cx - d, cy + d), (cx + d, cy - d), w)


def draw_sector_icon(
    surface: pygame.Surface, sector: Sector, centre: Point, r: float, variant: int = 0
) -> None:
    """A sector's shape in its colour; `variant` (how many of its sector come before the
    organisation in the scenario) adds that organisation's mark."""
    style = SECTOR_STYLES[Sector(sector)]
    draw_shape(surface, style.shape, centre, r, style.colour, mark=mark_of(variant))


def org_variant(world: World, idx: int) -> int:
    """How many organisations of its sector come before the idx-th in the scenario."""
    return sector_variants([o.sector for o in world.orgs])[idx]


def draw_org_icon(surface: pygame.Surface, world: World, idx: int, centre: Point, r: float) -> None:
    """An organisation's icon as on the map: its sector's shape and colour, and its mark."""
    draw_sector_icon(surface, world.orgs[idx].sector, centre, r, org_variant(world, idx))


def dashed_line(
    surface: pygame.Surface,
    colour: Colour,
    a: Point,
    b: Point,
    width: int,
    dash: tuple[int, ...],
) -> None:
    """A line following an on/off pattern of pixel lengths; an empty pattern is solid."""
    if not dash:
        pygame.draw.line(surface, colour, a, b, width)
        return
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length = math.hypot(dx, dy)
    if length < 1:
        return
    ux, uy = dx / length, dy / length
    pos, k, on = 0.0, 0, True
    while pos < length:
        step = dash[k % len(dash)]
        end = min(length, pos + step)
        if on:
            pygame.draw.line(
                surface,
                colour,
                (ax + ux * pos, ay + uy * pos),
                (ax + ux * end, ay + uy * end),
                width,
            )
        pos, k, on = end, k + 1, not on


def model_line(surface: pygame.Surface, style: ModelStyle, a: Point, b: Point) -> None:
    """A partnership edge in its model's colour and pattern (pooling: a double line)."""
    if style.double:
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length * 3.5, dx / length * 3.5
        for sign in (-1, 1):
            dashed_line(
                surface,
                style.colour,
                (a[0] + sign * nx, a[1] + sign * ny),
                (b[0] + sign * nx, b[1] + sign * ny),
                style.width,
                style.dash,
            )
        return
    # A thin dark core under the colour keeps light colours visible on the light background.
    dashed_line(surface, style.colour, a, b, style.width, style.dash)


def model_sample(surface: pygame.Surface, model: Model, rect: pygame.Rect) -> None:
    """A short sample of a model's line, for legends."""
    y = rect.centery
    model_line(surface, MODEL_STYLES[model], (rect.x, y), (rect.right, y))
