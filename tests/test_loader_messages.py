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


def test_an_indonesian_copy_of_a_bundled_scenario_says_its_comments_are_english(
    tmp_path, capsys
) -> None:
    """A designer working in Indonesian copied sekolah-hijau and found 54 lines of English
    comments in it, with nothing said about where the Indonesian guide is."""
    assert main(["--lang", "id", "new", str(tmp_path / "a.yaml"), "--from", "sekolah-hijau"]) == 0
    said = capsys.readouterr().out
    assert "berbahasa Inggris" in said and "panduan-skenario.md" in said
    assert main(["--lang", "en", "new", str(tmp_path / "b.yaml"), "--from", "sekolah-hijau"]) == 0
    assert "in English" not in capsys.readouterr().out  # English readers need no note
    assert (
        main(["--lang", "id", "new", str(tmp_path / "c.yaml"), "--from", str(tmp_path / "a.yaml")])
        == 0
    )
    assert "berbahasa Inggris" not in capsys.readouterr().out  # the designer's own file


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_template_comment_lists_every_ai_policy(lang) -> None:
    comment = " ".join(line for line in template_text(lang).splitlines() if line.startswith("#"))
    for policy in AI_POLICIES:
        assert re.search(rf"\b{policy}\b", comment), policy


def _problems(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    return caught.value


def test_a_file_with_a_broken_item_still_has_its_unknown_ids_named_at_their_lines(
    scenario_text,
) -> None:
    """A designer fixed every number, ran validate again, and only then met the unknown ids:
    the items that pass the schema are now checked for references at once."""
    text = scenario_text.replace("    funds: 50\n", "    funds: lots\n")  # breaks lsm
    text = text.replace(
        "policy: bureaucrat\n    mission: {environment: 1, education: 1}",
        "policy: bureaucrat\n    mission: {environment: 1, educaton: 1}",
    )
    text = text.replace("target: government, funds: -50", "target: goverment, funds: -50")
    lines = text.splitlines()
    error = _problems(text)
    assert error.checked_references
    by_field = {p.field: p for p in error.problems if p.is_error}
    assert "organisations[1].funds" in by_field  # the schema's own complaint
    # dlh is organisations[2] in the file (lsm before it was left out for the check).
    mission = next(p for f, p in by_field.items() if f.startswith("organisations[2].mission"))
    assert "educaton" in lines[mission.line - 1]
    target = next(p for f, p in by_field.items() if f.startswith("events[1].effects[0]"))
    assert "goverment" in lines[target.line - 1]
    # Nothing about the item left out: the relation from lsm is not "unknown organisation".
    assert not any(p.message.params.get("id") == "lsm" for p in error.problems)


@pytest.mark.parametrize("key", ["idd", "ID", "Id"])
def test_an_item_whose_id_key_is_misspelt_is_not_also_an_unknown_reference(
    scenario_text, key
) -> None:
    """`idd: lsm` was named, and so was every relation and effect naming `lsm`, as an
    unknown organisation: three errors for one typo, two of them pointing elsewhere."""
    error = _problems(scenario_text.replace("  - id: lsm\n", f"  - {key}: lsm\n", 1))
    assert error.checked_references
    assert [p.field for p in error.problems if p.is_error] == [f"organisations[1].{key}"]


def _column_of(text: str, problem: Problem, needle: str) -> bool:
    """Whether the problem points at `needle` on its line."""
    line = text.splitlines()[problem.line - 1]
    return line.find(needle) + 1 == problem.column


def test_a_colon_inside_braces_asks_for_quotes_at_the_colon(scenario_text) -> None:
    """`{id: Banjir: Kali Meluap, ...}` was blamed on the `{` ("not closed, or a `,` is
    missing"), and the designer hunted for a bracket that was there."""
    text = scenario_text.replace("{id: Banjir, en: Flood}", "{id: Banjir: Kali Meluap, en: Flood}")
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.flow_colon"
    assert _column_of(text, problem, ": Kali")
    hint = format_problem(problem, EN).splitlines()[-1]
    assert hint.endswith('id: "Banjir: Kali Meluap"')
    assert 'id: "Banjir: Kali Meluap"' in format_problem(problem, ID)


def test_the_quotes_asked_for_a_colon_inside_braces_never_nest(scenario_text) -> None:
    """`{en: Test: "A Clean Stream"}` was told to write `en: "Test: "A Clean Stream""`: the
    double quotes the hint added closed at the text's own."""
    text = scenario_text.replace("{id: Banjir, en: Flood}", '{id: Banjir, en: Test: "Flood: Kali"}')
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.flow_colon"
    hint = format_problem(problem, EN).splitlines()[-1]
    assert hint.endswith("""en: 'Test: "Flood: Kali"'""")
    fixed = text.replace('en: Test: "Flood: Kali"', """en: 'Test: "Flood: Kali"'""")
    assert load_scenario_text(fixed, "fixed.yaml") is not None  # the hint, as written, reads


@pytest.mark.parametrize(
    ("written", "fixed", "at"),
    [
        ("{environment: 1 education: 2}", "environment: 1, education:", "education"),
        ("{id: Banjir en: Flood}", "id: Banjir, en:", "en: Flood"),
    ],
)
def test_a_comma_left_out_inside_braces_is_named_as_one(scenario_text, written, fixed, at):
    original = (
        "{environment: 1, education: 2}" if "environment" in written else "{id: Banjir, en: Flood}"
    )
    text = scenario_text.replace(original, written, 1)
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.flow_comma"
    assert _column_of(text, problem, at)
    assert format_problem(problem, EN).endswith(fixed)


def test_a_key_indented_under_a_text_is_one_error_that_says_to_move_it_left(scenario_text):
    """`funds` indented under `hidden_agenda:` (two texts) read as "the required key `funds`
    is missing" plus "unknown key `funds`, allowed: id, en": both true, neither the cause."""
    text = scenario_text.replace(
        "    funds: 50\n",
        "    hidden_agenda:\n      id: Agenda.\n      en: Agenda.\n      funds: 50\n",
    )
    problem = only_problem(text)
    assert problem.message.key == "scenario.schema.too_deep"
    assert problem.field == "organisations[1].hidden_agenda.funds"
    english = format_problem(problem, EN)
    assert "start `funds` in column 5, in line with `hidden_agenda`" in english


def test_a_key_indented_under_a_value_says_which_key_it_should_line_up_with(scenario_text):
    """`sector: ngo` over `      policy: cautious` made "a `:` appears where a value was
    expected": the deeper line continues the text `ngo`."""
    text = scenario_text.replace("    sector: ngo\n", "    sector: ngo\n      policy: cautious\n")
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.indent_deeper"
    assert _column_of(text, problem, "policy")
    assert "start `policy` in column 5, in line with `sector`" in format_problem(problem, EN)
    assert "sejajar dengan `sector`" in format_problem(problem, ID)
    under_braces = scenario_text.replace("    funds: 50\n", "      funds: 50\n")  # under mission
    problem = only_problem(under_braces)
    assert problem.message.key == "scenario.yaml.indent_deeper"
    assert "start `funds` in column 5, in line with `mission`" in format_problem(problem, EN)


def test_a_file_whose_shape_is_broken_says_references_come_later(scenario_text) -> None:
    error = _problems(scenario_text.replace("  months: 12\n", "  months: twelve\n"))
    assert not error.checked_references


def test_a_decimal_comma_inside_braces_is_named_at_its_number(scenario_text) -> None:
    """`{environment: 0,6, education: 0,4}` read as `environment: 0` plus keys `6` and `4`
    with no value: "mission.6: expected a number, got null" named a field that is not there."""
    text = scenario_text.replace(
        "mission: {environment: 1, education: 2}", "mission: {environment: 0,6, education: 0,4}"
    )
    problems = problems_of(text)
    assert [p.field for p in problems] == [
        "organisations[0].mission.environment",
        "organisations[0].mission.education",
    ]
    first = format_problem(problems[0], EN)
    assert "`environment: 0,6` is read as `environment: 0` and a new key `6`" in first
    assert first.endswith("hint: write decimals with a point, not a comma: 0.6")
    lines = text.splitlines()
    row = next(k for k, line in enumerate(lines) if "environment: 0,6" in line)
    assert (problems[0].line, problems[0].column) == (row + 1, lines[row].index("0,6") + 1)
    assert "koma memisahkan isian" in format_problem(problems[0], ID)


def test_an_empty_value_says_it_is_empty_not_null(scenario_text) -> None:
    problem = only_problem(scenario_text.replace("    funds: 20\n", "    funds:\n"))
    english = format_problem(problem, EN)
    assert "organisations[0].funds: `funds` has no value" in english
    assert "null" not in english and "juta" not in english  # no money hint for an empty field


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("    funds: 20\n", "    funds:20\n", "put a space after the colon: funds: 20"),
        ("  - id: lsm\n", "  -id: lsm\n", "put a space after the dash: - id: lsm"),
    ],
)
def test_a_missing_space_after_a_colon_or_dash_is_named(
    scenario_text, before: str, after: str, expected: str
) -> None:
    """`funds:40` was told "add the missing `:`", and `-id: lsm` "the indentation does not
    line up": neither said the space was missing."""
    problem = only_problem(scenario_text.replace(before, after))
    english = format_problem(problem, EN)
    assert english.endswith(expected), english
    line = scenario_text[: scenario_text.index(before)].count("\n") + 1
    assert problem.line == line


