"""Exact fingerprints of all-AI runs of every bundled scenario under every engine version.

A change meant to keep results (a speed-up, a refactor) must leave every fingerprint as it
was: saved sessions replay under the engine they were played with, float for float. Run it
before and after the change on the same machine (the hashes are exact, so another numpy or
BLAS may give others):

    python benchmarks/fingerprints.py > before.txt
    ... change ...
    python benchmarks/fingerprints.py | diff before.txt -

A fingerprint covers the world at the end: indicators, organisations, relations,
partnerships, the event log, every monthly snapshot and the month's sources of change.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.scenario import load_scenario  # noqa: E402
from game.sim.commands import EndMonth  # noqa: E402
from game.sim.world import ENGINE, World  # noqa: E402

POLICIES = ("collaborative", "solo")  # the teams' policies, in turn


def fingerprint(world: World) -> str:
    parts = [
        world.month,
        world.indicators.tolist(),
        [(o.funds, o.impact, o.capacity, o.knowledge, o.credibility) for o in world.orgs],
        world.trust.tolist(),
        world.tension.tolist(),
        world.known.tolist(),
        [
            (
                p.id,
                p.model.value,
                p.status.value,
                tuple(p.members),
                p.understanding,
                p.hidden_issues,
                p.impact,
            )
            for p in world.partnerships
        ],
        [e.to_json() for e in world.entries],
        [s.to_json() for s in world.history.snapshots],
        world.indicator_sources,
        sorted(world.relation_sources.items(), key=str),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def main() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path).scenario
        controllers = {p: POLICIES[k % len(POLICIES)] for k, p in enumerate(scenario.players)}
        for engine in range(1, ENGINE + 1):
            for seed in range(3 if engine >= 4 else 1):
                world = World(scenario, seed, engine=engine, controllers=controllers)
                while not world.finished:
                    world.apply(EndMonth())
                print(f"{path.stem} e{engine} s{seed} {fingerprint(world)}")


if __name__ == "__main__":
    main()
