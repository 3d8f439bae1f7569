"""Load a scenario file: safe YAML with positions, then the schema, then cross-references.

Scenario files come from designers' text editors and from the internet, so reading is
defensive: a size cap, strict UTF-8, plain YAML values only (no `!!python/...` tag ever runs),
bounded aliases and nesting. The YAML is read once, as a stream of parser events, into plain
Python data plus a `SourceMap` of where each value starts, so every later complaint (schema or
cross-reference) can name the line and column. Whatever is wrong, the loader raises
`ScenarioError` and nothing else, carrying every problem it found at that stage.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Set
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

import yaml
from pydantic import ValidationError

from game.i18n import Msg
from game.scenario.checks import check_scenario
from game.scenario.errors import (
    FieldPath,
    Position,
    Problem,
    ScenarioError,
    Severity,
    SourceMap,
    sort_problems,
    validation_problems,
)
from game.scenario.schema import Scenario

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Constructor = yaml.constructor.SafeConstructor
_CORE = "tag:yaml.org,2002:"
_BUILDERS = {
    "bool": _Constructor.construct_yaml_bool,
    "int": _Constructor.construct_yaml_int,
    "float": _Constructor.construct_yaml_float,
}
_SCALAR_TAGS = frozenset(_CORE + k for k in ("str", "int", "float", "bool", "null", "timestamp"))
# Everything YAML itself allows (libyaml refuses the rest with a less helpful message).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


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
    text_or_bytes: str | bytes, name: str = "<string>", strict: bool = False
) -> LoadedScenario:
    """Load a scenario from memory; `name` stands for the file name in problems."""
    size = (
        len(text_or_bytes)
        if isinstance(text_or_bytes, bytes)
        else len(text_or_bytes.encode("utf-8", "surrogatepass"))
    )
    if size > MAX_BYTES:
        raise ScenarioError([_too_big(name, size)])
    return _load(text_or_bytes, name, Path(name), strict)


def _load(content: str | bytes, file: str, path: Path, strict: bool) -> LoadedScenario:
    text = _decode(content, file) if isinstance(content, bytes) else content
    data, source = _YamlReader(text, file).read()
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(validation_problems(exc, data, source, file)) from None
    problems = check_scenario(scenario, source, file)
    if strict:
        problems = [dataclasses.replace(p, severity=Severity.error) for p in problems]
    if any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return LoadedScenario(scenario=scenario, path=path, warnings=sort_problems(problems), text=text)


# --- the file -----------------------------------------------------------------------------


def _problem(
    file: str, key: str, position: Position | None = None, hint: str | None = None, **params: Any
) -> Problem:
    line, column = position if position else (None, None)
    return Problem(
        file=file,
        line=line,
        column=column,
        field="",
        message=Msg(key, params),
        hint=Msg(hint, params) if hint else None,
    )


def _too_big(file: str, size: int) -> Problem:
    return _problem(
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
            raise ScenarioError([_problem(file, "scenario.file.is_dir")])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioError([_too_big(file, size)])
        with path.open("rb") as fh:
            content = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [_problem(file, "scenario.file.missing", hint="scenario.file.missing.hint")]
        ) from None
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise ScenarioError([_problem(file, "scenario.file.unreadable", error=detail)]) from None
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
                _problem(
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


def _line_column(text: str, index: int) -> Position:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


# --- YAML --------------------------------------------------------------------------------


class _Refused(Exception):
    """Reading stops: after this problem the rest of the file cannot be trusted."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.key)
        self.problem = problem


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


def _mark(mark: yaml.Mark) -> Position:
    return mark.line + 1, mark.column + 1


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


