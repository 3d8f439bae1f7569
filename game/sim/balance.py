"""Does collaborating pay in a scenario, and does play decide the outcome?

The same seeds are played three ways by the teams' organisations: `collaborative`, `solo`
(never partners) and `neglectful` (partners like collaborative, never tends trust or holds an
evaluation). Three bars, the ones every bundled scenario clears (docs/balance.md):

- collaborating pays: the teams' raw Program impact (need-weighted indicator points their own
  work produced) is at least `RATIO_BAR` times what going alone gives;
- play decides: the collaborative runs spread (p90 − p10 over the mean) by `SPREAD_BAR`;
- neglect shows: tending buys `NEGLECT_BAR` points of sustainability over neglecting.

`kolaborasi simulate --compare` prints this for a designer; `benchmarks/balance.py` tables
it for the bundled scenarios.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.scenario.schema import Scenario
from game.sim.batch import run_many

RATIO_BAR = 1.3  # collaborative raw impact over solo raw impact
SPREAD_BAR = 0.15  # (p90 − p10) / mean of the collaborative raw impact
NEGLECT_BAR = 3.0  # sustainability points tending must buy over `neglectful`
WAYS = ("collaborative", "solo", "neglectful")


def stats(values: np.ndarray) -> dict[str, float]:
    return {
        "mean": float(values.mean()),
        "p10": float(np.percentile(values, 10)),
        "p90": float(np.percentile(values, 90)),
    }


@dataclass(frozen=True)
class Figures:
    """Per run, under one policy: the teams' impact score (mean over the teams, 0–100), raw
    impact (summed over the teams) and sustainability score (mean, 0–100)."""

    score: np.ndarray
    raw: np.ndarray
    sustainability: np.ndarray
    # Each community need's value at the end, per run: what a designer tunes targets by.
    indicators: dict[str, np.ndarray] = field(default_factory=dict)
    # Each team's own raw impact and sustainability score, per run: the pooled figures hid
    # a team that gained nothing from collaborating while its partner team gained a lot.
    team_raw: dict[str, np.ndarray] = field(default_factory=dict)
    team_sustainability: dict[str, np.ndarray] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "impact_score": stats(self.score),
            "impact_points": stats(self.raw),
            "sustainability": stats(self.sustainability),
            "indicators": {d: stats(v) for d, v in self.indicators.items()},
            "teams": {
                team: {
                    "impact_points": stats(raw),
                    "sustainability": stats(self.team_sustainability[team]),
                }
                for team, raw in self.team_raw.items()
            },
        }


def play(
    scenario: Scenario,
    policy: str,
    *,
    runs: int,
    seed: int,
    months: int | None = None,
    jobs: int = 1,
    teams: Sequence[str] | None = None,
    save_dir: str | None = None,
    scenario_text: str | None = None,
    on_run: Callable[[], None] | None = None,
) -> Figures:
    """Play `runs` seeds with the teams' organisations run by `policy`, exactly as
    `kolaborasi simulate --policy` does (same code, same seeds)."""
    players = list(teams or scenario.players)
    scores, raws, sustained = [], [], []
    ends: dict[str, list[float]] = {d.id: [] for d in scenario.domains}
    team_raw: dict[str, list[float]] = {p: [] for p in players}
    team_sustained: dict[str, list[float]] = {p: [] for p in players}
    results = run_many(
        scenario,
        runs=runs,
        seed=seed,
        months=months,
        policy=policy,
        jobs=jobs,
        save_dir=save_dir,
        scenario_text=scenario_text,
        teams=players,
    )
    for result in results:
        orgs = result["organisations"]
        scores.append(sum(orgs[p]["benefits"]["impact"] for p in players) / len(players))
        raws.append(sum(orgs[p]["raw"]["impact"] for p in players))
        sustained.append(sum(orgs[p]["benefits"]["sustainability"] for p in players) / len(players))
        for d, value in result["indicators"].items():
            ends[d].append(value)
        for p in players:
            team_raw[p].append(orgs[p]["raw"]["impact"])
            team_sustained[p].append(orgs[p]["benefits"]["sustainability"])
        if on_run is not None:
            on_run()
    indicators = {d: np.array(values) for d, values in ends.items()}
    return Figures(
        np.array(scores),
        np.array(raws),
        np.array(sustained),
        indicators,
        {p: np.array(v) for p, v in team_raw.items()},
        {p: np.array(v) for p, v in team_sustained.items()},
    )


@dataclass(frozen=True)
class TeamVerdict:
    """The bars that can be read for one team alone: whether collaborating pays it, and
    whether tending shows in its own sustainability (play deciding is a property of the
    scenario, not of a team)."""

    ratio: float  # the team's collaborative raw impact / its solo raw impact (inf: solo 0)
    tending_bought: float

    @property
    def pays(self) -> bool:
        return self.ratio >= RATIO_BAR

    @property
    def neglect_shows(self) -> bool:
        return self.tending_bought >= NEGLECT_BAR

    @property
    def ok(self) -> bool:
        return self.pays and self.neglect_shows

    def to_json(self) -> dict[str, Any]:
        return {
            "impact_ratio": round(self.ratio, 4) if np.isfinite(self.ratio) else None,
            "tending_bought": round(self.tending_bought, 4),
            "collaboration_pays": self.pays,
            "neglect_shows": self.neglect_shows,
        }


@dataclass(frozen=True)
class Verdict(TeamVerdict):
    """The three bars, measured for the teams together (`ratio` and `tending_bought` as
    for one team, over all of them), and each team's own."""

    score_ratio: float  # the ratio of the 0–100 scores, which are scaled and capped
    spread: float  # (p90 − p10) / mean of the collaborative raw impact
    teams: dict[str, TeamVerdict] = field(default_factory=dict)  # each team's own bars

    @property
    def decides(self) -> bool:
        return self.spread >= SPREAD_BAR

    @property
    def ok(self) -> bool:
        return self.pays and self.decides and self.neglect_shows

    @property
    def lagging(self) -> list[str]:
        """Teams that miss a bar of their own (only read when there are several teams)."""
        return [team for team, v in self.teams.items() if not v.ok]

    def to_json(self) -> dict[str, Any]:
        return {
            "impact_ratio": round(self.ratio, 4),
            "impact_score_ratio": round(self.score_ratio, 4),
            "spread": round(self.spread, 4),
            "tending_bought": round(self.tending_bought, 4),
            "collaboration_pays": self.pays,
            "play_decides": self.decides,
            "neglect_shows": self.neglect_shows,
            "teams": {team: v.to_json() for team, v in self.teams.items()},
            "bars": {
                "impact_ratio": RATIO_BAR,
                "spread": SPREAD_BAR,
                "tending_bought": NEGLECT_BAR,
            },
        }


