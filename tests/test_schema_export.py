"""The committed JSON Schema is exactly what the models generate, so editors check what the
loader checks."""

from __future__ import annotations

import json

from game.cli.schema import DIALECT, schema_document, schema_text
from game.resources import scenarios_dir
from game.scenario.schema import Rules


def test_committed_schema_equals_the_generated_one() -> None:
    committed = (scenarios_dir() / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "scenarios/scenario.schema.json is stale: run "
        "`kolaborasi schema --out scenarios/scenario.schema.json`"
    )


def test_schema_text_is_deterministic_sorted_and_ends_with_newline() -> None:
    text = schema_text()
    assert text == schema_text()
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_schema_declares_draft_2020_12_with_title_and_description() -> None:
    document = schema_document()
    assert document["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert document["title"].startswith("Kolaborasi scenario")
    assert "juta Rupiah" in document["description"]


def test_schema_uses_yaml_keys_and_forbids_unknown_ones() -> None:
    document = schema_document()
    assert document["required"] == ["format", "meta", "domains", "organisations"]
    assert document["additionalProperties"] is False
    pair = document["$defs"]["RelationPair"]
    assert "from" in pair["properties"] and "from_" not in pair["properties"]
    assert all(
        d.get("additionalProperties") is False
        for d in document["$defs"].values()
        if d.get("type") == "object"
    )


def test_schema_documents_every_rule_with_its_default() -> None:
    rules = schema_document()["$defs"]["Rules"]["properties"]
    assert set(rules) == set(Rules.model_fields)
    assert all("default" in spec for spec in rules.values())


def _properties(document: dict) -> list[tuple[str, str, dict]]:
    """(definition, property, the schema of its non-null value) for every property."""
    found = []
    for name, definition in document["$defs"].items():
        for key, spec in definition.get("properties", {}).items():
            for option in spec.get("anyOf", [spec]):
                if option.get("type") != "null":
                    found.append((name, key, option))
    return found


def test_schema_uses_only_json_schema_keywords_for_bounds() -> None:
    """pydantic writes `ge`/`le` as they are when it cannot translate them; editors ignore
    those, so they would stop checking the range."""
    for name, key, option in _properties(schema_document()):
        assert not {"ge", "gt", "le", "lt"} & set(option), f"{name}.{key}: {option}"


# Numbers the schema may leave open above: months (checked against `meta.months` by the
# loader), the seed, and the thresholds of conditions and objectives (compared, never added).
OPEN_ABOVE = {
    ("Condition", "above"),
    ("Condition", "below"),
    ("Grant", "closes"),
    ("Grant", "opens"),
    ("Hint", "month"),
    ("Inject", "suggested_month"),
    ("Objective", "value"),
    ("Trigger", "from_month"),
    ("Trigger", "month"),
    ("Trigger", "to_month"),
}


def test_every_number_a_scenario_adds_or_multiplies_is_bounded() -> None:
    """`funds: 1.0e308` in two events made `simulate` print NaN: every number that feeds the
    arithmetic has a finite range, and effects may be negative but not unbounded."""
    for name, key, option in _properties(schema_document()):
        if option.get("type") not in ("number", "integer") or (name, key) in OPEN_ABOVE:
            continue
        assert "maximum" in option or "exclusiveMaximum" in option, f"{name}.{key}"
        assert "minimum" in option or "exclusiveMinimum" in option, f"{name}.{key}"
    for key in ("funds", "income", "staff", "capacity", "credibility", "knowledge"):
        spec = schema_document()["$defs"]["OrgEffect"]["properties"][key]
        assert spec["minimum"] == -spec["maximum"], key
    weights = schema_document()["$defs"]["Organisation"]["properties"]["mission"]
    assert "maximum" in weights["additionalProperties"]  # their sum must stay finite


def _every_property(node: object, where: str = "") -> list[tuple[str, dict]]:
    """Every (path, schema) of a property anywhere in a JSON Schema document."""
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        for name, value in (node.get("properties") or {}).items():
            found.append((f"{where}.{name}", value))
        for key, value in node.items():
            found.extend(_every_property(value, f"{where}/{key}" if key != "properties" else where))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_every_property(value, f"{where}[{index}]"))
    return found


def test_every_property_of_the_schema_has_a_description() -> None:
    """The guide promises editors a short description of each field on hover."""
    properties = _every_property(schema_document())
    assert len(properties) > 150
    missing = [path for path, schema in properties if not schema.get("description")]
    assert missing == []


def test_the_schema_tells_an_editor_a_mission_weight_must_be_positive() -> None:
    """The editor accepted 0 and negative weights that `validate` then refused."""
    schema = schema_document()
    weights = schema["$defs"]["Organisation"]["properties"]["mission"]["additionalProperties"]
    assert weights["exclusiveMinimum"] == 0 and weights["maximum"] == 1000