class _YamlReader:
    """Builds plain data and a SourceMap from parser events, refusing anything unsafe.

    Working on events rather than a composed node graph means aliases are never expanded
    behind our back: each one is counted against a budget before it is used.
    """

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.source = SourceMap()
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
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
            raise ScenarioError([*self.problems, stop.problem]) from None
        if self.problems:
            raise ScenarioError(self.problems)
        return self.root, self.source

    # problems

    def _problem(
        self, key: str, position: Position | None, hint: str | None = None, **params: Any
    ) -> Problem:
        return _problem(self.file, key, position, hint, **params)

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
        except yaml.MarkedYAMLError as exc:
            raise _Refused(_syntax_problem(exc, self.text, self.file)) from None
        except yaml.YAMLError as exc:
            self._refuse("scenario.yaml.syntax", None, detail=str(exc))
        finally:
            loader.dispose()

    def _handle(self, loader: Any, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._refuse(
                    "scenario.yaml.documents",
                    _mark(event.start_mark),
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
        position = _mark(event.start_mark)
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
        position = _mark(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            self._refuse("scenario.yaml.too_deep", position, limit=MAX_DEPTH)
        path = self._child_path()
        self._record(path, position)
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
        position = _mark(event.start_mark)
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
        self._attach(self._construct(loader, event, position), position, event.anchor, 1)

    def _alias(self, event: yaml.AliasEvent) -> None:
        self._check_root(event)
        name = event.anchor
        position = _mark(event.start_mark)
        if name in self.anchors:
            value, size = self.anchors[name]
        else:
            recursive = any(frame.anchor == name for frame in self.stack)
            key = "scenario.yaml.alias_recursive" if recursive else "scenario.yaml.alias_undefined"
            self._report(key, position, name=name)
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

    def _check_tag(self, event: yaml.NodeEvent, allowed: Set[str]) -> bool:
        """Only plain YAML values: any other tag is reported and its value left unbuilt."""
        tag = event.tag
        if tag is None or tag == "!" or tag in allowed:
            return True
        self._report(
            "scenario.yaml.tag",
            _mark(event.start_mark),
            hint="scenario.yaml.tag.hint",
            tag=_tag_name(tag),
        )
        return False

    def _construct(self, loader: Any, event: yaml.ScalarEvent, position: Position) -> Any:
        """Turn a scalar into str, int, float, bool or None, as YAML 1.1 reads it."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        elif not self._check_tag(event, _SCALAR_TAGS):
            return event.value
        kind = tag.removeprefix(_CORE)
        if kind == "null":
            return None
        build = _BUILDERS.get(kind)
        if build is None:  # str, and timestamps: no field takes a date, text is more useful
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return build(loader, node)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            self._report(
                "scenario.yaml.bad_scalar",
                position,
                value=event.value[:40],
                tag=_tag_name(tag),
            )
            return event.value


# What PyYAML (C or Python) says, mapped to what a designer should hear. Order matters.
_SYNTAX_CLASSES: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    # (fragments of the problem or context, catalogue key, point at the context mark)
    (("tab character",), "scenario.yaml.tab", False),
    (("cannot start any token",), "scenario.yaml.bad_start", False),
    (("mapping values are not allowed",), "scenario.yaml.colon", False),
    (("could not find expected ':'",), "scenario.yaml.no_colon", True),
    (("unknown escape",), "scenario.yaml.escape", False),
    (("quoted scalar",), "scenario.yaml.unclosed_quote", True),
    (("flow sequence", "flow mapping"), "scenario.yaml.unclosed_bracket", True),
    (("expected key", "'-' indicator", "<block end>"), "scenario.yaml.indent", False),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    problem, context = exc.problem or "", exc.context or ""
    key, use_context = "scenario.yaml.syntax", False
    for fragments, candidate, at_context in _SYNTAX_CLASSES:
        if any(f in problem or f in context for f in fragments):
            key, use_context = candidate, at_context
            break
    mark = exc.context_mark if use_context and exc.context_mark else exc.problem_mark
    position = _mark(mark) if mark else None
    char = _char_at(text, mark.line, mark.column) if mark else ""
    if key == "scenario.yaml.bad_start" and char == "\t":
        key = "scenario.yaml.tab"
    detail = f"{problem} ({context})" if context else problem
    return _problem(file, key, position, hint=key + ".hint", detail=detail, char=char)


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column (marks count characters, not bytes)."""
    lines = text.split("\n", line + 1)
    if line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""
