"""What the debrief says, as plain data: the three parts, the reveal, the charts' series.

Nothing here draws or formats. Every text a person reads is a `Msg` (scenario texts too,
wrapped by `scenario_text`), so one `Debrief` renders in either language with the same
`Translator.msg` call, and the report (matplotlib, HTML) and the game's debrief screen
(pygame) draw the same numbers. Months are whole numbers, 0 being the start; values are
floats; colours are `#rrggbb` strings that both matplotlib and `pygame.Color` accept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.i18n import Msg, short_of
from game.look import SECTOR_STYLES

# Colour-blind-safe palette (Okabe–Ito, then Tol's muted); stable per organisation index.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#117733",
    "#999933",
    "#332288",
    "#AA4499",
    "#44AA99",
)
TRUST_COLOUR = "#0072B2"
TENSION_COLOUR = "#D55E00"

# How the game draws each sector (game.look, as on the map): an organisation has the same
# colour and shape in the report and on the debrief screen as on the map the teams played with.
SECTOR_LOOK: dict[str, tuple[str, str]] = {
    sector.value: (style.hex, style.shape) for sector, style in SECTOR_STYLES.items()
}


def colour(index: int) -> str:
    """A colour for the index-th of several things with no look of their own (domains, runs)."""
    return PALETTE[index % len(PALETTE)]


def sector_look(sector: str) -> tuple[str, str]:
    """(colour, shape) of a sector as the game's map draws it."""
    return SECTOR_LOOK.get(sector, ("#777777", "circle"))


def says_team(name: str) -> bool:
    """Whether a team's name already says it is a team ("Tim 1", "Team Hijau"), so that a
    label does not read "team Tim 1"."""
    return name.split(" ", 1)[0].lower() in ("tim", "team")


def scenario_text(text: Any) -> Msg:
    """A scenario text (plain string, `Text` model or {lang: text}) as a message."""
    if text is None:
        return Msg("debrief.plain", {"text": ""})
    if not isinstance(text, str | Mapping):
        text = {k: v for k, v in text.model_dump().items() if v}
    return Msg("debrief.plain", {"text": text})


# --- who and what ---------------------------------------------------------------------------
@dataclass(frozen=True)
class OrgCard:
    """An organisation as the debrief names it."""

    id: str
    name: Msg
    short: Msg  # for chart legends and the network
    sector: str
    player: bool  # a team's organisation in the scenario
    team: str | None  # the team's name, if the session recorded one
    colour: str  # its sector's colour on the game's map
    shape: str = "circle"  # its sector's shape on the game's map
    variant: int = 0  # how many organisations of its sector come before it: its dash pattern


@dataclass(frozen=True)
class DomainCard:
    id: str
    name: Msg
    baseline: float
    target: float
    end: float
    colour: str

    @property
    def reached(self) -> bool:
        return self.end >= self.target


# --- What happened --------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineItem:
    """A key decision, event or turning point."""

    month: int
    kind: str  # decision | partnership | setback | event | turning_point | success
    text: Msg
    orgs: tuple[str, ...] = ()
    cause: Msg | None = None
    major: bool = False  # one of the few moments that shaped the story
    team: bool = False  # a team's organisation was involved


UNIT_DIGITS = {"count": 0, "capacity": 2, "diversity": 0, "health": 0}
SIGNED_UNITS = ("knowledge", "capacity", "credibility")
PERCENT_UNITS = ("diversity", "health")  # shares 0–1, read as percentages
COUNTED_UNITS = ("ties", "credibility")  # "1 tie", "+1 point": a `.one` form in the catalogue


