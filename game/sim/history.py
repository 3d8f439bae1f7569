"""Month-by-month snapshots of every quantity the debrief reads (DESIGN.md §2 step 8).

Measurement stays apart from drawing: the history holds numbers; the debrief and the UI
turn them into words and charts.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from game.sim.world import World

ORG_FIELDS = (
    "funds",
    "staff",
    "capacity",
    "credibility",
    "knowledge",
    "innovations",
    "impact",
    "spent",
    "wasted",
    "agenda",  # at a month's end: the points left unused (the debrief's review says so)
)
_ORG_ROW = attrgetter(*ORG_FIELDS)


@dataclass(frozen=True)
class Snapshot:
    month: int  # 0 is the start, before anything happened
    indicators: np.ndarray  # per domain
    org: dict[str, np.ndarray]  # field → per organisation
    trust: np.ndarray  # N×N
    tension: np.ndarray  # N×N
    partnerships: tuple[tuple[int, str, str, tuple[int, ...], float, bool], ...]
    # (id, model, status, members, understanding, disputed)
    regulation: float
    pending_approvals: int

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "indicators": self.indicators.round(3).tolist(),
            "org": {k: v.round(3).tolist() for k, v in self.org.items()},
            "trust": self.trust.round(3).tolist(),
            "tension": self.tension.round(3).tolist(),
            "partnerships": [
                [*list(p[:3]), list(p[3]), round(p[4], 3), p[5]] for p in self.partnerships
            ],
            "regulation": round(self.regulation, 3),
            "pending_approvals": self.pending_approvals,
        }


class History:
    """Snapshots at month 0 and after each resolved month, plus start and end figures."""

    def __init__(self, world: World) -> None:
        # Weak, as the world holds its history: a cycle kept every finished world (3,000
        # objects in a default run) alive until the garbage collector's next full pass.
        self._world = weakref.ref(world)
        self.snapshots: list[Snapshot] = []
        self.start: dict[str, np.ndarray] = {}

    def _take(self, month: int) -> Snapshot:
        w = self._world()
        columns = np.array([_ORG_ROW(o) for o in w.orgs], dtype=float).T.copy()  # F × N
        return Snapshot(
            month=month,
            indicators=w.indicators.copy(),
            org=dict(zip(ORG_FIELDS, columns, strict=True)),
            trust=w.trust.copy(),
            tension=w.tension.copy(),
            # `_value_` is what `.value` returns, without the enum property's lookup.
            partnerships=tuple(
                [
                    (
                        p.id,
                        p.model._value_,
                        p.status._value_,
                        tuple(p.members),
                        p.understanding,
                        p.disputed,
                    )
                    for p in w.partnerships
                ]
            ),
            regulation=w.regulation,
            pending_approvals=len(w.approvals),
        )

    def record_start(self) -> None:
        snap = self._take(0)
        self.snapshots.append(snap)
        self.start = dict(snap.org)

    def record_month(self) -> None:
        self.snapshots.append(self._take(self._world().month))

    def record_end(self) -> None:
        """Nothing extra yet: the last monthly snapshot is the end state."""

    def series(self, field: str) -> np.ndarray:
        """Months × organisations array of one organisation field."""
        return np.stack([s.org[field] for s in self.snapshots])

    def indicator_series(self) -> np.ndarray:
        return np.stack([s.indicators for s in self.snapshots])
