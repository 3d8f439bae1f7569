"""Read-only previews: what an action will likely do, worked out before the team commits.

Nothing here changes the world. Where the engine has a public function (negotiation.appraise,
valuation.approval_chance, solo_value) the preview calls it; a few one-line rules the engine
keeps private (a grant's chance, when a change counts as joint) are mirrored here and named as
such, so a tuning change in `game/sim` shows up as a failing UI test rather than a lying form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.i18n import Msg, Translator
from game.scenario.schema import Model
from game.sim import actions, changes, month, negotiation, trust
from game.sim.errors import Impossible
from game.sim.policies import params_of
from game.sim.state import ApprovalItem, Contribution, Org, Partnership, Status, Terms
from game.sim.valuation import (
    approval_chance,
    effective_input,
    friction,
    partnership_value,
    solo_value,
)
from game.ui.formatting import domain_name, full_name, model_name, money, num, pct, short_name

if TYPE_CHECKING:
    from game.sim.world import World

Line = tuple[str, str]


def _warm(t0: float, amount: float, ceiling: float) -> float:
    return min(ceiling, t0 + amount * (1.0 - t0))


def dialogue(world: World, t: Translator, org: Org, other: Org) -> list[Line]:
    rules = world.rules
    a, b = org.idx, other.idx
    tension = float(world.tension[a, b] + world.tension[b, a]) / 2
    after = max(0.0, tension - rules.dialogue_tension)
    trust0 = float(world.trust[a, b])
    trust1 = _warm(trust0, rules.dialogue_trust, 1.0 - float(world.damage[a, b]))
    known0 = float(world.known[a, b])
    known1 = known0 + rules.dialogue_reveal * (1 - known0)
    out: list[Line] = [
        ("effect", t("ui.effect.tension", before=num(t, tension, 2), after=num(t, after, 2))),
        ("effect", t("ui.effect.trust", before=num(t, trust0, 2), after=num(t, trust1, 2))),
        ("effect", t("ui.effect.known", before=pct(t, known0), after=pct(t, known1))),
    ]
    if any(p.disputed and b in p.members for p in world.partnerships_of(a)):
        out.append(("effect", t("ui.effect.dispute_may_settle")))
    return out


def program(
    world: World, t: Translator, org: Org, domain: str, funds: float, staff: int, months: int
) -> list[Line]:
    rules = world.rules
    d = world.domain_index[domain]
    value = solo_value(effective_input(funds, staff, org.capacity, rules), rules)
    # As the month turns points into the indicator (month._apply_impact): the closer a need
    # is to 100, the less a point moves it. The raw points promised twice what came.
    bonus = 1.0 + min(0.3, 0.05 * org.innovations)  # as month.run_work credits innovations
    points = rules.impact_scale * value * bonus * (100.0 - float(world.indicators[d])) / 100.0
    out: list[Line] = [
        (
            "effect",
            t("ui.effect.program", points=num(t, points, 2), domain=domain_name(world, t, d)),
        )
    ]
    # Who else works on the need: other organisations' programmes and partnerships, and the
    # team's own partnerships by number (its partners work there with it, not beside it).
    others = {p.org for p in world.programs if p.domain == d and p.org != org.idx}
    mine = []
    for p in world.partnerships:
        if p.is_active and float(p.focus[d]) >= 0.3:
            if org.idx in p.members:
                mine.append(p.id)
            else:
                others |= set(p.members)
    if others or mine:
        parts = [t("ui.warn.your_partnership", id=pid) for pid in mine]
        parts += [short_name(world, t, m) for m in sorted(others)]
        share = int(100 * rules.duplication_overlap)
        warning = Msg("ui.warn.duplication", {"names": parts, "share": share})  # "A and B"
        out.append(("warn", t.msg(warning)))
    if funds > org.funds + 1e-9:
        out.append(("block", t("ui.warn.funds", need=money(t, funds), have=money(t, org.funds))))
    else:
        out.append(funds_after(t, world, org, funds))
        runs = months_funded(world, org, funds, months)
        if runs < months:  # a month it cannot pay does no work at all
            total = money(t, funds * months)
            key = "ui.warn.program_runs_dry" if runs else "ui.warn.program_unpaid_now"
            out.append(("warn", t(key, total=total, runs=runs)))
    out += game_ends(world, t, months)
    if staff > org.free_staff:
        out.append(("block", t("ui.warn.staff", need=staff, have=org.free_staff)))
    if funds <= 0 and staff <= 0:
        out.append(("block", t("ui.warn.nothing")))
    return out


def months_counted(world: World, months: int) -> int:
    """Of a term of `months` agreed now, the months the game still plays."""
    return min(months, world.months - world.month + 1)


def game_ends(world: World, t: Translator, months: int) -> list[Line]:
    """Work agreed for longer than the game has left: a 12-month offer in month 7 of 12
    said "total Rp 24 juta" of which only six months would ever be paid or played."""
    remaining = world.months - world.month + 1
    if months <= remaining:
        return []
    return [("info", t("ui.info.game_ends", last=world.months, n=remaining))]


def shares_due(world: World, org: Org) -> float:
    """What the month's end takes for its running partnerships alone: paid before its own
    programmes, so a shortfall beyond these leaves only a programme unfunded."""
    return sum(
        p.contributions[org.idx].funds
        for p in world.partnerships_of(org.idx)
        if p.is_active and org.idx in p.contributions
    )


def due_this_month(world: World, org: Org) -> float:
    """What the month's end takes from the organisation: its contributions to running
    partnerships and its programmes' funds (income and upkeep came at the month's start)."""
    due = sum(
        p.contributions[org.idx].funds
        for p in world.partnerships_of(org.idx)
        if p.is_active and org.idx in p.contributions
    )
    return due + sum(p.funds for p in world.programs if p.org == org.idx and p.months_left > 0)


def funds_after(t: Translator, world: World, org: Org, cost: float) -> Line:
    """What the team keeps after this action and everything else the month's end takes: the
    form said 'after this, Rp 36 juta' while the month already owed Rp 40 juta more."""
    left = org.funds - cost - due_this_month(world, org)
    kind = "info" if left >= 0 else "warn"
    return (kind, t("ui.form.funds_after", have=money(t, org.funds), left=money(t, left)))


def months_funded(
    world: World,
    org: Org,
    funds: float,
    months: int,
    upfront: float = 0.0,
    start: int = 0,
) -> int:
    """How many of `months` payments of a new commitment of `funds` a month (after `upfront`
    paid at once) are paid, if the organisation's income, staff and what it already owes
    each month stay as they are now. The first payment falls at the end of the month `start`
    months from now (0: this month), as one behind an approval wait does. `funds` 0 asks
    whether what it already owes is paid: how many month-ends the money lasts without it."""
    # What it already owes in each coming month, from the month each payment starts to the
    # month it ends: counting a partnership still awaiting approval from now said "not even
    # the first month paid" beside a panel that rightly owed nothing for it yet.
    horizon = start + months
    owed = [0.0] * horizon
    for p in world.partnerships_of(org.idx):
        if org.idx not in p.contributions:
            continue
        first = 0
        if p.status is Status.awaiting_approval:
            expected = negotiation.expected_wait(world, p.members, p.approver)
            # The months it is still expected to lose (`lost_months`), less those gone.
            lost = lost_months(expected) - (world.month - p.agreed)
            first = max(0, math.ceil(lost - 1e-9))
        for k in range(first, min(horizon, first + world.months_left(p))):
            owed[k] += p.contributions[org.idx].funds
    for prog in world.programs:
        if prog.org == org.idx:
            for k in range(min(horizon, prog.months_left)):
                owed[k] += prog.funds
    money_now = org.funds
    for k in range(horizon):
        if k == start:
            money_now -= upfront
        money_now -= owed[k]  # the month's other payments come first (month.run_work)
        if k >= start:
            if money_now < funds:
                return k - start
            money_now -= funds
        money_now += org.income - org.staff * org.staff_cost
    return months


def short_already(world: World, t: Translator, org: Org, months: int, runs: int) -> str:
    """A shortfall that is there without the new commitment, said as such ("" when there is
    none within `months` month-ends): a deal worth Rp 0.9 juta in all came with "your money
    runs out after 7 months", which it did without that deal. `runs`: the month-ends the
    money lasts with the commitment, counted from now."""
    before = months_funded(world, org, 0.0, months)
    if before >= months:
        return ""
    key = "ui.nego.short_already" if before else "ui.nego.short_already_now"
    text = t(key, runs=before)
    if runs < before:  # the deal brings it forward
        text += " " + t("ui.nego.short_sooner" if runs else "ui.nego.short_sooner_now", runs=runs)
    return text


@dataclass(frozen=True)
class ApprovalWait:
    """How long an approval may take, as the engine's queue works (`month.advance_approvals`):
    the months it waits, counted as its log counts them ("approved after 1 month")."""

    approver: int
    expected: float  # `negotiation.expected_wait`
    least: int  # the soonest it can pass
    likely: int  # four approvals in five have passed by then
    chance: float  # its chance to pass each month once it may


LIKELY = 0.8  # the share of approvals "usually" covers


def approval_wait(world: World, members: list[int], approver: int) -> ApprovalWait:
    """The approval's wait, from the engine's expected value: at least the scenario's
    minimum, and usually no more than `likely` (a team told "about 6 months" had its
    approval after 1, and read the estimate as a promise)."""
    expected = negotiation.expected_wait(world, members, approver)
    least = max(1, world.rules.approval_min_wait)  # the first chance comes at a month's end
    # expected = min_wait + (1 - p) / p, so p follows from it (and from a test's stand-in)
    chance = min(1.0, 1.0 / max(1.0, expected - world.rules.approval_min_wait + 1.0))
    likely = least
    while chance < 1.0 and 1.0 - (1.0 - chance) ** (likely - least + 1) < LIKELY:
        likely += 1
    return ApprovalWait(approver, expected, least, likely, chance)


def lost_months(expected: float) -> float:
    """Months an approval expected to take `expected` months (as `negotiation.expected_wait`
    says it) keeps a partnership idle and unpaid: approved at the end of the month it was
    agreed, it runs and is paid that very month (`negotiation.activate`), so none is lost."""
    return max(0.0, expected - 1.0)


@dataclass(frozen=True)
class WorkMonths:
    """The months of an agreed term that will be worked and paid, with an approval's wait."""

    expected: float  # on average over the likely waits
    most: int  # if the approval comes at its first chance
    never: float  # the chance it never starts within the term or the game

    @property
    def about(self) -> int:
        """The expected months as said: "about 7 months of work"."""
        return max(1, round(self.expected)) if self.most else 0


