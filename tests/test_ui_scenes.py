"""The game window under the dummy video driver: every screen draws, clicks drive the game.

These tests go through `App.step` with posted pygame events, the same path a person's mouse
takes. They use the bundled default scenario unless a test needs a shorter one.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.scenario import bundled_scenarios
from game.sim.state import ProposalStatus
from game.ui import flow
from game.ui.app import MIN_SIZE, App
from game.ui.formatting import money
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.loading import LoadingScene
from game.ui.scenes.main import MainScene
from game.ui.scenes.month_summary import SHORT_TRUST_RISE, MonthSummaryScene
from game.ui.scenes.start import StartScene
from game.ui.widgets.form import FormDialog
from game.ui.widgets.help import TABS
from game.ui.widgets.negotiation import NegotiationDialog
from tests.uikit import (
    boxes_text,
    click,
    click_at,
    find,
    hover,
    pixel_spread,
    press,
    step,
    visible_texts,
)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("id", intro=False)
    yield application
    application.close()


def begin(app: App, **kwargs) -> StartScene:
    start = StartScene(app, **kwargs)
    app.push(start)
    step(app)
    return start


def to_main(app: App) -> MainScene:
    """From the start screen with default teams to the first team's main screen, by clicks."""
    begin(app)
    click(app, find(app, "#begin"))
    if isinstance(app.scene, HandoverScene):
        step(app, 60)  # the hand-over settles before it takes a click
        click(app, find(app, "#ready"))
    assert isinstance(app.scene, MainScene)
    return app.scene


def test_every_scene_and_dialog_draws_something(app: App) -> None:
    main = to_main(app)
    assert pixel_spread(app.window) > 20
    for action in ("dialogue", "program", "grant", "train", "share"):
        main.start_action(action)
        step(app)
        assert isinstance(main.dialogs[-1], FormDialog)
        assert pixel_spread(app.window) > 20
        main.dialogs[-1].close()
    main.start_action("propose")
    step(app)
    assert isinstance(main.dialogs[-1], NegotiationDialog)
    main.dialogs[-1].close()
    main.help()
    for tab in TABS:
        main.dialogs[-1].show(tab)
        step(app)
        assert pixel_spread(app.window) > 20
    main.dialogs[-1].close()
    flow.end_turn(app, main.match)
    step(app)
    assert isinstance(app.scene, HandoverScene)  # two teams share the laptop
    step(app, 60)  # settled: the ready button is live
    assert pixel_spread(app.window) > 20
    app.scene.go()
    flow.end_turn(app, app.scene.match)
    step(app)
    assert isinstance(app.scene, MonthSummaryScene)
    assert pixel_spread(app.window) > 20
    app.replace(DebriefScene(app, app.scene.match))
    step(app)
    assert pixel_spread(app.window) > 20


def test_main_screen_screenshot_is_not_blank(app: App, tmp_path: Path) -> None:
    to_main(app)
    step(app)
    path = tmp_path / "main.png"
    pygame.image.save(app.window, str(path))
    assert path.stat().st_size > 20_000
    assert pixel_spread(pygame.image.load(str(path))) > 30


def test_clicks_carry_a_proposal_through_negotiation(app: App) -> None:
    main = to_main(app)
    world = main.world
    click(app, find(app, "#action_propose"))
    dialog = main.dialogs[-1]
    assert isinstance(dialog, NegotiationDialog)
    click(app, find(app, "#partner_dlh"))
    click(app, find(app, "#model_cross_sector"))
    assert dialog.draft.partners == ["dlh"]
    before = len(world.proposals)
    click(app, find(app, "#send_proposal"))
    assert len(world.proposals) == before + 1
    proposal = world.proposals[-1]
    assert proposal.proposer == main.viewer
    # The AI answered at once: agreed, declined, or a counter-offer waiting for us.
    if proposal.status == ProposalStatus.open:
        assert proposal.waiting_on == main.viewer
        click(app, find(app, "#accept"))
        assert proposal.status in (ProposalStatus.agreed, ProposalStatus.rejected)
    assert proposal.status != ProposalStatus.open
    assert main.match.org.agenda == world.rules.agenda - 1
    click(app, find(app, "#close"))
    assert not main.dialogs


def test_an_incoming_proposal_can_be_answered_from_the_inbox(app: App) -> None:
    main = to_main(app)
    incoming = main._incoming()
    if not incoming:
        pytest.skip("no AI proposal to this team in month 1 of this seed")
    main.show_tab("inbox")
    step(app)
    rect = main.list.row_rect(("proposal", incoming[0].id))
    assert rect is not None
    click_at(app, rect.center)
    assert isinstance(main.dialogs[-1], NegotiationDialog)
    click(app, find(app, "#walk_away"))
    assert incoming[0].status == ProposalStatus.rejected


def test_a_form_shows_cost_and_effect_and_applies_the_command(app: App) -> None:
    main = to_main(app)
    main.select_org(main.world.org_index["dlh"])
    press(app, pygame.K_d)  # the dialogue shortcut opens the form for the selected organisation
    form = main.dialogs[-1]
    assert isinstance(form, FormDialog)
    assert form.values["other"] == "dlh"
    text = form.preview.html_text
    assert "agenda" in text and "Rp" in text
    tension_before = float(main.world.tension[main.viewer, main.world.org_index["dlh"]])
    click(app, find(app, "#form_ok"))
    assert not main.dialogs
    assert main.match.org.agenda == main.world.rules.agenda - 1
    assert float(main.world.tension[main.viewer, main.world.org_index["dlh"]]) <= tension_before


def test_an_illegal_command_shows_the_engines_reason_in_the_form(app: App) -> None:
    main = to_main(app)
    main.start_action("program")
    form = main.dialogs[-1]
    form.values["funds"] = 10_000.0  # far more than the school has
    click(app, find(app, "#form_ok"))
    assert main.dialogs and "Rp" in form.error
    assert main.match.org.agenda == main.world.rules.agenda


def test_switching_language_changes_visible_text(app: App) -> None:
    to_main(app)
    before = visible_texts(app)
    assert any("Akhiri giliran" in text for text in before)
    press(app, pygame.K_l)
    after = visible_texts(app)
    assert app.t.lang == "en"
    assert any("End turn" in text for text in after)
    assert not any("Akhiri giliran" in text for text in after)
    app.notify(app.t("ui.blocked.no_agenda"))  # a message in English, then back to Indonesian
    press(app, pygame.K_l)
    assert app.toast is None  # it stayed in English on the Indonesian screen


def test_language_switch_keeps_an_open_negotiation(app: App) -> None:
    main = to_main(app)
    main.start_action("propose")
    main.dialogs[-1].toggle_partner("dlh")
    press(app, pygame.K_l)
    assert isinstance(main.dialogs[-1], NegotiationDialog)
    assert main.dialogs[-1].draft.partners == ["dlh"]


