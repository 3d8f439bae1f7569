"""The scenario library and the designer's tools: bundled scenarios, `kolaborasi new`, the guide.

What a facilitator relies on: every bundled scenario validates strictly and is complete in
both languages; the template and copies that `new` writes validate and play; the guide's
field reference names every field of the format and no field that does not exist.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from game.cli import main
from game.cli.new import id_from_name, retarget
from game.resources import assets_dir, scenarios_dir
from game.scenario import load_scenario, load_scenario_text
from game.scenario.schema import Effect, Model, Scenario, Text
from game.sim.batch import run_many
from game.sim.commands import EndMonth
from game.sim.world import World

REPO = Path(__file__).resolve().parents[1]
BUNDLED = sorted(scenarios_dir().glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=scenario.schema.json"
GUIDES = [REPO / "docs" / "scenario-guide.md", REPO / "docs" / "panduan-skenario.md"]

# The five story scenarios of DESIGN.md §12 and the model each puts forward.
EMPHASIS = {
    "sekolah-hijau": Model.cross_sector,
    "stunting-desa": Model.information_network,
    "tanggap-banjir": Model.resource_pooling,
    "bank-sampah": Model.education_development,
    "kopi-desa-digital": Model.technology,
}


def load(name: str) -> Scenario:
    return load_scenario(scenarios_dir() / f"{name}.yaml", strict=True).scenario


def play(scenario: Scenario, months: int) -> World:
    world = World(scenario, months=months)
    while not world.finished:
        world.apply(EndMonth())
    return world


# --- the bundled scenarios ----------------------------------------------------------------


def test_validate_strict_passes_on_every_bundled_scenario(capsys) -> None:
    code = main(["validate", "--strict", "--lang", "en", *map(str, BUNDLED)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count(": OK") == len(BUNDLED) and "0 warnings" in out


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_file_opens_with_the_modeline_then_format_1(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == MODELINE
    assert lines[1].startswith("format: 1")


def test_the_library_holds_the_five_premises_and_the_tutorial() -> None:
    assert {p.stem for p in BUNDLED} >= {*EMPHASIS, "tutorial"}
    defaults = [p.stem for p in BUNDLED if load(p.stem).meta.default]
    assert defaults == ["sekolah-hijau"]


@pytest.mark.parametrize("name", sorted(EMPHASIS))
def test_story_scenario_gives_the_facilitator_everything(name: str) -> None:
    scenario = load(name)
    assert set(scenario.meta.languages) == {"id", "en"}
    assert scenario.meta.start_month is not None
    assert len(scenario.meta.learning_objectives) >= 3
    assert {q.phase for q in scenario.debrief_questions} == {"what", "so_what", "now_what"}
    assert len(scenario.facilitator_notes) >= 3
    assert len(scenario.injects) >= 2 and all(i.notes for i in scenario.injects)
    assert scenario.players and all(o.hidden_agenda for o in scenario.organisations)


def test_story_scenarios_each_put_a_different_model_forward() -> None:
    assert len(set(EMPHASIS.values())) == len(Model)
    for name, model in EMPHASIS.items():
        assert model in {o.model for o in load(name).objectives}, name


def test_tutorial_is_short_and_has_one_hint_every_month() -> None:
    tutorial = load("tutorial")
    assert 4 <= tutorial.meta.months <= 8
    assert [h.month for h in tutorial.hints] == list(range(1, tutorial.meta.months + 1))
    assert len(tutorial.players) == 1 and len(tutorial.organisations) <= 5


def test_volunteer_groups_cost_nothing_a_month() -> None:
    volunteers = {
        "sekolah-hijau": {"karang-taruna"},
        "stunting-desa": {"pkk", "kkn"},
        "bank-sampah": {"bank-sampah", "karang-taruna"},
    }
    for name, ids in volunteers.items():
        orgs = {o.id: o for o in load(name).organisations}
        assert all(orgs[i].staff_cost == 0 for i in ids), name


def test_curriculum_work_in_sekolah_hijau_needs_disdik() -> None:
    rules = load("sekolah-hijau").approvals
    assert any(r.domain == "env_education" and r.approver == "disdik" for r in rules)


def test_collaborating_pays_in_every_bundled_scenario() -> None:
    """A quick guard; the full bar (200 runs, ≥ 1.3×) is benchmarks/balance.py."""
    for path in BUNDLED:
        scenario = load(path.stem)

        def impact(policy: str, scenario: Scenario = scenario) -> float:
            results = run_many(scenario, runs=12, seed=scenario.meta.seed, policy=policy)
            return sum(
                r["organisations"][p]["raw"]["impact"] for r in results for p in scenario.players
            )

        assert impact("collaborative") > 1.15 * impact("solo"), path.stem


def test_balance_doc_has_a_row_for_every_bundled_scenario() -> None:
    doc = (REPO / "docs" / "balance.md").read_text(encoding="utf-8")
    table = doc.split("<!-- balance:begin -->")[1].split("<!-- balance:end -->")[0]
    for path in BUNDLED:
        assert f"| `{path.stem}` |" in table, path.stem
    assert "python benchmarks/balance.py" in table


def test_examples_in_the_docs_validate_strictly() -> None:
    examples = sorted((REPO / "docs" / "examples").glob("*.yaml"))
    assert examples
    for path in examples:
        play(load_scenario(path, strict=True).scenario, 3)


# --- kolaborasi new -----------------------------------------------------------------------


def test_new_writes_a_template_that_validates_strictly_and_plays(tmp_path, capsys) -> None:
    target = tmp_path / "Desa Maju 2025.yaml"
    assert main(["new", str(target), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "desa-maju-2025" in out and "validate" in out
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE and text.splitlines()[1].startswith("format: 1")
    scenario = load_scenario(target, strict=True).scenario
    assert scenario.meta.id == "desa-maju-2025" and not scenario.meta.default
    sections = set(Scenario.model_fields) - {"format"}
    assert all(re.search(rf"^{s}:", text, re.M) for s in sections), "every main section"
    world = play(scenario, 4)
    assert world.month == 4


@pytest.mark.parametrize("name", ["1e3", "0o17", "010", "yes"])
def test_new_quotes_an_id_the_loader_would_read_as_a_number(tmp_path, capsys, name) -> None:
    for source in ([], ["--from", "tutorial"]):
        target = tmp_path / f"{name}-{len(source)}" / f"{name}.yaml"
        target.parent.mkdir()
        assert main(["new", str(target), *source, "--lang", "en"]) == 0, capsys.readouterr()
        assert load_scenario(target).scenario.meta.id == name


def test_new_template_comments_follow_the_language(tmp_path) -> None:
    id_file, en_file = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert main(["new", str(id_file), "--lang", "id"]) == 0
    assert main(["new", str(en_file), "--lang", "en"]) == 0
    assert "# juta per bulan" in id_file.read_text(encoding="utf-8")
    assert "# juta a month" in en_file.read_text(encoding="utf-8")
    for lang in ("id", "en"):
        load_scenario(assets_dir() / "templates" / f"scenario.{lang}.yaml", strict=True)


def test_new_from_copies_a_bundled_scenario_with_a_new_id_and_not_default(tmp_path) -> None:
    target = tmp_path / "hijau-kota.yaml"
    assert main(["new", str(target), "--from", "sekolah-hijau"]) == 0
    text = target.read_text(encoding="utf-8")
    source = (scenarios_dir() / "sekolah-hijau.yaml").read_text(encoding="utf-8")
    assert "# Sekolah Hijau — the default scenario" in text  # comments travel with the copy
    assert "default: true" not in text and len(text.splitlines()) == len(source.splitlines()) - 1
    scenario = load_scenario(target, strict=True).scenario
    original = load("sekolah-hijau")
    assert scenario.meta.id == "hijau-kota" and not scenario.meta.default
    assert scenario.organisations == original.organisations and scenario.events == original.events
    play(scenario, 3)


def test_new_from_accepts_a_path_and_keeps_the_schema_beside_it(tmp_path) -> None:
    first, second = tmp_path / "satu.yaml", tmp_path / "dua.yaml"
    assert main(["new", str(first)]) == 0
    schema = tmp_path / "scenario.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8"))["title"].startswith("Kolaborasi")
    schema.write_text("{}", encoding="utf-8")
    assert main(["new", str(second), "--from", str(first)]) == 0
    assert schema.read_text(encoding="utf-8") == "{}", "an existing schema file is left alone"
    assert load_scenario(second, strict=True).scenario.meta.id == "dua"


def test_new_refuses_to_overwrite_unless_forced(tmp_path, capsys) -> None:
    target = tmp_path / "ada.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    assert main(["new", str(target), "--lang", "en"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert main(["new", str(target), "--force"]) == 0
    assert load_scenario(target, strict=True).scenario.meta.id == "ada"


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("catatan.txt", 2, "does not end in .yaml"),
        ("___.yaml", 2, "No scenario id"),
        ("tidak-ada/skenario.yaml", 1, "does not exist"),
    ],
)
def test_new_explains_what_it_refuses(tmp_path, capsys, name, code, words) -> None:
    assert main(["new", str(tmp_path / name), "--lang", "en"]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / name).exists()


def test_new_from_an_unknown_scenario_says_which_ones_exist(tmp_path, capsys) -> None:
    assert main(["new", str(tmp_path / "x.yaml"), "--from", "tidak-ada", "--lang", "id"]) == 1
    err = capsys.readouterr().err
    assert "tidak-ada" in err and "sekolah-hijau" in err
    assert not (tmp_path / "x.yaml").exists()


def _saved_session(folder: Path) -> Path:
    assert (
        main(
            ["simulate", "tutorial", "--runs", "1", "--months", "1", "--save-sessions", str(folder)]
        )
        == 0
    )
    (session,) = folder.glob("*.kolaborasi.json")
    return session


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_saved_session_is_not_validated_as_a_scenario(tmp_path, capsys, lang) -> None:
    session = _saved_session(tmp_path)
    capsys.readouterr()
    assert main(["validate", str(session), "--lang", lang]) == 1
    out = capsys.readouterr().out
    words = {"en": "is a saved session", "id": "adalah sesi tersimpan"}[lang]
    assert f"{session}:2:2: `{session.name}` {words}" in out
    assert "kolaborasi debrief" in out
    assert "format" not in out.split(words)[0]  # no schema errors about `format`, `version`, …
    assert len(out.strip().splitlines()) == 3  # the problem, its hint, the status line


def test_new_from_a_saved_session_says_what_it_is(tmp_path, capsys) -> None:
    (tmp_path / "runs").mkdir()
    session = _saved_session(tmp_path / "runs")
    capsys.readouterr()
    target = tmp_path / "copy.yaml"
    assert main(["new", str(target), "--from", str(session), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "is a saved session (the record of a game), not a scenario" in err
    assert "Traceback" not in err and not target.exists()


@pytest.mark.parametrize("command", ["validate", "simulate"])
def test_a_folder_named_like_a_bundled_scenario_does_not_hide_it(
    tmp_path, monkeypatch, capsys, command
) -> None:
    """Handouts in a `tutorial/` folder where the facilitator types `... tutorial`."""
    from game.scenario import resolve_scenario

    monkeypatch.chdir(tmp_path)
    (tmp_path / "tutorial").mkdir()
    assert resolve_scenario("tutorial") == scenarios_dir() / "tutorial.yaml"
    assert resolve_scenario("tutorial/") == Path("tutorial/")  # the folder, asked for as one
    extra = ["--runs", "1", "--months", "1"] if command == "simulate" else []
    assert main([command, "tutorial", "--lang", "en", *extra]) == 0
    captured = capsys.readouterr()
    assert "folder" not in captured.out + captured.err


def test_id_from_name_makes_a_valid_id() -> None:
    assert id_from_name("Desa Maju (2025)") == "desa-maju-2025"
    assert id_from_name("kopi_desa") == "kopi_desa"
    assert id_from_name("---") == ""
    assert len(id_from_name("x" * 80)) == 48


def test_retarget_edits_only_the_id_the_default_and_the_modeline() -> None:
    text = "format: 1\nmeta:\n  id: lama   # keep me\n  default: true  # the default\n  title: T\n"
    out = retarget(text, "2025")
    assert out.splitlines() == [
        MODELINE,
        "format: 1",
        "meta:",
        '  id: "2025" # keep me',
        "  title: T",
    ]


def test_new_messages_exist_in_both_languages_with_the_same_placeholders() -> None:
    en, id_ = (
        json.loads((assets_dir() / "i18n" / lang / "new.json").read_text(encoding="utf-8"))
        for lang in ("en", "id")
    )
    assert set(en) == set(id_)
    used = set(re.findall(r'"(new\.[a-z_.]+)"', (REPO / "game/cli/new.py").read_text("utf-8")))
    assert used and used <= set(en)
    for key, template in en.items():
        assert _placeholders(template) == _placeholders(id_[key]), key


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- the guide ------------------------------------------------------------------------------

PATH_TOKEN = re.compile(r"`([a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)*)`")


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type a field holds (a model, or something the guide treats as a leaf), and
    whether it is a list of them."""
    is_list = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if any(a is Text for a in args):
                return Text, is_list  # `str | Text`: a text, a leaf
            annotation = args[0]
        elif origin is list:
            is_list, annotation = True, get_args(annotation)[0]
        else:
            return annotation, is_list