def work_months(world: World, months: int, wait: ApprovalWait | None) -> WorkMonths:
    """Of a term of `months` agreed now, the months the partnership will run and be paid
    for (`month.run_work` pays only while it is active): before the game ends and after
    the approval; since engine 2 the term itself counts from the agreement."""
    counted = months_counted(world, months)
    if wait is None:
        return WorkMonths(float(counted), counted, 0.0)
    remaining = world.months - world.month + 1

    def work(lost: int) -> int:
        if world.term_runs_while_waiting:
            return max(0, counted - lost)
        return max(0, min(months, remaining - lost))

    p = wait.chance
    expected, never, n = 0.0, 1.0, 0
    while work(wait.least - 1 + n) > 0:
        expected += p * (1.0 - p) ** n * work(wait.least - 1 + n)
        never *= 1.0 - p
        n += 1
    return WorkMonths(expected, work(wait.least - 1), never)


def terms_wait(world: World, members: list[int], terms: Terms) -> ApprovalWait | None:
    """The approval these terms need, if any (`negotiation.needs_approval`)."""
    approver = negotiation.needs_approval(
        world, members, world.focus_vector(terms.focus), terms.model
    )
    return None if approver is None else approval_wait(world, members, approver)


def wait_words(t: Translator, wait: ApprovalWait) -> str:
    """ "usually 1–9 months (about 6 on average)", or "about 2 months" when that is all."""
    months = max(wait.least, round(wait.expected))
    if wait.likely <= wait.least:
        return t("ui.effect.wait_about", months=months)
    return t("ui.effect.wait_range", least=wait.least, likely=wait.likely, months=months)


