"""The debrief screen under the dummy video driver: every tab and page draws in both languages,
the reveal waits for a confirmation, the report is exported off the frame, nothing changes the
session.
"""

from __future__ import annotations

import json
import re
import string
import time
import warnings
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.debrief import export
from game.debrief.errors import DebriefError
from game.scenario import bundled_scenarios, load_scenario
from game.sim.commands import EndMonth
from game.sim.session import Session
from game.ui.app import App
from game.ui.scenes.debrief import DebriefScene, RevealDialog
from game.ui.scenes.start import StartScene
from game.ui.widgets.debrief_blocks import Card, Grid, Text
from game.ui.widgets.debrief_pages import PAGES, TABS, build_page
from tests.uikit import click, find, pixel_spread, press, step, visible_texts

REPO = Path(__file__).resolve().parents[1]
TEAMS = {"smpn3": "Hijau", "lsm": "Bumi"}


@pytest.fixture(scope="module")
def session() -> Session:
    """A finished session of the default scenario, the teams' seats played by the computer."""
    info = next(i for i in bundled_scenarios() if i.id == "sekolah-hijau")
    loaded = load_scenario(info.path)
    controllers = {org: "collaborative" for org in TEAMS}
    played = Session(
        loaded.scenario,
        info.path.read_text(encoding="utf-8"),
        seed=3,
        months=8,
        controllers=controllers,
        teams=TEAMS,
    )
    while not played.world.finished:
        played.apply(EndMonth())
    return played


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en", intro=False)
    yield application
    application.close()


def open_debrief(app: App, session: Session) -> DebriefScene:
    scene = DebriefScene(app, session)
    app.push(scene)
    step(app)
    return scene


def page_words(scene: DebriefScene, page: str) -> str:
    """Every text a page would paint (cards and grids opened up)."""
    out = []

    def walk(blocks) -> None:
        for block in blocks:
            if isinstance(block, Text):
                out.append(block.text)
            elif isinstance(block, Card | Grid):
                walk(block.children)

    walk(build_page(page, scene.context()))
    return "\n".join(out)


def reveal_by_clicks(app: App) -> None:
    click(app, find(app, "#tab_reveal"))
    click(app, find(app, "#reveal_open"))
    click(app, find(app, "#reveal_yes"))


def fake_export(tmp_path: Path, calls: list):
    def write(debriefs, t, *, folder=None, for_teams=False):
        calls.append((debriefs, t.lang, for_teams))
        path = tmp_path / "reports" / f"{debriefs[0].session.id}-debrief.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<html>report</html>", encoding="utf-8")
        return path

    return write


def finish_export(app: App, scene: DebriefScene) -> None:
    assert scene.job is not None
    assert scene.job.wait(30)
    step(app)


# --- drawing ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_tab_and_page_draws_in_both_languages(
    app: App, session: Session, lang: str, tmp_path: Path
) -> None:
    app.set_language(lang)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Label Rect is too small")
        scene = open_debrief(app, session)
        reveal_by_clicks(app)
        for tab, pages in TABS.items():
            click(app, find(app, f"#tab_{tab}"))
            for page in pages:
                if len(pages) > 1:
                    click(app, find(app, f"#page_{page}"))
                assert (scene.tab, scene.page) == (tab, page)
                area = app.window.subsurface(scene.content_rect())
                assert pixel_spread(area) > 20, page
                assert scene.view.content_height > 200, page
                for element in app.manager.get_sprite_group().sprites():
                    if isinstance(element, pygame_gui.elements.UIButton) and element.alive():
                        width = element.font.size(element.text)[0]
                        assert width <= element.rect.width - 8, (element.text, element.rect.width)
    path = tmp_path / f"debrief-{lang}.png"
    pygame.image.save(app.window, str(path))
    assert path.stat().st_size > 20_000
    assert pixel_spread(pygame.image.load(str(path))) > 30


