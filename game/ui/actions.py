"""The action forms of DESIGN.md §7 as data: fields, a command to build, and a preview.

Every action a team can take opens a form that says what it costs and what it will likely do
before the team confirms. The forms are plain data built from a read-only look at the world,
so they are tested without a window; `widgets.form` draws them. Proposing a partnership has
its own dialog (`widgets.negotiation`); its button lives here with the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.i18n import Translator
from game.sim import actions as sim_actions
from game.sim.commands import (
    ApplyForGrant,
    AskChange,
    Command,
    EvaluatePartnership,
    FollowUpApproval,
    HoldDialogue,
    HoldMeeting,
    HoldVisioning,
    LeavePartnership,
    Renegotiate,
    RunProgram,
    ShareInformation,
    StopProgram,
    TrainStaff,
)
from game.sim.state import Contribution, Org, Partnership
from game.ui import preview
from game.ui.formatting import domain_name, full_name, money, num, short_name

if TYPE_CHECKING:
    from game.sim.world import World

# (kind, text); kind is cost, effect, info, warn, or block: a warning the engine would refuse
# the action over, so the form's confirm button waits until the team changes it.
Line = tuple[str, str]


@dataclass
class Choice:
    name: str
    label: str
    options: list[tuple[Any, str]]
    default: Any = None


@dataclass
class Number:
    name: str
    label: str
    minimum: float
    maximum: float
    step: float
    default: float
    unit: str = ""  # money, staff, months


Field = Choice | Number


@dataclass
class FormSpec:
    action: str
    title: str
    what: str
    fields: list[Field]
    build: Callable[[dict[str, Any]], Command]
    preview: Callable[[dict[str, Any]], list[Line]]
    blocked: str = ""  # why the action cannot be taken now, in words
    # Values that follow a choice: picking another partnership in "Change terms" shows that
    # partnership's current terms (the sliders kept the last one's, and a team nearly
    # proposed a change it never meant).
    follow: Callable[[str, Any], dict[str, Any]] | None = None
    # Fields that do nothing for the values chosen (the share sliders when asking a partner
    # to leave): the form disables them rather than let a team move them for nothing.
    inactive: Callable[[dict[str, Any]], set[str]] | None = None

    def defaults(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in self.fields:
            if isinstance(f, Choice):
                values[f.name] = f.default if f.default is not None else _first(f.options)
            else:
                values[f.name] = f.default
        return values

    def carry(self, values: dict[str, Any]) -> dict[str, Any]:
        """The defaults, overlaid with the team's choices that still fit this form: a form
        rebuilt in another language or after the facilitator's pause keeps what was set."""
        out = self.defaults()
        for f in self.fields:
            if f.name not in values:
                continue
            v = values[f.name]
            if isinstance(f, Choice):
                if any(option == v for option, _ in f.options):
                    out[f.name] = v
            elif isinstance(v, int | float):
                out[f.name] = min(f.maximum, max(f.minimum, v))
        return out


def _first(options: list[tuple[Any, str]]) -> Any:
    return options[0][0] if options else None


@dataclass
class Ctx:
    """What a form needs: the world (read only), the team's organisation, the selection."""

    world: World
    t: Translator
    actor: Org
    selected_org: str | None = None
    selected_partnership: int | None = None
    selected_item: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# Buttons of the action panel: (action id, group, shortcut label).
ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("dialogue", "relations", "D"),
    ("propose", "relations", "P"),
    ("meeting", "partnership", ""),
    ("visioning", "partnership", ""),
    ("evaluate", "partnership", ""),
    ("renegotiate", "partnership", ""),
    ("ask_change", "partnership", ""),
    ("leave", "partnership", ""),
    ("program", "own", ""),
    ("stop_program", "own", ""),
    ("grant", "own", ""),
    ("train", "own", ""),
    ("share", "own", ""),
    ("followup", "own", ""),
)
GROUPS = ("relations", "partnership", "own")


