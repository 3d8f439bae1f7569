"""What each page of the debrief screen says, as blocks: read from a `Debrief`, nothing else.

Tabs follow Thiagarajan's "What? So what? Now what?" and end with the facilitator's reveal;
each tab has one or more pages (`TABS`). A page builder takes the debrief, the translator and
the fonts and returns blocks; `PageView` paints them once and scrolls them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

import pygame

from game.i18n import format_number
from game.ui import palette
from game.ui.fonts import BODY, HEADING, LARGE
from game.ui.widgets import debrief_charts as charts
from game.ui.widgets import debrief_tables as tables
from game.ui.widgets.debrief_blocks import (
    MARKER_W,
    Block,
    Card,
    Gap,
    Grid,
    Heading,
    Paint,
    Steps,
    Text,
)

if TYPE_CHECKING:
    from game.debrief.model import Chart, Debrief, Network, OrgCard
    from game.i18n import Translator
    from game.ui.fonts import Fonts

# tab → its pages, in reading order
TABS: dict[str, tuple[str, ...]] = {
    "what": ("summary", "timeline"),
    "so_what": ("benefits", "challenges", "indicators", "climate", "network", "chains"),
    "now_what": ("questions",),
    "reveal": ("missions", "notes"),
}
PHASES = ("what", "so_what", "now_what")
KIND_MARKS = {
    "event": ("!", palette.TEXT),
    "decision": ("•", palette.TEXT),
    "partnership": ("+", palette.TEXT),
    "setback": ("↓", palette.BAD),
    "success": ("↑", palette.GOOD),
    "turning_point": ("→", palette.TEXT),
}
AGENDA_FILL = (255, 247, 214)
LESSON_FILL = (236, 244, 238)


@dataclass(frozen=True)
class PageContext:
    d: Debrief
    t: Translator
    fonts: Fonts
    all_orgs: bool = False
    view_h: int = 490  # height of the visible part of a page: a chart fits in it

    def r(self, key: str, **params: object) -> str:
        """A text shared with the printed report (the debrief catalogue)."""
        return self.t(f"debrief.report.{key}", **params)

    @property
    def chart_h(self) -> int:
        return max(300, min(440, self.view_h - 130))

    def ordered(self) -> list[OrgCard]:
        """The teams' organisations first, then (if asked) the others, in scenario order."""
        teams = [o for o in self.d.orgs if o.player]
        if self.all_orgs or not teams:
            return teams + [o for o in self.d.orgs if not o.player]
        return teams


def build_page(page: str, ctx: PageContext) -> list[Block]:
    return PAGES[page](ctx)


# --- What happened? ---------------------------------------------------------------------------
def summary(ctx: PageContext) -> list[Block]:
    t, d = ctx.t, ctx.d
    info = d.session
    played = (
        t("ui_debrief.played_full", months=info.months)
        if info.finished
        else t.msg(info.stopped("ui_debrief.played_part"))
    )
    out: list[Block] = [
        Heading(ctx.r("what_title")),
        Text(ctx.r("what_lead"), colour=palette.MUTED),
        Text(f"{t.msg(d.title)} · {played} · {t('ui_debrief.seed', seed=info.seed)}", style="bold"),
    ]
    out += [Text(t.msg(fact), marker="•") for fact in d.what.facts]
    if d.objectives:
        out.append(
            Heading(
                t("ui_debrief.objectives", met=d.objectives_met, count=len(d.objectives)),
                size=LARGE,
            )
        )
        for o in d.objectives:
            word = ctx.r(o.verdict)
            out.append(
                Text(
                    f"{word}: {t.msg(o.text)}",
                    style="bold",
                    marker="●" if o.met else "○",
                    marker_colour=palette.GOOD if o.met else palette.BAD,
                    after=0,
                )
            )
            out.append(Text(t.msg(o.detail), colour=palette.MUTED, indent=MARKER_W, after=10))
    out.append(Heading(ctx.r("outcomes_title"), size=LARGE))
    cards = [org_card(ctx, card) for card in ctx.d.orgs if card.player]
    cards += [org_card(ctx, card) for card in ctx.d.orgs if not card.player]
    out.append(Grid(cards, columns=2))
    return out