def test_a_quote_left_open_before_the_next_key_of_a_text_is_found(scenario_text) -> None:
    """`{id: "Badai dan rob, en: "Storm"}` was told to escape the quote of `"Storm`, which
    left the real slip, the quote never closed after `rob`, in place."""
    text = scenario_text.replace(
        "name: {id: Lingkungan, en: Environment}", 'name: {id: "Lingkungan, en: "Environment"}'
    )
    problem = only_problem(text)
    english = format_problem(problem, EN)
    assert 'the quoted text `"Lingkungan…` is not closed before `, en:`' in english
    assert english.endswith('before the comma: "Lingkungan", en: ...')
    lines = text.splitlines()
    row = next(k for k, line in enumerate(lines) if '"Lingkungan,' in line)
    assert (problem.line, problem.column) == (row + 1, lines[row].index(",") + 1)  # the comma


@pytest.mark.parametrize(
    ("english", "indonesian", "meant"),
    [("    funds:", "    dana:", "funds"), ("    staff:", "    staf:", "staff")],
)
def test_a_key_written_in_indonesian_is_named_in_english(english, indonesian, meant) -> None:
    """`dana: 15` gave "the required key `funds` is missing" and "`dana` is not known; allowed
    here: id, name, …": the designer had to guess that `dana` is `funds`."""
    text = template_text("id").replace(english, indonesian, 1)
    problem = only_problem(text)
    assert problem.message.key == "scenario.schema.unknown_key"
    assert problem.hint is not None and problem.hint.params["suggestion"] == meant