def blocked_reason(action: str, ctx: Ctx) -> str:
    """Why an action's button is disabled now ("" when it can be used)."""
    t, world, org = ctx.t, ctx.world, ctx.actor
    if world.finished:
        return t("ui.blocked.finished")
    if action != "respond" and org.agenda <= 0:
        return t("ui.blocked.no_agenda")
    if action in ("meeting", "visioning", "renegotiate", "ask_change", "leave") and not _live(
        world, org
    ):
        return t("ui.blocked.no_partnership")
    if action == "evaluate" and not _live(world, org, active=True):
        return t("ui.blocked.no_active_partnership")
    if action == "evaluate" and _all_evaluated(world, org):
        return t("ui.blocked.all_evaluated", held=_evaluated_by(world, t, org))
    if action == "stop_program" and not _own_programs(world, org):
        return t("ui.blocked.no_program")
    if action == "followup" and not _items(world, org):
        return t("ui.blocked.no_pending")
    if action == "grant":
        return _no_grant_ever(ctx)
    return ""


# What no month can change: a grant for other sectors, named organisations or registered
# bodies, one already answered, one closed for good.
_FOR_GOOD = {
    f"sim.impossible.{key}"
    for key in ("grant_sector", "grant_not_for_you", "grant_legal_entity", "grant_once")
} | {"sim.impossible.grant_closed_since"}


def _no_grant_ever(ctx: Ctx) -> str:
    """Why the grant button is off: the scenario has none, or none will ever be open to this
    organisation. A company opened the form to find each of three grants "not open to your
    sector"; one that opens later or needs more credibility still opens the form, to plan."""
    t, world, org = ctx.t, ctx.world, ctx.actor
    if not world.grant_specs:
        return t("ui.blocked.no_grants")
    reasons = [sim_actions.grant_obstacle(world, org, gid) for gid in world.grant_specs]
    if all(r is not None and r.reason.key in _FOR_GOOD for r in reasons):
        said = " ".join(t.msg(r.reason) for r in reasons if r is not None)
        return t("ui.blocked.no_grant_for_you", reasons=said)
    return ""


def make_form(action: str, ctx: Ctx) -> FormSpec:
    spec = _BUILDERS[action](ctx)
    spec.blocked = spec.blocked or blocked_reason(action, ctx)
    return spec


# --- helpers -------------------------------------------------------------------------------
def _evaluated_by(world: World, t: Translator, org: Org) -> str:
    """ "#5 by SDN 1": who held this month's evaluations, for a team that held none itself
    and saw the button off ("already evaluated" read as a mistake)."""
    ids = {p.id for p in _live(world, org, active=True)}
    said = [
        t("ui.blocked.evaluated_by", id=e.partnership, org=t.text(e.data["org"]))
        for e in world.entries
        if e.kind == "evaluation" and e.month == world.month and e.partnership in ids
    ]
    return ", ".join(said)


def _all_evaluated(world: World, org: Org) -> bool:
    """Every running partnership of `org` has had its one evaluation this month (engine 7)."""
    if world.engine < 7:
        return False
    return all(p.evaluated_month == world.month for p in _live(world, org, active=True))


def _live(world: World, org: Org, *, active: bool = False) -> list[Partnership]:
    return [
        p
        for p in world.partnerships_of(org.idx)
        if (p.is_active if active else p.is_live) and org.idx in p.members
    ]


def _own_programs(world: World, org: Org) -> list:
    return [q for q in world.programs if q.org == org.idx and q.months_left > 0]


def _items(world: World, org: Org) -> list:
    """Files the team may chase: its own, including those waiting for its own office's
    sign-off (a health centre pushing its own paperwork; "nothing of yours is waiting" was
    false while its partners chased it)."""
    return [a for a in world.approvals if org.idx in a.applicants]


