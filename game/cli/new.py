"""`kolaborasi new FILE [--from SCENARIO] [--force]`: start a scenario file a designer can edit.

Without `--from` it writes the commented template (assets/templates/, in the chosen language);
with `--from` a copy of a bundled scenario or any valid scenario file. Either way the copy gets
the id derived from the file name and loses `default: true`, its comments stay as they were,
and it is checked before it is written: what `new` writes always validates and plays. The JSON
Schema the modeline names is written next to it when missing, so an editor can check the file
as the designer types.

Exit codes: 0 written; 1 refused (the file exists, the folder is missing, the source is
invalid, the disk says no); 2 wrong usage (a name that is not .yaml or gives no id).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.cli.common import display_path, print_problems, shell_quote
from game.cli.schema import schema_text
from game.i18n import DEFAULT_LANGUAGE, Translator
from game.resources import assets_dir
from game.scenario import (
    ScenarioError,
    bundled_scenarios,
    load_scenario,
    load_scenario_text,
    resolve_scenario,
)
from game.scenario.loader import reads_as_number
from game.storage import os_error_reason

MODELINE = "# yaml-language-server: $schema=scenario.schema.json"
SCHEMA_NAME = MODELINE.rpartition("=")[2]  # the schema file the modeline points editors at
SUFFIXES = (".yaml", ".yml")
ID_MAX = 48


def register(subparsers: Any, t: Translator) -> None:
    parser = subparsers.add_parser(
        "new", help=t("new.help"), description=t("new.description"), epilog=t("new.epilog")
    )
    parser.add_argument("file", metavar=t("new.file_metavar"), help=t("new.file_help"))
    parser.add_argument(
        "--from",
        dest="source",
        metavar=t("new.from_metavar"),
        default=None,
        help=t("new.from_help"),
    )
    parser.add_argument("--force", action="store_true", help=t("new.force_help"))


def run(args: argparse.Namespace, t: Translator) -> int:
    target = Path(args.file)
    shown = display_path(target)
    if target.suffix.lower() not in SUFFIXES:
        suggestion = shell_quote(display_path(target.with_suffix(".yaml")))
        print(t("new.error.suffix", file=shown, suggestion=suggestion), file=sys.stderr)
        return 2
    new_id = id_from_name(target.stem)
    if not new_id:
        print(t("new.error.no_id", file=shown), file=sys.stderr)
        return 2
    if target.is_dir():
        print(t("new.error.is_dir", file=shown), file=sys.stderr)
        return 1
    if target.exists() and not args.force:
        print(t("new.error.exists", file=shown), file=sys.stderr)
        return 1
    folder = target.parent
    if not folder.is_dir():
        print(t("new.error.folder", folder=display_path(folder)), file=sys.stderr)
        return 1

    if args.source is None:
        source_label = None
        text = template_text(t.lang)
    else:
        try:
            source_path = resolve_scenario(args.source)
            loaded = load_scenario(source_path)
        except ScenarioError as exc:  # not found or not valid: its problems, then what it meant
            print_problems(exc.problems, t, sys.stderr)
            print(t("new.error.source", file=shown, source=args.source), file=sys.stderr)
            return 1
        source_label = loaded.scenario.meta.id
        text = source_path.read_text(encoding="utf-8")

    text = retarget(text, new_id)
    try:
        load_scenario_text(text, name=shown)
    except ScenarioError as exc:  # only if retargeting broke a valid file: say so plainly
        print(t("new.error.broken", file=shown), file=sys.stderr)
        print_problems(exc.problems, t, sys.stderr)
        return 1

    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        error = t.msg(os_error_reason(exc))
        print(t("new.error.write", file=shown, error=error), file=sys.stderr)
        return 1

    if source_label is None:
        print(t("new.written_template", file=shown, id=new_id))
    else:
        print(t("new.written_copy", file=shown, id=new_id, source=source_label))
        if t.lang != "en" and _bundled(source_path):  # their comments are for designers, in English
            print(t("new.comments_english"))
    schema = folder / SCHEMA_NAME
    if not schema.exists():
        try:
            schema.write_text(schema_text(), encoding="utf-8", newline="\n")
            print(t("new.schema_written", schema=display_path(schema)))
        except OSError:
            print(t("new.schema_skipped", schema=display_path(schema)))
    print(t("new.next", file=shell_quote(shown)))
    return 0


def _bundled(path: Path) -> bool:
    """One of the scenarios that come with the game (their comments are in English)."""
    return any(path.resolve() == info.path.resolve() for info in bundled_scenarios())


def id_from_name(name: str) -> str:
    """The scenario id a file name suggests: `Desa Maju (2025)` → `desa-maju-2025`."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.strip().lower())
    slug = re.sub(r"-{2,}", "-", slug).strip("-_")
    return slug[:ID_MAX].rstrip("-_")


def template_text(lang: str) -> str:
    """The commented template in `lang` (its comments; the texts inside are bilingual)."""
    folder = assets_dir() / "templates"
    path = folder / f"scenario.{lang}.yaml"
    if not path.is_file():
        path = folder / f"scenario.{DEFAULT_LANGUAGE}.yaml"
    return path.read_text(encoding="utf-8")


# --- editing YAML text in place, comments and all ----------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def retarget(text: str, new_id: str) -> str:
    """Give the scenario `new_id`, drop `default: true`, point the modeline at the schema.

    Edits the text where the values stand, so every comment and the layout survive.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    meta = _child(root, "meta")
    edits: list[tuple[_Span, str]] = []
    id_node = _child(meta, "id")
    if id_node is not None:
        edits.append(_replacement(text, id_node, _plain(new_id)))
    default = _pair(meta, "default")
    if default is not None:
        edits.append(_removal(text, *default))
    for span, replacement in sorted(edits, key=lambda e: e[0].start, reverse=True):
        text = text[: span.start] + replacement + text[span.end :]
    return _with_modeline(text)


def _child(node: Any, key: str) -> Any:
    pair = _pair(node, key)
    return pair[1] if pair else None


def _pair(node: Any, key: str) -> tuple[Any, Any] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _span(node: Any) -> _Span:
    return _Span(node.start_mark.index, node.end_mark.index)


def _plain(value: str) -> str:
    """The id as YAML text: bare when the game's loader reads it back as the same string
    (not `1e3`, a number to it, nor `yes`, a switch), else quoted."""
    bare = yaml.safe_load(value) == value and not reads_as_number(value)
    return value if bare else f'"{value}"'


def _replacement(text: str, node: Any, value: str) -> tuple[_Span, str]:
    """Replace a scalar, keeping a comment after it in the same column."""
    span = _span(node)
    gap = re.match(r"[ ]+(?=#)", text[span.end :])
    if gap is None:
        return span, value
    width = (span.end - span.start) + len(gap.group())
    return _Span(span.start, span.end + len(gap.group())), value.ljust(width - 1) + " "


def _removal(text: str, key: Any, value: Any) -> tuple[_Span, str]:
    """Delete a `key: value` line (with its comment); in a flow mapping, set it to false."""
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    line_end = text.find("\n", value.end_mark.index)
    line_end = len(text) if line_end < 0 else line_end + 1
    before = text[line_start : key.start_mark.index]
    after = text[value.end_mark.index : line_end].strip()
    if before.strip() == "" and (after == "" or after.startswith("#")):
        return _Span(line_start, line_end), ""
    return _span(value), "false"


def _with_modeline(text: str) -> str:
    first, newline, rest = text.partition("\n")
    if first.startswith("# yaml-language-server:"):
        return MODELINE + newline + rest
    return MODELINE + "\n" + text