def org_card(ctx: PageContext, card: OrgCard) -> Block:
    t = ctx.t
    o = ctx.d.outcome(card.id)
    funds = t(
        "ui_debrief.funds",
        start=format_number(round(o.funds_start, 1), t.lang),
        end=format_number(round(o.funds_end, 1), t.lang),
    )
    mean = t("ui_debrief.mean_score", score=round(o.mean_score))
    children: list[Block] = [
        Text(t.msg(card.name), size=LARGE, style="bold", sector=card.sector, after=0),
        Text(
            f"{tables.who(card, t)} · {t(f'sim.sector.{card.sector}')}",
            colour=palette.MUTED,
            indent=MARKER_W,
        ),
        Text(f"{funds} · {mean}", style="bold"),
    ]
    children += [Text(t.msg(f), marker="•", after=2) for f in o.facts]
    # A team's own habits, said with their figures: what to keep, what to try next time.
    for key, lines, mark, colour in (
        ("debrief.review.went_well", o.went_well, "+", palette.GOOD),
        ("debrief.review.to_try", o.to_try, "→", palette.BAD),
    ):
        if lines:
            children.append(Text(t(key), style="bold", colour=colour, after=0))
            children += [Text(t.msg(m), marker=mark, marker_colour=colour, after=2) for m in lines]
    return Card(children, bar=palette.TEXT if card.player else None)


def timeline(ctx: PageContext) -> list[Block]:
    t, d = ctx.t, ctx.d
    out: list[Block] = [
        Heading(ctx.r("timeline_title")),
        Text(t("ui_debrief.timeline.hint"), colour=palette.MUTED),
    ]
    shown = [it for it in d.what.timeline if it.major or it.team]
    if not shown:
        return [*out, Text(ctx.r("timeline_empty"), colour=palette.MUTED)]
    names = {o.id: t.msg(o.short) for o in d.orgs}
    for month, items in groupby(shown, key=lambda it: it.month):
        out.append(Text(ctx.r("month_n", month=month), size=LARGE, style="bold", after=4))
        for it in items:
            mark, colour = KIND_MARKS.get(it.kind, ("•", palette.TEXT))
            meta = [ctx.r(f"kind_{it.kind}")]
            if it.major:
                meta.insert(0, t("ui_debrief.timeline.key"))
            who = ", ".join(names[o] for o in it.orgs if o in names)
            if who:
                meta.append(who)
            blocks: list[Block] = [
                Text(
                    t.msg(it.text),
                    style="bold" if it.major else "regular",
                    marker=mark,
                    marker_colour=colour,
                    after=0,
                ),
                Text(" · ".join(meta), colour=palette.MUTED, indent=MARKER_W, after=2),
            ]
            if it.cause is not None:
                label = "that_month" if it.kind == "turning_point" else "because"
                blocks.append(
                    Text(
                        ctx.r(label, cause=t.msg(it.cause)),
                        style="italic",
                        colour=palette.MUTED,
                        indent=MARKER_W,
                        after=2,
                    )
                )
            if it.major:
                out.append(Card(blocks, pad=8, bar=palette.TEXT, after=8))
            else:
                out += blocks
                out.append(Gap(8))
        out.append(Gap(6))
    return out


# --- So what? ---------------------------------------------------------------------------------
def benefits(ctx: PageContext) -> list[Block]:
    cols = ctx.ordered()
    return [
        Heading(ctx.r("scorecard_title")),
        Text(ctx.t("ui_debrief.benefits.hint"), colour=palette.MUTED),
        Paint(
            tables.scorecard_height(ctx.fonts),
            lambda s, r: tables.scorecard(s, r, ctx.d, cols, ctx.t, ctx.fonts),
        ),
        # How the scores are made, for the facilitator: after the table the players read.
        Text(ctx.t("ui_debrief.benefits.detail"), colour=palette.MUTED),
    ]


def challenges(ctx: PageContext) -> list[Block]:
    cols = ctx.ordered()
    return [
        Heading(ctx.r("challenges_title")),
        Text(ctx.t("ui_debrief.challenges.hint"), colour=palette.MUTED),
        Paint(
            tables.challenges_height(ctx.fonts),
            lambda s, r: tables.challenges(s, r, ctx.d, cols, ctx.t, ctx.fonts),
        ),
    ]


def chart_blocks(ctx: PageContext, chart: Chart, hint: str, *, size: int = HEADING) -> list[Block]:
    t = ctx.t
    names = {line.id: t.msg(line.label) for line in chart.lines}
    out: list[Block] = [
        Heading(t.msg(chart.title), size=size),
        Text(hint, colour=palette.MUTED),
        Paint(ctx.chart_h, lambda s, r: charts.line_chart(s, r, chart, t, ctx.fonts, names)),
    ]
    if not chart.marks:
        out.append(Text(ctx.r("no_turning_points"), colour=palette.MUTED))
    for mark in chart.marks:
        text = f"{ctx.r('month_n', month=mark.month)}: {t.msg(mark.text)}"
        if mark.cause is not None:
            text += " — " + ctx.r("that_month", cause=t.msg(mark.cause))
        out.append(Text(text, number=mark.number, after=8))
    return out


