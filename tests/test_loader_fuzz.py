"""Whatever a scenario file contains, the loader returns a scenario or raises ScenarioError
with at least one error that renders in both languages; never any other exception."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.i18n import Translator
from game.scenario import LoadedScenario, ScenarioError, format_problem, load_scenario_text

from .conftest import MINIMAL_SCENARIO

TRANSLATORS = (Translator("en"), Translator("id"))
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    # Values that mean something somewhere in a scenario, so mutations reach deep checks.
    st.sampled_from(
        ["player", "all", "players", "lsm", "dlh", "environment", "ngo", "cross_sector", "yes"]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), children, max_size=4)
    ),
    max_leaves=12,
)
YAMLISH = st.text(alphabet=" \n\t:-[]{}&*!|>'\"#%@`,?<=~.0123456789abcxyz", max_size=300)


def assert_loads_or_refuses(content: str | bytes) -> None:
    """The contract: a LoadedScenario, or a ScenarioError that says something useful."""
    try:
        result = load_scenario_text(content, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.errors, "a refusal must carry at least one error"
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml"
            for t in TRANSLATORS:
                rendered = format_problem(problem, t)
                assert rendered.startswith("fuzz.yaml")
                assert problem.message.key not in rendered  # the key was found and rendered
    else:
        assert isinstance(result, LoadedScenario)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*prefix, index))


def node_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(data: Any, path: tuple[Any, ...], operation: str, value: Any, key: Any) -> Any:
    """Delete, replace, or insert into the node at `path`; returns the (new) document."""
    if not path:
        return value if operation == "replace" else data
    parent, last = node_at(data, path[:-1]), path[-1]
    if operation == "delete":
        del parent[last]
    elif operation == "replace":
        parent[last] = value
    else:
        target = parent[last]
        if isinstance(target, dict):
            target[key] = value
        elif isinstance(target, list):
            target.append(value)
        else:
            parent[last] = [target, value]
    return data


BASE = yaml.safe_load(MINIMAL_SCENARIO)


@FUZZ
@given(st.data())
def test_mutated_scenarios_load_or_raise_scenario_error(data: st.DataObject) -> None:
    document = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        path = data.draw(st.sampled_from(list(paths(document))), label="path")
        operation = data.draw(st.sampled_from(["delete", "replace", "insert"]), label="op")
        value = data.draw(VALUES, label="value")
        key = data.draw(st.one_of(st.text(max_size=10), st.sampled_from(["stafff", "from"])))
        document = mutate(document, path, operation, value, key)
    assert_loads_or_refuses(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


@FUZZ
@given(st.data())
def test_text_edits_of_a_valid_scenario_load_or_raise_scenario_error(data: st.DataObject) -> None:
    text = MINIMAL_SCENARIO
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="edits")):
        start = data.draw(st.integers(min_value=0, max_value=len(text)), label="at")
        length = data.draw(st.integers(min_value=0, max_value=20), label="cut")
        insert = data.draw(YAMLISH, label="insert")
        text = text[:start] + insert + text[start + length :]
    assert_loads_or_refuses(text)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_load_or_raise_scenario_error(content: bytes) -> None:
    assert_loads_or_refuses(content)


@FUZZ
@given(st.one_of(st.text(max_size=500), YAMLISH))
def test_random_text_loads_or_raises_scenario_error(text: str) -> None:
    assert_loads_or_refuses(text)


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nmeta:\n  months: " + "1" * 5000 + "\n",  # beyond Python's int-parsing limit
        "format: 1\nmeta: {months: 1e999}\n",
        "format: !!int ''\n",
        "format: !!bool maybe\n",
        "format: !!float x\n",
        "? [a, b]\n: c\n",
        "&a x: 1\n*a : 2\n",
        "a: &a [1, *a]\n",
        "a: !!map [1]\n",
        "\ud800: 1\n",
        "format: 1\nmeta: " + "{a: " * 200 + "}" * 200 + "\n",
        "format: 1\n" + "x" * 100_000 + ": 1\n",
        "\ufeffformat: 1\n",
        "%YAML 1.1\n---\nformat: 1\n",
        "--- !!map\nformat: 1\n",
        "format: 1\n...\n---\nformat: 1\n",
    ],
)
def test_hostile_inputs_load_or_raise_scenario_error(text: str) -> None:
    assert_loads_or_refuses(text)


@FUZZ
@given(
    st.integers(min_value=1, max_value=120),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["", "+"]),
)
def test_whole_numbers_read_as_yaml_1_2_reads_them(months: int, zeros: int, sign: str) -> None:
    """`010` is ten, as in editors and YAML 1.2, never octal eight (YAML 1.1)."""
    spelled = sign + "0" * zeros + str(months)
    text = MINIMAL_SCENARIO.replace("  months: 12\n", f"  months: {spelled}\n", 1)
    text = text.replace("{month: 6}", "{month: 1}").replace("- month: 2", "- month: 1")
    assert load_scenario_text(text).scenario.meta.months == months


@FUZZ
@given(st.floats(min_value=0, max_value=10_000_000, allow_nan=False))
def test_decimal_numbers_read_back_exactly(funds: float) -> None:
    text = MINIMAL_SCENARIO.replace("    funds: 20\n", f"    funds: {funds!r}\n", 1)
    assert load_scenario_text(text).scenario.organisations[0].funds == funds


@pytest.mark.parametrize(
    "value", ["1:30", "1_000", "0b101", "true", "yes", "'20'", "1e999", "-.inf", ".nan", "0x"]
)
def test_what_is_not_a_plain_number_is_refused_where_a_number_is_expected(value: str) -> None:
    text = MINIMAL_SCENARIO.replace("    funds: 20\n", f"    funds: {value}\n", 1)
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text)
    (problem,) = caught.value.problems
    assert problem.field == "organisations[0].funds"
