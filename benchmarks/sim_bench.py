"""Engine benchmarks: prints figures, asserts nothing (machines are shared and noisy).

    python benchmarks/sim_bench.py            # all figures
    python benchmarks/sim_bench.py --quick    # fewer repetitions

Targets (issue 3): ≤ 10 ms per 24-month playthrough of the default scenario with every
organisation AI; month p99 ≤ 5 ms; 100-organisation month ≤ 50 ms; 1,000 simulate runs
within 200 MB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.scenario import default_scenario, load_scenario  # noqa: E402
from game.scenario.schema import Scenario  # noqa: E402
from game.sim.batch import run_many  # noqa: E402
from game.sim.commands import EndMonth  # noqa: E402
from game.sim.world import World  # noqa: E402


def all_ai(scenario: Scenario, seed: int, months: int | None = None) -> World:
    return World(
        scenario, seed, months=months, controllers={p: "collaborative" for p in scenario.players}
    )


def playthrough_ms(scenario: Scenario, reps: int) -> list[float]:
    times = []
    for seed in range(reps):
        start = time.perf_counter()
        world = all_ai(scenario, seed)
        while not world.finished:
            world.apply(EndMonth())
        times.append((time.perf_counter() - start) * 1000)
    return times


def month_ms(scenario: Scenario, reps: int) -> list[float]:
    times = []
    for seed in range(reps):
        world = all_ai(scenario, seed)
        while not world.finished:
            start = time.perf_counter()
            world.apply(EndMonth())
            times.append((time.perf_counter() - start) * 1000)
    return times


def parallel_rate(scenario: Scenario, runs: int, jobs: int) -> float:
    start = time.perf_counter()
    for _ in run_many(scenario, runs=runs, seed=0, jobs=jobs):
        pass
    return runs / (time.perf_counter() - start)


def simulate_peak_mb(runs: int) -> float:
    """Peak resident memory of `kolaborasi simulate` in a child process."""
    cmd = [
        sys.executable,
        "-m",
        "game",
        "simulate",
        default_scenario().id,
        "--runs",
        str(runs),
        "--json",
    ]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def generated_scenario(n_orgs: int, n_domains: int = 6, seed: int = 0) -> Scenario:
    """A large synthetic district: `n_orgs` organisations of every sector and policy."""
    rng = np.random.default_rng(seed)
    sectors = ["community", "ngo", "government", "private", "education", "media", "donor"]
    policies = ["cautious", "opportunist", "bureaucrat", "champion"]
    domains = [
        {"id": f"d{i}", "name": f"Domain {i}", "baseline": 30, "target": 60}
        for i in range(n_domains)
    ]
    orgs = []
    for i in range(n_orgs):
        picks = rng.choice(n_domains, size=2, replace=False)
        orgs.append(
            {
                "id": f"org{i}",
                "name": f"Organisation {i}",
                "sector": sectors[i % len(sectors)],
                "policy": "player" if i < 4 else policies[i % len(policies)],
                "mission": {f"d{int(d)}": float(rng.uniform(0.5, 3)) for d in picks},
                "funds": float(rng.uniform(10, 300)),
                "income": float(rng.uniform(2, 25)),
                "staff": int(rng.integers(2, 15)),
            }
        )
    data = {
        "format": 1,
        "meta": {"id": "generated", "title": "Generated", "summary": "Benchmark", "months": 24},
        "domains": domains,
        "organisations": orgs,
        "grants": [{"id": "g1", "name": "Grant", "amount": 50}],
    }
    return Scenario.model_validate(data)


def reference_ms(reps: int = 7) -> float:
    """Median time of a fixed pure-Python workload: a yardstick for a shared, noisy machine.

    The ratio of a figure to this yardstick moves far less between runs than the figure
    itself, so compare ratios when the machine's speed changes under you."""

    def work() -> float:
        table: dict[int, float] = {}
        acc = 0.0
        for i in range(60_000):
            x = (i % 97) * 0.5
            table[i % 512] = table.get(i % 512, 0.0) + x
            acc += min(x, 10.0) * max(0.1, x - 3.0)
        return acc + sum(table.values())

    times = []
    for _ in range(reps):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    reps = 20 if args.quick else 100
    scenario = load_scenario(default_scenario().path).scenario
    playthrough_ms(scenario, 3)  # warm caches

    before = reference_ms()
    plays = playthrough_ms(scenario, reps)
    yardstick = (before + reference_ms()) / 2
    median = statistics.median(plays)
    print(f"speed yardstick (a fixed pure-Python loop): {yardstick:.1f} ms")
    print(f"default scenario ({scenario.meta.id}, {len(scenario.organisations)} orgs, all AI):")
    print(
        f"  playthrough of {scenario.meta.months} months: median {median:.1f} ms"
        f"  (p10 {pct(plays, 10):.1f}, p90 {pct(plays, 90):.1f} ms; target ≤ 10 ms)"
        f"  = {median / yardstick:.2f} × the yardstick"
    )
    months = month_ms(scenario, reps // 2)
    print(
        f"  one month's resolution: p50 {pct(months, 50):.2f} ms, p99 {pct(months, 99):.2f} ms"
        "  (target p99 ≤ 5 ms)"
    )
    runs = 100 if args.quick else 400
    print(
        f"  playthroughs per second: {parallel_rate(scenario, runs, 1):.0f} with --jobs 1,"
        f" {parallel_rate(scenario, runs, 2):.0f} with --jobs 2"
    )

    big = generated_scenario(100)
    world = all_ai(big, 1)
    times = []
    for _ in range(6 if args.quick else 12):
        start = time.perf_counter()
        world.apply(EndMonth())
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"generated 100-organisation scenario: one month median {statistics.median(times):.1f} ms,"
        f" max {max(times):.1f} ms  (target ≤ 50 ms)"
    )

    n = 200 if args.quick else 1000
    print(
        f"simulate --runs {n} --json: peak memory {simulate_peak_mb(n):.0f} MB  (target ≤ 200 MB)"
    )


if __name__ == "__main__":
    main()
