"""The trust network at one month: organisations on a circle, a tie for every pair.

Positions are fixed by the scenario's order of organisations, so the start and the end
networks put everyone in the same place and a reader compares the ties, not the layout.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.debrief import logbook
from game.debrief.model import Network, Node, OrgCard, Tie
from game.i18n import Msg

if TYPE_CHECKING:
    from game.sim.world import World

LIVE = ("active", "awaiting_approval")


def circle(count: int) -> list[tuple[float, float]]:
    """Points on a circle in the unit square, the first at the top, going clockwise."""
    if count == 1:
        return [(0.5, 0.5)]
    return [
        (
            0.5 + 0.42 * math.sin(2 * math.pi * k / count),
            0.5 + 0.42 * math.cos(2 * math.pi * k / count),
        )
        for k in range(count)
    ]


def trust_network(world: World, orgs: Sequence[OrgCard], month: int) -> Network:
    snap = logbook.snapshot_at(world, month)
    nodes = tuple(Node(card.id, x, y) for card, (x, y) in zip(orgs, circle(len(orgs)), strict=True))
    partners: set[tuple[int, int]] = set()
    for _pid, _model, status, members, _understanding, _disputed in snap.partnerships:
        if status in LIVE:
            partners.update((a, b) for a in members for b in members if a < b)
    ties = []
    for a in range(len(orgs)):
        for b in range(a + 1, len(orgs)):
            t_ab, t_ba = float(snap.trust[a, b]), float(snap.trust[b, a])
            ties.append(
                Tie(
                    orgs[a].id,
                    orgs[b].id,
                    round((t_ab + t_ba) / 2, 3),
                    round(t_ab, 3),
                    round(t_ba, 3),
                    round(float(snap.tension[a, b] + snap.tension[b, a]) / 2, 3),
                    (a, b) in partners,
                )
            )
    ties.sort(key=lambda tie: (tie.partners, tie.trust))
    key = "debrief.network.start" if snap.month == 0 else "debrief.network.end"
    return Network(snap.month, Msg(key, {"month": snap.month}), nodes, tuple(ties))
