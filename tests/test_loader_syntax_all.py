"""Every YAML syntax mistake of a file in one run, each at its own line, and never one that
is only an effect of another (PyYAML itself stops at the first)."""

from __future__ import annotations

import pytest
import yaml

from game.cli import main
from game.i18n import Translator
from game.scenario import ScenarioError, format_problem, load_scenario_text
from game.scenario import loader as scenario_loader

from .conftest import MINIMAL_SCENARIO

EN = Translator("en")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def refusal(text: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    return caught.value


def found(text: str) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.column, p.message.key) for p in refusal(text).problems]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# Two slips far apart: a `: ` inside `{...}` in meta, a key indented too deep in organisations.
TWO_SLIPS = replace_once(
    replace_once(
        MINIMAL_SCENARIO,
        "  title: {id: Uji Coba, en: Trial Run}",
        "  title: {id: Uji Coba: Desa Sukasari, en: Trial Run}",
    ),
    "    policy: bureaucrat\n",
    "      policy: bureaucrat\n",
)


def test_two_slips_far_apart_are_both_reported_in_one_run() -> None:
    error = refusal(TWO_SLIPS)
    assert [(p.line, p.message.key) for p in error.problems] == [
        (line_of(TWO_SLIPS, "Uji Coba:"), "scenario.yaml.flow_colon"),
        (line_of(TWO_SLIPS, "policy: bureaucrat"), "scenario.yaml.indent_deeper"),
    ]
    assert all(p.hint is not None for p in error.problems)
    assert error.yaml_broken and error.yaml_read_to is None  # read to the end: no more


@pytest.mark.parametrize(
    ("slip", "line"),
    [
        ("\tid: x", "id: x"),  # a tab
        ("  id: x: y", "id: x: y"),  # a `: ` in a plain value
        ("  id: 'the farmers' group'", "farmers"),  # an apostrophe ends the text
        ("  id: @x", "@x"),  # a character no value may start with
        ('  id: "C:\\q"', "C:"),  # a backslash in double quotes
        ("  id: *x*", "*x*"),  # read as an alias
        ("  id: {a: 1 b: 2}", "{a: 1"),  # a comma left out
    ],
)
def test_each_kind_of_slip_is_found_after_another(slip: str, line: str) -> None:
    text = f"format: 1\nmeta: a: b\nlater:\n{slip}\n  other: 1\n"
    problems = found(text)
    assert [p[0] for p in problems] == [2, 4], [p[2] for p in problems]
    assert line in text.splitlines()[3]


def test_a_key_too_deep_is_one_problem_not_one_per_key_under_it() -> None:
    text = replace_once(MINIMAL_SCENARIO, "  summary:\n", "    summary:\n")
    assert found(text) == [(5, 5, "scenario.yaml.indent_deeper")]


def test_a_block_out_of_line_is_one_problem_not_one_per_key_after_it() -> None:
    text = "format: 1\nmeta:\n    id: x\n  months: 3\n  languages: [id]\n  author: Sari\n"
    assert found(text) == [(4, 3, "scenario.yaml.indent")]


def test_text_out_of_line_is_one_problem_not_one_per_line_of_it() -> None:
    # `id: >-` indented too deep: its text no longer lies under it, and reads as keys.
    text = (
        "format: 1\nmeta:\n  summary:\n      id: >-\n      Satu dua tiga.\n"
        "      Empat lima enam.\n      Tujuh delapan.\n    en: One.\n  months: 3\n"
    )
    problems = found(text)
    assert len(problems) == 1, problems


def test_an_unclosed_quote_ends_the_search_and_says_more_may_follow() -> None:
    text = replace_once(MINIMAL_SCENARIO, "  - id: lsm\n", '  - id: "lsm\n')
    text = replace_once(text, "    policy: bureaucrat\n", "      policy: bureaucrat\n")
    error = refusal(text)
    assert [(p.line, p.message.key) for p in error.problems] == [
        (line_of(text, '"lsm'), "scenario.yaml.unclosed_quote")
    ]
    assert error.yaml_read_to == line_of(text, '"lsm')