def test_language_switch_and_resize_keep_an_open_action_form(app: App) -> None:
    main = to_main(app)
    main.select_org(main.world.org_index["dlh"])
    main.start_action("program")
    form = main.dialogs[-1]
    funds = next(f for f in form.spec.fields if f.name == "funds")
    form.set_value("funds", funds.minimum + funds.step)
    press(app, pygame.K_l)
    again = main.dialogs[-1]
    assert isinstance(again, FormDialog) and again is not form
    assert again.spec.title != form.spec.title  # now in English
    assert again.values == form.values
    app.window = pygame.display.set_mode((1280, 720))
    app._resized()
    assert isinstance(main.dialogs[-1], FormDialog)
    assert main.dialogs[-1].values == form.values
    click(app, find(app, "#form_ok"))
    assert main.match.org.agenda == main.world.rules.agenda - 1


def test_letter_shortcuts_do_nothing_while_typing(app: App) -> None:
    start = begin(app)
    entry = next(iter(start.entries))
    click(app, entry)
    press(app, pygame.K_l)
    assert app.t.lang == "id"


def test_the_month_resolves_once_after_the_last_team(app: App) -> None:
    main = to_main(app)
    match = main.match
    assert len(match.teams) == 2
    month = match.world.month
    flow.end_turn(app, match)
    assert match.world.month == month  # the first team's end does not resolve the month
    assert isinstance(app.scene, HandoverScene)
    app.scene.go()
    assert match.team is match.teams[1]
    flow.end_turn(app, match)
    assert match.world.month == month + 1
    assert isinstance(app.scene, MonthSummaryScene)
    assert match.path.exists()  # autosaved when the month resolved


def test_a_corrupt_session_file_gives_a_message_not_a_traceback(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "broken.kolaborasi.json"
    bad.write_text('{"format": "kolaborasi-session", "version": 1, "scen', encoding="utf-8")
    app.push(LoadingScene(app, bad))
    wait_while_loading(app)
    assert isinstance(app.scene, StartScene)
    step(app)
    dialog = app.scene.dialogs[-1]
    assert "broken.kolaborasi.json" in dialog.text.html_text


def test_a_session_whose_backup_is_damaged_too_does_not_send_one_to_the_backup(
    app: App, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.kolaborasi.json"
    bad.write_text('{"format": "kolaborasi-session", "version": 1, "scen', encoding="utf-8")
    bad.with_name(bad.name + ".bak").write_text("{", encoding="utf-8")
    app.push(LoadingScene(app, bad))
    wait_while_loading(app)
    step(app)
    text = app.scene.dialogs[-1].text.html_text
    assert "juga tidak bisa dipakai" in text  # "its backup could not be used either"
    assert "Coba cadangannya" not in text  # never "try its backup" once it was tried


def wait_while_loading(app: App, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while isinstance(app.scene, LoadingScene) and time.monotonic() < deadline:
        step(app, 1)
        time.sleep(0.01)


def test_resume_opens_the_saved_month(app: App) -> None:
    main = to_main(app)
    match = main.match
    flow.end_turn(app, match)
    app.scene.go()
    flow.end_turn(app, match)
    path = match.path
    app.reset(LoadingScene(app, path))
    wait_while_loading(app)
    summary = app.scene  # reopened between months: last month's summary first
    assert isinstance(summary, MonthSummaryScene) and summary.report.month == 1
    summary.next()
    scene = app.scene
    assert isinstance(scene, HandoverScene)
    assert scene.match.world.month == 2
    assert scene.match.session.commands == match.session.commands


def test_a_broken_scenario_file_shows_its_problems(app: App, write_scenario) -> None:
    path = write_scenario("format: 1\nmeta: {id: x}\n", "broken.yaml")
    start = begin(app)
    start.select(path)
    step(app)
    dialog = start.dialogs[-1]
    assert "broken.yaml" in dialog.text.html_text


# The design size, the smallest window, and a netbook's screen (full screen only).
SIZES = [(1280, 720), (1024, 640), (1024, 600)]


def resize(app: App, size: tuple[int, int]) -> None:
    app.window = pygame.display.set_mode(size)
    app.fullscreen = size[1] < MIN_SIZE[1]  # only full screen goes below the smallest window
    app._resized()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_label_is_cut_off_on_the_main_screens(app: App, lang: str, size) -> None:
    """pygame_gui warns when a label's text does not fit; at 1280×720 and 1024×640 none may."""
    resize(app, size)
    app.set_language(lang)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Label Rect is too small")
        main = to_main(app)
        main.start_action("program")
        step(app)
        main.dialogs[-1].close()
        main.start_action("propose")
        main.dialogs[-1].toggle_partner("dlh")
        step(app)
        main.dialogs[-1].close()
        flow.end_turn(app, main.match)
        app.scene.go()
        flow.end_turn(app, app.scene.match)
        step(app)
        app.replace(DebriefScene(app, app.scene.match))
        step(app)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_button_label_fits_its_button(app: App, lang: str, size) -> None:
    resize(app, size)
    app.set_language(lang)
    main = to_main(app)
    main.show_tab("inbox")
    main.tab_buttons["inbox"].set_text(main._tab_title("inbox").replace("1", "8"))
    _assert_buttons_fit(app)  # the main screen, with its action buttons and tabs
    main.start_action("propose")
    main.dialogs[-1].toggle_partner("lsm")
    main.dialogs[-1].toggle_partner("pt-kemasindo")
    main.dialogs[-1].toggle_partner("dlh")
    step(app)
    _assert_buttons_fit(app)
    sliders = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIHorizontalSlider) and e.alive()
    ]
    for n, a in enumerate(sliders):  # the contributions' sliders no longer overlap
        for b in sliders[n + 1 :]:
            assert not a.rect.colliderect(b.rect), (a.rect, b.rect)


def _assert_buttons_fit(app: App) -> None:
    for element in app.manager.get_sprite_group().sprites():
        if isinstance(element, pygame_gui.elements.UIButton) and element.alive() and element.text:
            width = element.font.size(element.text)[0]
            # Action buttons start their text 10 pixels in; the others centre it.
            room = element.rect.width - (20 if "@action" in element.object_ids else 8)
            assert width <= room, (element.text, element.rect.width)
    main = app.scene
    if isinstance(main, MainScene):
        for b in main.action_buttons.values():  # all inside their panel, none cut off
            assert main.layout.actions.contains(b.rect), b.text


MAP_CASES = [
    (info.id, size, banner)
    for info in bundled_scenarios()
    for size, banner in ((SIZES[1], False), (SIZES[1], True), (SIZES[0], False), (SIZES[2], False))
]


@pytest.mark.parametrize(("scenario_id", "size", "banner"), MAP_CASES)
def test_names_on_the_map_cover_no_shape_and_no_other_name(
    app: App, scenario_id: str, size, banner: bool
) -> None:
    """Every bundled scenario, in the smallest window (also under the facilitator's banner,
    which takes the top of the map) and a common one. A name may graze a shape's ring, but
    not cover its middle, where it would be read as that shape's name."""
    from game.scenario import load_scenario
    from game.sim.commands import EndMonth

    resize(app, size)
    info = next(i for i in bundled_scenarios() if i.id == scenario_id)
    loaded = load_scenario(info.path)
    teams = {p: f"Tim {k}" for k, p in enumerate(loaded.scenario.players, 1)}
    flow.start_match(app, loaded, info.path.read_text("utf-8"), teams)
    if banner:
        app.facilitator.banner = "Istirahat 10 menit, lalu kita bahas hoaks di posko."
    step(app)
    if isinstance(app.scene, HandoverScene):
        step(app, 60)
        click(app, find(app, "#ready"))
    main = app.scene
    assert isinstance(main, MainScene)
    for month in range(6):  # the computer's partnerships put badges on the lines
        step(app)
        labels, shapes = main.map.labels, main.map.shapes
        assert len(labels) == len(main.world.orgs)
        for i, box in enumerate(labels):
            assert main.map_rect().contains(box)
            for j, other in enumerate(labels):
                if i != j:
                    assert not box.colliderect(other), (month, i, j)
                    assert not box.colliderect(shapes[j].inflate(-12, -12)), (month, i, j)
            for badge in main.map.badges:
                assert not box.colliderect(badge.rect), (month, i, badge.partnership)
            assert main.map.hit(box.center) == i  # a click on a name selects its organisation
        badges = [b.rect for b in main.map.badges]
        for k, badge in enumerate(badges):  # badges stay readable: at most a sliver covered
            for other in badges[k + 1 :]:
                clip = badge.clip(other)
                assert clip.width * clip.height <= 0.1 * badge.width * badge.height, (month, k)
        # The team's own partnerships always have their badge; another's gives way, whole.
        world, viewer = main.world, main.viewer
        live = [p for p in world.partnerships if p.is_live and len(p.members) >= 2]
        shown = {b.partnership: b.rect for b in main.map.badges}
        assert {p.id for p in live if viewer in p.members} <= set(shown)
        for p in live:
            if viewer not in p.members and p.id in shown:
                rect = shown[p.id]
                assert not any(rect.colliderect(o) for k, o in shown.items() if k != p.id)
                assert not any(rect.colliderect(o) for o in main.map.shapes)
        main.match.apply(EndMonth())


@pytest.mark.parametrize("width", [1024, 1140, 1180, 1240, 1280])
def test_every_slider_of_a_proposal_stays_usable_at_any_width(app: App, width: int) -> None:
    resize(app, (width, 720))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Label Rect is too small")
        main = to_main(app)
        main.start_action("propose")
        for org in ("lsm", "pt-kemasindo", "dlh"):
            main.dialogs[-1].toggle_partner(org)
        step(app)
    sliders = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIHorizontalSlider) and e.alive()
    ]
    assert len(sliders) == 3 + 1 + 2 * 4  # needs, duration, funds and staff of four members
    for n, a in enumerate(sliders):
        assert a.rect.width >= 60, a.rect  # arrows and a track to drag
        for b in sliders[n + 1 :]:
            assert not a.rect.colliderect(b.rect), (a.rect, b.rect)


