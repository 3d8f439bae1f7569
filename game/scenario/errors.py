"""Problems found in a scenario file, where they are, and how to show them to a person.

A `Problem` holds a translatable `Msg`, not a sentence, so the same problem reads in Bahasa
Indonesia or English, in the terminal or in the game's UI. Every problem carries the file, line
and column a designer needs to find it, and the field path (`organisations[2].staff`) so they
know which value to change.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from game.i18n import Msg, Translator
from game.scenario.schema import NON_BLANK, Scenario
from game.scenario.words import fold, value_hint

FieldPath = tuple[str | int, ...]
Position = tuple[int, int]

# Numbers as YAML 1.2 (core schema) writes them; the loader reads plain scalars with these, so
# `010` is ten (not octal eight) and `1:30` is text (not ninety, as YAML 1.1 would have it).
YAML_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
YAML_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
YAML_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
YAML_NAN = re.compile(r"\.(?:nan|NaN|NAN)")


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in a scenario file; line and column are 1-based."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: Msg
    hint: Msg | None = None
    severity: Severity = Severity.error

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error


class ScenarioError(Exception):
    """The only exception the loader raises for bad input: it carries every problem found."""

    def __init__(
        self,
        problems: list[Problem],
        *,
        checked_references: bool = True,
        yaml_broken: bool = False,
        yaml_read_to: int | None = None,
    ) -> None:
        self.problems = sort_problems(problems)
        # False when the file's form was wrong: the checks across sections (ids used in
        # relations, events, approvals…) run only on a well-formed file, so more may follow.
        self.checked_references = checked_references
        # True when the YAML itself did not parse: nothing past its syntax was checked. Then
        # `yaml_read_to` is the line after which more syntax mistakes may hide (None: none).
        self.yaml_broken = yaml_broken
        self.yaml_read_to = yaml_read_to
        first = self.problems[0] if self.problems else None
        summary = f"{first.file}: {first.message.key}" if first else "scenario error"
        super().__init__(f"{summary} ({len(self.problems)} problem(s))")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class ScenarioNotFound(ScenarioError):
    """A reference is neither an existing file nor the id of a bundled scenario."""


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by position so the report reads top to bottom like the file itself."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))


def field_path(path: FieldPath) -> str:
    """Render `('organisations', 2, 'staff')` as `organisations[2].staff`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a parsed YAML document starts.

    Lookups walk up the path, so a value with no entry of its own (a missing key, or
    something inside an alias) points at the closest enclosing node instead of nowhere.
    """

    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)
    # What a plain value read as true or false was written as (`yes`, `On`), for messages.
    booleans: dict[FieldPath, str] = field(default_factory=dict)
    # Plain numbers written like Indonesian thousands (`1.500`), read as decimals (1.5).
    dotted: dict[FieldPath, str] = field(default_factory=dict)
    flow: set[FieldPath] = field(default_factory=set)  # mappings written `{key: value, ...}`

    def locate(self, path: FieldPath, *, key: bool = False) -> Position | None:
        if key and path in self.keys:
            return self.keys[path]
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


def format_problem(problem: Problem, t: Translator) -> str:
    """One line `file:line:column: field: message`, plus an indented hint line if any."""
    location = problem.file
    if problem.line is not None:
        location += f":{problem.line}:{problem.column or 1}"
    parts = [location]
    if problem.field:
        parts.append(problem.field)
    if not problem.is_error:
        parts.append(t("scenario.label.warning"))
    parts.append(t.msg(problem.message))
    text = ": ".join(parts)
    if problem.hint is not None:
        text += "\n  " + t("scenario.label.hint") + ": " + t.msg(problem.hint)
    return text


def file_problem(
    file: str,
    key: str,
    position: Position | None = None,
    hint: str | None = None,
    severity: Severity = Severity.error,
    **params: Any,
) -> Problem:
    """A problem with the file as a whole or its YAML, before any field path is known."""
    line, column = position if position else (None, None)
    return Problem(
        file=file,
        line=line,
        column=column,
        field="",
        message=Msg(key, params),
        hint=Msg(hint, params) if hint else None,
        severity=severity,
    )


def quoted(text: str) -> str:
    """A value as it must be written to stay text: in double quotes (single if it has `"`)."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- schema errors -----------------------------------------------------------------------
