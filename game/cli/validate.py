"""`kolaborasi validate PATH... [--strict]`: check scenario files as a designer writes them.

The report goes to stdout (it is the command's output, meant to be read, saved or grepped);
exit 0 when every file is valid, 1 when any is not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.common import counted, display_path, print_problems
from game.i18n import Translator
from game.scenario import ScenarioError, load_scenario, resolve_scenario


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "validate",
        help=t("cli.validate.help"),
        description=t("cli.validate.description"),
        epilog=t("cli.validate.epilog"),
    )
    parser.add_argument(
        "paths", nargs="+", metavar=t("cli.validate.metavar"), help=t("cli.validate.paths_help")
    )
    parser.add_argument("--strict", action="store_true", help=t("cli.validate.strict_help"))


def run(args: argparse.Namespace, t: Translator) -> int:
    results = [validate_one(ref, strict=args.strict, t=t) for ref in args.paths]
    if len(results) > 1:
        print(t("cli.validate.summary", valid=sum(results), total=len(results)))
    return 0 if all(results) else 1


def validate_one(ref: str, *, strict: bool, t: Translator) -> bool:
    """Print one file's problems and a status line; True when it is valid."""
    shown = ref
    try:
        path = resolve_scenario(ref)
        shown = display_path(path) if path != Path(ref) else ref
        loaded = load_scenario(shown, strict=strict)
    except ScenarioError as exc:
        print_problems(exc.problems, t)
        status = t(
            "cli.validate.invalid",
            file=shown,
            errors=counted(t, "errors", len(exc.errors)),
            warnings=counted(t, "warnings", len(exc.warnings)),
        )
        print(status)
        if exc.yaml_broken and exc.yaml_read_to is not None:
            print(t("cli.validate.yaml_stopped", line=exc.yaml_read_to))
        elif exc.yaml_broken:
            print(t("cli.validate.yaml_later"))
        elif not exc.checked_references and exc.errors:
            print(t("cli.validate.references_later"))
        return False
    print_problems(loaded.warnings, t)
    meta = loaded.scenario.meta
    status = t(
        "cli.validate.ok",
        file=shown,
        title=t.text(meta.title),
        organisations=counted(t, "organisations", len(loaded.scenario.organisations)),
        months=counted(t, "months", meta.months),
        warnings=counted(t, "warnings", len(loaded.warnings)),
    )
    print(status)
    return True
