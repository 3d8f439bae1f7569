"""Proposals, answers and counter-offers (DESIGN.md §7, §9), and forming partnerships.

An AI party answers at once by appraising the terms; a human party's answer waits for the
team's `Respond` command. Rounds are bounded by `rules.max_rounds`; a counter-offer moves the
focus toward the responder's mission and its share toward what it can afford.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from game.i18n import Msg
from game.scenario.schema import Model, Sector
from game.sim import changes, payments, trust
from game.sim.errors import Impossible
from game.sim.policies import Params, params_of
from game.sim.report import model_name, reason
from game.sim.state import (
    ACCEPTED,
    PENDING,
    ApprovalItem,
    Contribution,
    Org,
    Partnership,
    Proposal,
    ProposalStatus,
    Status,
    Terms,
)
from game.sim.valuation import (
    approval_chance,
    effective_input,
    friction,
    normalise,
    partnership_value,
    similarity,
    solo_value,
)

if TYPE_CHECKING:
    import numpy as np

    from game.sim.world import World

# Objections a counter-offer can answer (move the focus, lower a share or the months);
# against the others an organisation declines.
FIXABLE = ("focus_far", "too_costly", "cannot_afford", "cannot_spare_staff", "approval_slow")
CARRYING_WEIGHT = 0.6  # engine 8: what carrying the work alone weighs in an appraisal


@dataclass(slots=True)
class Appraisal:
    """How one organisation judges a set of terms, and the main objection if any."""

    score: float
    threshold: float
    alignment: float
    benefit: float
    cost: float
    trust: float
    wait: float
    objection: str  # reason key; "" when none stands out
    feasible: bool = True
    staff_heavy: bool = False  # most of the cost is the staff asked for, not the money
    # What else moved the score, for a view to say what changed between two sets of terms:
    # carrying the work alone (engine 8), the policy's taste for the model, and an approval
    # longer than the term.
    carrying: float = 0.0
    taste: float = 0.0
    doomed: bool = False

    @property
    def reason_key(self) -> str:
        """The objection as said: 'too costly' names staff when staff is what weighs."""
        if self.objection == "too_costly" and self.staff_heavy:
            return "too_costly_staff"
        return self.objection

    @property
    def accepts(self) -> bool:
        return self.feasible and self.score >= self.threshold


# --- checks ------------------------------------------------------------------------------
def check_terms(world: World, proposer: Org, partners: Sequence[str], terms: Terms) -> list[int]:
    """Validate a proposal's terms; return the member indexes (proposer first)."""
    if not partners:
        raise Impossible("no_partners")
    members = [proposer.idx]
    for pid in partners:
        other = world.org(pid)
        if other.idx in members:
            raise Impossible("duplicate_partner", org=world.name(other.idx))
        members.append(other.idx)
    if not 1 <= terms.months <= 60:
        raise Impossible("bad_months")
    world.focus_vector(terms.focus)
    ids = {world.orgs[m].id for m in members}
    seen: set[str] = set()
    for c in terms.contributions:
        if c.org not in ids:
            raise Impossible("contribution_outsider", org=c.org)
        if c.org in seen:
            raise Impossible("duplicate_contribution", org=world.name(world.org_index[c.org]))
        seen.add(c.org)
        if c.funds < 0 or c.staff < 0:
            raise Impossible("bad_terms")
    if sum(c.funds + c.staff for c in terms.contributions) <= 0:
        raise Impossible("nothing_committed")
    if terms.model == Model.cross_sector and len({world.orgs[m].sector for m in members}) < 2:
        raise Impossible("cross_sector_needs_sectors")
    own = terms.contribution(proposer.id)
    if own.funds > proposer.funds + 1e-9:
        raise Impossible(
            "no_funds",
            org=world.name(proposer.idx),
            need=round(own.funds, 1),
            have=round(proposer.funds, 1),
        )
    if own.staff > proposer.staff:
        raise Impossible(
            "no_staff", org=world.name(proposer.idx), need=own.staff, have=proposer.staff
        )
    return members