# pydantic says what is wrong in English and by its own field names; designers need their
# language, the YAML key they typed and a line. Everything below translates one into the other.

_MISSING = object()
_ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
_MAX_LISTED_KEYS = 20
_TYPE_KEYS = {
    "int_type": "scenario.schema.int",
    "int_parsing": "scenario.schema.int",
    "int_from_float": "scenario.schema.int",
    "int_parsing_size": "scenario.schema.int",
    "float_type": "scenario.schema.float",
    "float_parsing": "scenario.schema.float",
    "string_type": "scenario.schema.string",
    "bool_type": "scenario.schema.bool",
    "bool_parsing": "scenario.schema.bool",
    "list_type": "scenario.schema.list",
    "tuple_type": "scenario.schema.list",
    "dict_type": "scenario.schema.mapping",
    "model_type": "scenario.schema.mapping",
    "model_attributes_type": "scenario.schema.mapping",
    "text_type": "scenario.schema.text",
    "finite_number": "scenario.schema.finite",
}
_BOUND_KEYS = {
    "greater_than_equal": ("ge", "scenario.schema.ge"),
    "greater_than": ("gt", "scenario.schema.gt"),
    "less_than_equal": ("le", "scenario.schema.le"),
    "less_than": ("lt", "scenario.schema.lt"),
}
_NUMBER_TYPES = frozenset({"int_type", "int_parsing", "float_type", "float_parsing"})
# Branch tags pydantic gives the plain-string side of `LocalText` (`str`, or with a pattern).
_STRING_BRANCHES = frozenset({"str", "constrained-str"})
# Errors that mean a `[from, to]` pair has the wrong shape (besides a missing second item).
_PAIR_ERRORS = frozenset({"too_long", "too_short", "tuple_type", "list_type"})
# Raised by the model validators in schema.py as PydanticCustomError(type, ...).
_RULE_TYPES = frozenset(
    {
        "text_empty",
        "condition_subject",
        "condition_bound",
        "trigger_missing",
        "effect_count",
        "objective_kind",
        "objective_value",
    }
)


def validation_problems(
    exc: ValidationError, data: Any, source: SourceMap, file: str
) -> list[Problem]:
    """Every pydantic error as a Problem with position, in the designer's terms."""
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    errors = exc.errors(include_url=False)
    explained = _typo_suggestions(errors, data)
    for error in errors:
        if (
            error["type"] == "missing"
            and _split_loc(error["loc"], data, "missing").path in explained
        ):
            continue  # `stafff: 8` already says "did you mean `staff`?"
        problem = _schema_problem(error, data, source, file)
        if problem is None:
            continue
        identity = (
            problem.field,
            problem.message.key,
            repr(sorted(problem.message.params.items())),
        )
        if identity not in seen:
            seen.add(identity)
            problems.append(problem)
    if not problems:  # never leave an invalid file without a reason
        problems = [_fallback_problem(e, data, source, file) for e in exc.errors(include_url=False)]
    return sort_problems(problems)


def _typo_suggestions(errors: list[Any], data: Any) -> set[FieldPath]:
    """Paths of required keys that an unknown key next to them probably misspells."""
    suggested: set[FieldPath] = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            path = _split_loc(error["loc"], data, error["type"]).path
            close = _close_key(path)
            if close:
                suggested.add((*path[:-1], close))
            elif _too_deep(path, data):
                suggested.add((*path[:-2], path[-1]))  # `funds` under `hidden_agenda`
    return suggested


def _too_deep(path: FieldPath, data: Any, source: SourceMap | None = None) -> bool:
    """An unknown key that belongs one level up and is missing there: indented too far, it
    became part of the mapping above it (`funds` under `hidden_agenda:`'s two texts)."""
    if len(path) < 2 or not isinstance(path[-2], str):
        return False
    owner, key = path[:-2], str(path[-1])
    if source is not None and path[:-1] in source.flow:
        return False  # written `{...}`: indentation is not what put it there
    parent = _lookup(data, owner)
    return (
        isinstance(parent, dict)
        and key not in parent
        and key in _allowed_keys(owner)
        and key not in _allowed_keys(path[:-1])
    )


