"""`kolaborasi simulate SCENARIO`: preview a scenario's outcomes over many seeds, headless.

The player organisations are run by a policy (`collaborative` by default, `solo` to see what
going alone gives); everyone else by the scenario's AI policies. Results stream: the JSON is
written run by run, and the table keeps only the figures it prints.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any, TextIO

from game.cli.common import display_path, number, shell_quote
from game.i18n import Translator
from game.scenario import load_scenario, resolve_scenario
from game.scenario.schema import BENEFIT_IDS, Scenario
from game.scenario.words import value_hint
from game.sim import balance
from game.sim.batch import Summary, run_many
from game.sim.outcomes import CHALLENGE_IDS
from game.sim.policies import POLICIES
from game.storage import os_error_reason


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help=t("simulate.help"),
        description=t("simulate.description"),
        epilog=t("simulate.epilog"),
    )
    parser.add_argument("scenario", metavar=t("simulate.metavar"), help=t("simulate.scenario_help"))
    parser.add_argument(
        "--runs", type=_positive(t, 100_000), default=100, help=t("simulate.runs_help")
    )
    parser.add_argument("--seed", type=_natural(t), default=None, help=t("simulate.seed_help"))
    parser.add_argument(
        "--months", type=_positive(t, 120), default=None, help=t("simulate.months_help")
    )
    parser.add_argument(
        "--policy",
        choices=sorted(POLICIES),
        default=None,
        help=t("simulate.policy_help"),
    )
    parser.add_argument("--compare", action="store_true", help=t("simulate.compare_help"))
    parser.add_argument(
        "--teams", metavar=t("simulate.teams_metavar"), default=None, help=t("simulate.teams_help")
    )
    parser.add_argument("--jobs", type=_positive(t, 64), default=1, help=t("simulate.jobs_help"))
    parser.add_argument("--json", action="store_true", help=t("simulate.json_help"))
    parser.add_argument(
        "--save-sessions",
        metavar=t("simulate.dir_metavar"),
        default=None,
        help=t("simulate.save_help"),
    )


def _positive(t: Translator, limit: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("simulate.error.not_number", value=text)) from None
        if not 1 <= value <= limit:
            raise argparse.ArgumentTypeError(t("simulate.error.range", value=value, limit=limit))
        return value

    return parse


def _natural(t: Translator):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("simulate.error.not_number", value=text)) from None
        if value < 0:
            raise argparse.ArgumentTypeError(t("simulate.error.negative", value=value))
        return value

    return parse


def run(args: argparse.Namespace, t: Translator) -> int:
    path = resolve_scenario(args.scenario)
    loaded = load_scenario(path)
    scenario = loaded.scenario
    text = loaded.text if args.save_sessions else None
    seed = scenario.meta.seed if args.seed is None else args.seed
    months = args.months or scenario.meta.months
    players = scenario.players
    if args.teams is not None:  # a set-up of the facilitator's own, as on the start screen
        players = [p.strip() for p in args.teams.split(",") if p.strip()]
        known = [o.id for o in scenario.organisations]
        unknown = [p for p in players if p not in known]
        if unknown or not players or len(set(players)) < len(players):
            key = "simulate.error.unknown_team" if unknown else "simulate.error.bad_teams"
            said = t(key, given=args.teams, unknown=", ".join(unknown), ids=", ".join(known))
            hints = [value_hint(p, known) for p in unknown]  # `kpspam` for `kpspams`
            said += "".join(f" ({t.msg(hint)})" for hint in hints if hint is not None)
            print(said, file=sys.stderr)
            return 1
    if not players:
        print(t("simulate.error.no_players", scenario=scenario.meta.id), file=sys.stderr)
        return 1
    if args.compare and args.policy is not None:
        print(t("simulate.error.compare_policy", policy=args.policy), file=sys.stderr)
        return 1
    if args.months is not None and args.months > scenario.meta.months:
        print(
            t("simulate.warn.longer", months=args.months, length=scenario.meta.months),
            file=sys.stderr,
        )
    if args.save_sessions and not _save_folder_ready(Path(args.save_sessions), t):
        return 1
    if args.compare:
        return _compare(args, t, scenario, text, seed, months, players)
    args.policy = args.policy or "collaborative"
    results = run_many(
        scenario,
        runs=args.runs,
        seed=seed,
        months=months,
        policy=args.policy,
        jobs=args.jobs,
        save_dir=args.save_sessions,
        scenario_text=text,
        teams=players,
    )
    summary = Summary(players, [d.id for d in scenario.domains])
    progress = _Progress(args.runs, sys.stderr, enabled=sys.stderr.isatty() and args.runs > 1)
    try:
        if args.json:
            _stream_json(
                sys.stdout, scenario, seed, months, args, players, results, summary, progress
            )
        else:
            for result in results:
                summary.add(result)
                progress.step()
            progress.done()
            print(
                render_table(scenario, summary, seed=seed, months=months, policy=args.policy, t=t)
            )
    except BrokenPipeError:
        raise
    except OSError as exc:  # the folder filled up or went away during the runs
        return _save_failed(args, t, exc)
    if args.save_sessions:
        print(t("simulate.saved", runs=args.runs, folder=args.save_sessions), file=sys.stderr)
    return 0


def _save_failed(args, t: Translator, exc: OSError) -> int:
    """A run could not write its session (`--save-sessions`): said, exit 1; any other
    OSError is not ours to explain."""
    if not args.save_sessions:
        raise exc
    detail = t.msg(os_error_reason(exc))
    print(t("cli.simulate.save_failed", folder=args.save_sessions, detail=detail), file=sys.stderr)
    return 1


def _compare(args, t: Translator, scenario: Scenario, text, seed, months, players) -> int:
    """`--compare`: the teams played collaborative, solo and neglectful over the same seeds,
    and whether the scenario clears the three bars of game.sim.balance."""
    progress = _Progress(
        len(balance.WAYS) * args.runs, sys.stderr, enabled=sys.stderr.isatty() and args.runs > 1
    )
    try:
        figures, verdict = balance.compare(
            scenario,
            runs=args.runs,
            seed=seed,
            months=months,
            jobs=args.jobs,
            teams=players,
            save_dir=args.save_sessions,
            scenario_text=text,
            on_run=progress.step,
        )
    except OSError as exc:
        return _save_failed(args, t, exc)
    progress.done()
    if args.json:
        out = {
            "scenario": scenario.meta.id,
            "seed": seed,
            "runs": args.runs,
            "months": months,
            "players": players,
            "policies": {way: f.to_json() for way, f in figures.items()},
            "verdict": verdict.to_json(),
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(render_comparison(scenario, figures, verdict, seed, months, players, args.runs, t))
    if args.save_sessions:
        runs = len(balance.WAYS) * args.runs
        print(t("simulate.saved", runs=runs, folder=args.save_sessions), file=sys.stderr)
    return 0


def render_comparison(
    scenario: Scenario,
    figures: dict[str, balance.Figures],
    verdict: balance.Verdict,
    seed: int,
    months: int,
    players: list[str],
    runs: int,
    t: Translator,
) -> str:
    names = ", ".join(t.text(o.name) for o in scenario.organisations if o.id in players)
    lines = [
        t("simulate.compare.title", title=t.text(scenario.meta.title), id=scenario.meta.id),
        t(
            "simulate.compare.setup",
            runs=runs,
            months=months,
            first=seed,
            last=seed + runs - 1,
            teams=names,
        ),
        "",
    ]
    rows = [
        (t("simulate.compare.score"), "score", 0),
        (t("simulate.compare.points"), "raw", 1),
        (t("simulate.compare.sustainability"), "sustainability", 0),
    ]
    label_w = max(len(label) for label, _, _ in rows) + 2
    col_w = 20
    ways = "".join(policy_name(t, way).ljust(col_w) for way in balance.WAYS)
    lines.append((" " * label_w + ways).rstrip())
    for label, field, digits in rows:
        cells = "".join(
            _cell(t, balance.stats(getattr(figures[way], field)), digits).ljust(col_w)
            for way in balance.WAYS
        )
        lines.append((label.ljust(label_w) + cells).rstrip())
    lines += _needs_rows(scenario, figures, t, label_w, col_w)
    lines.append("")
    mark = {True: t("simulate.compare.yes"), False: t("simulate.compare.no")}
    width = max(len(v) for v in mark.values())
    checks = [
        (
            verdict.pays,
            t(
                "simulate.compare.pays",
                ratio=number(t, verdict.ratio, ".2f"),
                bar=number(t, balance.RATIO_BAR, "g"),
                score_ratio=number(t, verdict.score_ratio, ".2f"),
            ),
        ),
        (
            verdict.decides,
            t(
                "simulate.compare.decides",
                spread=number(t, verdict.spread, ".2f"),
                bar=number(t, balance.SPREAD_BAR, "g"),
            ),
        ),
        (
            verdict.neglect_shows,
            t(
                "simulate.compare.neglect",
                bought=number(t, verdict.tending_bought, "+.1f"),
                bar=number(t, balance.NEGLECT_BAR, "+g"),
            ),
        ),
    ]
    several = len(verdict.teams) > 1
    if several:
        checks += _team_checks(scenario, figures, verdict, months, t)
    indent = " " * (width + 4)
    for ok, text in checks:
        if ok is None:  # the heading of the teams' own lines
            lines += ["", textwrap.fill(text, 100)]
            continue
        lines.append(
            textwrap.fill(
                text, 100, initial_indent=f"  {mark[ok].ljust(width)}  ", subsequent_indent=indent
            )
        )
    if verdict.ok and several and verdict.lagging:
        names = [
            o.short or t.text(o.name) for o in scenario.organisations if o.id in verdict.lagging
        ]
        conclusion = t("simulate.compare.team_lags", teams=", ".join(names))
    else:
        conclusion = t("simulate.compare.ok" if verdict.ok else "simulate.compare.fix")
    lines += ["", textwrap.fill(conclusion, 100)]
    lines += ["", textwrap.fill(t("simulate.compare.legend"), 100)]
    return "\n".join(lines)


def _team_checks(
    scenario: Scenario,
    figures: dict[str, balance.Figures],
    verdict: balance.Verdict,
    months: int,
    t: Translator,
) -> list[tuple[bool | None, str]]:
    """Each team's own two bars, with its points together and alone: pooled figures hid a
    team that gained nothing from collaborating while its partner team gained a lot (a lesson
    its players would not learn). A team that misses and is richer than most says so, the
    cause a designer met most (money and skills come through partnerships)."""
    specs = {o.id: o for o in scenario.organisations}
    means = {o.id: o.funds + o.income * months for o in scenario.organisations}
    heading = t(
        "simulate.compare.each_team",
        ratio_bar=number(t, balance.RATIO_BAR, "g"),
        neglect_bar=number(t, balance.NEGLECT_BAR, "+g"),
    )
    out: list[tuple[bool | None, str]] = [(None, heading)]
    for team, v in verdict.teams.items():
        spec = specs[team]
        params = {
            "name": spec.short or t.text(spec.name),
            "together": number(t, float(figures["collaborative"].team_raw[team].mean()), ".1f"),
            "alone": number(t, float(figures["solo"].team_raw[team].mean()), ".1f"),
            "bought": number(t, v.tending_bought, "+.1f"),
        }
        if math.isinf(v.ratio):
            text = t("simulate.compare.team_only_together", **params)
        else:
            text = t("simulate.compare.team", ratio=number(t, v.ratio, ".2f"), **params)
        others = sorted(m for k, m in means.items() if k != team)
        if not v.pays and others and means[team] >= others[len(others) // 2]:
            text += " " + t("simulate.compare.team_rich")
        out.append((v.ok, text))
    return out


def _needs_rows(
    scenario: Scenario, figures: dict[str, balance.Figures], t: Translator, label_w: int, col_w: int
) -> list[str]:
    """Each community need at the end under each way of playing, against its target, with a
    word where the target does not separate the ways: one beyond the collaborative runs'
    p90 is out of reach; one under the solo runs' p10 is reached without working together.
    A designer had no way to see which of his targets to tune."""
    lines = ["", *textwrap.wrap(t("simulate.compare.needs"), 100), ""]
    width = max(label_w, 24)
    head = "".join(policy_name(t, way).ljust(col_w) for way in balance.WAYS)
    lines.append((" " * width + head + t("simulate.compare.target")).rstrip())
    for domain in scenario.domains:
        ends = {way: balance.stats(figures[way].indicators[domain.id]) for way in balance.WAYS}
        cells = "".join(_cell(t, ends[way], 1).ljust(col_w) for way in balance.WAYS)
        target = number(t, domain.target, "g")
        lines.append(_short(t.text(domain.name), width - 2).ljust(width) + cells + target)
        collab, solo = ends["collaborative"], ends["solo"]
        if domain.target > collab["p90"]:
            note = t("simulate.compare.need_out_of_reach")
            if solo["p90"] < collab["mean"]:
                suggest = (solo["p90"] + collab["mean"]) / 2
                note += " " + t("simulate.compare.need_try", value=number(t, suggest, ".0f"))
        elif domain.target <= solo["p10"]:
            note = t("simulate.compare.need_alone")
        else:
            continue
        lines.append(textwrap.fill(note, 100, initial_indent="  ! ", subsequent_indent="    "))
    return lines


def _save_folder_ready(folder: Path, t: Translator) -> bool:
    """Make sure `--save-sessions` names a folder the runs can write to, before any run: a
    failure after the JSON has begun would leave half of it on stdout."""
    shown = display_path(folder)
    if folder.exists() and not folder.is_dir():
        suggestion = shell_quote(display_path(folder.with_name(folder.stem + "-runs")))
        print(
            t("cli.simulate.save_not_folder", folder=shown, suggestion=suggestion),
            file=sys.stderr,
        )
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".kolaborasi-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        detail = t.msg(os_error_reason(exc))
        print(t("cli.simulate.save_unusable", folder=shown, detail=detail), file=sys.stderr)
        return False
    return True


def _stream_json(
    out: TextIO,
    scenario: Scenario,
    seed: int,
    months: int,
    args,
    players,
    results,
    summary: Summary,
    progress: _Progress,
) -> None:
    head = {
        "scenario": scenario.meta.id,
        "seed": seed,
        "runs": args.runs,
        "months": months,
        "policy": args.policy,
        "players": players,
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "results": [')
    for n, result in enumerate(results):
        summary.add(result)
        out.write(("," if n else "") + "\n  " + json.dumps(result, ensure_ascii=False))
        progress.step()
    progress.done()
    out.write('\n], "summary": ' + json.dumps(summary.to_json(), ensure_ascii=False) + "}\n")


class _Progress:
    """A one-line progress bar on stderr for long runs in a terminal."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool) -> None:
        self.total, self.stream, self.enabled, self.count = total, stream, enabled, 0

    def step(self) -> None:
        self.count += 1
        if self.enabled and (
            self.count == self.total or self.count % max(1, self.total // 50) == 0
        ):
            filled = int(30 * self.count / self.total)
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")


SKEWED = "*"  # a mean outside its own p10–p90, said under the table


def _cell(t: Translator, s: dict[str, float], digits: int = 0) -> str:
    """ "mean (p10–p90)"; a mean outside the range as shown is marked, or "5 (0–0)" reads as
    a mistake: most runs gave the same, and a few far from them moved the mean."""
    spec = f".{digits}f"
    mean, p10, p90 = (number(t, s[k], spec) for k in ("mean", "p10", "p90"))
    shown = [round(s[k], digits) for k in ("mean", "p10", "p90")]
    mark = SKEWED if not shown[1] <= shown[0] <= shown[2] else ""
    return f"{mean}{mark} ({p10}–{p90})"


def policy_name(t: Translator, policy: str) -> str:
    """A policy in the reader's words ("kolaboratif"); its id is what `--policy` takes."""
    return t(f"simulate.policy.{policy}")


def render_table(
    scenario: Scenario, summary: Summary, *, seed: int, months: int, policy: str, t: Translator
) -> str:
    data = summary.to_json()
    # Short names: five teams' full names made lines of 230 characters.
    names = {
        o.id: _short(t.text(o.short) if o.short else t.text(o.name)) for o in scenario.organisations
    }
    lines = [
        t("simulate.table.title", title=t.text(scenario.meta.title), id=scenario.meta.id),
        t(
            "simulate.table.setup",
            runs=summary.runs,
            months=months,
            seed=seed,
            policy=policy_name(t, policy),
        ),
        "",
        t("simulate.table.benefits"),
    ]
    labels = [t(f"sim.benefit.{b}") for b in BENEFIT_IDS]
    labels += [t.text(d.name) for d in scenario.domains]
    labels += [t(f"sim.model.{m}") for m in summary.to_json()["partnerships"]]
    labels += [t(f"sim.challenge.{c}") for c in CHALLENGE_IDS]
    label_w = max(len(label) for label in labels) + 4  # sub-rows are indented by 2
    col_w = max(18, *(len(names[p]) + 2 for p in summary.players))
    lines.append(" " * label_w + "".join(names[p].ljust(col_w) for p in summary.players))
    for b in BENEFIT_IDS:
        row = t(f"sim.benefit.{b}").ljust(label_w)
        row += "".join(_cell(t, data["benefits"][p][b]).ljust(col_w) for p in summary.players)
        lines.append(row.rstrip())
    lines += ["", t("simulate.table.indicators")]
    for d in scenario.domains:
        s = data["indicators"][d.id]
        reached = t("simulate.table.reached") if s["mean"] >= d.target else ""
        lines.append(
            "  "
            + t.text(d.name).ljust(label_w - 2)
            + _cell(t, s, 1).ljust(col_w)
            + t(
                "simulate.table.target",
                baseline=number(t, d.baseline, "g"),
                target=number(t, d.target, "g"),
            )
            + (f"  {reached}" if reached else "")
        )
    lines += ["", t("simulate.table.partnerships")]
    for m, s in data["partnerships"].items():
        lines.append("  " + t(f"sim.model.{m}").ljust(label_w - 2) + _cell(t, s, 1))
    lines += ["", t("simulate.table.challenges")]
    for c in CHALLENGE_IDS:
        lines.append(
            "  " + t(f"sim.challenge.{c}").ljust(label_w - 2) + _cell(t, data["challenges"][c], 1)
        )
    if scenario.events:  # share of runs in which each fired: 0% or 100% may be a trap
        lines += ["", t("simulate.table.events")]
        for event in scenario.events:
            share = data["events"].get(event.id, 0.0)
            title = t.text(event.title)
            lines.append(f"  {f'{round(100 * share)}%'.rjust(4)}  {title} ({event.id})")
        lines += _unasked_questions(scenario, data["events"], t)
    lines += ["", textwrap.fill(t("simulate.table.legend"), 100)]
    if any(f"{SKEWED} (" in line for line in lines):
        lines.append(textwrap.fill(t("simulate.table.skewed", mark=SKEWED), 100))
    return "\n".join(lines)


def _unasked_questions(scenario: Scenario, fired: dict[str, float], t: Translator) -> list[str]:
    """A debrief question tied (`after`) only to events that fired in no run: the debrief
    would never ask it. Injects are the facilitator's and never fire here, so a question
    with an inject among its `after` ids is not flagged."""
    events = {e.id for e in scenario.events}
    lines = []
    for question in scenario.debrief_questions:
        ids = question.after
        if ids and set(ids) <= events and not any(fired.get(i, 0.0) > 0 for i in ids):
            said = t(
                "simulate.table.unasked",
                question=_short(t.text(question.text), 60),
                ids=", ".join(ids),
            )
            lines.append(textwrap.fill(said, 100, initial_indent="  ! ", subsequent_indent="    "))
    return lines


def _short(name: str, most: int = 22) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"
