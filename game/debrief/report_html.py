"""The debrief as one self-contained HTML file: readable on screen, printable on A4.

No outside files: the stylesheet is inline and charts are PNG data URIs. One session gives
a cover with the session at a glance, then What happened / So what / Now what, then the
facilitator's reveal. Several sessions of one scenario add a comparison (ranking, scorecards
in one table, overlaid curves) and the scenario's questions once, then each session's
debrief, then the reveal once.
"""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from game import __version__
from game.debrief.compare import Comparison, letter
from game.debrief.model import (
    Chain,
    Chart,
    Debrief,
    Network,
    ObjectiveResult,
    OrgCard,
    Question,
    says_team,
)
from game.debrief.report_style import CSS
from game.i18n import Msg, Translator, format_number
from game.look import hex_rgb, mark_ink, mark_of
from game.scenario.schema import BENEFIT_IDS
from game.sim.outcomes import CHALLENGE_IDS, PILLAR_IDS
from game.sim.session import write_atomic

PHASES = ("what", "so_what", "now_what")


def write_report(
    path: str | Path,
    debriefs: Sequence[Debrief],
    comparison: Comparison | None,
    t: Translator,
    *,
    for_teams: bool = False,
) -> Path:
    """Render and write atomically: a half-written report never replaces a good one.
    `for_teams`: a copy to hand to participants, without the facilitator's reveal (the
    true missions, hidden agendas and notes), which would spoil the scenario for the next
    group."""
    return write_atomic(Path(path), render_html(debriefs, comparison, t, for_teams=for_teams))


def render_html(
    debriefs: Sequence[Debrief],
    comparison: Comparison | None,
    t: Translator,
    *,
    for_teams: bool = False,
) -> str:
    from game.debrief import report_charts  # matplotlib loads only when a report is made

    return _Page(t, report_charts).document(debriefs, comparison, for_teams=for_teams)


def el(tag: str, body: str = "", cls: str = "", **attrs: Any) -> str:
    """An HTML element; `body` is already escaped, attribute values are escaped here."""
    text = f' class="{cls}"' if cls else ""
    for name, value in attrs.items():
        text += f' {name.rstrip("_")}="{escape(str(value), quote=True)}"'
    return f"<{tag}{text}>{body}</{tag}>"


def swatch(colour: str) -> str:
    return el("span", "", "swatch", style=f"background:{colour}")


# The game's sector shapes in a 12×12 box, as SVG polygon points ("" draws a circle).
ICON_POINTS = {
    "square": "1.5,1.5 10.5,1.5 10.5,10.5 1.5,10.5",
    "diamond": "6,0.5 11.5,6 6,11.5 0.5,6",
    "triangle": "6,0.8 11.5,10.8 0.5,10.8",
    "hexagon": "11.5,6 8.75,10.76 3.25,10.76 0.5,6 3.25,1.24 8.75,1.24",
    "pentagon": "6,0.5 11.5,4.5 9.4,11 2.6,11 0.5,4.5",
    "star": "6,0.3 7.5,4.3 11.7,4.4 8.4,7 9.5,11.2 6,8.8 2.5,11.2 3.6,7 0.3,4.4 4.5,4.3",
}


def org_icon(card: OrgCard) -> str:
    """An organisation's icon as on the game's map: its sector's shape in its sector's
    colour, with the mark that tells it from others of its sector."""
    points = ICON_POINTS.get(card.shape)
    style = f'fill="{card.colour}" stroke="#222" stroke-width="1"'
    body = (
        f'<polygon points="{points}" {style}/>'
        if points
        else f'<circle cx="6" cy="6" r="5.2" {style}/>'
    )
    body += icon_mark(card)
    return (
        '<svg class="icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
        f"{body}</svg>"
    )


