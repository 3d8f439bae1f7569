"""Fixed values written in Indonesian get the English value they mean as a hint."""

from __future__ import annotations

from typing import get_args

import pytest

from game.i18n import Translator
from game.scenario import ScenarioError, format_problem, load_scenario_text
from game.scenario.schema import AI_POLICIES, BenefitId, DebriefQuestion, Model, Sector
from game.scenario.words import INDONESIAN_VALUES

EN = Translator("en")
ID = Translator("id")


def hint_of(text: str) -> tuple[str, str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    (problem,) = caught.value.problems
    return format_problem(problem, EN), format_problem(problem, ID)


@pytest.mark.parametrize(
    ("old", "word", "english"),
    [
        ("    sector: government\n", "pemerintah", "government"),
        ("    sector: ngo\n", "swasta", "private"),
        ("    policy: player\n", "pemain", "player"),
        ("    policy: bureaucrat\n", "juara", "champion"),
    ],
)
def test_an_indonesian_word_for_a_fixed_value_suggests_the_english_one(
    scenario_text, old, word, english
) -> None:
    assert scenario_text.count(old) == 1, old
    text = scenario_text.replace(old, old.split(": ")[0] + f": {word}\n")
    in_english, in_indonesian = hint_of(text)
    assert f"values are written in English: `{word}` is `{english}`" in in_english
    assert f"nilai ditulis dalam bahasa Inggris: `{word}` adalah `{english}`" in in_indonesian


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        (
            "    indicator: environment\n    value: 50\n",
            "    model: lintas_sektor\n",
            "cross_sector",
        ),
        ("hints:\n", "debrief_questions:\n  - phase: apa\n    text: Apa?\nhints:\n", "what"),
    ],
)
def test_indonesian_models_and_phases_are_recognised(scenario_text, old, new, hint) -> None:
    in_english, _ = hint_of(scenario_text.replace(old, new))
    assert f"is `{hint}`" in in_english


def test_an_indonesian_sector_as_an_effect_target_suggests_the_english_one(scenario_text):
    text = scenario_text.replace("{target: government,", "{target: pemerintah,")
    in_english, _ = hint_of(text)
    assert "`pemerintah` is `government`" in in_english


def test_every_indonesian_word_maps_to_a_value_of_the_format() -> None:
    values = {
        *(s.value for s in Sector),
        *(m.value for m in Model),
        *AI_POLICIES,
        "player",
        *get_args(BenefitId),
        *get_args(DebriefQuestion.model_fields["phase"].annotation),
        "all",
        "players",
        "id",
        "en",
    }
    assert set(INDONESIAN_VALUES.values()) <= values
