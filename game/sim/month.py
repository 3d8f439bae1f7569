"""The month of DESIGN.md §2, in its fixed order.

`begin_month` does step 1 (income and upkeep) and lets the AI organisations choose (step 2);
the teams then act through commands; `end_month` resolves steps 3–8 and begins the next.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from game.i18n import Msg
from game.scenario.schema import Model
from game.sim import ai, events, negotiation, payments, trust
from game.sim.report import MonthReport, model_name, reason
from game.sim.state import ApprovalItem, Status
from game.sim.valuation import (
    approval_chance,
    effective_input,
    friction,
    partnership_value,
    solo_value,
)

if TYPE_CHECKING:
    from game.sim.state import Partnership
    from game.sim.world import World


def begin_month(world: World) -> None:
    """Step 1 (income and upkeep), then step 2 for the AI organisations."""
    rules = world.rules
    for org in world.orgs:
        org.funds += org.income
        upkeep = org.staff * org.staff_cost
        org.funds = max(0.0, org.funds - upkeep)
        org.agenda = rules.agenda
        org.staff_busy = 0
    for p in world.live:
        for m in p.members:
            world.orgs[m].staff_busy += p.contributions[m].staff
    for prog in world.programs:
        world.orgs[prog.org].staff_busy += prog.staff
    for gid, spec in world.grant_specs.items():
        state = world.grants[gid]
        if spec.opens == world.month:
            state.open = True
        if spec.closes is not None and world.month > spec.closes:
            state.open = False
    n = len(world.orgs)
    start = (world.month * 7) % n  # rotate who moves first so no one always gets first pick
    for k in range(n):
        org = world.orgs[(start + k) % n]
        if not org.human:
            ai.act(world, org)


def end_month(world: World) -> MonthReport:
    """Steps 3–8; then the next month begins (or the scenario ends)."""
    first_entry = len(world.entries)
    ind_before = _indicator_figures(world)
    funds_before = _funds_figures(world)

    negotiation.expire_proposals(world)  # 3
    advance_approvals(world)  # 4
    run_work(world)  # 5
    update_relations(world)  # 6
    events.check(world)  # 7
    resolve_grants(world)

    world.history.record_month()  # 8
    report = MonthReport(
        month=world.month,
        entries=world.entries[first_entry:],
        indicators_before=ind_before,
        indicators_after=_indicator_figures(world),
        funds_before=funds_before,
        funds_after=_funds_figures(world),
    )
    world.reports.append(report)
    if world.month >= world.months:
        world.finished = True
        world.history.record_end()
    else:
        world.month += 1
        begin_month(world)
    return report


def _indicator_figures(world: World) -> dict[str, float]:
    return {
        d: round(v, 2) for d, v in zip(world.domain_ids, world.indicators.tolist(), strict=True)
    }


def _funds_figures(world: World) -> dict[str, float]:
    return {o.id: round(o.funds, 1) for o in world.orgs}


# --- step 4: the approval queue ----------------------------------------------------------
def advance_approvals(world: World) -> None:
    rules = world.rules
    still = []
    for item in world.approvals:
        if item.kind == "partnership" and _lapsed(world, item):
            continue
        item.waited += 1
        for m in item.applicants:
            # Since engine 2 an office waiting on its own sign-off waits too: its partnership
            # is as idle as its partners' (a health-centre team read "waited 2 months in all"
            # after three approvals of its own office).
            if m != item.approver or (world.engine >= 2 and item.kind == "partnership"):
                world.orgs[m].count("approval_wait_months")
        if item.waited < item.min_wait:
            still.append(item)
            continue
        applicants = [m for m in item.applicants if m != item.approver] or item.applicants
        t = sum(float(world.trust[item.approver, m]) for m in applicants) / len(applicants)
        p = approval_chance(
            world.orgs[item.approver].bureaucracy,
            world.regulation,
            t,
            item.followups,
            item.champion,
            item.mou,
            rules,
        )
        u = world.rng.random()
        if u < p:
            _approved(world, item)
        elif u < p + rules.incomplete_chance * (1 - p):
            item.incomplete += 1
            item.min_wait = item.waited + 1  # a shorter clock restarts
            world.log(
                "approval_incomplete",
                "approval_incomplete",
                item.applicants,
                approver=world.name(item.approver),
                item=item.id,
                subject=approval_subject(world, item),
                months=item.waited,
            )
            still.append(item)
        else:
            still.append(item)
    world.approvals = still


def _lapsed(world: World, item: ApprovalItem) -> bool:
    """A partnership whose whole agreed term ran out while it waited: it never starts."""
    p = world.partnership(int(item.subject))
    if p.status != Status.awaiting_approval or world.months_left(p) > 0:
        return False
    negotiation.end_partnership(world, p, Status.dissolved, "lapsed_waiting")
    return True


def approval_subject(world: World, item: ApprovalItem) -> Msg:
    """What a queued file is about, by the number the teams know it by (the partnership's,
    not the queue's) or the grant's name."""
    if item.kind == "partnership":
        return Msg("sim.subject.partnership", {"id": int(item.subject)})
    grant = world.grant_name(str(item.subject))
    return Msg("sim.subject.grant", {"grant": grant, "org": world.name(item.applicants[0])})


def _approved(world: World, item: ApprovalItem) -> None:
    world.log(
        "approved",
        "approved",
        item.applicants,
        partnership=int(item.subject) if item.kind == "partnership" else None,
        approver=world.name(item.approver),
        item=item.id,
        subject=approval_subject(world, item),
        months=item.waited,
        kind=item.kind,
    )
    if item.kind == "partnership":
        p = world.partnership(int(item.subject))
        if p.status == Status.awaiting_approval:
            negotiation.activate(world, p)
    else:
        award_grant(world, item.applicants[0], str(item.subject), item.amount)


# --- step 5: programs and partnerships run -----------------------------------------------
class _Unit:
    """One piece of work this month: its raw points per domain (a list) and who gets credit."""

    __slots__ = ("credit", "joint", "partnership", "points", "program", "spent")

    def __init__(self, points, credit, spent, *, joint, partnership=None, program=None):
        self.points = points
        self.credit = credit  # org idx → share
        self.spent = spent
        self.joint = joint
        self.partnership = partnership
        self.program = program


def run_work(world: World) -> None:
    rules = world.rules
    units: list[_Unit] = []
    staffing = _staffing(world)
    for p in list(world.live):
        if p.is_active:
            unit = _run_partnership(world, p, staffing)
            if unit is not None:
                units.append(unit)
    for prog in world.programs:
        if prog.months_left <= 0:
            continue
        org = world.orgs[prog.org]
        funds = prog.funds if org.funds >= prog.funds else 0.0
        if funds < prog.funds:  # nothing paid, so only its staff work: say so
            world.log(
                "program_unfunded",
                "program_unfunded",
                (prog.org,),
                org=world.name(prog.org),
                domain=world.domain_name(prog.domain),
                need=round(prog.funds, 1),
                have=round(org.funds, 1),
            )
        org.funds -= funds
        org.spent += funds
        prog.months_left -= 1
        staff = prog.staff * staffing[prog.org]
        value = solo_value(effective_input(funds, staff, org.capacity, rules), rules)
        points = [0.0] * len(world.domain_ids)
        points[prog.domain] = rules.impact_scale * value * (1.0 + min(0.3, 0.05 * org.innovations))
        units.append(_Unit(points, {prog.org: 1.0}, funds, joint=False, program=prog))
    world.programs = [p for p in world.programs if p.months_left > 0]
    _apply_impact(world, units)


def _staffing(world: World) -> list[float]:
    """Share of its promised staff time each organisation can give this month.

    Commitments are checked against free staff when made, so only a cut (students leaving,
    a transfer) leaves an organisation with fewer people than it promised: until it
    renegotiates, its partnerships and programs each get that share of the time promised.
    """
    out = []
    for org in world.orgs:
        share = org.staff / org.staff_busy if org.staff_busy > org.staff else 1.0
        if share < 1.0 and share != org.staff_share:  # said when it starts or changes
            world.log(
                "staff_short",
                "staff_short",
                (org.idx,),
                org=world.name(org.idx),
                staff=org.staff,
                promised=org.staff_busy,
                share=round(100 * share),
            )
        org.staff_share = share
        out.append(share)
    return out


def _run_partnership(world: World, p: Partnership, staffing: list[float]) -> _Unit | None:
    rules = world.rules
    orgs = world.orgs
    month = world.month
    pay = payments.pay
    contributions = p.contributions
    inputs = []
    paid_total = 0.0
    tech = 0  # members whose tools are in use (`World.tech_ready`)
    innovation = 0.0  # the members' innovation bonuses, summed in member order
    members = p.members
    for m in members:  # paying touches neither tools nor innovations: one pass for all three
        c = contributions[m]
        org = orgs[m]
        paid = c.funds if pay(world, p, m, c.funds) else 0.0
        paid_total += paid
        inputs.append(effective_input(paid, c.staff * staffing[m], org.capacity, rules))
        since = org.tech_since
        if since is not None and since <= month:
            tech += 1
        innovation += min(0.3, 0.05 * org.innovations)
    n = len(members)
    tech_share = tech / n
    mis = _misalignment(world, p)
    fr = friction(mis, p.understanding, trust.mean_tension(world, members), tech_share, rules)
    if world.engine >= 2 and rules.crisis_threshold > 0:
        # Problems nobody has looked at eat into the work before they surface as a crisis:
        # the cost of skipping joint evaluation, paid month by month (engine 2).
        unseen = min(1.0, p.hidden_issues / rules.crisis_threshold)
        fr = min(0.9, fr + rules.issue_friction * unseen)
    value = partnership_value(p.model, inputs, p.sector_count(orgs), rules) * (1.0 - fr)
    bonus = innovation / n + 1.0
    _model_effects(world, p)
    total = sum(inputs)
    if total <= 0 or value <= 0:
        return None
    credit = {m: a / total for m, a in zip(members, inputs, strict=True)}
    scale = rules.impact_scale * value * bonus
    points = [scale * f for f in p.focus.tolist()]
    return _Unit(points, credit, paid_total, joint=True, partnership=p)


def _misalignment(world: World, p: Partnership) -> float:
    align = p.alignment(world.missions)
    return 1.0 - sum(align.values()) / len(align)


def _model_effects(world: World, p: Partnership) -> None:
    """Learning, skills, innovation and tools: what each model gives beyond direct impact."""
    rules = world.rules
    members = p.members
    model = p.model
    n = len(members)
    orgs = world.orgs
    known = world.known
    for m in members:
        org = orgs[m]
        gain = 0.3 * (n - 1) * (0.5 + org.capacity)
        if model == Model.information_network:
            staffed = 1.0 if p.contributions[m].staff > 0 else 0.4
            gain += rules.network_knowledge * (n - 1) ** 0.8 * staffed
            step = min(1.0, rules.network_capacity * math.sqrt(n - 1))  # never past 1
            org.capacity += step * (1 - org.capacity)
        elif model == Model.education_development:
            staff_share = min(1.0, 0.3 + p.contributions[m].staff / 2)
            org.capacity += rules.edu_capacity * staff_share * (1 - org.capacity)
            org.credibility = min(100.0, org.credibility + rules.edu_credibility)
        elif model == Model.cross_sector:
            org.credibility = min(100.0, org.credibility + 0.15)
        org.knowledge += gain
        org.knowledge_from_partners += gain
        seen = known[m]  # `trust.reveal_mission` by 0.04 for each other member, on m's row
        for k in members:
            if k != m:
                x = float(seen[k])
                seen[k] = x + 0.04 * (1.0 - x)
    matured = model == Model.technology and p.age + 1 >= rules.tech_maturity
    if matured:
        for m in members:
            if world.orgs[m].tech_since is None:
                world.orgs[m].tech_since = world.month + 1
                key = "tech_ready"
                if world.engine >= 7:  # the tool in use is itself an innovation (DESIGN §10)
                    world.orgs[m].innovations += 1
                    key = "tech_ready_innovation"
                world.log("tech_ready", key, (m,), partnership=p.id, org=world.name(m), id=p.id)
    chance = 0.0
    if model == Model.information_network:
        chance = rules.innovation_chance * (n - 1)
    elif matured:
        chance = 0.5 * rules.innovation_chance * (n - 1)
    elif model == Model.cross_sector:  # different perspectives spark some new ideas too
        chance = 0.25 * rules.innovation_chance * (p.sector_count(world.orgs) - 1)
    if chance > 0 and world.rng.random() < min(0.6, chance):
        for m in members:
            world.orgs[m].innovations += 1
            world.orgs[m].knowledge += 5.0
        world.log(
            "innovation",
            "innovation",
            members,
            partnership=p.id,
            id=p.id,
            model=model_name(p.model),
        )


def _record_sources(
    world: World, units: list[_Unit], gains: list[float], total: list[float], lost: list[float]
) -> None:
    """Who moved each indicator this month and by how much (its share of the gain), and what
    overlapping work lost: what the month summary names as the why. Read only by views."""
    for d, gain in enumerate(gains):
        if total[d] <= 1e-12:
            continue
        for u in units:
            x = u.points[d]
            if x > 1e-12:
                if u.partnership is not None:
                    who = ("partnership", u.partnership.id)
                else:
                    who = ("program", u.program.org if u.program is not None else -1)
                world.note_indicator(d, who, gain * x / total[d])
        if lost[d] > 1e-9:
            world.note_indicator(d, ("overlap", None), -lost[d])


def _apply_impact(world: World, units: list[_Unit]) -> None:
    """Turn this month's work into indicator change, counting overlapping coverage once.

    Per domain: the largest effort counts whole and the rest overlap (`duplication_overlap`);
    the indicator gains with diminishing returns; each effort is credited its share of the
    gain and charged the share of its spending that duplicated others' work. Plain floats:
    a district has a handful of domains, where numpy's per-call cost outweighs its speed.
    """
    current = world.indicators.tolist()
    drift = world.drift
    if not units:
        for d, change in enumerate(drift):
            if change:
                world.note_indicator(d, ("drift", None), _clip100(current[d] + change) - current[d])
        world.indicators = np.array([_clip100(c + d) for c, d in zip(current, drift, strict=True)])
        return
    keep = 1.0 - world.rules.duplication_overlap
    needs = world.needs.tolist()
    n_domains = len(current)
    total = [0.0] * n_domains
    largest = [0.0] * n_domains
    for u in units:
        for d, x in enumerate(u.points):
            total[d] += x
            if x > largest[d]:
                largest[d] = x
    factor = [1.0] * n_domains  # share of the work that was not duplication
    weight = [0.0] * n_domains  # need-weighted indicator gain per raw point
    after = []
    lost = [0.0] * n_domains  # gain that overlapping work did not add
    for d in range(n_domains):
        if total[d] > 1e-12:
            effective = largest[d] + (total[d] - largest[d]) * keep
            gain = effective * (100.0 - current[d]) / 100.0
            factor[d] = effective / total[d]
            weight[d] = gain * needs[d] / total[d]
            lost[d] = (total[d] - effective) * (100.0 - current[d]) / 100.0
            after.append(_clip100(current[d] + gain))
        else:
            after.append(_clip100(current[d] + drift[d]))
            if drift[d]:
                world.note_indicator(d, ("drift", None), after[d] - current[d])
    gains = [a - c for a, c in zip(after, current, strict=True)]
    _record_sources(world, units, gains, total, lost)
    world.indicators = np.array(after)
    waste_by_domain = [0.0] * n_domains
    for u in units:
        impact = 0.0
        raw = 0.0
        duplicated = 0.0
        for d, x in enumerate(u.points):
            if x:
                impact += x * weight[d]
                raw += x
                duplicated += x * (1.0 - factor[d])
        if raw <= 0:
            continue
        if u.partnership is not None:
            u.partnership.impact += impact
        wasted = u.spent * duplicated / raw
        per_point = u.spent / raw  # juta per point of this unit
        for d, x in enumerate(u.points):
            if x:
                waste_by_domain[d] += x * per_point * (1.0 - factor[d])
        for m, credit in u.credit.items():
            org = world.orgs[m]
            org.impact += impact * credit
            org.wasted += wasted * credit
            if u.joint:
                org.impact_joint += impact * credit
    for d in range(n_domains):
        if factor[d] < 0.9:
            orgs = sorted({m for u in units if u.points[d] > 1e-12 for m in u.credit})
            world.log(
                "duplication",
                "duplication",
                orgs,
                domain=world.domain_name(d),
                lost=round(100 * (1 - factor[d])),
                wasted=round(waste_by_domain[d], 1),
            )


def _clip100(x: float) -> float:
    return 0.0 if x < 0.0 else 100.0 if x > 100.0 else x


# --- step 6: trust, tension, understanding, disputes -------------------------------------
def update_relations(world: World) -> None:
    for p in list(world.live):
        if p.status == Status.awaiting_approval:
            _waiting_strain(world, p)
        elif p.is_active:
            _partnership_month(world, p)
    trust.monthly_update(world)


def _waiting_strain(world: World, p: Partnership) -> None:
    rules = world.rules
    for m in p.members:
        if m == p.approver:
            continue
        impatience = rules.wait_tension * (1 - world.orgs[m].patience)
        trust.strain(world, m, p.approver, impatience)
        for k in p.members:
            if k not in (m, p.approver):
                trust.strain(world, m, k, impatience / 2)


def _partnership_month(world: World, p: Partnership) -> None:
    rules = world.rules
    members = p.members
    u = p.understanding
    align = p.alignment(world.missions)
    month = world.month
    orgs = world.orgs
    tensions = world.tension
    missed_now = 0
    tracking = 1.0
    for m in members:
        # Mismatched goals strain each member's view of the others (`trust.strain`).
        amount = rules.mismatch_tension * (1.0 - align[m]) * (1 - u)
        row = tensions[m]
        for k in members:
            if k != m:
                row[k] = min(1.0, float(row[k]) + amount)
        if p.last_missed.get(m) == month:
            missed_now += 1
        since = orgs[m].tech_since
        if since is not None and since <= month:  # `World.tech_ready`
            tracking = 0.5
    mis = 1.0 - sum(align.values()) / len(members)
    tension = trust.mean_tension(world, members)
    # Every joint program breeds some problems; mismatch, misses and tension breed more.
    p.hidden_issues += (
        rules.issue_rate * (0.3 + mis * (1 - u) + 0.5 * missed_now + tension) * tracking
    )
    p.months_since_eval += 1
    p.understanding = u * (1 - rules.understanding_decay)
    p.age += 1
    if p.hidden_issues >= rules.crisis_threshold:
        _crisis(world, p, mis)
    elif not p.disputed and tension >= rules.dispute_threshold:
        _dispute(world, p, mis, reason("tension_high", tension=round(tension, 2)))
    if p.disputed and world.rng.random() < rules.dispute_break_chance:
        for m, k in trust.pairs(members):
            world.trust[m, k] *= 0.85
        negotiation.end_partnership(world, p, Status.broken, "dispute")
        return
    if world.months_left(p) <= 0:
        for m in members:
            world.orgs[m].credibility = min(100.0, world.orgs[m].credibility + 1.5)
        negotiation.end_partnership(world, p, Status.completed, "term_done")


def _crisis(world: World, p: Partnership, mis: float) -> None:
    """Unevaluated problems surface all at once."""
    members = p.members
    for m, k in trust.pairs(members):
        trust.strain(world, m, k, 0.25)
        world.trust[m, k] *= 0.9
    p.hidden_issues = 0.2
    cause = reason("no_evaluation", months=p.months_since_eval)
    world.log(
        "crisis",
        "crisis",
        members,
        partnership=p.id,
        cause=cause,
        id=p.id,
        months=p.months_since_eval,
    )
    _dispute(world, p, mis, cause)


def _dispute(world: World, p: Partnership, mis: float, cause) -> None:
    if p.disputed:
        return
    p.disputed = True
    goal = mis >= 0.2
    for m in p.members:
        world.orgs[m].count("disputes")
        if goal:
            world.orgs[m].count("goal_mismatch_disputes")
    key = "dispute_goals" if goal else "dispute"
    world.log(
        "dispute",
        key,
        p.members,
        partnership=p.id,
        cause=cause,
        id=p.id,
        misalignment=round(mis, 2),
    )


# --- grants ------------------------------------------------------------------------------
def grant_chance(world: World, idx: int, grant_id: str) -> float:
    """Chance an application succeeds: base chance × credibility × partners (× public bonus)."""
    spec, state, org = world.grant_specs[grant_id], world.grants[grant_id], world.orgs[idx]
    partners = world.partners_of(idx)
    chance = state.chance * (0.5 + org.credibility / 100) * (1 + 0.15 * min(3, len(partners)))
    in_cross = any(
        p.model == Model.cross_sector and p.is_active for p in world.partnerships_of(idx)
    )
    if spec.public and in_cross:
        chance *= 1.25
    return min(0.95, chance)


def resolve_grants(world: World) -> None:
    pending, world.pending_grants = world.pending_grants, []
    for idx, gid in pending:
        spec = world.grant_specs[gid]
        state = world.grants[gid]
        org = world.orgs[idx]
        if world.rng.random() >= grant_chance(world, idx, gid):
            # Since engine 7 a once-only grant says so: a team learnt it two months later
            # from a greyed-out button.
            once = world.engine >= 7 and spec.once_per_org
            world.log(
                "grant_refused",
                "grant_refused_once" if once else "grant_refused",
                (idx,),
                org=world.name(idx),
                grant=world.grant_name(gid),
                cause=reason("grant_competition"),
            )
            continue
        if spec.approver is not None and spec.approver != org.id:
            approver = world.org_index[spec.approver]
            item = _grant_item(world, idx, approver, gid, state.amount)
            world.approvals.append(item)
            world.log(
                "approval_queued",
                "grant_queued",
                (idx, approver),
                org=world.name(idx),
                grant=world.grant_name(gid),
                approver=world.name(approver),
                item=item.id,
            )
        else:
            award_grant(world, idx, gid, state.amount)


def _grant_item(world: World, idx: int, approver: int, gid: str, amount: float):
    from game.sim.state import ApprovalItem

    return ApprovalItem(
        id=world.new_id(),
        kind="grant",
        subject=gid,
        applicants=[idx],
        approver=approver,
        min_wait=world.rules.approval_min_wait,
        mou=bool(world.mou[approver, idx]),
        champion=world.orgs[idx].champion,
        amount=amount,
    )


def award_grant(world: World, idx: int, gid: str, amount: float) -> None:
    org = world.orgs[idx]
    org.funds += amount
    org.grants_won += amount
    org.count("grants_won")
    world.log(
        "grant_won",
        "grant_won",
        (idx,),
        org=world.name(idx),
        grant=world.grant_name(gid),
        amount=round(amount, 1),
    )