@pytest.mark.parametrize("scenario_id", ["tanggap-banjir", "kopi-desa-digital"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_four_needs_and_every_action_fit_a_short_window(
    app: App, scenario_id: str, lang: str
) -> None:
    """Scenarios with four community needs at 1024×640: the month's tip gives up lines
    (and shows whole on hover) rather than covering a need; no action button falls off."""
    from game.scenario import bundled_scenarios, load_scenario

    resize(app, (1024, 640))
    app.set_language(lang)
    info = next(i for i in bundled_scenarios() if i.id == scenario_id)
    loaded = load_scenario(info.path)
    assert len(loaded.scenario.domains) == 4
    team = loaded.scenario.players[0]
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {team: "Tim 1"})
    hints = {h.month for h in loaded.scenario.hints}
    for _ in range(max(hints, default=1)):
        main = app.scene
        assert isinstance(main, MainScene)
        step(app)
        needs = main.needs
        if needs.hint is not None:
            assert needs.bottom <= needs.hint.top
        if main.hint_box is not None:  # the whole tip on hover
            click_at(app, main.hint_box.center, frames=1)
        _assert_buttons_fit(app)
        flow.end_turn(app, main.match)
        assert isinstance(app.scene, MonthSummaryScene)
        app.scene.next()


def test_a_disabled_action_says_why_when_the_mouse_is_on_it(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pygame_gui shows no tooltip on a disabled button; the screen says why itself."""
    import game.ui.scenes.main as main_module

    main = to_main(app)
    shown: list[list[str]] = []
    monkeypatch.setattr(main_module, "draw_tooltip", lambda _s, _f, lines, _p: shown.append(lines))
    meeting = main.action_buttons["meeting"]
    assert not meeting.is_enabled  # no partnership yet
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, {"pos": meeting.rect.center, "rel": (0, 0), "buttons": (0, 0, 0)}
        )
    )
    step(app)
    assert shown and any("kemitraan" in line.lower() for line in shown[-1][1:2])


def test_the_month_summary_gives_a_cause_that_moves_trust_the_way_it_moved(app: App) -> None:
    """A third party's missed payment is no reason for a rise in trust, nor for a fall in
    trust in someone else: only the missed payment of the one trusted explains a fall."""
    from dataclasses import replace

    from game.sim.commands import EndMonth

    main = to_main(app)
    match = main.match
    report = match.apply(EndMonth())
    world = match.world
    a, b, c = 0, 1, 2

    def missed(by: int) -> str:
        world.log("missed", "missed_contribution", (by, a, b, c), org=world.name(by), amount=1.0)
        world.entries[-1] = replace(world.entries[-1], month=report.month)
        return app.t.msg(world.entries[-1].msg)

    scene = MonthSummaryScene(app, match, report)
    by_c = missed(c)
    assert scene._cause(a, b, rose=True) != by_c
    assert scene._cause(a, b, rose=False) == ""  # c's miss says nothing of a's trust in b
    assert scene._cause(a, b, rose=False) != by_c
    by_b = missed(b)
    assert scene._cause(a, b, rose=False) == by_b


def test_a_form_the_engine_would_refuse_keeps_its_confirm_button_off(app: App) -> None:
    main = to_main(app)
    main.start_action("program")
    form = main.dialogs[-1]
    assert form.ok.is_enabled
    top = next(f for f in form.spec.fields if f.name == "funds").maximum
    assert top > main.match.org.funds
    form.set_value("funds", top)  # more than the team has
    assert not form.ok.is_enabled
    assert "(!)" in form.preview.html_text  # and it says why
    form.set_value("funds", 1.0)
    assert form.ok.is_enabled


def test_a_new_proposal_waits_while_an_offer_between_the_same_parties_is_open(app: App) -> None:
    main = to_main(app)
    incoming = main._incoming()
    if not incoming:
        pytest.skip("no AI proposal to this team in month 1 of this seed")
    offer = incoming[0]
    world = main.world
    others = [world.orgs[m].id for m in offer.parties if m != main.viewer]
    main.start_action("propose")
    dialog = main.dialogs[-1]
    for org in others:
        dialog.toggle_partner(org)
    step(app)
    assert not dialog.send_button.is_enabled
    assert f"#{offer.id}" in dialog.preview_box.html_text  # which offer to answer instead


def test_the_month_summary_shows_the_scenarios_goals(app: App) -> None:
    from html import escape

    from game.debrief.model import scenario_text
    from game.i18n import format_number, short_of
    from game.scenario import bundled_scenarios, load_scenario

    info = next(i for i in bundled_scenarios() if i.id == "tutorial")
    loaded = load_scenario(info.path)
    team = loaded.scenario.players[0]
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {team: "Tim 1"})
    flow.end_turn(app, app.scene.match)
    summary = app.scene
    assert isinstance(summary, MonthSummaryScene)
    html = summary.html()
    assert "Tujuan skenario" in html
    for objective in loaded.scenario.objectives:
        assert escape(app.t.msg(scenario_text(objective.text))) in html
    # A goal judged at the end says where it stands in its own figures, provisionally:
    # "2% sejauh ini" left cadres asking 2% of what.
    world = summary.match.world
    for objective in loaded.scenario.objectives:
        if objective.indicator is not None:
            value = float(world.indicators[world.domain_index[objective.indicator]])
            now = format_number(short_of(round(value, 2), float(objective.value or 0)), "id")
            assert f"sekarang {now} (target " in html and "dinilai di akhir" in html
    assert "% sejauh ini" not in html


def test_the_map_tip_gives_trust_and_tension_in_words(app: App) -> None:
    from game.ui.formatting import num, tension_word, trust_word

    main = to_main(app)
    world = main.world
    other = next(o.idx for o in world.orgs if o.idx != main.viewer)
    world.trust[main.viewer, other] = 0.1
    lines = main.map.org_tip(world, main.viewer, other, main.team_names)
    assert any(trust_word(app.t, 0.1) in line and "0,1" in line for line in lines)
    tension = float(world.tension[main.viewer, other] + world.tension[other, main.viewer]) / 2
    word = tension_word(app.t, tension, world.rules.dispute_threshold)
    assert any(
        app.t("ui.map.tension", value=num(app.t, tension, 2), word=word) == line for line in lines
    )


def test_the_month_summary_names_events_and_injects_as_causes(app: App) -> None:
    """A facilitator's review: the need lines named only two programmes while an event moved
    the need by 2, and the trust an inject knocked down had no 'because' at all."""
    from game.scenario import bundled_scenarios, load_scenario
    from game.sim.commands import FireInject

    info = next(i for i in bundled_scenarios() if i.id == "tanggap-banjir")
    loaded = load_scenario(info.path)
    teams = {loaded.scenario.players[0]: "Tim 1"}  # one team per laptop: all of it shows
    flow.start_match(app, loaded, info.path.read_text("utf-8"), teams)
    app.scene.match.apply(FireInject("hoaks-bantuan"))
    while not isinstance(app.scene, MonthSummaryScene):
        flow.end_turn(app, app.scene.match)
        step(app)
    html = app.scene.html()
    hoax = app.t.text(loaded.scenario.injects[1].title.model_dump())
    assert loaded.scenario.injects[1].id == "hoaks-bantuan"
    assert f"karena “{hoax}” (−0,05)" in html.replace("&quot;", '"')
    fired = [e for e in loaded.scenario.events if e.trigger.month == 1]
    moved = [e for e in fired if any(f.indicator is not None for f in e.effects)]
    assert moved, "the scenario's month-1 event moves a need"
    assert f"“{app.t.text(moved[0].title.model_dump())}” −" in html
    # what each event did in the game, and the teams' own figures it moved
    assert "(Dalam permainan: " in html
    assert "<b>Organisasi Anda</b>" in html and "kredibilitas 65 → 59" in html


def test_a_technology_proposal_says_its_upfront_payment_and_counts_it(app: App) -> None:
    """Two first-time players: the form said 'Rp 2 juta a month, total Rp 16 juta', then the
    start took Rp 6 juta more at once, which began their money crisis."""
    from game.scenario.schema import Model

    main = to_main(app)
    main.start_action("propose")
    dialog = main.dialogs[-1]
    dialog.toggle_partner("lsm")
    dialog.set_model(Model.technology)
    dialog.set_slider("funds", main.match.org.id, 2.0)
    step(app)
    html = dialog._preview_html()
    upfront = 2.0 * main.world.rules.tech_upfront
    months = dialog.draft.months
    assert "Teknologi mahal di awal" in html
    assert app.t("ui.nego.upfront", amount=money(app.t, upfront)) in html
    # The whole term with the upfront payment: the total, or the most it can cost when the
    # terms wait for an approval (then the estimate counts it too).
    whole = money(app.t, 2.0 * months + upfront)
    assert f"(total {whole})" in html or f"paling banyak {whole}" in html


def test_a_double_click_on_end_turn_does_not_switch_the_language(app: App) -> None:
    """On the hand-over the language button sits where 'End turn' was: a double-click
    turned the room's screen to English."""
    main = to_main(app)
    flow.end_turn(app, main.match)
    step(app)
    assert isinstance(app.scene, HandoverScene)
    end_turn_spot = (app.size[0] - 100, 30)
    click_at(app, end_turn_spot)  # the second click of the double-click
    assert app.t.lang == "id"
    step(app, 60)  # settled: now it switches
    click_at(app, app.scene.language.rect.center)
    assert app.t.lang == "en"


def test_teams_sharing_a_laptop_do_not_see_each_others_private_moves_in_the_summary(
    app: App,
) -> None:
    """The hand-over promises that no team sees another's money, offers or plans; the month
    summary, which every team reads, showed one team's programme, upfront payment and its
    trust in the other."""
    from html import escape

    from game.sim.commands import HoldDialogue, RunProgram

    main = to_main(app)  # two teams share the laptop
    match = main.match
    me = match.org
    other_team = next(o for o in match.world.orgs if o.human and o.idx != me.idx)
    match.apply(RunProgram(me.id, match.world.domain_ids[0], 1.0, 0, 3))
    match.apply(HoldDialogue(me.id, other_team.id))
    flow.end_turn(app, match)
    step(app, 60)
    app.scene.go()
    flow.end_turn(app, app.scene.match)
    summary = app.scene
    assert isinstance(summary, MonthSummaryScene)
    html = summary.html()
    assert "tidak di sini" in html  # where each team finds its own figures
    assert "Organisasi Anda" not in html and "Kepercayaan yang berubah" not in html
    kinds = ("program", "dialogue")
    private = [e for e in match.world.entries if e.kind in kinds and e.orgs[0] == me.id]
    assert len(private) == 2
    for e in private:
        assert escape(app.t.msg(e.msg)) not in html


def test_change_terms_shows_the_terms_of_the_partnership_picked(app: App) -> None:
    """Picking another partnership kept the sliders at the last one's terms: a team nearly
    proposed a change it never meant."""
    import pygame_gui

    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership, Respond
    from game.sim.state import Contribution

    main = to_main(app)
    match = main.match
    me = match.org
    other = next(o for o in match.world.orgs if o.human and o.idx != me.idx)
    domain = match.world.domain_ids[0]
    ids = []
    for funds in (1.0, 2.5):
        proposal = match.apply(
            ProposePartnership(
                me.id,
                (other.id,),
                Model.resource_pooling if funds < 2 else Model.information_network,
                ((domain, 1.0),),
                (Contribution(me.id, funds, 0), Contribution(other.id, 0.5, 0)),
                12,
            )
        )
        match.apply(Respond(other.id, proposal.id, "accept"))
        ids.append(proposal.partnership)
    main.refresh()
    main.start_action("renegotiate")
    form = main.dialogs[-1]
    [(control, (_name, mapping))] = [
        (c, v)
        for c, v in form.controls.items()
        if isinstance(c, pygame_gui.elements.UIDropDownMenu)
    ]
    picked = next(iter(k for k, v in mapping.items() if v != form.values["partnership"]))
    event = pygame.event.Event(
        pygame_gui.UI_DROP_DOWN_MENU_CHANGED, {"ui_element": control, "text": picked}
    )
    form.handle_event(event)
    p = match.world.partnership(mapping[picked])
    assert form.values["funds"] == p.contributions[me.idx].funds


def test_a_closed_offer_says_who_said_no_and_what_that_means(app: App) -> None:
    """'ditolak' alone, lower case, on a three-party deal: nobody knew it died because one
    of three said no, nor that they could propose again without them. (Since engine 4 an
    offer goes on without the one who said no, unless nothing is left without its share,
    as here.)"""
    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership, Respond
    from game.sim.state import Contribution

    main = to_main(app)
    match = main.match
    me = match.org
    team = next(o for o in match.world.orgs if o.human and o.idx != me.idx)
    third = next(o for o in match.world.orgs if not o.human)
    proposal = match.apply(
        ProposePartnership(
            me.id,
            (team.id, third.id),
            Model.resource_pooling,
            ((match.world.domain_ids[0], 1.0),),
            (Contribution(team.id, 1.0, 0),),
            12,
        )
    )
    if proposal.status.value == "open":
        match.apply(Respond(team.id, proposal.id, "reject"))
    main.open_proposal(proposal.id)
    dialog = main.dialogs[-1]
    text = dialog._status_text(proposal)
    assert proposal.status.value == "rejected"
    said_no = next(e for e in reversed(match.world.entries) if e.data.get("id") == proposal.id)
    if said_no.data.get("org") == match.world.name(me.idx):
        assert "Anda menolak" in text
    else:
        assert "menolak" in text and "ditutup untuk semua pihak" in text and "tanpa" in text


def test_an_offer_received_says_when_it_would_run_the_team_dry(app: App) -> None:
    """A facilitator's re-review: only the proposer was told the money would run out; the
    team that must say yes or no saw nothing (and its check counted the income twice)."""
    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership
    from game.sim.state import Contribution

    main = to_main(app)
    match = main.match
    me = match.org
    other = next(o for o in match.world.orgs if o.human and o.idx != me.idx)
    ask = round(me.funds / 3, 1)  # affordable now, not for twelve months
    proposal = match.apply(
        ProposePartnership(
            other.id,
            (me.id,),
            Model.resource_pooling,
            ((match.world.domain_ids[0], 1.0),),
            (Contribution(other.id, 1.0, 0), Contribution(me.id, ask, 0)),
            12,
        )
    )
    main.open_proposal(proposal.id)
    html = main.dialogs[-1]._view_html(proposal)
    assert "dana Anda habis setelah" in html


def test_the_window_fits_a_small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1280x720 window on a 1024x768 screen had its Start button out of reach."""
    from game.ui import app as app_module

    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1024, 768)])
    assert app_module.fitting_size() == (1024, 688)
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1080)])
    assert app_module.fitting_size() == (1280, 720)
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(800, 600)])
    assert app_module.fitting_size() == app_module.MIN_SIZE  # never below the smallest layout
    # A netbook's 1024x600 has no room for a window under its taskbar: full screen there.
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1024, 600)])
    assert app_module.too_small_for_a_window()
    for roomy in ((1280, 720), (1366, 768), (1024, 768)):
        monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda r=roomy: [r])
        assert not app_module.too_small_for_a_window()


def test_the_start_screen_fits_a_netbook(app: App) -> None:
    """At 1024x600 the seed and PIN row slid under the Start button."""
    resize(app, (1024, 600))
    start = begin(app)
    step(app)
    assert not start.seed_entry.rect.colliderect(start.start_button.rect)
    assert app.window.get_rect().contains(start.start_button.rect)


def test_ending_a_turn_that_leaves_a_payment_unpaid_asks_first(app: App) -> None:
    """The end-turn confirmation is the last chance to change terms before a miss."""
    from game.sim.commands import RunProgram

    main = to_main(app)
    org = main.match.org
    main.match.apply(RunProgram(org.id, main.world.domain_ids[0], round(org.funds, 1), 0, 3))
    org.funds -= 1.0  # now the month's end takes more than there is
    main.ask_end_turn()
    step(app)
    assert "program Anda sendiri tidak mendapat dana" in boxes_text(app)  # shares come first
    main.dialogs[-1].close()
    from game.ui import preview

    real = preview.shares_due
    preview.shares_due = lambda world, o: org.funds + 5.0  # a partnership share it cannot pay
    try:
        main.ask_end_turn()
        step(app)
        assert "ada pembayaran yang terlewat" in boxes_text(app)
    finally:
        preview.shares_due = real


def test_the_staff_row_says_where_busy_staff_are(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """Staff promised to a partnership in the approval queue were busy with nothing running;
    the row now says they are held, and its tooltip names the partnership."""
    from game.scenario.schema import Model
    from game.sim import negotiation
    from game.sim.commands import ProposePartnership
    from game.sim.state import Contribution

    app.set_language("en")
    main = to_main(app)
    real = negotiation.appraise

    def yes(*args, **kwargs):
        view = real(*args, **kwargs)
        view.score, view.feasible = view.threshold + 1.0, True
        return view

    monkeypatch.setattr(negotiation, "appraise", yes)
    terms = (Contribution("smpn3", 1, 2), Contribution("dlh", 1, 0))
    cmd = ProposePartnership("smpn3", ("dlh",), Model.cross_sector, (("waste", 1.0),), terms, 12)
    assert main.apply(cmd) is None
    step(app)
    [p] = [p for p in main.world.partnerships if p.status.value == "awaiting_approval"]
    box = main.staff_box
    assert box is not None and box.height > app.fonts.line_height(18) + 4  # the extra line
    hover(app, box.center)
    assert any(f"partnership #{p.id}" in line and "approval" in line for line in main._staff_tip())


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_seed_field_shows_a_whole_seed(app: App, lang: str, size) -> None:
    """At 1024×640 the long labels of the seed and the PIN left the seed field "202"."""
    resize(app, size)
    app.set_language(lang)
    start = begin(app)
    room = start.seed_entry.rect.width - 24  # the entry's own padding and border
    assert app.fonts.size("999999", 18)[0] <= room, start.seed_entry.rect


def test_an_enter_meant_for_the_turn_before_does_not_skip_the_month_summary(app: App) -> None:
    """'E, then Enter' with no agenda left (so no confirmation came) skipped the month's
    "what changed, and why" unread."""
    main = to_main(app)
    flow.end_turn(app, main.match)
    app.scene.go()
    flow.end_turn(app, app.scene.match)
    step(app, 1)
    summary = app.scene
    assert isinstance(summary, MonthSummaryScene)
    press(app, pygame.K_RETURN, frames=1)
    assert app.scene is summary and not find(app, "#next").is_enabled
    step(app, 60)  # settled: Enter moves on
    press(app, pygame.K_RETURN)
    assert app.scene is not summary


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_answer_buttons_of_an_offer_do_not_overlap(app: App, lang: str, size) -> None:
    """At 1024×640 "Close" covered half of "Walk away" in every negotiation window."""
    resize(app, size)
    app.set_language(lang)
    main = to_main(app)
    incoming = main._incoming()
    assert incoming, "the default scenario sends the first team an offer in month 1"
    main.open_proposal(incoming[0].id)
    step(app)
    dialog = main.dialogs[-1]
    ids = ("#accept", "#counter", "#walk_away", "#close")
    buttons = [find(app, oid) for oid in ids]
    assert all(dialog.window.rect.contains(b.rect) for b in buttons)
    for n, a in enumerate(buttons):
        for b in buttons[n + 1 :]:
            assert not a.rect.colliderect(b.rect), (a.text, b.text)
    _assert_buttons_fit(app)


def test_a_barely_known_mission_shows_no_exact_looking_shares(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Its mission as you know it (10% known): 49% / 51%' read as exact; the shares of a
    mission a tenth known are a guess, and the card says how to learn more."""
    from game.ui.widgets.panels import paint_card

    app.set_language("en")
    main = to_main(app)
    world = main.world
    dlh = world.org_index["dlh"]
    blitted: list[str] = []
    real = app.fonts.blit

    def record(surface, text, *args, **kwargs):
        blitted.append(text)
        return real(surface, text, *args, **kwargs)

    monkeypatch.setattr(app.fonts, "blit", record)
    surf = pygame.Surface((300, 400))
    world.known[main.viewer, dlh] = 0.1
    paint_card(app, surf, world, main.viewer, dlh, {})
    assert any("little known yet" in text for text in blitted)
    assert blitted.count("?") == len(world.domain_ids)
    blitted.clear()
    world.known[main.viewer, dlh] = 0.6
    paint_card(app, surf, world, main.viewer, dlh, {})
    assert "?" not in blitted and any(text.endswith("%") for text in blitted)


def test_ending_a_turn_short_only_for_ones_own_programme_says_no_trust_falls(app: App) -> None:
    """The end-turn dialog said 'a payment is missed and trust falls' when the shares were
    paid first and only the team's own programme went without money."""
    from game.sim.commands import RunProgram

    app.set_language("en")
    main = to_main(app)
    world, org = main.world, main.match.org
    assert main.apply(RunProgram(org.id, world.domain_ids[0], 8, 0, 3)) is None
    org.funds = 1.0  # enough for no share (it has none), too little for the programme
    main.ask_end_turn()
    step(app)
    text = boxes_text(app)
    assert "no partner's trust falls" in text and "trust falls." not in text


def test_a_need_name_cut_to_fit_shows_whole_on_hover(app: App, monkeypatch) -> None:
    """At 1024 pixels "Hunian dan kebutuhan da…" never said what the need was."""
    from game.scenario import load_scenario
    from game.ui.scenes import main as main_module

    resize(app, (1024, 640))
    info = next(i for i in bundled_scenarios() if i.id == "tanggap-banjir")
    loaded = load_scenario(info.path)
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {loaded.scenario.players[0]: "T"})
    step(app)
    main = app.scene
    assert isinstance(main, MainScene)
    assert main.cut_names, "a long need name at 1024 pixels"
    box, whole = main.cut_names[0]
    assert whole == app.t.text(loaded.scenario.domains[0].name)
    shown: list[list[str]] = []
    monkeypatch.setattr(main_module, "draw_tooltip", lambda s, f, lines, pos: shown.append(lines))
    hover(app, box.center)
    assert [whole] in shown
    main.select_org(1)  # the card's mission lines cut the same names
    step(app)
    box, whole = main.card_cut_names[0]
    hover(app, box.center)
    assert [whole] == shown[-1]


def test_an_offer_to_three_partners_on_a_netbook_leaves_room_for_its_estimate(app: App) -> None:
    """At 1024x600 with three partners the estimate of answers and cost showed three lines,
    its warnings below the fold."""
    resize(app, (1024, 600))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Label Rect is too small")
        main = to_main(app)
        main.start_action("propose")
        dialog = main.dialogs[-1]
        for partner in ("dlh", "pt-kemasindo", "karang-taruna"):
            dialog.toggle_partner(partner)
        step(app)
    assert dialog.preview_rect.height >= 120


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_continue_button_on_the_start_screen_fits_its_text(app: App, lang: str, size) -> None:
    """At 1024×600 "Lanjutkan: Stunting di Desa · bulan 2 · Me… · 28-11 13:" ran off the
    button: the teams' names kept 40 pixels the line did not have."""
    from game.scenario import load_scenario
    from game.ui.flow import back_to_start

    resize(app, size)
    app.set_language(lang)
    info = next(i for i in bundled_scenarios() if i.id == "stunting-desa")
    loaded = load_scenario(info.path)
    names = ["Kelompok Melati Putih", "Kelompok Mawar Merah", "Kelompok Anggrek Ungu"]
    teams = dict(zip(loaded.scenario.players, names, strict=False))
    flow.start_match(app, loaded, info.path.read_text("utf-8"), teams)
    step(app)
    if isinstance(app.scene, HandoverScene):
        app.scene.go()
    flow.end_turn(app, app.scene.match)  # saved at the turn's end
    back_to_start(app)
    step(app)
    assert isinstance(app.scene, StartScene)
    _assert_buttons_fit(app)


def test_the_scenario_summary_keeps_two_lines_on_a_netbook_screen(app: App) -> None:
    """At 1024×600, with a saved session to continue, the summary showed its title and half
    a line: the facilitator could not read what the scenario was about."""
    resize(app, (1024, 600))
    main = to_main(app)
    flow.end_turn(app, main.match)
    from game.ui.flow import back_to_start

    back_to_start(app)
    step(app)
    boxes = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UITextBox) and e.alive()
    ]
    (summary,) = boxes
    title_and_two_lines = 38 + 2 * app.fonts.line_height(18) + 12
    assert summary.rect.height >= title_and_two_lines


