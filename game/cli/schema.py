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

from game.cli.common import display_path
from game.i18n import Translator
from game.scenario import FORMAT_VERSION, Scenario

DIALECT = "https://json-schema.org/draft/2020-12/schema"


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
    try:
        args.out.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        error = exc.strerror or type(exc).__name__
        print(t("cli.schema.write_failed", path=args.out, error=error), file=sys.stderr)
        return 1
    print(t("cli.schema.written", path=display_path(args.out)))
    return 0
