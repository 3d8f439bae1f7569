"""Numbers written the way people write them on paper get a hint with the number to write:
a decimal comma (`0,45`), a percentage (`35%`), or a percentage where a 0–1 share belongs."""

from __future__ import annotations

import pytest

from game.i18n import Translator
from game.scenario import Problem, ScenarioError, format_problem, load_scenario_text

EN = Translator("en")
ID = Translator("id")


def only_problem(text: str) -> Problem:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    problems = caught.value.problems
    assert len(problems) == 1, [format_problem(p, EN) for p in problems]
    return problems[0]


def with_line(text: str, after: str, line: str) -> str:
    assert text.count(after) == 1, after
    return text.replace(after, after + line + "\n")


@pytest.mark.parametrize(
    ("after", "line", "field", "english", "indonesian"),
    [
        (
            "format: 1\n",
            "rules:\n  regulation: 0,45",
            "rules.regulation",
            "write decimals with a point, not a comma: 0.45",
            "tulis desimal dengan titik, bukan koma: 0.45",
        ),
        (
            "    funds: 20\n",
            "    income: 2,5",
            "organisations[0].income",
            "write decimals with a point, not a comma: 2.5",
            "bukan koma: 2.5",
        ),
        (
            "    amount: 100\n",
            '    chance: "35%"',
            "grants[0].chance",
            "this is a share from 0 to 1, not a percentage: write 0.35",
            "ini bagian dari 0 sampai 1, bukan persen: tulis 0.35",
        ),
        (
            "    funds: 20\n",
            "    capacity: 65",
            "organisations[0].capacity",
            "this is a share from 0 to 1, not a percentage: write 0.65",
            "tulis 0.65",
        ),
        (
            "    funds: 20\n",
            "    traits: {openness: 60%}",
            "organisations[0].traits.openness",
            "not a percentage: write 0.6",
            "tulis 0.6",
        ),
        (
            "    funds: 20\n",
            "    credibility: 70%",
            "organisations[0].credibility",
            "write the number without `%`: 70",
            "tulis angkanya tanpa `%`: 70",
        ),
    ],
)
def test_a_number_written_as_on_paper_gets_the_number_to_write(
    scenario_text, after, line, field, english, indonesian
) -> None:
    problem = only_problem(with_line(scenario_text, after, line))
    assert problem.field == field
    assert english in format_problem(problem, EN)
    assert indonesian in format_problem(problem, ID)


def test_a_share_in_quotes_goes_straight_to_the_share_not_to_removing_the_quotes(
    scenario_text,
) -> None:
    """`min_share: "50"`: "write it without quotes" would only lead to "at most 1; it is 50"."""
    text = scenario_text.replace(
        "events:\n",
        'approvals:\n  - domain: education\n    approver: dlh\n    min_share: "50"\nevents:\n',
    )
    english = format_problem(only_problem(text), EN)
    assert "write 0.5" in english
    assert "without quotes" not in english


def test_a_share_in_quotes_that_is_a_share_is_told_to_lose_its_quotes(scenario_text) -> None:
    text = with_line(scenario_text, "    amount: 100\n", '    chance: "0.4"')
    assert "write the number without quotes" in format_problem(only_problem(text), EN)


def test_a_thousands_comma_in_money_gets_the_money_hint_not_a_decimal(scenario_text) -> None:
    text = scenario_text.replace("    funds: 20\n", "    funds: 1,500\n")
    english = format_problem(only_problem(text), EN)
    assert "juta Rupiah" in english
    assert "1.5" not in english