def test_a_number_written_with_a_thousands_dot_is_warned_about() -> None:
    """`funds: 1.500`, Rp 1.500 juta the Indonesian way, passed as 1,5 with no word."""
    from game.scenario.errors import Severity

    text = template_text("id").replace("    funds: 20 ", "    funds: 1.500", 1)
    loaded = load_scenario_text(text, "s.yaml")
    assert loaded.scenario.organisations[0].funds == 1.5
    [warning] = [p for p in loaded.warnings if p.message.key == "scenario.check.dotted_thousands"]
    assert warning.severity is Severity.warning and warning.field.endswith("funds")
    assert warning.hint is not None and warning.hint.params["whole"] == "1500"
    plain = template_text("id").replace("    funds: 20 ", "    funds: 1.5  ", 1)
    assert not [
        p
        for p in load_scenario_text(plain, "s.yaml").warnings
        if p.message.key == "scenario.check.dotted_thousands"
    ]


def test_a_count_with_a_decimal_comma_is_told_to_be_whole() -> None:
    """`staff: 12,5` was told "write decimals with a point: 12.5", which only led to "expected
    a whole number, got 12.5"."""
    text = template_text("id").replace("    staff: 5 ", "    staff: 12,5", 1)
    problem = only_problem(text)
    assert problem.hint is not None and problem.hint.key == "scenario.schema.whole_number.hint"
    assert (problem.hint.params["low"], problem.hint.params["high"]) == (12, 13)