# Keys an Indonesian designer writes in Indonesian: `dana: 15` is `funds: 15`. Values are
# already taken in either language (`pendidikan`); keys must be English, so say which.
_INDONESIAN_KEYS: dict[str, tuple[str, ...]] = {
    "dana": ("funds",),
    "modal": ("funds",),
    "pemasukan": ("income",),
    "pendapatan": ("income",),
    "staf": ("staff",),
    "pegawai": ("staff",),
    "biaya_staf": ("staff_cost",),
    "birokrasi": ("bureaucracy",),
    "kapasitas": ("capacity",),
    "kredibilitas": ("credibility",),
    "pengetahuan": ("knowledge",),
    "misi": ("mission",),
    "sektor": ("sector",),
    "kebijakan": ("policy",),
    "sifat": ("traits",),
    "keterbukaan": ("openness",),
    "keandalan": ("reliability",),
    "transparansi": ("transparency",),
    "kesabaran": ("patience",),
    "badan_hukum": ("legal_entity",),
    "nama": ("name",),
    "nama_pendek": ("short",),
    "judul": ("title",),
    "ringkasan": ("summary",),
    "teks": ("text",),
    "catatan": ("notes",),
    "bulan": ("month", "months", "from_month"),
    "awal": ("baseline",),
    "nilai_awal": ("baseline",),
    "sasaran": ("target",),
    "kebutuhan": ("need", "domains"),
    "jumlah": ("amount",),
    "peluang": ("chance",),
    "kepercayaan": ("trust",),
    "ketegangan": ("tension",),
    "pemicu": ("trigger",),
    "efek": ("effects",),
    "dampak": ("effects",),
    "aturan": ("rules",),
    "persetujuan": ("approvals",),
    "penyetuju": ("approver",),
    "organisasi": ("organisations",),
    "hibah": ("grants",),
    "peristiwa": ("events",),
    "kejadian": ("events", "injects"),
    "tujuan": ("objectives",),
    "setelah": ("after",),
    "sesudah": ("after",),
    "fase": ("phase",),
    "tahap": ("phase",),
    "pertanyaan": ("debrief_questions", "text"),
    "petunjuk": ("hints",),
    "saran": ("hints",),
}


def _close_key(path: FieldPath) -> str | None:
    key = str(path[-1]) if path else ""
    allowed = _allowed_keys(path[:-1])
    if fold(key) in allowed:  # `ID`, `Funds`: keys are lower case
        return fold(key)
    meant = next((k for k in _INDONESIAN_KEYS.get(fold(key), ()) if k in allowed), None)
    if meant:
        return meant
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass(frozen=True)
class _Loc:
    """A pydantic error location split into the data path and union-branch tags."""

    path: FieldPath
    branch: str | None = None  # the first union tag: `str`, `function-after[..., Text]`
    union_path: FieldPath = ()  # where in the data that union sits


def _split_loc(loc: tuple[Any, ...], data: Any, error_type: str) -> _Loc:
    """Separate the data path from pydantic's union-branch tags, which are not YAML keys."""
    path: list[str | int] = []
    branch: str | None = None
    union_path: FieldPath = ()
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if _contains(node, part):
            node = node[part]
            path.append(part)
        elif last and error_type == "missing":
            path.append(part)
        elif last and part == 0 and isinstance(node, str):
            pass  # one id written where a list may stand (`after: pipa-bocor`): its only item
        elif branch is None:
            branch, union_path = str(part), tuple(path)
    return _Loc(tuple(path), branch, union_path)


