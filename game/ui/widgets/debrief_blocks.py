"""The debrief screen's pages as a column of blocks, laid out once, painted once, scrolled.

A page is a list of blocks. Each block says how tall it is at a width (`layout`) and paints
itself into a rectangle (`paint`). `PageView` paints a whole page into one tall surface the
first time it is shown (per page, language and width) and a frame blits the visible slice, so
scrolling a long timeline costs one blit. Blocks only draw what they are given; they never
read the world.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.scenario.schema import Sector
from game.ui import palette
from game.ui.fonts import BODY, HEADING
from game.ui.widgets.shapes import draw_sector_icon

if TYPE_CHECKING:
    from game.ui.fonts import Fonts

PAD = 16  # inside the page, left and right
BAR_W = 12  # the scroll bar
MARKER_W = 30  # room for a marker (↑ ↓ • or a numbered badge) left of a text
Painter = Callable[[pygame.Surface, pygame.Rect], None]


class Block:
    """Something on a page: knows its height at a width, paints into a rectangle."""

    def layout(self, fonts: Fonts, width: int) -> int:
        raise NotImplementedError

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        raise NotImplementedError


def badge(
    surf: pygame.Surface,
    fonts: Fonts,
    centre: tuple[int, int],
    number: int | str,
    *,
    fill: palette.Colour = palette.PANEL,
    ink: palette.Colour = palette.TEXT,
    r: int = 13,
) -> None:
    """A number in a ring: the turning points on a chart and in the list under it."""
    pygame.draw.circle(surf, fill, centre, r)
    pygame.draw.circle(surf, ink, centre, r, 2)
    fonts.blit(surf, str(number), centre, BODY, ink, "bold", anchor="center")


@dataclass
class Text(Block):
    """Wrapped text, optionally after a marker glyph or a numbered badge in the margin."""

    text: str
    size: int = BODY
    style: str = "regular"
    colour: palette.Colour = palette.TEXT
    marker: str = ""
    marker_colour: palette.Colour = palette.TEXT
    number: int | None = None  # a numbered badge instead of a marker
    sector: str | None = None  # a sector's shape instead of a marker
    indent: int = 0
    after: int = 6
    _lines: list[str] = field(default_factory=list, repr=False)

    @property
    def x0(self) -> int:
        margin = self.marker or self.number is not None or self.sector is not None
        return self.indent + (MARKER_W if margin else 0)

    def layout(self, fonts: Fonts, width: int) -> int:
        self._lines = fonts.wrap(self.text, max(40, width - self.x0), self.size, self.style)
        lh = fonts.line_height(self.size, self.style)
        height = lh * len(self._lines)
        if self.number is not None:
            height = max(height, 28)
        return height + self.after

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        lh = fonts.line_height(self.size, self.style)
        if self.number is not None:
            badge(surf, fonts, (rect.x + self.indent + 13, rect.y + max(13, lh // 2)), self.number)
        elif self.sector is not None:
            draw_sector_icon(
                surf, Sector(self.sector), (rect.x + self.indent + 12, rect.y + lh // 2), 10
            )
        elif self.marker:
            fonts.blit(
                surf,
                self.marker,
                (rect.x + self.indent + 4, rect.y),
                self.size,
                self.marker_colour,
                "bold",
            )
        y = rect.y
        for line in self._lines:
            fonts.blit(surf, line, (rect.x + self.x0, y), self.size, self.colour, self.style)
            y += lh


@dataclass
class Heading(Block):
    """A section title with a rule under it."""

    text: str
    size: int = HEADING
    before: int = 10
    rule: bool = True
    _lines: list[str] = field(default_factory=list, repr=False)

    def layout(self, fonts: Fonts, width: int) -> int:
        self._lines = fonts.wrap(self.text, width, self.size, "bold")
        return self.before + fonts.line_height(self.size, "bold") * len(self._lines) + 10

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        y = rect.y + self.before
        lh = fonts.line_height(self.size, "bold")
        for line in self._lines:
            fonts.blit(surf, line, (rect.x, y), self.size, palette.TEXT, "bold")
            y += lh
        if self.rule:
            pygame.draw.line(surf, palette.LINE, (rect.x, y + 2), (rect.right, y + 2), 2)


@dataclass
class Gap(Block):
    height: int = 12

    def layout(self, fonts: Fonts, width: int) -> int:
        return self.height

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        pass


@dataclass
class Paint(Block):
    """A drawing of a given height (a chart, a table): `height` may depend on the width."""

    height: int | Callable[[int], int]
    painter: Painter
    after: int = 8

    def layout(self, fonts: Fonts, width: int) -> int:
        h = self.height(width) if callable(self.height) else self.height
        return h + self.after

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        self.painter(surf, pygame.Rect(rect.x, rect.y, rect.width, rect.height - self.after))


@dataclass
class Card(Block):
    """Blocks inside a box; a thick bar on the left marks something that stands out."""

    children: Sequence[Block]
    pad: int = 12
    fill: palette.Colour = palette.PANEL
    border: palette.Colour = palette.LINE
    bar: palette.Colour | None = None
    after: int = 12
    _heights: list[int] = field(default_factory=list, repr=False)

    @property
    def inset(self) -> int:
        return self.pad + (8 if self.bar is not None else 0)

    def layout(self, fonts: Fonts, width: int) -> int:
        inner = width - self.inset - self.pad
        self._heights = [c.layout(fonts, inner) for c in self.children]
        return sum(self._heights) + 2 * self.pad + self.after

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        box = pygame.Rect(rect.x, rect.y, rect.width, rect.height - self.after)
        pygame.draw.rect(surf, self.fill, box, border_radius=6)
        pygame.draw.rect(surf, self.border, box, 2, border_radius=6)
        if self.bar is not None:
            pygame.draw.rect(surf, self.bar, (box.x, box.y, 8, box.height), border_radius=3)
        y = box.y + self.pad
        inner = box.width - self.inset - self.pad
        for child, h in zip(self.children, self._heights, strict=True):
            child.paint(surf, fonts, pygame.Rect(box.x + self.inset, y, inner, h))
            y += h


@dataclass
class Grid(Block):
    """Blocks side by side in columns, row by row; each row as tall as its tallest block."""

    children: Sequence[Block]
    columns: int = 2
    gap: int = 14
    _rows: list[int] = field(default_factory=list, repr=False)

    def col_width(self, width: int) -> int:
        return (width - self.gap * (self.columns - 1)) // self.columns

    def layout(self, fonts: Fonts, width: int) -> int:
        col = self.col_width(width)
        heights = [c.layout(fonts, col) for c in self.children]
        self._rows = [
            max(heights[k : k + self.columns]) for k in range(0, len(heights), self.columns)
        ]
        return sum(self._rows)

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        col = self.col_width(rect.width)
        y = rect.y
        for r, h in enumerate(self._rows):
            row = self.children[r * self.columns : (r + 1) * self.columns]
            for k, child in enumerate(row):
                child.paint(surf, fonts, pygame.Rect(rect.x + k * (col + self.gap), y, col, h))
            y += h


@dataclass
class Steps(Block):
    """(label, text) steps joined by arrows: a chain of cause and effect, month by month."""

    steps: Sequence[tuple[str, str]]
    label_w: int = 124
    arrow_h: int = 26
    after: int = 8
    _lines: list[list[str]] = field(default_factory=list, repr=False)

    def layout(self, fonts: Fonts, width: int) -> int:
        self._lines = [fonts.wrap(text, width - self.label_w - 12) for _, text in self.steps]
        lh = fonts.line_height(BODY)
        body = sum(lh * max(1, len(lines)) + 8 for lines in self._lines)
        return body + self.arrow_h * max(0, len(self.steps) - 1) + self.after

    def paint(self, surf: pygame.Surface, fonts: Fonts, rect: pygame.Rect) -> None:
        lh = fonts.line_height(BODY)
        y = rect.y
        for k, ((label, _), lines) in enumerate(zip(self.steps, self._lines, strict=True)):
            h = lh * max(1, len(lines)) + 8
            tag = pygame.Rect(rect.x, y, self.label_w - 8, h)
            pygame.draw.rect(surf, palette.PANEL_ALT, tag, border_radius=5)
            fonts.blit(
                surf,
                fonts.fit(label, tag.width - 12, BODY, "bold"),
                (tag.x + 8, y + 4),
                BODY,
                palette.TEXT,
                "bold",
            )
            yy = y + 4
            for line in lines:
                fonts.blit(surf, line, (rect.x + self.label_w + 4, yy), BODY, palette.TEXT)
                yy += lh
            y += h
            if k < len(self.steps) - 1:
                fonts.blit(
                    surf,
                    "↓",
                    (tag.centerx, y + self.arrow_h // 2),
                    BODY + 4,
                    palette.TEXT,
                    "bold",
                    anchor="center",
                )
                y += self.arrow_h


def render_page(fonts: Fonts, blocks: Sequence[Block], width: int) -> pygame.Surface:
    """The whole page in one surface `width` wide, as tall as its blocks."""
    inner = width - 2 * PAD
    heights = [b.layout(fonts, inner) for b in blocks]
    surf = pygame.Surface((width, max(1, sum(heights) + 2 * PAD)))
    surf.fill(palette.PANEL)
    y = PAD
    for block, h in zip(blocks, heights, strict=True):
        block.paint(surf, fonts, pygame.Rect(PAD, y, inner, h))
        y += h
    return surf


class PageView:
    """Shows one page at a time in a rectangle, scrolled; keeps the last few pages painted."""

    def __init__(self, fonts: Fonts, keep: int = 6) -> None:
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.keep = keep
        self._pages: OrderedDict[Hashable, pygame.Surface] = OrderedDict()
        self._scroll: dict[Hashable, int] = {}
        self._page: pygame.Surface | None = None
        self._place: Hashable = None  # where the scroll position is kept (the page's id)
        self.dragging = False

    # --- what is shown --------------------------------------------------------------------
    def show(
        self,
        key: Hashable,
        place: Hashable,
        rect: pygame.Rect,
        make: Callable[[], Sequence[Block]],
    ) -> None:
        """Show the page `key` (painted by `make` only if not cached) scrolled as at `place`."""
        self.rect = rect
        self._place = place
        full = (key, rect.width - BAR_W)
        page = self._pages.get(full)
        if page is None:
            page = render_page(self.fonts, make(), rect.width - BAR_W)
            self._pages[full] = page
            while len(self._pages) > self.keep:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(full)
        self._page = page
        self.scroll = self.scroll  # clamp to the page's height

    def forget(self) -> None:
        """Drop every painted page (what they show has changed)."""
        self._pages.clear()
        self._page = None

    @property
    def content_height(self) -> int:
        return self._page.get_height() if self._page is not None else 0

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.rect.height)

    @property
    def scroll(self) -> int:
        return self._scroll.get(self._place, 0)

    @scroll.setter
    def scroll(self, value: int) -> None:
        self._scroll[self._place] = max(0, min(self.max_scroll, int(value)))

    # --- input ------------------------------------------------------------------------------
    def scroll_by(self, dy: int) -> None:
        self.scroll = self.scroll + dy

    def wheel(self, pos: tuple[int, int], dy: int) -> bool:
        if not self.rect.collidepoint(pos):
            return False
        self.scroll_by(-dy * 60)
        return True

    def track(self) -> pygame.Rect:
        return pygame.Rect(
            self.rect.right - BAR_W, self.rect.y + 2, BAR_W - 2, self.rect.height - 4
        )

    def thumb(self) -> pygame.Rect:
        track = self.track()
        if not self.max_scroll:
            return track
        size = max(32, int(track.height * self.rect.height / self.content_height))
        top = track.y + int((track.height - size) * self.scroll / self.max_scroll)
        return pygame.Rect(track.x, top, track.width, size)

    def press(self, pos: tuple[int, int]) -> bool:
        """A click on the scroll bar: jump there and start dragging."""
        if not self.max_scroll or not self.track().inflate(8, 0).collidepoint(pos):
            return False
        self.dragging = True
        self.drag_to(pos[1])
        return True

    def drag_to(self, y: int) -> None:
        track = self.track()
        size = self.thumb().height
        share = (y - track.y - size / 2) / max(1, track.height - size)
        self.scroll = round(share * self.max_scroll)

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        rect = self.rect
        pygame.draw.rect(surface, palette.PANEL, rect)
        if self._page is not None:
            view = pygame.Rect(
                0, self.scroll, self._page.get_width(), min(rect.height, self.content_height)
            )
            surface.blit(self._page, rect.topleft, view)
        if self.max_scroll:
            pygame.draw.rect(surface, palette.PANEL_ALT, self.track())
            pygame.draw.rect(surface, palette.MUTED, self.thumb(), border_radius=4)
        pygame.draw.rect(surface, palette.LINE, rect, 1)
