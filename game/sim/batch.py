"""Headless batch runs for `kolaborasi simulate`: many seeds, streamed, summarised.

Run k uses seed `base + k`. Each run is reduced to a small result dict as soon as it ends,
so a thousand runs hold a thousand small dicts, never a thousand histories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from game.scenario.schema import BENEFIT_IDS, Scenario
from game.sim.commands import EndMonth
from game.sim.outcomes import CHALLENGE_IDS, outcomes, partnerships_formed, world_challenges
from game.sim.session import Session
from game.sim.world import World

# Who plays a scenario's `player` organisation when no team takes it: in simulate and in the
# game (game.ui.match), so a preview plays what the room will.
STAND_IN_POLICY = "collaborative"


def play_headless(
    scenario: Scenario,
    seed: int,
    months: int | None,
    policy: str,
    scenario_text: str | None = None,
    teams: Sequence[str] | None = None,
) -> World | Session:
    """Play one whole scenario with the teams' organisations (by default the scenario's
    players) run by `policy`; a scenario player no team takes is run as in the game."""
    teams = scenario.players if teams is None else list(teams)
    controllers = {p: STAND_IN_POLICY for p in scenario.players if p not in teams}
    controllers |= {p: policy for p in teams}
    if scenario_text is not None:
        session = Session(
            scenario,
            scenario_text,
            seed=seed,
            months=months,
            controllers=controllers,
            session_id=run_name(scenario, policy, seed),
        )
        while not session.world.finished:
            session.apply(EndMonth())
        return session
    world = World(scenario, seed, months=months, controllers=controllers)
    while not world.finished:
        world.apply(EndMonth())
    return world


def run_name(scenario: Scenario, policy: str, seed: int) -> str:
    """A headless run's session id and file name: one seed of one policy is one game."""
    return f"{scenario.meta.id}-{policy}-seed{seed}"


def result_of(world: World) -> dict[str, Any]:
    """The compact, JSON-ready result of one finished run."""
    return {
        "seed": world.seed,
        "organisations": {k: v.to_json() for k, v in outcomes(world).items()},
        "partnerships": partnerships_formed(world),
        "challenges": world_challenges(world),
        "indicators": {
            d: round(float(v), 2) for d, v in zip(world.domain_ids, world.indicators, strict=True)
        },
        "events": events_fired(world),
    }


def events_fired(world: World) -> dict[str, int]:
    """How often each scenario event fired in the run: a designer sees the one that never
    fires, or the condition that always holds (say, partnerships the computer forms alone)."""
    counts: dict[str, int] = {}
    for e in world.entries:
        if e.kind == "event":
            counts[e.data["id"]] = counts.get(e.data["id"], 0) + 1
    return counts


class _Job:
    """Picklable work unit for the process pool."""

    def __init__(
        self,
        scenario: Scenario,
        months: int | None,
        policy: str,
        save_dir: str | None,
        scenario_text: str | None,
        teams: Sequence[str] | None = None,
    ) -> None:
        self.teams = teams
        self.scenario = scenario
        self.months = months
        self.policy = policy
        self.save_dir = save_dir
        self.scenario_text = scenario_text

    def __call__(self, seed: int) -> dict[str, Any]:
        text = self.scenario_text if self.save_dir else None
        played = play_headless(self.scenario, seed, self.months, self.policy, text, self.teams)
        if isinstance(played, Session):
            name = f"{run_name(self.scenario, self.policy, seed)}.kolaborasi.json"
            played.save(Path(self.save_dir) / name)  # type: ignore[arg-type]
            return result_of(played.world)
        return result_of(played)


def run_many(
    scenario: Scenario,
    *,
    runs: int,
    seed: int,
    months: int | None = None,
    policy: str = "collaborative",
    jobs: int = 1,
    save_dir: str | None = None,
    scenario_text: str | None = None,
    teams: Sequence[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield run results in seed order."""
    job = _Job(scenario, months, policy, save_dir, scenario_text, teams)
    seeds = range(seed, seed + runs)
    if jobs <= 1 or runs <= 1:
        for s in seeds:
            yield job(s)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(job, seeds, chunksize=max(1, min(32, runs // (jobs * 4) or 1)))


class Summary:
    """Streaming aggregate of run results: keeps only the numbers the table needs."""

    def __init__(self, players: list[str], domains: list[str]) -> None:
        self.players = players
        self.domains = domains
        self.runs = 0
        self._benefits: dict[str, dict[str, list[float]]] = {
            p: {b: [] for b in BENEFIT_IDS} for p in players
        }
        self._indicators: dict[str, list[float]] = {d: [] for d in domains}
        self._partnerships: dict[str, list[int]] = {}
        self._challenges: dict[str, list[int]] = {c: [] for c in CHALLENGE_IDS}
        self._events: dict[str, int] = {}  # event id → runs in which it fired

    def add(self, result: dict[str, Any]) -> None:
        self.runs += 1
        for p in self.players:
            for b, v in result["organisations"][p]["benefits"].items():
                self._benefits[p][b].append(v)
        for d, v in result["indicators"].items():
            self._indicators[d].append(v)
        for m, n in result["partnerships"].items():
            self._partnerships.setdefault(m, []).append(n)
        for c, n in result["challenges"].items():
            self._challenges[c].append(n)
        for event in result.get("events", {}):
            self._events[event] = self._events.get(event, 0) + 1

    def to_json(self) -> dict[str, Any]:
        return {
            "benefits": {
                p: {b: stats(v) for b, v in bs.items()} for p, bs in self._benefits.items()
            },
            "indicators": {d: stats(v) for d, v in self._indicators.items()},
            "partnerships": {m: stats(v) for m, v in self._partnerships.items()},
            "challenges": {c: stats(v) for c, v in self._challenges.items()},
            "events": {e: round(n / max(1, self.runs), 3) for e, n in sorted(self._events.items())},
        }


def stats(values: list[float] | list[int]) -> dict[str, float]:
    if not values:
        return {"mean": 0.0, "p10": 0.0, "p90": 0.0}
    arr = np.asarray(values, dtype=float)
    return {
        "mean": round(float(arr.mean()), 2),
        "p10": round(float(np.percentile(arr, 10)), 2),
        "p90": round(float(np.percentile(arr, 90)), 2),
    }


ProgressFn = Callable[[int, int], None]