def test_a_rise_in_trust_names_the_talk_and_the_share_paid_the_same_month(app: App) -> None:
    """ "0.3 → 0.4 — because they talked informally": the chat had done 0.03 of it, the
    partner's share paid that month the rest, and only the chat was named."""
    from dataclasses import replace

    from game.sim.commands import EndMonth
    from tests.simkit import agree

    main = to_main(app)
    match = main.match
    world = match.world
    a, b = world.org_index["smpn3"], world.org_index["lsm"]  # the two teams
    ids = (world.orgs[a].id, world.orgs[b].id)
    p = agree(world, ids[0], [ids[1]], "resource_pooling", {"waste": 1}, {i: (1, 0) for i in ids})
    report = match.apply(EndMonth())
    assert p.kept.get(b)
    world.log("dialogue", "dialogue", (a, b), org=world.name(a), other=world.name(b))
    world.entries[-1] = replace(world.entries[-1], month=report.month)
    scene = MonthSummaryScene(app, match, report)
    cause = scene._cause(a, b, rose=True)
    assert app.t.msg(world.entries[-1].msg).rstrip(".") in cause and f"#{p.id}" in cause


def _in_short(html: str, heading: str) -> list[str]:
    """The lines of the summary's opening block, up to the blank line after it."""
    lines = html.split("<br>")
    assert lines[0] == f"<b>{heading}</b>"  # first on the screen
    return lines[1 : lines.index("", 1)]


