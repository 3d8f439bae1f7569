"""The rows of the tabs under the map: the month's feed, partnerships and approvals,
proposals, and what the team knows of the others' missions.

Each builder reads the world and returns `Row`s; nothing here draws a frame or changes state.
The feed shows what concerns the viewing team and what everyone can see (events, approvals,
partnerships starting or ending); other teams' private moves stay hidden in hot-seat play.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.sim import trust
from game.sim.changes import change_words
from game.sim.outcomes import partnership_health
from game.sim.report import Entry
from game.sim.state import Contribution, Partnership, Proposal, ProposalStatus, Status
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.formatting import domain_name, money, num, pct, short_name
from game.ui.preview import item_chance
from game.ui.widgets.charts import bar
from game.ui.widgets.listview import Row

if TYPE_CHECKING:
    from game.i18n import Translator
    from game.sim.world import World
    from game.ui.fonts import Fonts

PUBLIC_KINDS = {
    "event",
    "inject",
    "activated",
    "ended",
    "innovation",
    "regulation",
    "agreed",
    "shock",
}

GOOD_KINDS = {
    "activated",
    "agreed",
    "innovation",
    "dispute_settled",
    "training",
    "grant_won",
    "approved",
}
BAD_KINDS = {
    "broken_commitment",
    "missed",
    "ended",
    "dispute",
    "crisis",
    "shock",
    "duplication",
    "staff_short",
    "program_unfunded",
}


# Only the facilitator sees these: a scheduled inject stays a surprise until it fires.
FACILITATOR_KINDS = {"inject_scheduled"}
# Causes the line already says ("ended as its term ran out - because its term ended", "a
# counter-offer - because the team asked for different terms").
SELF_EVIDENT = {"sim.reason.term_done", "sim.reason.team_counter"}
MISSION_LINE = 24  # one need's line in a mission row, when the needs go one a line


def visible(entry: Entry, viewer_id: str) -> bool:
    if entry.kind in FACILITATOR_KINDS:
        return False
    return not entry.orgs or viewer_id in entry.orgs or entry.kind in PUBLIC_KINDS


HEALTHY = 0.3  # from here a partnership is "healthy" (the bar's tick)
HEALTH_FULL = 0.5  # a full bar: few partnerships get there


def health_word(t: Translator, health: float, p: Partnership) -> str:
    """A partnership's health in a word, on the bar's colour bands: 22% alone meant nothing
    to a new player. Trust and understanding take months to grow, so a young partnership is
    'just started', not 'fragile'."""
    if health >= HEALTHY:
        return t("ui.health.good")
    if p.age < 3:
        return t("ui.health.new")
    return t("ui.health.tend") if health >= 0.15 else t("ui.health.fragile")


def health_tip(t: Translator, world: World, p: Partnership, health: float) -> list[str]:
    """What the health bar and its mark mean, and what it is made of: a bar with a tick and
    no words left a team guessing what the tick was and how to move the bar."""
    members = p.members if len(p.members) >= 2 else [*p.members, *p.former]
    lines = [
        t("ui.health.tip_title", word=health_word(t, health, p), health=pct(t, health)),
        t("ui.health.tip_mark", healthy=pct(t, HEALTHY), full=pct(t, HEALTH_FULL)),
        t(
            "ui.health.tip_parts",
            trust=num(t, trust.mean_trust(world, members), 2),
            understanding=num(t, p.understanding, 2),
            tension=num(t, trust.mean_tension(world, members), 2),
        ),
    ]
    if p.disputed:
        lines.append(t("ui.health.tip_dispute"))
    lines.append(t("ui.health.tip_raise"))
    return lines


def approver_name(world: World, t: Translator, approver: int, viewer: int | None) -> str:
    """The office that signs off a partnership it is a member of: the viewer's own office,
    or the office by name."""
    return t("ui.approver.your_office") if approver == viewer else short_name(world, t, approver)


def entry_mark(entry: Entry) -> tuple[str, palette.Colour]:
    key = entry.msg.key.rsplit(".", 1)[-1]
    if key in ("ended_completed", "ended_dissolved"):  # an end as agreed is no setback
        return "•", palette.MUTED
    if entry.kind in BAD_KINDS or key in (
        "missed_contribution",
        "declined",
        "ended_broken",
        "grant_refused",
        "crisis",
        "left_unilaterally",
        "one_sided_change",
        "walked_away",
        "left_offer",
        "approval_incomplete",
    ):
        return "↓", palette.BAD
    if entry.kind in GOOD_KINDS or key in ("accepted", "approved", "grant_won", "activated"):
        return "↑", palette.GOOD
    return "•", palette.MUTED


def entry_text(t: Translator, entry: Entry) -> str:
    """The entry's message; an event also says what it means (its scenario text)."""
    text = t.msg(entry.msg)
    if entry.kind in ("event", "inject") and entry.data.get("text"):
        text += " — " + t.text(entry.data["text"])
    return text


