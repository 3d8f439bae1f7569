"""`kolaborasi list [--json]`: the bundled scenarios, the default first."""

from __future__ import annotations

import argparse
import json
from typing import Any

from game.i18n import Translator
from game.scenario import ScenarioInfo, bundled_scenarios


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "list", help=t("cli.list.help"), description=t("cli.list.description")
    )
    parser.add_argument("--json", action="store_true", help=t("cli.list.json_help"))


def run(args: argparse.Namespace, t: Translator) -> int:
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
