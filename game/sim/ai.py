"""The one decision routine every AI organisation runs, steered by its policy's parameters.

Each month an organisation lists what it could do, scores each idea by its policy and
situation, adds a little noise from the world's generator, and issues the best ideas as
ordinary commands until its agenda is spent. Ideas that turn out illegal are skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.scenario.schema import Model, Sector
from game.sim import changes
from game.sim.commands import (
    ApplyForGrant,
    AskChange,
    Command,
    EvaluatePartnership,
    FollowUpApproval,
    HoldDialogue,
    HoldMeeting,
    HoldVisioning,
    ProposePartnership,
    Renegotiate,
    RunProgram,
    ShareInformation,
    TrainStaff,
)
from game.sim.policies import Params, params_of
from game.sim.state import Contribution, Org

if TYPE_CHECKING:
    from game.sim.world import World

Plan = Command | tuple[Command, ...]  # one command, or steps taken in order


def act(world: World, org: Org) -> None:
    params = params_of(org.policy)
    ideas = _ideas(world, org, params)
    if not ideas:
        return
    noise = world.rng.normal(0.0, 0.08, len(ideas)).tolist()
    keys = [-(score + n) for (score, _), n in zip(ideas, noise, strict=True)]
    order = sorted(range(len(ideas)), key=keys.__getitem__)
    # A careful organisation keeps this month's commitments covered before spending on extras.
    careful = org.reliability * params.reliability >= 0.8
    for i in order:
        if org.agenda <= 0:
            break
        plan = ideas[i][1]
        steps = plan if isinstance(plan, tuple) else (plan,)
        cost = _cost(world, steps[0])
        if cost > 0:
            if cost > org.funds + 1e-9:
                # The command would fail for want of funds, changing nothing: skip it
                # without raising `Impossible` (a cost only ever opens a one-step plan).
                continue
            if careful and org.funds - cost < _committed(world, org):
                continue
        if len(steps) == 1:
            world.try_apply(plan)
            continue
        for step in steps:  # a plan of several steps stops at the first that fails
            if _held_already(world, step):
                continue  # the joint evaluation it needs took place earlier this month
            if not world.try_apply(step):
                break


def _held_already(world: World, step: Command) -> bool:
    """An evaluation a plan opens with was held this month (once a month since engine 7)."""
    if world.engine < 7 or type(step) is not EvaluatePartnership:
        return False
    p = next((q for q in world.live if q.id == step.partnership), None)
    return p is not None and p.evaluated_month == world.month


_COST_RULE = {
    HoldDialogue: "dialogue_cost",
    HoldVisioning: "visioning_cost",
    TrainStaff: "training_cost",
}


def _cost(world: World, cmd: Command) -> float:
    """Funds a command spends at once (proposals and their contributions come later)."""
    if type(cmd) is RunProgram:
        return cmd.funds
    rule = _COST_RULE.get(type(cmd))
    return getattr(world.rules, rule) if rule else 0.0


def _committed(world: World, org: Org) -> float:
    """Funds this organisation owes this month: partnership contributions and own programs."""
    i = org.idx
    owed = sum(p.contributions[i].funds for p in world.live if p.is_active and i in p.members)
    return owed + sum(p.funds for p in world.programs if p.org == i)


def spare_funds(world: World, org: Org) -> float:
    """What an organisation can put into new work each month without running dry."""
    i = org.idx
    committed = sum(p.contributions[i].funds for p in world.live if i in p.members)
    committed += sum(p.funds for p in world.programs if p.org == i)
    net = org.income - org.staff * org.staff_cost - committed
    return max(0.0, org.funds / 8.0 + net)


def _ideas(world: World, org: Org, params: Params) -> list[tuple[float, Plan]]:
    ideas: list[tuple[float, Plan]] = []
    dice = iter(world.rng.random(8).tolist())  # one draw for each chance below, in order
    live = world.partnerships_of(org.idx)
    ideas += _tending(world, org, params, live)
    ideas += _adaptation(world, org, params, live)
    if world.engine >= 3:
        ideas += _partner_trouble(world, org, params, live)
    for item in world.approvals:
        if org.idx in item.applicants and org.idx != item.approver and params.followup > 0:
            champion = _champion_for(world, org, item.approver)
            ideas.append(
                (
                    0.55 * params.followup + 0.05 * item.waited,
                    FollowUpApproval(org.id, item.id, champion),
                )
            )
    spare = spare_funds(world, org)
    room = params.max_partnerships - len(live)
    if (
        params.partners
        and room > 0
        and not any(p.proposer == org.idx for p in world.open_proposals())
        and next(dice) < params.propose * room / params.max_partnerships
    ):
        proposal = _proposal(world, org, params, spare)
        if proposal is not None:
            ideas.append((0.6, proposal))
    if spare > 2 and next(dice) < params.programs:
        ideas.append((0.4, _program(world, org, params, spare)))
    if next(dice) < params.grants:
        grant = _grant(world, org)
        if grant is not None:
            ideas.append((0.45, ApplyForGrant(org.id, grant)))
    if (
        org.capacity < 0.7
        and org.funds > 3 * world.rules.training_cost
        and next(dice) < params.training
    ):
        ideas.append((0.3, TrainStaff(org.id)))
    if live and next(dice) < 0.3 * org.transparency * params.transparency:
        ideas.append((0.35, ShareInformation(org.id)))
    return ideas


def _tending(world: World, org: Org, params: Params, live: list) -> list[tuple[float, Command]]:
    """Dialogue where tension runs high; evaluate, meet and envision within partnerships."""
    ideas: list[tuple[float, Command]] = []
    rng = world.rng
    partners = {m for p in live for m in p.members}
    partners.discard(org.idx)
    tension_row = world.tension[org.idx]
    for j in partners:
        tension = float(tension_row[j])
        if tension > 0.3 and rng.random() < params.tend:
            ideas.append((0.5 + tension, HoldDialogue(org.id, world.orgs[j].id)))
    for p in live:
        if p.disputed and rng.random() < params.tend:
            other = max(
                (m for m in p.members if m != org.idx), key=lambda m: world.tension[org.idx, m]
            )
            ideas.append((1.2, HoldDialogue(org.id, world.orgs[other].id)))
            ideas.append((1.1, EvaluatePartnership(org.id, p.id)))
        if not p.is_active:
            continue
        every = params.evaluate_every
        due = every if p.proposer == org.idx else 2 * every  # the convenor usually calls it
        if every and p.months_since_eval >= due:
            ideas.append((0.7, EvaluatePartnership(org.id, p.id)))
        if p.understanding < 0.45 and rng.random() < params.visioning:
            ideas.append((0.65, HoldVisioning(org.id, p.id)))
        elif p.understanding < 0.55 and rng.random() < params.meetings:
            ideas.append((0.35, HoldMeeting(org.id, p.id)))
    if params.tend > 0.5 and not partners and rng.random() < params.tend * 0.3:
        # Court a likely partner before proposing: dialogue reveals missions and warms trust.
        target = _best_partner(world, org, params, exclude=set())
        if target is not None:
            ideas.append((0.45, HoldDialogue(org.id, world.orgs[target].id)))
    return ideas


def _adaptation(world: World, org: Org, params: Params, live: list) -> list[tuple[float, Plan]]:
    """Scale contributions down openly instead of silently missing them.

    After a shock the change is accepted as flexibility; otherwise a tending organisation
    that sees a shortfall coming first calls a joint evaluation, where terms may change
    without a broken promise. It cuts its largest contributions first, as far as needed
    (to staff time alone if it must). Organisations that don't tend relations just miss.
    """
    shocked = org.shock_month >= world.month - 1
    active = [p for p in live if p.is_active and p.contributions[org.idx].funds > 0]
    committed = sum(p.contributions[org.idx].funds for p in active)
    can_pay = org.can_pay
    short = committed > 0 and can_pay < committed
    if params.tend >= 0.5 and not shocked and not short:
        return _invest(world, org, live, committed)
    if not (shocked or (short and params.tend >= 0.5)):
        return []
    cut = committed - max(0.0, can_pay) if short else 0.5 * committed
    ideas: list[tuple[float, Plan]] = []
    for rank, p in enumerate(sorted(active, key=lambda q: -q.contributions[org.idx].funds)):
        if cut <= 0:
            break
        c = p.contributions[org.idx]
        new = round(max(0.0, c.funds - cut), 1)
        cut -= c.funds - new
        renegotiate = Renegotiate(org.id, p.id, new, c.staff)
        if not shocked and p.evaluated_month != world.month:
            # Evaluate first, then change the terms at that joint evaluation: one plan.
            ideas.append((1.4 - 0.1 * rank, (EvaluatePartnership(org.id, p.id), renegotiate)))
        else:
            ideas.append((1.4 - 0.1 * rank, renegotiate))
    return ideas


def _partner_trouble(
    world: World, org: Org, params: Params, live: list
) -> list[tuple[float, Plan]]:
    """A partner that missed its share last month is asked, at a joint evaluation, to pay
    half (or nothing, keeping its staff, when its share is small); one that missed three
    times in a larger group, to leave by agreement. A tending convenor keeps the work going
    instead of watching the partnership break (engine 3)."""
    if params.tend < 0.5:
        return []
    ideas: list[tuple[float, Plan]] = []
    asked = {(q.amends, q.partners[0]) for q in world.open_proposals() if q.amends is not None}
    for p in live:
        if not p.is_active or p.proposer != org.idx:
            continue
        for m in p.members:
            if m == org.idx or p.last_missed.get(m, -99) < world.month - 1 or (p.id, m) in asked:
                continue
            c = p.contributions[m]
            member = world.orgs[m]
            if len(p.members) > 2 and p.missed.get(m, 0) >= 3:
                ask = AskChange(org.id, p.id, member.id, release=True)
            elif c.funds > 0:
                funds = round(c.funds / 2, 1) if c.funds > 1.0 else 0.0
                ask = AskChange(org.id, p.id, member.id, funds, c.staff)
            else:
                continue
            if changes.talks_allowed(world, p, member):
                ideas.append((1.3, ask))
            else:
                ideas.append((1.3, (EvaluatePartnership(org.id, p.id), ask)))
    return ideas


def _invest(world: World, org: Org, live: list, committed: float) -> list[tuple[float, Command]]:
    """Money piling up goes into the healthiest partnership: raising one's own share is
    never a broken promise, and pooled money works harder than money in the bank."""
    months_left = world.months - world.month + 1
    upkeep = org.staff * org.staff_cost
    idle = org.funds - 4 * (committed + upkeep)
    if idle <= 10 or months_left < 3:
        return []
    active = [p for p in live if p.is_active and world.months_left(p) >= 2]
    if not active:
        return []
    best = max(active, key=lambda p: (p.understanding, -p.id))
    c = best.contributions[org.idx]
    months = min(world.months_left(best), months_left)
    extra = round(min(idle / (2 * months), max(2.0, c.funds)), 1)
    return [(0.5, Renegotiate(org.id, best.id, round(c.funds + extra, 1), c.staff))]


def _champion_for(world: World, org: Org, approver: int) -> str | None:
    for other in world.orgs:
        if other.idx not in (org.idx, approver) and (
            other.champion or float(world.trust[other.idx, org.idx]) >= 0.5
        ):
            return other.id
    return None


def _best_partner(world: World, org: Org, params: Params, exclude: set[int]) -> int | None:
    """The most promising partner as far as `org` knows: aligned, trusted, complementary.

    Vectorised over all organisations, since a large district has a hundred to consider;
    the alignment `org` believes in comes from `World.believed_alignment`.
    """
    i = org.idx
    trust_row = world.trust[i]
    score = (
        0.55 * world.believed_alignment(i)
        + 0.35 * trust_row
        + (0.1 * world.other_sector[i] - 0.3 * world.tension[i])
    )
    score[trust_row < params.min_trust] = -np.inf
    score[i] = -np.inf
    for j in exclude:
        score[j] = -np.inf
    for p in world.live:
        if i in p.members:
            score[p.members] = -np.inf
    best = int(score.argmax())
    return best if score[best] > -np.inf else None


def _proposal(world: World, org: Org, params: Params, spare: float) -> ProposePartnership | None:
    if world.month <= world.rules.quiet_months and org.idx not in world.team_orgs:
        return None  # the computer waits while new teams find their feet
    j = _best_partner(world, org, params, exclude=set())
    if j is None:
        return None
    partners = [j]
    other = world.orgs[j]
    model = _choose_model(world, org, other, params)
    if model in (Model.cross_sector, Model.resource_pooling) and world.rng.random() < 0.35:
        third = _best_partner(world, org, params, exclude={j})
        if third is not None:
            partners.append(third)
    # A proposer frames the focus around its own mission, plus what it has learned of its
    # partners' missions: dialogue first makes for better-aligned proposals.
    missions = world.mission_lists
    known = world.known[org.idx]
    vec = list(missions[org.idx])
    for m in partners:
        k = float(known[m])
        vec = [v + k * w for v, w in zip(vec, missions[m], strict=True)]
    total = sum(vec)
    top = sorted(range(len(vec)), key=lambda d: -vec[d])[:2]
    focus = tuple((world.domain_ids[d], round(vec[d] / total, 3)) for d in top)
    own_funds = round(params.commitment * spare, 1)
    own_staff = 1 if org.free_staff >= 2 else 0
    if model == Model.information_network:
        own_funds = round(min(own_funds, 1.0), 1)
        own_staff = 1 if org.free_staff >= 1 else 0
    elif model == Model.education_development:
        own_funds = round(own_funds * 0.4, 1)
        own_staff = max(own_staff, 1 if org.free_staff >= 1 else 0)
    if world.engine >= 4 and own_funds + own_staff <= 0:
        return None  # "KKN: Rp 0 and 0 staff" asked partners for everything (engine 4)
    contributions = [Contribution(org.id, own_funds, own_staff)]
    for m in partners:
        p_org = world.orgs[m]
        ask = round(min(own_funds, params.commitment * spare_funds(world, p_org)), 1)
        if model == Model.information_network:
            ask = min(ask, 1.0)
        staff = 1 if p_org.free_staff >= 2 else 0
        contributions.append(Contribution(p_org.id, ask, staff))
    if sum(c.funds + c.staff for c in contributions) <= 0:
        return None
    months = int(world.rng.integers(9, 19))
    months = min(months, max(3, world.months - world.month + 1))
    return ProposePartnership(
        org.id,
        tuple(world.orgs[m].id for m in partners),
        model,
        focus,
        tuple(contributions),
        months,
    )


MODELS = tuple(Model)


def _choose_model(world: World, org: Org, other: Org, params: Params) -> Model:
    """Pick the model that answers the proposer's situation, with a policy's taste and noise."""
    live = sum(1 for p in world.live if org.idx in p.members)
    prefs = {m: params.models.get(m, 0.0) for m in MODELS}
    prefs[Model.resource_pooling] += 0.25
    if org.sector == other.sector:
        prefs[Model.cross_sector] = -9.0
    else:
        gov = Sector.government in (org.sector, other.sector)
        prefs[Model.cross_sector] += 0.2 + (0.15 if gov else 0.0)
    poor = org.funds < 30
    prefs[Model.information_network] += 0.1 + 0.25 * max(0.0, 1 - org.knowledge / 50) + 0.15 * poor
    edu = org.sector == Sector.education or other.sector == Sector.education
    prefs[Model.education_development] += 0.05 + 0.4 * (1 - org.capacity) + 0.1 * edu
    prefs[Model.technology] += -0.1 + 0.2 * org.patience + 0.1 * live + 0.1 * (org.funds > 60)
    noise = world.rng.normal(0.0, 0.15, len(MODELS)).tolist()
    scores = [prefs[m] + n for m, n in zip(MODELS, noise, strict=True)]
    return MODELS[scores.index(max(scores))]


def _program(world: World, org: Org, params: Params, spare: float) -> RunProgram:
    # Where its mission, the need and the gap left to close weigh most.
    weights = [
        m * n * max(0.0, 100.0 - x)
        for m, n, x in zip(
            world.mission_lists[org.idx],
            world.needs.tolist(),
            world.indicators.tolist(),
            strict=True,
        )
    ]
    d = weights.index(max(weights))
    funds = round(max(1.0, params.commitment * spare), 1)
    staff = 1 if org.free_staff >= 1 else 0
    return RunProgram(org.id, world.domain_ids[d], funds, staff, 3)


def _grant(world: World, org: Org) -> str | None:
    for gid, state in world.grants.items():
        spec = world.grant_specs[gid]
        if not state.open or (spec.once_per_org and org.idx in state.applied_by):
            continue
        if spec.sectors and org.sector not in spec.sectors:
            continue
        if spec.orgs and org.id not in spec.orgs:
            continue
        if spec.requires_legal_entity and not org.legal_entity:
            continue
        if org.credibility < spec.min_credibility:
            continue
        if spec.requires_partnership and not world.partners_of(org.idx):
            continue
        return gid
    return None
