"""The facilitator's tools in the window: the panel (F2), pause, countdown, banner, reveal,
injects, undo, debrief, and the start screen's saved sessions (export, import, comparison).

Driven through `App.step` with posted events, like a person's keys and clicks.
"""

from __future__ import annotations

import io
import json
import re
import string
import time
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game import sessions
from game.cli import main as cli
from game.sim.commands import EndMonth, FireInject, ScheduleInject
from game.sim.session import Session
from game.storage import session_path
from game.ui import flow, palette
from game.ui.app import DEFAULT_SIZE, MIN_SIZE, App
from game.ui.autoplay import Autoplay
from game.ui.match import Match
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.facilitator import FacilitatorScene
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.loading import LoadingScene
from game.ui.scenes.main import MainScene
from game.ui.scenes.month_summary import MonthSummaryScene
from game.ui.scenes.start import StartScene
from game.ui.widgets import tabs
from game.ui.widgets.help import HelpDialog
from game.ui.widgets.sessions_dialog import SessionsDialog
from tests.uikit import click, click_at, find, press, step, visible_texts

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app(data: Path, request: pytest.FixtureRequest):
    """The window, at the design size unless a test asks for another (indirect parameter)."""
    application = App("en", intro=False, size=getattr(request, "param", DEFAULT_SIZE))
    yield application
    application.close()


def to_main(app: App) -> MainScene:
    app.push(StartScene(app))
    step(app)
    click(app, find(app, "#begin"))
    if isinstance(app.scene, HandoverScene):
        step(app, 60)  # the hand-over settles before it takes a click
        click(app, find(app, "#ready"))
    assert isinstance(app.scene, MainScene)
    return app.scene


def open_panel(app: App) -> FacilitatorScene:
    press(app, pygame.K_F2)
    assert isinstance(app.scene, FacilitatorScene)
    return app.scene


def play_month(app: App) -> None:
    """Every team ends its turn; the month resolves; on to the next month's first screen."""
    to_summary(app, app.scene.match)
    app.scene.next()
    step(app)


def to_summary(app: App, match: Match) -> MonthSummaryScene:
    """Every team ends its turn, up to the summary of the month they played."""
    month = match.world.month
    while match.world.month == month and not match.world.finished:
        scene = app.scene
        if isinstance(scene, HandoverScene):
            scene.go()
        elif isinstance(scene, MainScene):
            flow.end_turn(app, match)
        else:
            raise AssertionError(scene)
    assert isinstance(app.scene, MonthSummaryScene)
    return app.scene


# --- the panel ------------------------------------------------------------------------------
def test_f2_opens_the_panel_over_the_team_screen_and_esc_returns(app: App) -> None:
    main = to_main(app)
    panel = open_panel(app)
    assert panel.match is main.match
    texts = visible_texts(app)
    assert "Facilitator panel" in texts and "Fire now" in texts
    assert not main.action_buttons or not any(b.alive() for b in main.action_buttons.values())
    press(app, pygame.K_ESCAPE)
    assert app.scene is main and find(app, "#end_turn").alive()


def test_the_menu_button_opens_the_panel_too(app: App) -> None:
    main = to_main(app)
    main.ask_menu()
    step(app)
    click(app, find(app, "#menu_facilitator"))
    assert isinstance(app.scene, FacilitatorScene)


def test_without_a_game_f2_explains_instead_of_opening(app: App) -> None:
    app.push(StartScene(app))
    step(app)
    press(app, pygame.K_F2)
    assert isinstance(app.scene, StartScene)
    assert app.toast is not None and "during a game" in app.toast.text


def test_a_pin_set_on_the_start_screen_locks_the_panel(app: App) -> None:
    app.push(StartScene(app))
    step(app)
    entry = find(app, "#pin")
    click(app, entry)
    for char in "42":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": char}))
    step(app, 3)
    assert app.facilitator.pin == "42"
    click(app, find(app, "#begin"))
    app.scene.go()
    panel = open_panel(app)
    assert not panel.unlocked and "Fire now" not in visible_texts(app)
    panel.pin_entry.set_text("41")
    click(app, find(app, "#fac_unlock"))
    assert not panel.unlocked and "That PIN is not right. Try again." in visible_texts(app)
    panel.pin_entry.set_text("42")
    click(app, find(app, "#fac_unlock"))
    assert panel.unlocked and "Fire now" in visible_texts(app)


def test_pause_blocks_the_teams_until_resumed(app: App) -> None:
    main = to_main(app)
    team = main.match.team
    panel = open_panel(app)
    click(app, find(app, "#fac_pause"))
    assert app.facilitator.paused
    panel.close()
    step(app)
    before = pygame.surfarray.array3d(app.window).mean()
    click(app, main.end_button)  # swallowed by the pause
    press(app, pygame.K_e)
    assert app.scene is main and main.match.team is team and not main.dialogs
    assert before < 200  # the screen is covered under the PAUSED card
    # Nothing of the team's screen shows through: its funds and offers were readable.
    own = main.layout.own
    funds_area = pygame.surfarray.array3d(app.window.subsurface((own.x, own.y, 200, 150)))
    assert funds_area.reshape(-1, 3).std(axis=0).max() < 1
    open_panel(app)
    click(app, find(app, "#fac_pause"))
    press(app, pygame.K_ESCAPE)
    assert not app.facilitator.paused
    click(app, main.end_button)
    assert main.dialogs or app.scene is not main  # the click reaches the game again


def test_the_countdown_runs_in_turns_says_time_is_up_and_ends_nothing(app: App) -> None:
    main = to_main(app)
    open_panel(app)
    click(app, find(app, "#fac_timer_3"))
    assert app.facilitator.remaining == 180
    app.facilitator.update(30.0)  # the panel is open: play time does not run
    assert app.facilitator.remaining == 180
    press(app, pygame.K_ESCAPE)
    app.facilitator.update(60.0)
    assert app.facilitator.remaining == pytest.approx(120, abs=1)
    app.facilitator.paused = True
    app.facilitator.update(60.0)
    assert app.facilitator.remaining == pytest.approx(120, abs=1)
    app.facilitator.paused = False
    team = main.match.team
    app.facilitator.update(121.0)
    step(app)
    assert app.facilitator.expired and "Time is up" in app.toast.text
    assert app.scene is main and main.match.team is team  # nobody's turn was ended for them
    play_month(app)
    assert app.facilitator.remaining == pytest.approx(180, abs=1)  # a new month, a full clock


