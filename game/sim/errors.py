"""The one error the engine raises for an illegal command."""

from __future__ import annotations

from game.i18n import Msg


class Impossible(Exception):
    """A command cannot be applied now; `reason` says why, translatable for the UI."""

    def __init__(self, key: str, **params: object) -> None:
        self.reason = Msg(f"sim.impossible.{key}", params)
        super().__init__(self.reason.key)
