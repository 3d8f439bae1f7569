"""YAML syntax errors in a designer's words: what PyYAML (C or Python) says, classified,
and pointed at the character that caused it rather than where the parser gave up."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from game.scenario.errors import Position, Problem, file_problem, quoted


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


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    problem, context = exc.problem or "", exc.context or ""
    early = _early_quote(text, exc.problem_mark)
    if early is not None:
        return early.problem(file)
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


def _early_quote(text: str, mark: yaml.Mark | None) -> _EarlyQuote | None:
    """A parser error just after a closing quote that a letter follows: the quote was meant
    as part of the text (an apostrophe, a quotation), not as its end."""
    if mark is None or mark.column < 2:
        return None
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return None
    line = lines[mark.line].rstrip("\r")
    at = mark.column - 1  # the quote, if this is the case
    if at >= len(line) or line[at] not in "'\"" or mark.column >= len(line):
        return None
    quote = line[at]
    if line[mark.column].isspace() or line[mark.column] in ",]}#:":
        return None
    start = at
    while start > 0 and not line[start - 1].isspace() and line[start - 1] not in "'\"{[,":
        start -= 1
    end = mark.column
    while end < len(line) and not line[end].isspace() and line[end] not in "'\",]}":
        end += 1
    return _EarlyQuote(quote, line[start:end], (mark.line + 1, at + 1))


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
