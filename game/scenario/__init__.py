"""Scenario files: the format (`schema`), loading with line-numbered problems, bundled ones.

Import from here: `load_scenario`, `ScenarioError`, `bundled_scenarios`, `resolve_scenario` and
the models. `scenario` depends on nothing else in the game but `i18n` and `resources`.
"""

from game.scenario.catalog import (
    ScenarioInfo,
    bundled_scenarios,
    default_scenario,
    resolve_scenario,
)
from game.scenario.errors import (
    Problem,
    ScenarioError,
    ScenarioNotFound,
    Severity,
    format_problem,
)
from game.scenario.loader import (
    MAX_BYTES,
    LoadedScenario,
    load_scenario,
    load_scenario_text,
)
from game.scenario.schema import FORMAT_VERSION, Scenario

__all__ = [
    "FORMAT_VERSION",
    "MAX_BYTES",
    "LoadedScenario",
    "Problem",
    "Scenario",
    "ScenarioError",
    "ScenarioInfo",
    "ScenarioNotFound",
    "Severity",
    "bundled_scenarios",
    "default_scenario",
    "format_problem",
    "load_scenario",
    "load_scenario_text",
    "resolve_scenario",
]