def partnership_label(world: World, t: Translator, p: Partnership, viewer: int) -> str:
    others = ", ".join(short_name(world, t, m) for m in p.members if m != viewer)
    return t("ui.partnership_label", id=p.id, model=t(f"sim.model.{p.model.value}"), with_=others)


def _partnership_choice(ctx: Ctx, *, active: bool = False) -> Choice:
    options = [
        (p.id, partnership_label(ctx.world, ctx.t, p, ctx.actor.idx))
        for p in _live(ctx.world, ctx.actor, active=active)
    ]
    default = (
        ctx.selected_partnership if any(o[0] == ctx.selected_partnership for o in options) else None
    )
    return Choice("partnership", ctx.t("ui.field.partnership"), options, default)


def _org_choice(ctx: Ctx) -> Choice:
    world, t = ctx.world, ctx.t
    options = [(o.id, full_name(world, t, o.idx)) for o in world.orgs if o.idx != ctx.actor.idx]
    default = ctx.selected_org if ctx.selected_org != ctx.actor.id else None
    return Choice("other", t("ui.field.organisation"), options, default)


def _cost(t: Translator, *parts: str) -> Line:
    return ("cost", " · ".join([t("ui.cost.agenda", n=1), *parts]))


def _p(world: World, values: dict[str, Any]) -> Partnership | None:
    pid = values.get("partnership")
    if pid is None:
        return None
    for p in world.partnerships:
        if p.id == pid:
            return p
    return None


# --- the forms -----------------------------------------------------------------------------
def _dialogue(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    cost = world.rules.dialogue_cost

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t, money(t, cost))]
        if v.get("other") is None:
            return out
        other = world.org(v["other"])
        out += preview.dialogue(world, t, org, other)
        out.append(_funds_line(t, world, org, cost))
        return out

    return FormSpec(
        "dialogue",
        t("ui.action.dialogue"),
        t("ui.what.dialogue"),
        [_org_choice(ctx)],
        lambda v: HoldDialogue(org.id, v["other"]),
        lines,
    )


