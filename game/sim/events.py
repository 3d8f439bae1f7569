"""Scenario events (scheduled, conditional, random) and facilitator injects, and their effects.

Random events draw from `world.event_rng` once per event per month whether or not the event
can fire, so the stream stays aligned across sessions whatever the teams do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.scenario.schema import PLAYER, Condition, Effect, Event, Inject, Sector
from game.sim.state import Status

if TYPE_CHECKING:
    from game.sim.report import Entry
    from game.sim.world import World


def check(world: World) -> None:
    """Step 7: fire every scenario event whose trigger holds this month, then the injects the
    facilitator scheduled for this month."""
    _scenario_events(world)
    if not world.scheduled:
        return
    due = [inject for month, inject in world.scheduled if month == world.month]
    world.scheduled = [(m, i) for m, i in world.scheduled if m != world.month]
    for inject_id in due:
        fire(world, next(i for i in world.scenario.injects if i.id == inject_id), by_hand=True)


def _scenario_events(world: World) -> None:
    month = world.month
    fired = world.fired
    for event in world.scenario.events:
        trig = event.trigger
        draw = world.event_rng.random() if trig.chance is not None else 1.0
        if event.id in fired and not trig.repeat:
            continue
        if month < trig.from_month or (trig.to_month is not None and month > trig.to_month):
            continue
        if trig.month is not None and trig.month != month:
            continue
        if trig.when is not None and not holds(world, trig.when):
            continue
        if trig.chance is not None and draw >= trig.chance:
            continue
        fire(world, event, by_hand=False)


def holds(world: World, cond: Condition) -> bool:
    value = subject_value(world, cond)
    if cond.below is not None and not value < cond.below:
        return False
    return not (cond.above is not None and not value > cond.above)


def subject_value(world: World, cond: Condition) -> float:
    if cond.indicator is not None:
        return float(world.indicators[world.domain_index[cond.indicator]])
    if cond.funds is not None:
        return world.orgs[world.org_index[cond.funds]].funds
    if cond.credibility is not None:
        return world.orgs[world.org_index[cond.credibility]].credibility
    if cond.trust is not None:
        a, b = (world.org_index[x] for x in cond.trust)
        return float(world.trust[a, b])
    if cond.tension is not None:
        a, b = (world.org_index[x] for x in cond.tension)
        return float(world.tension[a, b])
    if cond.partnerships_of is not None:
        idx = world.org_index[cond.partnerships_of]
        return float(sum(1 for p in world.live if p.is_active and idx in p.members))
    if cond.model_active is not None:
        return float(sum(1 for p in world.live if p.is_active and p.model == cond.model_active))
    if cond.active_partnerships:
        return float(sum(1 for p in world.partnerships if p.status == Status.active))
    return float(sum(1 for p in world.partnerships if p.status == Status.broken))


def fire(world: World, event: Event | Inject, *, by_hand: bool) -> list[Entry]:
    """Apply an event's effects and log it; returns the entries it produced."""
    first = len(world.entries)
    world.fired.add(event.id)
    title = _text(event.title)
    text = _text(event.text) if event.text is not None else ""
    world.log("inject" if by_hand else "event", "event", (), id=event.id, title=title, text=text)
    for effect in event.effects:
        apply_effect(world, effect, title)
    return world.entries[first:]


def _text(text: Any) -> str | dict[str, str]:
    if isinstance(text, str):
        return text
    return {k: v for k, v in text.model_dump().items() if v}


def targets(world: World, target: str) -> list[int]:
    """Resolve an OrgTarget: an organisation id, a sector, `all` or `players`."""
    if target == "all":
        return [o.idx for o in world.orgs]
    if target == "players":
        return [o.idx for o in world.orgs if world.scenario.organisations[o.idx].policy == PLAYER]
    if target in world.org_index:
        return [world.org_index[target]]
    if target in Sector.__members__:
        return [o.idx for o in world.orgs if o.sector == Sector(target)]
    return []


def apply_effect(world: World, effect: Effect, source: str | dict[str, str]) -> None:
    """Apply one effect; `source` (the event's title) names the cause of any shock."""
    if effect.organisations is not None:
        _org_effect(world, effect.organisations, source)
    elif effect.indicator is not None:
        e = effect.indicator
        d = world.domain_index[e.domain]
        before = float(world.indicators[d])
        world.indicators[d] = min(100.0, max(0.0, before + e.change))
        if e.change:
            world.note_indicator(d, ("event", source), float(world.indicators[d]) - before)
        world.needs[d] = max(0.05, float(world.needs[d]) + e.need)
    elif effect.relation is not None:
        e = effect.relation
        for i in targets(world, e.from_):
            for j in targets(world, e.to):
                if i == j:
                    continue
                for a, b in ((i, j), (j, i)) if e.both_ways else ((i, j),):
                    ceiling = 1.0 - float(world.damage[a, b])
                    world.trust[a, b] = min(ceiling, max(0.0, float(world.trust[a, b]) + e.trust))
                    world.tension[a, b] = min(1.0, max(0.0, float(world.tension[a, b]) + e.tension))
                    world.note_relation(a, b, source, e.trust, e.tension)
    elif effect.regulation is not None:
        e = effect.regulation
        world.regulation = min(1.0, max(0.0, world.regulation + e.change))
        for item in world.approvals:
            item.min_wait += e.extra_steps
        # Said as it happened: eased or tightened, and the extra steps only when there are any.
        key = "regulation_eased" if e.change < 0 else "regulation"
        key += "_steps" if e.extra_steps else ""
        world.log("regulation", key, (), level=round(world.regulation, 2), steps=e.extra_steps)
    elif effect.grant is not None:
        e = effect.grant
        state = world.grants[e.id]
        if e.open is not None:
            state.open = e.open
        if e.amount is not None:
            state.amount = e.amount
        if e.chance is not None:
            state.chance = e.chance


def _org_effect(world: World, e: Any, source: str) -> None:
    hit = e.funds < 0 or e.income < 0 or e.staff < 0
    for idx in targets(world, e.target):
        org = world.orgs[idx]
        org.funds = max(0.0, org.funds + e.funds)
        org.income = max(0.0, org.income + e.income)
        org.staff = max(0, org.staff + e.staff)
        org.capacity = min(1.0, max(0.0, org.capacity + e.capacity))
        org.credibility = min(100.0, max(0.0, org.credibility + e.credibility))
        org.knowledge = max(0.0, org.knowledge + e.knowledge)
        org.bureaucracy = min(1.0, max(0.0, org.bureaucracy + e.bureaucracy))
        if e.legal_entity is not None:
            org.legal_entity = e.legal_entity
        if hit:
            org.shock_month = world.month
            world.log("shock", "shock", (idx,), org=world.name(idx), source=source)
