"""YAML syntax errors in a designer's words: what PyYAML (C or Python) says, classified,
and pointed at the character that caused it rather than where the parser gave up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from game.scenario.errors import Position, Problem, file_problem, quoted, schema_keys


def yaml_position(mark: yaml.Mark) -> Position:
    """A parser mark (0-based) as the 1-based line and column people read."""
    return mark.line + 1, mark.column + 1


# What PyYAML (C or Python) says, mapped to what a designer should hear. Order matters.
_SYNTAX_CLASSES: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    # First: it comes in a quoted scalar, whose "never closed" class would claim it.
    (("invalid Unicode character escape",), "scenario.yaml.escape", False),
    # (fragments of the problem or context, catalogue key, point at the context mark)
    (("tab character",), "scenario.yaml.tab", False),
    (("cannot start any token",), "scenario.yaml.bad_start", False),
    (("while scanning an alias",), "scenario.yaml.alias_start", True),
    (("while scanning an anchor",), "scenario.yaml.anchor_start", True),
    (("while scanning a tag", "undefined tag handle"), "scenario.yaml.bang_start", True),
    (("while scanning a block scalar",), "scenario.yaml.block_scalar", True),
    (("mapping values are not allowed",), "scenario.yaml.colon", False),
    (("could not find expected ':'",), "scenario.yaml.no_colon", True),
    (("unknown escape", "hexadecimal", "hexdecimal"), "scenario.yaml.escape", False),
    (("quoted scalar",), "scenario.yaml.unclosed_quote", True),
    (("flow sequence", "flow mapping"), "scenario.yaml.unclosed_bracket", True),
    (("expected key", "'-' indicator", "<block end>"), "scenario.yaml.indent", False),
    (("node content",), "scenario.yaml.bad_start", False),
)
# Where a value ends on its line, for quoting it back to the designer: before a comment.
_COMMENT = re.compile(r"\s+#.*$")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, loader_class: Any) -> Problem:
    """The problem a designer should read for this parser error. `loader_class` is the
    PyYAML loader that failed (C or Python), used again to find the quotes before the error."""
    problem, context = exc.problem or "", exc.context or ""
    culprit = _quote_culprit(text, exc.problem_mark, loader_class)
    if culprit is not None:
        return culprit.problem(file)
    for mark in (exc.context_mark, exc.problem_mark):
        squeezed = _missing_space(text, mark.line) if mark else None
        if squeezed is not None:
            return squeezed.problem(file)
    colon = _colon_in_flow(exc, text)
    if colon is not None:
        return colon.problem(file)
    deeper = _indented_under_a_value(exc, text) or _indented_short(exc, text)
    if deeper is not None:
        return deeper.problem(file)
    key, use_context = "scenario.yaml.syntax", False
    for fragments, candidate, at_context in _SYNTAX_CLASSES:
        if any(f in problem or f in context for f in fragments):
            key, use_context = candidate, at_context
            break
    mark = exc.context_mark if use_context and exc.context_mark else exc.problem_mark
    position = yaml_position(mark) if mark else None
    char = _char_at(text, mark.line, mark.column) if mark else ""
    if key == "scenario.yaml.bad_start" and char == "\t":
        key = "scenario.yaml.tab"
    detail = f"{problem} ({context})" if context else problem
    value = _value_at(text, mark.line, mark.column) if mark else ""
    return file_problem(
        file, key, position, hint=key + ".hint", detail=detail, char=char, text=quoted(value)
    )


# --- a space left out: `funds:40`, `-id: lsm` -----------------------------------------------

# `funds:40`: a key, a colon and a value with no space between, on a line of its own.
_KEY_NO_SPACE = re.compile(r"( *)([A-Za-z_][\w-]*):([^\s:/].*)$")
# `-id: lsm`: a list item's dash with no space after it (not `---` or a negative number).
_DASH_NO_SPACE = re.compile(r"( *)-([A-Za-z_\[{\"'].*)$")


@dataclass(frozen=True)
class _Squeezed:
    """A line that lacks the space YAML needs after `:` or `-`, so it reads as one plain
    text: the parser then fails on the line's shape, which says nothing of the space."""

    key: str
    position: Position
    written: str
    fixed: str

    def problem(self, file: str) -> Problem:
        return file_problem(
            file,
            self.key,
            self.position,
            hint=self.key + ".hint",
            written=self.written,
            fixed=self.fixed,
        )


