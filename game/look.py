"""The colours and shapes every picture of the game shares: the map, the in-game debrief and
the exported report, so an organisation looks the same on the screen and on paper.

Colours come from the Okabe–Ito palette, distinguishable under the common colour-vision
deficiencies; colour is never the only carrier, every sector also has a shape. Plain data:
`game.ui.palette` draws with it, `game.debrief` writes it into reports.
"""

from __future__ import annotations

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
