"""A scrolling list of wrapped text rows that can be clicked: the feed, partnerships, inbox.

Rows are rendered once into one tall surface, re-rendered only when their content changes;
a frame blits the visible slice. The mouse wheel scrolls the list under the pointer, the arrow
and page keys the list on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import palette
from game.ui.fonts import BODY
from game.ui.intents import Intent, scroll_distance

if TYPE_CHECKING:
    from game.ui.fonts import Fonts

PAD = 10


@dataclass
class Row:
    """One entry: lines of (text, style, colour), an optional key for clicks, optional paint."""

    lines: list[tuple[str, str, palette.Colour]]
    key: Any = None
    marker: str = ""  # a symbol drawn left of the first line (↑ ↓ ! •)
    marker_colour: palette.Colour = palette.TEXT
    heading: bool = False
    paint: Callable[[pygame.Surface, pygame.Rect], None] | None = None
    paint_height: int = 0
    selected: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # filled in when laid out
    tip: list[str] = field(default_factory=list)  # said over the painted part, on hover


class ListView:
    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.scroll = 0
        self._surface: pygame.Surface | None = None
        self._key: Hashable = None
        self._rows: list[Row] = []
        self._bounds: list[tuple[int, int]] = []
        self._tips: list[tuple[pygame.Rect, list[str]]] = []  # painted areas, in content space
        self.follow: Any = None  # a row's key to scroll into sight once it is laid out

    def set_rows(self, key: Hashable, rect: pygame.Rect, make: Callable[[], list[Row]]) -> None:
        """Re-render when `key` or the size changed; `make` is called only then."""
        full = (key, rect.size)
        self.rect = rect
        if full != self._key or self._surface is None:
            self._key = full
            self._rows = make()
            self._render()
            self.scroll = max(0, min(self.scroll, self.max_scroll))
        if self.follow is not None:
            self._bring_into_sight(self.follow)
            self.follow = None

    def _bring_into_sight(self, key: Any) -> None:
        for (top, bottom), row in zip(self._bounds, self._rows, strict=False):
            if row.key == key:
                if top < self.scroll:
                    self.scroll = top
                elif bottom > self.scroll + self.rect.height:
                    self.scroll = min(self.max_scroll, bottom - self.rect.height)
                return

    @property
    def paint_width(self) -> int:
        """The width a row's painted part gets (a row without a marker)."""
        return self.rect.width - 14 - 2 * PAD

    @property
    def content_height(self) -> int:
        return self._surface.get_height() if self._surface is not None else 0

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.rect.height)

    def _render(self) -> None:
        fonts = self.fonts
        width = self.rect.width - 14  # room for the scroll bar
        lh = fonts.line_height(BODY)
        laid: list[tuple[Row, list[tuple[str, str, palette.Colour]], int]] = []
        total = 0
        for row in self._rows:
            text_x = PAD + (22 if row.marker else 0)
            wrapped = []
            for text, style, colour in row.lines:
                for part in fonts.wrap(text, width - text_x - PAD, BODY, style):
                    wrapped.append((part, style, colour))
            height = lh * len(wrapped) + row.paint_height + (12 if not row.heading else 10)
            laid.append((row, wrapped, height))
            total += height
        surf = pygame.Surface((max(1, width), max(1, total)))
        surf.fill(palette.PANEL)
        y = 0
        self._bounds = []
        self._tips = []
        for row, wrapped, height in laid:
            if row.heading:
                pygame.draw.rect(surf, palette.PANEL_ALT, (0, y, width, height))
            elif row.selected:
                pygame.draw.rect(surf, (220, 235, 245), (0, y, width, height))
                pygame.draw.rect(surf, palette.ACCENT, (0, y, 5, height))
            yy = y + 6
            if row.marker:
                surf.blit(fonts.render(row.marker, BODY, row.marker_colour, "bold"), (PAD, yy))
            text_x = PAD + (22 if row.marker else 0)
            for part, style, colour in wrapped:
                surf.blit(fonts.render(part, BODY, colour, style), (text_x, yy))
                yy += lh
            if row.paint is not None:
                area = pygame.Rect(text_x, yy, width - text_x - PAD, row.paint_height)
                row.paint(surf, area)
                if row.tip:
                    self._tips.append((area, row.tip))
            if not row.heading:
                pygame.draw.line(
                    surf, palette.PANEL_ALT, (PAD, y + height - 1), (width - PAD, y + height - 1)
                )
            self._bounds.append((y, y + height))
            y += height
        self._surface = surf

    def draw(self, surface: pygame.Surface, empty_text: str = "") -> None:
        rect = self.rect
        pygame.draw.rect(surface, palette.PANEL, rect)
        if self._surface is not None and self._rows:
            view = pygame.Rect(
                0,
                self.scroll,
                self._surface.get_width(),
                min(rect.height, self.content_height - self.scroll),
            )
            surface.blit(self._surface, rect.topleft, view)
        elif empty_text:
            self.fonts.blit_wrapped(
                surface, empty_text, rect.inflate(-2 * PAD, -2 * PAD), BODY, palette.MUTED
            )
        if self.max_scroll > 0:
            track = pygame.Rect(rect.right - 10, rect.y + 2, 8, rect.height - 4)
            pygame.draw.rect(surface, palette.PANEL_ALT, track)
            size = max(24, int(track.height * rect.height / self.content_height))
            top = track.y + int((track.height - size) * self.scroll / self.max_scroll)
            pygame.draw.rect(surface, palette.MUTED, (track.x, top, 8, size), border_radius=3)
        pygame.draw.rect(surface, palette.LINE, rect, 1)

    def wheel(self, pos: tuple[int, int], dy: int) -> bool:
        if not self.rect.collidepoint(pos):
            return False
        self.scroll = max(0, min(self.max_scroll, self.scroll - dy * 40))
        return True

    def scroll_key(self, intent: Intent) -> bool:
        """Scroll by an arrow or page key, as the debrief's pages do; True if it was one."""
        distance = scroll_distance(intent, self.rect.height, self.content_height)
        if distance is None:
            return False
        self.scroll = max(0, min(self.max_scroll, self.scroll + distance))
        return True

    def key_at(self, pos: tuple[int, int]) -> Any:
        if not self.rect.collidepoint(pos):
            return None
        y = pos[1] - self.rect.y + self.scroll
        for (top, bottom), row in zip(self._bounds, self._rows, strict=False):
            if top <= y < bottom:
                return row.key
        return None

    def tip_at(self, pos: tuple[int, int]) -> list[str]:
        """The tooltip of the painted part of a row under `pos` (a bar and its mark), if any."""
        if not self.rect.collidepoint(pos):
            return []
        x, y = pos[0] - self.rect.x, pos[1] - self.rect.y + self.scroll
        return next((tip for area, tip in self._tips if area.collidepoint(x, y)), [])

    def row_rect(self, key: Any) -> pygame.Rect | None:
        """Where a row is on screen now (tests click there)."""
        for (top, bottom), row in zip(self._bounds, self._rows, strict=False):
            if row.key == key:
                return pygame.Rect(
                    self.rect.x, self.rect.y + top - self.scroll, self.rect.width, bottom - top
                )
        return None
