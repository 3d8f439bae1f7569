"""Colours, shapes and line styles: the visual vocabulary, colour-blind safe.

Colours come from the Okabe–Ito palette, distinguishable under the common colour-vision
deficiencies. Colour is never the only carrier: every sector also has a shape and every
collaboration model a line pattern and a short label, so a grey-scale projector still tells
them apart. The background is light because projectors in lit rooms wash out dark themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.schema import Model, Sector

Colour = tuple[int, int, int]

# Okabe & Ito (2008), "Color Universal Design".
ORANGE: Colour = (230, 159, 0)
SKY: Colour = (86, 180, 233)
GREEN: Colour = (0, 158, 115)
YELLOW: Colour = (240, 228, 66)
BLUE: Colour = (0, 114, 178)
VERMILLION: Colour = (213, 94, 0)
PURPLE: Colour = (204, 121, 167)
BLACK: Colour = (0, 0, 0)

# Interface.
BG: Colour = (244, 241, 234)
PANEL: Colour = (255, 255, 255)
PANEL_ALT: Colour = (236, 232, 222)
LINE: Colour = (190, 184, 170)
TEXT: Colour = (26, 26, 26)
MUTED: Colour = (84, 84, 84)
ACCENT: Colour = BLUE
GOOD: Colour = BLUE  # rises are blue and marked ↑, falls vermillion and marked ↓
BAD: Colour = VERMILLION
WARN: Colour = ORANGE
SELECT: Colour = (0, 0, 0)
TRUST: Colour = (110, 110, 110)
TOOLTIP_BG: Colour = (40, 40, 40)
TOOLTIP_TEXT: Colour = (250, 250, 250)

UP = "↑"
DOWN = "↓"
SAME = "•"


@dataclass(frozen=True)
class SectorStyle:
    """How a sector looks on the map and in legends: colour and a shape name."""

    colour: Colour
    shape: str  # circle, square, diamond, triangle, hexagon, pentagon, star


SECTOR_STYLES: dict[Sector, SectorStyle] = {
    Sector.government: SectorStyle(BLUE, "square"),
    Sector.private: SectorStyle(ORANGE, "diamond"),
    Sector.ngo: SectorStyle(GREEN, "circle"),
    Sector.community: SectorStyle(VERMILLION, "triangle"),
    Sector.education: SectorStyle(PURPLE, "hexagon"),
    Sector.media: SectorStyle(SKY, "pentagon"),
    Sector.donor: SectorStyle(YELLOW, "star"),
}


@dataclass(frozen=True)
class ModelStyle:
    """How a partnership of one collaboration model is drawn: colour, pattern, width.

    `dash` is a list of (on, off) pixel lengths along the line; empty means solid. `double`
    draws two parallel lines (resource pooling: two purses in one).
    """

    colour: Colour
    dash: tuple[int, ...]
    width: int
    double: bool = False


MODEL_STYLES: dict[Model, ModelStyle] = {
    Model.cross_sector: ModelStyle(VERMILLION, (), 5),
    Model.resource_pooling: ModelStyle(BLUE, (), 3, double=True),
    Model.information_network: ModelStyle(SKY, (3, 7), 5),
    Model.technology: ModelStyle(GREEN, (16, 6, 4, 6), 5),
    Model.education_development: ModelStyle(PURPLE, (12, 8), 5),
}

PENDING_STYLE = ModelStyle((150, 150, 150), (6, 6), 3)
