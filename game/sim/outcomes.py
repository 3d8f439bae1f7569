"""Outcomes per organisation: the ten benefits, the three challenges, the three pillars (§10).

Pure functions of a finished (or running) world: they read state and history and change
nothing. Each benefit is a 0–100 score beside the raw figure it comes from; scores saturate
(100·(1 − e^(−raw/scale))) against scales drawn from the scenario, so a score means the same
thing in a small village scenario and a large district one.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.scenario.schema import BENEFIT_IDS
from game.sim import trust
from game.sim.state import Status

if TYPE_CHECKING:
    from game.sim.world import World

CHALLENGE_IDS = (
    "goal_mismatch",
    "resource_shortfall",
    "approval_wait_months",
    "broken_commitments",
)
PILLAR_IDS = ("transparency", "shared_understanding", "evaluations")


@dataclass(frozen=True)
class Benefit:
    score: float  # 0–100
    raw: float
    unit: str  # catalogue key suffix for the raw figure's unit
    # The scale the raw figure is measured against when it is the organisation's own (set by
    # its means), not the same for everyone: the debrief shows it, so two equal raw figures
    # with different scores make sense. A raw figure equal to it scores 63 before penalties.
    reference: float | None = None


@dataclass
class OrgOutcome:
    org: str
    benefits: dict[str, Benefit] = field(default_factory=dict)
    challenges: dict[str, int] = field(default_factory=dict)
    pillars: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def scores(self) -> dict[str, float]:
        return {k: b.score for k, b in self.benefits.items()}

    def to_json(self) -> dict[str, Any]:
        return {
            "benefits": {k: round(b.score, 1) for k, b in self.benefits.items()},
            "raw": {k: round(b.raw, 3) for k, b in self.benefits.items()},
            "challenges": dict(self.challenges),
            "pillars": {k: round(v, 3) for k, v in self.pillars.items()},
            **self.extra,
        }


def saturate(raw: float, scale: float) -> float:
    if raw <= 0 or scale <= 0:
        return 0.0
    return 100.0 * (1.0 - math.exp(-raw / scale))


def fair_share(world: World) -> float:
    """Need-weighted indicator points one organisation could be expected to contribute."""
    gap = sum(d.need * max(5.0, d.target - d.baseline) for d in world.scenario.domains)
    return gap / len(world.orgs)


def outcomes(world: World) -> dict[str, OrgOutcome]:
    """Outcomes of every organisation, keyed by id."""
    share = fair_share(world)
    graph = partnership_graph(world)
    between = betweenness(graph, len(world.orgs))
    sectors_total = len({o.sector for o in world.orgs})
    domains_total = len(world.domain_ids)
    start = world.history.start
    out: dict[str, OrgOutcome] = {}
    for org in world.orgs:
        i = org.idx
        means = float(start["funds"][i]) + world.scenario.organisations[i].income * world.months
        spent = max(org.spent, 1.0)
        per_100 = org.impact / spent * 100.0
        ref_eff = share * 100.0 / max(50.0, 0.5 * means)
        ref_access = max(50.0, 0.3 * means)
        mine = [p for p in world.partnerships if i in p.members or i in p.former]
        joint = [p for p in mine if p.started is not None]
        # Everyone who worked in them, those who later left included (as for the network).
        sectors = {world.orgs[m].sector for p in joint for m in (*p.members, *p.former)}
        domains = {d for p in joint for d, w in enumerate(p.focus) if w >= 0.2}
        healthy = sustainability(world, i, joint)
        degree = len(graph[i])
        access = org.funds_from_partners + org.grants_won
        cap_gain = org.capacity - float(start["capacity"][i])
        cred_gain = org.credibility - float(start["credibility"][i])
        diversity = 0.0
        if joint:
            diversity = (
                0.5 * (len(sectors) - 1) / max(1, sectors_total - 1)
                + 0.5 * len(domains) / domains_total
            )
        b = {
            "impact": Benefit(saturate(org.impact, 1.5 * share), org.impact, "points"),
            "efficiency": Benefit(
                saturate(per_100, ref_eff) * (1.0 - 0.5 * min(1.0, org.wasted / spent)),
                per_100,
                "points_per_100",
                ref_eff,
            ),
            "learning": Benefit(
                saturate(org.knowledge_from_partners, 1.5 * world.months),
                org.knowledge_from_partners,
                "knowledge",
            ),
            "capacity": Benefit(saturate(cap_gain, 0.12), cap_gain, "capacity"),
            "network": Benefit(
                saturate(degree + 3.0 * between[i], 4.0), degree + 3.0 * between[i], "ties"
            ),
            "innovation": Benefit(saturate(org.innovations, 2.0), org.innovations, "count"),
            "credibility": Benefit(
                min(100.0, max(0.0, 50.0 + 1.5 * cred_gain)), cred_gain, "credibility"
            ),
            "problem_solving": Benefit(100.0 * diversity, diversity, "diversity"),
            "resource_access": Benefit(saturate(access, ref_access), access, "juta", ref_access),
            "sustainability": Benefit(saturate(healthy, 0.4), healthy, "health"),
        }
        assert tuple(b) == BENEFIT_IDS
        understanding = max((p.understanding for p in joint), default=0.0)
        out[org.id] = OrgOutcome(
            org=org.id,
            benefits=b,
            challenges={
                "goal_mismatch": org.counts.get("goal_mismatch_disputes", 0)
                + org.counts.get("goal_mismatch_talks", 0),
                "resource_shortfall": org.counts.get("resource_shortfalls", 0),
                "approval_wait_months": org.counts.get("approval_wait_months", 0),
                "broken_commitments": org.counts.get("broken_commitments", 0),
            },
            pillars={
                "transparency": org.counts.get("transparency", 0),
                "shared_understanding": understanding,
                "evaluations": org.counts.get("evaluations", 0),
            },
            extra={
                "degree": degree,
                "betweenness": round(between[i], 3),
                "spent": round(org.spent, 1),
                "wasted": round(org.wasted, 1),
                "partnerships": len(joint),
            },
        )
    return out


def sustainability(world: World, idx: int, joint: list) -> float:
    """Mean health of the partnerships an organisation worked in, broken ones counting zero.

    Health is read at the end: a partnership that completed its term still counts by the
    trust and shared understanding it left behind; one that broke counts nothing, one
    dissolved by agreement counts half. Fewer than two partnerships scale the mean down.
    """
    if not joint:
        return 0.0
    weight = {Status.active: 1.0, Status.completed: 1.0, Status.dissolved: 0.5}
    total = 0.0
    for p in joint:
        w = weight.get(p.status, 0.0)
        if idx in p.walked_out:
            w = 0.0  # it broke its word to them, whatever became of the rest
        elif idx in p.former:
            w = min(w, 0.5)  # left by agreement: like a dissolution, for this member
        total += w * partnership_health(world, p)
    return total / len(joint) * min(1.0, len(joint) / 2)


def partnership_health(world: World, p) -> float:
    """Trust × shared understanding × calm: what makes a partnership last (§6, §10).

    A partnership dissolved when its last partner left is judged among everyone who was in it.
    """
    members = p.members if len(p.members) >= 2 else [*p.members, *p.former]
    if len(members) < 2:
        return 0.0
    t = trust.mean_trust(world, members)
    calm = 1.0 - trust.mean_tension(world, members)
    health = t * (0.3 + 0.7 * p.understanding) * calm
    return health * (0.5 if p.disputed else 1.0)


def partnership_graph(world: World) -> list[set[int]]:
    """Who has worked with whom: an edge for every partnership that ever ran."""
    graph: list[set[int]] = [set() for _ in world.orgs]
    for p in world.partnerships:
        if p.started is None:
            continue
        members = [*p.members, *p.former]
        for a in members:
            graph[a].update(m for m in members if m != a)
    return graph


def betweenness(graph: list[set[int]], n: int) -> list[float]:
    """Normalised betweenness centrality (Brandes), for brokering between organisations."""
    score = [0.0] * n
    for s in range(n):
        stack: list[int] = []
        preds: list[list[int]] = [[] for _ in range(n)]
        sigma = [0.0] * n
        sigma[s] = 1.0
        dist = [-1] * n
        dist[s] = 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            stack.append(v)
            for w in graph[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = [0.0] * n
        while stack:
            w = stack.pop()
            for v in preds[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                score[w] += delta[w]
    norm = (n - 1) * (n - 2) if n > 2 else 1
    return [s / norm for s in score]


def world_challenges(world: World) -> dict[str, int]:
    """Challenge counts summed over all organisations, so the total of each is the sum of
    the per-organisation counts. Mismatched goals count where each party met them: proposals
    turned down or countered because the focus was far from a mission, and disputes over
    goals."""
    mismatches = sum(
        o.counts.get("goal_mismatch_disputes", 0) + o.counts.get("goal_mismatch_talks", 0)
        for o in world.orgs
    )
    shortfalls = sum(
        1 for e in world.entries if e.cause is not None and e.cause.key == "sim.reason.shortfall"
    )
    return {
        "goal_mismatch": mismatches,
        "resource_shortfall": shortfalls,
        "approval_wait_months": sum(o.counts.get("approval_wait_months", 0) for o in world.orgs),
        "broken_commitments": sum(o.counts.get("broken_commitments", 0) for o in world.orgs),
    }


def partnerships_formed(world: World) -> dict[str, int]:
    from game.scenario.schema import Model

    counts = {m.value: 0 for m in Model}
    for p in world.partnerships:
        counts[p.model.value] += 1
    return counts