def icon_mark(card: OrgCard) -> str:
    """The SVG of the mark inside a 12×12 icon (game.look.MARKS), in black or white."""
    mark = mark_of(card.variant)
    if not mark:
        return ""
    ink = "#{:02X}{:02X}{:02X}".format(*mark_ink(hex_rgb(card.colour)))
    cy = 7.2 if card.shape == "triangle" else 6  # a triangle's middle is low
    line = f'stroke="{ink}" stroke-width="1.5" fill="none"'
    if mark == "dot":
        return f'<circle cx="6" cy="{cy}" r="1.6" fill="{ink}"/>'
    if mark == "bar":
        return f'<line x1="3.5" y1="{cy}" x2="8.5" y2="{cy}" {line}/>'
    if mark == "plus":
        return (
            f'<line x1="3.5" y1="{cy}" x2="8.5" y2="{cy}" {line}/>'
            f'<line x1="6" y1="{cy - 2.5}" x2="6" y2="{cy + 2.5}" {line}/>'
        )
    if mark == "ring":
        return f'<circle cx="6" cy="{cy}" r="2.2" {line}/>'
    return (  # cross
        f'<line x1="4" y1="{cy - 2}" x2="8" y2="{cy + 2}" {line}/>'
        f'<line x1="4" y1="{cy + 2}" x2="8" y2="{cy - 2}" {line}/>'
    )


# Marks a file as a Kolaborasi report, so the command line replaces only its own reports.
GENERATOR = "kolaborasi debrief report"