def grant_obstacle(world: World, t: Translator, org: Org, gid: str) -> str:
    """Why `org` cannot apply for a grant now, in words ("" if it can)."""
    obstacle = actions.grant_obstacle(world, org, gid)
    return t.msg(obstacle.reason) if obstacle is not None else ""


def grant_chance(world: World, org: Org, gid: str) -> float:
    return month.grant_chance(world, org.idx, gid)


def grant(world: World, t: Translator, org: Org, gid: str) -> list[Line]:
    spec, state = world.grant_specs[gid], world.grants[gid]
    out: list[Line] = [("effect", t("ui.effect.grant_amount", amount=money(t, state.amount)))]
    obstacle = grant_obstacle(world, t, org, gid)
    if state.open and not obstacle:  # a chance "now" beside a refusal read as an invitation
        chance = pct(t, grant_chance(world, org, gid))
        out.append(("effect", t("ui.effect.grant_chance", chance=chance)))
        if spec.once_per_org:  # "more partners raise it" invited waiting; a no is final
            out.append(("info", t("ui.effect.grant_once")))
    if spec.approver is not None and spec.approver != org.id:
        approver = world.org_index[spec.approver]
        out.append(("info", t("ui.effect.grant_approval", approver=full_name(world, t, approver))))
    if spec.domains:
        names = ", ".join(domain_name(world, t, world.domain_index[d]) for d in spec.domains)
        out.append(("info", t("ui.effect.grant_domains", domains=names)))
    if obstacle:
        out.append(("block", obstacle))
    return out


