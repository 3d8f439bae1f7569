"""Bundled fonts and a cache of rendered text.

The game ships Noto Sans (OFL, assets/fonts/) so it looks the same on every laptop and has
every glyph Bahasa Indonesia and the interface's arrows need. Rendering text is the slowest
thing a frame does, so each (text, size, style, colour) is rendered once and reused; the cache
is bounded so a long session cannot grow it without limit.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

from game.resources import assets_dir
from game.ui.palette import Colour

BODY = 18  # the smallest size for anything a player must read on a projector
LARGE = 22
PRIMARY_FONT = (20, "bold")  # the @primary buttons' font in assets/theme.json
HEADING = 26
TITLE = 38

FONT_FILES = {
    "regular": "Lato-Regular.ttf",
    "bold": "Lato-Bold.ttf",
    "italic": "Lato-Italic.ttf",
}


def font_path(style: str = "regular") -> Path:
    return assets_dir() / "fonts" / FONT_FILES[style]


class Fonts:
    """Font objects by (size, style) and rendered text by content, both cached."""

    def __init__(self, max_cached: int = 4000) -> None:
        self._fonts: dict[tuple[int, str], pygame.font.Font] = {}
        self._text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wrap: OrderedDict[tuple, list[str]] = OrderedDict()
        self._max = max_cached

    def font(self, size: int = BODY, style: str = "regular") -> pygame.font.Font:
        key = (size, style)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(str(font_path(style)), size)
            self._fonts[key] = font
        return font

    def render(
        self, text: str, size: int = BODY, colour: Colour = (0, 0, 0), style: str = "regular"
    ) -> pygame.Surface:
        key = (text, size, colour, style)
        surf = self._text.get(key)
        if surf is None:
            surf = self.font(size, style).render(text, True, colour)
            self._text[key] = surf
            if len(self._text) > self._max:
                self._text.popitem(last=False)
        else:
            self._text.move_to_end(key)
        return surf

    def size(self, text: str, size: int = BODY, style: str = "regular") -> tuple[int, int]:
        return self.font(size, style).size(text)

    def line_height(self, size: int = BODY, style: str = "regular") -> int:
        return self.font(size, style).get_linesize()

    def wrap(self, text: str, width: int, size: int = BODY, style: str = "regular") -> list[str]:
        """Split text into lines no wider than `width`; words longer than a line are cut."""
        key = (text, width, size, style)
        lines = self._wrap.get(key)
        if lines is not None:
            return lines
        font = self.font(size, style)
        lines = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                trial = f"{line} {word}" if line else word
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        self._wrap[key] = lines
        if len(self._wrap) > self._max:
            self._wrap.popitem(last=False)
        return lines

    def wrap_at_most(
        self, text: str, width: int, most: int, size: int = BODY, style: str = "regular"
    ) -> list[str]:
        """At most `most` lines no wider than `width`; what does not fit ends in "…".

        For text under fixed-size labels, which pygame_gui cuts rather than wraps."""
        lines = self.wrap(text, width, size, style) if most > 0 else []
        if len(lines) > most:
            lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
        return [self.fit(line, width, size, style) for line in lines]

    def fit(self, text: str, width: int, size: int = BODY, style: str = "regular") -> str:
        """Shorten with an ellipsis to fit `width` on one line."""
        font = self.font(size, style)
        if font.size(text)[0] <= width:
            return text
        while text and font.size(text + "…")[0] > width:
            text = text[:-1]
        return text + "…"

    def blit(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        size: int = BODY,
        colour: Colour = (0, 0, 0),
        style: str = "regular",
        anchor: str = "topleft",
    ) -> pygame.Rect:
        img = self.render(text, size, colour, style)
        rect = img.get_rect(**{anchor: pos})
        surface.blit(img, rect)
        return rect

    def blit_wrapped(
        self,
        surface: pygame.Surface,
        text: str,
        rect: pygame.Rect,
        size: int = BODY,
        colour: Colour = (0, 0, 0),
        style: str = "regular",
    ) -> int:
        """Draw wrapped text from the top of `rect`; returns the y below the last line."""
        y = rect.y
        step = self.line_height(size, style)
        for line in self.wrap(text, rect.width, size, style):
            if y + step > rect.bottom:
                break
            surface.blit(self.render(line, size, colour, style), (rect.x, y))
            y += step
        return y
