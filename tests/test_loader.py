"""The scenario loader: every refusal and every error class names its line, in words a
designer can act on; warnings stay warnings unless --strict; bundled scenarios load."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.i18n import Translator
from game.resources import scenarios_dir
from game.scenario import (
    MAX_BYTES,
    LoadedScenario,
    Problem,
    ScenarioError,
    Severity,
    format_problem,
    load_scenario,
    load_scenario_text,
)

EN = Translator("en")
ID = Translator("id")


def problems_of(text: str | bytes, strict: bool = False) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml", strict=strict)
    return caught.value.problems


def only_problem(text: str | bytes) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, [format_problem(p, EN) for p in problems]
    return problems[0]


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle` (the tests' expected positions)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- the happy path ------------------------------------------------------------------------


def test_valid_scenario_loads_without_warnings(scenario_text: str) -> None:
    loaded = load_scenario_text(scenario_text)
    assert isinstance(loaded, LoadedScenario)
    assert loaded.scenario.meta.id == "uji-coba"
    assert [o.id for o in loaded.scenario.organisations] == ["school", "lsm", "dlh"]
    assert loaded.warnings == []


def test_load_scenario_reads_a_file_and_keeps_its_path(scenario_text, write_scenario) -> None:
    path = write_scenario(scenario_text)
    loaded = load_scenario(path)
    assert loaded.path == path
    assert loaded.scenario.relations.pairs[0].from_ == "lsm"


def test_utf8_byte_order_mark_is_accepted(scenario_text: str) -> None:
    loaded = load_scenario_text(b"\xef\xbb\xbf" + scenario_text.encode())
    assert loaded.scenario.meta.months == 12


@pytest.mark.parametrize(
    "path",
    sorted(scenarios_dir().glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_every_bundled_scenario_loads_strictly(path: Path) -> None:
    loaded = load_scenario(path, strict=True)
    assert loaded.scenario.meta.id == path.stem
    assert loaded.warnings == []


def test_bundled_scenarios_start_with_the_schema_modeline() -> None:
    for path in sorted(scenarios_dir().glob("*.yaml")):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema="), path.name
        assert first_line.endswith("scenario.schema.json"), path.name


# --- refusals before YAML ------------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_reading(write_scenario) -> None:
    path = write_scenario(b"#" * (MAX_BYTES + 1))
    problem = only_problem_of_file(path)
    assert problem.message.key == "scenario.file.too_big"
    assert "MB" in format_problem(problem, EN)


def test_missing_file_is_a_problem_not_an_oserror(tmp_path: Path) -> None:
    problem = only_problem_of_file(tmp_path / "nope.yaml")
    assert problem.message.key == "scenario.file.missing"
    assert format_problem(problem, EN).startswith(str(tmp_path / "nope.yaml"))


def test_folder_is_not_a_scenario(tmp_path: Path) -> None:
    assert only_problem_of_file(tmp_path).message.key == "scenario.file.is_dir"


def only_problem_of_file(path: Path) -> Problem:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


def test_non_utf8_bytes_name_their_line_and_byte() -> None:
    problem = only_problem(b"format: 1\nmeta:\n  title: caf\xe9\n")
    assert problem.message.key == "scenario.yaml.not_utf8"
    assert (problem.line, problem.column) == (3, 13)
    assert "0xE9" in format_problem(problem, EN)


def test_utf16_file_gets_a_hint_to_save_as_utf8() -> None:
    problem = only_problem("format: 1\n".encode("utf-16"))
    assert problem.hint is not None and problem.hint.key == "scenario.yaml.utf16.hint"


def test_control_character_is_refused_with_its_position() -> None:
    problem = only_problem("format: 1\nmeta:\n  id: a\x00b\n")
    assert problem.message.key == "scenario.yaml.control_char"
    assert (problem.line, problem.column) == (3, 8)
    assert "U+0000" in format_problem(problem, EN)


# --- refusals of the YAML itself ---------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file_is_refused(text: str) -> None:
    assert only_problem(text).message.key == "scenario.yaml.empty"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("- format: 1\n- meta: {}\n", "scenario.yaml.root_list"),
        ("just words\n", "scenario.yaml.root_scalar"),
    ],
)
def test_document_that_is_not_a_mapping_is_refused(text: str, key: str) -> None:
    problem = only_problem(text)
    assert problem.message.key == key
    assert problem.line == 1


def test_second_document_is_refused_at_its_separator() -> None:
    problem = only_problem("format: 1\n---\nformat: 1\n")
    assert problem.message.key == "scenario.yaml.documents"
    assert problem.line == 2


def test_duplicate_keys_name_both_lines() -> None:
    problem = only_problem("format: 1\nmeta:\n  id: a\n  months: 3\n  id: b\n")
    assert problem.message.key == "scenario.yaml.duplicate_key"
    assert problem.line == 5
    assert problem.message.params["first_line"] == 3
    assert "line 3" in format_problem(problem, EN)


def test_every_duplicate_key_is_reported() -> None:
    problems = problems_of("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert [(p.message.key, p.line) for p in problems] == [
        ("scenario.yaml.duplicate_key", 2),
        ("scenario.yaml.duplicate_key", 5),
    ]


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"format: 1\nmeta: !!python/object/apply:os.system ['touch {marker}']\n"
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.tag"
    assert problem.line == 2
    assert "!!python/object/apply:os.system" in format_problem(problem, EN)
    assert not marker.exists()


@pytest.mark.parametrize(
    "value", ["!!binary aGVsbG8=", "!!set {a, b}", "!custom {a: 1}", "!!python/name:os.system ''"]
)
def test_non_core_tags_are_refused(value: str) -> None:
    problem = only_problem(f"format: 1\nmeta: {value}\n")
    assert problem.message.key == "scenario.yaml.tag"
    assert problem.line == 2


def test_core_tags_are_allowed(scenario_text: str) -> None:
    text = replace_once(scenario_text, "  months: 12", "  months: !!int '12'")
    assert load_scenario_text(text).scenario.meta.months == 12


def test_billion_laughs_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefg", "abcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    problem = only_problem("\n".join(lines) + "\n")
    assert problem.message.key == "scenario.yaml.alias_bomb"
    assert problem.line == 4  # 10 x 10 x 10 values pass the bound on the fourth line


def test_many_aliases_are_refused() -> None:
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    assert only_problem(text).message.key == "scenario.yaml.alias_count"


def test_undefined_alias_is_reported_with_its_line() -> None:
    problem = only_problem("format: 1\nmeta: *nothing\n")
    assert problem.message.key == "scenario.yaml.alias_undefined"
    assert problem.line == 2


def test_deep_nesting_is_refused() -> None:
    assert only_problem("a: " + "[" * 60 + "]" * 60 + "\n").message.key == "scenario.yaml.too_deep"


def test_merge_keys_are_refused_clearly() -> None:
    problem = only_problem("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problem.message.key == "scenario.yaml.merge_key"
    assert problem.line == 3


def test_aliases_within_bounds_work(scenario_text: str) -> None:
    text = replace_once(
        scenario_text, "    staff: 6\n", "    staff: 6\n    traits: &calm {patience: 0.9}\n"
    )
    text = replace_once(text, "    staff: 12\n", "    staff: 12\n    traits: *calm\n")
    loaded = load_scenario_text(text)
    assert loaded.scenario.organisations[2].traits.patience == 0.9


@pytest.mark.parametrize(
    ("text", "key", "line", "column"),
    [
        ("format: 1\nmeta:\n\tid: x\n", "scenario.yaml.tab", 3, 1),
        ("format: 1\nmeta: a: b\n", "scenario.yaml.colon", 2, 8),
        ("format: 1\nmeta\nid: 2\n", "scenario.yaml.no_colon", 2, 1),
        ("format: 1\nmeta:\n  id: 'open\n  months: 3\n", "scenario.yaml.unclosed_quote", 3, 7),
        ("format: 1\nlist: [1, 2\nmeta: 3\n", "scenario.yaml.unclosed_bracket", 2, 7),
        ("format: 1\nmeta:\n    id: x\n  months: 3\n", "scenario.yaml.indent", 4, 3),
        ("format: 1\nmeta: @home\n", "scenario.yaml.bad_start", 2, 7),
        ('format: 1\nmeta: "C:\\q"\n', "scenario.yaml.escape", 2, 10),
    ],
)
def test_syntax_errors_are_explained_at_their_line(
    text: str, key: str, line: int, column: int
) -> None:
    problem = only_problem(text)
    assert problem.message.key == key
    assert (problem.line, problem.column) == (line, column)
    assert problem.hint is not None


# --- the schema -----------------------------------------------------------------------------


def test_unknown_key_suggests_the_field_it_misspells(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    staff: 8\n", "    stafff: 8\n")
    problem = only_problem(text)  # the "missing staff" error it causes is not repeated
    assert problem.field == "organisations[1].stafff"
    assert problem.line == line_of(text, "stafff")
    assert format_problem(problem, EN).endswith("hint: did you mean `staff`?")
    assert "maksud Anda `staff`?" in format_problem(problem, ID)


def test_unknown_key_suggests_an_alias_like_from(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    - from: lsm\n", "    - form: lsm\n")
    problem = only_problem(text)
    assert problem.field == "relations.pairs[0].form"
    assert problem.hint is not None and problem.hint.params["suggestion"] == "from"


def test_all_schema_errors_are_reported_sorted_by_line(scenario_text: str) -> None:
    text = replace_once(scenario_text, "  months: 12", "  months: 500")
    text = replace_once(text, "    sector: ngo", "    sector: nog")
    text = replace_once(text, "    staff: 12", "    staff: lots")
    text = replace_once(text, "    baseline: 40", "    baseline: -4")
    problems = problems_of(text)
    found = [(p.field, p.line) for p in problems]
    assert found == [
        ("meta.months", line_of(text, "months: 500")),
        ("domains[1].baseline", line_of(text, "baseline: -4")),
        ("organisations[1].sector", line_of(text, "sector: nog")),
        ("organisations[2].staff", line_of(text, "staff: lots")),
    ]
    messages = [format_problem(p, EN) for p in problems]
    assert "must be at most 120; it is 500" in messages[0]
    assert "must be at least 0; it is -4" in messages[1]
    assert "community, ngo, government" in messages[2] and "did you mean `ngo`?" in messages[2]
    assert 'expected a whole number, got "lots"' in messages[3]


def test_problem_line_format_is_file_line_column_field_message(scenario_text: str) -> None:
    text = replace_once(scenario_text, "  months: 12", "  months: 0")
    problem = only_problem(text)
    assert format_problem(problem, EN) == (
        f"broken.yaml:{line_of(text, 'months: 0')}:11: meta.months: must be at least 1; it is 0"
    )


def test_missing_required_key_points_at_its_mapping(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    funds: 300\n", "")
    problem = only_problem(text)
    assert problem.field == "organisations[2].funds"
    assert problem.line == line_of(text, "- id: dlh")
    assert "`funds`" in format_problem(problem, EN)


def test_invalid_id_suggests_a_valid_one(scenario_text: str) -> None:
    text = replace_once(scenario_text, "  - id: lsm\n", "  - id: LSM Hijau\n")
    problems = problems_of(text)
    assert problems[0].field == "organisations[1].id"
    assert problems[0].hint is not None and problems[0].hint.params["suggestion"] == "lsm-hijau"


def test_text_of_wrong_type_is_one_clear_problem(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    title: {id: Banjir, en: Flood}", "    title: [a, b]")
    problem = only_problem(text)
    assert problem.field == "events[0].title"
    assert problem.message.key == "scenario.schema.text"


def test_yes_where_text_is_expected_gets_a_quoting_hint(scenario_text: str) -> None:
    text = replace_once(scenario_text, "en: A cleaner environment", "en: yes")
    problem = only_problem(text)
    assert problem.field == "objectives[0].text.en"
    assert problem.hint is not None and problem.hint.key == "scenario.schema.quote_bool.hint"


def test_model_validator_errors_are_translated(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    trigger: {month: 6}", "    trigger: {repeat: true}")
    problem = only_problem(text)
    assert problem.field == "events[0].trigger"
    assert problem.line == line_of(text, "repeat: true")
    assert "`month`, `when` atau `chance`" in format_problem(problem, ID)


def test_infinite_numbers_are_refused(scenario_text: str) -> None:
    text = replace_once(scenario_text, "change: -5}", "change: -.inf}")
    problem = only_problem(text)
    assert problem.field == "events[0].effects[0].indicator.change"
    assert problem.message.key == "scenario.schema.finite"


# --- cross-references and warnings ---------------------------------------------------------


def test_unknown_references_are_errors_with_suggestions(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    approver: dlh", "    approver: dhl")
    text = replace_once(text, "target: government", "target: goverment")
    text = replace_once(text, "mission: {environment: 2}", "mission: {enviroment: 2}")
    text = replace_once(text, "{from: players, to: dlh,", "{from: players, to: nobody,")
    problems = [p for p in problems_of(text) if p.is_error]
    assert [(p.field, p.line) for p in problems] == [
        ("organisations[1].mission.enviroment", line_of(text, "enviroment: 2")),
        ("grants[0].approver", line_of(text, "approver: dhl")),
        ("events[1].effects[0].organisations.target", line_of(text, "goverment")),
        ("injects[0].effects[0].relation.to", line_of(text, "to: nobody")),
    ]
    hints = [p.hint.params.get("suggestion") if p.hint else None for p in problems]
    assert hints[:3] == ["environment", "dlh", "government"]
    assert "school, lsm, dlh" in format_problem(problems[3], EN)


def test_duplicate_ids_are_errors_across_events_and_injects(scenario_text: str) -> None:
    text = replace_once(scenario_text, "  - id: new-rule", "  - id: flood")
    problem = only_problem(text)
    assert problem.field == "injects[0].id"
    assert problem.message.params["first_line"] == line_of(text, "- id: flood")


def test_months_after_the_end_are_errors(scenario_text: str) -> None:
    text = replace_once(scenario_text, "{month: 6}", "{month: 13}")
    text = replace_once(text, "  - month: 2", "  - month: 40")
    problems = problems_of(text)
    assert [p.field for p in problems] == ["events[0].trigger.month", "hints[0].month"]
    assert all(p.message.key == "scenario.check.after_end" for p in problems)


def test_mission_weights_must_be_positive(scenario_text: str) -> None:
    text = replace_once(scenario_text, "mission: {environment: 2}", "mission: {environment: 0}")
    problems = [p for p in problems_of(text) if p.is_error]
    assert [p.message.key for p in problems] == ["scenario.check.mission_weight"]


def test_relation_to_itself_is_an_error(scenario_text: str) -> None:
    text = replace_once(scenario_text, "      to: school\n", "      to: lsm\n")
    assert only_problem(text).message.key == "scenario.check.relation_self"


def test_design_warnings_do_not_stop_loading(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    target: 70", "    target: 35")
    text = replace_once(text, "title: {id: Uji Coba, en: Trial Run}", "title: {id: Uji Coba}")
    text = replace_once(text, "    policy: player\n", "")
    loaded = load_scenario_text(text, "ok.yaml")
    found = {(w.message.key, w.field) for w in loaded.warnings}
    assert found == {
        ("scenario.warn.target_not_above", "domains[1].target"),
        ("scenario.warn.missing_language", "meta.title"),
        ("scenario.warn.no_players", "organisations"),
    }
    assert all(w.severity is Severity.warning for w in loaded.warnings)
    assert ": warning: " in format_problem(loaded.warnings[0], EN)


def test_isolated_organisation_and_unreachable_target_are_warned(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    target: 60", "    target: 95")
    text = replace_once(
        text, "mission: {environment: 1, education: 1}", "mission: {health: 1}"
    ).replace(
        "domains:\n",
        "domains:\n  - id: health\n    name: Kesehatan\n    baseline: 20\n    target: 40\n",
        1,
    )
    loaded = load_scenario_text(text)
    keys = {w.message.key for w in loaded.warnings}
    assert keys == {"scenario.warn.target_far", "scenario.warn.isolated"}


def test_strict_turns_warnings_into_errors(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    target: 60", "    target: 20")
    assert len(load_scenario_text(text).warnings) == 1
    problems = problems_of(text, strict=True)
    assert [p.severity for p in problems] == [Severity.error]
    assert ": warning: " not in format_problem(problems[0], EN)


def test_messages_exist_in_both_languages(scenario_text: str) -> None:
    text = replace_once(scenario_text, "    sector: ngo", "    sector: nog")
    problem = only_problem(text)
    english, indonesian = format_problem(problem, EN), format_problem(problem, ID)
    assert "is not one of the allowed values" in english
    assert "bukan salah satu nilai yang diizinkan" in indonesian


# --- events that can never fire --------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "key", "field"),
    [
        ("{month: 4, from_month: 6}", "scenario.check.month_before_from", "from_month"),
        ("{month: 4, to_month: 2}", "scenario.check.month_after_to", "to_month"),
        ("{month: 4, from_month: 2, to_month: 3}", "scenario.check.month_after_to", "to_month"),
        ("{chance: 0.5, from_month: 6, to_month: 3}", "scenario.check.to_before_from", "to_month"),
    ],
)
def test_a_month_outside_the_events_window_is_an_error(scenario_text, trigger, key, field) -> None:
    text = replace_once(scenario_text, "    trigger: {month: 6}", f"    trigger: {trigger}")
    problem = only_problem(text)
    assert problem.message.key == key
    assert problem.field == f"events[0].trigger.{field}"
    assert problem.line == line_of(text, trigger)
    assert problem.column == line_of_text(text, trigger).index(f"{field}:") + len(field) + 3
    english, indonesian = format_problem(problem, EN), format_problem(problem, ID)
    if key != "scenario.check.to_before_from":
        assert "can never fire" in english and "tidak akan pernah terjadi" in indonesian
        assert "remove `from_month` and `to_month`" in english


def line_of_text(text: str, needle: str) -> str:
    return text.splitlines()[line_of(text, needle) - 1]


@pytest.mark.parametrize("trigger", ["{month: 6, from_month: 6, to_month: 6}", "{month: 6}"])
def test_a_month_inside_its_window_is_fine(scenario_text, trigger) -> None:
    text = replace_once(scenario_text, "    trigger: {month: 6}", f"    trigger: {trigger}")
    assert load_scenario_text(text).warnings == []


def test_a_window_that_ends_after_the_scenario_is_a_warning(scenario_text) -> None:
    text = replace_once(
        scenario_text, "    trigger: {month: 6}", "    trigger: {chance: 0.1, to_month: 40}"
    )
    (warning,) = load_scenario_text(text).warnings
    assert warning.message.key == "scenario.warn.to_after_end"
    assert warning.field == "events[0].trigger.to_month"
    assert format_problem(warning, EN).endswith(
        "leave `to_month` out to mean the end of the scenario, or raise `meta.months`"
    )


@pytest.mark.parametrize(
    "condition",
    [
        "{active_partnerships: true, above: 2, below: 3}",  # no whole number between
        "{partnerships_of: lsm, below: 0}",  # a count is never negative
        "{funds: dlh, below: 0}",  # nor are funds
        "{model_active: technology, above: 0.5, below: 1}",
        "{indicator: education, above: 100}",
    ],
)
def test_conditions_that_can_never_hold_are_warned(scenario_text, condition) -> None:
    text = replace_once(
        scenario_text, "when: {indicator: education, below: 20}", f"when: {condition}"
    )
    (warning,) = load_scenario_text(text).warnings
    assert warning.message.key == "scenario.warn.condition_never"
    assert warning.line == line_of(text, condition)


@pytest.mark.parametrize(
    "condition",
    [
        "{active_partnerships: true, above: 2, below: 3.5}",
        "{partnerships_of: lsm, below: 1}",
        "{funds: dlh, above: 0}",
    ],
)
def test_conditions_that_can_hold_are_not_warned(scenario_text, condition) -> None:
    text = replace_once(
        scenario_text, "when: {indicator: education, below: 20}", f"when: {condition}"
    )
    assert load_scenario_text(text).warnings == []


@pytest.mark.parametrize("subject", ["trust", "tension"])
def test_a_condition_on_an_organisations_view_of_itself_is_an_error(scenario_text, subject):
    condition = f"{{{subject}: [lsm, lsm], above: 0.5}}"
    text = replace_once(
        scenario_text, "when: {indicator: education, below: 20}", f"when: {condition}"
    )
    problem = only_problem(text)
    assert problem.message.key == "scenario.check.condition_self"
    assert problem.field == f"events[1].trigger.when.{subject}"
    assert problem.line == line_of(text, condition)


def test_a_relation_effect_from_an_organisation_to_itself_is_an_error(scenario_text) -> None:
    text = replace_once(scenario_text, "{from: players, to: dlh,", "{from: dlh, to: dlh,")
    problem = only_problem(text)
    assert problem.message.key == "scenario.check.relation_self"
    assert problem.field == "injects[0].effects[0].relation.to"


# --- texts, pairs, subjects -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  title: {id: Uji Coba, en: Trial Run}", '  title: ""', "meta.title"),
        ("    name: LSM Hijau", '    name: " "', "organisations[1].name"),
        ("    title: {id: Banjir, en: Flood}", "    title: ''", "events[0].title"),
    ],
)
def test_a_blank_plain_text_is_an_error_like_an_empty_mapping(scenario_text, old, new, field):
    text = replace_once(scenario_text, old, new)
    problem = only_problem(text)
    assert problem.message.key == "scenario.schema.blank"
    assert problem.field == field
    assert problem.line == line_of(text, new)
    assert format_problem(problem, EN).endswith(
        ": the text is empty\n  hint: write the text; "
        "a text that is not required can be left out "
        "altogether"
    )
    assert ": teksnya kosong" in format_problem(problem, ID)


def test_a_blank_short_label_is_an_error_too(scenario_text) -> None:
    text = replace_once(
        scenario_text, "    name: LSM Hijau\n", '    name: LSM Hijau\n    short: " "\n'
    )
    problem = only_problem(text)
    assert (problem.field, problem.message.key) == (
        "organisations[1].short",
        "scenario.schema.blank",
    )
    assert problem.line == line_of(text, 'short: " "')


def test_a_blank_translation_is_a_missing_one(scenario_text) -> None:
    text = replace_once(
        scenario_text, "title: {id: Uji Coba, en: Trial Run}", 'title: {id: Uji Coba, en: " "}'
    )
    loaded = load_scenario_text(text)
    assert [w.message.key for w in loaded.warnings] == ["scenario.warn.missing_language"]
    assert loaded.scenario.meta.title.get("en") is None  # shown in Indonesian, not as a blank


@pytest.mark.parametrize("pair", ["[lsm]", "lsm", "[lsm, dlh, school]", "[]"])
def test_a_trust_condition_needs_a_pair_of_two_ids(scenario_text, pair) -> None:
    condition = f"{{trust: {pair}, above: 0.5}}"
    text = replace_once(
        scenario_text, "when: {indicator: education, below: 20}", f"when: {condition}"
    )
    problem = only_problem(text)
    assert problem.message.key == "scenario.schema.pair"
    assert problem.field == "events[1].trigger.when.trust"
    assert problem.line == line_of(text, condition)
    english = format_problem(problem, EN)
    assert "expected a pair [from, to] of two organisation ids" in english
    assert "`1`" not in english
    assert "pasangan [from, to] berisi dua id organisasi" in format_problem(problem, ID)


def test_the_condition_subject_message_lists_every_subject_of_the_schema(scenario_text) -> None:
    from game.scenario.schema import Condition

    text = replace_once(
        scenario_text,
        "when: {indicator: education, below: 20}",
        "when: {indicator: education, funds: dlh, below: 20}",
    )
    problem = only_problem(text)
    assert problem.message.key == "scenario.rule.condition_subject"
    subjects = set(Condition.model_fields) - {"below", "above"}
    assert {"partnerships_of", "model_active"} <= subjects
    for t in (EN, ID):
        rendered = format_problem(problem, t)
        assert all(name in rendered for name in subjects), rendered


def test_the_effect_count_message_lists_every_kind_of_effect(scenario_text) -> None:
    from game.scenario.schema import Effect

    text = replace_once(
        scenario_text,
        "      - indicator: {domain: environment, change: -5}",
        "      - {}",
    )
    problem = only_problem(text)
    for t in (EN, ID):
        assert all(kind in format_problem(problem, t) for kind in Effect.model_fields)


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effect", "field"),
    [
        ("organisations: {target: all, funds: 1.0e308}", "organisations.funds"),
        ("organisations: {target: all, income: -1.0e9}", "organisations.income"),
        ("organisations: {target: all, staff: 100000}", "organisations.staff"),
        ("organisations: {target: all, capacity: 2}", "organisations.capacity"),
        ("organisations: {target: all, credibility: 500}", "organisations.credibility"),
        ("indicator: {domain: environment, change: -150}", "indicator.change"),
        ("indicator: {domain: environment, change: 1, need: 1.0e308}", "indicator.need"),
        ("relation: {from: all, to: dlh, trust: 5}", "relation.trust"),
        ("regulation: {change: 3}", "regulation.change"),
        ("grant: {id: csr-fund, amount: 1.0e12}", "grant.amount"),
    ],
)
def test_effects_are_bounded_by_the_scale_they_change(scenario_text, effect, field) -> None:
    text = replace_once(
        scenario_text,
        "      - indicator: {domain: environment, change: -5}",
        f"      - {effect}",
    )
    problem = only_problem(text)
    assert problem.field == f"events[0].effects[0].{field}"
    assert problem.message.key in ("scenario.schema.le", "scenario.schema.ge")
    assert problem.line == line_of(text, effect)
    assert "…" not in format_problem(problem, EN)  # 1e+308, not 309 digits cut short


def test_an_effect_on_money_out_of_range_says_money_is_in_juta(scenario_text) -> None:
    text = replace_once(
        scenario_text,
        "      - indicator: {domain: environment, change: -5}",
        "      - organisations: {target: all, funds: 1.0e308}",
    )
    english = format_problem(only_problem(text), EN)
    assert "must be at most 10000000; it is 1e+308" in english
    assert "hint: money is in juta Rupiah" in english


def test_mission_weights_are_bounded_so_their_sum_stays_finite(scenario_text) -> None:
    text = replace_once(
        scenario_text, "mission: {environment: 2}", "mission: {environment: 1.0e308}"
    )
    problem = only_problem(text)
    assert problem.field == "organisations[1].mission.environment"
    assert problem.message.key == "scenario.schema.le"


@pytest.mark.parametrize(
    ("rule", "value"),
    [
        ("impact_scale", "1.0e300"),
        ("staff_cost", "1.0e300"),
        ("pooling_synergy", "1.0e300"),
        ("cross_sector_bonus", "1.0e300"),
        ("impact_unit", "1.0e-300"),
    ],
)
def test_rules_are_bounded(scenario_text, rule, value) -> None:
    text = replace_once(scenario_text, "domains:\n", f"rules:\n  {rule}: {value}\ndomains:\n")
    problem = only_problem(text)
    assert problem.field == f"rules.{rule}"


@pytest.mark.parametrize(
    ("old", "new", "read"),
    [
        ("    funds: 20\n", "    funds: 010\n", lambda s: s.organisations[0].funds == 10),
        ("  months: 12", "  months: 010", lambda s: s.meta.months == 10),
        ("  months: 12", "  months: 0x0C", lambda s: s.meta.months == 12),
        ("  months: 12", "  months: 0o14", lambda s: s.meta.months == 12),
        ("  months: 12", "  months: !!int '010'", lambda s: s.meta.months == 10),
        ("    funds: 20\n", "    funds: 2e1\n", lambda s: s.organisations[0].funds == 20.0),
        ("    funds: 20\n", "    funds: 08\n", lambda s: s.organisations[0].funds == 8),
        ("    staff: 6\n", "    staff: 6.0\n", lambda s: s.organisations[0].staff == 6),
    ],
)
def test_numbers_are_read_as_yaml_1_2_reads_them(scenario_text, old, new, read) -> None:
    """YAML 1.1 (PyYAML's default) makes `010` octal eight; editors and YAML 1.2 say ten."""
    text = replace_once(scenario_text, old, new)
    assert read(load_scenario_text(text).scenario)


@pytest.mark.parametrize(
    ("old", "new", "key", "hint"),
    [
        ("    staff: 6\n", "    staff: 1:30\n", "scenario.schema.int", None),
        ("    staff: 6\n", "    staff: 1_000\n", "scenario.schema.int", None),
        (
            "    funds: 20\n",
            "    funds: 1:30\n",
            "scenario.schema.float",
            "scenario.schema.money.hint",
        ),
        (
            "    funds: 20\n",
            "    funds: true\n",
            "scenario.schema.float",
            "scenario.schema.bool_number.hint",
        ),
        (
            "    staff: 6\n",
            "    staff: true\n",
            "scenario.schema.int",
            "scenario.schema.bool_number.hint",
        ),
        (
            "    staff: 6\n",
            "    staff: yes\n",
            "scenario.schema.int",
            "scenario.schema.bool_number.hint",
        ),
        (
            "    funds: 20\n",
            '    funds: "20"\n',
            "scenario.schema.float",
            "scenario.schema.quoted_number.hint",
        ),
        (
            "  months: 12",
            '  months: "12"',
            "scenario.schema.int",
            "scenario.schema.quoted_number.hint",
        ),
        ("format: 1", "format: true", "scenario.schema.choice", None),
        (
            "    policy: player\n",
            "    policy: player\n    legal_entity: 1\n",
            "scenario.schema.bool",
            None,
        ),
        (
            "    policy: player\n",
            '    policy: player\n    legal_entity: "no"\n',
            "scenario.schema.bool",
            None,
        ),
    ],
)
def test_booleans_text_and_yaml_1_1_numbers_are_not_numbers(scenario_text, old, new, key, hint):
    """What the exported JSON Schema refuses, `validate` refuses too, in the same words."""
    text = replace_once(scenario_text, old, new)
    problem = only_problem(text)
    assert problem.message.key == key
    assert problem.line == line_of(text, new.strip().splitlines()[-1])
    assert (problem.hint.key if problem.hint else None) == hint


def test_a_boolean_for_a_number_explains_how_yaml_read_it(scenario_text) -> None:
    text = replace_once(scenario_text, "    staff: 6\n", "    staff: true\n")
    english = format_problem(only_problem(text), EN)
    assert english.endswith(
        "organisations[0].staff: expected a whole number, got true\n"
        "  hint: YAML reads true (and yes, no, on, off) as true or false, not as a number; "
        "write a number"
    )


# --- hints -------------------------------------------------------------------------------------


def test_a_second_hint_for_the_same_month_is_warned(scenario_text) -> None:
    text = scenario_text + "  - month: 2\n    text: {id: Lagi., en: Again.}\n"
    (warning,) = load_scenario_text(text).warnings
    assert warning.message.key == "scenario.warn.duplicate_hint"
    assert warning.field == "hints[1].month"
    assert warning.line == len(text.splitlines()) - 1
    assert warning.message.params["first_line"] == line_of(text, "  - month: 2")
    assert "only the first one" in format_problem(warning, EN)
    assert problems_of(text, strict=True)[0].message.key == "scenario.warn.duplicate_hint"


# --- what is not a scenario --------------------------------------------------------------------


def test_a_saved_session_is_named_as_one(tmp_path) -> None:
    session = tmp_path / "desa-collaborative-seed1.kolaborasi.json"
    session.write_text(
        '{\n "format": "kolaborasi-session",\n "version": 1,\n "scenario": {"id": "x"}\n}\n',
        encoding="utf-8",
    )
    problem = only_problem_of_file(session)
    assert problem.message.key == "scenario.file.session"
    assert (problem.line, problem.column) == (2, 2)
    english = format_problem(problem, EN)
    assert "is a saved session (the record of a game), not a scenario" in english
    assert "kolaborasi debrief" in english
    assert "sesi tersimpan" in format_problem(problem, ID)


def test_a_scenario_written_as_json_is_still_a_scenario(scenario_text) -> None:
    import json

    import yaml

    data = yaml.safe_load(scenario_text)
    loaded = load_scenario_text(json.dumps(data, indent=1))
    assert loaded.scenario.meta.id == "uji-coba"


# --- YAML slips, told with their fix ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "word", "fix"),
    [
        ("    name: 'LSM Hijau's office'", "Hijau's", "Hijau''s"),
        ("    name: {id: LSM, en: 'The school's garden'}", "school's", "school''s"),
    ],
)
def test_an_apostrophe_inside_single_quotes_is_explained(scenario_text, line, word, fix):
    text = replace_once(scenario_text, "    name: LSM Hijau", line)
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.quote_early"
    assert (problem.line, problem.column) == (line_of(text, line.strip()), line.index("'s") + 1)
    english = format_problem(problem, EN)
    assert f"the `'` in `{word}` ends the quoted text early" in english
    assert f"write an apostrophe twice (`{fix}`), or put the whole text in double quotes" in english
    assert "indentation" not in english
    assert f"tanda `'` pada `{word}`" in format_problem(problem, ID)