def test_the_month_summary_opens_with_the_month_in_short(app: App) -> None:
    """Two screens of figures, trust and news at once: a room missed what mattered. The
    summary opens with the need that moved most and what moved it most, the weightiest news
    of the team's partnerships, and the team's largest move in trust."""
    from html import escape

    from game.scenario import bundled_scenarios, load_scenario
    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership
    from game.sim.state import Contribution
    from game.ui.widgets.tabs import entry_text

    info = next(i for i in bundled_scenarios() if i.id == "sekolah-hijau")
    loaded = load_scenario(info.path)
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {"smpn3": "Tim 1"})
    match = app.scene.match
    focus = (("waste", 0.5), ("env_education", 0.5))
    shares = (Contribution("smpn3", 3.0, 1), Contribution("lsm", 2.0, 1))
    offer = match.apply(
        ProposePartnership("smpn3", ("lsm",), Model.resource_pooling, focus, shares, 12)
    )
    assert offer.partnership is not None  # the NGO agreed at once: the test's premise
    flow.end_turn(app, match)
    summary = app.scene
    assert isinstance(summary, MonthSummaryScene)
    report, world, t = summary.report, match.world, app.t
    lines = _in_short(summary.html(), escape(t("ui.summary.in_short")))
    moves = {
        dom: report.indicators_after[dom] - report.indicators_before[dom]
        for dom in world.domain_ids
    }
    most = max(moves, key=lambda dom: abs(moves[dom]))
    name = world.scenario.domains[world.domain_index[most]].name
    assert escape(t.text(name)) in lines[0] and t("ui.summary.short_source", source="") in lines[0]
    # Good news by weight: the approval of the partnership before its start.
    approved = next(e for e in world.entries if e.kind == "approved" and e.month == 1)
    assert lines[1] == escape(f"↑ {entry_text(t, approved)}")
    assert "SMPN 3" in lines[2] and "Bumi Lestari" in lines[2]  # the trust their work built
    assert len(lines) == 3


