"""Small messages that said the wrong thing, or nothing, about what to do next."""

from __future__ import annotations

import re

import pytest

from game.cli import main
from game.cli.new import template_text
from game.i18n import Translator
from game.scenario import Problem, ScenarioError, format_problem, load_scenario_text
from game.scenario.schema import AI_POLICIES

EN = Translator("en")
ID = Translator("id")


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    return caught.value.problems


def only_problem(text: str) -> Problem:
    (problem,) = problems_of(text)
    return problem


def with_author(scenario_text: str, author: str) -> str:
    return scenario_text.replace("  months: 12\n", f"  months: 12\n  author: {author}\n")


def test_yes_for_a_text_says_yaml_read_yes_as_true_or_false(scenario_text) -> None:
    english = format_problem(only_problem(with_author(scenario_text, "yes")), EN)
    assert (
        "hint: YAML reads yes as true or false (so too yes, no, on and off); put it in " in english
    )
    assert english.endswith('to make it text: "yes"')
    assert "as a number" not in english
    assert "YAML membaca yes sebagai benar atau salah" in format_problem(
        only_problem(with_author(scenario_text, "yes")), ID
    )


def test_a_number_for_a_text_says_yaml_read_a_number(scenario_text) -> None:
    english = format_problem(only_problem(with_author(scenario_text, "2024")), EN)
    assert english.endswith('YAML reads 2024 as a number; put it in quotes to make it text: "2024"')


def test_a_duplicate_id_suggests_a_free_one(scenario_text) -> None:
    text = scenario_text.replace("  - id: dlh\n", "  - id: lsm\n")
    text = text.replace("approver: dlh", "approver: lsm").replace("to: dlh", "to: lsm")
    problem = only_problem(text)
    assert problem.message.key == "scenario.check.duplicate_id"
    english = format_problem(problem, EN)
    assert "rename one of them, for example to `lsm-2`" in english
    assert "misalnya menjadi `lsm-2`" in format_problem(problem, ID)


def test_an_upper_case_reference_suggests_the_lower_case_id(scenario_text) -> None:
    text = scenario_text.replace("{from: players, to: dlh,", "{from: players, to: DLH,")
    assert "did you mean `dlh`?" in format_problem(only_problem(text), EN)


def test_an_id_with_an_accent_suggests_it_without(scenario_text) -> None:
    text = scenario_text.replace("  - id: lsm\n", "  - id: pokdarwis-é\n")
    text = text.replace("from: lsm", "from: pokdarwis-é")
    messages = [format_problem(p, EN) for p in problems_of(text)]
    assert any("for example `pokdarwis-e`" in m for m in messages), messages


def test_new_from_an_invalid_scenario_says_nothing_was_written(tmp_path, capsys) -> None:
    source = tmp_path / "rusak.yaml"
    source.write_text("format: 1\nmeta: {id: x}\n", encoding="utf-8")
    target = tmp_path / "baru.yaml"
    assert main(["new", str(target), "--from", str(source), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "the required key" in err
    assert re.search(r"Nothing was written to \S*baru\.yaml", err)
    assert not target.exists()
    assert main(["new", str(target), "--from", "tidak-ada", "--lang", "id"]) == 1
    assert "Tidak ada yang ditulis ke" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_template_comment_lists_every_ai_policy(lang) -> None:
    comment = " ".join(line for line in template_text(lang).splitlines() if line.startswith("#"))
    for policy in AI_POLICIES:
        assert re.search(rf"\b{policy}\b", comment), policy