def test_a_quotation_mark_inside_double_quotes_is_explained(scenario_text) -> None:
    text = replace_once(scenario_text, "    name: LSM Hijau", '    name: "LSM "Hijau" Lestari"')
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.quote_early"
    assert problem.hint is not None and problem.hint.key == "scenario.yaml.quote_early.double.hint"
    assert 'write a quotation mark as `\\"Hijau`' in format_problem(problem, EN)


@pytest.mark.parametrize(
    ("value", "key", "quoted"),
    [
        ("*penting*", "scenario.yaml.alias_start", '"*penting*"'),
        ("*penting", "scenario.yaml.alias_undefined", '"*penting"'),
        ("&Co", "scenario.yaml.anchor_empty", '"&Co"'),
        ("!penting", "scenario.yaml.bang", '"!penting"'),
        ("!penting sekali", "scenario.yaml.bang", '"!penting sekali"'),
        ("| x", "scenario.yaml.block_scalar", '"| x"'),
        ("> catatan", "scenario.yaml.block_scalar", '"> catatan"'),
        ("&*x", "scenario.yaml.anchor_start", '"&*x"'),
    ],
)
def test_a_value_starting_with_a_yaml_sign_is_told_to_be_quoted(scenario_text, value, key, quoted):
    line = f"  author: {value}   # who wrote it"
    text = replace_once(scenario_text, "  months: 12\n", f"  months: 12\n{line}\n")
    problem = only_problem(text)
    assert problem.message.key == key
    assert (problem.line, problem.column) == (line_of(text, line), 11)
    english, indonesian = format_problem(problem, EN), format_problem(problem, ID)
    assert f"in quotes: {quoted}" in english
    assert f"tanda kutip: {quoted}" in indonesian
    for parser_words in ("while scanning", "did not find", "remove the tag"):
        assert parser_words not in english and parser_words not in indonesian


