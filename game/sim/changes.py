"""Changing a running partnership's terms jointly (DESIGN.md §7): one member asks another to
change its share, or to leave by agreement, and the change holds once that partner says yes.

`Renegotiate` changes only one's own share. A team whose partner could no longer pay had no
way to lower that partner's share or let it go without a broken promise on either side; a
partner who could give more could not be asked to. A request rides on the proposal machinery
(`Proposal.amends`), so answering, withdrawing, expiry and the inbox work as for offers; it
has no counter-offer. Only the asked partner answers: the change is about its share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.i18n import Msg
from game.sim import negotiation
from game.sim.errors import Impossible
from game.sim.report import reason
from game.sim.state import (
    ACCEPTED,
    PENDING,
    Contribution,
    Org,
    Partnership,
    Proposal,
    ProposalStatus,
    Status,
    Terms,
)

if TYPE_CHECKING:
    from game.sim.commands import AskChange
    from game.sim.world import World


def talks_allowed(world: World, p: Partnership, member: Org) -> bool:
    """When one member may ask another to change its share: while the partnership awaits
    approval (nothing is owed yet), at a joint evaluation this month, or when the asked
    partner was just hit by a shock (flexibility after a shock is no broken promise)."""
    return (
        p.status is Status.awaiting_approval
        or p.evaluated_month == world.month
        or member.shock_month >= world.month - 1
    )


def ask(world: World, org: Org, p: Partnership, cmd: AskChange) -> Proposal:
    """Open a request; the asked partner answers (a computer organisation at once)."""
    member = world.org(cmd.member)
    if member.idx == org.idx or member.idx not in p.members:
        raise Impossible("change_not_partner", org=world.name(member.idx), id=p.id)
    if cmd.funds < 0 or cmd.staff < 0:
        raise Impossible("bad_terms")
    if not talks_allowed(world, p, member):
        raise Impossible("change_needs_evaluation", id=p.id, org=world.name(member.idx))
    for q in world.open_proposals():
        if q.amends == p.id and member.idx in q.partners:
            raise Impossible("change_open", id=p.id, org=world.name(member.idx))
    old = p.contributions[member.idx]
    new = Contribution(member.id, round(float(cmd.funds), 1), int(cmd.staff))
    if not cmd.release and abs(new.funds - old.funds) < 1e-9 and new.staff == old.staff:
        raise Impossible("change_same", org=world.name(member.idx))
    shares = [
        new if m == member.idx else p.contributions[m]
        for m in p.members
        if not (cmd.release and m == member.idx)
    ]
    if sum(c.funds + c.staff for c in shares) <= 0:
        raise Impossible("nothing_committed")
    terms = _terms_with(world, p, tuple(shares))
    request = Proposal(
        world.new_id(),
        org.idx,
        [member.idx],
        terms,
        world.month,
        amends=p.id,
        release=cmd.release,
    )
    request.answers = {org.idx: ACCEPTED, member.idx: PENDING}
    world.proposals.append(request)
    world.log(
        "change",
        "change_release_asked" if cmd.release else "change_asked",
        (org.idx, member.idx, *(m for m in p.members if m not in (org.idx, member.idx))),
        partnership=p.id,
        org=world.name(org.idx),
        partner=world.name(member.idx),
        id=p.id,
        request=request.id,
        change=change_words(old, new),
    )
    negotiation.advance(world, request)
    return request


def log_answer(
    world: World, request: Proposal, key: str, who: Any, cause: Msg | None = None
) -> None:
    """Log what became of a request (`key`: accepted, declined, expired, ...), named by the
    partnership it amends. A request to leave reads as one ("agreed to leave partnership
    #6"), not as a change of share."""
    world.log(
        "change",
        ("release_" if request.release else "change_") + key,
        request.parties,
        cause=cause,
        partnership=request.amends,
        org=who,
        id=request.amends,
        request=request.id,
    )


def change_words(old: Contribution, new: Contribution) -> list[Msg]:
    """What a change of one member's share changes, in words for the log and the inbox."""
    out = []
    if abs(new.funds - old.funds) > 1e-9:
        out.append(Msg("sim.change.funds", {"before": round(old.funds, 1), "after": new.funds}))
    if new.staff != old.staff:
        out.append(Msg("sim.change.staff", {"before": old.staff, "after": new.staff}))
    return out or [Msg("sim.change.none", {})]


def ai_answer(world: World, request: Proposal, org: Org) -> None:
    """A computer partner answers at once, as `judge` says."""
    p = world.partnership(request.amends)  # type: ignore[arg-type]
    if not p.is_live or org.idx not in p.members:
        why = reason("partnership_over")
        negotiation.close(world, request, ProposalStatus.withdrawn, org, "void", why)
        return
    new = None if request.release else request.terms.contribution(org.id)
    why = judge(world, org, p, new)
    if why is None:
        request.answers[org.idx] = ACCEPTED
        log_answer(world, request, "accepted", world.name(org.idx))
        return
    negotiation.close(world, request, ProposalStatus.rejected, org, "declined", why)


def judge(world: World, org: Org, p: Partnership, new: Contribution | None) -> Msg | None:
    """How a computer partner answers a request to change its share to `new` (None: to
    leave): None for yes, else its reason. It says yes to paying less, to leaving when it
    missed its share here in the last three months, cannot keep paying or no longer values
    the work, and to paying more only if it would agree to those terms anew. Read-only, so
    the team's form can say the likely answer."""
    old = p.contributions[org.idx]
    if new is None:
        # One that missed its share here lately knows it is failing its partners (a team
        # asked Karang Taruna to leave after its miss and heard "it wants to stay").
        missed_lately = p.last_missed.get(org.idx, -99) >= world.month - 3
        if missed_lately or short_of_money(world, org):
            return None
        current = tuple(p.contributions[m] for m in p.members)
        view = negotiation.appraise(world, org, p.members, _terms_with(world, p, current))
        return None if not view.accepts else reason("wants_to_stay", org=world.name(org.idx))
    if new.funds <= old.funds + 1e-9 and new.staff <= old.staff:
        return None
    shares = tuple(new if m == org.idx else p.contributions[m] for m in p.members)
    held = old.staff if world.engine >= 5 else 0  # its people here are its own to give (5)
    terms = _terms_with(world, p, shares)
    # A running partnership's approval is behind it: "the approval would take too long"
    # answered a request to pay more into work already under way (engine 6).
    approved = world.engine >= 6 and p.is_active
    view = negotiation.appraise(world, org, p.members, terms, held_staff=held, approved=approved)
    return None if view.accepts else reason(view.reason_key, org=world.name(org.idx))


def short_of_money(world: World, org: Org) -> bool:
    """Whether its partnership shares exceed what it can pay next month, keeping two months'
    upkeep aside when income does not cover it (as the AI's own adaptation judges it)."""
    committed = sum(
        p.contributions[org.idx].funds for p in world.live if p.is_active and org.idx in p.members
    )
    return committed > 0 and org.can_pay < committed


def _terms_with(world: World, p: Partnership, shares: tuple[Contribution, ...]) -> Terms:
    """The partnership's terms for the months left, with these shares."""
    focus = negotiation.focus_items(world, p.focus)
    return Terms(p.model, focus, shares, max(1, world.months_left(p)))


def conclude(world: World, request: Proposal) -> None:
    """Both said yes: the change holds, with no loss of trust (it was agreed)."""
    member_idx = request.partners[0]
    member = world.orgs[member_idx]
    p = world.partnership(request.amends)  # type: ignore[arg-type]
    if not p.is_live or member_idx not in p.members or request.proposer not in p.members:
        negotiation.close(
            world, request, ProposalStatus.withdrawn, member, "void", reason("partnership_over")
        )
        return
    old = p.contributions[member_idx]
    new = request.terms.contribution(member.id)
    extra_staff = new.staff - old.staff
    if not request.release and extra_staff > member.free_staff:
        # its staff went elsewhere since it said yes
        why = reason("cannot_spare_staff", org=world.name(member_idx))
        negotiation.close(world, request, ProposalStatus.rejected, member, "declined", why)
        return
    request.status = ProposalStatus.agreed
    request.waiting_on = None
    request.partnership = p.id
    world.orgs[request.proposer].count("renegotiations")
    if request.release:
        member.staff_busy = max(0, member.staff_busy - old.staff)
        waiting = p.status == Status.awaiting_approval
        p.remove_member(member_idx, agreed=True)
        world.log(
            "left",
            "released",
            (member_idx, *p.members),
            partnership=p.id,
            org=world.name(member_idx),
            by=world.name(request.proposer),
            id=p.id,
        )
        if len(p.members) < 2:
            negotiation.end_partnership(world, p, Status.dissolved, "released")
        elif waiting:
            negotiation.requalify_approval(world, p)
        return
    p.contributions[member_idx] = new
    member.staff_busy += extra_staff
    world.log(
        "change",
        "change_agreed",
        p.members,
        partnership=p.id,
        org=world.name(request.proposer),
        partner=world.name(member_idx),
        id=p.id,
        request=request.id,
        change=change_words(old, new),
    )