def _missing_space(text: str, line: int) -> _Squeezed | None:
    lines = _BREAK.split(text)
    if not 0 <= line < len(lines):
        return None
    source = _COMMENT.sub("", lines[line]).rstrip()
    dash = _DASH_NO_SPACE.fullmatch(source)
    if dash:
        indent, rest = dash.groups()
        column = len(indent) + 1
        return _Squeezed(
            "scenario.yaml.dash_space", (line + 1, column), source.strip(), f"- {rest}"
        )
    key = _KEY_NO_SPACE.fullmatch(source)
    if key:
        indent, name, rest = key.groups()
        column = len(indent) + len(name) + 1
        return _Squeezed(
            "scenario.yaml.colon_space", (line + 1, column), source.strip(), f"{name}: {rest}"
        )
    return None


# --- a second `: ` inside `{...}`: `name: {id: SD Negeri 1: Sukasari, en: ...}` -----------


@dataclass(frozen=True)
class _FlowColon:
    """Inside `{...}` or `[...]` an entry's value ends at `: `, so a text holding one reads as
    a value and then a stray colon. The parser blamed the `{`: "not closed, or a `,` is
    missing", which sent a designer looking for a bracket that was there."""

    position: Position
    written: str
    fixed: str
    comma: bool  # a comma left out before the next key, not a text to quote

    def problem(self, file: str) -> Problem:
        key = "scenario.yaml.flow_comma" if self.comma else "scenario.yaml.flow_colon"
        return file_problem(
            file,
            key,
            self.position,
            hint=key + ".hint",
            written=self.written,
            fixed=self.fixed,
        )


def _colon_in_flow(exc: yaml.MarkedYAMLError, text: str) -> _FlowColon | None:
    context, mark = exc.context or "", exc.problem_mark
    if mark is None or not ("flow mapping" in context or "flow sequence" in context):
        return None
    if exc.context_mark is None or exc.context_mark.line != mark.line:
        return None  # `[1, 2` left open: the colon is the next line's key
    line = _BREAK.split(text)[mark.line] if mark.line < len(_BREAK.split(text)) else ""
    if mark.column >= len(line) or line[mark.column] != ":":
        return None
    start = max(line.rfind(c, 0, mark.column) for c in "{[,") + 1
    ends = [i for i in (line.find(c, mark.column) for c in ",]}") if i >= 0]
    entry = line[start : min(ends) if ends else len(line)].strip()
    key, sep, value = entry.partition(": ")
    head_key, head_sep, head = line[start : mark.column].strip().partition(": ")
    *before, last = head.split() or [""]
    if head_sep and before and (last in schema_keys() or _reads_as_number(" ".join(before))):
        # `{reliability: 0.85 transparency: 0.6}`: the comma before the next key is missing.
        column = line.rindex(last, 0, mark.column)
        fixed = f"{head_key}: {' '.join(before)}, {last}:"
        return _FlowColon((mark.line + 1, column + 1), entry, fixed, comma=True)
    if not sep or ": " in key or not value or value[0] in "'\"":
        fixed = quoted(entry)
    else:
        fixed = f"{key}: {quoted(value)}"  # single quotes round a text that holds `"`
    return _FlowColon((mark.line + 1, mark.column + 1), entry, fixed, comma=False)


def _reads_as_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


# --- a key indented under a key that already has its value -------------------------------

# `    sector: education` or `  - id: lsm`: a key with its value on the line, and where it starts.
_KEY_WITH_VALUE = re.compile(r"( *(?:- +)?)([A-Za-z_][\w-]*): +[^\s#]")
_KEY_AT_START = re.compile(r"( *)([A-Za-z_][\w-]*):(?: |$)")


# What the C and the Python parser say: under a plain value, under a `{...}` or `[...]` one.
_DEEPER_PROBLEMS = (
    "mapping values are not allowed",
    "expected key",
    "expected <block end>",
    "expected '-' indicator",
)


@dataclass(frozen=True)
class _Deeper:
    """`sector: education` over `      policy: collaborative`: the deeper line continues the
    text `education`, and YAML fails at its colon with "mapping values are not allowed" (or,
    under `mission: {...}`, with "did not find expected key")."""

    key: str
    above: str
    position: Position
    column: int
    message: str = "scenario.yaml.indent_deeper"

    def problem(self, file: str) -> Problem:
        names = {"name": self.key, "parent": self.above, "column": self.column}
        return file_problem(file, self.message, self.position, hint="scenario.hint.dedent", **names)