@dataclass(frozen=True)
class BenefitScore:
    id: str
    score: float  # 0–100
    raw: float
    unit: str  # `debrief.unit.<unit>` renders the raw figure
    # The organisation's own yardstick for the raw figure (set by its means), when the score
    # is not measured against the same one for everyone: shown beside the figure.
    reference: float | None = None

    def raw_msg(self, *, short: bool = False) -> Msg:
        """The raw figure with its unit, rounded for reading, changes with their sign; with
        its reference when it has one of its own ("19.5 pts/Rp100 jt · ref. 22.1", or
        `short`, for a narrow column, "19.5 · ref. 22.1")."""
        value, figure = self._figure()
        reference = self.reference_msg()
        if reference is None:
            return figure
        if short:
            return Msg("debrief.unit_ref_short", {"value": value, "reference": reference})
        return Msg("debrief.unit_ref", {"figure": figure, "reference": reference})

    def figure_msg(self) -> Msg:
        """The raw figure alone, without its reference."""
        return self._figure()[1]

    def reference_msg(self) -> Msg | None:
        """ "ref. 22.1": the organisation's own yardstick, in the figure's unit, if it has one."""
        if self.reference is None:
            return None
        digits = UNIT_DIGITS.get(self.unit, 1)
        value = round(self.reference, digits) if digits else round(self.reference)
        return Msg("debrief.unit_reference", {"value": value})

    def _figure(self) -> tuple[float, Msg]:
        digits = UNIT_DIGITS.get(self.unit, 1)
        raw = 100 * self.raw if self.unit in PERCENT_UNITS else self.raw
        value = round(raw, digits) if digits else round(raw)
        sign = "+" if self.unit in SIGNED_UNITS and value > 0 else ""
        form = ".one" if self.unit in COUNTED_UNITS and abs(value) == 1 else ""
        return value, Msg(f"debrief.unit.{self.unit}{form}", {"value": value, "sign": sign})


@dataclass(frozen=True)
class OrgOutcome:
    """One organisation's result: the ten benefits, the challenges it met, the pillars."""

    org: str
    benefits: tuple[BenefitScore, ...]
    challenges: Mapping[str, int]
    pillars: Mapping[str, float]
    partnerships: Mapping[str, int]  # status → count, for partnerships it was ever part of
    funds_start: float  # at its first turn: month 1's income in and upkeep out
    funds_end: float
    facts: tuple[Msg, ...]  # a few sentences that sum it up
    went_well: tuple[Msg, ...] = ()  # a team's habits worth keeping, with their figures
    to_try: tuple[Msg, ...] = ()  # and what to try next time

    def score(self, benefit: str) -> float:
        for b in self.benefits:
            if b.id == benefit:
                return b.score
        raise KeyError(benefit)

    @property
    def mean_score(self) -> float:
        return sum(b.score for b in self.benefits) / len(self.benefits)


@dataclass(frozen=True)
class PartnershipView:
    id: int
    model: str
    members: tuple[str, ...]  # members at the end, then those who left
    status: str
    agreed: int
    started: int | None
    ended: int | None
    end_reason: str
    understanding: float
    health: float
    kept: int
    missed: int


@dataclass(frozen=True)
class WhatHappened:
    timeline: tuple[TimelineItem, ...]
    outcomes: tuple[OrgOutcome, ...]
    partnerships: tuple[PartnershipView, ...]
    facts: tuple[Msg, ...]  # the whole session in a few sentences


# --- So what --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One curve: a value for every month in `months`."""

    id: str
    label: Msg
    months: tuple[int, ...]
    values: tuple[float, ...]
    colour: str
    emphasis: bool = False  # drawn thicker (a team's organisation)
    dashed: bool = False
    shape: str = ""  # an organisation's sector shape for its points; "" lets the chart choose
    variant: int = 0  # a dash pattern that tells it from other lines of the same colour


@dataclass(frozen=True)
class RefLine:
    """A horizontal reference, such as an indicator's target."""

    value: float
    label: Msg
    colour: str


@dataclass(frozen=True)
class Mark:
    """A numbered turning point on a curve; `text` explains it under the chart."""

    number: int
    line: str  # id of the line it sits on
    month: int
    value: float
    kind: str  # fall | rise | reached
    text: Msg
    cause: Msg | None = None


@dataclass(frozen=True)
class Chart:
    id: str
    title: Msg
    y_label: Msg
    y_min: float
    y_max: float
    lines: tuple[Line, ...]
    refs: tuple[RefLine, ...] = ()
    marks: tuple[Mark, ...] = ()
    x_label: Msg = field(default_factory=lambda: Msg("debrief.chart.month"))


