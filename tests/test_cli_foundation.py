"""The command line: exit codes, output, languages, and no traceback ever reaching a user."""

from __future__ import annotations

import ast
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

import game
import game.cli.play
import game.cli.validate
from game.cli import main
from game.cli.schema import DIALECT, schema_document
from game.i18n import catalogue_keys
from game.scenario import bundled_scenarios

from .conftest import MINIMAL_SCENARIO

REPO = Path(__file__).resolve().parents[1]
KEY_LITERAL = re.compile(r"(cli|scenario)(\.[a-z0-9_]*[a-z0-9])+")


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their language explicitly; the machine's locale must not leak in."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the program --------------------------------------------------------------------------


def test_version_prints_name_and_version(capsys) -> None:
    assert run(capsys, "--version") == (0, f"kolaborasi {game.__version__}\n", "")


def test_python_dash_m_game_runs_from_another_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "game", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "kolaborasi 0.1.0")


def test_no_command_opens_the_game(capsys, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(game.cli.play, "run", lambda args, t: opened.append(t.lang) or 0)
    code, _, _ = run(capsys, "--lang", "id")
    assert code == 0 and opened == ["id"]


def test_unknown_command_lists_the_commands(capsys) -> None:
    code, _, err = run(capsys, "valdiate")
    assert code == 2
    assert "valdiate is not a valid choice" in err and "validate, schema, list" in err


@pytest.mark.parametrize(("argv", "expected"), [((), "usage:"), (("--lang", "id"), "cara pakai:")])
def test_every_command_has_translated_help(capsys, argv: tuple[str, ...], expected: str) -> None:
    for command in ("validate", "schema", "list"):
        code, out, _ = run(capsys, *argv, command, "--help")
        assert code == 0
        assert out.startswith(f"{expected} kolaborasi {command}")


def test_indonesian_help_describes_the_commands(capsys) -> None:
    code, out, _ = run(capsys, "--lang", "id", "--help")
    assert code == 0
    assert "periksa berkas skenario" in out and "opsi:" in out


def test_language_follows_lang_environment(capsys, monkeypatch, write_scenario) -> None:
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    code, out, _ = run(capsys, "validate", str(write_scenario(MINIMAL_SCENARIO)))
    assert code == 0
    assert "3 organisasi, 12 bulan, 0 peringatan" in out


def test_kolaborasi_lang_sets_the_language_where_no_locale_does() -> None:
    """A Windows laptop has no LANG: an Indonesian designer got English unless he typed
    --lang id every time. KOLABORASI_LANG keeps the choice; it wins over the locale."""
    from game.i18n import detect_language

    assert detect_language({"KOLABORASI_LANG": "id"}) == "id"
    assert detect_language({"KOLABORASI_LANG": "ID ", "LANG": "en_GB.UTF-8"}) == "id"
    assert detect_language({"KOLABORASI_LANG": "en", "LANG": "id_ID.UTF-8"}) == "en"
    assert detect_language({"KOLABORASI_LANG": "fr", "LANG": "id_ID.UTF-8"}) == "id"
    assert detect_language({}) == "en"


@pytest.mark.parametrize("position", ["before", "after"])
def test_lang_is_accepted_before_and_after_the_command(capsys, write_scenario, position) -> None:
    path = str(write_scenario(MINIMAL_SCENARIO))
    argv = ["--lang", "id", "validate", path]
    if position == "after":
        argv = ["validate", path, "--lang", "id"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert '"Uji Coba": 3 organisasi, 12 bulan' in out


def test_invalid_language_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "list", "--lang", "fr")
    assert code == 2
    assert "fr is not a valid choice for --lang; choose from: id, en" in err


def test_a_value_refused_by_our_own_check_is_said_without_english_words(capsys) -> None:
    code, _, err = run(capsys, "simulate", "sekolah-hijau", "--runs", "0", "--lang", "id")
    assert code == 2
    assert "--runs: 0 di luar rentang" in err and "argument" not in err


# --- validate --------------------------------------------------------------------------


def test_validate_valid_file_prints_an_ok_line(capsys, write_scenario) -> None:
    path = write_scenario(MINIMAL_SCENARIO)
    code, out, err = run(capsys, "validate", str(path))
    assert (code, err) == (0, "")
    assert out == f'{path}: OK — "Trial Run": 3 organisations, 12 months, 0 warnings\n'


def test_validate_without_a_path_is_a_usage_error(capsys) -> None:
    code, out, err = run(capsys, "validate")
    assert (code, out) == (2, "")
    assert "missing: FILE" in err


def test_validate_reports_every_error_with_its_line_and_exits_1(capsys, write_scenario) -> None:
    text = MINIMAL_SCENARIO.replace("    staff: 8\n", "    stafff: 8\n").replace(
        "  months: 12", "  months: 0"
    )
    path = write_scenario(text)
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        f"{path}:9:11: meta.months: must be at least 1; it is 0",
        f"{path}:33:5: organisations[1].stafff: unknown key `stafff`",
        "  hint: did you mean `staff`?",
        f"{path}: NOT VALID — 2 errors, 0 warnings",
        "  (The ids one section uses from another — organisations in relations and events,"
        " grants, domains — are checked once these errors are fixed: run validate again.)",
    ]


