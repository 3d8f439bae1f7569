"""The side panels of the main screen: the team's organisation with the community indicators,
and the card of the organisation selected on the map.

Both draw into cached surfaces keyed by the match revision, the language and the selection,
so a frame costs a blit. Only what the team may know is shown: its own figures in full, the
others through its trust, tension and estimate of their mission.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pygame

from game.debrief.series import zoomed_range
from game.sim.state import Status
from game.ui import palette, preview
from game.ui.fonts import BODY, LARGE
from game.ui.formatting import (
    arrow,
    domain_name,
    full_name,
    money,
    num,
    num_toward,
    pct,
    sector_name,
    tension_word,
    trust_word,
)
from game.ui.widgets.charts import bar, sparkline
from game.ui.widgets.shapes import draw_org_icon

if TYPE_CHECKING:
    from game.sim.world import World
    from game.ui.app import App
    from game.ui.turns import Team

LABEL_W = 128


class Cached:
    """A surface redrawn only when its key changes."""

    def __init__(self) -> None:
        self.surface: pygame.Surface | None = None
        self.key: object = None

    def get(self, key: object, size: tuple[int, int], paint) -> pygame.Surface:
        if self.surface is None or key != self.key or self.surface.get_size() != size:
            surf = pygame.Surface(size)
            surf.fill(palette.PANEL)
            paint(surf)
            pygame.draw.rect(surf, palette.LINE, surf.get_rect(), 1)
            self.surface, self.key = surf, key
        return self.surface


def _row(
    app: App, surf: pygame.Surface, y: int, label: str, value: str, *, style: str = "bold"
) -> int:
    fonts = app.fonts
    fonts.blit(surf, label, (12, y), BODY, palette.MUTED)
    fonts.blit(surf, value, (12 + LABEL_W, y), BODY, palette.TEXT, style)
    return y + fonts.line_height(BODY) + 2


def paint_own(app: App, surf: pygame.Surface, world: World, team: Team) -> NeedsLayout:
    """The team's organisation, then the community indicators with charts, then the hint."""
    t, fonts = app.t, app.fonts
    org = world.org(team.org)
    w = surf.get_width()
    draw_org_icon(surf, world, org.idx, (26, 24), 12)
    name = world.scenario.organisations[org.idx].short or full_name(world, t, org.idx)
    fonts.blit(surf, fonts.fit(name, w - 60, LARGE, "bold"), (46, 8), LARGE, palette.TEXT, "bold")
    fonts.blit(
        surf,
        fonts.fit(f"{team.name} · {sector_name(t, org.sector)}", w - 24),
        (12, 40),
        BODY,
        palette.MUTED,
    )
    y = 72
    y = _row(app, surf, y, t("ui.own.funds"), money(t, org.funds))
    upkeep = org.staff * org.staff_cost  # its own cost: volunteers may cost nothing
    # Running work apart from work still awaiting approval: "−16.5 committed" beside "due
    # this month Rp 14.5" left a team unsure which to believe.
    running = preview.due_this_month(world, org)
    waiting = sum(
        p.contributions[org.idx].funds
        for p in world.partnerships_of(org.idx)
        if p.status is Status.awaiting_approval and org.idx in p.contributions
    )
    # Only what moves: "+6 in · −0 staff · −0 committed" read as three things to worry about.
    parts = [t("ui.own.flow_in", value=num(t, org.income))]
    if upkeep:
        parts.append(t("ui.own.flow_staff", value=num(t, upkeep)))
    if running:
        parts.append(t("ui.own.flow_committed", value=num(t, running)))
    if waiting:
        parts.append(t("ui.own.flow_waiting", value=num(t, waiting)))
    # A no-break space keeps each "·" with the figure before it when the line wraps.
    flow = t("ui.own.flow", parts="\u00a0· ".join(parts))
    for line in fonts.wrap(flow, w - 24):
        fonts.blit(surf, line, (12, y), BODY, palette.MUTED)
        y += fonts.line_height(BODY)
    # What is due at this month's end against what is in hand: a missed payment broke trust
    # with no warning, while the line above read like a small surplus.
    due = preview.due_this_month(world, org)
    if due > org.funds + 1e-9:
        short = t("ui.own.short", due=money(t, due), have=money(t, org.funds))
        for line in fonts.wrap(short, w - 24):
            fonts.blit(surf, line, (12, y), BODY, palette.BAD, "bold")
            y += fonts.line_height(BODY)
    else:
        # Money draining month by month gave no warning until a payment was missed.
        months = preview.months_of_money(world, org)
        if months is not None and months <= RUNWAY_WARN:
            for line in fonts.wrap(t("ui.own.runway", n=months), w - 24):
                fonts.blit(surf, line, (12, y), BODY, palette.BAD, "bold")
                y += fonts.line_height(BODY)
    y += 2
    staff_top = y
    y = _row(
        app,
        surf,
        y,
        t("ui.own.staff"),
        t("ui.own.staff_value", free=org.free_staff, total=org.staff),
    )
    held = preview.staff_held(world, org)
    if held:  # busy with nothing running read as a bug: say where they are
        for line in fonts.wrap(t("ui.own.staff_held", n=held), w - 24):
            fonts.blit(surf, line, (12, y), BODY, palette.MUTED)
            y += fonts.line_height(BODY)
    staff_row = pygame.Rect(0, staff_top, w, y - staff_top)
    # Agenda as filled and empty circles plus the number, so it reads without colour.
    fonts.blit(surf, t("ui.own.agenda"), (12, y), BODY, palette.MUTED)
    total = world.rules.agenda
    value = t("ui.own.agenda_value", left=org.agenda, total=total)
    # The dots close up when a narrow panel or a long agenda would push the number out.
    room = w - 12 - LABEL_W - 16 - fonts.size(value, BODY, "bold")[0] - 12
    step = max(12, min(24, room // max(1, total)))
    radius = min(9, step // 2 - 1)
    for k in range(total):
        centre = (12 + LABEL_W + 10 + step * k, y + 13)
        if k < org.agenda:
            pygame.draw.circle(surf, palette.BLUE, centre, radius)
        pygame.draw.circle(surf, palette.TEXT, centre, radius, 2)
    fonts.blit(
        surf,
        value,
        (12 + LABEL_W + step * total + 8, y),
        BODY,
        palette.TEXT,
        "bold",
    )
    y += fonts.line_height(BODY) + 2
    for label, value, share in (
        (t("ui.own.credibility"), num(t, org.credibility, 0), org.credibility / 100),
        (t("ui.own.capacity"), num(t, org.capacity, 2), org.capacity),
    ):
        fonts.blit(surf, label, (12, y), BODY, palette.MUTED)
        bar(surf, pygame.Rect(12 + LABEL_W, y + 6, w - LABEL_W - 80, 14), share)
        fonts.blit(surf, value, (w - 58, y), BODY, palette.TEXT, "bold")
        y += fonts.line_height(BODY) + 2
    y += 6
    pygame.draw.line(surf, palette.LINE, (8, y), (w - 8, y))
    y += 8
    return replace(paint_indicators(app, surf, world, y), staff=staff_row)


RUNWAY_WARN = 4  # months of money left at which the panel warns
GUESS_BELOW = 0.3  # share of a mission known under which its shares go unsaid


@dataclass(frozen=True)
class NeedsLayout:
    """Where the community needs ended and this month's tip went, for hover and tests."""

    bottom: int  # below the last need's chart
    hint: pygame.Rect | None  # the tip's box, if there is a tip this month
    shortened: bool  # the tip lost lines to fit: the whole of it shows on hover
    staff: pygame.Rect | None = None  # the staff row: where the busy staff are shows on hover
    # Need names cut to fit ("Hunian dan kebutuhan da…"): each whole on hover.
    names: list[tuple[pygame.Rect, str]] = field(default_factory=list)


def paint_indicators(app: App, surf: pygame.Surface, world: World, y: int) -> NeedsLayout:
    """The community needs, each with its trend against the target, and this month's tip.

    Every need keeps at least its name, "now / target" and a small chart beside it; the tip
    gives up lines first (ending in "…").
    """
    t, fonts = app.t, app.fonts
    w, h = surf.get_size()
    fonts.blit(surf, t("ui.own.indicators"), (12, y), BODY, palette.TEXT, "bold")
    lh = fonts.line_height(BODY)
    y += lh + 2
    series = world.history.indicator_series()
    n = len(world.domain_ids)
    text_h = 2 * lh - 2  # the need's name, then "now / target"
    hint = month_hint(app, world)
    hint_lines: list[str] = []
    shortened = False
    if hint:
        room = h - y - n * (text_h + 6) - 6 - 12 - lh  # below the needs, after the tip's title
        full = fonts.wrap(hint, w - 24)
        most = max(0, room // lh)
        hint_lines = fonts.wrap_at_most(hint, w - 24, most) if most else []
        shortened = len(hint_lines) < len(full)
    hint_h = 12 + lh * (1 + len(hint_lines)) if hint_lines else 0
    per = min(96, (h - y - hint_h - 6) // max(1, n))
    # The small chart goes under the two lines when there is room; in a short window it
    # sits beside "now / target", so it never runs into the next need.
    below = per - text_h - 6 >= 18
    chart_h = per - text_h - 6 if below else lh - 6
    cut: list[tuple[pygame.Rect, str]] = []
    # One scale for every need's chart: each zoomed to its own range put every line at the
    # bottom and every target at the top ("30 / target 35" looked as far off as 34 / 60).
    targets = [spec.target for spec in world.scenario.domains]
    lo, hi = zoomed_range([*series.ravel().tolist(), *targets])
    for d, spec in enumerate(world.scenario.domains):
        values = [float(v) for v in series[:, d]]
        now = float(world.indicators[d])
        before = values[-2] if len(values) >= 2 else values[0]
        mark = arrow(before, now, 0.05)
        colour = palette.GOOD if mark == "↑" else palette.BAD if mark == "↓" else palette.MUTED
        shown = num_toward(t, now, spec.target)
        value = t("ui.own.indicator_value", now=shown, target=num(t, spec.target, 0))
        whole = domain_name(world, t, d)
        name = fonts.fit(whole, w - 24)
        fonts.blit(surf, name, (12, y), BODY, palette.TEXT)
        if name != whole:
            cut.append((pygame.Rect(12, y, w - 24, lh), whole))
        y += lh - 2
        fonts.blit(surf, value, (12, y), BODY, palette.TEXT, "bold")
        if len(values) >= 2:  # in month 1 there is no change to mark yet
            fonts.blit(surf, mark, (w - 30, y), BODY, colour, "bold")
        if below:
            chart = pygame.Rect(12, y + lh, w - 24, chart_h)
        else:
            left = 12 + fonts.size(value, BODY, "bold")[0] + 10
            chart = pygame.Rect(left, y + 3, max(0, w - 38 - left), chart_h)
        if below:
            sparkline(surf, chart, values, spec.target, months=world.months, lo=lo, hi=hi)
        else:
            # Beside the figures a line is a few pixels tall and, early on, a dot: "34 /
            # target 60" and "30 / target 35" looked the same. A 0–100 bar with the target's
            # tick shows how far each has to go.
            bar(surf, chart, now / 100.0, palette.BLUE, mark=spec.target / 100.0)
        y += lh + (chart_h + 6 if below else 6)
    if not hint_lines:
        return NeedsLayout(y, None, bool(hint), names=cut)
    box = pygame.Rect(4, h - hint_h, w - 8, hint_h - 4)
    pygame.draw.rect(surf, (255, 247, 214), box)
    title = t("ui.own.hint") + (f" ({t('ui.own.hint_more')})" if shortened else "")
    title = fonts.fit(title, w - 24, BODY, "bold")
    fonts.blit(surf, title, (12, box.y + 4), BODY, palette.TEXT, "bold")
    for k, line in enumerate(hint_lines):
        fonts.blit(surf, line, (12, box.y + 4 + lh * (k + 1)), BODY, palette.TEXT)
    return NeedsLayout(y, box, shortened, names=cut)


def month_hint(app: App, world: World) -> str:
    """The scenario's tutorial hint for this month, if any."""
    for hint in world.scenario.hints:
        if hint.month == world.month:
            return app.t.text(hint.text)
    return ""


def paint_card(
    app: App,
    surf: pygame.Surface,
    world: World,
    viewer: int,
    idx: int | None,
    team_names: dict[int, str],
    revealed: bool = False,
) -> list[tuple[pygame.Rect, str]]:
    """The selected organisation as the viewer knows it (or in full, when the facilitator
    has revealed the missions). Returns the need names cut to fit, with where they are."""
    t, fonts = app.t, app.fonts
    w = surf.get_width()
    lh = fonts.line_height(BODY)
    if idx is None:
        fonts.blit(surf, t("ui.card.title"), (12, 10), BODY, palette.TEXT, "bold")
        fonts.blit_wrapped(
            surf, t("ui.card.empty"), pygame.Rect(12, 10 + lh + 4, w - 24, 180), BODY, palette.MUTED
        )
        return []
    org = world.orgs[idx]
    draw_org_icon(surf, world, idx, (24, 22), 12)
    y = 8
    for line in fonts.wrap(full_name(world, t, idx), w - 56, BODY, "bold")[:2]:
        fonts.blit(surf, line, (44, y), BODY, palette.TEXT, "bold")
        y += lh
    who = t("ui.map.team", name=team_names.get(idx, "")) if org.human else t("ui.map.computer")
    if idx == viewer:
        who = t("ui.map.this_is_you")
    fonts.blit(
        surf,
        fonts.fit(f"{sector_name(t, org.sector)} · {who}", w - 24),
        (12, y),
        BODY,
        palette.MUTED,
    )
    y += lh + 4
    if idx != viewer:
        trust = float(world.trust[viewer, idx])
        tension = float(world.tension[viewer, idx] + world.tension[idx, viewer]) / 2
        rows = (
            (t("ui.card.trust"), trust, palette.BLUE, trust_word(t, trust)),
            (
                t("ui.card.tension"),
                tension,
                palette.VERMILLION,
                tension_word(t, tension, world.rules.dispute_threshold),
            ),
        )
        # The figure and its word share the right-hand column; the bar takes what is left.
        text_w = max(
            fonts.size(f"{num(t, v, 2)} {word}", BODY, "bold")[0] for _, v, _, word in rows
        )
        text_w = min(text_w, w // 2 - 40)
        label_w = max(fonts.size(label, BODY)[0] for label, *_ in rows)
        label_w = min(label_w, w - text_w - 80)  # the bar keeps at least 40 px
        left = 12 + label_w + 10
        for label, value, colour, word in rows:
            fonts.blit(surf, fonts.fit(label, label_w), (12, y), BODY, palette.MUTED)
            bar(surf, pygame.Rect(left, y + 6, max(40, w - left - text_w - 18), 14), value, colour)
            text = fonts.fit(f"{num(t, value, 2)} {word}", text_w, BODY, "bold")
            fonts.blit(surf, text, (w - 8 - text_w, y), BODY, palette.TEXT, "bold")
            y += lh + 2
    known = 1.0 if idx == viewer or revealed else float(world.known[viewer, idx])
    # With a tenth known, the guess is nearly flat: "49% / 51%" looked exact. Below
    # GUESS_BELOW the shares go unsaid, and the heading says how to learn more.
    guess = known < GUESS_BELOW
    heading = t("ui.card.mission_guess" if guess else "ui.card.mission", known=pct(t, known))
    if revealed and idx != viewer:
        heading = t("facilitator.card_revealed")
    for line in fonts.wrap(heading, w - 24, BODY, "bold"):
        fonts.blit(surf, line, (12, y), BODY, palette.TEXT, "bold")
        y += lh
    est = world.orgs[idx].mission if revealed else world.estimated_mission(viewer, idx)
    cut = []
    for d in range(len(world.domain_ids)):
        whole = domain_name(world, t, d)
        name = fonts.fit(whole, 176 - 8)
        fonts.blit(surf, name, (12, y), BODY, palette.MUTED)
        if name != whole:
            cut.append((pygame.Rect(12, y, 176 - 8, lh), whole))
        bar(surf, pygame.Rect(12 + 176, y + 6, w - 176 - 80, 14), float(est[d]), palette.GREEN)
        fonts.blit(surf, "?" if guess else pct(t, float(est[d])), (w - 60, y), BODY, palette.TEXT)
        y += lh
    return cut
