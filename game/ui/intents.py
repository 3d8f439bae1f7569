"""Keyboard events become intents in one place, so scenes never look at key codes.

A scene answers "end the turn" or "show help", not "the E key". Letters, arrows and Enter are
ignored while a text field has the focus, so typing a team name never ends a month.
"""

from __future__ import annotations

from enum import StrEnum

import pygame

# A double-click or a second Enter meant for the screen or window before lands on the one that
# replaced it: a screen that a stray Enter would skip unread waits this long for it.
SETTLE_SECONDS = 0.8


class Intent(StrEnum):
    QUIT = "quit"
    FULLSCREEN = "fullscreen"
    LANGUAGE = "language"
    HELP = "help"
    BACK = "back"  # close the dialog on top, or go back
    CONFIRM = "confirm"  # the screen's main button (Enter)
    END_TURN = "end_turn"
    DIALOGUE = "dialogue"
    PROPOSE = "propose"
    INBOX = "inbox"
    NEXT_ORG = "next_org"
    FACILITATOR = "facilitator"  # the facilitator panel (behind a PIN when one is set)
    # An offer on screen is answered only by these, never by Enter: a stray Enter must not
    # commit a team's money.
    ACCEPT = "accept"
    COUNTER = "counter"
    REJECT = "reject"  # or walk away, or withdraw one's own
    # Moving about: scroll a page or a list, walk a list, a tab or a page.
    UP = "up"
    DOWN = "down"
    PAGE_UP = "page_up"
    PAGE_DOWN = "page_down"
    TOP = "top"
    BOTTOM = "bottom"
    PREVIOUS = "previous"  # the tab or page before
    NEXT = "next"


# Keys that work even while typing.
_ALWAYS = {
    pygame.K_F1: Intent.HELP,
    pygame.K_F2: Intent.FACILITATOR,
    pygame.K_F11: Intent.FULLSCREEN,
    pygame.K_ESCAPE: Intent.BACK,
}

# Letters, and keys a text field uses too: only when no text field has the focus.
_LETTERS = {
    pygame.K_e: Intent.END_TURN,
    pygame.K_d: Intent.DIALOGUE,
    pygame.K_p: Intent.PROPOSE,
    pygame.K_h: Intent.HELP,
    pygame.K_l: Intent.LANGUAGE,
    pygame.K_i: Intent.INBOX,
    pygame.K_TAB: Intent.NEXT_ORG,
    pygame.K_RETURN: Intent.CONFIRM,
    pygame.K_KP_ENTER: Intent.CONFIRM,
    pygame.K_a: Intent.ACCEPT,
    pygame.K_c: Intent.COUNTER,
    pygame.K_r: Intent.REJECT,
    pygame.K_UP: Intent.UP,
    pygame.K_DOWN: Intent.DOWN,
    pygame.K_PAGEUP: Intent.PAGE_UP,
    pygame.K_PAGEDOWN: Intent.PAGE_DOWN,
    pygame.K_SPACE: Intent.PAGE_DOWN,
    pygame.K_HOME: Intent.TOP,
    pygame.K_END: Intent.BOTTOM,
    pygame.K_LEFT: Intent.PREVIOUS,
    pygame.K_RIGHT: Intent.NEXT,
}

# Shown in the help overlay, in this order: (key label, intent).
SHORTCUTS: tuple[tuple[str, Intent], ...] = (
    ("E", Intent.END_TURN),
    ("D", Intent.DIALOGUE),
    ("P", Intent.PROPOSE),
    ("I", Intent.INBOX),
    ("Tab", Intent.NEXT_ORG),
    ("H / F1", Intent.HELP),
    ("L", Intent.LANGUAGE),
    ("F11", Intent.FULLSCREEN),
    ("F2", Intent.FACILITATOR),
    ("Esc", Intent.BACK),
    ("Enter", Intent.CONFIRM),
    ("A", Intent.ACCEPT),
    ("C", Intent.COUNTER),
    ("R", Intent.REJECT),
    ("↑", Intent.UP),
    ("↓", Intent.DOWN),
    ("Page Up", Intent.PAGE_UP),
    ("Page Down / Space", Intent.PAGE_DOWN),
    ("Home", Intent.TOP),
    ("End", Intent.BOTTOM),
    ("←", Intent.PREVIOUS),
    ("→", Intent.NEXT),
)


def key_label(intent: Intent) -> str:
    """The key of an intent as the help lists it, for a button that names its key."""
    return next(label for label, shown in SHORTCUTS if shown is intent)


# How far a key scrolls a page: a line, a screenful less a line, or to either end.
LINE = 60


def scroll_distance(intent: Intent, view: int, content: int) -> int | None:
    """Pixels to scroll a page `view` high showing `content`, or None for other intents.

    One table for every page that scrolls (the debrief, the month summary, the help, the
    main screen's lists), so the keys the debrief's hint promises work the same everywhere."""
    screen = max(LINE, view - LINE)
    return {
        Intent.UP: -LINE,
        Intent.DOWN: LINE,
        Intent.PAGE_UP: -screen,
        Intent.PAGE_DOWN: screen,
        Intent.TOP: -content,
        Intent.BOTTOM: content,
    }.get(intent)


def intent_of(event: pygame.event.Event, typing: bool = False) -> Intent | None:
    """The intent a key press means, or None for every other event."""
    if event.type == pygame.QUIT:
        return Intent.QUIT
    if event.type != pygame.KEYDOWN:
        return None
    if event.key in _ALWAYS:
        return _ALWAYS[event.key]
    if typing or event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return None
    return _LETTERS.get(event.key)