def entry_row(t: Translator, entry: Entry) -> Row:
    mark, colour = entry_mark(entry)
    lines = [
        (
            entry_text(t, entry),
            "bold" if entry.kind in ("event", "inject") else "regular",
            palette.TEXT,
        )
    ]
    if entry.cause is not None and entry.cause.key not in SELF_EVIDENT:
        lines.append((t("ui.feed.because", cause=t.msg(entry.cause)), "italic", palette.MUTED))
    return Row(lines, marker=mark, marker_colour=colour)


def feed_rows(world: World, t: Translator, viewer_id: str) -> list[Row]:
    rows: list[Row] = []
    now = [e for e in world.entries if e.month == world.month and visible(e, viewer_id)]
    rows.append(Row([(t("ui.feed.this_month", n=world.month), "bold", palette.TEXT)], heading=True))
    if now:
        rows += [entry_row(t, e) for e in reversed(now)]
    else:
        rows.append(Row([(t("ui.feed.quiet"), "italic", palette.MUTED)]))
    if world.reports:
        last = world.reports[-1]
        if last.month != world.month:
            rows.append(
                Row([(t("ui.feed.last_month", n=last.month), "bold", palette.TEXT)], heading=True)
            )
            before = [e for e in world.entries if e.month == last.month and visible(e, viewer_id)]
            rows += [entry_row(t, e) for e in reversed(before)]
            if not before:
                rows.append(Row([(t("ui.feed.quiet_last"), "italic", palette.MUTED)]))
    return rows