def item_chance(world: World, item: ApprovalItem, followups: int, champion: bool) -> float:
    applicants = [m for m in item.applicants if m != item.approver] or item.applicants
    trust = sum(float(world.trust[item.approver, m]) for m in applicants) / len(applicants)
    return approval_chance(
        world.orgs[item.approver].bureaucracy,
        world.regulation,
        trust,
        followups,
        champion,
        item.mou,
        world.rules,
    )


def item_label(world: World, t: Translator, item: ApprovalItem) -> str:
    if item.kind == "grant":
        what = t.text(world.grant_name(str(item.subject)))
    else:
        what = t("ui.partnership_short", id=item.subject)
    return t(
        "ui.item_label",
        what=what,
        approver=short_name(world, t, item.approver),
        months=item.waited,
    )


def followup(
    world: World, t: Translator, org: Org, item: ApprovalItem, champion: str | None
) -> list[Line]:
    refused = ""
    if champion is not None:
        other = world.org(champion)
        trust_now = float(world.trust[other.idx, org.idx])
        willing = other.champion or trust_now >= 0.5
        name = full_name(world, t, other.idx)
        if other.idx == item.approver:
            refused = t("sim.impossible.champion_is_approver", org=name)
        elif not willing:
            refused = t("sim.impossible.no_champion", org=name, trust=num(t, trust_now, 2))
    bring = champion is not None and not refused  # a refused champion improves nothing
    before = item_chance(world, item, item.followups, item.champion)
    after = item_chance(world, item, item.followups + 1, item.champion or bring)
    out: list[Line] = [
        ("effect", t("ui.effect.approval_chance", before=pct(t, before), after=pct(t, after)))
    ]
    if item.followups >= 3:
        out.append(("info", t("ui.effect.followups_capped")))
    if refused:
        out.append(("block", refused))
    return out


