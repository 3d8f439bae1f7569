"""Every YAML syntax mistake of a file in one run, not only the first.

PyYAML stops at its first error; a designer who fixes one slip per run of `validate` waits for
each next one. So after an error the lines it is about are blanked (line numbers kept) and the
text parsed again. What is blanked is always a whole entry, a key or list item with the lines
indented under it, so the lines after it keep the structure they had: an error found next is
one the designer would meet anyway, not an artefact of the first. Where no such entry can be
told (a quote or bracket left open changes how everything after it reads; the parser's generic
errors say too little), the search stops there, and the report says that more may follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from game.scenario.errors import Problem
from game.scenario.syntax import syntax_problem, tokens_before

MAX_SYNTAX_PROBLEMS = 10

# After these no entry can be blanked with confidence: a quote or bracket left open may have
# been meant to close anywhere below, and a generic error names no construct.
_STOP = frozenset({"scenario.yaml.unclosed_quote", "scenario.yaml.syntax"})
# A line in the wrong column, or one that is no `key: value` (often text in the wrong column):
# which block it meant to join is unclear, so the block around it goes whole (blanking the line
# alone, the lines below it that lined up with it would be reported in turn).
_IN_DOUBT = frozenset(
    {"scenario.yaml.indent", "scenario.yaml.indent_short", "scenario.yaml.no_colon"}
)
# Parser contexts that name where the construct holding the error began (the others, such as
# "while parsing a block mapping", name a mapping that may start far above).
_CONSTRUCTS = ("flow", "quoted", "simple key", "block scalar", "alias", "anchor", "tag")
_BREAKS = re.compile(r"(\r\n|[\r\n\x85\u2028\u2029])")  # YAML's line breaks, as marks count them
_ITEM = re.compile(r"[ \t]*-(?:[ \t]|$)")
_KEY = re.compile(r"[ \t]*[^\s#].*?:(?:[ \t]|$)")  # `key:` or `key: value`, quoted or not
_FLOW_START = (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_FLOW_END = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


@dataclass(frozen=True)
class SyntaxReport:
    """The syntax problems found, top to bottom, and `read_to`: the line after which more may
    hide, or None when the search read to the end of the file."""

    problems: list[Problem]
    read_to: int | None


def syntax_problems(
    exc: yaml.MarkedYAMLError,
    text: str,
    file: str,
    loader_class: Any,
    limit: int = MAX_SYNTAX_PROBLEMS,
) -> SyntaxReport:
    """The problem PyYAML's first error `exc` stands for, and those that blanking it (and
    each one after it) reveals, while that is safe; at most `limit`, one parse for each."""
    problems = [syntax_problem(exc, text, file, loader_class)]
    error = exc
    while len(problems) < limit:
        region = _region(problems[-1], error, text, loader_class)
        if region is None:
            break
        text = _blank(text, *region)
        try:
            found = _first_error(text, loader_class)
        except (yaml.YAMLError, ValueError):  # an error without a place: nothing to go on
            break
        if found is None:
            return SyntaxReport(problems, None)
        problem = syntax_problem(found, text, file, loader_class)
        if not _after(problem, found, region[1]):
            break  # it points into or above what was blanked: an effect of the blanking
        problems.append(problem)
        error = found
    return SyntaxReport(problems, problems[-1].line)


def _first_error(text: str, loader_class: Any) -> yaml.MarkedYAMLError | None:
    """The parser's first error in `text`, or None if it parses."""
    loader = loader_class(text)
    try:
        while loader.check_event():
            loader.get_event()
    except yaml.MarkedYAMLError as exc:
        if exc.problem_mark is None:
            raise
        return exc
    finally:
        loader.dispose()
    return None


def _after(problem: Problem, error: yaml.MarkedYAMLError, blanked: int) -> bool:
    """Whether a new error lies wholly below the last blanked line (0-based `blanked`)."""
    marks = [error.problem_mark]
    if error.context_mark is not None and any(c in (error.context or "") for c in _CONSTRUCTS):
        marks.append(error.context_mark)
    line = problem.line
    return line is not None and line - 1 > blanked and all(m.line > blanked for m in marks)


