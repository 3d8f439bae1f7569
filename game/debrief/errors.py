"""Why a debrief cannot be made, as a translatable message for the person who asked."""

from __future__ import annotations

from typing import Any

from game.i18n import Msg


class DebriefError(Exception):
    """A debrief or comparison cannot be made; `reason` is translatable."""

    def __init__(self, key: str, **params: Any) -> None:
        self.reason = Msg(f"debrief.error.{key}", params)
        super().__init__(f"{key}: {params}")

    @classmethod
    def wrap(cls, reason: Msg) -> DebriefError:
        """Carry another layer's translatable reason (a `SessionError`'s) unchanged."""
        return cls("session", reason=reason)
