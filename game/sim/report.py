"""What happened and why: log entries the UI and the debrief render, never strings.

An entry carries a translatable message, the organisations it concerns, an optional cause
(another message), and numbers for charts and cause-and-effect chains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from game.i18n import Msg


@cache
def model_name(model: Any) -> Msg:
    """A collaboration model's name as a message parameter, translated when shown.
    Cached: a `Msg` is immutable, and the log names a model in most entries."""
    return Msg(f"sim.model.{getattr(model, 'value', model)}")


def reason(key: str, **params: Any) -> Msg:
    """A translatable cause: why something was declined, missed or ended."""
    return Msg(f"sim.reason.{key}", params)


@dataclass(slots=True)
class Entry:
    """One line of the event log; never changed after it is written."""

    month: int
    kind: str
    msg: Msg
    orgs: tuple[str, ...] = ()
    cause: Msg | None = None
    data: dict[str, Any] = field(default_factory=dict)
    partnership: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"month": self.month, "kind": self.kind, "msg": self.msg.to_json()}
        if self.orgs:
            out["orgs"] = list(self.orgs)
        if self.cause is not None:
            out["cause"] = self.cause.to_json()
        if self.data:
            out["data"] = self.data
        if self.partnership is not None:
            out["partnership"] = self.partnership
        return out


@dataclass
class MonthReport:
    """The resolution of one month: its entries and the main figures before and after."""

    month: int
    entries: list[Entry]
    indicators_before: dict[str, float]
    indicators_after: dict[str, float]
    funds_before: dict[str, float]
    funds_after: dict[str, float]

    def for_org(self, org_id: str) -> list[Entry]:
        return [e for e in self.entries if not e.orgs or org_id in e.orgs]