# --- appraisal ---------------------------------------------------------------------------
def needs_approval(
    world: World,
    members: Sequence[int],
    focus: np.ndarray | None = None,
    model: Model | None = None,
) -> int | None:
    """The office that must approve, if any: the most bureaucratic government member, or an
    outside office whose approval rule covers the focus (a curriculum needs Disdik)."""
    orgs = world.orgs
    offices = [m for m in members if orgs[m].sector == Sector.government]
    if focus is not None:
        for domain, min_share, approver, models in world.approval_rules:
            if models and model not in models:
                continue
            if focus[domain] >= min_share - 1e-9:
                offices.append(approver)
    if not offices:
        return None
    return max(offices, key=lambda m: (orgs[m].bureaucracy, -m))


def expected_wait(world: World, members: Sequence[int], approver: int | None) -> float:
    if approver is None:
        return 0.0
    applicants = [m for m in members if m != approver] or list(members)
    t = sum(float(world.trust[approver, m]) for m in applicants) / len(applicants)
    champion = any(world.orgs[m].champion for m in members if m != approver)
    mou = any(bool(world.mou[approver, m]) for m in applicants)
    p = approval_chance(
        world.orgs[approver].bureaucracy, world.regulation, t, 0, champion, mou, world.rules
    )
    return world.rules.approval_min_wait + (1 - p) / p


_NOTHING = Contribution("")  # a share not given: no money, no staff (read, never stored)


def appraise(
    world: World,
    org: Org,
    members: Sequence[int],
    terms: Terms,
    params: Params | None = None,
    held_staff: int = 0,
    approved: bool = False,
) -> Appraisal:
    """Weigh alignment, expected benefit, cost, trust and approval burden (DESIGN.md §9).
    `held_staff`: people it already gives to this work (a change of a running share), who
    count as free for these terms. `approved`: the work is running, its approval behind it
    (a share change on it waits for nobody)."""
    params = params or params_of(org.policy)
    rules = world.rules
    orgs = world.orgs
    i = org.idx
    focus = world.focus_vector(terms.focus)
    # How well its own mission fits the focus, then each member's as far as it knows them.
    sims = world.believed_similarity(i, [i, *members], focus)
    align = sims[0]
    mis = 1.0 - sum(sims[1:]) / len(members)
    given = {c.org: c for c in terms.contributions}
    none = _NOTHING
    own = given.get(org.id, none)
    inputs = []
    sectors = set()
    for m in members:
        member = orgs[m]
        c = given.get(member.id, none)
        inputs.append(effective_input(c.funds, c.staff, member.capacity, rules))
        sectors.add(member.sector)
    others = [m for m in members if m != i]
    tension_row, trust_row = world.tension[i], world.trust[i]
    tension = sum(float(tension_row[m]) for m in others) / len(others)
    trust_in = sum(float(trust_row[m]) for m in others) / len(others)
    joint = partnership_value(terms.model, inputs, len(sectors), rules)
    joint *= 1 - friction(mis, 0.1, tension, 0.0, rules)
    alone = solo_value(effective_input(own.funds, own.staff, org.capacity, rules), rules)
    ratio = align * joint / len(members) / (alone + 0.3)
    benefit = ratio / (1 + ratio)
    benefit += _model_extras(org, terms.model)
    horizon = org.funds + org.income * terms.months + 1.0
    money_cost = own.funds * terms.months / horizon
    staff_cost = 0.5 * own.staff / max(1, org.staff)
    cost = money_cost + staff_cost
    staff_ok = own.staff <= org.free_staff + held_staff
    feasible = own.funds <= org.funds + org.income + 1e-9 and staff_ok
    approver = None if approved else needs_approval(world, members, focus, terms.model)
    expected = expected_wait(world, members, approver)
    wait = min(1.0, expected / 8)
    wait *= 1.0 - org.patience
    # Since engine 2 a term runs while it waits: an approval as long as the term means
    # the work may never start, whatever one's patience.
    doomed = approver is not None and world.term_runs_while_waiting and expected >= terms.months
    recent = world.month - 2
    last_dialogue = world.last_dialogue
    dialogue = False
    for m in others:
        if last_dialogue.get((i, m), -99) >= recent:
            dialogue = True
            break
    held = 0
    for p in world.live:
        if i in p.members:
            held += 1
    load = held / max(1, params.max_partnerships)
    stretched = 0.35 * max(0.0, load - 0.5)
    taste = params.models.get(terms.model, 0.0)
    score = (
        params.w_align * align
        + params.w_benefit * benefit
        + params.w_trust * trust_in
        - params.w_cost * cost
        - params.w_wait * wait
        - 0.3 * tension
        + taste
        + (0.05 if dialogue else 0.0)
        - stretched
    )
    carrying = _carrying(world, org, members, given) if world.engine >= 8 else 0.0
    if carrying:
        score -= carrying
    threshold = params.accept - 0.25 * org.openness
    objection = _main_objection(
        align, cost, trust_in, wait, tension, stretched, feasible, staff_ok, params, carrying
    )
    if doomed:
        score -= 0.5
        objection = "approval_slow" if feasible else objection
    return Appraisal(
        score,
        threshold,
        align,
        benefit,
        cost,
        trust_in,
        wait,
        objection,
        feasible,
        staff_heavy=staff_cost > money_cost,
        carrying=carrying,
        taste=taste,
        doomed=doomed,
    )