def test_validate_missing_file_is_an_error_for_that_file(capsys, tmp_path, write_scenario) -> None:
    good = write_scenario(MINIMAL_SCENARIO)
    missing = tmp_path / "nope.yaml"
    code, out, _ = run(capsys, "validate", str(good), str(missing))
    assert code == 1
    assert f"{missing}: file not found" in out
    assert f"{good}: OK" in out
    assert out.rstrip().endswith("1 of 2 files are valid")


def test_validate_strict_fails_on_warnings(capsys, write_scenario) -> None:
    path = str(write_scenario(MINIMAL_SCENARIO.replace("    target: 60", "    target: 20")))
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    assert ": warning: " in out and "1 warning\n" in out
    code, out, _ = run(capsys, "validate", "--strict", path)
    assert code == 1
    assert "NOT VALID — 1 error, 0 warnings" in out


def test_validate_accepts_a_bundled_id(capsys) -> None:
    infos = bundled_scenarios()
    if not infos:
        pytest.skip("no bundled scenarios yet")
    code, out, _ = run(capsys, "validate", infos[0].id)
    assert code == 0
    assert "OK" in out and infos[0].path.name in out


def test_validate_of_a_broken_file_speaks_indonesian(capsys, write_scenario) -> None:
    path = write_scenario("format: 1\nmeta:\n\tid: x\n")
    code, out, _ = run(capsys, "--lang", "id", "validate", str(path))
    assert code == 1
    assert f"{path}:3:1: karakter tab dipakai untuk indentasi" in out
    assert "TIDAK VALID — 1 kesalahan, 0 peringatan" in out


# --- list and schema -----------------------------------------------------------------------


def test_list_json_has_the_promised_fields_default_first(capsys) -> None:
    code, out, _ = run(capsys, "--lang", "id", "list", "--json")
    assert code == 0
    items = json.loads(out)
    assert [item["id"] for item in items] == [info.id for info in bundled_scenarios()]
    for item in items:
        assert {"id", "title", "summary", "months", "organisations", "path", "default"} <= set(item)
        assert isinstance(item["title"], str) and Path(item["path"]).is_file()
    if items:
        assert items[0]["default"] is True
        assert sum(item["default"] for item in items) == 1