def joint_change_allowed(world: World, org: Org, p: Partnership) -> bool:
    return actions.joint_change_allowed(world, org, p)


def change_request(
    world: World, t: Translator, org: Org, p: Partnership, member: Org, new: Contribution | None
) -> list[Line]:
    """What asking `member` to change its share to `new` (None: to leave) would do, whether
    the engine would take the request now, and how a computer partner would likely answer."""
    out: list[Line] = []
    name = short_name(world, t, member.idx)
    old = p.contributions[member.idx]
    out.append(
        (
            "info",
            t("ui.effect.their_share", org=name, funds=money(t, old.funds), staff=old.staff),
        )
    )
    missed = p.missed.get(member.idx, 0)
    if missed:
        last = p.last_missed.get(member.idx, world.month)
        out.append(("warn", t("ui.effect.their_misses", org=name, n=missed, month=last)))
    pool = sum(c.funds for c in p.contributions.values())
    if new is None:
        key = "ui.effect.release" if old.staff else "ui.effect.release_no_staff"
        out.append(("effect", t(key, org=name, id=p.id)))
        if len(p.members) <= 2:
            out.append(("warn", t("ui.effect.release_ends", id=p.id, org=name)))
    elif abs(new.funds - old.funds) < 1e-9 and new.staff == old.staff:
        out.append(("block", t("ui.warn.no_change_theirs", org=name)))
        return out  # nothing to ask, so no answer to foresee
    else:
        words = "; ".join(t.msg(m) for m in changes.change_words(old, new))
        out.append(("effect", t("ui.effect.ask_change", org=name, change=words)))
    after = pool - old.funds + (new.funds if new is not None else 0.0)
    if abs(after - pool) > 1e-9:  # less money in means less work done on the needs
        out.append(
            ("info", t("ui.effect.pool_after", before=money(t, pool), after=money(t, after)))
        )
    if not changes.talks_allowed(world, p, member):
        out.append(
            (
                "block",
                t(
                    "sim.impossible.change_needs_evaluation",
                    id=p.id,
                    org=full_name(world, t, member.idx),
                ),
            )
        )
        return out
    if any(q.amends == p.id and member.idx in q.partners for q in world.open_proposals()):
        out.append(("block", t("sim.impossible.change_open", id=p.id, org=name)))
        return out
    if member.human:
        out.append(("info", t("ui.effect.change_team_answers", org=name)))
        return out
    why = changes.judge(world, member, p, new)
    if why is None:
        out.append(("effect", t("ui.effect.change_likely_yes", org=name)))
    else:
        out.append(("warn", t("ui.effect.change_likely_no", org=name, why=t.msg(why))))
    return out


# --- proposals -------------------------------------------------------------------------------
@dataclass(frozen=True)
class LikelyAnswer:
    """How an AI partner would likely answer, from its appraisal of the terms."""

    org: str
    verdict: str  # yes, maybe, no, human
    reason: str  # translated objection, "" if none
    # Said by a partner that would say yes to a share it cannot keep paying for the whole
    # term ("likely yes", then missed payments from month 4, read as betrayal).
    caution: str = ""
    objection: str = ""  # the reason's key (`negotiation.Appraisal.objection`)