def _carrying(
    world: World, org: Org, members: Sequence[int], given: dict[str, Contribution]
) -> float:
    """How much it weighs that `org` would carry the work while the others put in little
    (engine 8): 0 while the others' mean share is at least half its own, up to
    `CARRYING_WEIGHT` when they put in nothing. A team that offered Rp 0 against a partner's
    Rp 2.5 juta a month, then asked it for Rp 10 juta, was told yes each time: free-riding
    won the game the workshop is about."""
    staff_value = world.rules.staff_value
    orgs = world.orgs

    def share(idx: int) -> float:
        c = given.get(orgs[idx].id)
        return c.funds + staff_value * c.staff if c is not None else 0.0

    own = share(org.idx)
    others = [share(m) for m in members if m != org.idx]
    if own <= 0 or not others:
        return 0.0
    mean = sum(others) / len(others)
    return CARRYING_WEIGHT * min(1.0, max(0.0, (own - 2.0 * mean) / own))


def _model_extras(org: Org, model: Model) -> float:
    """What a model offers beyond direct impact: learning, skills, tools."""
    if model == Model.information_network:
        return 0.15
    if model == Model.education_development:
        return 0.25 * (1.0 - org.capacity)
    if model == Model.technology:
        return 0.1 * org.patience
    return 0.0


def _main_objection(
    align: float,
    cost: float,
    trust_in: float,
    wait: float,
    tension: float,
    stretched: float,
    feasible: bool,
    staff_ok: bool,
    params: Params,
    carrying: float = 0.0,
) -> str:
    if not feasible:  # which of the two, for the team to know what to lower
        return "cannot_afford" if staff_ok else "cannot_spare_staff"
    gaps = (
        ("focus_far", params.w_align * max(0.0, 0.7 - align)),
        ("too_costly", params.w_cost * max(0.0, cost - 0.25)),
        ("low_trust", params.w_trust * max(0.0, 0.45 - trust_in)),
        ("approval_slow", params.w_wait * wait),
        ("tension", 0.3 * tension),
        ("stretched", stretched),
        ("carries_alone", carrying),
    )
    key, gap = gaps[0]
    for k, g in gaps[1:]:
        if g > gap:
            key, gap = k, g
    return key if gap > 0.01 else "not_worth_it"


