"""`kolaborasi debrief`: writes the report, and meets bad input with one translated line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario, resolve_scenario
from game.sim.batch import play_headless


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


def saved_session(folder: Path, scenario_id: str, seed: int, months: int) -> Path:
    path = resolve_scenario(scenario_id)
    sc = load_scenario(path).scenario
    session = play_headless(sc, seed, months, "collaborative", path.read_text(encoding="utf-8"))
    return session.save(folder / f"{scenario_id}-{seed}.kolaborasi.json")


@pytest.fixture(scope="module")
def sessions(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli-sessions")
    return {
        "green": saved_session(folder, "sekolah-hijau", 3, 8),
        "green2": saved_session(folder, "sekolah-hijau", 4, 8),
        "stunting": saved_session(folder, "stunting-desa", 3, 4),
    }


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def assert_clean_failure(code: int, err: str) -> None:
    assert code == 1
    assert "Traceback" not in err
    assert "Something went wrong" not in err  # a known problem, not the catch-all
    assert len(err.strip().splitlines()) <= 3


def test_debrief_writes_the_report_and_spreadsheets(capsys, sessions, tmp_path) -> None:
    out = tmp_path / "report.html"
    code, stdout, err = run(
        capsys, "debrief", str(sessions["green"]), "--out", str(out), "--csv", str(tmp_path / "csv")
    )
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "benefits.csv",
        "indicators.csv",
        "organisations.csv",
    ]
    assert "Report written" in stdout and "objectives met" in stdout
    assert err == ""


def test_truncated_session_is_a_clean_error(capsys, sessions, tmp_path) -> None:
    text = sessions["green"].read_text(encoding="utf-8")
    cut = tmp_path / "cut.kolaborasi.json"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    code, _, err = run(capsys, "debrief", str(cut), "--out", str(tmp_path / "r.html"))
    assert_clean_failure(code, err)
    assert "damaged" in err and "No report written" in err
    assert not (tmp_path / "r.html").exists()


def test_corrupt_bytes_are_a_clean_error(capsys, tmp_path) -> None:
    junk = tmp_path / "junk.kolaborasi.json"
    junk.write_bytes(b"\xff\xfe\x00garbage\x81")
    code, _, err = run(capsys, "debrief", str(junk))
    assert_clean_failure(code, err)


def test_another_format_version_says_which(capsys, sessions, tmp_path) -> None:
    data = json.loads(sessions["green"].read_text(encoding="utf-8"))
    data["version"] = 99
    newer = tmp_path / "newer.kolaborasi.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "debrief", str(newer))
    assert_clean_failure(code, err)
    assert "version 99" in err


def test_a_file_that_is_not_a_session_is_refused(capsys, tmp_path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    code, _, err = run(capsys, "debrief", str(other))
    assert_clean_failure(code, err)
    assert "not a Kolaborasi session" in err


def test_a_missing_file_is_a_clean_error(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "debrief", str(tmp_path / "nowhere.kolaborasi.json"))
    assert_clean_failure(code, err)


def test_sessions_of_different_scenarios_are_not_compared(capsys, sessions, tmp_path) -> None:
    out = tmp_path / "mixed.html"
    code, _, err = run(
        capsys, "debrief", str(sessions["green"]), str(sessions["stunting"]), "--out", str(out)
    )
    assert_clean_failure(code, err)
    assert "sekolah-hijau" in err and "stunting-desa" in err
    assert not out.exists()


def test_errors_speak_indonesian(capsys, sessions) -> None:
    code, _, err = run(
        capsys, "debrief", str(sessions["green"]), str(sessions["stunting"]), "--lang", "id"
    )
    assert_clean_failure(code, err)
    assert "tidak bisa dibandingkan" in err


def test_an_unwritable_destination_is_a_clean_error(capsys, sessions, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(
        capsys, "debrief", str(sessions["green2"]), "--out", str(blocker / "report.html")
    )
    assert_clean_failure(code, err)
    assert "cannot write the report" in err


def test_help_is_translated(capsys) -> None:
    code, out, _ = run(capsys, "--lang", "id", "debrief", "--help")
    assert code == 0
    assert out.startswith("cara pakai: kolaborasi debrief")
    assert "--csv" in out


def test_debriefing_two_sessions_in_one_folder_keeps_both_reports(
    capsys, sessions, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("green", "green2"):
        code, _, err = run(capsys, "debrief", str(sessions[key]))
        assert code == 0, err
    reports = sorted(p.name for p in tmp_path.glob("*.html"))
    assert len(reports) == 2 and all(name.endswith("-debrief.html") for name in reports)


# --- second review: the report never replaces a session or a file that is not a report ---
@pytest.fixture
def session_copy(sessions, tmp_path) -> Path:
    """A session of this test's own, so refusing to overwrite it can be checked byte by byte."""
    path = tmp_path / "team-a.kolaborasi.json"
    path.write_bytes(sessions["green"].read_bytes())
    return path


