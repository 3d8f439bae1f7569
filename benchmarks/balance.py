"""Balance of the bundled scenarios: does collaborating pay, and does play decide the outcome?

For every bundled scenario this plays `--runs` seeds three times, exactly as
`kolaborasi simulate SCENARIO --runs N --policy collaborative|solo` does (same code, same
seeds), and compares the player organisations' Program impact (benefit 1): the 0–100 score
and the raw figure (need-weighted indicator points the players' own work produced, summed
over the player organisations). It prints the markdown table kept in docs/balance.md.

    python benchmarks/balance.py                      # 200 runs, every scenario, 2 processes
    python benchmarks/balance.py --runs 40            # quicker, while tuning
    python benchmarks/balance.py --scenario tutorial  # one scenario (repeatable)
    python benchmarks/balance.py --write              # also rewrite the table in docs/balance.md
    python benchmarks/balance.py --scenario my.yaml --trajectory --runs 100
                                                      # every indicator, month by month, for
                                                      # both policies: to place thresholds

The bar (issue 6; the figures live in game/sim/balance.py, which `kolaborasi simulate
--compare` prints for one scenario): collaborative raw impact ≥ 1.3 × solo raw impact, and a
real spread between p10 and p90 of the collaborative runs. The last column says whether a
scenario clears it.
A second table plays the players `neglectful` (partners like collaborative, never tends) and
checks that tending buys at least 3 points of sustainability (issue 3: neglected trust and
evaluation must be visible there).
Exit code 1 when any scenario misses a bar, so CI or a designer can run it as a check.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.scenario import bundled_scenarios, load_scenario, resolve_scenario  # noqa: E402
from game.scenario.schema import Scenario  # noqa: E402
from game.sim.balance import compare  # noqa: E402
from game.sim.batch import play_headless  # noqa: E402

DOC = ROOT / "docs" / "balance.md"
BEGIN, END = "<!-- balance:begin -->", "<!-- balance:end -->"


def cell(values: np.ndarray, digits: int) -> str:
    mean, p10, p90 = values.mean(), np.percentile(values, 10), np.percentile(values, 90)
    return f"{mean:.{digits}f} ({p10:.{digits}f}–{p90:.{digits}f})"


def row(scenario: Scenario, runs: int, jobs: int) -> tuple[str, str, bool]:
    """The scenario's line in the impact table and in the neglect table."""
    figures, verdict = compare(scenario, runs=runs, seed=scenario.meta.seed, jobs=jobs)
    collab, solo, neglect = figures["collaborative"], figures["solo"], figures["neglectful"]
    cells = [
        f"`{scenario.meta.id}`",
        ", ".join(scenario.players),
        cell(collab.score, 0),
        cell(solo.score, 0),
        cell(collab.raw, 1),
        cell(solo.raw, 1),
        f"{verdict.ratio:.2f}× ({verdict.score_ratio:.2f}×)",
        f"{verdict.spread:.2f}",
        "yes" if verdict.pays and verdict.decides else "**no**",
    ]
    neglect_cells = [
        f"`{scenario.meta.id}`",
        cell(collab.sustainability, 0),
        cell(neglect.sustainability, 0),
        f"{verdict.tending_bought:+.1f}",
        cell(collab.score, 0),
        cell(neglect.score, 0),
        "yes" if verdict.neglect_shows else "**no**",
    ]
    line = "| " + " | ".join(cells) + " |"
    return line, "| " + " | ".join(neglect_cells) + " |", verdict.ok


def table(ids: list[str], runs: int, jobs: int, *, progress: bool) -> tuple[str, bool]:
    header = (
        "| scenario | players | impact score, collaborative | impact score, solo "
        "| raw impact, collaborative | raw impact, solo | raw ratio (score ratio) "
        "| spread (p90−p10)/mean | clears the bar |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    neglect_header = (
        "| scenario | sustainability, collaborative | sustainability, neglectful "
        "| what tending bought | impact score, collaborative | impact score, neglectful "
        "| neglect shows |\n"
        "|---|---|---|---|---|---|---|"
    )
    lines, neglect_lines, all_ok = [header], [neglect_header], True
    for sid in ids:
        start = time.perf_counter()
        scenario = load_scenario(resolve_scenario(sid)).scenario
        line, neglect_line, ok = row(scenario, runs, jobs)
        all_ok &= ok
        lines.append(line)
        neglect_lines.append(neglect_line)
        if progress:
            print(f"{sid}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    chosen = (
        ""
        if ids == [i.id for i in bundled_scenarios()]
        else "".join(f" --scenario {sid}" for sid in ids)
    )
    command = f"python benchmarks/balance.py --runs {runs} --jobs {jobs}{chosen or ' --write'}"
    lines += [
        "",
        f"{runs} runs per policy and scenario, seeds `meta.seed` … `meta.seed + {runs - 1}`, "
        "full scenario length. Cells: mean (p10–p90). Regenerate with "
        f"`{command}`.",
        "",
        "What neglect costs: the same players under `neglectful`, which partners exactly like",
        "`collaborative` but never holds a dialogue, meeting, visioning workshop or evaluation.",
        "Sustainability is benefit 10 (0–100, mean over the players).",
        "",
        *neglect_lines,
    ]
    return "\n".join(lines), all_ok


def trajectory(scenario: Scenario, runs: int) -> str:
    """Mean (p10–p90) of every indicator after each month, collaborative | solo."""
    series = {}
    for policy in ("collaborative", "solo"):
        seeds = range(scenario.meta.seed, scenario.meta.seed + runs)
        worlds = (play_headless(scenario, seed, None, policy) for seed in seeds)
        series[policy] = np.stack([w.history.indicator_series() for w in worlds])
    ids = [d.id for d in scenario.domains]
    lines = [
        f"{scenario.meta.id}: indicators after each month, mean (p10–p90) over {runs} runs, "
        "collaborative | solo",
        "",
        "| month | " + " | ".join(ids) + " |",
        "|---|" + "---|" * len(ids),
    ]
    for month in range(series["solo"].shape[1]):
        cells = []
        for k in range(len(ids)):
            c, s = (series[p][:, month, k] for p in ("collaborative", "solo"))
            cells.append(f"{cell(c, 1)} \\| {cell(s, 1)}")
        lines.append(f"| {month} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(BEGIN)
    _, _, tail = rest.partition(END)
    DOC.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenario", action="append", help="id or path; default: all bundled")
    parser.add_argument("--write", action="store_true", help=f"rewrite the table in {DOC.name}")
    parser.add_argument(
        "--trajectory", action="store_true", help="print each indicator month by month instead"
    )
    args = parser.parse_args()
    ids = args.scenario or [info.id for info in bundled_scenarios()]
    if args.trajectory:
        for sid in ids:
            print(trajectory(load_scenario(resolve_scenario(sid)).scenario, args.runs) + "\n")
        return 0
    text, ok = table(ids, args.runs, args.jobs, progress=True)
    print(text)
    if args.write:
        write_doc(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
