"""An effect that changes nothing is warned (an error with --strict), with what it may set."""

from __future__ import annotations

import pytest

from game.i18n import Translator
from game.scenario import ScenarioError, format_problem, load_scenario_text

EN = Translator("en")
ID = Translator("id")
EFFECT = "      - organisations: {target: government, funds: -50}\n"


@pytest.mark.parametrize(
    ("effect", "kind", "fields"),
    [
        ("{target: government}", "organisations", "funds, income, staff, capacity"),
        ("{domain: education, change: 0}", "indicator", "change, need"),
        ("{from: lsm, to: dlh}", "relation", "trust, tension"),
        ("{id: csr-fund}", "grant", "open, amount, chance"),
        ("{change: 0}", "regulation", "change, extra_steps"),
    ],
)
def test_an_effect_that_changes_nothing_is_warned_with_what_it_may_set(
    scenario_text, effect, kind, fields
) -> None:
    text = scenario_text.replace(EFFECT, f"      - {kind}: {effect}\n")
    (warning,) = load_scenario_text(text, "s.yaml").warnings
    english = format_problem(warning, EN)
    assert f"events[1].effects[0].{kind}: warning: this `{kind}` effect changes nothing" in english
    assert f"give at least one of: {fields}" in english
    assert f"efek `{kind}` ini tidak mengubah apa pun" in format_problem(warning, ID)
    with pytest.raises(ScenarioError):
        load_scenario_text(text, "s.yaml", strict=True)


@pytest.mark.parametrize(
    "effect",
    [
        "organisations: {target: government, legal_entity: false}",
        "grant: {id: csr-fund, open: false}",
        "indicator: {domain: education, change: 0, need: 0.5}",
        "relation: {from: lsm, to: dlh, trust: -0.1}",
    ],
)
def test_an_effect_that_sets_something_is_not_warned(scenario_text, effect) -> None:
    text = scenario_text.replace(EFFECT, f"      - {effect}\n")
    assert load_scenario_text(text).warnings == []
