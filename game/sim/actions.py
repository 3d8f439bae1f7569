"""The action set of DESIGN.md §7: one handler per command.

Each handler first checks everything that could make the command illegal (raising
`Impossible` before any change), then applies it and logs what happened. Agenda is charged by
`World.apply` after the handler succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.i18n import Msg
from game.scenario.schema import Model
from game.sim import changes, events, negotiation, trust
from game.sim.commands import (
    ApplyForGrant,
    AskChange,
    EvaluatePartnership,
    FireInject,
    FollowUpApproval,
    HoldDialogue,
    HoldMeeting,
    HoldVisioning,
    LeavePartnership,
    ProposePartnership,
    Renegotiate,
    Respond,
    RunProgram,
    ScheduleInject,
    ShareInformation,
    StopProgram,
    TrainStaff,
)
from game.sim.errors import Impossible
from game.sim.report import reason
from game.sim.state import Contribution, Org, Partnership, Program, Status
from game.sim.valuation import normalise

if TYPE_CHECKING:
    from game.sim.world import World


def _spend(world: World, org: Org, amount: float, key: str) -> None:
    if amount > org.funds + 1e-9:
        raise Impossible(
            key, org=world.name(org.idx), need=round(amount, 1), have=round(org.funds, 1)
        )
    org.funds -= amount
    org.spent += amount


def _member_partnership(world: World, org: Org, pid: int, *, active: bool = False) -> Partnership:
    p = world.partnership(pid)
    if org.idx not in p.members:
        raise Impossible("not_member", org=world.name(org.idx), id=pid)
    if not p.is_live or (active and not p.is_active):
        status = Msg(f"sim.status.{p.status.value}")
        raise Impossible("partnership_not_running", id=pid, status=status)
    return p


def propose(world: World, org: Org, cmd: ProposePartnership) -> Any:
    return negotiation.open_proposal(world, org, cmd.partners, cmd.terms)


def respond(world: World, org: Org, cmd: Respond) -> Any:
    return negotiation.respond(world, org, cmd.proposal, cmd.answer, cmd.counter)


def dialogue(world: World, org: Org, cmd: HoldDialogue) -> None:
    other = world.org(cmd.other)
    if other.idx == org.idx:
        raise Impossible("self_dialogue")
    _spend(world, org, world.rules.dialogue_cost, "no_funds")
    rules = world.rules
    a, b = org.idx, other.idx
    before = float(world.tension[a, b] + world.tension[b, a]) / 2
    trust_before = float(world.trust[a, b] + world.trust[b, a]) / 2
    for i, j in ((a, b), (b, a)):
        trust.ease(world, i, j, rules.dialogue_tension)
        trust.warm(world, i, j, rules.dialogue_trust)
        trust.reveal_mission(world, i, j, rules.dialogue_reveal)
    world.last_dialogue[(a, b)] = world.month
    world.last_dialogue[(b, a)] = world.month
    org.count("dialogues")
    _settle_disputes(world, a, b)
    after = round(float(world.tension[a, b] + world.tension[b, a]) / 2, 2)
    world.log(
        "dialogue",
        # With no tension to ease, "tension 0 → 0" read as a wasted talk: say what it did.
        "dialogue" if after != round(before, 2) else "dialogue_calm",
        (a, b),
        org=world.name(a),
        other=world.name(b),
        tension_before=round(before, 2),
        tension_after=after,
        trust_before=round(trust_before, 2),
        trust_after=round(float(world.trust[a, b] + world.trust[b, a]) / 2, 2),
    )


def _settle_disputes(world: World, a: int, b: int) -> None:
    """Talking it through can end a dispute in partnerships both belong to."""
    for p in world.partnerships_of(a):
        calm = trust.mean_tension(world, p.members) < 0.8 * world.rules.dispute_threshold
        if p.disputed and b in p.members and calm:
            p.disputed = False
            world.log("dispute_settled", "dispute_settled", p.members, partnership=p.id, id=p.id)


def meeting(world: World, org: Org, cmd: HoldMeeting) -> None:
    p = _member_partnership(world, org, cmd.partnership)
    rules = world.rules
    p.understanding += rules.meeting_understanding * (1 - p.understanding)
    for i, j in trust.pairs(p.members):
        trust.warm(world, i, j, rules.meeting_trust)
    org.count("meetings")
    world.log(
        "meeting",
        "meeting",
        p.members,
        partnership=p.id,
        org=world.name(org.idx),
        id=p.id,
        understanding=round(p.understanding, 2),
    )


def visioning(world: World, org: Org, cmd: HoldVisioning) -> None:
    p = _member_partnership(world, org, cmd.partnership)
    _spend(world, org, world.rules.visioning_cost, "no_funds")
    rules = world.rules
    before = p.understanding
    p.understanding += rules.visioning_understanding * (1 - p.understanding)
    shared = normalise(sum(world.orgs[m].mission for m in p.members))
    p.set_focus(
        normalise((1 - rules.visioning_alignment) * p.focus + rules.visioning_alignment * shared)
    )
    for i, j in trust.pairs(p.members):
        trust.reveal_mission(world, i, j, 0.3)
    org.count("visioning")
    world.log(
        "visioning",
        "visioning",
        p.members,
        partnership=p.id,
        org=world.name(org.idx),
        id=p.id,
        before=round(before, 2),
        after=round(p.understanding, 2),
    )


def share_information(world: World, org: Org, cmd: ShareInformation) -> None:
    rules = world.rules
    if org.free_staff < rules.share_staff:
        raise Impossible(
            "no_staff", org=world.name(org.idx), need=rules.share_staff, have=org.free_staff
        )
    org.staff_busy += rules.share_staff
    partners = world.partners_of(org.idx)
    audience = partners or {o.idx for o in world.orgs} - {org.idx}
    gain = rules.transparency_trust * (1.0 if partners else 0.5)
    for k in audience:
        trust.warm(world, k, org.idx, gain)
        trust.reveal_mission(world, k, org.idx, 0.2)
        trust.ease(world, k, org.idx, 0.02)
    for p in world.partnerships_of(org.idx):
        p.hidden_issues *= 0.85
    org.credibility = min(100.0, org.credibility + 0.5)
    org.count("transparency")
    world.log("transparency", "transparency", (org.idx, *sorted(partners)), org=world.name(org.idx))


def evaluate(world: World, org: Org, cmd: EvaluatePartnership) -> None:
    p = _member_partnership(world, org, cmd.partnership, active=True)
    if world.engine >= 7 and p.evaluated_month == world.month:
        raise Impossible("evaluated_already", id=p.id)
    rules = world.rules
    exact = any(world.tech_ready(m) for m in p.members)
    share = 1.0 if exact else rules.evaluation_reveal
    found = p.hidden_issues * share
    p.hidden_issues -= found
    for i, j in trust.pairs(p.members):
        trust.ease(world, i, j, 0.5 * found)
        trust.warm(world, i, j, 0.01)
    p.understanding += 0.05 * (1 - p.understanding)
    waited = p.months_since_eval
    p.months_since_eval = 0
    p.evaluated_month = world.month
    if p.disputed and trust.mean_tension(world, p.members) < rules.dispute_threshold:
        p.disputed = False
    org.count("evaluations")
    world.log(
        "evaluation",
        "evaluation",
        p.members,
        partnership=p.id,
        org=world.name(org.idx),
        id=p.id,
        found=round(found, 2),
        amount=_found_amount(found, rules.crisis_threshold),
        exact=exact,
        months=waited,
    )


def _found_amount(found: float, crisis_threshold: float) -> Msg:
    """What an evaluation found, in words: a bare 0.37 meant nothing to a player. Measured
    against the line at which hidden problems surface as a crisis."""
    share = found / crisis_threshold if crisis_threshold > 0 else 1.0
    level = (
        "none" if share < 0.1 else "few" if share < 0.35 else "several" if share < 0.7 else "many"
    )
    return Msg(f"sim.found.{level}", {})


def joint_change_allowed(world: World, org: Org, p: Partnership) -> bool:
    """Terms may change without a broken promise before the partnership starts (it still
    awaits approval: nothing is owed yet), at a joint evaluation, or right after a shock."""
    return (
        p.status is Status.awaiting_approval
        or p.evaluated_month == world.month
        or org.shock_month >= world.month - 1
    )


def renegotiate(world: World, org: Org, cmd: Renegotiate) -> None:
    p = _member_partnership(world, org, cmd.partnership)
    if cmd.funds < 0 or cmd.staff < 0 or (cmd.months is not None and not 1 <= cmd.months <= 60):
        raise Impossible("bad_terms")
    old = p.contributions[org.idx]
    lowers = cmd.funds < old.funds - 1e-9 or cmd.staff < old.staff
    joint = joint_change_allowed(world, org, p) or not lowers
    if (
        cmd.months is not None
        and cmd.months != p.months
        and not joint_change_allowed(world, org, p)
    ):
        raise Impossible("months_need_evaluation", id=p.id)
    extra_staff = cmd.staff - old.staff
    if extra_staff > org.free_staff:
        raise Impossible("no_staff", org=world.name(org.idx), need=extra_staff, have=org.free_staff)
    change = _change_of_terms(old, cmd, p.months)
    p.contributions[org.idx] = Contribution(org.id, float(cmd.funds), int(cmd.staff))
    org.staff_busy += extra_staff
    if cmd.months is not None:
        p.months = cmd.months
    org.count("renegotiations")
    others = [m for m in p.members if m != org.idx]
    if joint:
        world.log(
            "renegotiated",
            "renegotiated",
            (org.idx, *others),  # who changed its terms first, as the timeline reads it
            partnership=p.id,
            org=world.name(org.idx),
            id=p.id,
            change=change,
        )
        return
    fall = trust.commitment_missed(world, org.idx, others)
    org.count("broken_commitments")
    world.log(
        "broken_commitment",
        "one_sided_change",
        (org.idx, *others),
        partnership=p.id,
        cause=reason("no_evaluation_first"),
        org=world.name(org.idx),
        id=p.id,
        trust=round(fall, 2),
        change=change,
    )


def _change_of_terms(old: Contribution, cmd: Renegotiate, months: int) -> list[Msg]:
    """What a change of terms changed, for its partners to read ('money Rp 5,9 → 3 juta a
    month and staff 1 → 0'): 'adjusted its terms' alone told them nothing."""
    out = []
    if abs(cmd.funds - old.funds) > 1e-9:
        out.append(Msg("sim.change.funds", {"before": round(old.funds, 1), "after": cmd.funds}))
    if cmd.staff != old.staff:
        out.append(Msg("sim.change.staff", {"before": old.staff, "after": cmd.staff}))
    if cmd.months is not None and cmd.months != months:
        out.append(Msg("sim.change.months", {"before": months, "after": cmd.months}))
    return out or [Msg("sim.change.none", {})]


def ask_change(world: World, org: Org, cmd: AskChange) -> Any:
    return changes.ask(world, org, _member_partnership(world, org, cmd.partnership), cmd)


def leave(world: World, org: Org, cmd: LeavePartnership) -> None:
    p = _member_partnership(world, org, cmd.partnership)
    agreed = joint_change_allowed(world, org, p)
    others = [m for m in p.members if m != org.idx]
    org.staff_busy = max(0, org.staff_busy - p.contributions[org.idx].staff)
    waiting = p.status == Status.awaiting_approval
    p.remove_member(org.idx, agreed=agreed)
    org.count("left")
    if not agreed:
        fall = trust.commitment_missed(world, org.idx, others)
        org.count("broken_commitments")
        world.log(
            "broken_commitment",
            "left_unilaterally",
            (org.idx, *others),
            partnership=p.id,
            org=world.name(org.idx),
            id=p.id,
            trust=round(fall, 2),
        )
    else:
        world.log(
            "left",
            "left_agreed",
            (org.idx, *others),
            partnership=p.id,
            org=world.name(org.idx),
            id=p.id,
        )
    if len(p.members) < 2:
        negotiation.end_partnership(world, p, Status.dissolved if agreed else Status.broken, "left")
    elif waiting:
        negotiation.requalify_approval(world, p)


def run_program(world: World, org: Org, cmd: RunProgram) -> Program:
    if cmd.domain not in world.domain_index:
        raise Impossible("unknown_domain", domain=cmd.domain)
    if cmd.funds < 0 or cmd.staff < 0 or cmd.funds + cmd.staff <= 0 or not 1 <= cmd.months <= 24:
        raise Impossible("bad_terms")
    if cmd.funds > org.funds + 1e-9:
        raise Impossible(
            "no_funds", org=world.name(org.idx), need=round(cmd.funds, 1), have=round(org.funds, 1)
        )
    if cmd.staff > org.free_staff:
        raise Impossible("no_staff", org=world.name(org.idx), need=cmd.staff, have=org.free_staff)
    program = Program(
        world.new_id(),
        org.idx,
        world.domain_index[cmd.domain],
        float(cmd.funds),
        int(cmd.staff),
        cmd.months,
    )
    org.staff_busy += program.staff
    world.programs.append(program)
    org.count("programs")
    world.log(
        "program",
        "program_started",
        (org.idx,),
        org=world.name(org.idx),
        domain=world.domain_name(program.domain),
        funds=round(cmd.funds, 1),
        staff=cmd.staff,
        months=cmd.months,
        program=program.id,
    )
    return program


def stop_program(world: World, org: Org, cmd: StopProgram) -> None:
    """A team whose programme drained the money it owed its partners could not stop it, and
    missed payments for five months."""
    program = next((q for q in world.programs if q.id == cmd.program and q.months_left > 0), None)
    if program is None or program.org != org.idx:
        raise Impossible("not_your_program", id=cmd.program)
    world.programs.remove(program)
    org.staff_busy = max(0, org.staff_busy - program.staff)
    world.log(
        "program_stopped",
        "program_stopped",
        (org.idx,),
        org=world.name(org.idx),
        domain=world.domain_name(program.domain),
        funds=round(program.funds, 1),
        months=program.months_left,
        program=program.id,
    )


def grant_obstacle(world: World, org: Org, grant_id: str) -> Impossible | None:
    """Why `org` may not apply for the grant now, or None; the UI shows it before the click."""
    spec = world.grant_specs.get(grant_id)
    state = world.grants.get(grant_id)
    if spec is None or state is None:
        return Impossible("unknown_grant", grant=grant_id)
    name = world.grant_name(grant_id)
    # What never changes comes first: "opens in month 7", then in month 7 "not for your
    # sector", sent a team waiting six months for money it could never have.
    if spec.sectors and org.sector not in spec.sectors:  # and for whom it is, in words
        sectors = [Msg(f"sim.sector.{sector.value}") for sector in spec.sectors]
        return Impossible("grant_sector", grant=name, sectors=sectors)
    if spec.orgs and org.id not in spec.orgs:
        return Impossible("grant_not_for_you", grant=name)
    if spec.requires_legal_entity and not org.legal_entity:
        return Impossible("grant_legal_entity", grant=name, org=world.name(org.idx))
    if not state.open:  # say when it opens, or since when it is closed, where the file says
        spec = world.grant_specs[grant_id]
        if world.month < spec.opens:
            return Impossible("grant_opens_later", grant=name, month=spec.opens)
        if spec.closes is not None and world.month > spec.closes:
            return Impossible("grant_closed_since", grant=name, month=spec.closes)
        return Impossible("grant_closed", grant=name)
    if any(i == org.idx and g == grant_id for i, g in world.pending_grants):
        return Impossible("grant_already", grant=name)
    if spec.once_per_org and org.idx in state.applied_by:  # answered already, yes or no
        return Impossible("grant_once", grant=name)
    if org.credibility < spec.min_credibility:
        return Impossible("grant_credibility", grant=name, need=spec.min_credibility)
    if spec.requires_partnership and not world.partners_of(org.idx):
        return Impossible("grant_partnership", grant=name)
    return None


def apply_for_grant(world: World, org: Org, cmd: ApplyForGrant) -> None:
    obstacle = grant_obstacle(world, org, cmd.grant)
    if obstacle is not None:
        raise obstacle
    name = world.grant_name(cmd.grant)
    state = world.grants[cmd.grant]
    state.applied_by.add(org.idx)
    world.pending_grants.append((org.idx, cmd.grant))
    org.count("grant_applications")
    world.log("grant_applied", "grant_applied", (org.idx,), org=world.name(org.idx), grant=name)


def train_staff(world: World, org: Org, cmd: TrainStaff) -> None:
    _spend(world, org, world.rules.training_cost, "no_funds")
    before = org.capacity
    org.capacity += world.rules.training_capacity * (1 - org.capacity)
    org.count("trainings")
    world.log(
        "training",
        "training",
        (org.idx,),
        org=world.name(org.idx),
        before=round(before, 2),
        after=round(org.capacity, 2),
    )


def follow_up(world: World, org: Org, cmd: FollowUpApproval) -> None:
    item = world.approval(cmd.item)
    if org.idx not in item.applicants:
        raise Impossible("not_applicant", org=world.name(org.idx))
    champion = None
    if cmd.champion is not None:
        champion = world.org(cmd.champion)
        willing = champion.champion or float(world.trust[champion.idx, org.idx]) >= 0.5
        if champion.idx == item.approver:
            raise Impossible("champion_is_approver", org=world.name(champion.idx))
        if not willing:
            trust_now = round(float(world.trust[champion.idx, org.idx]), 2)
            raise Impossible("no_champion", org=world.name(champion.idx), trust=trust_now)
    item.followups += 1
    if champion is not None:
        item.champion = True
    org.count("followups")
    own = item.approver == org.idx  # its own office's sign-off: "followed up with itself"
    world.log(
        "followup",
        "followup_own" if own else "followup",
        (org.idx,) if own else (org.idx, item.approver),
        org=world.name(org.idx),
        approver=world.name(item.approver),
        champion=world.name(champion.idx) if champion else "",
    )


def fire_inject(world: World, cmd: FireInject) -> list[Any]:
    for inject in world.scenario.injects:
        if inject.id == cmd.inject:
            return events.fire(world, inject, by_hand=True)
    raise Impossible("unknown_inject", inject=cmd.inject)


def schedule_inject(world: World, cmd: ScheduleInject) -> None:
    if not any(i.id == cmd.inject for i in world.scenario.injects):
        raise Impossible("unknown_inject", inject=cmd.inject)
    if not world.month <= cmd.month <= world.months:
        raise Impossible("bad_inject_month", month=cmd.month, first=world.month, last=world.months)
    world.scheduled.append((cmd.month, cmd.inject))
    world.log("inject_scheduled", "inject_scheduled", (), inject=cmd.inject, at=cmd.month)


HANDLERS: dict[type, Callable[..., Any]] = {
    ProposePartnership: propose,
    Respond: respond,
    HoldDialogue: dialogue,
    HoldMeeting: meeting,
    HoldVisioning: visioning,
    ShareInformation: share_information,
    EvaluatePartnership: evaluate,
    Renegotiate: renegotiate,
    AskChange: ask_change,
    LeavePartnership: leave,
    RunProgram: run_program,
    StopProgram: stop_program,
    ApplyForGrant: apply_for_grant,
    TrainStaff: train_staff,
    FollowUpApproval: follow_up,
}

MODEL_IDS = tuple(m.value for m in Model)