def test_the_report_never_replaces_an_input_session(capsys, session_copy) -> None:
    before = session_copy.read_bytes()
    for _ in range(2):  # the second run used to destroy the backup too
        code, out, err = run(capsys, "debrief", str(session_copy), "--out", str(session_copy))
        assert_clean_failure(code, err)
        assert out == "" and "one of the sessions" in err and "-debrief.html" in err
    assert session_copy.read_bytes() == before
    assert not session_copy.with_name(session_copy.name + ".bak").exists()


@pytest.mark.parametrize("name", ["other.json", "new.kolaborasi.json", "x.kolaborasi.json.bak"])
def test_the_report_never_replaces_or_imitates_a_session(capsys, sessions, tmp_path, name):
    target = tmp_path / name
    if name == "other.json":  # a session by content, whatever its name
        target.write_bytes(sessions["green2"].read_bytes())
    code, _, err = run(capsys, "debrief", str(sessions["green"]), "--out", str(target))
    assert_clean_failure(code, err)
    assert "saved session" in err and ".html" in err
    assert name != "other.json" or target.read_bytes() == sessions["green2"].read_bytes()


def test_the_report_never_replaces_a_file_that_is_not_a_report(capsys, sessions, tmp_path):
    scenario = tmp_path / "desa-saya.yaml"
    scenario.write_text("meta: {id: desa-saya}\n", encoding="utf-8")
    code, _, err = run(
        capsys, "debrief", str(sessions["green"]), "--out", str(scenario), "--lang", "id"
    )
    assert_clean_failure(code, err)
    assert "bukan laporan HTML" in err and "--out" in err and "-debrief.html" in err
    assert scenario.read_text(encoding="utf-8") == "meta: {id: desa-saya}\n"
    assert not scenario.with_name(scenario.name + ".bak").exists()


def test_an_older_report_is_replaced_and_kept_as_backup(capsys, sessions, tmp_path) -> None:
    for out in (tmp_path / "report.html", tmp_path / "report.txt"):
        for _ in range(2):
            code, _, err = run(capsys, "debrief", str(sessions["green"]), "--out", str(out))
            assert code == 0, err
        assert out.with_name(out.name + ".bak").exists()


def test_a_hand_made_html_file_is_never_replaced(capsys, sessions, tmp_path) -> None:
    """Only the game's own reports are replaced: a facilitator's handout.html is their work."""
    handout = tmp_path / "handout.html"
    handout.write_text("<!DOCTYPE html><html>my handout</html>", encoding="utf-8")
    for _ in range(2):
        code, _, err = run(capsys, "debrief", str(sessions["green"]), "--out", str(handout))
        assert_clean_failure(code, err)
    assert handout.read_text(encoding="utf-8") == "<!DOCTYPE html><html>my handout</html>"
    assert not handout.with_name("handout.html.bak").exists()


