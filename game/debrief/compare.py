"""Several sessions of one scenario side by side: teams that played on different laptops.

A comparison holds one row of scores per team organisation and session, overlaid curves
(one line per session), and a ranking of the sessions against the scenario's objectives:
objectives met first, then the mean progress toward them, then the teams' mean score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.debrief.errors import DebriefError
from game.debrief.model import (
    BenefitScore,
    Chart,
    Debrief,
    Line,
    RefLine,
    colour,
)
from game.debrief.series import level_top
from game.i18n import Msg

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Run:
    letter: str
    label: Msg  # "Session A" with its teams or file
    debrief: Debrief
    colour: str


@dataclass(frozen=True)
class ScoreRow:
    run: int  # index into Comparison.runs
    org: str
    scores: tuple[BenefitScore, ...]
    mean: float


@dataclass(frozen=True)
class Rank:
    run: int
    place: int  # 1 is best; equal results share a place
    met: int
    total: int
    progress: float  # mean progress toward the objectives, 0–1
    mean_score: float  # mean benefit score of the teams' organisations


@dataclass(frozen=True)
class Comparison:
    scenario_id: str
    title: Msg
    runs: tuple[Run, ...]
    rows: tuple[ScoreRow, ...]
    charts: tuple[Chart, ...]
    ranking: tuple[Rank, ...]  # best first
    notes: tuple[Msg, ...]


def compare(debriefs: Sequence[Debrief]) -> Comparison:
    if not debriefs:
        raise DebriefError("no_sessions")
    check_same_scenario(debriefs)
    runs = tuple(Run(letter(k), _label(k, d), d, colour(k)) for k, d in enumerate(debriefs))
    first = debriefs[0]
    rows = tuple(
        ScoreRow(k, org.id, d.outcome(org.id).benefits, d.outcome(org.id).mean_score)
        for org in first.orgs
        for k, d in enumerate(debriefs)
        if org.id in teams_of(d)
    )
    notes = []
    if len({d.session.scenario_sha for d in debriefs}) > 1:
        notes.append(Msg("debrief.compare.versions_differ"))
    if len(months_played(debriefs)) > 1:
        notes.append(Msg("debrief.compare.lengths_differ"))
    if len({tuple(sorted(d.session.controllers.items())) for d in debriefs}) > 1:
        notes.append(Msg("debrief.compare.controllers_differ"))
    return Comparison(
        first.session.scenario_id,
        first.title,
        runs,
        rows,
        overlaid_charts(runs),
        ranking(runs),
        tuple(notes),
    )


def months_played(debriefs: Sequence[Debrief]) -> list[int]:
    """The different numbers of complete months the sessions were played for, fewest first.

    Only a difference here makes a shorter session's figures lower: laptops all stopped at
    the same month compare fairly though none of them finished."""
    return sorted({d.session.complete for d in debriefs})


def check_same_scenario(debriefs: Sequence[Debrief]) -> None:
    """Refuse to compare sessions of different scenarios, naming the files that differ."""
    first = debriefs[0]
    for d in debriefs[1:]:
        if d.session.scenario_id != first.session.scenario_id:
            raise DebriefError(
                "mixed_scenarios",
                first=first.session.source or first.session.id,
                first_scenario=first.session.scenario_id,
                other=d.session.source or d.session.id,
                other_scenario=d.session.scenario_id,
            )
        same_cast = [o.id for o in d.orgs] == [o.id for o in first.orgs] and [
            x.id for x in d.domains
        ] == [x.id for x in first.domains]
        if not same_cast:
            raise DebriefError(
                "changed_scenario",
                first=first.session.source or first.session.id,
                other=d.session.source or d.session.id,
                scenario=first.session.scenario_id,
            )


def letter(k: int) -> str:
    return LETTERS[k] if k < len(LETTERS) else str(k + 1)


def _label(k: int, d: Debrief) -> Msg:
    teams = [o.team for o in d.orgs if o.player and o.team]
    if teams:
        return Msg("debrief.compare.run_teams", {"letter": letter(k), "teams": teams})
    return Msg(
        "debrief.compare.run_file", {"letter": letter(k), "file": d.session.source or d.session.id}
    )


def overlaid_charts(runs: Sequence[Run]) -> tuple[Chart, ...]:
    """One chart per indicator and one each for trust and tension, a line per session."""
    charts = []
    first = runs[0].debrief
    for d, domain in enumerate(first.domains):
        lines = []
        for run in runs:
            src = run.debrief.so_what.chart("indicators").lines[d]
            lines.append(Line(run.letter, run.label, src.months, src.values, run.colour))
        low, high = _zoom([v for x in lines for v in x.values] + [domain.target])
        charts.append(
            Chart(
                f"compare-{domain.id}",
                domain.name,
                Msg("debrief.chart.indicator_axis"),
                low,
                high,
                tuple(lines),
                (
                    RefLine(
                        domain.target,
                        Msg("debrief.chart.target", {"domain": domain.name}),
                        "#444444",
                    ),
                ),
            )
        )
    for line_id, title in (
        ("trust", "debrief.chart.mean_trust"),
        ("tension", "debrief.chart.mean_tension"),
    ):
        lines = []
        for run in runs:
            src = next(x for x in run.debrief.so_what.chart("climate").lines if x.id == line_id)
            lines.append(Line(run.letter, run.label, src.months, src.values, run.colour))
        charts.append(
            Chart(
                f"compare-{line_id}",
                Msg(title),
                Msg("debrief.chart.level_axis"),
                0.0,
                level_top([v for x in lines for v in x.values]),
                tuple(lines),
            )
        )
    return tuple(charts)


def _zoom(values: Sequence[float]) -> tuple[float, float]:
    """A 0–100 axis cut to the range the sessions used, so their differences show."""
    low = max(0.0, math.floor((min(values) - 5) / 10) * 10)
    high = min(100.0, math.ceil((max(values) + 5) / 10) * 10)
    return low, max(high, low + 20)


def teams_of(d: Debrief) -> tuple[str, ...]:
    """The organisations a session's teams played, as its header lists them (every one, when
    no organisation was a team's): its scorecard rows and its mean team score use the same."""
    return d.players or tuple(o.id for o in d.orgs)


def ranking(runs: Sequence[Run]) -> tuple[Rank, ...]:
    entries = []
    for k, run in enumerate(runs):
        d = run.debrief
        objs = d.objectives
        progress = sum(o.progress for o in objs) / len(objs) if objs else 0.0
        teams = teams_of(d)
        mean = sum(d.outcome(p).mean_score for p in teams) / len(teams)
        entries.append((d.objectives_met, round(progress, 4), round(mean, 2), k, len(objs)))
    entries.sort(key=lambda e: (-e[0], -e[1], -e[2], e[3]))
    out = []
    for n, (met, progress, mean, k, total) in enumerate(entries):
        place = n + 1
        if out and (met, progress, mean) == (out[-1].met, out[-1].progress, out[-1].mean_score):
            place = out[-1].place
        out.append(Rank(k, place, met, total, progress, mean))
    return tuple(out)