def partnership_rows(
    world: World,
    t: Translator,
    fonts: Fonts,
    viewer: int,
    selected: int | None,
    selected_item: int | None,
) -> list[Row]:
    rows: list[Row] = []
    mine = [p for p in world.partnerships if viewer in p.members and p.is_live]
    rows.append(
        Row([(t("ui.tab.partnerships_heading", n=len(mine)), "bold", palette.TEXT)], heading=True)
    )
    if not mine:
        rows.append(Row([(t("ui.partnerships.none"), "italic", palette.MUTED)]))
    for p in mine:
        others = ", ".join(short_name(world, t, m) for m in p.members if m != viewer)
        head = t(
            "ui.partnership_label", id=p.id, model=t(f"sim.model.{p.model.value}"), with_=others
        )
        own = p.contributions.get(viewer)
        lines = [(head, "bold", palette.TEXT)]
        if own is not None:
            lines.append(
                (
                    t(
                        "ui.partnerships.terms",
                        funds=money(t, own.funds),
                        staff=own.staff,
                        months=world.months_left(p),
                    ),
                    "regular",
                    palette.MUTED,
                )
            )
        given = [
            t(
                "ui.partnerships.gives",
                org=short_name(world, t, m),
                funds=money(t, p.contributions[m].funds),
                staff=p.contributions[m].staff,
            )
            for m in p.members
            if m != viewer and m in p.contributions
        ]
        if given:  # what the partners put in: their changes of terms were invisible before
            lines.append(
                (
                    t("ui.partnerships.partners_give", list="; ".join(given)),
                    "regular",
                    palette.MUTED,
                )
            )
        if p.status == Status.awaiting_approval:
            item = next(
                (a for a in world.approvals if a.kind == "partnership" and a.subject == p.id), None
            )
            waited = item.waited if item else 0
            approver = short_name(world, t, p.approver) if p.approver is not None else "?"
            key = "ui.partnerships.waiting" if waited else "ui.partnerships.waiting_new"
            if p.approver is not None and p.approver in p.members:  # an office's own sign-off
                approver = approver_name(world, t, p.approver, viewer)
                key = (
                    "ui.partnerships.waiting_signoff"
                    if waited
                    else "ui.partnerships.waiting_signoff_new"
                )
            lines.append(
                (
                    t(key, approver=approver, months=waited),
                    "regular",
                    palette.TEXT,
                )
            )
            rows.append(Row(lines, key=("p", p.id), marker="…", selected=selected == p.id))
            continue
        health = partnership_health(world, p)
        never = p.evaluated_month < 0  # "last evaluation 0 months ago" read as if one was held
        status = t(
            "ui.partnerships.status_never"
            if never
            else "ui.partnerships.status_now"
            if p.months_since_eval == 0
            else "ui.partnerships.status",
            understanding=num(t, p.understanding, 2),
            months=p.months_since_eval,
        )
        lines.append((status, "regular", palette.TEXT))
        if p.disputed:
            lines.append((t("ui.partnerships.disputed"), "bold", palette.BAD))
        if p.months_since_eval >= 4:
            lines.append((t("ui.partnerships.evaluate_soon"), "italic", palette.BAD))
        # The word and a bar whose tick marks "healthy": "Health 54%" drawn full (the bar
        # tops out at 0.5) read as a contradiction.
        label = t("ui.partnerships.health", word=health_word(t, health, p))

        def paint(
            surf: pygame.Surface, rect: pygame.Rect, health: float = health, label: str = label
        ) -> None:
            fonts.blit(surf, label, rect.topleft, BODY, palette.TEXT)
            width = fonts.size(label)[0] + 12
            colour = (
                palette.BLUE
                if health >= HEALTHY
                else palette.ORANGE
                if health >= 0.15
                else palette.VERMILLION
            )
            bar(
                surf,
                pygame.Rect(rect.x + width, rect.y + 6, min(220, rect.width - width - 8), 14),
                health / HEALTH_FULL,
                colour,
                mark=HEALTHY / HEALTH_FULL,
            )

        rows.append(
            Row(
                lines,
                key=("p", p.id),
                marker="!" if p.disputed else "•",
                marker_colour=palette.BAD if p.disputed else palette.TEXT,
                paint=paint,
                paint_height=fonts.line_height(BODY) + 2,
                selected=selected == p.id,
                tip=health_tip(t, world, p, health),
            )
        )
    items = [a for a in world.approvals if viewer in a.applicants]
    rows.append(
        Row([(t("ui.tab.approvals_heading", n=len(items)), "bold", palette.TEXT)], heading=True)
    )
    if not items:
        rows.append(Row([(t("ui.approvals.none"), "italic", palette.MUTED)]))
    for a in items:
        what = (
            t.text(world.grant_name(str(a.subject)))
            if a.kind == "grant"
            else t("ui.partnership_short", id=a.subject)
        )
        chance = item_chance(world, a, a.followups, a.champion)
        lines = [
            (
                t("ui.approvals.item", what=what, approver=short_name(world, t, a.approver)),
                "bold",
                palette.TEXT,
            ),
            (
                t(
                    "ui.approvals.waited",
                    months=a.waited,
                    chance=pct(t, chance),
                    followups=a.followups,
                ),
                "regular",
                palette.MUTED,
            ),
        ]
        if a.incomplete:
            lines.append((t("ui.approvals.incomplete", n=a.incomplete), "italic", palette.BAD))
        rows.append(Row(lines, key=("a", a.id), marker="…", selected=selected_item == a.id))
    ended = [
        p
        for p in world.partnerships
        if (viewer in p.members or viewer in p.former) and not p.is_live
    ]
    if ended:
        rows.append(
            Row(
                [(t("ui.partnerships.ended_heading", n=len(ended)), "bold", palette.TEXT)],
                heading=True,
            )
        )
        for p in ended[-6:]:
            rows.append(
                Row(
                    [
                        (
                            t(
                                "ui.partnerships.ended",
                                id=p.id,
                                model=t(f"sim.model.{p.model.value}"),
                                status=t(f"sim.status.{p.status.value}"),
                                month=p.ended or 0,
                            ),
                            "regular",
                            palette.MUTED,
                        )
                    ],
                    marker="↓" if p.status == Status.broken else "•",
                    marker_colour=palette.BAD if p.status == Status.broken else palette.MUTED,
                )
            )
    return rows


