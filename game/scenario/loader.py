"""Load a scenario file: safe YAML with positions, then the schema, then cross-references.

Scenario files come from designers' text editors and from the internet, so reading is
defensive: a size cap, strict UTF-8, plain YAML values only (no `!!python/...` tag ever runs),
bounded aliases and nesting. The YAML is read once, as a stream of parser events, into plain
Python data plus a `SourceMap` of where each value starts, so every later complaint (schema or
cross-reference) can name the line and column. Whatever is wrong, the loader raises
`ScenarioError` and nothing else, carrying every problem it found at that stage.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from collections.abc import Set
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

import yaml
from pydantic import ValidationError

from game.scenario.checks import check_scenario
from game.scenario.errors import (
    YAML_FLOAT,
    YAML_INF,
    YAML_INT,
    YAML_NAN,
    FieldPath,
    Position,
    Problem,
    ScenarioError,
    Severity,
    SourceMap,
    field_path,
    file_problem,
    quoted,
    sort_problems,
    validation_problems,
)
from game.scenario.recovery import syntax_problems
from game.scenario.schema import Scenario
from game.scenario.syntax import yaml_position
from game.scenario.words import fold

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Constructor = yaml.constructor.SafeConstructor
_CORE = "tag:yaml.org,2002:"
# Booleans as YAML 1.1 reads them (yes/no/on/off too, as the guide says). Numbers are read as
# YAML 1.2 does, by `_number` below: YAML 1.1 would make `010` octal eight and `1:30` ninety.
_BUILDERS = {"bool": _Constructor.construct_yaml_bool}
# Numbers as YAML 1.1 reads them, for sessions saved before the loader read them as YAML 1.2:
# their scenario must replay with the values it was played with (`010` was eight then).
_YAML11_NUMBERS = {
    "int": _Constructor.construct_yaml_int,
    "float": _Constructor.construct_yaml_float,
}
_NUMBER_TAGS = frozenset({"int", "float"})
_SCALAR_TAGS = frozenset(_CORE + k for k in ("str", "int", "float", "bool", "null", "timestamp"))
# Everything YAML itself allows (libyaml refuses the rest with a less helpful message).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# `1.500` as an Indonesian writes one thousand five hundred: YAML reads 1,5.
_DOTTED_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario that passed every check, with the warnings a designer should still read."""

    scenario: Scenario
    path: Path
    warnings: list[Problem]
    text: str = ""  # the YAML as read: a session stores this, never a second read of the file


def load_scenario(path: str | Path, *, strict: bool = False) -> LoadedScenario:
    """Load and check a scenario file; `strict` turns design warnings into errors."""
    path = Path(path)
    content = _read_file(path, str(path))
    return _load(content, str(path), path, strict)


def load_scenario_text(
    text_or_bytes: str | bytes,
    name: str = "<string>",
    strict: bool = False,
    *,
    yaml11_numbers: bool = False,
) -> LoadedScenario:
    """Load a scenario from memory; `name` stands for the file name in problems.

    `yaml11_numbers` reads plain numbers as YAML 1.1 did (`010` is eight, `1:30` ninety): for
    the scenario text inside a session saved before numbers were read as YAML 1.2."""
    size = (
        len(text_or_bytes)
        if isinstance(text_or_bytes, bytes)
        else len(text_or_bytes.encode("utf-8", "surrogatepass"))
    )
    if size > MAX_BYTES:
        raise ScenarioError([_too_big(name, size)])
    return _load(text_or_bytes, name, Path(name), strict, yaml11_numbers)


def _load(
    content: str | bytes, file: str, path: Path, strict: bool, yaml11_numbers: bool = False
) -> LoadedScenario:
    text = _decode(content, file) if isinstance(content, bytes) else content
    _refuse_session(text, file)
    reader = _YamlReader(text, file, yaml11_numbers)
    data, source = reader.read()
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data, source, file)
        references = _references_of_the_rest(exc, data, source, file)
        raise ScenarioError(
            [*problems, *(references or []), *reader.warnings],
            checked_references=references is not None,
        ) from None
    problems = [*reader.warnings, *check_scenario(scenario, source, file)]
    if strict:
        problems = [dataclasses.replace(p, severity=Severity.error) for p in problems]
    if any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return LoadedScenario(scenario=scenario, path=path, warnings=sort_problems(problems), text=text)