# --- what to blank ------------------------------------------------------------------------


def _region(
    problem: Problem, error: yaml.MarkedYAMLError, text: str, loader_class: Any
) -> tuple[int, int] | None:
    """The 0-based first and last line of the entry a problem is in, or None when none can
    be told safely."""
    key = problem.message.key
    if key in _STOP or problem.line is None:
        return None
    lines = _BREAKS.split(text)[::2]
    line = problem.line - 1
    if line >= len(lines) - 1 and not any(_has_content(x) for x in lines[line + 1 :]):
        return None  # at the end of the file (`{` left open there): nothing below to search
    mark, context = error.problem_mark, error.context_mark
    if key == "scenario.yaml.unclosed_bracket" and (context is None or context.line != mark.line):
        return None  # `[` left open over lines: where it was meant to close is a guess
    if key in _IN_DOUBT:
        first = _parent(lines, line)
        if first is None:
            return None  # a top-level key out of line: the whole file's structure is in doubt
    elif key == "scenario.yaml.indent_deeper":  # the line alone (the parser read it as going
        # on from the line above), and the keys under it, meant for the column it belongs in
        column = problem.message.params["column"]
        return line, _entry_end(lines, line, line, top=column - 1)
    else:
        first = min(line, _opened_before(text, mark, loader_class))
        if context is not None and any(c in (error.context or "") for c in _CONSTRUCTS):
            first = min(first, context.line)
    return first, _entry_end(lines, first, line)


def _opened_before(text: str, mark: yaml.Mark, loader_class: Any) -> int:
    """The first line of a construct still open at `mark`: a `{` or `[` not yet closed, or a
    text running over several lines onto the error's line (its key is on its first line)."""
    first = mark.line
    flows: list[int] = []
    for token in tokens_before(text, mark, loader_class):
        if isinstance(token, _FLOW_START):
            flows.append(token.start_mark.line)
        elif isinstance(token, _FLOW_END) and flows:
            flows.pop()
        elif isinstance(token, yaml.ScalarToken) and token.end_mark.line >= mark.line:
            first = min(first, token.start_mark.line)
    return min([first, *flows[:1]])


def _parent(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` indented less than it: the block it is in."""
    indent = _indent(lines[line])
    for above in range(line - 1, -1, -1):
        if _has_content(lines[above]) and _indent(lines[above]) < indent:
            return above
    return None


def _entry_end(lines: list[str], first: int, last: int, top: int | None = None) -> int:
    """The last line of the entry that starts on lines `first`..`last`: the lines indented
    under it (or deeper than column `top`), a list in its key's column (`organisations:` then
    `- id: x`), and lines in its column that cannot follow it as they stand (text after
    anything, a key after a list item): they go on from it."""
    shown = [n for n in range(first, last + 1) if _has_content(lines[n])]
    if top is None:
        top = min((_indent(lines[n]) for n in shown), default=_indent(lines[last]))
    head = next((lines[n] for n in shown if _indent(lines[n]) >= top), lines[last])
    takes_items = not head.lstrip().startswith("-")
    end = last
    for n in range(last + 1, len(lines)):
        line = lines[n]
        if not _has_content(line):
            continue
        indent = _indent(line)
        if indent < top:
            break
        if indent == top and _ITEM.match(line):
            if not takes_items:
                break  # the next item of the same list
        elif indent == top and _KEY.match(line) and takes_items:
            break  # the next key of the same mapping (after an item, a key there is astray)
        end = n
    return end


def _blank(text: str, first: int, last: int) -> str:
    """`text` with lines `first`..`last` emptied, every line break kept (so are positions)."""
    parts = _BREAKS.split(text)
    for n in range(first, last + 1):
        parts[2 * n] = ""
    return "".join(parts)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _has_content(line: str) -> bool:
    stripped = line.strip(" \t")
    return bool(stripped) and not stripped.startswith("#")
