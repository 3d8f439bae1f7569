"""Contributions paid or missed: where scarce resources turn into broken commitments.

A member short of funds misses its contribution; an AI member under pressure may also miss
one it could pay, with a probability set by its reliability. Either way every partner sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.sim import trust
from game.sim.policies import params_of
from game.sim.report import reason

if TYPE_CHECKING:
    from game.sim.state import Partnership
    from game.sim.world import World


def pay(world: World, p: Partnership, member: int, amount: float, *, upfront: bool = False) -> bool:
    """Pay `amount` into partnership `p`; return whether the commitment was kept."""
    if amount <= 0:
        return True
    org = world.orgs[member]
    others = [m for m in p.members if m != member]
    if amount > org.funds + 1e-9:
        why = reason("shortfall", funds=max(0.0, round(org.funds, 1)))
        return _missed(world, p, member, others, amount, why, shortfall=True)
    if not org.human:
        pressure = 2.0 * amount / (org.funds + org.income + 1e-9)
        if pressure > 0.4:
            pressure = min(1.0, pressure)
            reliability = min(1.0, org.reliability * params_of(org.policy).reliability)
            if world.rng.random() < (1.0 - reliability) * pressure:
                why = reason("pressure", funds=round(org.funds, 1))
                return _missed(world, p, member, others, amount, why, shortfall=False)
    org.funds -= amount
    org.spent += amount
    p.paid[member] = p.paid.get(member, 0.0) + amount  # who carried it, for the debrief
    p.kept[member] = p.kept.get(member, 0) + 1
    trust.commitment_kept(world, member, others)
    share = amount / len(p.members)
    orgs = world.orgs
    for m in others:
        orgs[m].funds_from_partners += share
    if upfront:
        world.log(
            "upfront",
            "upfront_paid",
            p.members,
            partnership=p.id,
            org=world.name(member),
            amount=round(amount, 1),
            id=p.id,
        )
    return True


def _missed(
    world: World,
    p: Partnership,
    member: int,
    others: list[int],
    amount: float,
    why,
    *,
    shortfall: bool,
) -> bool:
    org = world.orgs[member]
    fall = trust.commitment_missed(world, member, others)
    p.missed[member] = p.missed.get(member, 0) + 1
    p.last_missed[member] = world.month
    org.count("missed_contributions")
    org.count("broken_commitments")
    if shortfall:
        org.count("resource_shortfalls")
    world.log(
        "missed",
        "missed_contribution",
        (member, *others),
        partnership=p.id,
        cause=why,
        org=world.name(member),
        amount=round(amount, 1),
        trust=round(fall, 2),
        id=p.id,
    )
    return False
