"""Colours, shapes and line styles: the visual vocabulary, colour-blind safe.

Colours come from the Okabe–Ito palette, distinguishable under the common colour-vision
deficiencies. Colour is never the only carrier: every sector also has a shape and every
collaboration model a line pattern and a short label, so a grey-scale projector still tells
them apart. The background is light because projectors in lit rooms wash out dark themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.look import (  # noqa: F401  (the palette's colours, shared with the reports)
    BLACK,
    BLUE,
    GREEN,
    ORANGE,
    PURPLE,
    SECTOR_STYLES,
    SKY,
    VERMILLION,
    YELLOW,
    Colour,
    SectorStyle,
)
from game.scenario.schema import Model

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