def likely_answers(
    world: World, t: Translator, proposer: Org, partners: list[str], terms: Terms
) -> tuple[list[LikelyAnswer], str]:
    """Each partner's likely answer, and a problem with the terms themselves ("" if none).

    A margin around the AI's threshold reads "close" or "maybe": the preview sees today's
    world, and the answer comes after the other parties have spoken.
    """
    try:
        members = negotiation.check_terms(world, proposer, partners, terms)
    except Impossible as exc:
        return [], t.msg(exc.reason)
    out = []
    for pid in partners:
        org = world.org(pid)
        if org.human:
            out.append(LikelyAnswer(pid, "human", ""))
            continue
        params = params_of(org.policy)
        if not params.partners:
            out.append(LikelyAnswer(pid, "no", t("sim.reason.works_alone")))
            continue
        full = _complete(world, members, terms)
        view = negotiation.appraise(world, org, members, full, params)
        margin = view.score - view.threshold
        # As the engine answers (negotiation._ai_answer): short of yes, only an objection a
        # counter-offer can answer brings a counter; any other is a no ("unsure - may
        # counter" usually meant no, and one no closes the offer for everyone).
        if view.accepts:
            verdict = "yes" if margin > 0.05 else "close"
        elif margin > -0.15 and view.objection in negotiation.FIXABLE and view.feasible:
            verdict = "maybe"
        else:
            verdict = "no"
        why = ""
        if verdict != "yes" and view.objection:
            why = t(f"sim.reason.{view.reason_key}", org=full_name(world, t, org.idx))
        caution = ""
        share = full.contribution(pid)
        if verdict != "no" and share.funds > 0:
            upfront = (
                world.rules.tech_upfront * share.funds if terms.model == Model.technology else 0.0
            )
            # Over the months it is expected to pay, after the approval, as the team's own
            # line counts them: the full term said "3 of the 12 months" of a deal that would
            # be paid for 7 at most.
            paid = work_months(world, full.months, terms_wait(world, members, full)).about
            start = max(0, months_counted(world, full.months) - paid)
            runs = months_funded(world, org, share.funds, paid, upfront, start)
            if runs < paid:
                caution = t(
                    "ui.nego.partner_runs_dry",
                    org=short_name(world, t, org.idx),
                    runs=runs,
                    months=paid,
                )
        out.append(LikelyAnswer(pid, verdict, why, caution, view.objection if why else ""))
    return out, ""


@dataclass(frozen=True)
class ExpectedWork:
    """A month of a partnership's work on these terms, as the month would count it."""

    gains: list[tuple[int, float]]  # (domain, indicator points a month), largest first
    alone: float  # indicator points a month of the viewer's own share spent alone
    alone_domain: int


def expected_work(world: World, viewer: int, members: list[int], terms: Terms) -> ExpectedWork:
    """What the partnership would do for the needs each month once it runs, worked out as
    `month._run_partnership` does from today's world: the members' paid shares and skill,
    the model, the friction of the fit the viewer believes in, today's tension, and the
    new partnership's understanding; then as `month._apply_impact` turns points into a
    need (before any overlap with other work). Beside it, the viewer's own share spent on
    a programme of its own: the comparison the workshop is about, seen before signing."""
    rules, orgs = world.rules, world.orgs
    full = negotiation.complete_contributions(world, members, terms)
    inputs = []
    for m in members:
        c = full.contribution(orgs[m].id)
        inputs.append(effective_input(c.funds, c.staff, orgs[m].capacity, rules))
    sectors = len({orgs[m].sector for m in members})
    focus = world.focus_vector(terms.focus)
    fit = mission_fit(world, viewer, members, terms.focus)
    understanding = 0.05 + 0.2 * trust.mean_trust(world, members)  # as form_partnership
    fr = friction(1.0 - fit, understanding, trust.mean_tension(world, members), 0.0, rules)
    value = partnership_value(terms.model, inputs, sectors, rules) * (1.0 - fr)
    bonus = 1.0 + sum(_innovation_bonus(orgs[m]) for m in members) / len(members)
    points = rules.impact_scale * value * bonus
    current = world.indicators.tolist()
    gains = [
        (d, points * share * (100.0 - current[d]) / 100.0)
        for d, share in enumerate(focus.tolist())
        if share > 0
    ]
    gains.sort(key=lambda g: -g[1])
    me = members.index(viewer) if viewer in members else -1
    top = gains[0][0] if gains else 0
    alone = 0.0
    if me >= 0:
        own = full.contribution(orgs[viewer].id)
        solo = solo_value(
            effective_input(own.funds, own.staff, orgs[viewer].capacity, rules), rules
        )
        alone = rules.impact_scale * solo * (1.0 + _innovation_bonus(orgs[viewer]))
        alone *= (100.0 - current[top]) / 100.0
    return ExpectedWork(gains, alone, top)