def test_a_debrief_after_one_month_draws_too(app: App) -> None:
    info = next(i for i in bundled_scenarios() if i.id == "tanggap-banjir")
    short = Session(load_scenario(info.path).scenario, info.path.read_text(encoding="utf-8"))
    short.apply(EndMonth())
    scene = open_debrief(app, short)
    for page in PAGES:
        if page in ("missions", "notes"):
            scene.revealed = True
        scene.show(page)
        step(app, 1)
        assert pixel_spread(app.window.subsurface(scene.content_rect())) > 10, page
    assert "1" in page_words(scene, "summary")


def test_the_pages_name_every_organisation_benefit_and_question(app: App, session: Session) -> None:
    scene = open_debrief(app, session)
    d, t = scene.debrief, app.t
    summary = page_words(scene, "summary")
    for card in d.orgs:
        assert t.msg(card.name) in summary
    questions = page_words(scene, "questions")
    for q in (*d.now_what.questions, *d.now_what.prompts):
        assert t.msg(q.text) in questions
    chains = page_words(scene, "chains")
    for chain in d.so_what.chains:
        assert t.msg(chain.story) in chains
    climate = page_words(scene, "climate")
    for chart_id in ("climate", "trust", "tension"):
        for mark in d.so_what.chart(chart_id).marks:
            assert t.msg(mark.text) in climate


def test_tab_key_and_arrows_walk_the_pages_and_keys_scroll(app: App, session: Session) -> None:
    scene = open_debrief(app, session)
    press(app, pygame.K_RIGHT)
    assert scene.page == "timeline"
    press(app, pygame.K_TAB)
    assert (scene.tab, scene.page) == ("so_what", "benefits")
    press(app, pygame.K_LEFT)
    assert scene.page == "timeline"
    assert scene.view.scroll == 0 and scene.view.max_scroll > 0
    press(app, pygame.K_PAGEDOWN)
    assert scene.view.scroll > 0
    press(app, pygame.K_END)
    assert scene.view.scroll == scene.view.max_scroll
    press(app, pygame.K_HOME)
    assert scene.view.scroll == 0
    centre = scene.content_rect().center
    motion = {"pos": centre, "rel": (0, 0), "buttons": (0, 0, 0)}
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, motion))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, {"x": 0, "y": -2}))
    step(app)
    assert scene.view.scroll == 120


def test_show_all_organisations_adds_the_computer_players_to_the_scorecard(
    app: App, session: Session
) -> None:
    scene = open_debrief(app, session)
    click(app, find(app, "#tab_so_what"))
    click(app, find(app, "#page_benefits"))
    teams_only = pygame.Surface.copy(app.window.subsurface(scene.content_rect()))
    click(app, find(app, "#toggle"))
    assert scene.all_orgs
    assert [c.id for c in scene.context().ordered()][:2] == list(TEAMS)
    assert len(scene.context().ordered()) == len(scene.debrief.orgs)
    shown = app.window.subsurface(scene.content_rect())
    assert pygame.image.tobytes(shown, "RGB") != pygame.image.tobytes(teams_only, "RGB")


# --- language --------------------------------------------------------------------------------
def test_switching_language_changes_what_is_on_screen(app: App, session: Session) -> None:
    scene = open_debrief(app, session)
    click(app, find(app, "#tab_so_what"))
    english = pygame.Surface.copy(app.window.subsurface(scene.content_rect()))
    assert "2 · So what?" in visible_texts(app)
    press(app, pygame.K_l)
    assert app.t.lang == "id"
    texts = visible_texts(app)
    assert "2 · Apa artinya?" in texts and "Ekspor laporan" in texts
    assert scene.tab == "so_what"  # the page stays where it was
    shown = app.window.subsurface(scene.content_rect())
    assert pygame.image.tobytes(shown, "RGB") != pygame.image.tobytes(english, "RGB")
    click(app, find(app, "#language"))
    assert app.t.lang == "en"