def test_two_equal_decimal_commas_in_braces_are_two_cut_numbers_not_a_key_twice(
    scenario_text,
) -> None:
    """`{environment: 0,5, education: 0,5}` made two keys `5`: "key `5` appears twice, keep
    one of them", about a key the designer never wrote, and advice that would lose a number."""
    text = scenario_text.replace(
        "mission: {environment: 1, education: 2}", "mission: {environment: 0,5, education: 0,5}"
    )
    problems = problems_of(text)
    assert [p.message.key for p in problems] == ["scenario.schema.decimal_cut"] * 2
    said = [format_problem(p, ID) for p in problems]
    assert "`environment: 0,5`" in said[0] and "`education: 0,5`" in said[1]
    assert all(s.endswith("0.5") for s in said)
    line = text.splitlines()[problems[1].line - 1]
    assert line[problems[1].column - 1 :].startswith("0,5}")


def test_a_single_after_id_that_is_no_id_is_named_in_the_readers_language(scenario_text):
    """`after: Pipa-Bocor` printed pydantic's English and a regular expression, and beside
    another error it was not reported at all."""
    question = "debrief_questions:\n  - text: Apa yang terjadi?\n    after: Banjir-Besar\n"
    text = scenario_text + question
    problem = only_problem(text)
    assert problem.field == "debrief_questions[0].after"
    assert format_problem(problem, ID).endswith("misalnya `banjir-besar`")
    broken = text.replace("    funds: 50\n", "    funds: lots\n")
    assert "debrief_questions[0].after" in [p.field for p in problems_of(broken)]
    several = scenario_text + question.replace("Banjir-Besar", "flood, new-rule")
    hint = format_problem(only_problem(several), EN).splitlines()[-1]
    assert hint.endswith("after: [flood, new-rule]")


def test_the_editor_schema_takes_one_after_id_or_a_list() -> None:
    from game.cli.schema import schema_document

    question = schema_document()["$defs"]["DebriefQuestion"]["properties"]["after"]
    kinds = sorted(branch["type"] for branch in question["anyOf"])
    assert kinds == ["array", "string"]


def test_a_thousands_dot_in_a_whole_number_says_to_drop_the_dot(scenario_text) -> None:
    """`staff: 1.200` said "should be a whole number, written 1.2 — write it without
    decimals": a number he never typed, and advice that led him to write 1."""
    problem = only_problem(scenario_text.replace("    staff: 8\n", "    staff: 1.200\n"))
    said = format_problem(problem, ID)
    assert "`1.200`" in said and said.endswith("tulis `1200`, tanpa titik")


def test_a_key_one_space_short_says_which_key_to_line_up_with(scenario_text) -> None:
    """One space short gave only "the indentation does not line up": with what?"""
    text = scenario_text.replace("    sector: ngo\n", "   sector: ngo\n")
    problem = only_problem(text)
    assert problem.message.key == "scenario.yaml.indent_short"
    assert (problem.line, problem.column) == (text.splitlines().index("   sector: ngo") + 1, 4)
    assert format_problem(problem, EN).endswith("start `sector` in column 5, in line with `name`")


def test_a_debrief_question_key_in_indonesian_gets_the_english_one(scenario_text) -> None:
    question = "debrief_questions:\n  - text: Apa?\n    setelah: flood\n"
    problem = only_problem(scenario_text + question)
    assert format_problem(problem, ID).endswith("maksud Anda `after`?")