def test_an_anchor_nothing_uses_is_warned_as_text_that_needed_quotes(scenario_text) -> None:
    text = replace_once(scenario_text, "  months: 12\n", "  months: 12\n  author: &Co Foundation\n")
    loaded = load_scenario_text(text)
    assert loaded.scenario.meta.author == "Foundation"
    (warning,) = loaded.warnings
    assert warning.message.key == "scenario.yaml.anchor_unused"
    assert warning.line == line_of(text, "&Co Foundation")
    assert 'put the whole text in quotes: "&Co Foundation"' in format_problem(warning, EN)


def test_other_yaml_errors_are_framed_in_the_users_language() -> None:
    problem = only_problem("a: 1\n... x\n")
    assert problem.message.key == "scenario.yaml.syntax"
    indonesian = format_problem(problem, ID)
    assert indonesian.startswith("broken.yaml:2:5: ini bukan YAML yang sah")


# --- without libyaml ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nmeta:\n\tid: x\n",
        "format: 1\nmeta: a: b\n",
        "format: 1\nmeta:\n  id: 'open\n  months: 3\n",
        "format: 1\nmeta:\n    id: x\n  months: 3\n",
        "a: 1\na: 2\n",
        "a: !!python/name:os.system x\n",
        "- 1\n",
        "a:\n  en: 'The head teacher's last year.'\n  b: 1\n",
        "title: {id: Judul, en: 'The school's garden'}\n",
        'author: "He said "hi" to me"\n',
        "author: *penting*\n",
        "author: | x\n",
        "author: &Co\n",
        "author: !penting\n",
        'a: "\\uZZZZ"\n',
    ],
)
def test_pure_python_yaml_reports_the_same_problems(monkeypatch, text: str) -> None:
    """Machines without libyaml fall back to PyYAML's Python parser: same keys, same lines."""
    import yaml

    from game.scenario import loader

    with_c = [(p.message.key, p.line, p.column) for p in problems_of(text)]
    monkeypatch.setattr(loader, "_SafeLoader", yaml.SafeLoader)
    assert [(p.message.key, p.line, p.column) for p in problems_of(text)] == with_c