def counter_terms(world: World, org: Org, terms: Terms, objection: str = "") -> Terms:
    """Move the focus toward `org`'s mission and its share toward what it can afford. An
    impatient organisation asks for a shorter term, except when the approval is what it
    objects to (since engine 6): a shorter term left "about 1 of the 6 months" for the work."""
    focus = world.focus_vector(terms.focus)
    shifted = normalise(0.5 * focus + 0.5 * org.mission)
    own = terms.contribution(org.id)
    affordable = max(0.0, min(own.funds, 0.4 * (org.funds / terms.months + org.income)))
    staff = min(own.staff, org.free_staff)
    contributions = tuple(
        Contribution(c.org, round(affordable, 1), staff) if c.org == org.id else c
        for c in terms.contributions
    )
    keep = org.patience >= 0.4 or (world.engine >= 6 and objection == "approval_slow")
    months = terms.months if keep else max(3, (terms.months * 2) // 3)
    focus_items = tuple(
        (world.domain_ids[i], round(float(w), 3)) for i, w in enumerate(shifted) if w > 1e-3
    )
    return replace(terms, focus=focus_items, contributions=contributions, months=months)


# --- the negotiation ---------------------------------------------------------------------
def open_proposal(world: World, proposer: Org, partners: Sequence[str], terms: Terms) -> Proposal:
    members = check_terms(world, proposer, partners, terms)
    parties = sorted(members)
    for p in world.open_proposals():
        if p.amends is None and sorted(p.parties) == parties:
            raise Impossible("already_negotiating")
    full = complete_contributions(world, members, terms)
    proposal = Proposal(world.new_id(), proposer.idx, members[1:], full, world.month)
    proposal.answers = {m: PENDING for m in members[1:]}
    proposal.answers[proposer.idx] = ACCEPTED
    world.proposals.append(proposal)
    proposer.count("proposals")
    world.log(
        "proposal",
        "proposed",
        members,
        org=world.name(proposer.idx),
        partners=_names(world, members[1:]),
        model=model_name(terms.model),
        id=proposal.id,
    )
    advance(world, proposal)
    return proposal


def complete_contributions(world: World, members: Sequence[int], terms: Terms) -> Terms:
    """The terms with a contribution line for every member (zero where none was given)."""
    given = {c.org: c for c in terms.contributions}
    ids = [world.orgs[m].id for m in members]
    if [c.org for c in terms.contributions] == ids:
        return terms
    contributions = tuple(given.get(i) or Contribution(i) for i in ids)
    return Terms(terms.model, terms.focus, contributions, terms.months)


def _names(world: World, idxs: Sequence[int]) -> list[object]:
    return [world.name(i) for i in idxs]


def respond(world: World, org: Org, pid: int, answer: str, counter: Terms | None) -> Proposal:
    proposal = world.proposal(pid)
    if proposal.status != ProposalStatus.open:
        raise Impossible("proposal_closed", id=pid)
    if answer == "withdraw":
        if org.idx != proposal.proposer:
            raise Impossible("not_yours", id=pid)
        close(world, proposal, ProposalStatus.withdrawn, org, "withdrawn")
        return proposal
    if not proposal.awaits(org.idx):
        raise Impossible("not_your_turn", id=pid)
    if answer == "accept":
        proposal.answers[org.idx] = ACCEPTED
        if proposal.amends is not None:
            changes.log_answer(world, proposal, "accepted", world.name(org.idx))
        elif org.idx == proposal.proposer and proposal.dropped:  # goes on without them
            gone = [world.name(m) for m in proposal.dropped]
            world.log(
                "answer", "went_on", proposal.parties, org=world.name(org.idx), id=pid, gone=gone
            )
        else:
            world.log("answer", "accepted", proposal.parties, org=world.name(org.idx), id=pid)
    elif answer == "reject":
        if proposal.amends is None:  # a change of shares is no meeting of missions
            _team_goal_mismatch(world, proposal, org)
        if not _drop(world, proposal, org):
            close(world, proposal, ProposalStatus.rejected, org, "rejected_by_team")
            return proposal
    elif answer == "counter":
        if proposal.amends is not None:
            raise Impossible("change_no_counter", id=proposal.amends)
        if counter is None:
            raise Impossible("counter_needs_terms")
        offered = proposal.terms
        _counter(world, proposal, org, counter, reason("team_counter"))
        _team_goal_mismatch(world, proposal, org, offered)
    else:
        raise Impossible("bad_answer", answer=answer)
    advance(world, proposal)
    return proposal


# Below this fit of its own mission to a focus, a team's refusal or counter-offer counts as
# mismatched goals met at the table: computer organisations object that "the focus is far from
# our mission" at fits of 0.15–0.41 (p10–p90, default scenario) and accept from about 0.76.
FOCUS_FAR = 0.5


def _team_goal_mismatch(
    world: World, proposal: Proposal, org: Org, offered: Terms | None = None
) -> None:
    """A team refused or countered `offered` (the proposal's terms by default) without
    giving a reason, so its mission's fit to the offered focus stands in for one."""
    focus = world.focus_vector((offered or proposal.terms).focus)
    if similarity(org.mission, focus) < FOCUS_FAR:
        for m in proposal.parties:
            world.orgs[m].count("goal_mismatch_talks")


def _counter(world: World, proposal: Proposal, org: Org, terms: Terms, why: Msg) -> None:
    if proposal.round >= world.rules.max_rounds:
        raise Impossible("too_many_rounds", rounds=world.rules.max_rounds)
    members = proposal.parties
    if sorted(terms.members) != sorted(world.orgs[m].id for m in members):
        raise Impossible("counter_changes_members")
    check_terms(
        world, world.orgs[proposal.proposer], [world.orgs[m].id for m in proposal.partners], terms
    )
    proposal.previous = proposal.terms
    proposal.terms = complete_contributions(world, members, terms)
    proposal.round += 1
    proposal.countered_by = org.idx
    proposal.answers = {m: PENDING for m in members}
    proposal.answers[org.idx] = ACCEPTED
    org.count("counters")
    world.log(
        "answer",
        "countered",
        members,
        cause=why,
        org=world.name(org.idx),
        id=proposal.id,
        round=proposal.round,
    )


def _drop(world: World, proposal: Proposal, org: Org, why: Msg | None = None) -> bool:
    """Since engine 4 a partner's no in an offer to several leaves that partner out instead
    of closing the offer for everyone (a room lost a three-way offer to one no and had to
    propose it again): the proposer confirms going on without it, then the others are asked
    again, since the work changed. False when the offer cannot go on without it."""
    if world.engine < 4 or proposal.amends is not None or len(proposal.partners) < 2:
        return False
    rest = [m for m in proposal.parties if m != org.idx]
    terms = proposal.terms
    shares = tuple(c for c in terms.contributions if c.org != org.id)
    smaller = Terms(terms.model, terms.focus, shares, terms.months)
    try:
        check_terms(
            world, world.orgs[proposal.proposer], [world.orgs[m].id for m in rest[1:]], smaller
        )
    except Impossible:
        return False
    proposal.partners.remove(org.idx)
    proposal.dropped.append(org.idx)
    proposal.terms = smaller
    proposal.answers = {m: PENDING for m in rest}
    proposal.countered_by = None
    world.log(
        "answer",
        "left_offer",
        [*rest, org.idx],
        cause=why,
        org=world.name(org.idx),
        id=proposal.id,
        proposer=world.name(proposal.proposer),
    )
    return True  # the caller goes on asking, the proposer first


def close(
    world: World,
    proposal: Proposal,
    status: ProposalStatus,
    org: Org,
    key: str,
    why: Msg | None = None,
) -> None:
    proposal.status = status
    proposal.waiting_on = None
    proposal.last_reason = why.key if why else ""
    if proposal.amends is not None:  # a request to change a partnership: named by its number
        changes.log_answer(world, proposal, key, world.name(org.idx), why)
        return
    world.log("answer", key, proposal.parties, cause=why, org=world.name(org.idx), id=proposal.id)


def advance(world: World, proposal: Proposal) -> None:
    """Let AI parties answer in turn until a human must answer or the proposal closes."""
    while proposal.status == ProposalStatus.open:
        pending = [m for m in proposal.parties if proposal.answers.get(m) == PENDING]
        if not pending:
            if proposal.amends is not None:
                changes.conclude(world, proposal)
            else:
                form_partnership(world, proposal)
            return
        nxt = pending[0]
        org = world.orgs[nxt]
        proposal.waiting_on = nxt
        if org.human:
            return
        _ai_answer(world, proposal, org)


def _ai_answer(world: World, proposal: Proposal, org: Org) -> None:
    if proposal.amends is not None:
        changes.ai_answer(world, proposal, org)
        return
    params = params_of(org.policy)
    members = proposal.parties
    if not params.partners:
        why = reason("works_alone")
        if not _drop(world, proposal, org, why):
            close(world, proposal, ProposalStatus.rejected, org, "declined", why)
        return
    view = appraise(world, org, members, proposal.terms, params)
    if view.accepts:
        proposal.answers[org.idx] = ACCEPTED
        world.log("answer", "accepted", members, org=world.name(org.idx), id=proposal.id)
        return
    is_proposer = org.idx == proposal.proposer
    if view.objection == "focus_far":  # mismatched goals, met at the table (DESIGN §5)
        for m in members:
            world.orgs[m].count("goal_mismatch_talks")
    fixable = view.objection in FIXABLE
    if (
        not is_proposer
        and fixable
        and proposal.round < world.rules.max_rounds
        and view.score >= view.threshold - 0.5
    ):
        new = counter_terms(world, org, proposal.terms, view.objection)
        if appraise(world, org, members, new, params).score > view.score + 1e-6:
            try:  # the terms it can offer may be illegal (nothing left to commit): decline
                why = reason(view.reason_key, org=world.name(org.idx))
                _counter(world, proposal, org, new, why)
            except Impossible:
                pass
            else:
                return
    why = reason(view.reason_key, org=world.name(org.idx))
    if not is_proposer and _drop(world, proposal, org, why):
        return
    key = "walked_away" if is_proposer else "declined"
    close(
        world,
        proposal,
        ProposalStatus.withdrawn if is_proposer else ProposalStatus.rejected,
        org,
        key,
        why,
    )


def expire_proposals(world: World) -> None:
    for p in world.open_proposals():
        if world.month - p.month + 1 >= world.rules.proposal_expiry:
            p.status = ProposalStatus.expired
            waiting = p.waiting_on
            p.waiting_on = None
            who = world.name(waiting) if waiting is not None else ""
            if p.amends is not None:
                changes.log_answer(world, p, "expired", who)
                continue
            world.log("answer", "expired", p.parties, id=p.id, org=who)


# --- partnerships ------------------------------------------------------------------------
def form_partnership(world: World, proposal: Proposal) -> Partnership | None:
    members = proposal.parties
    terms = proposal.terms
    for m in members:
        c = terms.contribution(world.orgs[m].id)
        if c.staff > world.orgs[m].free_staff:
            # Its people went to other work since the offer was made: the deal falls through.
            # ("declined … cannot afford its share" read as the proposer refusing its own offer.)
            why = reason("staff_gone", org=world.name(m))
            close(world, proposal, ProposalStatus.rejected, world.orgs[m], "fell_through", why)
            return None
    focus = world.focus_vector(terms.focus)
    approver = needs_approval(world, members, focus, terms.model)
    p = Partnership(
        # Since engine 2 a partnership keeps its proposal's number: teams argued over which
        # "#" was meant when proposal #7 became partnership #12.
        id=proposal.id if world.engine >= 2 else world.new_id(),
        model=terms.model,
        members=list(members),
        focus=focus,
        contributions={m: terms.contribution(world.orgs[m].id) for m in members},
        months=terms.months,
        proposer=proposal.proposer,
        agreed=world.month,
        approver=approver,
        understanding=0.05 + 0.2 * trust.mean_trust(world, members),
    )
    for m in members:
        world.orgs[m].staff_busy += p.contributions[m].staff
    world.partnerships.append(p)
    world.live.append(p)
    proposal.status = ProposalStatus.agreed
    proposal.waiting_on = None
    proposal.partnership = p.id
    world.log(
        "agreed",
        "agreed",
        members,
        partnership=p.id,
        id=p.id,
        model=model_name(p.model),
        names=_names(world, members),
        round=proposal.round,
        proposal=proposal.id,
    )
    if approver is None:
        activate(world, p)
    else:
        _queue_for_approval(world, p, approver)
    return p


def _queue_for_approval(world: World, p: Partnership, approver: int) -> None:
    applicants = [m for m in p.members if m != approver]
    earlier = any(
        q.approver == approver
        and q.status in (Status.active, Status.completed)
        and set(applicants) & set(q.members)
        for q in world.partnerships
        if q is not p
    )
    item = ApprovalItem(
        id=world.new_id(),
        kind="partnership",
        subject=p.id,
        applicants=list(p.members),
        approver=approver,
        min_wait=world.rules.approval_min_wait,
        champion=any(world.orgs[m].champion for m in applicants),
        mou=earlier or any(bool(world.mou[approver, m]) for m in applicants),
    )
    world.approvals.append(item)
    world.log(
        "approval_queued",
        "approval_queued",
        p.members,
        partnership=p.id,
        id=p.id,
        approver=world.name(approver),
        item=item.id,
    )


def requalify_approval(world: World, p: Partnership) -> None:
    """After a member left a partnership still awaiting approval: the application is the
    remaining members', and the office that must approve may have changed or gone."""
    world.approvals = [
        a for a in world.approvals if not (a.kind == "partnership" and a.subject == p.id)
    ]
    approver = needs_approval(world, p.members, p.focus, p.model)
    p.approver = approver
    if approver is None:
        activate(world, p)
    else:
        _queue_for_approval(world, p, approver)


def activate(world: World, p: Partnership) -> None:
    p.status = Status.active
    p.started = world.month
    if world.term_runs_while_waiting:
        p.waited = world.month - p.agreed
    world.log(
        "activated", "activated", p.members, partnership=p.id, id=p.id, model=model_name(p.model)
    )
    if p.model == Model.technology:
        # Technology costs first: several months of contributions at once, benefit later.
        for m in list(p.members):
            c = p.contributions[m]
            payments.pay(world, p, m, world.rules.tech_upfront * c.funds, upfront=True)


def end_partnership(world: World, p: Partnership, status: Status, why: str) -> None:
    if not p.is_live:
        return
    was_waiting = p.status == Status.awaiting_approval
    for m in p.members:  # their staff are free at once, not only next month
        world.orgs[m].staff_busy = max(0, world.orgs[m].staff_busy - p.contributions[m].staff)
    p.status = status
    p.ended = world.month
    world.live.remove(p)
    p.end_reason = why
    if was_waiting:
        world.approvals = [
            a for a in world.approvals if not (a.kind == "partnership" and a.subject == p.id)
        ]
    world.log(
        "ended",
        f"ended_{status.value}",
        p.members,
        partnership=p.id,
        id=p.id,
        cause=reason(why),
        model=model_name(p.model),
    )


def focus_items(world: World, vec: np.ndarray) -> tuple[tuple[str, float], ...]:
    return tuple((world.domain_ids[i], round(float(w), 3)) for i, w in enumerate(vec) if w > 1e-3)