def _contains(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _lookup(data: Any, path: FieldPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return node


def _schema_problem(
    error: Mapping[str, Any], data: Any, source: SourceMap, file: str
) -> Problem | None:
    error_type = error["type"]
    loc = _split_loc(error["loc"], data, error_type)
    path = loc.path
    value = _lookup(data, path)
    if loc.branch is not None:  # a `str | Text` union: keep the branch the designer meant
        wrote_mapping = isinstance(_lookup(data, loc.union_path), dict)
        if loc.branch in _STRING_BRANCHES:
            if wrote_mapping:
                return None
            if error_type != "string_pattern_mismatch":  # a blank text keeps its own message
                error_type = "text_type"
        elif not wrote_mapping:
            return None
    pair = _pair_path(error_type, path)
    decimal = _decimal_cut(path, data, source)
    if decimal is not None:  # `{mangrove: 0,6}`: the comma split the number into two entries
        owner, message, hint = decimal
        position = source.locate(owner)
        line, column = position if position else (None, None)
        return Problem(file, line, column, field_path(owner), message, hint)
    cut = _comma_cut(path, data, source) if error_type == "extra_forbidden" else None
    if cut is _CONTINUED:
        return None  # the first piece of the cut text already tells the whole story
    if pair is not None:  # `trust: [lsm]`: the pair as a whole is wrong, not its item `1`
        path, value = pair, _lookup(data, pair)
        message, hint = _pair_message(value)
    elif isinstance(cut, tuple):
        message, hint = cut
    elif error_type == "extra_forbidden" and _too_deep(path, data, source):
        names = {"name": str(path[-1]), "parent": str(path[-2])}
        message = Msg("scenario.schema.too_deep", names)
        where = source.keys.get(path[:-1])
        hint = Msg("scenario.hint.dedent", {**names, "column": where[1]}) if where else None
    elif error_type == "int_from_float" and path in source.dotted:  # `staff: 1.200`
        written = source.dotted[path]
        message = Msg("scenario.check.dotted_thousands", {"written": written})
        hint = Msg("scenario.schema.dotted_whole.hint", {"whole": written.replace(".", "")})
    else:
        message, hint = _describe(error_type, error, path, value, source.booleans.get(path))
    if error_type == "extra_forbidden":
        position = source.locate(path, key=True)
    elif error_type == "missing" and pair is None:
        position = source.locate(path[:-1])
    else:
        position = source.locate(path)
    line, column = position if position else (None, None)
    return Problem(file, line, column, field_path(path), message, hint)


def _fallback_problem(error: Mapping[str, Any], data: Any, source: SourceMap, file: str) -> Problem:
    path = _split_loc(error["loc"], data, error["type"]).path
    position = source.locate(path)
    line, column = position if position else (None, None)
    message = Msg("scenario.schema.invalid", {"detail": error["msg"]})
    return Problem(file, line, column, field_path(path), message)


def _describe(
    error_type: str,
    error: Mapping[str, Any],
    path: FieldPath,
    value: Any,
    written: str | None = None,
) -> tuple[Msg, Msg | None]:
    """The message and hint for one pydantic error; `written` is how a boolean was typed."""
    ctx = error.get("ctx") or {}
    got = show_value(value)
    if value is None and error_type in _TYPE_KEYS and path:
        # `funds:` with nothing after it: "got null" named a YAML word, not the slip
        return Msg("scenario.schema.empty", {"name": path[-1]}), Msg(
            "scenario.schema.empty.hint", {"name": path[-1]}
        )
    if error_type == "missing":
        return Msg("scenario.schema.missing", {"name": path[-1] if path else ""}), None
    if error_type == "extra_forbidden":
        return _unknown_key(path)
    if error_type in _TYPE_KEYS:
        hint = None
        if error_type in ("string_type", "text_type") and isinstance(value, bool):
            typed = written or got  # `author: yes`: say `yes`, not `true`
            hint = Msg("scenario.schema.quote_bool.hint", {"got": typed, "text": quoted(typed)})
        elif error_type in ("string_type", "text_type") and isinstance(value, int | float):
            hint = Msg("scenario.schema.quote.hint", {"got": got, "text": quoted(got)})
        elif error_type == "int_from_float":
            hint = Msg("scenario.schema.int.hint", {})
        elif error_type == "text_type":
            hint = Msg("scenario.schema.text.hint", {})
        elif error_type in _NUMBER_TYPES and isinstance(value, bool):
            hint = Msg("scenario.schema.bool_number.hint", {"got": got})
        elif error_type in _NUMBER_TYPES and isinstance(value, str):
            hint = _number_text_hint(path, value)
        elif error_type in _NUMBER_TYPES and _is_money(path):  # `funds: Rp20.000.000`
            hint = Msg("scenario.schema.money.hint", {})
        return Msg(_TYPE_KEYS[error_type], {"got": got}), hint
    if error_type in _BOUND_KEYS:
        name, key = _BOUND_KEYS[error_type]
        limit = ctx.get(name)
        too_large = name in ("le", "lt") or (isinstance(limit, int | float) and limit < 0)
        hint = Msg("scenario.schema.money.hint", {}) if too_large and _is_money(path) else None
        if too_large and _is_share(path) and isinstance(value, int | float):
            hint = _share_hint(value) or hint  # `capacity: 65` meant 65%
        return Msg(key, {"limit": show_value(limit), "got": got}), hint
    if error_type in ("too_short", "too_long", "string_too_short", "string_too_long"):
        limit = ctx.get("min_length", ctx.get("max_length"))
        actual = ctx.get("actual_length", len(value) if isinstance(value, str | list) else "?")
        return Msg(f"scenario.schema.{error_type}", {"limit": limit, "actual": actual}), None
    if error_type == "string_pattern_mismatch":
        if ctx.get("pattern") == NON_BLANK:
            return Msg("scenario.schema.blank", {}), Msg("scenario.schema.blank.hint", {})
        if ctx.get("pattern") == _ID_PATTERN:
            if path and path[-1] == "after" and isinstance(value, str) and "," in value:
                # `after: visit, flood`: several ids need the brackets of a list.
                ids = ", ".join(filter(None, (_as_id(part) for part in value.split(","))))
                return Msg("scenario.schema.id", {"got": got}), Msg(
                    "scenario.hint.id_list", {"key": "after", "ids": ids}
                )
            suggestion = _as_id(value)
            hint = Msg("scenario.hint.try", {"suggestion": suggestion}) if suggestion else None
            return Msg("scenario.schema.id", {"got": got}), hint
        return Msg("scenario.schema.pattern", {"got": got, "pattern": ctx.get("pattern")}), None
    if error_type in ("literal_error", "enum"):
        return _choice(path, value, ctx)
    if error_type in _RULE_TYPES:
        return Msg(f"scenario.rule.{error_type}", dict(ctx)), None
    if error_type in ("value_error", "assertion_error"):
        return Msg("scenario.schema.value_error", {"detail": str(ctx.get("error", ""))}), None
    return Msg("scenario.schema.invalid", {"detail": error["msg"]}), None


_CONTINUED = object()  # a later piece of a text cut at commas, told with the first


def _decimal_cut(
    path: FieldPath, data: Any, source: SourceMap
) -> tuple[FieldPath, Msg, Msg] | None:
    """`{mangrove: 0,6, pantai: 0,4}`: in `{...}` a comma ends a value, so a decimal comma
    reads as `mangrove: 0` and a new key `6` with no value. If the key at `path` is such a
    piece, the problem belongs to the number before it: its path, message and hint."""
    if not path or path[:-1] not in source.flow or not str(path[-1]).isdigit():
        return None
    mapping = _lookup(data, path[:-1])
    if not isinstance(mapping, dict) or mapping.get(path[-1], "") is not None:
        return None
    keys = list(mapping)
    start = keys.index(path[-1])
    if start == 0:
        return None
    owner = keys[start - 1]
    whole = mapping[owner]
    if isinstance(whole, bool) or not isinstance(whole, int):
        return None
    written = f"{whole},{path[-1]}"
    number = float(f"{whole}.{path[-1]}")
    owner_path = (*path[:-1], owner)
    share = _share_hint(number) if _is_share(owner_path) else None
    hint = share or Msg("scenario.schema.decimal_comma.hint", {"suggestion": _plain(number)})
    return (
        owner_path,
        Msg(
            "scenario.schema.decimal_cut",
            {"name": owner, "written": written, "whole": whole, "piece": path[-1]},
        ),
        hint,
    )


def _comma_cut(path: FieldPath, data: Any, source: SourceMap) -> tuple[Msg, Msg] | object | None:
    """`{id: Ibu Sri, S.Pd., en: ...}`: in `{...}` a comma ends a value, so `S.Pd.` became a
    key with no value. If the unknown key at `path` is such a piece (no value, in a flow
    mapping, after a text, and no misspelling of a known key), say so with the text to quote;
    `_CONTINUED` for the second and later pieces of the same text."""
    if not path or path[:-1] not in source.flow or _close_key(path):
        return None
    mapping = _lookup(data, path[:-1])
    if not isinstance(mapping, dict) or mapping.get(path[-1], "") is not None:
        return None
    allowed = set(_allowed_keys(path[:-1]))
    keys = list(mapping)
    start = keys.index(path[-1])

    def is_piece(key: str) -> bool:
        return mapping[key] is None and key not in allowed

    if start > 0 and is_piece(keys[start - 1]):
        return _CONTINUED
    if start == 0 or not isinstance(mapping[keys[start - 1]], str):
        return None
    owner = keys[start - 1]
    pieces = [mapping[owner]]
    for key in keys[start:]:
        if not is_piece(key):
            break
        pieces.append(key)
    text = ", ".join(pieces)
    return (
        Msg("scenario.schema.comma_cut", {"name": path[-1], "owner": owner}),
        Msg("scenario.schema.comma_cut.hint", {"text": f"{owner}: {quoted(text)}"}),
    )


def _pair_path(error_type: str, path: FieldPath) -> FieldPath | None:
    """The path of a `[from, to]` pair this error is about, if it is about one."""
    if error_type == "missing" and path and isinstance(path[-1], int):
        path = path[:-1]
    elif error_type not in _PAIR_ERRORS:
        return None
    return path if path and get_origin(_annotation_at(path)) is tuple else None


def _pair_message(value: Any) -> tuple[Msg, Msg | None]:
    return Msg("scenario.schema.pair", {"got": show_value(value)}), Msg(
        "scenario.schema.pair.hint", {}
    )


# `35%`, `35 %`, `12,5%`: a percentage where the file wants a plain number.
_PERCENT = re.compile(r"([-+]?[0-9]+(?:[.,][0-9]+)?)\s*%")
# `0,45`: a decimal comma, as Indonesian (and most of Europe) writes decimals.
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")


def _number_text_hint(path: FieldPath, text: str) -> Msg | None:
    """What to write instead of a text where a number belongs, if the text says it: a
    percentage, a decimal comma, or a number in quotes. Share fields get the share itself."""
    text = text.strip()
    percent = _PERCENT.fullmatch(text)
    if percent:
        number = float(percent.group(1).replace(",", "."))
        if _is_share(path):
            return _share_hint(number, percent=True)
        return Msg("scenario.schema.percent.hint", {"suggestion": _plain(number)})
    comma = _DECIMAL_COMMA.fullmatch(text)
    thousands = comma and _is_money(path) and len(text.rpartition(",")[2]) == 3
    if comma and not thousands:
        number = float(text.replace(",", "."))
        if _is_count(path) and not number.is_integer():
            low = math.floor(number)
            return Msg("scenario.schema.whole_number.hint", {"low": low, "high": low + 1})
        share = _share_hint(number) if _is_share(path) else None
        return share or Msg("scenario.schema.decimal_comma.hint", {"suggestion": _plain(number)})
    if _reads_as_number(text):
        share = _share_hint(float(text)) if _is_share(path) else None
        return share or Msg("scenario.schema.quoted_number.hint", {"got": show_value(text)})
    if _is_money(path):  # `funds: Rp20.000.000`
        return Msg("scenario.schema.money.hint", {})
    return None


def _share_hint(number: float, *, percent: bool = False) -> Msg | None:
    """`65` (or `65%`) in a 0–1 field is 65%: say to write 0.65. A bare number counts as a
    percentage above 1 only; with `%`, any from 0 to 100 does."""
    if not (0 <= number <= 100 if percent else 1 < number <= 100):
        return None
    return Msg("scenario.schema.share.hint", {"suggestion": _plain(round(number / 100, 6))})


def _plain(number: float) -> str:
    """A number as a designer would type it: `0.35`, `60`, never `6e-02`."""
    return f"{number:f}".rstrip("0").rstrip(".") if number % 1 else str(int(number))


def _reads_as_number(text: str) -> bool:
    """`"20"`: a number that is text only because it was quoted (the loader reads plain
    numbers as YAML 1.2 does, so a string of this form was in quotes)."""
    return bool(YAML_INT.fullmatch(text) or YAML_FLOAT.fullmatch(text))


def _unknown_key(path: FieldPath) -> tuple[Msg, Msg | None]:
    names = _allowed_keys(path[:-1])
    message = Msg("scenario.schema.unknown_key", {"name": str(path[-1]) if path else ""})
    close = _close_key(path)
    if close:
        return message, Msg("scenario.hint.did_you_mean", {"suggestion": close})
    if names and len(names) <= _MAX_LISTED_KEYS:
        return message, Msg("scenario.hint.allowed_keys", {"keys": ", ".join(names)})
    return message, None


def _choice(path: FieldPath, value: Any, ctx: Mapping[str, Any]) -> tuple[Msg, Msg | None]:
    allowed = _allowed_values(path)
    listed = ", ".join(allowed) if allowed else str(ctx.get("expected", ""))
    message = Msg("scenario.schema.choice", {"got": show_value(value), "allowed": listed})
    return message, value_hint(value, allowed)


def _as_id(value: Any) -> str:
    """Suggest an id a designer probably meant: `Karang Taruna` → `karang-taruna`."""
    if not isinstance(value, str):
        return ""
    slug = re.sub(r"[^a-z0-9_-]+", "-", fold(value)).strip("-_")
    return slug[:48]


def show_value(value: Any, limit: int = 40) -> str:
    """A short, language-neutral rendering of a YAML value for messages."""
    if value is _MISSING:
        text = "?"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        text = str(int(value))
    elif isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, str):
        text = f'"{value}"'
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {show_value(v, limit)}" for k, v in value.items()) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(show_value(v, limit) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- which model sits at a field path ---------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional; in `str | Text` prefer the model, where keys can be wrong."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            models = [a for a in args if _is_model(a)]
            if models or len(args) == 1:
                annotation = models[0] if models else args[0]
                continue
        return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _annotation_at(path: FieldPath) -> Any:
    annotation: Any = Scenario
    for part in path:
        annotation = _unwrap(annotation)
        origin = get_origin(annotation)
        if isinstance(part, int) and origin in (list, tuple):
            annotation = get_args(annotation)[0]
        elif _is_model(annotation):
            info = _field(annotation, str(part))
            if info is None:
                return None
            annotation = info.annotation
        elif origin is dict:
            annotation = get_args(annotation)[1]
        else:
            return None
    return _unwrap(annotation)


@functools.cache
def schema_keys() -> frozenset[str]:
    """Every key a scenario's mappings can hold, anywhere in the file."""
    keys: set[str] = set()
    seen: set[type] = set()
    stack: list[Any] = [Scenario]
    while stack:
        annotation = stack.pop()
        if _is_model(annotation):
            if annotation in seen:
                continue
            seen.add(annotation)
            for name, info in annotation.model_fields.items():
                keys.add(info.alias or name)
                stack.append(info.annotation)
        else:
            stack.extend(get_args(annotation))
    return frozenset(keys)


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _field_info(path: FieldPath) -> FieldInfo | None:
    """The schema's field at `path`, or None."""
    if not path:
        return None
    model = _annotation_at(path[:-1])
    return _field(model, str(path[-1])) if _is_model(model) else None


def _is_money(path: FieldPath) -> bool:
    """A field in juta Rupiah (its description says so), where a wrong number is most often
    written in Rupiah or with thousands separators."""
    info = _field_info(path)
    return info is not None and "juta" in (info.description or "").lower()


def _is_count(path: FieldPath) -> bool:
    """A whole-number field (`staff`, `month`): "write 12.5" there only led to the next error."""
    info = _field_info(path)
    if info is None:
        return False
    kinds = [info.annotation, *get_args(info.annotation)]
    return int in kinds and float not in kinds


def _is_share(path: FieldPath) -> bool:
    """A field from 0 to 1 (`capacity`, `chance`, `min_share`): a share, not a percentage.
    Changes (-1 to 1) are left out: there a large number is not a percentage as surely."""
    info = _field_info(path)
    if info is None:
        return False
    lower = [getattr(m, "ge", getattr(m, "gt", None)) for m in info.metadata]
    upper = [getattr(m, "le", None) for m in info.metadata]
    return 0 in lower and 1 in upper


def _allowed_keys(path: FieldPath) -> list[str]:
    model = _annotation_at(path)
    if _is_model(model):
        return [info.alias or name for name, info in model.model_fields.items()]
    return []


def _allowed_values(path: FieldPath) -> list[str]:
    annotation = _annotation_at(path)
    if get_origin(annotation) is Literal:
        return [str(a) for a in get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return []
