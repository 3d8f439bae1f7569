"""A misplaced quote is named where it is, not where PyYAML gave up many lines later.

The texts are cut-down copies of files a scenario designer broke while reviewing the tools:
a quote never closed (the parser reads on to the next quote, often dozens of lines away) and
an apostrophe inside single quotes (`farmers'`, `teacher's`) that closes the text early.
"""

from __future__ import annotations

import pytest

from game.i18n import Translator
from game.scenario import Problem, ScenarioError, format_problem, load_scenario_text

EN = Translator("en")
ID = Translator("id")

# syntax3.yaml: `version: "0.1` unclosed; the next `"` is in `"rehabilitated"`, far below.
UNCLOSED_DOUBLE = """\
format: 1
meta:
  id: mangrove-pesisir
  author: "Yayasan Bina Pesisir — pelatih: Sari"
  version: "0.1
  languages: [id, en]
  months: 24
organisations:
  - id: kth
    sector: community
    hidden_agenda:
      id: Ketua KTH juga menyewakan tambak kecil.
      en: The group's chair rents out a pond and fears it will be "rehabilitated" too.
"""

# syntax3c.yaml: a single quote never closed; the next `'` is an apostrophe in `farmers'`.
UNCLOSED_SINGLE = """\
format: 1
debrief_questions:
  - phase: now_what
    text:
      id: Siapa di pesisir kabupaten Anda yang belum pernah duduk satu meja?
      en: 'Who on your district coast has never sat at one table?

facilitator_notes:
  - id: Dua tim memainkan KTH dan Yayasan.
    en: Two teams play the farmers' group and the foundation.
"""

# syntax1.yaml: the apostrophe ends a word, and a space follows it.
APOSTROPHE_AFTER_WORD = """\
format: 1
injects:
  - id: tambak-ilegal
    notes:
      id: Menguji ketegangan antara KTH dan PT Windu.
      en: 'Tests the tension between the farmers' group and PT Windu.'
    effects: []
"""


def only_problem(text: str) -> Problem:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    problems = caught.value.problems
    assert len(problems) == 1, [format_problem(p, EN) for p in problems]
    return problems[0]


def position_of(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of `needle` (plus `offset` characters) in `text`."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def test_an_unclosed_double_quote_is_named_where_it_opens_not_at_the_next_quote() -> None:
    problem = only_problem(UNCLOSED_DOUBLE)
    assert problem.message.key == "scenario.yaml.unclosed_quote"
    assert (problem.line, problem.column) == position_of(UNCLOSED_DOUBLE, '"0.1')
    english = format_problem(problem, EN)
    assert "the quote opened here is never closed" in english
    assert 'the next " at line 13' in english
    assert "rehabilitated" not in english
    assert "tidak pernah ditutup" in format_problem(problem, ID)


def test_an_unclosed_single_quote_is_not_called_an_indentation_problem() -> None:
    problem = only_problem(UNCLOSED_SINGLE)
    assert problem.message.key == "scenario.yaml.unclosed_quote"
    assert (problem.line, problem.column) == position_of(UNCLOSED_SINGLE, "'Who")
    assert "indentation" not in format_problem(problem, EN)


def test_an_apostrophe_ending_a_word_inside_single_quotes_is_named() -> None:
    problem = only_problem(APOSTROPHE_AFTER_WORD)
    assert problem.message.key == "scenario.yaml.quote_early"
    assert (problem.line, problem.column) == position_of(APOSTROPHE_AFTER_WORD, "' group")
    english = format_problem(problem, EN)
    assert "the `'` in `farmers'` ends the quoted text early" in english
    assert "write an apostrophe twice (`farmers''`)" in english


def test_a_text_over_several_lines_in_quotes_is_not_taken_for_an_unclosed_quote() -> None:
    text = "format: 1\nmeta:\n  summary: 'one line\n    and the next: still text'\n  x: a: b\n"
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.colon"
    assert problem.line == 5


def test_a_quoted_value_followed_by_a_comment_is_no_early_quote() -> None:
    text = "format: 1\nmeta:\n  id: 'x'  # fine\n  b: c: d\n"
    assert only_problem(text).message.key == "scenario.yaml.colon"


@pytest.mark.parametrize("text", [UNCLOSED_DOUBLE, UNCLOSED_SINGLE, APOSTROPHE_AFTER_WORD])
def test_the_pure_python_parser_finds_the_same_quote(monkeypatch, text: str) -> None:
    import yaml

    from game.scenario import loader

    with_c = only_problem(text)
    monkeypatch.setattr(loader, "_SafeLoader", yaml.SafeLoader)
    without_c = only_problem(text)
    assert (without_c.message, without_c.line, without_c.column) == (
        with_c.message,
        with_c.line,
        with_c.column,
    )