def _indented_under_a_value(exc: yaml.MarkedYAMLError, text: str) -> _Deeper | None:
    mark = exc.problem_mark
    if mark is None or not any(f in (exc.problem or "") for f in _DEEPER_PROBLEMS):
        return None
    lines = _BREAK.split(text)
    here = _KEY_AT_START.match(lines[mark.line]) if mark.line < len(lines) else None
    if here is None:
        return None
    above = next(
        (
            line
            for line in reversed(lines[: mark.line])
            if line.strip() and not line.lstrip().startswith("#")
        ),
        "",
    )
    key = _KEY_WITH_VALUE.match(above)
    if key is None or len(here.group(1)) <= len(key.group(1)):
        return None
    column = len(key.group(1)) + 1
    return _Deeper(here.group(2), key.group(2), (mark.line + 1, len(here.group(1)) + 1), column)


def _indented_short(exc: yaml.MarkedYAMLError, text: str) -> _Deeper | None:
    """`   policy: x` one or two spaces left of `    sector: ngo` above it: a key meant to line
    up with the one before. "The indentation does not line up" did not say with what."""
    mark = exc.problem_mark
    if mark is None or not any(f in (exc.problem or "") for f in _DEEPER_PROBLEMS[1:]):
        return None
    lines = _BREAK.split(text)
    here = _KEY_AT_START.match(lines[mark.line]) if mark.line < len(lines) else None
    if here is None:
        return None
    indent = len(here.group(1))
    key = None
    for line in reversed(lines[: mark.line]):  # the key above it, past deeper lines
        found = _KEY_AT_START.match(line) or _KEY_WITH_VALUE.match(line)
        if found is None or len(found.group(1)) > indent + 2:
            continue
        if len(found.group(1)) > indent:
            key = found
        break
    # One space short, or an odd column under an even one, is the slip; two spaces short at
    # an even column may be the key above that is too deep: then say nothing more certain.
    if key is None or not (len(key.group(1)) - indent == 1 or indent % 2 == 1):
        return None
    position = (mark.line + 1, indent + 1)
    return _Deeper(
        here.group(2), key.group(2), position, len(key.group(1)) + 1, "scenario.yaml.indent_short"
    )


# --- quotes: most syntax errors in hand-written scenarios come from one ----------------------

_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")
# A line that reads as structure, not prose: `key:` or a list item `- `, with its indentation.
_STRUCTURE_LINE = re.compile(r"( *)(?:-(?: |$)|[A-Za-z_][\w-]*:(?: |$))")
# After these a closing quote is an ordinary end of a value, not an early one.
_AFTER_VALUE = ",]}#:"


@dataclass(frozen=True)
class _Unclosed:
    """`version: "0.1` with the closing quote forgotten: YAML reads on, over the lines below,
    to the next quote of the same kind, and fails somewhere after it."""

    quote: str
    position: Position
    end_line: int

    def problem(self, file: str) -> Problem:
        return file_problem(
            file,
            "scenario.yaml.unclosed_quote",
            self.position,
            hint="scenario.yaml.unclosed_quote.runaway.hint",
            quote=self.quote,
            end_line=self.end_line,
        )


@dataclass(frozen=True)
class _EarlyQuote:
    """`'The head teacher's last year.'`: the apostrophe closes the quoted text."""

    quote: str
    word: str
    position: Position

    def problem(self, file: str) -> Problem:
        key = "scenario.yaml.quote_early"
        hint = key + (".single.hint" if self.quote == "'" else ".double.hint")
        doubled = self.word.replace(self.quote, self.quote * 2)
        escaped = self.word.replace(self.quote, "\\" + self.quote)
        return file_problem(
            file,
            key,
            self.position,
            hint=hint,
            quote=self.quote,
            word=self.word,
            doubled=doubled,
            escaped=escaped,
        )


def _quote_culprit(
    text: str, mark: yaml.Mark | None, loader_class: Any
) -> _Unclosed | _Swallowed | _EarlyQuote | None:
    """The quote that caused a parser error at `mark`, if one did.

    PyYAML fails where the text stops making sense, which after a misplaced quote can be many
    lines on. So the quoted texts before the error are scanned again: one that runs over a
    line break into lines that look like `key:` lines was never closed (where it opens is
    the place to fix); failing that, the last one, if the error follows it on its line, was
    closed too early by a quote meant as part of the text (an apostrophe, a quotation).
    """
    if mark is None:
        return None
    scalars = _quoted_scalars(text, mark, loader_class)
    for token in scalars:
        if _runs_into_structure(text, token):
            return _Unclosed(
                quote=text[token.start_mark.index],
                position=yaml_position(token.start_mark),
                end_line=token.end_mark.line + 1,
            )
    if not scalars:
        return None
    return _swallowed_key(text, scalars[-1], mark) or _early_quote(text, scalars[-1], mark)


