"""`kolaborasi list [SCENARIO] [--json]`: the bundled scenarios, the default first; or one
scenario in full (its summary, organisations, goals and injects), to choose one for a day."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from game.cli.common import number, shell_quote
from game.i18n import Translator
from game.scenario import ScenarioInfo, bundled_scenarios, load_scenario, resolve_scenario
from game.scenario.schema import Scenario


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "list", help=t("cli.list.help"), description=t("cli.list.description")
    )
    parser.add_argument(
        "scenario", nargs="?", metavar=t("cli.list.metavar"), help=t("cli.list.scenario_help")
    )
    parser.add_argument("--json", action="store_true", help=t("cli.list.json_help"))


def run(args: argparse.Namespace, t: Translator) -> int:
    if args.scenario:
        path = resolve_scenario(args.scenario)
        scenario = load_scenario(path).scenario
        if args.json:
            info = next((i for i in bundled_scenarios() if i.path == path), None)
            data = as_json(info, t) if info else {"id": scenario.meta.id, "path": str(path)}
            print(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            # The preview command names the scenario as typed: a file's id is no bundled id.
            bundled = any(i.path == path for i in bundled_scenarios())
            print(details(scenario, t, scenario.meta.id if bundled else shell_quote(args.scenario)))
        return 0
    infos = bundled_scenarios()
    if args.json:
        print(json.dumps([as_json(info, t) for info in infos], indent=2, ensure_ascii=False))
    elif not infos:
        print(t("cli.list.none"))
    else:
        print(table(infos, t))
    return 0


def as_json(info: ScenarioInfo, t: Translator) -> dict[str, Any]:
    """Texts in the chosen language: a script wants one string, not a translation table."""
    return {
        "id": info.id,
        "title": t.text(info.title),
        "summary": t.text(info.summary),
        "months": info.months,
        "organisations": info.organisations,
        "players": list(info.players),
        "default": info.default,
        "path": str(info.path),
    }


def table(infos: list[ScenarioInfo], t: Translator) -> str:
    header = [t(f"cli.list.column.{name}") for name in ("id", "title", "months", "organisations")]
    rows = [
        [
            info.id + (" *" if info.default else ""),
            t.text(info.title),
            str(info.months),
            str(info.organisations),
        ]
        for info in infos
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    lines.append(t("cli.list.default_note"))
    return "\n".join(lines)


def details(scenario: Scenario, t: Translator, named: str | None = None) -> str:
    """One scenario as a facilitator reads it before choosing: what it is about, who plays,
    what it measures and which cards the facilitator holds. `named`: how the preview command
    it ends with names the scenario (its id, or the file as typed)."""
    meta = scenario.meta

    def wrapped(text: str, indent: str = "  ") -> list[str]:
        rest = " " * len(indent)
        return textwrap.wrap(text, 96, initial_indent=indent, subsequent_indent=rest)

    lines = [
        f"{t.text(meta.title)} ({meta.id})",
        t(
            "cli.list.facts",
            months=meta.months,
            orgs=len(scenario.organisations),
            domains=len(scenario.domains),
        ),
        "",
        *wrapped(t.text(meta.summary), ""),
        "",
        t("cli.list.organisations"),
    ]
    for org in scenario.organisations:
        who = t("cli.list.team") if org.policy == "player" else t("cli.list.computer")
        sector = t(f"sim.sector.{org.sector.value}")
        lines.append(f"  {org.id.ljust(18)} {t.text(org.name)} · {sector} · {who}")
    # The figures a designer checks a draft by: where each need starts and should end.
    lines += ["", t("cli.list.needs")]
    for domain in scenario.domains:
        start, target = number(t, domain.baseline, "g"), number(t, domain.target, "g")
        need = t("cli.list.need", start=start, target=target)
        lines.append(f"  {domain.id.ljust(18)} {t.text(domain.name)} · {need}")
    if scenario.grants:
        lines += ["", t("cli.list.grants")]
        for grant in scenario.grants:
            money = t("cli.list.grant", amount=number(t, grant.amount, "g"), opens=grant.opens)
            lines.append(f"  {grant.id.ljust(18)} {t.text(grant.name)} · {money}")
    if scenario.approvals:
        lines += ["", t("cli.list.approvals")]
        for rule in scenario.approvals:
            lines.append(
                "  "
                + t(
                    "cli.list.approval",
                    approver=rule.approver,
                    domain=rule.domain,
                    share=number(t, 100 * rule.min_share, "g"),
                )
            )
    if meta.learning_objectives:
        lines += ["", t("cli.list.learning")]
        for item in meta.learning_objectives:
            lines += wrapped(t.text(item), "  • ")
    if scenario.objectives:
        lines += ["", t("cli.list.objectives")]
        for objective in scenario.objectives:
            lines += wrapped(t.text(objective.text), "  • ")
    if scenario.injects:
        lines += ["", t("cli.list.injects")]
        for inject in scenario.injects:
            lines.append(f"  {inject.id.ljust(26)} {t.text(inject.title)}")
    lines += ["", t("cli.list.next", id=named or meta.id)]
    return "\n".join(lines)