class _Page:
    """Builds one report: holds the translator and the chart drawer."""

    def __init__(self, t: Translator, charts: Any) -> None:
        self.t = t
        self.charts = charts

    # --- small helpers ----------------------------------------------------------------------
    def m(self, msg: Msg | None) -> str:
        return escape(self.t.msg(msg)) if msg is not None else ""

    def s(self, key: str, **params: Any) -> str:
        return escape(self.t(f"debrief.report.{key}", **params))

    def term(self, key: str) -> str:
        return escape(self.t(key))

    def num(self, value: float, digits: int = 0) -> str:
        if digits == 0:
            return str(round(value))
        return format_number(round(value, digits), self.t.lang)

    def img(self, png: bytes, alt: str, cls: str = "chart") -> str:
        data = base64.b64encode(png).decode("ascii")
        return f'<img class="{cls}" alt="{alt}" src="data:image/png;base64,{data}">'

    def name(self, card: OrgCard, *, short: bool = False) -> str:
        return self.m(card.short if short else card.name)

    def table(self, head: Iterable[str], rows: Iterable[str], cls: str) -> str:
        header = "".join(head)
        return el("table", el("thead", el("tr", header)) + el("tbody", "".join(rows)), cls)

    # --- the document -----------------------------------------------------------------------
    def document(
        self, debriefs: Sequence[Debrief], comparison: Comparison | None, *, for_teams: bool = False
    ) -> str:
        first = debriefs[0]
        body = [self.cover(debriefs, comparison), self.contents(debriefs, comparison, for_teams)]
        if for_teams:
            body.append(el("p", self.s("for_teams_note"), "note"))
        if comparison is not None:
            body.append(self.compare_section(comparison))
            body.append(self.questions_section(first))
        for k, d in enumerate(debriefs):
            body.append(self.session_section(d, k, multi=comparison is not None))
        if not for_teams:
            body.append(self.reveal_section(first))
        stamp = time.strftime("%Y-%m-%d %H:%M")
        body.append(el("footer", self.s("footer", version=__version__, date=stamp)))
        title = self.s("doc_title", title=self.t.msg(first.title))
        return (
            f'<!DOCTYPE html>\n<html lang="{self.t.lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="{GENERATOR}">\n'
            f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + "\n</body>\n</html>\n"
        )

    def cover(self, debriefs: Sequence[Debrief], comparison: Comparison | None) -> str:
        d = debriefs[0]
        rows = []
        for k, db in enumerate(debriefs):
            info = db.session
            label = self.s("session_n", letter=letter(k)) if len(debriefs) > 1 else ""
            state = (
                self.s("played_full", months=info.months)
                if info.finished
                else escape(self.t.msg(info.stopped("debrief.report.played_part")))
            )
            teams = ", ".join(
                self.name(o) + (f" ({escape(o.team)})" if o.team else "")
                for o in db.orgs
                if o.player
            )
            rows.append(
                el(
                    "tr",
                    el("th", label or self.s("session"))
                    + el("td", escape(info.source or info.id))
                    + el("td", self.s("seed", seed=info.seed))
                    + el("td", state)
                    + el("td", f"{self.s('teams')}: {teams or '—'}"),
                )
            )
        glance = self.glance(d) if comparison is None else self.glance_compare(comparison)
        return el(
            "header",
            el("p", self.s("kicker"), "kicker")
            + el("h1", self.m(d.title))
            + el("p", self.m(d.summary), "summary")
            + el("table", "".join(rows), "meta")
            + glance,
            "cover",
        )

    def glance(self, d: Debrief) -> str:
        facts = el("ul", "".join(el("li", self.m(f)) for f in d.what.facts), "facts")
        objectives = ""
        if d.objectives:
            objectives = el("h3", self.s("objectives_title")) + self.objectives_table(d)
        return el("div", el("h2", self.s("glance_title")) + facts + objectives, "glance")

    def glance_compare(self, c: Comparison) -> str:
        items = []
        for rank in c.ranking:
            run = c.runs[rank.run]
            items.append(
                el(
                    "li",
                    f"<b>{rank.place}.</b> {swatch(run.colour)}{self.m(run.label)} — "
                    + self.s("glance_rank", met=rank.met, total=rank.total),
                )
            )
        body = el("h2", self.s("glance_title")) + el("ul", "".join(items), "facts ranklist")
        return el("div", body, "glance")

    def contents(
        self, debriefs: Sequence[Debrief], comparison: Comparison | None, for_teams: bool = False
    ) -> str:
        items = []
        if comparison is not None:
            items.append(el("li", el("a", self.s("compare_title"), href="#compare")))
            items.append(el("li", el("a", self.s("questions_title"), href="#questions")))
        for k, _d in enumerate(debriefs):
            # One item per section, each session's under its name: three links in one item
            # read as a single numbered section.
            p = _prefix(k, len(debriefs))
            sections = [
                el("li", el("a", self.s(title), href=f"#{p}{anchor}"))
                for anchor, title in (
                    ("what", "what_title"),
                    ("sowhat", "so_what_title"),
                    ("nowwhat", "now_what_title"),
                )
            ]
            if len(debriefs) > 1:
                label = self.s("session_n", letter=letter(k))
                items.append(el("li", label + el("ol", "".join(sections))))
            else:
                items += sections
        if not for_teams:
            items.append(el("li", el("a", self.s("reveal_title"), href="#reveal")))
        return el("nav", el("h2", self.s("contents")) + el("ol", "".join(items)), "toc")

    # --- comparison ---------------------------------------------------------------------------
    def compare_section(self, c: Comparison) -> str:
        out = [el("h2", self.s("compare_title"))]
        out.append(el("p", self.s("compare_lead", count=len(c.runs)), "lead"))
        out += [el("p", self.m(note), "note") for note in c.notes]
        out.append(el("h3", self.s("ranking_title")))
        out.append(self.ranking_table(c))
        if c.runs[0].debrief.objectives:
            out.append(el("h3", self.s("objectives_title")))
            out.append(self.objectives_by_session(c))
        out.append(el("h3", self.s("scorecards_title")))
        out.append(el("p", self.s("scorecards_hint"), "hint"))
        out.append(self.compare_scores(c))
        out.append(el("h3", self.s("curves_title")))
        out.append(self.run_legend(c))
        figures = []
        for chart in c.charts:
            png = self.charts.chart_png(chart, self.t, width=4.2, height=2.5, legend=False)
            figures.append(
                el("figure", el("figcaption", self.m(chart.title)) + self.img(png, ""), "small")
            )
        out.append(el("div", "".join(figures), "grid2"))
        return el("section", "".join(out), "part", id="compare")

    def run_legend(self, c: Comparison) -> str:
        items = "".join(el("li", swatch(run.colour) + self.m(run.label)) for run in c.runs)
        return el("ul", items, "legend")

    def ranking_table(self, c: Comparison) -> str:
        head = [
            el("th", self.s(k))
            for k in ("place", "session", "objectives_met", "progress", "mean_score")
        ]
        rows = []
        for rank in c.ranking:
            run = c.runs[rank.run]
            rows.append(
                el(
                    "tr",
                    el("td", str(rank.place), "place")
                    + el("td", swatch(run.colour) + self.m(run.label))
                    + el("td", f"{rank.met}/{rank.total}", "num")
                    + el("td", f"{math.floor(100 * rank.progress)}%", "num")
                    + el("td", self.num(rank.mean_score), "num"),
                )
            )
        return self.table(head, rows, "rank")

    def objectives_by_session(self, c: Comparison) -> str:
        head = [el("th", self.s("objective"))]
        head += [el("th", swatch(run.colour) + escape(run.letter), "run") for run in c.runs]
        rows = []
        # Matched by id: two versions of a scenario may not have the same objectives.
        by_run = [{o.id: o for o in run.debrief.objectives} for run in c.runs]
        seen: dict[str, ObjectiveResult] = {}
        for run in c.runs:
            for o in run.debrief.objectives:
                seen.setdefault(o.id, o)
        for oid, objective in seen.items():
            cells = "".join(
                self.objective_cell(found[oid]) if oid in found else el("td", "—", "num")
                for found in by_run
            )
            rows.append(el("tr", el("td", self.m(objective.text)) + cells))
        return self.table(head, rows, "objectives bysession")

    def objective_cell(self, o: ObjectiveResult) -> str:
        word = self.s(o.verdict)
        body = f"{word}<br><small>{self.m(o.detail)}</small>"
        return el("td", body, "met" if o.met else "missed")

    def compare_scores(self, c: Comparison) -> str:
        first = c.runs[0].debrief
        head = [el("th"), *(el("th", self.term(f"sim.benefit.{b}")) for b in BENEFIT_IDS)]
        head.append(el("th", self.s("mean")))
        rows = []
        for row in c.rows:
            run = c.runs[row.run]
            label = (
                swatch(run.colour)
                + f"{escape(run.letter)} · {self.name(first.org(row.org), short=True)}"
            )
            cells = "".join(self.score_cell(b.score) for b in row.scores)
            rows.append(
                el(
                    "tr",
                    el("th", label, "rowhead") + cells + el("td", self.num(row.mean), "num mean"),
                )
            )
        return self.table(head, rows, "scores compact")

    def score_cell(self, score: float, raw: Msg | None = None, ref: Msg | None = None) -> str:
        raw_html = el("small", self.m(raw)) if raw is not None else ""
        raw_html += el("small", self.m(ref), "ref") if ref is not None else ""
        return el(
            "td", el("b", self.num(score)) + raw_html, "score", style=f"background:{_shade(score)}"
        )

    def questions_section(self, d: Debrief) -> str:
        body = el("h2", self.s("questions_title")) + self.scenario_questions(d.now_what.questions)
        return el("section", body, "part", id="questions")

    # --- one session ---------------------------------------------------------------------------
    def session_section(self, d: Debrief, k: int, *, multi: bool) -> str:
        p = _prefix(k, 2 if multi else 1)
        tag = " " + el("span", self.s("session_n", letter=letter(k)), "tag") if multi else ""
        what = [el("h2", self.s("what_title") + tag), el("p", self.s("what_lead"), "lead")]
        if multi:
            what.append(self.glance(d))
        what += [
            el("h3", self.s("outcomes_title")),
            self.outcomes_table(d),
            el("h3", self.s("timeline_title")),
            el("p", self.s("timeline_hint"), "hint"),
            self.timeline_table(d),
        ]
        so = d.so_what
        so_what = [
            el("h2", self.s("so_what_title") + tag),
            el("p", self.s("so_what_lead"), "lead"),
            el("h3", self.s("scorecard_title")),
            el("p", self.s("scorecard_hint"), "hint"),
            self.scorecard(d),
            el("p", self.s("scorecard_detail"), "hint"),
            self.chart_block(so.chart("indicators"), self.s("indicators_hint")),
            self.network_block(so.network_start, so.network_end, d.orgs),
            self.chart_block(so.chart("climate"), self.s("climate_hint")),
            self.chart_block(so.chart("trust"), self.s("trust_hint")),
            self.chart_block(so.chart("tension"), self.s("tension_hint")),
            el("h3", self.s("challenges_title")),
            el("p", self.s("challenges_hint"), "hint"),
            self.challenges_table(d),
            el("h3", self.s("chains_title")),
            el("p", self.s("chains_hint"), "hint"),
            self.chains(so.chains),
        ]
        now_what = [
            el("h2", self.s("now_what_title") + tag),
            el("p", self.s("now_what_lead"), "lead"),
        ]
        if multi:
            now_what.append(el("p", self.s("questions_above"), "hint"))
        else:
            now_what.append(el("h3", self.s("scenario_questions")))
            now_what.append(self.scenario_questions(d.now_what.questions))
        now_what += [
            el("h3", self.s("prompts_title")),
            el("p", self.s("prompts_hint"), "hint"),
            self.question_list(d.now_what.prompts),
        ]
        return "\n".join(
            el("section", "\n".join(part), "part", id=f"{p}{anchor}")
            for anchor, part in (("what", what), ("sowhat", so_what), ("nowwhat", now_what))
        )

    def objectives_table(self, d: Debrief) -> str:
        head = [el("th", self.s(k)) for k in ("objective", "result", "detail")]
        rows = []
        for o in d.objectives:
            per_org = ""
            if o.per_org:
                scores = ", ".join(
                    f"{self.name(d.org(org), short=True)}: {self.num(score)}"
                    for org, score in o.per_org.items()
                )
                per_org = "<br>" + el("small", scores)
            word = self.s(o.verdict)
            rows.append(
                el(
                    "tr",
                    el("td", self.m(o.text))
                    + el("td", word, "met" if o.met else "missed")
                    + el("td", self.m(o.detail) + per_org),
                )
            )
        return self.table(head, rows, "objectives")

    def outcomes_table(self, d: Debrief) -> str:
        head = [
            el("th", self.s("organisation")),
            el("th", self.s("funds")),
            el("th", self.term("sim.benefit.impact")),
            el("th", self.s("mean_score")),
            el("th", self.s("in_short")),
        ]
        rows = []
        for card in d.orgs:
            o = d.outcome(card.id)
            if card.team:
                who = escape(card.team) if says_team(card.team) else self.s("team", team=card.team)
            else:
                who = self.s("a_team") if card.player else self.s("computer")
            sector = self.term(f"sim.sector.{card.sector}")
            label = org_icon(card) + self.name(card) + "<br>" + el("small", f"{sector} · {who}")
            funds = f"{self.num(o.funds_start, 1)} → {self.num(o.funds_end, 1)}"
            rows.append(
                el(
                    "tr",
                    el("th", label, "rowhead")
                    + el("td", funds, "num")
                    + el("td", self.num(o.score("impact")), "num")
                    + el("td", self.num(o.mean_score), "num")
                    + el("td", " ".join(self.m(f) for f in o.facts) + self.review(o)),
                    "player" if card.player else "",
                )
            )
        return self.table(head, rows, "outcomes")

    def review(self, o) -> str:
        """A team's habits worth keeping and what to try next time, under its facts."""
        out = ""
        for key, lines, cls in (
            ("debrief.review.went_well", o.went_well, "went-well"),
            ("debrief.review.to_try", o.to_try, "to-try"),
        ):
            if lines:
                items = "".join(el("li", self.m(m)) for m in lines)
                out += el("p", el("b", self.term(key)), cls) + el("ul", items, cls)
        return out

    def timeline_table(self, d: Debrief) -> str:
        shown = [it for it in d.what.timeline if it.major or it.team]
        if not shown:
            return el("p", self.s("timeline_empty"), "empty")
        short = {o.id: self.name(o, short=True) for o in d.orgs}
        rows = []
        previous = None
        for it in shown:
            cause = ""
            if it.cause is not None:
                label = "that_month" if it.kind == "turning_point" else "because"
                cause = "<br>" + el("small", self.s(label, cause=self.t.msg(it.cause)), "cause")
            pill = el("span", self.s("kind_" + it.kind), f"pill {it.kind}")
            month_cls = "month" if it.month != previous else "month cont"
            previous = it.month
            rows.append(
                el(
                    "tr",
                    el("td", str(it.month), month_cls)
                    + el("td", pill, "kind")
                    + el("td", self.m(it.text) + cause)
                    + el("td", ", ".join(short[o] for o in it.orgs if o in short), "who"),
                    it.kind + (" major" if it.major else ""),
                )
            )
        head = [el("th", self.s("month")), el("th"), el("th", self.s("what_happened"))]
        head.append(el("th", self.s("who")))
        return self.table(head, rows, "timeline")

    def scorecard(self, d: Debrief) -> str:
        head = [el("th")]
        head += [el("th", self.name(o, short=True), "player" if o.player else "") for o in d.orgs]
        rows = []
        for b in BENEFIT_IDS:
            cells = "".join(
                self.score_cell(x.score, x.figure_msg(), x.reference_msg())
                for card in d.orgs
                for x in d.outcome(card.id).benefits
                if x.id == b
            )
            rows.append(el("tr", el("th", self.term(f"sim.benefit.{b}"), "rowhead") + cells))
        means = "".join(el("td", self.num(d.outcome(o.id).mean_score), "num mean") for o in d.orgs)
        rows.append(el("tr", el("th", self.s("mean"), "rowhead") + means, "total"))
        return self.table(head, rows, "scores")

    def chart_block(self, chart: Chart, hint: str) -> str:
        png = self.charts.chart_png(chart, self.t)
        if chart.marks:
            items = []
            for mark in chart.marks:
                cause = ""
                if mark.cause is not None:
                    cause = " — " + self.s("that_month", cause=self.t.msg(mark.cause))
                text = el("b", self.s("month_n", month=mark.month)) + ": " + self.m(mark.text)
                items.append(el("li", text + cause, value=mark.number))
            marks = el("ol", "".join(items), "marks")
        else:
            marks = el("p", self.s("no_turning_points"), "hint")
        caption = el("figcaption", el("b", self.m(chart.title)) + " — " + hint)
        return el("figure", caption + self.img(png, self.m(chart.title)) + marks, "chartblock")

    def network_block(self, start: Network, end: Network, orgs: Sequence[OrgCard]) -> str:
        png = self.charts.networks_png([start, end], orgs, self.t)
        title = self.s("network_title")
        caption = el("figcaption", el("b", title) + " — " + self.s("network_hint"))
        notes = ""
        for net in (start, end):
            if net.notes:
                heading = self.m(net.notes_title)
                items = "".join(el("li", self.m(note)) for note in net.notes)
                notes += el("p", el("b", heading)) + el("ul", items, "onesided")
        return el("figure", caption + self.img(png, title, "network") + notes, "chartblock")

    def challenges_table(self, d: Debrief) -> str:
        head = [el("th"), *(el("th", self.term(f"sim.challenge.{c}")) for c in CHALLENGE_IDS)]
        head += [el("th", self.term(f"sim.pillar.{p}"), "pillar") for p in PILLAR_IDS]
        rows = []
        for card in d.orgs:
            o = d.outcome(card.id)
            cells = ""
            for c in CHALLENGE_IDS:
                n = o.challenges.get(c, 0)
                cells += el("td", str(n), "num warn" if n else "num")
            for p in PILLAR_IDS:
                value = o.pillars.get(p, 0)
                understanding = p == "shared_understanding"
                good = value >= (0.5 if understanding else 1)
                text = self.num(value, 2) if understanding else self.num(value)
                cells += el("td", text, "num pillar good" if good else "num pillar")
            rows.append(el("tr", el("th", self.name(card, short=True), "rowhead") + cells))
        totals = "".join(
            el("td", str(d.so_what.challenges.get(c, 0)), "num") for c in CHALLENGE_IDS
        )
        totals += el("td", "", colspan=len(PILLAR_IDS))
        rows.append(el("tr", el("th", self.s("all_orgs"), "rowhead") + totals, "total"))
        return self.table(head, rows, "challenges")

    def chains(self, chains: Sequence[Chain]) -> str:
        if not chains:
            return el("p", self.s("no_chains"), "empty")
        out = []
        for n, chain in enumerate(chains, 1):
            steps = "".join(
                el(
                    "li",
                    el("span", self.s("month_n", month=s.month), "month") + " " + self.m(s.text),
                )
                for s in chain.steps
            )
            out.append(
                el(
                    "article",
                    el("h4", f"{n}. {self.m(chain.title)}")
                    + el("p", self.m(chain.story), "story")
                    + el("ol", steps, "steps")
                    + el("p", self.m(chain.lesson), "lesson"),
                    f"chain {chain.kind}",
                )
            )
        return "\n".join(out)

    def scenario_questions(self, questions: Iterable[Question]) -> str:
        by_phase: dict[str, list[Question]] = {p: [] for p in PHASES}
        for q in questions:
            by_phase[q.phase].append(q)
        out = []
        for phase in PHASES:
            if by_phase[phase]:
                out.append(el("h4", self.s("phase_" + phase)))
                out.append(self.question_list(by_phase[phase]))
        return "\n".join(out) or el("p", self.s("no_questions"), "empty")

    def question_list(self, questions: Sequence[Question]) -> str:
        if not questions:
            return el("p", self.s("no_questions"), "empty")
        items = []
        for q in questions:
            pill = (
                el("span", self.s("phase_" + q.phase), f"pill {q.phase}") + " "
                if q.generated
                else ""
            )
            items.append(el("li", pill + self.m(q.text)))
        return el("ol", "".join(items), "questions")

    # --- reveal ------------------------------------------------------------------------------
    def reveal_section(self, d: Debrief) -> str:
        out = [el("h2", self.s("reveal_title")), el("p", self.s("reveal_lead"), "lead")]
        for card in d.reveal.cards:
            org = d.org(card.org)
            bars = "".join(
                el(
                    "div",
                    el("span", self.m(name), "label")
                    + el(
                        "span",
                        el(
                            "span",
                            "",
                            "fill",
                            style=f"width:{100 * share:.0f}%;background:{org.colour}",
                        ),
                        "track",
                    )
                    + el("span", f"{self.num(100 * share)}%", "pct"),
                    "bar",
                )
                for name, share in card.mission
            )
            if card.hidden_agenda is not None:
                agenda = el(
                    "p",
                    el("b", self.s("hidden_agenda") + ":") + " " + self.m(card.hidden_agenda),
                    "agenda",
                )
            else:
                agenda = el("p", self.s("no_agenda"), "agenda none")
            desc = el("p", self.m(card.description), "desc") if card.description else ""
            known = self.s("known_by_others", pct=round(100 * card.known_by_others))
            out.append(
                el(
                    "article",
                    el("h4", org_icon(org) + self.name(org))
                    + desc
                    + el("p", self.s("true_mission"), "mission-title")
                    + bars
                    + agenda
                    + el("p", known, "known"),
                    "revealcard",
                )
            )
        for title, texts in (
            ("notes_title", d.reveal.notes),
            ("learning_title", d.reveal.learning_objectives),
        ):
            if texts:
                out.append(el("h3", self.s(title)))
                out.append(el("ul", "".join(el("li", self.m(n)) for n in texts), "notes"))
        return el("section", "\n".join(out), "part reveal", id="reveal")


def _prefix(k: int, count: int) -> str:
    return f"s{letter(k).lower()}-" if count > 1 else ""


def _shade(score: float) -> str:
    """A pale background from red (0) through yellow to green (100), light enough to print."""
    score = max(0.0, min(100.0, score))
    if score < 50:
        r, g, b = 250, 205 + int(45 * score / 50), 200
    else:
        r, g, b = 250 - int(60 * (score - 50) / 50), 245, 200 + int(10 * (score - 50) / 50)
    return f"#{r:02x}{g:02x}{b:02x}"