def test_the_month_in_short_keeps_trust_private_on_a_shared_screen(app: App) -> None:
    from html import escape

    from game.scenario import bundled_scenarios, load_scenario

    info = next(i for i in bundled_scenarios() if i.id == "sekolah-hijau")
    loaded = load_scenario(info.path)
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {"smpn3": "A", "lsm": "B"})
    world = app.scene.match.world
    school, office = world.org_index["smpn3"], world.org_index["dlh"]
    world.trust[school, office] -= 0.2  # as a broken promise would: private news
    summary = None
    for _ in range(4):  # the month's turns, one each
        flow.end_turn(app, app.scene.match)
        step(app)
        if isinstance(app.scene, MonthSummaryScene):
            summary = app.scene
            break
        if isinstance(app.scene, HandoverScene):
            app.scene.go()
    assert summary is not None
    moves = summary._trust_moves({"smpn3", "lsm"})
    # a headline a team alone at the laptop would see
    assert any(delta >= SHORT_TRUST_RISE or delta < 0 for _, _, delta in moves)
    lines = _in_short(summary.html(), escape(app.t("ui.summary.in_short")))
    assert lines and not any(escape(line) in lines for _, line, _ in moves)
    assert not any(escape(line).split(" — ")[0] in row for _, line, _ in moves for row in lines)


