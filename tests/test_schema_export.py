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
