"""Where each part of the main screen goes, computed from the window size.

1280×720 is the design size (a projector); wider windows give the map the extra width, taller
ones give it to the map and the lists. Side columns keep their width so text never reflows
into something unreadable; below 1200 pixels (the 1024×640 minimum) they narrow a little, so
the map and the tab titles keep enough room.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

TOP_BAR = 56
GAP = 8


@dataclass(frozen=True)
class MainLayout:
    top: pygame.Rect
    own: pygame.Rect  # left column: the team's organisation and the community indicators
    map: pygame.Rect
    tabs: pygame.Rect  # under the map: feed, partnerships, proposals, missions
    card: pygame.Rect  # right column, top: the selected organisation
    actions: pygame.Rect  # right column, bottom: the action buttons


def main_layout(size: tuple[int, int], domains: int = 3) -> MainLayout:
    """The main screen's parts; the card grows by a line for each community need."""
    w, h = size
    left_w = 248 if w < 1200 else 300 if w < 1500 else 340
    right_w = 360 if w < 1200 else 384 if w < 1500 else 440
    body_top = TOP_BAR + GAP
    body_h = h - body_top - GAP
    centre_x = left_w + 2 * GAP
    centre_w = w - left_w - right_w - 4 * GAP
    map_h = int(body_h * 0.56)
    right_x = w - right_w - GAP
    card_h = 164 + 24 * domains
    return MainLayout(
        top=pygame.Rect(0, 0, w, TOP_BAR),
        own=pygame.Rect(GAP, body_top, left_w, body_h),
        map=pygame.Rect(centre_x, body_top, centre_w, map_h),
        tabs=pygame.Rect(centre_x, body_top + map_h + GAP, centre_w, body_h - map_h - GAP),
        card=pygame.Rect(right_x, body_top, right_w, card_h),
        actions=pygame.Rect(right_x, body_top + card_h + GAP, right_w, body_h - card_h - GAP),
    )
