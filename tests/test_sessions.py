"""Saved sessions: listing never crashes, damaged files recover from backup, export/import."""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from game import sessions
from game.cli import main
from game.i18n import Msg, Translator, catalogue_keys
from game.scenario import load_scenario, resolve_scenario
from game.sim.commands import EndMonth, HoldDialogue
from game.sim.session import Session, SessionError
from game.storage import latest_session, session_path
from tests.i18n_keys import sim_keys

REPO = Path(__file__).resolve().parents[1]
# A damaged file's error: with a backup to try, or without one.
DAMAGED = ("sim.session.damaged", "sim.session.damaged_no_backup")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _saved_session(months: int = 2, teams: dict | None = None) -> Session:
    path = resolve_scenario("sekolah-hijau")
    session = Session(
        load_scenario(path).scenario,
        path.read_text(encoding="utf-8"),
        seed=3,
        teams=teams or {"lsm": "Tim Merah"},
    )
    for _ in range(months):
        session.apply(HoldDialogue("lsm", "dlh"))
        session.apply(EndMonth())
        session.save(session_path(session.id))
    return session


def test_listing_shows_id_scenario_teams_and_month():
    session = _saved_session(2)
    [item] = sessions.list_sessions()
    assert (item.id, item.scenario, item.month) == (session.id, "sekolah-hijau", 3)
    assert item.teams == {"lsm": "Tim Merah"} and item.problem is None
    assert latest_session() == session_path(session.id)


def test_a_damaged_file_is_recovered_from_its_backup():
    session = _saved_session(3)
    path = session_path(session.id)
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")  # a power cut
    [item] = sessions.list_sessions()
    assert item.recovered and item.problem is None and item.month == 3  # the previous month
    assert Session.load(path).world.month == 3


def test_a_damaged_file_without_backup_is_listed_not_raised(data_dir):
    folder = data_dir / "sessions"
    folder.mkdir(parents=True)
    (folder / "junk.kolaborasi.json").write_text("{not json", encoding="utf-8")
    (folder / "other.kolaborasi.json").write_text('{"format": "x"}', encoding="utf-8")
    items = sessions.list_sessions()
    assert {i.id for i in items} == {"junk", "other"}
    assert all(i.problem is not None for i in items)


def test_export_then_import_on_another_laptop(tmp_path, monkeypatch):
    session = _saved_session(2)
    (tmp_path / "usb").mkdir()
    exported = sessions.export_session(session.id, tmp_path / "usb")
    assert exported.parent == tmp_path / "usb" and Session.load(exported).id == session.id
    target = tmp_path / "usb.kolaborasi.json"
    sessions.export_session(session.id[:20], target)
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "laptop2"))
    item = sessions.import_session(target)
    assert item.id == session.id and item.month == 3
    reopened = Session.load(item.path)
    assert reopened.world.trust.tolist() == session.world.trust.tolist()


def test_importing_a_broken_file_says_why(tmp_path):
    bad = tmp_path / "bad.kolaborasi.json"
    bad.write_text(json.dumps({"format": "kolaborasi-session", "version": 1}), encoding="utf-8")
    with pytest.raises(SessionError) as err:
        sessions.import_session(bad)
    assert err.value.reason.key in sim_keys()