def proposal_rows(world: World, t: Translator, viewer: int) -> list[Row]:
    rows: list[Row] = []
    incoming = [p for p in world.proposals if p.awaits(viewer)]
    rows.append(
        Row([(t("ui.inbox.waiting_heading", n=len(incoming)), "bold", palette.TEXT)], heading=True)
    )
    if not incoming:
        rows.append(Row([(t("ui.inbox.none"), "italic", palette.MUTED)]))
    for p in incoming:
        if p.amends is not None:
            rows.append(_change_row(world, t, p, viewer))
            continue
        who = short_name(world, t, p.countered_by if p.countered_by is not None else p.proposer)
        key = "ui.inbox.counter_from" if p.countered_by is not None else "ui.inbox.from"
        if p.dropped and p.proposer == viewer:  # its own offer, after a partner left it
            who, key = short_name(world, t, p.dropped[-1]), "ui.inbox.dropped_from"
        own = p.terms.contribution(world.orgs[viewer].id)
        rows.append(
            Row(
                [
                    (
                        t(key, org=who, id=p.id, model=t(f"sim.model.{p.terms.model.value}")),
                        "bold",
                        palette.TEXT,
                    ),
                    (
                        t(
                            "ui.inbox.your_share",
                            funds=money(t, own.funds),
                            staff=own.staff,
                            months=p.terms.months,
                        ),
                        "regular",
                        palette.TEXT,
                    ),
                    (t("ui.inbox.open_hint"), "italic", palette.ACCENT),
                ],
                key=("proposal", p.id),
                marker="!",
                marker_colour=palette.ORANGE,
            )
        )
    mine = [
        p
        for p in world.proposals
        if viewer in p.parties and p.month == world.month and p not in incoming
    ]
    if mine:
        rows.append(Row([(t("ui.inbox.month_heading"), "bold", palette.TEXT)], heading=True))
    for p in reversed(mine):
        others = ", ".join(short_name(world, t, m) for m in p.parties if m != viewer)
        status = t(f"ui.proposal_status.{p.status.value}")
        if p.status == ProposalStatus.open and p.waiting_on is not None:
            status = t("ui.inbox.waiting_for", org=short_name(world, t, p.waiting_on))
        if p.amends is not None:
            key = "ui.inbox.change_line" if p.proposer == viewer else "ui.inbox.change_line_by"
            head = t(key, id=p.amends, with_=others, status=status)
        else:
            model = t(f"sim.model.{p.terms.model.value}")
            head = t("ui.inbox.line", id=p.id, model=model, with_=others, status=status)
        lines = [(head, "regular", palette.TEXT)]
        reason = _closing_reason(world, p.id) if p.status != ProposalStatus.agreed else None
        if reason is not None:
            lines.append((t("ui.feed.because", cause=t.msg(reason)), "italic", palette.MUTED))
        rows.append(Row(lines, key=("proposal", p.id)))
    return rows