def test_a_csv_file_in_the_way_is_blamed_on_csv_not_out(capsys, sessions, tmp_path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    report = tmp_path / "c.html"
    args = ("debrief", str(sessions["green"]), "--out", str(report), "--csv", str(blocker))
    code, _, err = run(capsys, *args)
    assert_clean_failure(code, err)
    assert "--csv" in err and "--out" not in err and "not a folder" in err
    assert not report.exists()  # refused before anything was written
    code, _, err = run(capsys, *args, "--lang", "id")
    assert "--csv" in err and "bukan folder" in err


def test_csv_write_failure_names_csv(capsys, sessions, tmp_path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    out, csv = str(tmp_path / "c.html"), str(blocker / "inside")
    code, _, err = run(capsys, "debrief", str(sessions["green"]), "--out", out, "--csv", csv)
    assert_clean_failure(code, err)
    assert "spreadsheet" in err and "--csv" in err and "--out" not in err


@pytest.mark.parametrize(
    ("lang", "one", "several"),
    [
        ("en", "<session id>-debrief.html", "<scenario id>-comparison-<date>-<time>.html"),
        ("id", "<id sesi>-debrief.html", "<id skenario>-comparison-<tanggal>-<jam>.html"),
    ],
)
def test_help_names_the_real_default_report_names(capsys, lang, one, several) -> None:
    code, out, _ = run(capsys, "debrief", "--help", "--lang", lang)
    text = " ".join(out.split())  # argparse wraps long help lines
    assert code == 0 and one in text and several in text
    assert "SCENARIO-debrief" not in text and "SKENARIO-debrief" not in text


def test_a_scenario_file_is_not_called_a_damaged_session(capsys, tmp_path) -> None:
    scenario = tmp_path / "desa-saya.yaml"
    scenario.write_text(resolve_scenario("tutorial").read_text(encoding="utf-8"), "utf-8")
    for lang, expected in (("en", "is a scenario file"), ("id", "adalah berkas skenario")):
        code, _, err = run(capsys, "debrief", str(scenario), "--lang", lang)
        assert_clean_failure(code, err)
        assert expected in err and "kolaborasi play" in err and "--save-sessions" in err


# --- a saved session named by its id, as `kolaborasi sessions` prints it -------------------------
@pytest.fixture
def saved_here(sessions, tmp_path, monkeypatch) -> list[str]:
    """Two saved sessions in the data folder, whose ids share a beginning."""
    from game.sim.session import Session
    from game.storage import session_path

    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    ids = []
    for key, session_id in (
        ("green", "sekolah-hijau-20261128-1"),
        ("green2", "sekolah-hijau-20261128-2"),
    ):
        session = Session.load(sessions[key])
        session.id = session_id
        session.save(session_path(session_id))
        ids.append(session_id)
    return ids


def test_debrief_takes_the_id_that_sessions_lists(capsys, saved_here) -> None:
    code, listed, _ = run(capsys, "sessions")
    assert code == 0 and saved_here[0] in listed
    code, _, err = run(capsys, "debrief", saved_here[0])
    assert code == 0, err
    assert Path(f"{saved_here[0]}-debrief.html").is_file()


def test_debrief_takes_the_unique_beginning_of_an_id(capsys, saved_here) -> None:
    code, _, err = run(capsys, "debrief", "sekolah-hijau-20261128-2")
    assert code == 0, err
    code, _, err = run(capsys, "debrief", "sekolah-hijau-2026")  # two ids begin so
    assert_clean_failure(code, err)
    assert "beginning of 2 session ids" in err


def test_a_name_that_is_neither_a_file_nor_an_id_says_where_to_look(capsys, saved_here) -> None:
    code, _, err = run(capsys, "debrief", "banjir-tim-a")
    assert_clean_failure(code, err)
    assert "neither a session file nor the id of a saved session" in err
    assert "kolaborasi sessions" in err


def test_a_session_given_twice_or_with_its_backup_is_compared_once(
    capsys, sessions, tmp_path
) -> None:
    """`debrief sessions/*` took every session and its `.bak`, and the comparison ranked each
    team twice with no warning."""
    import shutil

    green = tmp_path / "green.kolaborasi.json"
    shutil.copy(sessions["green"], green)
    backup = tmp_path / "green.kolaborasi.json.bak"
    shutil.copy(sessions["green"], backup)
    out = tmp_path / "report.html"
    args = ["debrief", str(backup), str(green), str(sessions["green2"]), str(green)]
    code, _, err = run(capsys, *args, "--out", str(out))
    assert code == 0, err
    assert err.count("holds the same session as") == 2  # the backup, and the second copy
    assert f"{backup} holds the same session as {green}" in err
    html = out.read_text(encoding="utf-8")
    assert "Session C" not in html and "Session B" in html  # two sessions, not four


def test_a_report_for_the_teams_leaves_out_the_reveal(capsys, sessions, tmp_path) -> None:
    """The guide said to share the report, which held every hidden agenda and the
    facilitator's notes: handed round, it spoiled the scenario for the next group."""
    full, shared = tmp_path / "full.html", tmp_path / "shared.html"
    assert run(capsys, "debrief", str(sessions["green"]), "--out", str(full))[0] == 0
    code, _, err = run(
        capsys, "debrief", str(sessions["green"]), "--out", str(shared), "--for-teams"
    )
    assert code == 0, err
    whole, teams = full.read_text(encoding="utf-8"), shared.read_text(encoding="utf-8")
    assert 'id="reveal"' in whole and 'href="#reveal"' in whole
    assert 'id="reveal"' not in teams and 'href="#reveal"' not in teams
    assert "This copy is for the teams" in teams
    assert "Hidden agenda" in whole or "hidden agenda" in whole


def test_a_comparison_of_sessions_of_different_lengths_says_so(capsys, sessions, tmp_path) -> None:
    """Tim A (6 months) ranked above Tim B (3 months) with no word that the lengths differed."""
    short = saved_session(tmp_path, "sekolah-hijau", 5, 3)
    out = tmp_path / "cmp.html"
    code, stdout, err = run(
        capsys, "debrief", str(sessions["green"]), str(short), "--out", str(out)
    )
    assert code == 0, err
    assert "Ranked by the objectives met" in stdout
    assert "different numbers of complete months (3, 8)" in err


def stopped_session(folder: Path, seed: int, months: int) -> Path:
    """A session of sekolah-hijau stopped after `months` complete months, as a laptop is."""
    from game.sim.commands import EndMonth
    from game.sim.session import Session

    path = resolve_scenario("sekolah-hijau")
    sc = load_scenario(path).scenario
    session = Session(
        sc,
        path.read_text(encoding="utf-8"),
        seed=seed,
        controllers={p: "collaborative" for p in sc.players},
    )
    for _ in range(months):
        session.apply(EndMonth())
    return session.save(folder / f"stopped-{seed}.kolaborasi.json")


def test_sessions_stopped_at_the_same_month_compare_without_a_length_warning(
    capsys, tmp_path
) -> None:
    """Every laptop stopped at the same month; the report still said the shorter sessions
    score lower."""
    files = [str(stopped_session(tmp_path, seed, 3)) for seed in (5, 6)]
    out = tmp_path / "cmp.html"
    code, stdout, err = run(capsys, "debrief", *files, "--out", str(out))
    assert code == 0, err
    assert "Ranked by the objectives met" in stdout
    assert err.count("the session stopped in month 4 of") == 2  # each one still says so
    assert "different numbers of complete months" not in err
    html = out.read_text(encoding="utf-8")
    assert "Not every session played the same number of months" not in html


def test_the_indonesian_ranking_names_the_objectives_one_way(capsys, sessions, tmp_path) -> None:
    """ "peringkat berdasarkan tujuan", then "Urutan menurut sasaran yang tercapai"."""
    out = tmp_path / "cmp.html"
    args = ["--lang", "id", "debrief", str(sessions["green"]), str(sessions["green2"])]
    code, stdout, err = run(capsys, *args, "--out", str(out))
    assert code == 0, err
    _written, title, *_, rule = stdout.strip().splitlines()
    assert title.endswith(": peringkat menurut tujuan skenario")
    assert rule.startswith("Peringkat menurut jumlah tujuan yang tercapai")
    assert "sasaran" not in stdout