def _quoted_scalars(text: str, mark: yaml.Mark, loader_class: Any) -> list[Any]:
    """The quoted scalar tokens that start before `mark`, in order."""
    return [
        token
        for token in tokens_before(text, mark, loader_class)
        if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
    ]


def tokens_before(text: str, mark: yaml.Mark, loader_class: Any) -> list[Any]:
    """The scanner's tokens that start before `mark`, in order: what the text read as up to
    the parser's error (the scanner's own error, if any, comes at or after it)."""
    found: list[Any] = []
    scanner = loader_class(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token.start_mark.index >= mark.index:
                break
            found.append(token)
    except (yaml.YAMLError, ValueError):
        pass
    finally:
        scanner.dispose()
    return found


def _indentation(text: str, index: int) -> int:
    start = _line_start(text, index)
    return len(text[start:index]) - len(text[start:index].lstrip(" "))


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _runs_into_structure(text: str, token: Any) -> bool:
    """A quoted text over several lines, one of which reads as a key or a list item no deeper
    than the line the quote opens on: the quote was never meant to go on that far."""
    if token.end_mark.line == token.start_mark.line:
        return False
    inside = text[token.start_mark.index + 1 : token.end_mark.index - 1]
    opener = _indentation(text, token.start_mark.index)
    for line in _BREAK.split(inside)[1:]:
        found = _STRUCTURE_LINE.match(line)
        if found and len(found.group(1)) <= opener:
            return True
    return False


# `, en: ` inside a quoted text: the next key of a `{id: ..., en: ...}` text, swallowed.
_KEY_INSIDE = re.compile(r", *([A-Za-z_][\w-]*): ")


@dataclass(frozen=True)
class _Swallowed:
    """`{id: "Badai dan rob, en: "Storm"}`: the quote after `rob` was left out, so the text
    runs on over `, en: ` to the next quote, and YAML fails on what follows that."""

    quote: str
    text: str
    key: str
    position: Position

    def problem(self, file: str) -> Problem:
        q = self.quote
        return file_problem(
            file,
            "scenario.yaml.quote_swallowed",
            self.position,
            hint="scenario.yaml.quote_swallowed.hint",
            quote=q,
            text=self.text,
            name=self.key,
            fixed=f"{q}{self.text}{q}, {self.key}: ...",
        )


def _swallowed_key(text: str, token: Any, mark: yaml.Mark) -> _Swallowed | None:
    """The last quoted text before the error holds `, key: ` and the error follows it on its
    line: the text's closing quote belongs before that comma."""
    if token.start_mark.line != token.end_mark.line or token.end_mark.line != mark.line:
        return None
    if "{" not in text[_line_start(text, token.start_mark.index) : token.start_mark.index]:
        return None  # only inside `{...}`, where `, key: ` starts the next entry
    inside = text[token.start_mark.index + 1 : token.end_mark.index - 1]
    found = _KEY_INSIDE.search(inside)
    if found is None:
        return None
    column = token.start_mark.column + 1 + found.start()
    return _Swallowed(
        text[token.start_mark.index],
        inside[: found.start()],
        found.group(1),
        (mark.line + 1, column + 1),
    )


def _early_quote(text: str, token: Any, mark: yaml.Mark) -> _EarlyQuote | None:
    """The error follows the quoted text on its line, so the closing quote came too early:
    right before a letter (`teacher's`), or ending a word before more text (`farmers' group`)."""
    end = token.end_mark.index
    if token.end_mark.line != mark.line or mark.index < end or mark.index >= len(text):
        return None
    gap, after = text[end : mark.index], text[mark.index]
    if gap.strip(" ") or after.isspace() or after in _AFTER_VALUE:
        return None
    at = end - 1  # the closing quote
    if gap and not text[at - 1].isalnum():
        return None  # `'text'  more`: a quote after a space is no apostrophe
    start = at
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "'\"{[,":
        start -= 1
    stop = at + 1
    if not gap:
        while stop < len(text) and not text[stop].isspace() and text[stop] not in "'\",]}":
            stop += 1
    return _EarlyQuote(text[at], text[start:stop], (token.end_mark.line + 1, token.end_mark.column))


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column (marks count characters, not bytes)."""
    lines = text.split("\n", line + 1)
    if line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _value_at(text: str, line: int, column: int) -> str:
    """The rest of a line from a 0-based column, without a trailing comment."""
    lines = text.split("\n", line + 1)
    if line >= len(lines):
        return ""
    return _COMMENT.sub("", lines[line][column:].rstrip("\r")).strip()[:60]