# --- references in a file that failed the schema ------------------------------------------
def _references_of_the_rest(
    exc: ValidationError, data: Any, source: SourceMap, file: str
) -> list[Problem] | None:
    """The reference errors among the items that passed the schema, found by leaving out
    each list item that failed it; None when a failure is not inside a list item (the
    file's shape itself) or the rest still fails. A designer fixing a file saw the unknown
    ids only after fixing every number, and had to run validate again for them."""
    try:
        rest, removed, dropped_ids = _without_broken(exc, data)
        scenario = Scenario.model_validate(rest)
    except (ValidationError, _Unrepairable):
        return None

    def original(path: FieldPath) -> FieldPath:
        out: list[str | int] = []
        for part in path:
            if isinstance(part, int):
                for gone in removed.get(tuple(out), ()):
                    if gone <= part:
                        part += 1
            out.append(part)
        return tuple(out)

    problems = check_scenario(scenario, source, file, translate=original)
    return [  # errors only (warnings wait for a file that loads); not those of what was left out
        p
        for p in problems
        if p.is_error
        and not any(isinstance(v, str) and v in dropped_ids for v in p.message.params.values())
    ]


class _Unrepairable(Exception):
    pass


def _without_broken(
    exc: ValidationError, data: Any
) -> tuple[Any, dict[FieldPath, list[int]], set[str]]:
    """A copy of `data` without the list items the schema refused (the innermost list item
    around each failure), where each was, and the ids they had."""
    cut: set[FieldPath] = set()
    for error in exc.errors():
        loc = tuple(error["loc"])
        last = max((k for k, part in enumerate(loc) if isinstance(part, int)), default=None)
        if last is None:
            raise _Unrepairable
        cut.add(loc[: last + 1])
    # An item inside one that goes anyway needs no cut of its own.
    cut = {c for c in cut if not any(c[: len(o)] == o and c != o for o in cut)}
    rest = copy.deepcopy(data)
    removed: dict[FieldPath, list[int]] = {}
    dropped_ids: set[str] = set()
    # Later items first, so each index still means the item the schema named.
    for path in sorted(
        cut,
        key=lambda c: [(isinstance(x, int), x if isinstance(x, int) else 0, str(x)) for x in c],
        reverse=True,
    ):
        parent: Any = rest
        try:
            for part in path[:-1]:
                parent = parent[part]
            item = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            raise _Unrepairable from None
        if not isinstance(parent, list):
            raise _Unrepairable
        dropped_ids |= _ids_of(item)
        del parent[path[-1]]
        removed.setdefault(path[:-1], []).append(path[-1])
    for gone in removed.values():
        gone.sort()
    return rest, removed, dropped_ids


def _ids_of(item: Any) -> set[str]:
    """The id a refused item has, or was meant to have: with `idd: sekolah` or `ID: sekolah`,
    every relation to `sekolah` was reported as unknown beside the misspelt key itself."""
    if not isinstance(item, dict):
        return set()
    return {
        value
        for key, value in item.items()
        if isinstance(key, str)
        and isinstance(value, str)
        and (fold(key) == "id" or difflib.get_close_matches(fold(key), ["id"], cutoff=0.6))
    }


# --- the file -----------------------------------------------------------------------------


def _too_big(file: str, size: int) -> Problem:
    return file_problem(
        file,
        "scenario.file.too_big",
        hint="scenario.file.too_big.hint",
        size=f"{size / 1024 / 1024:.1f}",
        limit=MAX_BYTES // 1024 // 1024,
    )