@dataclass(frozen=True)
class Node:
    org: str
    x: float  # 0–1, left to right
    y: float  # 0–1, bottom to top


ONE_SIDED = 0.2  # a gap between a tie's two directions of trust that a mean would hide


@dataclass(frozen=True)
class Tie:
    a: str
    b: str
    trust: float  # mean of both directions
    trust_ab: float  # how much a trusts b
    trust_ba: float  # how much b trusts a
    tension: float  # mean of both directions
    partners: bool  # in a running partnership together at that month

    @property
    def one_sided(self) -> bool:
        """One side trusts the other far more than it is trusted back: the mean (0.61)
        would hide a collapse (0.26 one way, 0.96 the other), so both are shown."""
        return abs(self.trust_ab - self.trust_ba) > ONE_SIDED


@dataclass(frozen=True)
class Network:
    month: int
    title: Msg
    nodes: tuple[Node, ...]
    ties: tuple[Tie, ...]  # every pair, weakest first, so strong ties draw on top
    # One-sided ties of the teams' organisations said in words, partners first:
    # "SMPN 3 trusts SDN 2 only 0.26, while SDN 2 trusts SMPN 3 0.96."
    notes: tuple[Msg, ...] = ()

    @property
    def notes_title(self) -> Msg:
        """ "One-sided trust at the end of month 24": the heading of `notes`."""
        if self.month == 0:
            return Msg("debrief.network.one_sided_title_start")
        return Msg("debrief.network.one_sided_title", {"month": self.month})


@dataclass(frozen=True)
class Step:
    month: int
    text: Msg


@dataclass(frozen=True)
class Chain:
    """A cause-and-effect chain read from the log, told in plain words."""

    kind: str  # missed_breakup | approval_tension | unevaluated_crisis | dialogue_deal | ...
    title: Msg
    story: Msg  # the chain in one or two sentences
    steps: tuple[Step, ...]
    lesson: Msg
    orgs: tuple[str, ...]
    partnership: int | None = None

    @property
    def month(self) -> int:
        return self.steps[0].month if self.steps else 0


@dataclass(frozen=True)
class SoWhat:
    charts: tuple[Chart, ...]  # indicators, climate (trust & tension), trust, tension
    network_start: Network
    network_end: Network
    challenges: Mapping[str, int]  # over all organisations
    chains: tuple[Chain, ...]

    def chart(self, chart_id: str) -> Chart:
        for c in self.charts:
            if c.id == chart_id:
                return c
        raise KeyError(chart_id)


# --- Now what and the reveal ----------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    phase: str  # what | so_what | now_what
    text: Msg
    generated: bool = False  # written from what happened, not by the scenario


@dataclass(frozen=True)
class NowWhat:
    questions: tuple[Question, ...]  # the scenario's own, in its order
    prompts: tuple[Question, ...]  # generated from this session


@dataclass(frozen=True)
class RevealCard:
    org: str
    mission: tuple[tuple[Msg, float], ...]  # (domain name, share 0–1), largest first
    hidden_agenda: Msg | None
    description: Msg | None
    known_by_others: float  # 0–1: how much of its mission the others had learned by the end


@dataclass(frozen=True)
class Reveal:
    cards: tuple[RevealCard, ...]
    notes: tuple[Msg, ...]  # the scenario's facilitator notes
    learning_objectives: tuple[Msg, ...]


# --- objectives -----------------------------------------------------------------------------
_STANDING = {  # kind → (final, provisional) key of `ObjectiveResult.standing`
    "indicator": ("debrief.objective.now_indicator", "debrief.objective.now_indicator_so_far"),
    "benefit": ("debrief.objective.now_benefit", "debrief.objective.now_benefit_so_far"),
}