def test_the_health_bar_says_what_its_mark_means_on_hover(app: App) -> None:
    """A bar with a tick and a word: a team asked what the tick was and how to move the bar."""
    from game.scenario import bundled_scenarios, load_scenario
    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership
    from game.sim.state import Contribution

    info = next(i for i in bundled_scenarios() if i.id == "sekolah-hijau")
    loaded = load_scenario(info.path)
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {"smpn3": "Tim 1"})
    main = app.scene
    shares = (Contribution("smpn3", 3.0, 1), Contribution("lsm", 2.0, 1))
    offer = main.match.apply(
        ProposePartnership("smpn3", ("lsm",), Model.resource_pooling, (("waste", 1.0),), shares, 12)
    )
    assert offer.partnership is not None
    main.show_tab("partnerships")
    step(app)
    row = main.list.row_rect(("p", offer.partnership))
    assert row is not None
    assert main.list.tip_at(row.midleft) == []  # the row's words have no tip of their own
    bar_y = row.bottom - 12  # the bar is the row's last, painted line
    tips = [main.list.tip_at((x, bar_y)) for x in range(row.x, row.right, 8)]
    tip = next(t for t in tips if t)
    assert tip[0].startswith(app.t("ui.health.tip_title", word="", health="")[:10])
    assert any(app.t("ui.health.tip_raise") == line for line in tip)
    x = next(x for x, t in zip(range(row.x, row.right, 8), tips, strict=True) if t)
    hover(app, (x, bar_y))
    before = app.window.copy()
    hover(app, (row.x + 2, row.y + 2))  # off the bar: no box
    assert before.get_at((x + 30, bar_y + 30)) != app.window.get_at((x + 30, bar_y + 30))


def test_the_month_in_short_names_a_partnerships_members_and_on_a_tie_the_teams_work(
    app: App,
) -> None:
    """ "Most of it: Disdik's programme +0.4" while the team's partnership #5 also gave +0.4;
    and "#9" alone meant nothing to the room."""
    from game.scenario import bundled_scenarios, load_scenario
    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership
    from game.sim.state import Contribution

    info = next(i for i in bundled_scenarios() if i.id == "sekolah-hijau")
    loaded = load_scenario(info.path)
    flow.start_match(app, loaded, info.path.read_text("utf-8"), {"smpn3": "Tim 1"})
    match = app.scene.match
    shares = (Contribution("smpn3", 3.0, 1), Contribution("lsm", 2.0, 1))
    offer = match.apply(
        ProposePartnership("smpn3", ("lsm",), Model.resource_pooling, (("waste", 1.0),), shares, 12)
    )
    flow.end_turn(app, match)
    summary = app.scene
    world = match.world
    disdik = world.org_index["disdik"]
    world.sources_month = summary.report.month
    world.indicator_sources[0] = [
        (("program", disdik), 0.41),
        (("partnership", offer.partnership), 0.38),  # shown as 0.4 too
    ]
    said = summary._sources(0, shown=1, members=True)
    assert said == app.t(
        "ui.summary.source_partnership_of",
        id=offer.partnership,
        names="SMPN 3 + Bumi Lestari",
        points="+0,4",
    )
    world.indicator_sources[0] = [
        (("program", disdik), 0.46),
        (("partnership", offer.partnership), 0.38),
    ]
    assert "Disdik" in summary._sources(0, shown=1, members=True)  # no tie: the larger