def test_pure_python_yaml_loads_the_fixture(monkeypatch, scenario_text: str) -> None:
    import yaml

    from game.scenario import loader

    monkeypatch.setattr(loader, "_SafeLoader", yaml.SafeLoader)
    assert load_scenario_text(scenario_text).scenario == load_scenario_text(scenario_text).scenario


def test_a_loaded_scenario_carries_the_text_it_was_read_from(tmp_path) -> None:
    """Sessions store this text: reading the file a second time could store another one."""
    from game.scenario import load_scenario, resolve_scenario

    source = resolve_scenario("tutorial").read_text(encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))  # saved by Notepad, with a BOM
    loaded = load_scenario(path)
    path.write_text("changed: after loading\n", encoding="utf-8")
    assert loaded.text.lstrip("\ufeff") == source


@pytest.mark.parametrize("escape", ["\\U0011FFFF", "\\uD800"])
def test_an_escape_beyond_unicode_is_called_an_escape_problem(escape) -> None:
    from game.scenario import ScenarioError, load_scenario_text

    text = f'format: 1\nmeta:\n  id: x\n  author: "{escape}"\n'
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, name="s.yaml")
    keys = {p.message.key for p in caught.value.problems}
    assert "scenario.yaml.escape" in keys, keys


def test_the_pure_python_parser_says_the_same_of_an_escape_beyond_unicode(monkeypatch) -> None:
    import yaml

    from game.scenario import ScenarioError, load_scenario_text, loader

    monkeypatch.setattr(loader, "_SafeLoader", yaml.SafeLoader)
    with pytest.raises(ScenarioError) as caught:  # it raised a bare ValueError
        load_scenario_text('format: 1\nmeta:\n  author: "\\U0011FFFF"\n', name="s.yaml")
    assert "scenario.yaml.escape" in {p.message.key for p in caught.value.problems}


def test_an_emoji_the_font_cannot_show_is_warned_where_it_is(write_scenario) -> None:
    """A designer's '🌱' passed validate and showed as a box on the hand-over screen."""
    from tests.conftest import MINIMAL_SCENARIO

    line = next(
        ln
        for ln in MINIMAL_SCENARIO.splitlines()
        if ln.strip().startswith("name:") and "{" not in ln
    )
    text = MINIMAL_SCENARIO.replace(line, line.rstrip() + " 🌱", 1)
    loaded = load_scenario(write_scenario(text))
    [warning] = [w for w in loaded.warnings if w.message.key == "scenario.warn.no_glyph"]
    assert warning.message.params["chars"] == "🌱"
    assert warning.line == text.splitlines().index(line + " 🌱") + 1