def test_catalogues_have_the_same_keys_and_every_key_the_screen_uses() -> None:
    def load(lang: str) -> dict[str, str]:
        path = REPO / "assets" / "i18n" / lang / "ui_debrief.json"
        return json.loads(path.read_text(encoding="utf-8"))

    en, ind = load("en"), load("id")
    assert set(en) == set(ind)
    for key in en:
        fields = [{f for _, f, _, _ in string.Formatter().parse(c[key]) if f} for c in (en, ind)]
        assert fields[0] == fields[1], key
    used = set()
    for path in [REPO / "game/ui/scenes/debrief.py", *(REPO / "game/ui/widgets").glob("debrief_*")]:
        used |= set(re.findall(r"""["'](ui_debrief\.[a-z0-9_.]+[a-z0-9_])["']""", path.read_text()))
    built = {f"ui_debrief.tab.{tab}" for tab in TABS}
    built |= {f"ui_debrief.page.{page}" for pages in TABS.values() for page in pages}
    built |= {f"ui_debrief.{chart}.hint" for chart in ("climate", "trust", "tension")}
    assert sorted((used | built) - set(en)) == []


# --- the reveal ------------------------------------------------------------------------------
def test_the_reveal_shows_nothing_until_the_facilitator_confirms(
    app: App, session: Session
) -> None:
    scene = open_debrief(app, session)
    agenda = next(c.hidden_agenda for c in scene.debrief.reveal.cards if c.hidden_agenda)
    secret = app.t.msg(agenda)
    click(app, find(app, "#tab_reveal"))
    assert scene.page == "locked"
    assert secret not in page_words(scene, scene.page)
    with pytest.raises(LookupError):
        find(app, "#page_missions")
    for _ in range(len(TABS) * 4):  # walking the pages with the keys never opens it
        press(app, pygame.K_RIGHT, frames=1)
        assert scene.page != "missions"
    click(app, find(app, "#tab_reveal"))
    click(app, find(app, "#reveal_open"))
    assert isinstance(scene.dialogs[-1], RevealDialog)
    press(app, pygame.K_ESCAPE)  # changed their mind
    assert not scene.dialogs and scene.page == "locked"
    click(app, find(app, "#reveal_open"))
    press(app, pygame.K_l)  # the question survives a language switch
    assert isinstance(scene.dialogs[-1], RevealDialog)
    click(app, find(app, "#reveal_no"))
    assert scene.page == "locked"
    click(app, find(app, "#reveal_open"))
    click(app, find(app, "#reveal_yes"))
    assert scene.page == "missions"
    assert app.t.msg(agenda) in page_words(scene, "missions")
    click(app, find(app, "#reveal_hide"))
    assert scene.page == "locked"


