"""The trust network at one month: organisations on a circle, a tie for every pair.

Positions are fixed by the scenario's order of organisations, so the start and the end
networks put everyone in the same place and a reader compares the ties, not the layout.
A tie keeps both directions of trust: where they differ by more than `ONE_SIDED` the
drawings show both figures and `notes` says it in words, since a mean of 0.61 hides that
one side's trust collapsed to 0.26 while the other's stayed at 0.96.
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
MAX_NOTES = 6  # one-sided ties said in words under a network


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
    notes = one_sided_notes(ties, orgs)
    return Network(snap.month, Msg(key, {"month": snap.month}), nodes, tuple(ties), notes)


def one_sided_notes(ties: Sequence[Tie], orgs: Sequence[OrgCard]) -> tuple[Msg, ...]:
    """The one-sided ties a team had, in words, partners first and the widest gap first;
    every one-sided tie when no organisation was a team's. At most MAX_NOTES, then a count."""
    cards = {card.id: card for card in orgs}
    teams = {card.id for card in orgs if card.player} or set(cards)
    lopsided = sorted(
        (tie for tie in ties if tie.one_sided and {tie.a, tie.b} & teams),
        key=lambda tie: (not tie.partners, -abs(tie.trust_ab - tie.trust_ba)),
    )
    notes = []
    for tie in lopsided[:MAX_NOTES]:
        low, high, low_trust, high_trust = tie.a, tie.b, tie.trust_ab, tie.trust_ba
        if low_trust > high_trust:
            low, high, low_trust, high_trust = high, low, high_trust, low_trust
        key = "debrief.network.one_sided_partners" if tie.partners else "debrief.network.one_sided"
        params = {
            "low": cards[low].short,
            "high": cards[high].short,
            "low_trust": round(low_trust, 2),
            "high_trust": round(high_trust, 2),
        }
        notes.append(Msg(key, params))
    if len(lopsided) > MAX_NOTES:
        more = len(lopsided) - MAX_NOTES
        notes.append(Msg("debrief.network.one_sided_more", {"ties": logbook.counted("ties", more)}))
    return tuple(notes)