def schema_paths() -> set[str]:
    """Every field path of the format, as the guide writes them (effects once, as `effects[]`)."""
    paths: set[str] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}.{info.alias or name}" if prefix else (info.alias or name)
            paths.add(path)
            target, is_list = _unwrap(info.annotation)
            if target is Effect:
                walk(Effect, "effects[]")
            elif isinstance(target, type) and issubclass(target, BaseModel) and target is not Text:
                walk(target, path + ("[]" if is_list else ""))

    walk(Scenario, "")
    return paths


def guide_paths(path: Path) -> set[str]:
    heads = {*(f.alias or n for n, f in Scenario.model_fields.items()), "effects"}
    found = set()
    for token in PATH_TOKEN.findall(path.read_text(encoding="utf-8")):
        if re.split(r"[.\[]", token)[0] in heads:
            found.add(token.removesuffix("[]"))
    return found


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_field_reference_names_every_field_of_the_format(guide: Path) -> None:
    missing = schema_paths() - guide_paths(guide)
    assert not missing, f"{guide.name} lacks: {sorted(missing)}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_names_no_field_that_does_not_exist(guide: Path) -> None:
    invented = guide_paths(guide) - schema_paths() - {"effects"}
    assert not invented, f"{guide.name} names: {sorted(invented)}"


def test_guides_quote_error_messages_the_validator_really_prints() -> None:
    """A few messages from section 8, checked against the loader on a broken template."""
    base = (assets_dir() / "templates" / "scenario.en.yaml").read_text(encoding="utf-8")
    broken = base.replace("    staff: 5 ", "    stafff: 5 ", 1)
    with pytest.raises(Exception) as err:
        load_scenario_text(broken, strict=True)
    problem = err.value.problems[0]  # type: ignore[attr-defined]
    assert problem.message.key == "scenario.schema.unknown_key"
    guide = GUIDES[0].read_text(encoding="utf-8")
    assert "unknown key `stafff` — hint: did you mean `staff`?" in guide