# --- the report ------------------------------------------------------------------------------
def test_export_button_writes_the_report_in_the_background_and_says_where(
    app: App, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list = []
    writer = fake_export(tmp_path, calls)

    def slow(debriefs, t, **kwargs):
        time.sleep(0.3)
        return writer(debriefs, t, **kwargs)

    monkeypatch.setattr(export, "export_report", slow)
    scene = open_debrief(app, session)
    app.set_language("id")
    step(app)
    click(app, find(app, "#export"), frames=2)
    assert scene.job is not None and not scene.job.done  # the frame went on meanwhile
    assert not find(app, "#export").is_enabled
    finish_export(app, scene)
    path = scene.job.path
    assert path is not None and path.exists()
    assert calls[0][1] == "id"  # in the language on screen
    # Not yet revealed on screen: the copy leaves the reveal out, and says so.
    assert calls[0][2] is True
    assert scene.status is not None and scene.status[0] == "ui_debrief.export.done_teams"
    assert str(path) in app.t(scene.status[0], **scene.status[1])
    assert app.toast is not None and str(path) in app.toast.text
    assert find(app, "#export").is_enabled
    # one click from the saved report to the browser, to read, print or share it
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    click(app, find(app, "#open_report"))
    assert opened == [path.resolve().as_uri()]
    assert str(path) in app.toast.text  # said even when a browser claims to have opened it
    monkeypatch.setattr("webbrowser.open", lambda url: False)  # no browser on this laptop
    click(app, find(app, "#open_report"))
    assert str(path) in app.toast.text


def test_a_failed_export_says_why_and_what_to_do(
    app: App, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(debriefs, t, **kwargs):
        raise DebriefError("write_failed", file="/readonly/x.html", detail="Permission denied")

    monkeypatch.setattr(export, "export_report", refuse)
    scene = open_debrief(app, session)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    assert scene.status is not None and scene.status[2] == "error"
    text = app.toast.text
    assert "/readonly/x.html" in text and "Permission denied" in text and "--out" not in text

    def crash(debriefs, t, **kwargs):
        raise ValueError("bad figure")

    monkeypatch.setattr(export, "export_report", crash)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    assert "bad figure" in app.toast.text and app.toast.kind == "error"


def test_the_real_export_writes_an_html_report(app: App, session: Session) -> None:
    scene = open_debrief(app, session)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    assert scene.job.error is None, app.t.msg(scene.job.error)
    html = scene.job.path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html") or "<html" in html[:200]
    for card in scene.debrief.orgs:
        assert app.t.msg(card.short) in html


# --- read-only and leaving ---------------------------------------------------------------------
def test_the_screen_never_changes_the_session(
    app: App, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "export_report", fake_export(tmp_path, []))

    def state() -> tuple:
        record = session.to_json()
        record.pop("saved")  # the time of asking
        world = session.world
        return (
            json.dumps(record, sort_keys=True),
            world.trust.tobytes(),
            world.tension.tobytes(),
            world.indicators.tobytes(),
            [(o.funds, o.staff, o.agenda) for o in world.orgs],
            len(world.entries),
            len(world.history.snapshots),
        )

    before = state()
    scene = open_debrief(app, session)
    reveal_by_clicks(app)
    for page in PAGES:
        scene.show(page)
        step(app, 1)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    assert state() == before


def test_start_screen_button_leaves_the_debrief(app: App, session: Session) -> None:
    open_debrief(app, session)
    click(app, find(app, "#menu"))
    assert isinstance(app.scene, StartScene)


def test_the_report_holds_the_reveal_only_once_it_was_revealed_on_screen(
    app: App, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared report held every hidden agenda: what the room has not seen stays out."""
    calls: list = []
    monkeypatch.setattr(export, "export_report", fake_export(tmp_path, calls))
    scene = open_debrief(app, session)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    scene.reveal()
    step(app)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    assert [c[2] for c in calls] == [True, False]
    assert scene.status[0] == "ui_debrief.export.done"


def test_the_full_report_never_replaces_the_teams_copy(app: App, session: Session) -> None:
    """Exported after the reveal, the full report went to the very file the screen had just
    called safe to share, and every hidden agenda with it."""
    scene = open_debrief(app, session)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    teams = scene.job.path
    scene.reveal()
    step(app)
    click(app, find(app, "#export"))
    finish_export(app, scene)
    full = scene.job.path
    assert teams != full and teams.exists() and full.exists()
    assert 'id="reveal"' not in teams.read_text(encoding="utf-8")
    assert 'id="reveal"' in full.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_challenges_and_pillars_labels_are_whole_at_1024_pixels(
    app: App, session: Session, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1024 pixels "Shared understanding reached" read "Shared understanding reach…"."""
    from game.debrief.build import build_debrief
    from game.sim.outcomes import CHALLENGE_IDS, PILLAR_IDS
    from game.ui.widgets import debrief_tables as tables

    app.set_language(lang)
    t, fonts = app.t, app.fonts
    d = build_debrief(session)
    cut: list[str] = []
    fit = fonts.fit

    def spy(text: str, width: int, *args, **kwargs) -> str:
        out = fit(text, width, *args, **kwargs)
        if out != text:
            cut.append(text)
        return out

    monkeypatch.setattr(fonts, "fit", spy)
    surface = pygame.Surface((950, 800))
    tables.challenges(surface, surface.get_rect(), d, list(d.orgs[:3]), t, fonts)
    labels = {t(f"sim.challenge.{i}") for i in CHALLENGE_IDS}
    labels |= {t(f"sim.pillar.{i}") for i in PILLAR_IDS}
    assert not labels & set(cut)