def test_a_banner_shows_on_every_team_screen_until_cleared(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    panel.banner_entry.set_text("Ten more minutes")
    click(app, find(app, "#fac_banner_show"))
    panel.close()
    match = app.scene.match
    flow.end_turn(app, match)  # the next team's hand-over
    assert isinstance(app.scene, HandoverScene)
    step(app)
    assert app.facilitator.banner == "Ten more minutes"
    app.scene.go()
    open_panel(app)
    click(app, find(app, "#fac_banner_clear"))
    assert app.facilitator.banner == ""


def test_reveal_shows_true_missions_and_hidden_agendas_only_while_on(app: App) -> None:
    main = to_main(app)
    world = main.world
    t = app.t

    def rows(revealed: bool) -> list[str]:
        out = tabs.mission_rows(world, t, app.fonts, main.viewer, revealed)
        return [text for row in out for text, _, _ in row.lines]

    def headings(revealed: bool) -> list[str]:
        out = tabs.mission_rows(world, t, app.fonts, main.viewer, revealed)
        return [row.lines[0][0] for row in out if row.key is not None]

    assert not any("Hidden agenda" in line for line in rows(False))
    open_panel(app)
    click(app, find(app, "#fac_reveal"))  # one slip beside Pause must not reveal: it asks
    assert not app.facilitator.reveal
    click(app, find(app, "#reveal_no"))
    assert not app.facilitator.reveal
    click(app, find(app, "#fac_reveal"))
    click(app, find(app, "#reveal_yes"))
    press(app, pygame.K_ESCAPE)
    assert app.facilitator.reveal
    shown = rows(app.facilitator.reveal)
    assert any("Hidden agenda" in line for line in shown)
    assert all("100%" in line for line in headings(True))
    assert not all("100%" in line for line in headings(False))
    main.show_tab("missions")
    step(app)  # draws the revealed tab and card without error
    assert main.world.known.max() < 1.0  # the world itself learned nothing


def test_firing_an_inject_is_a_command_in_the_record_and_replays(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    inject = panel.world.scenario.injects[0]
    panel.select(inject.id)
    click(app, find(app, "#fac_fire"))
    match = panel.match
    assert FireInject(inject.id) in match.session.commands
    assert any(e.kind == "inject" and e.data["id"] == inject.id for e in match.world.entries)
    assert app.facilitator.fired == inject  # the teams are told
    press(app, pygame.K_ESCAPE)
    play_month(app)
    reopened = Session.load(match.path)
    assert reopened.commands == match.session.commands
    assert reopened.world.trust.tolist() == match.world.trust.tolist()


def test_an_inject_is_told_beside_the_message_and_in_the_language_shown(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    panel.banner_entry.set_text("Ten more minutes")
    click(app, find(app, "#fac_banner_show"))
    inject = panel.world.scenario.injects[0]
    panel.select(inject.id)
    click(app, find(app, "#fac_fire"))
    assert app.facilitator.banner == "Ten more minutes"  # the typed message is kept
    assert find(app, "#fac_banner_entry").get_text() == "Ten more minutes"
    english = app.facilitator.banner_text()
    assert "Ten more minutes" in english and inject.title.en in english
    press(app, pygame.K_l)
    indonesian = app.facilitator.banner_text()
    assert "Ten more minutes" in indonesian and inject.title.id in indonesian
    assert inject.title.en not in indonesian
    click(app, find(app, "#fac_banner_clear"))
    assert app.facilitator.banner_text() == ""


def test_a_scheduled_inject_fires_at_the_end_of_its_month_unannounced(app: App) -> None:
    main = to_main(app)
    panel = open_panel(app)
    inject = panel.world.scenario.injects[1]
    panel.select(inject.id)
    panel.month = 2
    click(app, find(app, "#fac_schedule"))
    match = panel.match
    assert ScheduleInject(inject.id, 2) in match.session.commands
    feed = tabs.feed_rows(match.world, app.t, main.match.org.id)
    assert not any("scheduled" in text for row in feed for text, _, _ in row.lines)
    press(app, pygame.K_ESCAPE)
    play_month(app)
    assert not any(e.kind == "inject" for e in match.world.entries)
    play_month(app)
    fired = [e for e in match.world.entries if e.kind == "inject"]
    assert [(e.month, e.data["id"]) for e in fired] == [(2, inject.id)]


def test_the_month_to_fire_at_can_be_picked_from_a_list_inside_the_window(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    panel.select(panel.world.scenario.injects[0].id)
    step(app)
    menu = panel.month_menu
    click(app, menu)  # the menu sits at the bottom of the panel: its list must open upward
    expanded = menu.menu_states["expanded"]
    assert menu.current_state is expanded
    options = expanded.options_selection_list
    assert app.window.get_rect().contains(options.rect), options.rect
    assert options.rect.height > 100  # several months to choose from, not a sliver


def test_undo_goes_back_a_month_after_confirming_and_saves_at_once(app: App) -> None:
    to_main(app)
    play_month(app)
    play_month(app)
    match = app.scene.match
    assert match.world.month == 3
    before = list(match.session.commands)
    panel = open_panel(app)
    click(app, find(app, "#fac_undo"))
    assert panel.dialogs  # asks first
    click(app, find(app, "#confirm_yes"))
    assert match.world.month == 2
    assert match.session.commands == before[: before.index(EndMonth()) + 1]
    assert isinstance(app.scene, HandoverScene) and match.team is match.teams[0]
    assert Session.load(match.path).world.month == 2
    backup = match.path.with_name(match.path.name + ".bak")
    assert Session.load(backup).world.month == 3  # the file before the undo


def test_the_panel_opens_the_debrief_after_confirming(app: App) -> None:
    to_main(app)
    open_panel(app)
    click(app, find(app, "#fac_debrief"))
    click(app, find(app, "#confirm_yes"))
    assert isinstance(app.scene, DebriefScene)
    step(app)


# --- sessions on the start screen -----------------------------------------------------------
def _played_session(app: App, months: int = 1) -> Path:
    to_main(app)
    for _ in range(months):
        play_month(app)
    path = app.scene.match.path
    flow.back_to_start(app)
    step(app)
    return path


def test_damaged_sessions_are_listed_clearly_never_fatal(app: App, data: Path) -> None:
    folder = data / "sessions"
    folder.mkdir(parents=True)
    (folder / "broken.kolaborasi.json").write_text('{"format": "kolaborasi-session', "utf-8")
    start = StartScene(app)
    app.push(start)
    step(app)
    assert "DAMAGED: broken" in visible_texts(app)
    click(app, find(app, "#sessions"))
    dialog = start.dialogs[-1]
    assert isinstance(dialog, SessionsDialog)
    assert "DAMAGED: broken" in dialog.by_line
    assert "broken.kolaborasi.json" in dialog.status.html_text


def test_export_and_import_from_the_start_screen(app: App, tmp_path: Path, monkeypatch) -> None:
    path = _played_session(app, 1)
    session_id = Session.load(path).id
    start = app.scene
    click(app, find(app, "#sessions"))
    dialog = start.dialogs[-1]
    click(app, dialog.row_of(session_id))
    dialog.export_entry.set_text(str(tmp_path / "usb") + "/")
    click(app, find(app, "#ses_export"))  # no stick plugged in: said, and nothing made
    assert "USB stick" in dialog.status.html_text and not (tmp_path / "usb").exists()
    (tmp_path / "usb").mkdir()
    click(app, find(app, "#ses_export"))
    exported = tmp_path / "usb" / path.name
    assert Session.load(exported).id == session_id
    assert "exported" in dialog.status.html_text
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "laptop2"))
    dialog.import_entry.set_text(str(exported))
    click(app, find(app, "#ses_import"))
    assert [i.id for i in sessions.list_sessions()] == [session_id]
    assert [i.id for i in dialog.selected()] == [session_id]


def test_an_export_onto_someone_elses_file_offers_a_free_name(app: App, tmp_path: Path) -> None:
    """The dialog never overwrites a file that isn't this session's; it fills in a free name
    so a second click exports there, and the other file is left as it was."""
    path = _played_session(app, 1)
    session_id = Session.load(path).id
    start = app.scene
    click(app, find(app, "#sessions"))
    dialog = start.dialogs[-1]
    click(app, dialog.row_of(session_id))
    other = tmp_path / "usb" / "tim-a.kolaborasi.json"
    other.parent.mkdir()
    other.write_text("notes of another team", "utf-8")
    dialog.export_entry.set_text(str(other))
    click(app, find(app, "#ses_export"))
    assert other.read_text("utf-8") == "notes of another team"
    filled = Path(dialog.export_entry.get_text())
    assert filled != other and filled.parent == other.parent and not filled.exists()
    assert "Export again" in dialog.status.html_text
    click(app, find(app, "#ses_export"))
    assert Session.load(filled).id == session_id
    assert other.read_text("utf-8") == "notes of another team"


def test_import_accepts_simulate_save_sessions_files(app: App, tmp_path: Path, capsys) -> None:
    args = ["simulate", "tutorial", "--runs", "1", "--months", "2", "--json"]
    assert cli([*args, "--save-sessions", str(tmp_path / "runs")]) == 0
    capsys.readouterr()
    [file] = (tmp_path / "runs").glob("*.kolaborasi.json")
    start = StartScene(app)
    app.push(start)
    step(app)
    click(app, find(app, "#sessions"))
    dialog = start.dialogs[-1]
    dialog.import_entry.set_text(str(file))
    click(app, find(app, "#ses_import"))
    assert "Imported" in dialog.status.html_text and len(sessions.list_sessions()) == 1


def test_the_comparison_report_of_two_teams_sessions_is_written(app: App, data: Path) -> None:
    first = _played_session(app, 1)
    second = _played_session(app, 2)
    start = app.scene
    click(app, find(app, "#sessions"))
    dialog = start.dialogs[-1]
    for path in (first, second):
        click(app, dialog.row_of(Session.load(path).id))
    assert len(dialog.selected()) == 2
    click(app, find(app, "#ses_report"))
    deadline = time.monotonic() + 60
    while dialog.job is not None and time.monotonic() < deadline:
        step(app, 1)
        time.sleep(0.02)
    assert "Report written" in dialog.status.html_text, dialog.status.html_text
    [report] = (data / "reports").glob("*-comparison-*.html")
    assert report.stat().st_size > 10_000


def test_a_comparison_of_different_scenarios_is_refused_with_a_reason(
    app: App, tmp_path: Path, capsys
) -> None:
    _played_session(app, 1)
    assert cli(["simulate", "tutorial", "--runs", "1", "--months", "1", "--json"]) == 0
    args = ["simulate", "tutorial", "--runs", "1", "--months", "1", "--json", "--save-sessions"]
    assert cli([*args, str(tmp_path / "runs")]) == 0
    capsys.readouterr()
    [file] = (tmp_path / "runs").glob("*.kolaborasi.json")
    sessions.import_session(file)
    start = StartScene(app)
    app.reset(start)
    step(app)
    click(app, find(app, "#sessions"))
    dialog = start.dialogs[-1]
    for item in dialog.items:
        click(app, dialog.row_of(item.id))
    click(app, find(app, "#ses_report"))
    assert dialog.job is None and "different scenarios" in dialog.status.html_text


def test_continue_reopens_a_damaged_file_from_its_backup(app: App) -> None:
    path = _played_session(app, 2)  # the backup holds month 2, the file month 3
    path.write_text(path.read_text("utf-8")[:300], "utf-8")  # a bad copy
    app.reset(LoadingScene(app, path))
    deadline = time.monotonic() + 20
    while isinstance(app.scene, LoadingScene) and time.monotonic() < deadline:
        step(app, 1)
    assert isinstance(app.scene, MonthSummaryScene)  # month 1's, which the crash may have hidden
    assert "backup" in app.toast.text
    app.scene.next()
    assert isinstance(app.scene, HandoverScene)
    assert app.scene.match.world.month == 2


# --- the CLI side of moving sessions ---------------------------------------------------------
def test_sessions_export_refuses_an_ambiguous_prefix_and_unwritable_targets(
    app: App, tmp_path: Path, capsys
) -> None:
    _played_session(app, 1)
    _played_session(app, 1)
    assert cli(["sessions", "export", "sekolah-hijau", str(tmp_path / "x.json")]) == 1
    assert "give more of it" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    item = sessions.list_sessions()[0]
    assert cli(["sessions", "export", item.id, str(blocker / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "Cannot write" in err and "Traceback" not in err
    listed = json.loads((cli(["sessions", "--json"]), capsys.readouterr().out)[1])
    assert {"id", "scenario", "month", "teams", "saved", "damaged"} <= set(listed[0])


# --- autoplay (the driver the resilience test uses) -----------------------------------------
def test_autoplay_plays_a_whole_game_through_the_scenes_and_reports_saves(app: App) -> None:
    out = io.StringIO()
    app.frame_hook = Autoplay(app, seed=5, out=out)
    app.push(StartScene(app, scenario=REPO / "scenarios" / "tutorial.yaml"))
    for _ in range(3000):
        if not app.step(0.0):
            break
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    saved = [e for e in events if e["ev"] == "saved"]
    assert {"ev": "finished"} in events  # (closing the window saves once more after it)
    assert saved[-1]["finished"] and saved[-1]["month"] == 6
    pending = [e for e in events if e["ev"] == "pending"]
    assert len(pending) == len(saved)  # every write announced before it happens
    assert len({e["commands"] for e in saved}) > 6  # saves within months, not only at ends
    session = Session.load(saved[-1]["path"])
    assert session.world.finished and len(session.commands) == saved[-1]["commands"]
    assert session_path(session.id) == Path(saved[-1]["path"])


# --- translations ---------------------------------------------------------------------------
FACILITATOR_KEY = re.compile(r"""["'](facilitator\.[a-z0-9_.]+)["']""")


def _catalogue(lang: str) -> dict[str, str]:
    path = REPO / "assets" / "i18n" / lang / "ui_facilitator.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_both_languages_have_the_same_facilitator_keys_and_placeholders() -> None:
    en, ind = _catalogue("en"), _catalogue("id")
    assert set(en) == set(ind)
    for key, text in en.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(ind[key]) if f}, key
        assert text != ind[key] or "{" in text, key  # translated, not copied


def test_every_facilitator_key_in_the_code_is_in_the_catalogue() -> None:
    used = set()
    for path in (REPO / "game").rglob("*.py"):
        used |= set(FACILITATOR_KEY.findall(path.read_text(encoding="utf-8")))
    assert used and not used - set(_catalogue("en"))


def test_listing_sweeps_temporary_files_left_by_a_killed_save(data: Path) -> None:
    import os

    folder = data / "sessions"
    folder.mkdir(parents=True)
    old = folder / ".x.kolaborasi.json.abc123.tmp"
    new = folder / ".y.kolaborasi.json.def456.tmp"
    for tmp in (old, new):
        tmp.write_text("{", "utf-8")
    stamp = time.time() - 3600
    os.utime(old, (stamp, stamp))
    assert sessions.list_sessions() == []
    assert not old.exists() and new.exists()  # a save may be writing the fresh one right now


@pytest.mark.parametrize("app", [DEFAULT_SIZE, MIN_SIZE], indirect=True, ids=["1280", "1024"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_panel_and_the_sessions_window_fit_their_text(app: App, lang: str) -> None:
    """No label cut off, no button text wider than its button, in either language, at the
    design size and the smallest window; the month summary too."""
    import warnings

    import pygame_gui

    app.set_language(lang)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Label Rect is too small")
        path = _played_session(app, 1)
        click(app, find(app, "#sessions"))
        step(app)
        _assert_buttons_fit(app, pygame_gui)
        app.scene.dialogs[-1].close()
        app.reset(LoadingScene(app, path))
        while isinstance(app.scene, LoadingScene):
            step(app, 1)
        app.scene.next()  # past the summary of the month just played
        app.scene.go()
        panel = open_panel(app)
        click(app, find(app, "#fac_timer_5"))
        click(app, find(app, "#fac_pause"))
        click(app, find(app, "#fac_reveal"))
        click(app, find(app, "#reveal_yes"))
        _assert_buttons_fit(app, pygame_gui)
        press(app, pygame.K_l)  # the language switches inside the panel too
        assert (
            app.t.lang != lang
            and panel.unlocked
            and "#fac_fire" in str(find(app, "#fac_fire").object_ids)
        )
        _assert_buttons_fit(app, pygame_gui)
        app.facilitator.remaining = 0  # "time is up" is the longest line under the countdown
        step(app)
        press(app, pygame.K_l)
        _assert_buttons_fit(app, pygame_gui)
        click(app, find(app, "#fac_pause"))  # play on, to the month's summary
        press(app, pygame.K_F2)
        match = panel.match
        to_summary(app, match)
        step(app)
        _assert_buttons_fit(app, pygame_gui)
        press(app, pygame.K_l)
        assert app.t.lang != lang and isinstance(app.scene, MonthSummaryScene)
        _assert_buttons_fit(app, pygame_gui)


def _assert_buttons_fit(app: App, pygame_gui) -> None:
    for element in app.manager.get_sprite_group().sprites():
        if isinstance(element, pygame_gui.elements.UIButton) and element.alive() and element.text:
            width = element.font.size(element.text)[0]
            assert width <= element.rect.width - 8, (element.text, element.rect.width)


def test_a_run_saved_by_simulate_opens_on_its_debrief(app: App, tmp_path: Path, capsys) -> None:
    from game.cli import main
    from game.ui.scenes.debrief import DebriefScene

    args = ["simulate", "tutorial", "--runs", "1", "--json"]
    assert main([*args, "--save-sessions", str(tmp_path / "runs")]) == 0
    capsys.readouterr()
    [path] = (tmp_path / "runs").glob("*.kolaborasi.json")
    app.reset(LoadingScene(app, path))
    deadline = time.monotonic() + 20
    while isinstance(app.scene, LoadingScene) and time.monotonic() < deadline:
        step(app, 1)
    assert isinstance(app.scene, DebriefScene)  # no team to hand over to: straight to debrief


def test_an_error_in_a_scene_saves_every_move_made_before_the_window_closes(
    app: App, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from game.sim.commands import HoldDialogue
    from game.sim.session import Session

    main_scene = to_main(app)
    match = main_scene.match
    actor = match.seat.current.org
    other = next(o.id for o in match.world.orgs if o.id != actor)
    match.apply(HoldDialogue(actor, other))  # a move of the month in progress, not yet saved

    def broken_step(dt: float) -> bool:
        raise RuntimeError("a bug in a scene")

    monkeypatch.setattr(app, "step", broken_step)
    with pytest.raises(RuntimeError):
        app.run()
    saved = Session.load(match.path)
    assert saved.commands == match.session.commands
    assert "--resume" in capsys.readouterr().err


def test_a_double_click_that_ends_a_turn_does_not_open_the_next_teams_screen(app: App) -> None:
    main = to_main(app)
    match = main.match
    flow.end_turn(app, match)
    assert isinstance(app.scene, HandoverScene)
    click_at(app, find(app, "#ready").rect.center)  # the second click of a double-click
    press(app, pygame.K_RETURN)  # or a second Enter
    assert isinstance(app.scene, HandoverScene)
    step(app, 60)
    click(app, find(app, "#ready"))
    assert isinstance(app.scene, MainScene) and match.team is match.teams[1]


def test_a_team_sent_back_to_the_start_screen_cannot_clear_the_facilitator_pin(app: App) -> None:
    app.push(StartScene(app))
    step(app)
    click(app, find(app, "#pin"))
    for ch in "1234":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": ch}))
        step(app, 1)
    step(app, 3)
    assert app.facilitator.pin == "1234"
    click(app, find(app, "#begin"))
    app.reset(StartScene(app))  # the Menu's "back to the start screen"
    step(app)
    pin = find(app, "#pin")
    assert not pin.is_enabled
    pin.set_text("")
    pygame.event.post(
        pygame.event.Event(pygame_gui.UI_TEXT_ENTRY_CHANGED, {"ui_element": pin, "text": ""})
    )
    step(app)
    assert app.facilitator.pin == "1234"


def test_closing_the_window_keeps_the_moves_of_the_month_in_progress(app: App) -> None:
    from game.sim.commands import HoldDialogue
    from game.sim.session import Session

    match = to_main(app).match
    actor = match.seat.current.org
    other = next(o.id for o in match.world.orgs if o.id != actor)
    match.apply(HoldDialogue(actor, other))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    step(app)
    assert not app.running
    assert Session.load(match.path).commands == match.session.commands


def test_esc_while_typing_a_team_name_leaves_the_field_not_the_game(app: App) -> None:
    start = StartScene(app)
    app.push(start)
    step(app)
    entry = next(iter(start.entries))
    click(app, entry)
    assert entry.is_focused
    press(app, pygame.K_ESCAPE)
    assert app.running and not entry.is_focused
    press(app, pygame.K_ESCAPE)  # nothing being typed: Esc closes, as before
    assert not app.running


def test_the_facilitator_panel_does_not_throw_away_a_half_written_proposal(app: App) -> None:
    from game.ui.widgets.negotiation import NegotiationDialog

    main = to_main(app)
    click(app, find(app, "#action_propose"))
    click(app, find(app, "#partner_dlh"))
    before = main.dialogs[-1]
    assert isinstance(before, NegotiationDialog)
    panel = open_panel(app)
    panel.close()
    step(app)
    assert app.scene is main
    after = main.dialogs[-1]
    assert isinstance(after, NegotiationDialog) and after is not before
    assert "dlh" in after.draft.partners and after.draft == before.draft


def test_a_continued_session_keeps_its_pin_and_countdown_after_a_restart(
    app: App, data: Path
) -> None:
    """The window closed (or the laptop restarted): continuing the session must not open the
    panel to everyone. The file keeps a salted digest of the PIN, never the PIN itself."""
    app.push(StartScene(app))
    step(app)
    click(app, find(app, "#pin"))
    for ch in "4321":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": ch}))
        step(app, 1)
    step(app, 3)
    click(app, find(app, "#begin"))
    app.scene.go()
    panel = open_panel(app)
    panel.pin_entry.set_text("4321")
    click(app, find(app, "#fac_unlock"))
    click(app, find(app, "#fac_timer_3"))
    path = panel.match.path
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    step(app)
    # Never the PIN as a value (a bare 4321 can be part of a time-stamped session id).
    assert '"4321"' not in path.read_text("utf-8")

    again = App("en", intro=False)
    try:
        again.push(StartScene(again))
        step(again)
        assert find(again, "#pin").get_text() == ""  # nobody typed a PIN this time
        again.reset(LoadingScene(again, path))
        while isinstance(again.scene, LoadingScene):
            step(again, 1)
        assert again.facilitator.minutes == 3
        panel = open_panel(again)
        assert not panel.unlocked
        panel.pin_entry.set_text("1234")
        click(again, find(again, "#fac_unlock"))
        assert not panel.unlocked
        panel.pin_entry.set_text("4321")
        click(again, find(again, "#fac_unlock"))
        assert panel.unlocked
    finally:
        again.close()


@pytest.mark.parametrize("room", ["x", {"pin": "4321"}, {"pin": "zz$zz", "minutes": 7}])
def test_hand_edited_room_settings_are_ignored(app: App, room) -> None:
    match = to_main(app).match
    match.session.room = room
    match.save()
    app.facilitator.session_id = None  # as in a window opened afresh
    app.reset(LoadingScene(app, match.path))
    while isinstance(app.scene, LoadingScene):
        step(app, 1)
    assert not app.facilitator.has_pin and app.facilitator.minutes == 0


def test_every_move_and_turn_is_saved_at_once(app: App) -> None:
    """A power cut, the Menu's start screen or the facilitator's early debrief: whatever
    way the game is left mid-month, continuing it finds every move, inject and turn."""
    from game.sim.commands import HoldDialogue
    from game.sim.session import Session

    match = to_main(app).match
    actor = match.seat.current.org
    other = next(o.id for o in match.world.orgs if o.id != actor)
    match.apply(HoldDialogue(actor, other))
    assert Session.load(match.path).commands == match.session.commands
    panel = open_panel(app)
    inject = panel.world.scenario.injects[0]
    panel.select(inject.id)
    click(app, find(app, "#fac_fire"))
    assert Session.load(match.path).commands == match.session.commands
    press(app, pygame.K_ESCAPE)
    flow.end_turn(app, match)  # the second team's turn now
    flow.open_debrief(app, match)
    flow.back_to_start(app)
    step(app)
    app.facilitator.session_id = None  # as in a window opened afresh
    app.reset(LoadingScene(app, match.path))
    while isinstance(app.scene, LoadingScene):
        step(app, 1)
    again = app.scene.match
    assert again.session.commands == match.session.commands
    assert again.team == match.teams[1]


def test_the_countdown_stays_in_sight_while_a_team_writes_a_proposal(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = to_main(app)
    app.facilitator.set_countdown(5)
    main.start_action("propose")
    drawn = _record_clock(app, monkeypatch)
    step(app)
    bar = main.dialogs[-1].window.rect
    assert drawn and drawn[-1] is not None
    assert bar.contains(drawn[-1]) and drawn[-1].top < bar.top + 40  # in its title bar


def test_the_facilitators_banner_covers_no_organisation_on_the_map(app: App) -> None:
    main = to_main(app)
    app.facilitator.banner = "Ten more minutes, then we talk about what happened."
    app.facilitator.fired = main.world.scenario.injects[0]
    step(app)
    area = main.banner_area()
    banner = pygame.Rect(area.x, area.y, area.width, app.facilitator.banner_height(area.width))
    assert banner.height > 0
    for box in [*main.map.labels, *main.map.shapes]:
        assert not box.colliderect(banner), box


@pytest.mark.parametrize("app", [DEFAULT_SIZE, MIN_SIZE], indirect=True, ids=["1280", "1024"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_countdown_hides_no_windows_title_or_close_button(
    app: App, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ui.scenes.main import ConfirmDialog

    app.set_language(lang)
    main = to_main(app)
    app.facilitator.set_countdown(5)
    drawn = _record_clock(app, monkeypatch)
    long_title = "Proposal #7 by Nurul Falah Humanitarian Volunteers · round 1 of 3"
    for open_one in (
        lambda: main.start_action("propose"),
        main.help,
        lambda: main.open(ConfirmDialog(app, long_title, "…", "Yes", lambda: None)),
    ):
        open_one()
        step(app)
        window = main.dialogs[-1].window
        title = window.title_bar
        text = pygame.Rect(title.rect.x, title.rect.y, title.font.size(title.text)[0] + 16, 30)
        clock = drawn[-1]
        assert clock is not None and app.window.get_rect().contains(clock)
        assert not clock.colliderect(text), (title.text, clock, text)
        assert not clock.colliderect(window.close_window_button.rect)
        main.dialogs[-1].close()
        step(app)


def test_on_a_shared_laptop_each_teams_turn_gets_the_whole_countdown(app: App) -> None:
    """The second team started with 3:44 of 5 minutes, the clock having run through the
    first team's turn and the hand-over."""
    to_main(app)
    app.facilitator.set_countdown(5)
    app.facilitator.update(76.0)
    assert app.facilitator.remaining == pytest.approx(224, abs=1)
    match = app.scene.match
    flow.end_turn(app, match)  # the next team's hand-over
    assert isinstance(app.scene, HandoverScene)
    app.facilitator.update(30.0)  # the hand-over does not eat the next team's time
    assert app.facilitator.remaining == pytest.approx(300, abs=1)
    app.scene.go()
    step(app)
    assert app.facilitator.remaining == pytest.approx(300, abs=1)


@pytest.mark.parametrize("size", [(1280, 688), (1024, 640), (1280, 720)])
def test_the_latest_saved_session_shows_on_the_start_screen_at_any_size(
    app: App, size: tuple[int, int]
) -> None:
    """A facilitator reopened the game after closing it: at 1280×688 the scenario summary took
    all the room and "Continue a saved session" never appeared."""
    path = _played_session(app, 1)
    app.window = pygame.display.set_mode(size)
    app._resized()
    app.reset(StartScene(app))
    step(app)
    [button] = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIButton)
        and e.alive()
        and "Green Schools · month 2" in e.text
    ]
    assert app.window.get_rect().contains(button.rect)
    click(app, button)
    deadline = time.monotonic() + 20
    while isinstance(app.scene, LoadingScene | StartScene) and time.monotonic() < deadline:
        step(app, 1)
    assert app.scene.match.path == path


def test_the_countdown_waits_while_the_first_turns_help_is_read(app: App) -> None:
    """The help opens by itself at a team's first turn; the team read it for two minutes
    and came to its moves with three of the five left."""
    app.intro = True
    main = to_main(app)
    [help_window] = main.dialogs
    assert isinstance(help_window, HelpDialog)
    app.facilitator.set_countdown(5)
    app.facilitator.update(120.0)
    assert app.facilitator.remaining == pytest.approx(300, abs=1)
    click(app, find(app, "#help_close"))
    app.facilitator.update(60.0)
    assert app.facilitator.remaining == pytest.approx(240, abs=1)
    main.help()  # help the team opens itself is read on its own time
    app.facilitator.update(60.0)
    assert app.facilitator.remaining == pytest.approx(180, abs=1)


def test_the_banner_stays_beside_a_small_window_and_gives_way_to_a_large_one(app: App) -> None:
    """Opening the menu took the banner away and left a blank strip across the map, which
    looked on the projector as if the map had broken."""
    from game.ui import palette

    main = to_main(app)
    app.facilitator.banner = "Ten more minutes"
    main.ask_menu()
    step(app)
    box = app.facilitator._banner_box(main)[0]
    assert not box.colliderect(main.dialogs[-1].window.rect)
    assert tuple(app.window.get_at((box.x + 4, box.centery)))[:3] == palette.YELLOW
    main.dialogs[-1].close()
    main.help()  # a large window over the banner's place: the banner gives way
    step(app)
    assert box.colliderect(main.dialogs[-1].window.rect)
    assert tuple(app.window.get_at((box.x + 4, box.centery)))[:3] != palette.YELLOW


@pytest.mark.parametrize("app", [(1024, 640), (1280, 720)], indirect=True)
def test_on_the_hand_over_the_banner_sits_under_the_ready_button(app: App) -> None:
    """Above the heading, the banner covered "Month 2 of 24" in a 640-pixel window."""
    from game.ui import palette

    to_main(app)
    app.facilitator.banner = "Video viral: sachet PT Kemasindo di sungai. " * 4  # three lines
    flow.end_turn(app, app.scene.match)
    handover = app.scene
    assert isinstance(handover, HandoverScene)
    step(app)
    box, lines = app.facilitator._banner_box(handover)
    assert len(lines) >= 2 and box.top > handover.ready.rect.bottom
    assert app.window.get_rect().contains(box)
    assert tuple(app.window.get_at((box.x + 4, box.centery)))[:3] == palette.YELLOW


def test_during_a_pause_the_banner_sits_over_the_paused_card(app: App) -> None:
    """The pause kept the banner in its small spot over the map, off-centre, while the room
    read nothing else."""
    from game.ui import palette

    main = to_main(app)
    app.facilitator.banner = "Diskusi 5 menit: apa yang membuat kemitraan bertahan?"
    app.facilitator.paused = True
    step(app)
    box = app.facilitator._banner_box(main)[0]
    w, h = app.size
    assert abs(box.centerx - w // 2) <= 1 and h // 2 - 200 < box.bottom < h // 2 - 125
    assert tuple(app.window.get_at((box.x + 4, box.centery)))[:3] == palette.YELLOW


@pytest.mark.parametrize("app", [MIN_SIZE, (1024, 600)], indirect=True, ids=["640", "600"])
def test_a_long_banner_shows_the_whole_message_and_the_inject(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 130-character message took the map's three lines; its end and the inject fired after
    it were dropped with no sign that anything was missing. The banner now widens over the
    organisation card, and what still does not fit ends in "…"."""
    main = to_main(app)
    message = (
        "Ten more minutes, then we talk together at the front. Teams that have not evaluated"
        " their partnerships yet, do it now before the month ends."
    )
    main.match.apply(FireInject(main.world.scenario.injects[0].id))
    app.facilitator.fired = main.world.scenario.injects[0]
    app.facilitator.banner = message
    drawn: list[list[str]] = []
    monkeypatch.setattr(
        app.facilitator, "_draw_banner", lambda surface, box, lines: drawn.append(lines)
    )
    step(app)
    shown = " ".join(drawn[-1])
    assert message in shown
    assert app.t.text(main.world.scenario.injects[0].title) in shown
    assert not shown.endswith("…")
    area = main.banner_area()
    assert area.right > main.layout.map.right  # over the card, not three lines of the map
    three_lines = 3 * app.fonts.line_height(18, "bold") + 16 + 8  # the banner, and a gap
    assert main.map_rect().height >= main.layout.map.height - three_lines
    app.facilitator.banner = message * 4  # more than any screen holds: it says it was cut
    step(app)
    assert len(drawn[-1]) == 3 and drawn[-1][-1].endswith("…")


@pytest.mark.parametrize("app", [MIN_SIZE, (1024, 600)], indirect=True, ids=["640", "600"])
def test_the_banner_ends_where_the_map_begins(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 600 pixels the map's top third is under 100 pixels, and the banner was centred in
    it as in a strip: it came down over the names the map had placed below its end."""
    main = to_main(app)
    app.facilitator.banner = "Ten more minutes, then we talk."
    boxes: list[pygame.Rect] = []
    monkeypatch.setattr(
        app.facilitator, "_draw_banner", lambda surface, box, lines: boxes.append(box)
    )
    step(app)
    assert boxes[-1].top == main.banner_area().top
    assert boxes[-1].bottom < main.map_rect().top
    assert all(box.top >= main.map_rect().top for box in main.map.labels)


def test_missions_revealed_in_the_panel_are_revealed_in_the_debrief_too(app: App) -> None:
    """The results screen still said "still hidden" after the facilitator had revealed every
    mission from the panel: two reveals that disagreed."""
    main = to_main(app)
    open_panel(app)
    click(app, find(app, "#fac_reveal"))
    click(app, find(app, "#reveal_yes"))
    press(app, pygame.K_ESCAPE)
    debrief = DebriefScene(app, main.match)
    assert debrief.revealed
    debrief.hide_reveal()
    assert not app.facilitator.reveal


def test_the_banner_field_counts_its_characters_and_keeps_a_cleared_message(app: App) -> None:
    """The one-line field scrolled and dropped what was typed past 160 characters without a
    sign; "Clear" emptied it, so showing the message again meant typing it anew."""
    to_main(app)
    panel = open_panel(app)
    panel.banner_entry.set_text("Ten more minutes")
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_TEXT_ENTRY_CHANGED, {"ui_element": panel.banner_entry, "text": ""}
        )
    )
    step(app)
    assert panel.banner_count.text == "16/160"
    click(app, find(app, "#fac_banner_show"))
    click(app, find(app, "#fac_banner_clear"))
    assert app.facilitator.banner == ""
    panel = app.scene
    assert panel.banner_entry.get_text() == "Ten more minutes"
    panel.banner_entry.set_text("x" * 160)  # the field takes no more: it says it is full
    panel._count_banner()
    assert panel.banner_count.text == "160/160: full"


@pytest.mark.parametrize("app", [MIN_SIZE, (1024, 600)], indirect=True, ids=["640", "600"])
def test_the_month_summary_shows_the_whole_banner_between_report_and_buttons(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Squeezed between the summary's two buttons, a 118-character message ended
    "…kemitraannya, lak…" on the screen the whole room reads together."""
    main = to_main(app)
    message = (
        "Sepuluh menit lagi, lalu kita diskusi bersama di depan. Tim yang belum mengevaluasi"
        " kemitraannya, lakukan sekarang."
    )
    app.facilitator.banner = message
    match = main.match
    to_summary(app, match)
    drawn: list[tuple[pygame.Rect, list[str]]] = []
    monkeypatch.setattr(
        app.facilitator, "_draw_banner", lambda surface, box, lines: drawn.append((box, lines))
    )
    step(app)
    box, lines = drawn[-1]
    assert message in " ".join(lines)
    summary = app.scene
    assert not box.colliderect(summary.next_button.rect)
    assert not box.colliderect(summary.body.rect)
    assert box.width > app.size[0] // 2  # across the screen, not between the buttons


@pytest.mark.parametrize("app", [MIN_SIZE, (1024, 600)], indirect=True, ids=["640", "600"])
def test_a_team_folds_the_banner_off_its_card_and_the_next_team_sees_it_whole(app: App) -> None:
    """Three lines of banner over the map and the card hid the selected organisation's name
    and the team's trust in it, and a click on the banner went through to the map."""
    main = to_main(app)
    app.facilitator.banner = (
        "Sepuluh menit lagi, lalu kita diskusi bersama di depan. Tim yang belum mengevaluasi"
        " kemitraannya, lakukan sekarang."
    )
    step(app)
    main.select_org(2)
    step(app)
    wide = app.facilitator._drawn_banner
    assert wide is not None and wide.colliderect(main.layout.card)
    click_at(app, wide.center)
    assert main.selected == 2  # the click stayed on the banner
    folded = app.facilitator._drawn_banner
    assert folded is not None and folded.height < wide.height
    assert not folded.colliderect(main.layout.card)
    assert main.map_rect().height > main.layout.map.height - wide.height
    click_at(app, folded.center)  # open again
    assert app.facilitator._drawn_banner.height == wide.height
    click_at(app, app.facilitator._drawn_banner.center)  # folded for this team…
    flow.end_turn(app, main.match)  # …and the next team's screen shows it whole
    if isinstance(app.scene, HandoverScene):
        app.scene.go()
    step(app)
    assert isinstance(app.scene, MainScene) and app.scene is not main
    assert app.facilitator._drawn_banner.height == wide.height


def test_the_countdown_turns_orange_in_its_last_minute(app: App) -> None:
    """From the back of a village hall the pill looked the same at 0:29 as at 2:59."""
    main = to_main(app)
    app.facilitator.set_countdown(3)
    step(app)

    def colour_at_clock() -> tuple[int, int, int]:
        step(app)
        rect = main.timer_area()
        return tuple(app.window.get_at((rect.x + 6, rect.centery)))[:3]

    calm = colour_at_clock()
    app.facilitator.update(130.0)
    assert app.facilitator.remaining <= 60
    warned = colour_at_clock()
    assert warned != calm and warned == tuple(palette.WARN)[:3]


def test_the_month_summary_opens_with_the_inject_the_facilitator_fired(app: App) -> None:
    """A scheduled inject showed only as a cause beside a number; its story sat two screens
    down, under the needs, trust and moves."""
    main = to_main(app)
    inject = main.world.scenario.injects[0]
    main.match.apply(FireInject(inject.id))
    html = to_summary(app, main.match).html()
    lines = html.split("<br>")
    assert lines[0] == f"<b>{app.t('ui.summary.in_short')}</b>"
    assert app.t.text(inject.title) in lines[1]  # named first, in the month in short
    assert html.index(app.t("ui.summary.events")) < html.index(app.t("ui.summary.indicators"))
    assert html.index(app.t.text(inject.title), len(lines[0]) + len(lines[1])) < html.index(
        app.t("ui.summary.indicators")
    )  # and its story, before the needs


def test_over_the_paused_card_the_banner_is_whole_and_offers_no_fold(app: App) -> None:
    main = to_main(app)
    app.facilitator.banner = "Ten more minutes."
    step(app)
    click_at(app, app.facilitator._drawn_banner.center)  # folded for this team
    assert app.facilitator.folded()
    app.facilitator.paused = True
    lines = app.facilitator.banner_lines(600)
    assert lines == [f"{app.t('facilitator.banner.heading')} Ten more minutes."]
    assert main is app.scene


def _type(app: App, field, text: str) -> None:
    click(app, field)
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": ch}))
        step(app, 1)
    step(app, 3)


def test_a_new_session_starts_without_the_last_sessions_countdown(app: App) -> None:
    """A facilitator's review: a new session began with the previous one's countdown running
    (and its PIN, which could not be changed: see the next test)."""
    to_main(app)
    app.facilitator.set_countdown(3)
    app.facilitator.update(100.0)
    flow.back_to_start(app)
    step(app)
    main = to_main(app)
    assert app.facilitator.minutes == 0 and not app.facilitator.expired
    assert main.match.session.room.get("minutes") == 0
    app.facilitator.set_countdown(5)  # set in the panel for this session: a fresh clock
    assert app.facilitator.remaining == pytest.approx(300)


def test_the_pin_is_changed_or_removed_from_the_unlocked_panel(app: App) -> None:
    app.push(StartScene(app))
    step(app)
    _type(app, find(app, "#pin"), "1234")
    click(app, find(app, "#begin"))
    flow.back_to_start(app)  # the next session, on the same window: the PIN stays, locked
    step(app)
    assert not find(app, "#pin").is_enabled
    assert "Change PIN" in find(app, "#pin").tool_tip_text
    main = to_main(app)
    panel = open_panel(app)
    panel.pin_entry.set_text("1234")
    click(app, find(app, "#fac_unlock"))
    click(app, find(app, "#fac_pin_change"))
    _type(app, find(app, "#fac_new_pin"), "9876")
    click(app, find(app, "#fac_pin_save"))
    assert isinstance(app.scene, FacilitatorScene) and not panel.dialogs
    assert app.facilitator.check_pin("9876") and not app.facilitator.check_pin("1234")
    saved = json.loads(main.match.path.read_text("utf-8"))["room"]["pin"]
    assert "9876" not in saved and Session.load(main.match.path).room["pin"] == saved
    press(app, pygame.K_ESCAPE)
    panel = open_panel(app)
    assert not panel.unlocked
    panel.pin_entry.set_text("9876")
    click(app, find(app, "#fac_unlock"))
    assert panel.unlocked
    click(app, find(app, "#fac_pin_change"))  # empty: no PIN any more
    click(app, find(app, "#fac_pin_save"))
    assert not app.facilitator.has_pin and not app.facilitator.pin_locked
    assert "pin" not in json.loads(main.match.path.read_text("utf-8"))["room"]


@pytest.mark.parametrize(
    "app,lang", [((1024, 600), "id"), ((1920, 1080), "en")], indirect=["app"], ids=str
)
def test_the_countdown_never_covers_a_windows_title_bar_or_buttons(
    app: App, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A facilitator's review at 1024×600: "Sisa 2:59" was drawn over the windows' title
    bars. It keeps to its place in the top bar, or beside the window; a window as tall as
    the screen carries it at the right end of its own title bar, as text, clear of the title
    and the close button. It never covers any window's buttons."""
    app.set_language(lang)
    main = to_main(app)
    app.facilitator.set_countdown(3)
    drawn = _record_clock(app, monkeypatch)
    for open_one in (
        main.ask_end_turn,
        lambda: main.start_action("dialogue"),
        lambda: main.start_action("program"),
        main.help,
        lambda: main.start_action("propose"),
    ):
        open_one()
        step(app)
        clock = drawn[-1] if drawn[-1] is not None else main.timer_area()
        assert app.window.get_rect().contains(clock)
        windows = [d.window for d in main.dialogs]
        buttons = [
            e
            for e in app.manager.get_sprite_group().sprites()
            if isinstance(e, pygame_gui.elements.UIButton)
            and e.alive()
            and any(w.rect.contains(e.rect) for w in windows)  # the windows' own buttons
            and e is not windows[-1].title_bar
        ]
        for button in buttons:
            assert not clock.colliderect(button.rect), (button.text, clock)
        if getattr(app.facilitator, "clock_flat", False):
            # In the title bar of a window with no room outside it, after the title's text.
            window = windows[-1]
            title = window.title_bar
            assert window.rect.y < 60 and window.rect.bottom > app.size[1] - 60
            assert title.rect.contains(clock)
            assert clock.x >= title.rect.x + 12 + title.font.size(title.text)[0]
        else:
            for window in windows:
                assert not clock.colliderect(window.rect), (window.title_bar.text, clock)
        main.dialogs[-1].close()
        step(app)


def _record_clock(app: App, monkeypatch: pytest.MonkeyPatch) -> list[pygame.Rect | None]:
    """Where the countdown is drawn each frame (None: its place in the top bar)."""
    drawn: list[pygame.Rect | None] = []
    real = app.facilitator._draw_clock
    monkeypatch.setattr(
        app.facilitator,
        "_draw_clock",
        lambda s, sc, rect=None: (drawn.append(rect), real(s, sc, rect)),
    )
    return drawn