def _read_file(path: Path, file: str) -> bytes:
    """Read at most MAX_BYTES, checking the size first so a huge file is never loaded."""
    try:
        if path.is_dir():
            raise ScenarioError([file_problem(file, "scenario.file.is_dir")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            with path.open("rb") as fh:  # a long game's record: name it, not its size
                _refuse_session(fh.read(4096).decode("utf-8", "replace"), file)
            raise ScenarioError([_too_big(file, size)])
        with path.open("rb") as fh:
            content = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [file_problem(file, "scenario.file.missing", hint="scenario.file.missing.hint")]
        ) from None
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise ScenarioError(
            [file_problem(file, "scenario.file.unreadable", error=detail)]
        ) from None
    if len(content) > MAX_BYTES:
        raise ScenarioError([_too_big(file, len(content))])
    return content


def _decode(content: bytes, file: str) -> str:
    """Strict UTF-8 (a BOM is allowed): a wrong encoding is named with its line, not guessed."""
    bom = b"\xef\xbb\xbf"
    offset = len(bom) if content.startswith(bom) else 0
    try:
        return content[offset:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + offset
        line = content.count(b"\n", 0, start) + 1
        column = start - content.rfind(b"\n", 0, start)
        utf16 = content.startswith((b"\xff\xfe", b"\xfe\xff"))
        raise ScenarioError(
            [
                file_problem(
                    file,
                    "scenario.yaml.not_utf8",
                    (line, column),
                    hint="scenario.yaml.utf16.hint" if utf16 else "scenario.yaml.not_utf8.hint",
                    byte=f"0x{content[start]:02X}",
                    line=line,
                    column=column,
                )
            ]
        ) from None


# What a saved game's record says it is (game/sim/session.py): JSON, not a scenario.
SESSION_FORMAT = "kolaborasi-session"
_SESSION_FORMAT_LINE = re.compile(r'"format"\s*:\s*"' + SESSION_FORMAT + '"')


def _refuse_session(text: str, file: str) -> None:
    """A saved session handed to `validate` or `new --from`: say what it is, not 17 schema
    errors about keys a scenario does not have."""
    found = _SESSION_FORMAT_LINE.search(text) if text.lstrip("\ufeff \t\r\n")[:1] == "{" else None
    if found is None:
        return
    raise ScenarioError(
        [
            file_problem(
                file,
                "scenario.file.session",
                _line_column(text, found.start()),
                hint="scenario.file.session.hint",
                name=Path(file).name,
            )
        ]
    )


def _line_column(text: str, index: int) -> Position:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# --- YAML --------------------------------------------------------------------------------


class _Refused(Exception):
    """Reading stops: after these problems the rest of the file cannot be trusted. Several
    only for YAML syntax, where `read_to` is the line after which more may hide (None: none)."""

    def __init__(self, *problems: Problem, syntax: bool = False, read_to: int | None = None):
        super().__init__(problems[0].message.key)
        self.problems = problems
        self.syntax = syntax
        self.read_to = read_to


class _Slot(Enum):
    """What a mapping waits for next: a key, or the value of a key being dropped."""

    KEY = "key"
    SKIP = "skip"


@dataclass
class _Frame:
    """An open mapping or sequence while its events arrive."""

    path: FieldPath | None  # None inside a (refused) complex key: nothing there is recorded
    value: dict[str, Any] | list[Any]
    position: Position
    anchor: str | None
    start_count: int
    key: str | _Slot = _Slot.KEY
    seen: dict[str, Position] = field(default_factory=dict)


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


class _YamlReader:
    """Builds plain data and a SourceMap from parser events, refusing anything unsafe.

    Working on events rather than a composed node graph means aliases are never expanded
    behind our back: each one is counted against a budget before it is used.
    """

    def __init__(self, text: str, file: str, yaml11_numbers: bool = False) -> None:
        self.text = text
        self.file = file
        self.yaml11_numbers = yaml11_numbers
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.stack: list[_Frame] = []
        self._cut_numbers: set[FieldPath] = set()  # `{a: 0,5, b: 0,5}`: the numbers named
        self.anchors: dict[str, tuple[Any, int]] = {}
        # Anchors on plain values, until an alias uses them: `author: &Co Foundation` is
        # almost always text that needed quotes, not a value meant for reuse.
        self.unused: dict[str, tuple[Position, str, FieldPath | None]] = {}
        self.root: Any = None
        self.root_seen = False
        self.documents = 0
        self.count = 0
        self.aliases = 0
        self.expanded = 0

    def read(self) -> tuple[dict[str, Any], SourceMap]:
        try:
            self._check_characters()
            self._parse()
            if not isinstance(self.root, dict):
                self._refuse("scenario.yaml.empty", None, hint="scenario.yaml.empty.hint")
        except _Refused as stop:
            raise ScenarioError(
                [*self.problems, *stop.problems],
                yaml_broken=stop.syntax,
                yaml_read_to=stop.read_to,
            ) from None
        for name, (position, value, path) in self.unused.items():
            problem = file_problem(
                self.file,
                "scenario.yaml.anchor_unused",
                position,
                hint="scenario.yaml.anchor_unused.hint",
                severity=Severity.warning,
                name=name,
                value=value[:40],
                text=quoted(f"&{name} {value}"),
            )
            self.warnings.append(dataclasses.replace(problem, field=field_path(path or ())))
        if self.problems:
            raise ScenarioError([*self.problems, *self.warnings])
        return self.root, self.source

    # problems

    def _problem(
        self, key: str, position: Position | None, hint: str | None = None, **params: Any
    ) -> Problem:
        return file_problem(self.file, key, position, hint, **params)

    def _report(
        self, key: str, position: Position | None, hint: str | None = None, **params: Any
    ) -> None:
        self.problems.append(self._problem(key, position, hint, **params))

    def _refuse(
        self, key: str, position: Position | None, hint: str | None = None, **params: Any
    ) -> NoReturn:
        raise _Refused(self._problem(key, position, hint, **params))

    # reading

    def _check_characters(self) -> None:
        bad = _NOT_PRINTABLE.search(self.text)
        if bad:
            char = f"U+{ord(bad.group()):04X}"
            self._refuse(
                "scenario.yaml.control_char",
                _line_column(self.text, bad.start()),
                hint="scenario.yaml.control_char.hint",
                char=char,
            )

    def _parse(self) -> None:
        loader = _SafeLoader(self.text)
        try:
            while loader.check_event():
                self._handle(loader, loader.get_event())
        except yaml.MarkedYAMLError as exc:  # the first error: the search goes on past it
            found = syntax_problems(exc, self.text, self.file, _SafeLoader)
            raise _Refused(*found.problems, syntax=True, read_to=found.read_to) from None
        except yaml.YAMLError as exc:
            self._refuse("scenario.yaml.syntax", None, detail=str(exc))
        except ValueError:  # the pure-Python parser on an escape past U+10FFFF
            self._refuse("scenario.yaml.escape", None)
        finally:
            loader.dispose()

    def _handle(self, loader: Any, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._refuse(
                    "scenario.yaml.documents",
                    yaml_position(event.start_mark),
                    hint="scenario.yaml.documents.hint",
                )
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._start_collection(event)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._end_collection()
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(loader, event)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    def _check_root(self, event: yaml.NodeEvent) -> None:
        """The document must be a mapping; say what it is instead."""
        if self.root_seen:
            return
        self.root_seen = True
        if isinstance(event, yaml.MappingStartEvent):
            return
        position = yaml_position(event.start_mark)
        empty = isinstance(event, yaml.ScalarEvent) and event.value == "" and not event.tag
        if empty:
            self._refuse("scenario.yaml.empty", position, hint="scenario.yaml.empty.hint")
        is_list = isinstance(event, yaml.SequenceStartEvent)
        key = "scenario.yaml.root_list" if is_list else "scenario.yaml.root_scalar"
        self._refuse(key, position, hint="scenario.yaml.root.hint")

    def _waiting_for_key(self) -> _Frame | None:
        """The open mapping whose next node is a key, if that is what comes next."""
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is _Slot.KEY:
            return top
        return None

    def _child_path(self) -> FieldPath | None:
        """The field path of the node about to be read, or None where nothing is recorded."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.path is None:
            return None
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        if isinstance(top.key, _Slot):
            return None
        return (*top.path, top.key)

    def _record(self, path: FieldPath | None, position: Position) -> None:
        if path is not None:
            self.source.values[path] = position

    def _start_collection(self, event: yaml.CollectionStartEvent) -> None:
        self._check_root(event)
        is_map = isinstance(event, yaml.MappingStartEvent)
        self._check_tag(event, {_CORE + ("map" if is_map else "seq")})
        position = yaml_position(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            self._refuse("scenario.yaml.too_deep", position, limit=MAX_DEPTH)
        path = self._child_path()
        self._record(path, position)
        if is_map and event.flow_style and path is not None:
            self.source.flow.add(path)
        value: dict[str, Any] | list[Any] = {} if is_map else []
        self.stack.append(_Frame(path, value, position, event.anchor, self.count))
        self.count += 1

    def _end_collection(self) -> None:
        frame = self.stack.pop()
        size = self.count - frame.start_count
        self._attach(frame.value, frame.position, frame.anchor, size)

    def _scalar(self, loader: Any, event: yaml.ScalarEvent) -> None:
        self._check_root(event)
        self.count += 1
        position = yaml_position(event.start_mark)
        mapping = self._waiting_for_key()
        if mapping is not None:
            self._check_tag(event, _SCALAR_TAGS)
            if event.anchor:
                self.anchors[event.anchor] = (event.value, 1)
            is_merge = event.value == "<<" and event.tag is None and event.implicit[0]
            self._set_key(mapping, event.value, position, merge=is_merge)
            return
        path = self._child_path()
        self._record(path, position)
        if event.anchor and event.tag is None and event.implicit[0]:
            if event.value == "":  # `author: &Co`: an anchor with nothing after it
                self._report(
                    "scenario.yaml.anchor_empty",
                    position,
                    hint="scenario.yaml.anchor_empty.hint",
                    name=event.anchor,
                    text=quoted(f"&{event.anchor}"),
                )
            else:
                self.unused[event.anchor] = (position, event.value, path)
        value = self._construct(loader, event, position)
        if isinstance(value, bool) and path is not None:
            self.source.booleans[path] = event.value
        elif (
            isinstance(value, float)
            and path is not None
            and _DOTTED_THOUSANDS.fullmatch(event.value)
        ):
            self.source.dotted[path] = event.value
        self._attach(value, position, event.anchor, 1)

    def _alias(self, event: yaml.AliasEvent) -> None:
        self._check_root(event)
        name = event.anchor
        position = yaml_position(event.start_mark)
        self.unused.pop(name, None)
        if name in self.anchors:
            value, size = self.anchors[name]
        else:
            recursive = any(frame.anchor == name for frame in self.stack)
            if recursive:
                self._report("scenario.yaml.alias_recursive", position, name=name)
            else:  # `author: *penting` means text far more often than a reference
                self._report(
                    "scenario.yaml.alias_undefined",
                    position,
                    hint="scenario.yaml.alias_undefined.hint",
                    name=name,
                    text=quoted(f"*{name}"),
                )
            value, size = None, 1
        self.aliases += 1
        self.expanded += size
        self.count += size
        if self.aliases > MAX_ALIASES:
            self._refuse("scenario.yaml.alias_count", position, limit=MAX_ALIASES)
        if self.expanded > MAX_ALIAS_NODES:
            self._refuse(
                "scenario.yaml.alias_bomb",
                position,
                hint="scenario.yaml.alias_bomb.hint",
                limit=MAX_ALIAS_NODES,
            )
        if self._waiting_for_key() is None:
            self._record(self._child_path(), position)
        self._attach(value, position, None, size)

    def _attach(self, value: Any, position: Position, anchor: str | None, size: int) -> None:
        """Put a finished node into its parent (or make it the document)."""
        if anchor:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.key is _Slot.KEY:
            if isinstance(value, str):
                self._set_key(top, value, position, merge=False)
            else:
                self._report("scenario.yaml.complex_key", position)
                top.key = _Slot.SKIP
        else:
            if top.key is not _Slot.SKIP:
                top.value[top.key] = value
            top.key = _Slot.KEY

    def _set_key(self, frame: _Frame, key: str, position: Position, *, merge: bool) -> None:
        frame.key = _Slot.SKIP
        if merge:
            self._report("scenario.yaml.merge_key", position, hint="scenario.yaml.merge_key.hint")
        elif key in frame.seen and self._decimal_pieces(frame, key):
            pass  # `{a: 0,5, b: 0,5}`: two numbers cut at their commas, not a key written twice
        elif key in frame.seen:
            first = frame.seen[key]
            self._report(
                "scenario.yaml.duplicate_key",
                position,
                hint="scenario.yaml.duplicate_key.hint",
                name=key,
                first_line=first[0],
            )
        else:
            frame.seen[key] = position
            frame.key = key
            if frame.path is not None:
                self.source.keys[(*frame.path, key)] = position

    def _decimal_pieces(self, frame: _Frame, key: str) -> bool:
        """Report both numbers of `{sanitasi: 0,5, phbs: 0,5}`, where the comma made two keys
        `5`, if `key` is such a piece seen twice. Read as a key written twice, it was: "keep
        one of them", about a key `5` the designer never wrote."""
        if not key.isdigit() or frame.path is None or frame.path not in self.source.flow:
            return False
        mapping = frame.value
        keys = list(frame.seen)
        if not isinstance(mapping, dict) or not keys:
            return False
        before_first = keys.index(key) - 1
        owners = [keys[before_first] if before_first >= 0 else None, keys[-1]]
        if not all(_is_whole(mapping.get(owner)) for owner in owners if owner is not None):
            return False
        for owner in owners:
            if owner is None or (*frame.path, owner) in self._cut_numbers:
                continue  # a third `0,5` in the same braces names the first one once
            self._cut_numbers.add((*frame.path, owner))
            whole = mapping[owner]
            self._report(
                "scenario.schema.decimal_cut",
                self.source.values.get((*frame.path, owner)),
                hint="scenario.schema.decimal_comma.hint",
                name=owner,
                written=f"{whole},{key}",
                whole=whole,
                piece=key,
                suggestion=f"{whole}.{key}",
            )
        return True

    def _check_tag(self, event: yaml.NodeEvent, allowed: Set[str]) -> bool:
        """Only plain YAML values: any other tag is reported and its value left unbuilt."""
        tag = event.tag
        if tag is None or tag == "!" or tag in allowed:
            return True
        if isinstance(event, yaml.ScalarEvent) and tag.startswith("!"):
            # `author: !penting`: text starting with `!`, which YAML reads as a local tag
            text = f"{tag} {event.value}" if event.value else tag
            self._report(
                "scenario.yaml.bang",
                yaml_position(event.start_mark),
                hint="scenario.yaml.bang.hint",
                tag=tag,
                text=quoted(text),
            )
            return False
        self._report(
            "scenario.yaml.tag",
            yaml_position(event.start_mark),
            hint="scenario.yaml.tag.hint",
            tag=_tag_name(tag),
        )
        return False

    def _construct(self, loader: Any, event: yaml.ScalarEvent, position: Position) -> Any:
        """Turn a scalar into str, int, float, bool or None: numbers as YAML 1.2 reads them
        (what editors do too), null and booleans as YAML 1.1 (yes/no/on/off included)."""
        tag = event.tag
        if tag is None or tag == "!":
            if tag is None and event.implicit[0] and not self.yaml11_numbers:
                number = _number(event.value)  # a plain scalar: it may be a number
                if number is not None:
                    return number
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            kind = tag.removeprefix(_CORE)
            if self.yaml11_numbers and kind in _YAML11_NUMBERS:
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
                return _YAML11_NUMBERS[kind](loader, node)
        elif not self._check_tag(event, _SCALAR_TAGS):
            return event.value
        else:  # `!!int '12'`: the tag asks for the type
            kind = tag.removeprefix(_CORE)
            if kind in _NUMBER_TAGS:
                number = _number(event.value.strip())
                if isinstance(number, int) and kind == "float":
                    number = float(number)
                if number is None or (kind == "int" and not isinstance(number, int)):
                    return self._bad_scalar(event, position, tag)
                return number
        kind = tag.removeprefix(_CORE)
        if kind == "null":
            return None
        build = _BUILDERS.get(kind)
        if build is None:
            # str; timestamps (no field takes a date, text is more useful); and what YAML 1.1
            # alone reads as a number (`1:30`, `1_000`, `0b11`), which YAML 1.2 reads as text
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return build(loader, node)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            return self._bad_scalar(event, position, tag)

    def _bad_scalar(self, event: yaml.ScalarEvent, position: Position, tag: str) -> str:
        self._report(
            "scenario.yaml.bad_scalar", position, value=event.value[:40], tag=_tag_name(tag)
        )
        return event.value


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def reads_as_number(text: str) -> bool:
    """Whether this loader reads `text`, written bare, as a number (`1e3`, `010`)."""
    return _number(text) is not None


def _number(text: str) -> int | float | None:
    """The number a plain scalar is under YAML 1.2's core schema, or None if it is none.

    `010` is ten, `0o10` eight, `0x10` sixteen; `1:30`, `1_000` and `0b11` are not numbers.
    A numeral too long for Python to read (thousands of digits) is left as text: the schema
    then says a number was expected.
    """
    try:
        if YAML_INT.fullmatch(text):
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text, 10)
        if YAML_FLOAT.fullmatch(text):
            return float(text)
    except ValueError:
        return None
    infinite = YAML_INF.fullmatch(text)
    if infinite:
        return float("-inf") if infinite.group(1) == "-" else float("inf")
    if YAML_NAN.fullmatch(text):
        return float("nan")
    return None