def test_list_table_shows_each_bundled_scenario(capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    for info in bundled_scenarios():
        assert info.id in out
    assert out.splitlines()[0].split() == ["ID", "TITLE", "MONTHS", "ORGANISATIONS"]


def test_schema_prints_json_schema_2020_12(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_out_writes_the_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    code, out, _ = run(capsys, "schema", "--out", str(target))
    assert code == 0
    assert str(target) in out
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("Kolaborasi")


def test_schema_out_to_an_impossible_place_fails_cleanly(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "schema", "--out", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 1
    assert "Could not write" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("desa-saya.yaml", "meta: {id: desa-saya}\n"),
        ("notes.json", '{"hello": "world"}\n'),
        ("other.schema.json", '{"$schema": "https://json-schema.org/draft/2020-12/schema"}\n'),
    ],
)
def test_schema_out_never_replaces_a_file_it_did_not_write(capsys, tmp_path, name, content):
    target = tmp_path / name
    target.write_text(content, encoding="utf-8")
    for lang, expected in (("en", "already exists and is not a schema"), ("id", "bukan skema")):
        code, out, err = run(capsys, "schema", "--out", str(target), "--lang", lang)
        assert code == 1 and out == "" and expected in err
        assert "scenario.schema.json" in err  # a name to use instead
    assert target.read_text(encoding="utf-8") == content


def test_schema_out_refreshes_its_own_earlier_schema(capsys, tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"
    target.write_text(json.dumps({"$schema": DIALECT, "title": "Kolaborasi scenario, old"}))
    code, _, err = run(capsys, "schema", "--out", str(target))
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8")) == schema_document()


def test_schema_write_errors_are_translated(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "schema", "--out", str(tmp_path / "no" / "x.json"), "--lang", "id")
    assert code == 1 and "tidak ada" in err and "No such file" not in err


# --- failures never show a traceback ----------------------------------------------------------


def test_unexpected_error_is_one_translated_line(capsys, monkeypatch) -> None:
    def explode(args, t):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(game.cli.validate, "run", explode)
    code, _, err = run(capsys, "--lang", "id", "validate", "x.yaml")
    assert code == 1
    assert "Traceback" not in err
    assert "RuntimeError: disk on fire" in err and "--debug" in err
    assert "Terjadi masalah" in err


def test_debug_shows_the_traceback(capsys, monkeypatch) -> None:
    def explode(args, t):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(game.cli.validate, "run", explode)
    code, _, err = run(capsys, "validate", "x.yaml", "--debug")
    assert code == 1
    assert "Traceback" in err and "disk on fire" in err


def test_keyboard_interrupt_exits_130(capsys, monkeypatch) -> None:
    def interrupt(args, t):
        raise KeyboardInterrupt

    monkeypatch.setattr(game.cli.validate, "run", interrupt)
    code, _, err = run(capsys, "validate", "x.yaml")
    assert code == 130
    assert "Interrupted." in err and "Traceback" not in err


def test_scenario_error_from_any_command_is_printed_as_problems(capsys, monkeypatch) -> None:
    from game.scenario import resolve_scenario

    def resolve_nothing(args, t):
        resolve_scenario("no-such-scenario")
        return 0

    monkeypatch.setattr(game.cli.validate, "run", resolve_nothing)
    code, _, err = run(capsys, "validate", "x")
    assert code == 1
    assert err.startswith("no-such-scenario: `no-such-scenario` is neither a file nor the id")


# --- translations ---------------------------------------------------------------------------


def used_keys() -> set[str]:
    """Catalogue keys written literally in the CLI and scenario code."""
    keys: set[str] = set()
    for folder in ("game/cli", "game/scenario"):
        for path in (REPO / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and KEY_LITERAL.fullmatch(text):
                    keys.add(text)
    return keys


def test_every_literal_key_is_in_both_catalogues() -> None:
    keys = used_keys()
    assert len(keys) > 80
    for lang in ("en", "id"):
        assert keys - catalogue_keys(lang) == set(), lang


def test_keys_built_at_run_time_are_in_both_catalogues() -> None:
    from game.scenario.errors import _RULE_TYPES

    syntax = "syntax tab bad_start colon no_colon unclosed_quote unclosed_bracket indent escape"
    syntax += " flow_colon flow_comma"
    built = {f"scenario.rule.{kind}" for kind in _RULE_TYPES}
    built |= {f"scenario.yaml.{name}.hint" for name in syntax.split()}
    kinds = ("domain", "organisation", "grant", "happening")
    built |= {f"scenario.check.unknown_{kind}" for kind in kinds}
    built |= {f"scenario.schema.{kind}" for kind in ("too_short", "too_long")}
    built |= {f"scenario.schema.string_{kind}" for kind in ("too_short", "too_long")}
    catalog = ("no_file", "not_found", "not_found_file_here")
    built |= {f"scenario.catalog.{kind}.hint" for kind in catalog}
    built |= {
        f"cli.count.{noun}.{form}"
        for noun in ("organisations", "months", "warnings", "errors")
        for form in ("one", "other")
    }
    built |= {f"cli.list.column.{name}" for name in ("id", "title", "months", "organisations")}
    for lang in ("en", "id"):
        assert built - catalogue_keys(lang) == set(), lang


@pytest.mark.parametrize("area", ["cli", "scenario"])
def test_both_languages_have_the_same_keys_and_placeholders(area: str) -> None:
    en, id_ = (
        json.loads((REPO / "assets" / "i18n" / lang / f"{area}.json").read_text("utf-8"))
        for lang in ("en", "id")
    )
    assert set(en) == set(id_)
    for key, template in en.items():
        assert placeholders(template) == placeholders(id_[key]), key


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_a_file_the_system_refuses_is_said_in_words_not_python(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "schema", "--out", str(tmp_path / ("a" * 300 + ".json")))
    assert code == 1 and out == ""
    assert "too long" in err and "Errno" not in err and "OSError" not in err


def test_validate_says_references_are_checked_only_on_a_well_formed_file(
    capsys, write_scenario
) -> None:
    """A designer fixed one error and met six new ones: when the file's shape is broken the
    ids used across sections are checked once it is right, and validate says so; when only
    list items are broken the rest is checked at once; with only reference errors it says
    nothing of the kind."""
    text = MINIMAL_SCENARIO.replace("  months: 12\n", "  months: twelve\n", 1)
    code, out, _ = run(capsys, "validate", str(write_scenario(text, "form.yaml")))
    assert code == 1 and "checked once these errors are fixed" in out
    item = MINIMAL_SCENARIO.replace("    staff: 8\n", "    stafff: 8\n", 1)
    item = item.replace("    - from: lsm\n      to: school", "    - from: lsm\n      to: nobody")
    code, out, _ = run(capsys, "validate", str(write_scenario(item, "item.yaml")))
    assert code == 1 and "stafff" in out and "nobody" in out
    assert "checked once these errors are fixed" not in out
    assert "`lsm`" not in out  # lsm was left out of the check: no "unknown lsm" follows
    unknown = MINIMAL_SCENARIO.replace("    - from: lsm", "    - from: nobody", 1)
    code, out, _ = run(capsys, "validate", str(write_scenario(unknown)))
    assert code == 1 and "nobody" in out and "checked once these errors are fixed" not in out


def test_play_with_a_broken_file_says_its_problems_in_the_terminal_too(
    write_scenario, scenario_text, capsys, monkeypatch, tmp_path
) -> None:
    """A designer who started the game on a broken file from the terminal saw nothing there:
    the problems showed only in the window."""
    from game.ui.app import App

    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(App, "run", lambda self: 0)
    path = write_scenario(scenario_text.replace("    staff: 6\n", "    staf: 6\n"))
    assert main(["--lang", "en", "play", str(path)]) == 0
    err = capsys.readouterr().err
    assert "unknown key `staf`" in err and "did you mean `staff`?" in err


def test_list_one_scenario_shows_what_a_facilitator_chooses_by(capsys) -> None:
    """Summaries showed only inside `list --json`; `list sekolah-hijau` was an error."""
    assert main(["--lang", "en", "list", "tanggap-banjir"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Flood Response (tanggap-banjir)\n12 months · 7 organisations")
    assert "nurul-falah" in out and "· team" in out and "· computer" in out
    assert "Goals the debrief measures:" in out and "Injects the facilitator can fire:" in out
    assert "kolaborasi simulate tanggap-banjir --compare" in out
    assert main(["list", "no-such-scenario"]) == 1
    # What a designer checks a draft by: each need's start and target, grants, approvals.
    assert main(["--lang", "id", "list", "sekolah-hijau"]) == 0
    out = capsys.readouterr().out
    assert "Kebutuhan masyarakat (awal → target):" in out and "· 32 → 60" in out
    assert "Rp 60 juta · dibuka sejak bulan 9" in out
    assert "`disdik` menyetujui kerja yang fokusnya sedikitnya 40% `env_education`" in out


def test_list_of_a_file_previews_the_file_not_its_id(tmp_path, capsys, monkeypatch) -> None:
    """`list posyandu-remaja.yaml` ended "preview with: kolaborasi simulate posyandu-remaja",
    which is no bundled id: the command failed."""
    from game.scenario import bundled_scenarios

    source = next(i for i in bundled_scenarios() if i.id == "tutorial").path
    (tmp_path / "posyandu-remaja.yaml").write_text(source.read_text("utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--lang", "en", "list", "posyandu-remaja.yaml"]) == 0
    assert "kolaborasi simulate posyandu-remaja.yaml --compare" in capsys.readouterr().out