def indicators(ctx: PageContext) -> list[Block]:
    t, d = ctx.t, ctx.d
    chart = d.so_what.chart("indicators")
    out = chart_blocks(ctx, chart, t("ui_debrief.indicators.hint"))
    styles = charts.line_styles(chart.lines)
    lh = ctx.fonts.line_height(BODY)
    rows = []
    for domain in d.domains:
        if domain.id not in styles:
            continue
        status = ctx.r("met") if domain.reached else ctx.r("not_met")
        text = t(
            "ui_debrief.indicators.row",
            name=t.msg(domain.name),
            start=format_number(round(domain.baseline, 1), t.lang),
            end=format_number(round(domain.end, 1), t.lang),
            target=format_number(round(domain.target, 1), t.lang),
            status=status,
        )
        rows.append((styles[domain.id], text))

    def legend(surf: pygame.Surface, rect: pygame.Rect) -> None:
        y = rect.y
        for style, text in rows:
            charts.line_sample(surf, style, pygame.Rect(rect.x, y + lh // 2 - 3, 40, 6))
            line = ctx.fonts.fit(text, rect.width - 56)
            ctx.fonts.blit(surf, line, (rect.x + 56, y), BODY, palette.TEXT)
            y += lh + 6

    # The legend goes right under the chart, before the turning points.
    out.insert(3, Paint(len(rows) * (lh + 6), legend, after=12))
    return out


def climate(ctx: PageContext) -> list[Block]:
    t, so = ctx.t, ctx.d.so_what
    out: list[Block] = []
    for chart_id in ("climate", "trust", "tension"):
        out += chart_blocks(ctx, so.chart(chart_id), t(f"ui_debrief.{chart_id}.hint"))
        out.append(Gap(16))
    return out


def network(ctx: PageContext) -> list[Block]:
    t, d = ctx.t, ctx.d
    orgs = {o.id: o for o in d.orgs}
    start, end = d.so_what.network_start, d.so_what.network_end
    height = max(340, min(460, ctx.view_h - 130))

    def pair(surf: pygame.Surface, rect: pygame.Rect) -> None:
        w = (rect.width - 16) // 2
        for k, net in enumerate((start, end)):
            panel = pygame.Rect(rect.x + k * (w + 16), rect.y, w, rect.height)
            charts.network_panel(surf, panel, net, orgs, t, ctx.fonts)

    sectors = list(dict.fromkeys(o.sector for o in d.orgs))  # in scenario order
    # A sector of several organisations: the legend says what the marks in its shapes mean.
    marked = next((o.sector for o in d.orgs if o.variant), None)
    return [
        Heading(ctx.r("network_title")),
        Text(t("ui_debrief.network.hint"), colour=palette.MUTED),
        Paint(height, pair),
        Paint(
            lambda w: charts.network_legend_height(w, sectors, t, ctx.fonts, marked),
            lambda s, r: charts.network_legend(s, r, sectors, t, ctx.fonts, marked),
            after=14,
        ),
        network_fact(ctx, start),
        network_fact(ctx, end),
        *one_sided(ctx, start),
        *one_sided(ctx, end),
    ]


def one_sided(ctx: PageContext, net: Network) -> list[Block]:
    """The ties where one side trusts the other far more than it is trusted back, in words."""
    if not net.notes:
        return []
    t = ctx.t
    title = t.msg(net.notes_title)
    out: list[Block] = [Text(title, style="bold", after=4)]
    out += [Text(t.msg(note), marker="•", marker_colour=palette.WARN) for note in net.notes]
    return out


def network_fact(ctx: PageContext, net: Network) -> Block:
    t = ctx.t
    ties = net.ties
    pairs = sum(1 for tie in ties if tie.partners)
    trust = sum(tie.trust for tie in ties) / len(ties) if ties else 0.0
    text = t(
        "ui_debrief.network.fact",
        when=t.msg(net.title),
        pairs=pairs,
        trust=format_number(round(trust, 2), t.lang),
    )
    return Text(text, marker="•")


def chains(ctx: PageContext) -> list[Block]:
    t, d = ctx.t, ctx.d
    out: list[Block] = [
        Heading(ctx.r("chains_title")),
        Text(ctx.r("chains_hint"), colour=palette.MUTED),
    ]
    if not d.so_what.chains:
        return [*out, Text(ctx.r("no_chains"), colour=palette.MUTED)]
    names = {o.id: t.msg(o.short) for o in d.orgs}
    for n, chain in enumerate(d.so_what.chains, 1):
        who = ", ".join(names[o] for o in chain.orgs if o in names)
        meta = t("ui_debrief.chain.who", orgs=who)
        if chain.partnership is not None:
            meta += " · " + t("ui_debrief.chain.partnership", id=chain.partnership)
        steps = [(ctx.r("month_n", month=s.month), t.msg(s.text)) for s in chain.steps]
        lesson = Card(
            [Text(t("ui_debrief.chain.lesson", lesson=t.msg(chain.lesson)), after=0)],
            pad=10,
            fill=LESSON_FILL,
            after=0,
        )
        out.append(
            Card(
                [
                    Text(f"{n}. {t.msg(chain.title)}", size=LARGE, style="bold", after=2),
                    Text(meta, colour=palette.MUTED),
                    Text(t.msg(chain.story)),
                    Steps(steps),
                    lesson,
                ],
                after=16,
            )
        )
    return out


# --- Now what? --------------------------------------------------------------------------------
def questions(ctx: PageContext) -> list[Block]:
    t, now = ctx.t, ctx.d.now_what
    out: list[Block] = [
        Heading(ctx.r("now_what_title")),
        Text(ctx.r("now_what_lead"), colour=palette.MUTED),
    ]
    for title, items, hint in (
        (ctx.r("scenario_questions"), now.questions, ""),
        (t("ui_debrief.prompts_title"), now.prompts, ctx.r("prompts_hint")),
    ):
        out.append(Heading(title, size=LARGE))
        if hint:
            out.append(Text(hint, colour=palette.MUTED))
        if not items:
            out.append(Text(ctx.r("no_questions"), colour=palette.MUTED))
        n = 0
        for phase in PHASES:
            group = [q for q in items if q.phase == phase]
            if not group:
                continue
            out.append(Text(ctx.r(f"phase_{phase}"), style="bold", colour=palette.MUTED, after=4))
            for q in group:
                n += 1
                out.append(Text(t.msg(q.text), size=LARGE, number=n, after=10))
        out.append(Gap(8))
    return out


# --- the reveal -------------------------------------------------------------------------------
def locked(ctx: PageContext) -> list[Block]:
    t = ctx.t
    return [
        Gap(20),
        Card(
            [
                Heading(t("ui_debrief.reveal.locked_title"), rule=False, before=0),
                Text(t("ui_debrief.reveal.locked_text"), size=LARGE),
                Text(t("ui_debrief.reveal.locked_how"), colour=palette.MUTED),
            ],
            pad=24,
            bar=palette.TEXT,
        ),
    ]


def missions(ctx: PageContext) -> list[Block]:
    t, d = ctx.t, ctx.d
    cards = []
    for rc in sorted(d.reveal.cards, key=lambda c: not d.org(c.org).player):
        card = d.org(rc.org)
        shares = [(t.msg(name), share) for name, share in rc.mission]
        colour = charts.rgb(card.colour)
        children: list[Block] = [
            Text(t.msg(card.name), size=LARGE, style="bold", sector=card.sector, after=0),
            Text(
                f"{tables.who(card, t)} · {t(f'sim.sector.{card.sector}')}",
                colour=palette.MUTED,
                indent=MARKER_W,
            ),
        ]
        if rc.description is not None:
            children.append(Text(t.msg(rc.description), colour=palette.MUTED))
        children += [
            Text(ctx.r("true_mission"), style="bold", after=4),
            Paint(
                tables.share_rows_height(ctx.fonts, len(shares)),
                lambda s, r, shares=shares, colour=colour: tables.share_rows(
                    s, r, shares, t, ctx.fonts, colour
                ),
            ),
        ]
        if rc.hidden_agenda is not None:
            agenda: Block = Card(
                [
                    Text(ctx.r("hidden_agenda"), style="bold", after=2),
                    Text(t.msg(rc.hidden_agenda), after=0),
                ],
                pad=10,
                fill=AGENDA_FILL,
                after=8,
            )
        else:
            agenda = Text(ctx.r("no_agenda"), style="italic", colour=palette.MUTED)
        children += [
            agenda,
            Text(ctx.r("known_by_others", pct=round(100 * rc.known_by_others)), after=0),
        ]
        cards.append(Card(children, bar=palette.TEXT if card.player else None))
    return [
        Heading(ctx.r("reveal_title")),
        Text(ctx.r("reveal_lead"), colour=palette.MUTED),
        Grid(cards, columns=2),
    ]


def notes(ctx: PageContext) -> list[Block]:
    t, rv = ctx.t, ctx.d.reveal
    out: list[Block] = []
    for title, texts in (
        (ctx.r("notes_title"), rv.notes),
        (ctx.r("learning_title"), rv.learning_objectives),
    ):
        out.append(Heading(title))
        if not texts:
            out.append(Text(t("ui_debrief.none"), colour=palette.MUTED))
        out += [Text(t.msg(n), marker="•", after=10) for n in texts]
    return out


PAGES: dict[str, Callable[[PageContext], list[Block]]] = {
    "summary": summary,
    "timeline": timeline,
    "benefits": benefits,
    "challenges": challenges,
    "indicators": indicators,
    "climate": climate,
    "network": network,
    "chains": chains,
    "questions": questions,
    "missions": missions,
    "notes": notes,
    "locked": locked,
}