def verdict(figures: dict[str, Figures]) -> Verdict:
    collab, solo, neglect = (figures[w] for w in WAYS)
    p10, p90 = np.percentile(collab.raw, 10), np.percentile(collab.raw, 90)
    return Verdict(
        ratio=float(collab.raw.mean() / max(solo.raw.mean(), 1e-9)),
        score_ratio=float(collab.score.mean() / max(solo.score.mean(), 1e-9)),
        spread=float((p90 - p10) / max(collab.raw.mean(), 1e-9)),
        tending_bought=float(collab.sustainability.mean() - neglect.sustainability.mean()),
        teams={
            team: TeamVerdict(
                ratio=_ratio(float(raw.mean()), float(solo.team_raw[team].mean())),
                tending_bought=float(
                    collab.team_sustainability[team].mean()
                    - neglect.team_sustainability[team].mean()
                ),
            )
            for team, raw in collab.team_raw.items()
        },
    )


def _ratio(collaborative: float, solo: float) -> float:
    """Collaborative over solo points; infinite where going alone moved nothing at all."""
    if solo > 1e-9:
        return collaborative / solo
    return float("inf") if collaborative > 1e-9 else 1.0


def compare(scenario: Scenario, **kwargs: Any) -> tuple[dict[str, Figures], Verdict]:
    """Every way of playing in `WAYS` over the same seeds, and the verdict; keyword
    arguments as for `play`."""
    figures = {way: play(scenario, way, **kwargs) for way in WAYS}
    return figures, verdict(figures)