def _meeting(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor

    def lines(v: dict[str, Any]) -> list[Line]:
        p = _p(world, v)
        out = [_cost(t)]
        if p is not None:
            after = p.understanding + world.rules.meeting_understanding * (1 - p.understanding)
            out.append(_understanding(t, p.understanding, after))
            out.append(("effect", t("ui.effect.meeting_trust")))
        return out

    return FormSpec(
        "meeting",
        t("ui.action.meeting"),
        t("ui.what.meeting"),
        [_partnership_choice(ctx)],
        lambda v: HoldMeeting(org.id, v["partnership"]),
        lines,
    )


def _funds_line(t: Translator, world: World, org: Org, cost: float) -> Line:
    """What the team has and what it keeps after paying `cost` and the month's other
    payments, or why it cannot pay."""
    if org.funds < cost:
        return ("block", t("ui.warn.funds", need=money(t, cost), have=money(t, org.funds)))
    return preview.funds_after(t, world, org, cost)


def _understanding(t: Translator, before: float, after: float) -> Line:
    """The preview line for a rise in a partnership's shared understanding."""
    return (
        "effect",
        t("ui.effect.understanding", before=num(t, before, 2), after=num(t, after, 2)),
    )


def _visioning(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    cost = world.rules.visioning_cost

    def lines(v: dict[str, Any]) -> list[Line]:
        p = _p(world, v)
        out = [_cost(t, money(t, cost))]
        if p is not None:
            after = p.understanding + world.rules.visioning_understanding * (1 - p.understanding)
            out.append(_understanding(t, p.understanding, after))
            out.append(
                (
                    "effect",
                    t("ui.effect.focus_aligns", share=int(100 * world.rules.visioning_alignment)),
                )
            )
            out.append(("effect", t("ui.effect.learn_missions")))
        out.append(_funds_line(t, world, org, cost))
        return out

    return FormSpec(
        "visioning",
        t("ui.action.visioning"),
        t("ui.what.visioning"),
        [_partnership_choice(ctx)],
        lambda v: HoldVisioning(org.id, v["partnership"]),
        lines,
    )


def _share(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    staff = world.rules.share_staff

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t, t("ui.cost.staff_month", n=staff))]
        partners = sorted(world.partners_of(org.idx))
        gain = world.rules.transparency_trust

        def rise(k: int, share: float) -> str:  # as the engine warms trust (trust.warm)
            now = float(world.trust[k, org.idx])
            after = min(1.0 - float(world.damage[k, org.idx]), now + share * (1.0 - now))
            return f"{short_name(world, t, k)} {num(t, now, 2)} → {num(t, after, 2)}"

        if partners:
            rises = "; ".join(rise(m, gain) for m in partners)
            out.append(("effect", t("ui.effect.share_partners", rises=rises)))
            out.append(("effect", t("ui.effect.share_issues")))
        else:
            others = [o.idx for o in world.orgs if o.idx != org.idx]
            mean = sum(float(world.trust[k, org.idx]) for k in others) / max(1, len(others))
            after = mean + gain / 2 * (1.0 - mean)
            out.append(
                (
                    "effect",
                    t("ui.effect.share_everyone", before=num(t, mean, 2), after=num(t, after, 2)),
                )
            )
        out.append(
            (
                "effect",
                t(
                    "ui.effect.credibility",
                    before=num(t, org.credibility, 1),
                    after=num(t, min(100, org.credibility + 0.5), 1),
                ),
            )
        )
        if org.free_staff < staff:
            out.append(("block", t("ui.warn.staff", need=staff, have=org.free_staff)))
        return out

    return FormSpec(
        "share",
        t("ui.action.share"),
        t("ui.what.share"),
        [],
        lambda v: ShareInformation(org.id),
        lines,
    )


def _evaluate(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        p = _p(world, v)
        if p is None:
            return out
        if world.engine >= 7 and p.evaluated_month == world.month:
            return [*out, ("block", t("sim.impossible.evaluated_already", id=p.id))]
        exact = any(world.tech_ready(m) for m in p.members)
        share = 100 if exact else int(100 * world.rules.evaluation_reveal)
        out.append(("effect", t("ui.effect.evaluate_find", share=share)))
        out.append(("effect", t("ui.effect.evaluate_clock", months=p.months_since_eval)))
        out.append(("effect", t("ui.effect.evaluate_adjust")))
        if p.disputed:
            out.append(("effect", t("ui.effect.evaluate_dispute")))
        return out

    choice = _partnership_choice(ctx, active=True)
    if choice.default is None:  # one still to evaluate this month, rather than one refused
        due = [p.id for p in _live(world, org, active=True) if p.evaluated_month != world.month]
        choice.default = due[0] if due else None
    return FormSpec(
        "evaluate",
        t("ui.action.evaluate"),
        t("ui.what.evaluate"),
        [choice],
        lambda v: EvaluatePartnership(org.id, v["partnership"]),
        lines,
    )


def _current_terms(world: World, org: Org) -> Callable[[str, Any], dict[str, Any]]:
    def follow(name: str, value: Any) -> dict[str, Any]:
        p = _p(world, {"partnership": value}) if name == "partnership" else None
        c = p.contributions.get(org.idx) if p is not None else None
        return {"funds": c.funds, "staff": c.staff} if c is not None else {}

    return follow


def _renegotiate(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    choice = _partnership_choice(ctx)
    if choice.default is None:  # as Ask a partner: the one evaluated this month, open now
        listed = {value for value, _ in choice.options}
        choice.default = next(
            (
                p.id
                for p in _live(world, org)
                if p.evaluated_month == world.month and p.id in listed
            ),
            None,
        )
    p0 = _p(
        world,
        {"partnership": choice.default if choice.default is not None else _first(choice.options)},
    )
    current = p0.contributions.get(org.idx) if p0 is not None else None
    funds0 = current.funds if current else 0.0
    staff0 = current.staff if current else 0
    top_funds = max(10.0, round(org.funds + org.income, 0), funds0)
    top_staff = max(staff0 + org.free_staff, staff0, 1)

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        p = _p(world, v)
        if p is None:
            return out
        old = p.contributions.get(org.idx)
        if old is None:
            return out
        out.append(
            (
                "effect",
                t(
                    "ui.effect.contribution",
                    before=money(t, old.funds),
                    after=money(t, v["funds"]),
                    staff_before=old.staff,
                    staff_after=int(v["staff"]),
                ),
            )
        )
        lowers = v["funds"] < old.funds - 1e-9 or int(v["staff"]) < old.staff
        same = abs(v["funds"] - old.funds) < 1e-9 and int(v["staff"]) == old.staff
        if same:  # logged as "changed its terms (the same terms again)" before
            out.append(("block", t("ui.warn.no_change")))
        elif lowers and not preview.joint_change_allowed(world, org, p):
            out.append(("warn", t("ui.warn.one_sided", loss=pct_loss(world))))
        elif lowers:
            out.append(("effect", t("ui.effect.open_change")))
        else:
            out.append(("effect", t("ui.effect.raise_share")))
        return out

    return FormSpec(
        "renegotiate",
        t("ui.action.renegotiate"),
        t("ui.what.renegotiate"),
        [
            choice,
            Number("funds", t("ui.field.funds_month"), 0, top_funds, 0.5, funds0, "money"),
            Number("staff", t("ui.field.staff"), 0, top_staff, 1, staff0, "staff"),
        ],
        lambda v: Renegotiate(org.id, v["partnership"], float(v["funds"]), int(v["staff"])),
        lines,
        follow=_current_terms(world, org),
    )


def _member_shares(ctx: Ctx) -> Choice:
    """Each partner's share in each of the team's partnerships, as one choice: "#7 · PKK:
    Rp 4 juta and 1 staff a month"."""
    world, t, org = ctx.world, ctx.t, ctx.actor
    options = []
    for p in _live(world, org):
        for m in p.members:
            if m == org.idx:
                continue
            c = p.contributions[m]
            label = t(
                "ui.field.share_option",
                id=p.id,
                org=short_name(world, t, m),
                funds=money(t, c.funds),
                staff=c.staff,
            )
            options.append(((p.id, world.orgs[m].id), label))
    # The partnership the team picked, else one whose terms are open now (evaluated this
    # month): the first in the list was often closed, and the form opened on a red line.
    default = next((v for v, _ in options if v[0] == ctx.selected_partnership), None)
    if default is None:
        open_now = {p.id for p in _live(world, org) if p.evaluated_month == world.month}
        default = next((v for v, _ in options if v[0] in open_now), None)
    return Choice("share", t("ui.field.partner_share"), options, default)


def _ask_change(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    choice = _member_shares(ctx)
    first = choice.default if choice.default is not None else _first(choice.options)

    def share_of(value: Any) -> tuple[Partnership | None, Org | None]:
        if value is None:
            return None, None
        p = _p(world, {"partnership": value[0]})
        return p, world.org(value[1])

    p0, m0 = share_of(first)
    current = p0.contributions.get(m0.idx) if p0 is not None and m0 is not None else None
    top_funds = max(10.0, current.funds * 2 if current else 0.0)
    top_staff = max(3, (current.staff + m0.free_staff) if current and m0 else 0)

    def follow(name: str, value: Any) -> dict[str, Any]:
        p, member = share_of(value) if name == "share" else (None, None)
        c = p.contributions.get(member.idx) if p is not None and member is not None else None
        return {"funds": c.funds, "staff": c.staff} if c is not None else {}

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        p, member = share_of(v.get("share"))
        if p is None or member is None or member.idx not in p.members:
            return out
        release = v.get("what") == "release"
        new = None if release else Contribution(member.id, float(v["funds"]), int(v["staff"]))
        out += preview.change_request(world, t, org, p, member, new)
        return out

    return FormSpec(
        "ask_change",
        t("ui.action.ask_change"),
        t("ui.what.ask_change"),
        [
            choice,
            Choice(
                "what",
                t("ui.field.change_kind"),
                [("change", t("ui.field.change_share")), ("release", t("ui.field.release"))],
                "change",
            ),
            Number(
                "funds", t("ui.field.their_funds"), 0, top_funds, 0.5, _funds0(current), "money"
            ),
            Number("staff", t("ui.field.their_staff"), 0, top_staff, 1, _staff0(current), "staff"),
        ],
        lambda v: AskChange(
            org.id,
            v["share"][0],
            v["share"][1],
            float(v["funds"]),
            int(v["staff"]),
            release=v["what"] == "release",
        ),
        lines,
        follow=follow,
        inactive=lambda v: {"funds", "staff"} if v.get("what") == "release" else set(),
    )


def _stop_program(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    programs = {q.id: q for q in _own_programs(world, org)}
    options = [
        (
            q.id,
            t(
                "ui.field.program_option",
                domain=domain_name(world, t, q.domain),
                funds=money(t, q.funds),
            ),
        )
        for q in programs.values()
    ]

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        q = programs.get(v.get("program"))
        if q is None:
            return out
        out.append(
            (
                "effect",
                t(
                    "ui.effect.stop_program",
                    funds=money(t, q.funds),
                    staff=q.staff,
                    months=q.months_left,
                ),
            )
        )
        out.append(
            ("info", t("ui.effect.stop_program_need", domain=domain_name(world, t, q.domain)))
        )
        out.append(preview.funds_after(t, world, org, -q.funds))
        return out

    return FormSpec(
        "stop_program",
        t("ui.action.stop_program"),
        t("ui.what.stop_program"),
        [Choice("program", t("ui.field.program"), options)],
        lambda v: StopProgram(org.id, v["program"]),
        lines,
    )


def _funds0(c: Contribution | None) -> float:
    return c.funds if c is not None else 0.0


def _staff0(c: Contribution | None) -> int:
    return c.staff if c is not None else 0


def pct_loss(world: World) -> int:
    return round(100 * world.rules.trust_loss)


def _leave(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        p = _p(world, v)
        if p is None:
            return out
        agreed = preview.joint_change_allowed(world, org, p)
        if agreed:
            out.append(("effect", t("ui.effect.leave_agreed")))
        else:
            out.append(("warn", t("ui.warn.leave_broken", loss=pct_loss(world))))
        if len(p.members) <= 2:
            out.append(("info", t("ui.effect.leave_ends")))
        return out

    return FormSpec(
        "leave",
        t("ui.action.leave"),
        t("ui.what.leave"),
        [_partnership_choice(ctx)],
        lambda v: LeavePartnership(org.id, v["partnership"]),
        lines,
    )


def _program(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    domains = [(d, domain_name(world, t, i)) for i, d in enumerate(world.domain_ids)]
    best = max(range(len(world.domain_ids)), key=lambda i: float(org.mission[i]))
    top_funds = max(5.0, round(org.funds, 0))
    default_funds = round(min(org.funds / 4, 5.0) * 2) / 2

    def lines(v: dict[str, Any]) -> list[Line]:
        funds, staff, months = float(v["funds"]), int(v["staff"]), int(v["months"])
        out = [
            (
                "cost",
                " · ".join(
                    [
                        t("ui.cost.agenda", n=1),
                        t("ui.cost.per_month", amount=money(t, funds), months=months),
                        t("ui.cost.staff_months", n=staff, months=months),
                    ]
                ),
            )
        ]
        out += preview.program(world, t, org, v["domain"], funds, staff, months)
        return out

    return FormSpec(
        "program",
        t("ui.action.program"),
        t("ui.what.program"),
        [
            Choice("domain", t("ui.field.domain"), domains, world.domain_ids[best]),
            Number("funds", t("ui.field.funds_month"), 0, top_funds, 0.5, default_funds, "money"),
            Number(
                "staff",
                t("ui.field.staff"),
                0,
                max(1, org.free_staff),
                1,
                min(1, org.free_staff),
                "staff",
            ),
            Number("months", t("ui.field.months"), 1, 12, 1, 3, "months"),
        ],
        lambda v: RunProgram(
            org.id, v["domain"], float(v["funds"]), int(v["staff"]), int(v["months"])
        ),
        lines,
    )


def _grant(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    options = [(gid, t.text(world.grant_name(gid))) for gid in world.grant_specs]
    usable = [gid for gid, _ in options if not preview.grant_obstacle(world, t, org, gid)]

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        if v.get("grant") is None:
            return out
        return out + preview.grant(world, t, org, v["grant"])

    return FormSpec(
        "grant",
        t("ui.action.grant"),
        t("ui.what.grant"),
        [Choice("grant", t("ui.field.grant"), options, usable[0] if usable else None)],
        lambda v: ApplyForGrant(org.id, v["grant"]),
        lines,
    )


def _train(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    cost = world.rules.training_cost

    def lines(v: dict[str, Any]) -> list[Line]:
        after = org.capacity + world.rules.training_capacity * (1 - org.capacity)
        # What the figure buys: skill scales all work by (0.5 + capacity), see valuation.
        gain = round(100 * (after - org.capacity) / (0.5 + org.capacity))
        out = [
            _cost(t, money(t, cost)),
            (
                "effect",
                t("ui.effect.capacity", before=num(t, org.capacity, 2), after=num(t, after, 2)),
            ),
            ("effect", t("ui.effect.capacity_gain", pct=gain)),
        ]
        out.append(_funds_line(t, world, org, cost))
        return out

    return FormSpec(
        "train", t("ui.action.train"), t("ui.what.train"), [], lambda v: TrainStaff(org.id), lines
    )


def _followup(ctx: Ctx) -> FormSpec:
    world, t, org = ctx.world, ctx.t, ctx.actor
    items = _items(world, org)
    options = [(a.id, preview.item_label(world, t, a)) for a in items]
    default = ctx.selected_item if any(o[0] == ctx.selected_item for o in options) else None
    # The office that must approve cannot champion its own file: it was offered, then refused.
    approvers = {a.approver for a in items}
    judge = approvers.pop() if len(approvers) == 1 else None
    champions: list[tuple[Any, str]] = [(None, t("ui.field.no_champion"))]
    champions += [
        (o.id, full_name(world, t, o.idx) + (t("ui.field.is_champion") if o.champion else ""))
        for o in world.orgs
        if o.idx not in (org.idx, judge)
    ]

    def lines(v: dict[str, Any]) -> list[Line]:
        out = [_cost(t)]
        item = next((a for a in items if a.id == v.get("item")), None)
        if item is None:
            return out
        return out + preview.followup(world, t, org, item, v.get("champion"))

    return FormSpec(
        "followup",
        t("ui.action.followup"),
        t("ui.what.followup"),
        [
            Choice("item", t("ui.field.item"), options, default),
            Choice("champion", t("ui.field.champion"), champions, None),
        ],
        lambda v: FollowUpApproval(org.id, v["item"], v.get("champion")),
        lines,
    )


_BUILDERS: dict[str, Callable[[Ctx], FormSpec]] = {
    "dialogue": _dialogue,
    "meeting": _meeting,
    "visioning": _visioning,
    "share": _share,
    "evaluate": _evaluate,
    "renegotiate": _renegotiate,
    "ask_change": _ask_change,
    "leave": _leave,
    "program": _program,
    "stop_program": _stop_program,
    "grant": _grant,
    "train": _train,
    "followup": _followup,
}