def _innovation_bonus(org: Org) -> float:
    """As `month.run_work` credits an organisation's innovations to its work."""
    return min(0.3, 0.05 * org.innovations)


def work_lines(
    world: World, t: Translator, viewer: int, members: list[int], terms: Terms
) -> list[Line]:
    """The expected work as form lines: what the whole partnership would add to each need
    over its months of work (after the expected approval, within the game), what the
    viewer's own share would add alone over the months the game has left for it, and what
    else the model brings. Per month and as the viewer's credited part, the figures read
    "+0.05 against +0.27 alone" on a network, whose worth is the learning: a team concluded
    that collaborating does three to five times worse."""
    work = expected_work(world, viewer, members, terms)
    counted = months_counted(world, terms.months)
    working = work_months(world, terms.months, terms_wait(world, members, terms)).about
    out: list[Line] = []
    shown = [(d, x * working) for d, x in work.gains if x * working >= 0.05]
    if working and shown:
        needs = [
            t("ui.nego.work_need", points=num(t, x, 1), domain=domain_name(world, t, d))
            for d, x in shown
        ]
        out.append(("effect", t.msg(Msg("ui.nego.work", {"needs": needs, "months": working}))))
    elif working:
        out.append(("warn", t("ui.nego.work_none")))
    if work.alone > 0:
        out.append(
            (
                "info",
                t(
                    "ui.nego.work_alone",
                    points=num(t, work.alone * counted, 1),
                    domain=domain_name(world, t, work.alone_domain),
                    months=counted,
                ),
            )
        )
    out.append(("info", t(f"ui.nego.work_also.{terms.model.value}")))
    return out


VERDICT_RANK = {"no": 0, "maybe": 1, "close": 2, "yes": 3}
# What a change of terms may have done to a partner's view (`what_changed`), and the
# objection that already says it.
CHANGED_VIEWS = ("alignment", "benefit", "cost", "wait", "carrying", "model")
_SAID_BY = {
    "alignment": "focus_far",
    "cost": "too_costly",
    "wait": "approval_slow",
    "carrying": "carries_alone",
}


def what_changed(
    world: World,
    t: Translator,
    proposer: Org,
    partners: list[str],
    pid: str,
    before: Terms,
    after: Terms,
    objection: str = "",
) -> str:
    """What most lowered an AI partner's view of the terms between two drafts, as a clause
    ("" when nothing stands out). When a likely yes turned into a no, the main objection
    alone misled: a smaller pot lowered the partner's expected benefit, and the answer named
    the partnerships it already has, which had not changed. `objection`: the answer's own
    reason, which a clause saying the same would repeat."""
    try:
        members = negotiation.check_terms(world, proposer, partners, after)
    except Impossible:
        return ""
    org = world.org(pid)
    params = params_of(org.policy)
    was = negotiation.appraise(world, org, members, _complete(world, members, before), params)
    now = negotiation.appraise(world, org, members, _complete(world, members, after), params)
    drops = {
        "alignment": params.w_align * (was.alignment - now.alignment),
        "benefit": params.w_benefit * (was.benefit - now.benefit),
        "cost": params.w_cost * (now.cost - was.cost),
        "wait": params.w_wait * (now.wait - was.wait) + 0.5 * (now.doomed - was.doomed),
        "carrying": now.carrying - was.carrying,
        "model": was.taste - now.taste,
    }
    key = max(CHANGED_VIEWS, key=drops.__getitem__)
    if drops[key] <= 0.005 or _SAID_BY.get(key) == objection:
        return ""  # nothing stands out, or the objection already says it
    return t(f"ui.nego.changed_view.{key}", org=short_name(world, t, org.idx))


def _complete(world: World, members: list[int], terms: Terms) -> Terms:
    return negotiation.complete_contributions(world, members, terms)


NEVER_STARTS = 0.25  # a chance this high that the term runs out waiting is warned of