def _closing_reason(world: World, pid: int):
    for e in reversed(world.entries):
        if e.cause is None:
            continue
        if (e.kind == "answer" and e.data.get("id") == pid) or (
            e.kind == "change" and e.data.get("request") == pid
        ):
            return e.cause
    return None


def request_heading(request: Proposal, still_open: bool = True) -> str:
    """The asked team's heading key: what it is asked ("to change your share", "to leave"),
    in the tense of now (a request already answered reads "asked")."""
    kind = "release" if request.release else "change"
    return f"ui.inbox.{kind}_from" + ("" if still_open else "_past")


def _change_row(world: World, t: Translator, p: Proposal, viewer: int) -> Row:
    """A partner asks the team to change its share of a partnership, or to leave it."""
    who = short_name(world, t, p.proposer)
    q = world.partnership(p.amends)  # type: ignore[arg-type]
    lines = [(t(request_heading(p), org=who, id=p.amends), "bold", palette.TEXT)]
    if p.release:
        if len(q.members) <= 2:  # yes ends the partnership: say so before the dialog does
            lines.append((t("ui.nego.release_ends", id=q.id, org=who), "regular", palette.BAD))
    else:
        old = q.contributions.get(viewer, Contribution(world.orgs[viewer].id))
        new = p.terms.contribution(world.orgs[viewer].id)
        detail = "; ".join(t.msg(m) for m in change_words(old, new))
        lines.append((detail, "regular", palette.TEXT))
    lines.append((t("ui.inbox.open_hint"), "italic", palette.ACCENT))
    return Row(lines, key=("proposal", p.id), marker="!", marker_colour=palette.ORANGE)


def mission_rows(
    world: World,
    t: Translator,
    fonts: Fonts,
    viewer: int,
    revealed: bool = False,
    width: int = 540,
) -> list[Row]:
    """What the team knows of each mission; everything, hidden agendas too, once the
    facilitator reveals the missions. `width` is what a row's bars get: when the needs'
    names would be cut side by side, each need takes a line of its own."""
    intro = t("facilitator.missions_revealed") if revealed else t("ui.missions.intro")
    rows: list[Row] = [Row([(intro, "regular", palette.MUTED)], heading=True)]
    n = len(world.domain_ids)
    names = [domain_name(world, t, d) for d in range(n)]
    stacked = any(fonts.size(name)[0] > width // n - 12 for name in names)
    height = n * MISSION_LINE + 4 if stacked else 44
    for o in world.orgs:
        if o.idx == viewer:
            continue
        est = o.mission if revealed else world.estimated_mission(viewer, o.idx)
        known = 1.0 if revealed else float(world.known[viewer, o.idx])
        head = t("ui.missions.row", org=short_name(world, t, o.idx), known=pct(t, known))
        lines = [(head, "bold", palette.TEXT)]
        agenda = world.scenario.organisations[o.idx].hidden_agenda
        if revealed and agenda:
            lines.append(
                (t("facilitator.hidden_agenda", text=t.text(agenda)), "italic", palette.MUTED)
            )

        def paint(surf: pygame.Surface, rect: pygame.Rect, est=est) -> None:
            if stacked:  # one need a line: its name, then its bar
                name_w = rect.width * 3 // 5
                for d in range(n):
                    y = rect.y + d * MISSION_LINE
                    name = fonts.fit(names[d], name_w - 12)
                    fonts.blit(surf, name, (rect.x, y), BODY, palette.MUTED)
                    bar_rect = pygame.Rect(rect.x + name_w, y + 6, rect.width - name_w - 8, 12)
                    bar(surf, bar_rect, float(est[d]), palette.GREEN)
                return
            col = rect.width // n
            for d in range(n):
                x = rect.x + d * col
                fonts.blit(surf, fonts.fit(names[d], col - 12), (x, rect.y), BODY, palette.MUTED)
                bar(surf, pygame.Rect(x, rect.y + 26, col - 16, 12), float(est[d]), palette.GREEN)

        rows.append(Row(lines, key=("org", o.id), paint=paint, paint_height=height))
    return rows