def test_sessions_command_lists_as_json_and_exits_cleanly_on_unknown_ids(capsys, tmp_path):
    session = _saved_session(1)
    assert main(["sessions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["id"] == session.id and listed[0]["scenario"] == "sekolah-hijau"
    assert listed[0]["month"] == 2
    assert main(["sessions", "export", "nope", str(tmp_path / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "nope" in err and "Traceback" not in err
    assert main(["sessions", "import", str(tmp_path / "missing.json")]) == 1


def test_simulate_sessions_import(tmp_path, capsys):
    assert (
        main(
            [
                "simulate",
                "sekolah-hijau",
                "--runs",
                "1",
                "--months",
                "2",
                "--json",
                "--save-sessions",
                str(tmp_path / "runs"),
            ]
        )
        == 0
    )
    capsys.readouterr()
    [file] = (tmp_path / "runs").glob("*.kolaborasi.json")
    assert main(["sessions", "import", str(file)]) == 0
    assert sessions.list_sessions()[0].finished


def test_import_never_replaces_a_session_that_is_further_along_here(tmp_path):
    session = _saved_session(1)
    old = sessions.export_session(session.id, tmp_path / "old.kolaborasi.json")
    session.apply(EndMonth())
    session.save(session_path(session.id))
    with pytest.raises(SessionError) as err:
        sessions.import_session(old)
    assert err.value.reason.key == "sim.session.newer_here"
    assert Session.load(session_path(session.id)).world.month == 3


# --- regressions found by review ------------------------------------------------------------
def _hand_edit(session: Session, tmp_path, **changes) -> object:
    data = session.to_json()
    data.update(changes)
    path = tmp_path / "hand.kolaborasi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_simulate_runs_have_distinct_ids_matching_their_file_names(tmp_path, capsys):
    args = ["simulate", "tutorial", "--runs", "3", "--months", "1", "--json"]
    assert main([*args, "--save-sessions", str(tmp_path / "runs")]) == 0
    capsys.readouterr()
    files = sorted((tmp_path / "runs").glob("*.kolaborasi.json"))
    ids = [json.loads(f.read_text(encoding="utf-8"))["id"] for f in files]
    assert [f.name.removesuffix(".kolaborasi.json") for f in files] == ids
    assert len(set(ids)) == 3


def test_importing_a_different_game_with_the_same_id_keeps_both(tmp_path):
    session = _saved_session(1)
    other = Session(session.scenario, session.scenario_text, seed=99, session_id=session.id)
    other.apply(EndMonth())
    other.save(tmp_path / "other.kolaborasi.json")
    item = sessions.import_session(tmp_path / "other.kolaborasi.json")
    assert item.id != session.id
    assert {i.id for i in sessions.list_sessions()} == {session.id, item.id}
    assert Session.load(session_path(session.id)).seed == 3


def test_a_session_id_cannot_name_another_folder(tmp_path, data_dir):
    session = _saved_session(1)
    path = _hand_edit(session, tmp_path, id="../../escaped")
    with pytest.raises(SessionError) as err:
        sessions.import_session(path)
    assert err.value.reason.key in DAMAGED
    assert not list(tmp_path.rglob("escaped*"))


@pytest.mark.parametrize(
    "changes", [{"month": "tiga"}, {"teams": "ab"}, {"teams": [1]}, {"saved": "kemarin"}]
)
def test_one_bad_header_field_is_listed_as_damaged_not_raised(changes):
    session = _saved_session(1)
    path = session_path(session.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    [item] = sessions.list_sessions()
    assert item.problem is not None and item.problem.key in DAMAGED


def test_listing_never_replaces_a_newer_version_file_by_its_backup():
    session = _saved_session(2)
    path = session_path(session.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    [item] = sessions.list_sessions()
    assert item.problem is not None and item.problem.key == "sim.session.wrong_version"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 99


def test_recovery_keeps_the_damaged_file_beside_the_session():
    session = _saved_session(3)
    path = session_path(session.id)
    path.write_text("{half a file", encoding="utf-8")
    [item] = sessions.list_sessions()
    assert item.recovered
    assert path.with_name(path.name + ".damaged").read_text(encoding="utf-8") == "{half a file"


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(controllers={"nobody": "human"}),
        lambda d: d["scenario"].update(yaml=5),
        lambda d: d["commands"].insert(
            0, {"type": "HoldDialogue", "actor": "lsm", "other": ["dlh"]}
        ),
        lambda d: d["commands"].insert(
            0,
            {
                "type": "RunProgram",
                "actor": "lsm",
                "domain": "waste",
                "funds": "5",
                "staff": 1,
                "months": 2,
            },
        ),
        lambda d: d["commands"].insert(0, {"type": "ScheduleInject", "inject": "x", "month": None}),
    ],
)
def test_a_hand_edited_session_is_reported_not_raised(tmp_path, edit):
    data = _saved_session(1).to_json()
    edit(data)
    path = tmp_path / "hand.kolaborasi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError):
        Session.load(path)


@pytest.mark.parametrize(
    "changes",
    [{"saved": 1e20}, {"saved": float("nan")}, {"scenario_title": 5}, {"scenario_title": [1]}],
)
def test_a_header_the_clock_or_the_screen_cannot_show_is_listed_as_damaged(changes):
    session = _saved_session(1)
    path = session_path(session.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    if "scenario_title" in changes:
        data["scenario"]["title"] = changes["scenario_title"]
    else:
        data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    [item] = sessions.list_sessions()
    assert item.problem is not None


def test_team_names_that_are_not_text_make_the_session_damaged(tmp_path):
    data = _saved_session(1).to_json()
    data["teams"] = {"lsm": 7}
    path = tmp_path / "hand.kolaborasi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SessionError):
        Session.load(path)


# --- second review: exports never replace another team's session; errors said in words ---
def _export(capsys, *args: str) -> tuple[int, str]:
    code = main(["sessions", "export", *args])
    return code, capsys.readouterr().err


def test_export_never_replaces_another_teams_session_on_the_stick(tmp_path, capsys):
    first = _saved_session(1, teams={"lsm": "Tim Merah"})
    second = Session(first.scenario, first.scenario_text, seed=8, teams={"lsm": "Tim Biru"})
    second.apply(EndMonth())
    second.save(session_path(second.id))
    stick = tmp_path / "usb" / "tim-a.kolaborasi.json"
    stick.parent.mkdir()
    assert _export(capsys, first.id, str(stick))[0] == 0
    code, err = _export(capsys, second.id, str(stick))
    assert code == 1 and json.loads(stick.read_text(encoding="utf-8"))["id"] == first.id
    assert str(stick) in err and first.id in err  # which file, and whose session it holds
    assert "tim-a-tim-biru.kolaborasi.json" in err and "--force" in err  # what to do instead
    assert _export(capsys, first.id, str(stick))[0] == 0  # the same session may be refreshed
    assert _export(capsys, second.id, str(stick), "--force")[0] == 0
    assert json.loads(stick.read_text(encoding="utf-8"))["id"] == second.id
    backup = stick.with_name(stick.name + ".bak")
    assert json.loads(backup.read_text(encoding="utf-8"))["id"] == first.id  # nothing lost


def test_export_never_replaces_a_file_that_is_not_a_session(tmp_path, capsys):
    session = _saved_session(1)
    notes = tmp_path / "catatan.yaml"
    notes.write_text("meta: penting\n", encoding="utf-8")
    code, err = _export(capsys, session.id, str(notes), "--lang", "id")
    assert code == 1 and notes.read_text(encoding="utf-8") == "meta: penting\n"
    assert "bukan salinan sesi ini" in err and "catatan.kolaborasi.json" in err


def test_a_trailing_lang_is_accepted_by_export_and_import(tmp_path, capsys):
    code, err = _export(capsys, "zzz", str(tmp_path / "x.json"), "--lang", "id")
    assert code == 1 and "Tidak ada sesi tersimpan" in err
    assert main(["sessions", "import", str(tmp_path / "x.json"), "--lang", "id"]) == 1
    assert "tidak ada" in capsys.readouterr().err


def _edited(tmp_path, edit, name="hand.kolaborasi.json"):
    data = _saved_session(1).to_json()
    edit(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _error(path) -> Msg:
    with pytest.raises(SessionError) as err:
        Session.load(path)
    return err.value.reason


def _drop(name):
    return lambda d: d.pop(name)


EDITS = {
    "seed": (lambda d: d.update(seed="abc"), "random seed", "benih acak"),
    "no commands": (_drop("commands"), "no record of moves", "rekaman langkah tidak ada"),
    "controllers": (
        lambda d: d.update(controllers={"nobody": "collaborative"}),
        "no organisation “nobody”",
        "Tidak ada organisasi “nobody”",
    ),
    "replay": (
        lambda d: d["commands"].extend([{"type": "EndMonth"}] * 30),
        "The scenario has ended",
        "Skenario sudah selesai",
    ),
    "command": (lambda d: d["commands"].append({"type": "bogus"}), "command 3", "perintah ke-3"),
    "scenario": (
        lambda d: d["scenario"].update(yaml=d["scenario"]["yaml"] + "\nbogus_key: 1\n"),
        "bogus_key",
        "bogus_key",
    ),
    "months": (lambda d: d.update(months="x"), "number of months", "jumlah bulan"),
}


@pytest.mark.parametrize("name", EDITS)
def test_a_damaged_session_says_what_is_wrong_in_words_in_both_languages(tmp_path, name):
    edit, english, indonesian = EDITS[name]
    reason = _error(_edited(tmp_path, edit))
    for lang, expected in (("en", english), ("id", indonesian)):
        text = Translator(lang).msg(reason)
        assert expected in text, text
        for leak in ("sim.", "scenario.schema", "invalid literal", "'commands'", "problem(s)"):
            assert leak not in text, text
        assert ".bak" not in text  # there is no backup to suggest


def test_a_truncated_session_speaks_indonesian_and_suggests_only_a_backup_that_exists(tmp_path):
    path = _edited(tmp_path, lambda d: None)
    path.write_text(path.read_text(encoding="utf-8")[:300], encoding="utf-8")
    text = Translator("id").msg(_error(path))
    assert "baris" in text and "line" not in text and ".bak" not in text
    path.with_name(path.name + ".bak").write_text("{}", encoding="utf-8")
    assert f"{path.name}.bak" in Translator("en").msg(_error(path))


def test_the_listing_does_not_suggest_a_backup_it_already_tried(data_dir):
    session = _saved_session(1)
    path = session_path(session.id)
    path.write_text("{half", encoding="utf-8")
    path.with_name(path.name + ".bak").write_text("{half too", encoding="utf-8")
    [item] = sessions.list_sessions()
    text = Translator("en").msg(item.problem)
    assert "could not be used either" in text and "Try its backup" not in text


def test_a_folder_or_an_unreadable_file_is_said_in_the_readers_language(tmp_path):
    folder = tmp_path / "folder.kolaborasi.json"
    folder.mkdir()
    text = Translator("id").msg(_error(folder))
    assert "itu folder, bukan berkas" in text and "Is a directory" not in text


@pytest.mark.parametrize("code", ["EEXIST", "EISDIR", "EACCES", "ENOENT", "ENOSPC", "EROFS"])
def test_common_os_errors_are_translated(code):
    from game.storage import os_error_reason

    exc = OSError(getattr(errno, code), os.strerror(getattr(errno, code)))
    for lang in ("en", "id"):
        text = Translator(lang).msg(os_error_reason(exc))
        assert text and "storage." not in text
        assert text != exc.strerror or lang == "en"


def test_every_session_detail_and_field_name_is_in_both_catalogues():
    from game.sim.session import FIELDS
    from game.storage import _OS_ERRORS

    used = {f"sim.session.field.{name}" for name in FIELDS}
    source = (REPO / "game" / "sim" / "session.py").read_text(encoding="utf-8")
    used |= {f"sim.session.detail.{k}" for k in re.findall(r'detail\(\s*"(\w+)"', source)}
    used |= {f"storage.error.{k}" for k in (*_OS_ERRORS.values(), "other")}
    assert len(used) > 25
    for lang in ("en", "id"):
        assert used - catalogue_keys(lang) == set(), lang


@pytest.mark.parametrize("name", ["desa-saya.yaml", "desa-saya.kolaborasi.json"])
def test_a_scenario_file_is_called_a_scenario_not_a_damaged_session(tmp_path, capsys, name):
    scenario = tmp_path / name
    scenario.write_text(resolve_scenario("tutorial").read_text(encoding="utf-8"), "utf-8")
    assert main(["sessions", "import", str(scenario)]) == 1
    err = capsys.readouterr().err
    assert "is a scenario file, not a saved session" in err and "damaged" not in err
    assert f"kolaborasi play {scenario}" in err


def test_a_session_saved_before_yaml_1_2_numbers_replays_as_it_was_played() -> None:
    """Scenarios' plain numbers were read as YAML 1.1 until sessions began to say otherwise:
    `funds: 010` was eight then and is ten now. An older session keeps its eight."""
    import re

    from game.scenario import load_scenario_text
    from game.sim.commands import EndMonth

    text = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(    funds:) *[0-9.]+", r"\1 010", text, count=1)
    scenario = load_scenario_text(text, name="t.yaml").scenario
    session = Session(scenario, text)
    session.apply(EndMonth())
    data = session.to_json()
    assert data["scenario"]["numbers"] == "yaml-1.2"
    assert Session.from_json(data).scenario.organisations[0].funds == 10
    del data["scenario"]["numbers"]  # as written before the mark existed
    old = Session.from_json(data)
    assert old.scenario.organisations[0].funds == 8
    assert "numbers" not in old.to_json()["scenario"]  # and it stays the old way when saved


def test_a_session_file_nested_thousands_deep_is_damaged_not_a_crash(tmp_path) -> None:
    path = tmp_path / "deep.kolaborasi.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(SessionError) as caught:
        Session.load(path)
    assert caught.value.reason.key == "sim.session.damaged_no_backup"


def test_a_session_keeps_the_rules_revision_it_was_played_under(tmp_path):
    """A session saved before a rules change replays under the rules it was played with, so
    a workshop's file still opens after an update; one from a newer game says to update."""
    from game.sim.world import ENGINE

    session = _saved_session(2)
    data = session.to_json()
    assert data["engine"] == ENGINE
    del data["engine"]  # as saved before the mark existed
    old = tmp_path / "old.kolaborasi.json"
    old.write_text(json.dumps(data), "utf-8")
    loaded = Session.load(old)
    assert loaded.engine == 1 and not loaded.world.term_runs_while_waiting
    assert loaded.to_json()["engine"] == 1  # saved again, it keeps its rules
    data["engine"] = ENGINE + 1
    new = tmp_path / "new.kolaborasi.json"
    new.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SessionError) as err:
        Session.load(new)
    assert err.value.reason.key == "sim.session.newer_engine"


def test_export_to_a_stick_that_is_not_plugged_in_says_so_and_makes_nothing(tmp_path, capsys):
    """`export ID /media/usb/` with no stick made the folder on the laptop and said
    "exported": the team walked away with nothing."""
    session = _saved_session(1)
    media = tmp_path / "media"
    media.mkdir()
    for target in (f"{media}/usb/", f"{media}/usb/deep/", f"{media}/usb/tim-a.kolaborasi.json"):
        code, err = _export(capsys, session.id, target)
        assert code == 1 and "does not exist" in err and "USB stick" in err, err
        assert f"{media}/usb" in err
    assert list(media.iterdir()) == []  # nothing made on the laptop
    stick = media / "stick"  # plugged in: its folder exists
    stick.mkdir()
    assert _export(capsys, session.id, f"{stick}/")[0] == 0
    assert (stick / session_path(session.id).name).is_file()


def test_the_session_list_shows_the_seed_and_the_length_played(tmp_path, capsys):
    """Laptops of one workshop must share a seed, and `sessions` did not show it; its JSON
    gave `"months": null` for a session of the scenario's own length."""
    session = _saved_session(2)
    assert main(["sessions", "--json"]) == 0
    [item] = [i for i in json.loads(capsys.readouterr().out) if i["id"] == session.id]
    assert item["seed"] == session.seed and item["months"] == session.world.months
    assert main(["--lang", "en", "sessions"]) == 0
    assert f"seed {session.seed}" in capsys.readouterr().out