@dataclass(frozen=True)
class ObjectiveResult:
    id: str
    text: Msg
    kind: str  # indicator | model | benefit
    target: float | None
    achieved: float
    met: bool
    progress: float  # 0–1 toward the target
    detail: Msg
    per_org: Mapping[str, float] = field(default_factory=dict)  # benefit scores of the teams
    # Judged at the end, which has not come yet: an indicator or a score can still fall back,
    # so "reached" in month 3 is only "reached so far" (a partnership that started stays so).
    provisional: bool = False
    # A model goal not met yet, whose partnership is agreed and waits for its approval.
    waiting: Msg | None = None

    @property
    def verdict(self) -> str:
        """The report's word for it (`debrief.report.<verdict>`): "met", "not met", or "met
        so far" / "not met yet" before the end has judged it."""
        if self.provisional:
            return "met_so_far" if self.met else "not_met_yet"
        return "met" if self.met else "not_met"

    @property
    def status(self) -> Msg:
        """Where it stands, as a team reads it during play: "reached", "40% of the way", or
        the same with "so far" while it is provisional (`progress` is never 100% unmet)."""
        key = "met" if self.met else "open"
        if self.provisional:
            key += "_so_far"
        return Msg(f"debrief.objective.status.{key}", {"progress": int(100 * self.progress)})

    @property
    def standing(self) -> Msg:
        """Where it stands in the goal's own figures, for the month summary: "now 32.6
        (target 60)" where "2% of the way so far" left cadres asking 2% of what."""
        if self.kind == "model" and not self.met:  # yes or no: "0% of the way" read oddly
            return self.waiting or Msg("debrief.objective.now_model", {})
        if self.met or self.kind == "model" or self.target is None:
            return self.status
        key = _STANDING[self.kind][self.provisional]
        digits = 1 if self.kind == "indicator" else 0
        # Rounded to hundredths first, as the month's report rounds the indicator lines above
        # it: 30.549 read "30 → 30.6" there and "now 30.5" here.
        figure = short_of(round(self.achieved, 2), self.target, digits)  # 59.96 is not 60
        return Msg(key, {"now": figure, "target": round(self.target, 1)})


# --- per-month data for spreadsheets --------------------------------------------------------
ORG_MONTH_FIELDS = (
    "funds",
    "staff",
    "capacity",
    "credibility",
    "knowledge",
    "innovations",
    "impact",
    "trust_in",
    "trust_out",
    "tension_in",
    "tension_out",
    "partnerships",
    "spent",
    "wasted",
    "agenda",  # points left at the month's end
)


@dataclass(frozen=True)
class OrgMonth:
    month: int
    org: str
    values: Mapping[str, float]  # ORG_MONTH_FIELDS


# --- the whole debrief ----------------------------------------------------------------------
@dataclass(frozen=True)
class SessionInfo:
    id: str
    source: str  # file name it was read from, or ""
    scenario_id: str
    scenario_sha: str
    seed: int
    month: int  # the month the game is in, as the game and `kolaborasi sessions` say it
    months: int
    finished: bool
    controllers: Mapping[str, str]
    complete: int = 0  # months fully played: the charts' last month

    def stopped(self, key: str, **params: Any) -> Msg:
        """Where an unfinished session stopped, said with `key`: the month it is in ("month 5
        of 12", as the game and `kolaborasi sessions` say it) and the months complete ("4
        months complete"), so no page calls month 5 "month 4" while its timeline lists
        month-5 moves."""
        n = self.complete
        form = "none" if n == 0 else "one" if n == 1 else "other"
        complete = Msg(f"debrief.count.months_complete.{form}", {"count": n})
        where = {"month": self.month, "months": self.months, "complete": complete}
        return Msg(key, {**params, **where})


@dataclass(frozen=True)
class Debrief:
    session: SessionInfo
    title: Msg
    summary: Msg
    orgs: tuple[OrgCard, ...]
    domains: tuple[DomainCard, ...]
    what: WhatHappened
    so_what: SoWhat
    now_what: NowWhat
    reveal: Reveal
    objectives: tuple[ObjectiveResult, ...]
    monthly: tuple[OrgMonth, ...]

    def org(self, org_id: str) -> OrgCard:
        for o in self.orgs:
            if o.id == org_id:
                return o
        raise KeyError(org_id)

    def outcome(self, org_id: str) -> OrgOutcome:
        for o in self.what.outcomes:
            if o.org == org_id:
                return o
        raise KeyError(org_id)

    @property
    def players(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.orgs if o.player)

    @property
    def objectives_met(self) -> int:
        return sum(1 for o in self.objectives if o.met)
