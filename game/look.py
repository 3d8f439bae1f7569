"""The colours and shapes every picture of the game shares: the map, the in-game debrief and
the exported report, so an organisation looks the same on the screen and on paper.

Colours come from the Okabe–Ito palette, distinguishable under the common colour-vision
deficiencies; colour is never the only carrier, every sector also has a shape. Plain data:
`game.ui.palette` draws with it, `game.debrief` writes it into reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.scenario.schema import Sector

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


@dataclass(frozen=True)
class SectorStyle:
    """How a sector looks on the map and in legends: colour and a shape name."""

    colour: Colour
    shape: str  # circle, square, diamond, triangle, hexagon, pentagon, star

    @property
    def hex(self) -> str:
        return "#{:02X}{:02X}{:02X}".format(*self.colour)


SECTOR_STYLES: dict[Sector, SectorStyle] = {
    Sector.government: SectorStyle(BLUE, "square"),
    Sector.private: SectorStyle(ORANGE, "diamond"),
    Sector.ngo: SectorStyle(GREEN, "circle"),
    Sector.community: SectorStyle(VERMILLION, "triangle"),
    Sector.education: SectorStyle(PURPLE, "hexagon"),
    Sector.media: SectorStyle(SKY, "pentagon"),
    Sector.donor: SectorStyle(YELLOW, "star"),
}

# Several organisations of one sector share its colour and shape; a mark inside the shape
# tells them apart, by their order in the scenario: the first of a sector is plain, the
# second has a dot, the third a bar, and so on. The sector stays readable at a glance (its
# colour and shape are untouched) and, unlike tints of its colour, a mark survives a grey
# or washed-out projector and needs no colour vision. Every picture of an organisation (the
# map, its cards, the debrief's network and the report) draws the same mark.
MARKS: tuple[str, ...] = ("", "dot", "bar", "plus", "ring", "cross")
WHITE: Colour = (255, 255, 255)


def sector_variants(sectors: Sequence[object]) -> list[int]:
    """For each organisation in scenario order, how many of its sector come before it."""
    seen: dict[object, int] = {}
    out = []
    for sector in sectors:
        out.append(seen.get(sector, 0))
        seen[sector] = out[-1] + 1
    return out


def mark_of(variant: int) -> str:
    """The mark inside the shape of the `variant`-th organisation of a sector ("": none).
    A sector of more organisations than marks starts again at plain."""
    return MARKS[variant % len(MARKS)]


def hex_rgb(text: str) -> Colour:
    """(r, g, b) of "#RRGGBB", as the reports write a colour."""
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _luminance(colour: Colour) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def mark_ink(fill: Colour) -> Colour:
    """Black or white, whichever contrasts more with the sector's colour (WCAG ratio)."""
    lum = _luminance(fill)
    return WHITE if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else BLACK