def test_a_slip_before_an_unclosed_quote_is_reported_with_it() -> None:
    text = replace_once(MINIMAL_SCENARIO, "  months: 12", "  months:12")
    text = replace_once(text, "    name: LSM Hijau", '    name: "LSM Hijau')
    assert [p[2] for p in found(text)] == [
        "scenario.yaml.colon_space",
        "scenario.yaml.unclosed_quote",
    ]


def test_a_bracket_left_open_over_lines_ends_the_search() -> None:
    text = "format: 1\nlist: [1, 2\nmeta: 3\nlater: a: b\n"
    error = refusal(text)
    assert [(p.line, p.message.key) for p in error.problems] == [
        (2, "scenario.yaml.unclosed_bracket")
    ]
    assert error.yaml_read_to == 2


def test_the_search_stops_at_ten_problems() -> None:
    text = "format: 1\nmeta:\n" + "".join(f"\tkey{n}: {n}\n" for n in range(15))
    error = refusal(text)
    assert [p.line for p in error.problems] == list(range(3, 13))
    assert error.yaml_read_to == 12


def test_schema_errors_wait_until_the_yaml_reads() -> None:
    text = replace_once(TWO_SLIPS, "  months: 12", "  months: 500")
    assert [p[2] for p in found(text)] == [
        "scenario.yaml.flow_colon",
        "scenario.yaml.indent_deeper",
    ]


def test_windows_line_endings_give_the_same_positions() -> None:
    assert found(TWO_SLIPS.replace("\n", "\r\n")) == found(TWO_SLIPS)


def test_the_pure_python_parser_finds_the_same_problems(monkeypatch) -> None:
    with_c = found(TWO_SLIPS)
    monkeypatch.setattr(scenario_loader, "_SafeLoader", yaml.SafeLoader)
    assert found(TWO_SLIPS) == with_c


# --- as validate shows them -------------------------------------------------------------------


def test_validate_prints_every_syntax_problem_and_a_count(capsys, write_scenario) -> None:
    path = write_scenario(TWO_SLIPS)
    code = main(["--lang", "en", "validate", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        f"{path}:4:23: `id: Uji Coba: Desa Sukasari` holds a second `: `: inside `{{…}}` or"
        " `[…]` a value ends at `: `, so YAML cannot read the rest",
        '  hint: put a text that holds `: ` in quotes: id: "Uji Coba: Desa Sukasari"',
        f"{path}:37:7: `policy:` is indented deeper than `sector:` above it, which already has"
        " its value on its line",
        "  hint: start `policy` in column 5, in line with `sector`",
        f"{path}: NOT VALID — 2 errors, 0 warnings",
        "  (These are mistakes in how the file is written (YAML); the scenario inside it — keys,"
        " values, ids — is checked once they are fixed: run validate again.)",
    ]


def test_validate_says_where_the_search_stopped_in_indonesian(capsys, write_scenario) -> None:
    path = write_scenario("format: 1\nmeta: a: b\nother:\n  id: 'open\n  months: 3\n")
    code = main(["--lang", "id", "validate", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{path}:2:" in out and f"{path}:4:7: tanda kutip" in out
    assert "TIDAK VALID — 2 kesalahan, 0 peringatan" in out
    assert "Setelah baris 4 berkas tidak dapat dibaca dengan andal" in out
    assert "Traceback" not in out


def test_every_problem_renders_in_both_languages() -> None:
    for problem in refusal(TWO_SLIPS).problems:
        for lang in ("en", "id"):
            rendered = format_problem(problem, Translator(lang))
            assert problem.message.key not in rendered


@pytest.mark.parametrize("text", ["{", "[", "a: {", "meta:\n  id: [x,\n", "a: b\nc: {"])
def test_a_mistake_at_the_end_of_the_file_is_reported_once(text: str) -> None:
    """A `{` left open on the last line puts the parser's error past the last line: the
    search after it looked for lines that are not there (found by the fuzz test)."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "end.yaml")
    assert len(caught.value.problems) == 1