def approval_line(
    world: World, t: Translator, members: list[int], terms: Terms, viewer: int | None = None
) -> Line:
    """Who must approve a partnership on these terms, and the likely wait, as a form line:
    a warning when the term may run out while it waits. A team that is itself the office
    hears it as its own office's sign-off, not as a wait for someone; an office among the
    members (the one proposing, say) is said to sign off internally: "Needs approval by
    Disdik" on Disdik's own offer read as if it waited for itself."""
    wait = terms_wait(world, members, terms)
    if wait is None:
        return ("info", t("ui.effect.no_approval"))
    approver = wait.approver
    if approver == viewer:
        key = "ui.effect.needs_own_approval"
    elif approver in members:
        key = "ui.effect.needs_member_approval"
    else:
        key = "ui.effect.needs_approval"
    text = t(key, approver=full_name(world, t, approver), wait=wait_words(t, wait))
    if approver not in members:  # an approval rule of the scenario: say why this office
        text += " " + t("ui.effect.approval_rule", approver=short_name(world, t, approver))
    if not world.term_runs_while_waiting:
        return ("info", text)
    # Since the term counts from the agreement: what is left for the work itself (a deal of
    # 8 months behind a 5-month approval was signed as if it ran 8), as the cost line says
    # it. A term that may well run out first is warned of instead.
    work = work_months(world, terms.months, wait)
    if work.never >= NEVER_STARTS:
        text += " " + t("ui.effect.may_never_start", months=terms.months)
        return ("warn", text)
    text += " " + t("ui.effect.months_of_work", work=work.about, months=terms.months)
    return ("warn" if work.about <= terms.months // 2 else "info", text)


def approval_note(
    world: World, t: Translator, members: list[int], terms: Terms, viewer: int | None = None
) -> str:
    """The approval line's text alone."""
    return approval_line(world, t, members, terms, viewer)[1]


def mission_fit(world: World, viewer: int, members: list[int], focus: Any) -> float:
    """How well the focus fits what the viewer believes of the members' missions (0–1):
    the same figure an AI organisation weighs when it appraises the terms."""
    sims = world.believed_similarity(viewer, members, world.focus_vector(focus))
    return sum(sims) / len(sims)


def staff_use(world: World, t: Translator, org: Org) -> list[str]:
    """Where an organisation's busy staff are, one line each: a team saw "2 of 5 free" with
    nothing running, its people held by a partnership still awaiting approval."""
    i = org.idx
    lines = []
    counted = 0
    for p in world.partnerships_of(i):
        staff = p.contributions[i].staff if i in p.contributions else 0
        if staff <= 0:
            continue
        counted += staff
        key = "ui.staff.waiting" if p.status is Status.awaiting_approval else "ui.staff.partnership"
        lines.append(t(key, n=staff, id=p.id, model=model_name(t, p.model)))
    for prog in world.programs:
        if prog.org == i and prog.staff > 0 and prog.months_left > 0:
            counted += prog.staff
            lines.append(
                t("ui.staff.program", n=prog.staff, domain=domain_name(world, t, prog.domain))
            )
    if org.staff_busy > counted:  # sharing information or a raised share, for this month
        lines.append(t("ui.staff.this_month", n=org.staff_busy - counted))
    return lines


def staff_held(world: World, org: Org) -> int:
    """Staff promised to partnerships still awaiting approval: busy, though no work runs."""
    i = org.idx
    return sum(
        p.contributions[i].staff
        for p in world.partnerships_of(i)
        if p.status is Status.awaiting_approval and i in p.contributions
    )


def months_of_money(world: World, org: Org) -> int | None:
    """How many more month-ends the money pays at this rate (income in, upkeep and what is
    owed each month out), or None when it does not run down. Work that ends or starts
    later changes it: it is a warning, not a forecast."""
    due = due_this_month(world, org)
    drain = due + org.staff * org.staff_cost - org.income
    if drain <= 1e-9:
        return None
    if org.funds < due:
        return 0
    return 1 + int((org.funds - due) // drain)
