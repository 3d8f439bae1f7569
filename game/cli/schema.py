"""`kolaborasi schema [--out FILE]`: the JSON Schema of scenario files, for editors.

The schema is generated from the pydantic models, so it can never disagree with the loader;
a copy is committed as scenarios/scenario.schema.json (a test keeps it equal), and each
bundled scenario's yaml-language-server modeline points editors at it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.cli.common import display_path, shell_quote
from game.i18n import Translator
from game.scenario import FORMAT_VERSION, Scenario
from game.storage import os_error_reason

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAX_SCHEMA_BYTES = 5 * 1024 * 1024  # ours is ~50 KB; a bigger file is someone else's


def schema_document() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = DIALECT
    schema["title"] = f"Kolaborasi scenario, format {FORMAT_VERSION}"
    schema["description"] = (
        "A scenario for Kolaborasi, the workshop game on strategic collaboration between "
        "community organisations. Money is in juta Rupiah, time in months. Texts are a plain "
        "string or {id: Bahasa Indonesia, en: English}. Check a file with "
        "`kolaborasi validate FILE`."
    )
    return schema


def schema_text() -> str:
    """Deterministic text: sorted keys, 2-space indent, final newline (diff-friendly)."""
    return json.dumps(schema_document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "schema", help=t("cli.schema.help"), description=t("cli.schema.description")
    )
    parser.add_argument(
        "--out", type=Path, metavar=t("cli.schema.out_metavar"), help=t("cli.schema.out_help")
    )


def run(args: argparse.Namespace, t: Translator) -> int:
    text = schema_text()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    if args.out.exists() and not is_own_schema(args.out):
        suggestion = shell_quote(display_path(_suggestion(args.out)))
        print(
            t("cli.schema.refused", path=display_path(args.out), suggestion=suggestion),
            file=sys.stderr,
        )
        return 1
    try:
        args.out.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        error = t.msg(os_error_reason(exc))
        print(t("cli.schema.write_failed", path=args.out, error=error), file=sys.stderr)
        return 1
    print(t("cli.schema.written", path=display_path(args.out)))
    return 0


def is_own_schema(path: Path) -> bool:
    """A schema this command wrote (an older copy to refresh): the only file `--out` may
    replace, as nothing else is kept when it is overwritten."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        if path.stat().st_size > MAX_SCHEMA_BYTES:
            return False
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return (
        isinstance(data, dict)
        and data.get("$schema") == DIALECT
        and str(data.get("title", "")).startswith("Kolaborasi scenario")
    )


def _suggestion(refused: Path) -> Path:
    """A name to offer instead: the usual one, beside the refused file (or inside a folder)."""
    folder = refused if refused.is_dir() else refused.parent
    for stem in ("scenario", "kolaborasi", "kolaborasi-scenario"):
        candidate = folder / f"{stem}.schema.json"
        if candidate != refused and (not candidate.exists() or is_own_schema(candidate)):
            return candidate
    return candidate