def test_in_a_short_window_each_need_is_a_bar_with_its_target(app: App, monkeypatch) -> None:
    """Beside "34 / target 60" the line chart was a few pixels tall and, early on, a dot
    under a dashed line: every need looked the same. There, a 0–100 bar with a tick at the
    target; with room under the figures, the line over the months stays."""
    from game.ui.widgets import panels

    drawn: list[tuple[str, float, float]] = []

    def fake_bar(surf, rect, share, colour=None, *, mark=None):
        drawn.append(("bar", share, mark))

    scales = []

    def fake_line(surf, rect, values, target=None, **kw):
        drawn.append(("line", values[-1], target))
        scales.append((kw["lo"], kw["hi"]))

    monkeypatch.setattr(panels, "bar", fake_bar)
    monkeypatch.setattr(panels, "sparkline", fake_line)
    resize(app, (1024, 600))
    main = to_main(app)
    world = main.world
    drawn.clear()
    surf = pygame.Surface((240, 300))
    panels.paint_indicators(app, surf, world, 0)
    expected = [
        ("bar", float(world.indicators[d]) / 100, spec.target / 100)
        for d, spec in enumerate(world.scenario.domains)
    ]
    assert drawn == expected
    drawn.clear()
    panels.paint_indicators(app, pygame.Surface((240, 900)), world, 0)  # room under each
    assert [kind for kind, _, _ in drawn] == ["line"] * len(expected)
    assert len(set(scales)) == 1  # one scale for all: a need far from its target looks so
    lo, hi = scales[0]
    assert lo <= min(float(v) for v in world.indicators) and hi >= max(
        spec.target for spec in world.scenario.domains
    )


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=str)
def test_every_help_tab_can_be_read_to_its_end(tmp_path: Path, monkeypatch, lang, size) -> None:
    """A facilitator's review at 1024×600: the map legend's last paragraph ("Label di setiap
    garis menunjukkan kode model dan nomor…") was cut off, and the legend did not scroll.
    Every tab shows all it says, in its window or by scrolling (wheel and keys)."""
    from game.ui.widgets.help import HelpDialog, legend_surface

    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    app = App(lang, intro=False, size=size)
    try:
        app.push(StartScene(app))
        step(app)
        dialog = app.scene.open(HelpDialog(app))
        for tab in TABS:
            dialog.show(tab)
            step(app)
            body = dialog.body
            assert dialog.window.rect.contains(body.rect), (tab, body.rect)
            assert app.window.get_rect().contains(dialog.window.rect)
            if tab != "legend":
                assert isinstance(body, pygame_gui.elements.UITextBox), tab  # it scrolls
                continue
            # The legend drawn on a canvas with room to spare: where its text really ends.
            canvas = legend_surface(app, (body.rect.width - 24, 3000))
            rows = pygame.surfarray.array3d(canvas).transpose(1, 0, 2)
            drawn = [y for y in range(rows.shape[0]) if (rows[y] != rows[-1][0]).any()]
            needed = drawn[-1] + 1
            if isinstance(body, pygame_gui.elements.UIScrollingContainer):
                assert body.scrolling_height >= needed, (body.scrolling_height, needed)
                press(app, pygame.K_END)
                assert body.vert_scroll_bar.start_percentage > 0  # the keys scroll it too
            else:
                assert body.rect.height >= needed, (body.rect.height, needed)
    finally:
        app.close()


def test_the_start_screen_plays_a_shorter_game_when_asked(app: App) -> None:
    """A 90-minute workshop does not reach month 24: ending it from the panel left later
    events unplayed and the goals judged in mid-course without saying so. The start screen
    offers the scenario's length, three quarters and half of it; the choice is the session's
    length, kept in its record."""
    from game.sim.session import Session

    start = begin(app)
    assert start.loaded is not None and start.loaded.scenario.meta.months == 24
    menu = find(app, "#length")
    assert start.length_choices() == [24, 18, 12]
    assert menu.selected_option[0] == app.t("ui.start.months", n=24)
    event = pygame.event.Event(
        pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
        {"ui_element": menu, "text": app.t("ui.start.months", n=12)},
    )
    start.handle_event(event)
    click(app, find(app, "#begin"))
    if isinstance(app.scene, HandoverScene):
        app.scene.go()
    match = app.scene.match
    assert match.world.months == 12
    assert Session.load(match.path).world.months == 12  # the record keeps it


def test_play_months_preselects_a_shorter_game_and_refuses_a_bad_one(app: App, capsys) -> None:
    from game.cli import main

    start = begin(app, months=10)
    assert start.months == 10 and 10 in start.length_choices()
    assert begin(app, months=30).months is None  # longer than the scenario: its own length
    assert main(["--lang", "en", "play", "--months", "two"]) == 2
    said = capsys.readouterr().err
    assert "--months: “two” is not a number of months from 3 to 120" in said
    assert "Traceback" not in said


def test_a_partner_raising_its_own_share_is_news_of_the_teams_partnership(app: App) -> None:
    """A computer partner raised its own share twice; the team noticed only one of the raises:
    the summary put them under "Also this month", at the foot of the report. A partner's
    change of its share now stands with the team's partnerships (and may head the month in
    short when nothing weightier happened)."""
    from game.scenario import default_scenario, load_scenario
    from game.scenario.schema import Model
    from game.sim import negotiation
    from game.sim.commands import EndMonth, ProposePartnership, Renegotiate
    from game.sim.state import Contribution
    from game.ui.widgets.dialog import esc
    from tests.test_ui_changes import _ready

    info = default_scenario()
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), {"smpn3": "T"})
    match = _ready(app).match  # one team: its summary is its own, not the room's
    world = match.world
    offer = match.apply(
        ProposePartnership(
            "smpn3",
            ("dlh",),
            Model.resource_pooling,
            (("waste", 1.0),),
            (Contribution("smpn3", 2, 1), Contribution("dlh", 1, 1)),
            12,
        )
    )
    p = world.partnership(offer.partnership)
    if not p.is_active:
        negotiation.activate(world, p)
    world.apply(Renegotiate("dlh", p.id, 3.5, 1))  # of its own accord
    entry = world.entries[-1]
    assert entry.kind == "renegotiated"
    report = match.apply(EndMonth())
    html = MonthSummaryScene(app, match, report).html()
    raised = esc(app.t.msg(entry.msg))
    assert "Rp 1 → 3,5 juta" in raised and raised in html
    heading = f"<b>{app.t('ui.summary.partnerships')}</b>"
    assert heading in html and html.index(heading) < html.index(raised)
    other = f"<b>{app.t('ui.summary.other')}</b>"
    assert other not in html or html.index(raised) < html.index(other)
