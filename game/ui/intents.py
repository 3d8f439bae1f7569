"""Keyboard events become intents in one place, so scenes never look at key codes.

A scene answers "end the turn" or "show help", not "the E key". Letter shortcuts are ignored
while a text field has the focus, so typing a team name never ends a month.
"""

from __future__ import annotations

from enum import StrEnum

import pygame


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


# Keys that work even while typing.
_ALWAYS = {
    pygame.K_F1: Intent.HELP,
    pygame.K_F2: Intent.FACILITATOR,
    pygame.K_F11: Intent.FULLSCREEN,
    pygame.K_ESCAPE: Intent.BACK,
}

# Letter keys: only when no text field has the focus.
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
)


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
