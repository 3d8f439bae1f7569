"""The keyboard alone reaches every window: a student who prefers the keyboard met dead ends
where the help promised "Enter – the main button of the window". Each test presses keys through
`App.step`, the path a person's keyboard takes."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.scenario import default_scenario, load_scenario
from game.scenario.schema import Model
from game.sim.commands import ProposePartnership
from game.sim.state import Contribution, ProposalStatus
from game.ui import flow
from game.ui.app import App
from game.ui.scenes.main import MainScene
from game.ui.scenes.month_summary import MonthSummaryScene
from game.ui.widgets.help import TABS, HelpDialog
from game.ui.widgets.negotiation import NegotiationDialog
from tests.test_ui_scenes import to_main
from tests.uikit import click, find, press, step

SETTLE = 60  # frames of 1/60 s: a window takes Enter once it has been on screen a moment


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en", intro=False, size=(1024, 640))
    yield application
    application.close()


def _offer(app: App) -> tuple[MainScene, NegotiationDialog]:
    """The first team's screen with the offer the default scenario sends it in month 1 open."""
    main = to_main(app)
    (offer,) = main._incoming()
    main.open_proposal(offer.id)
    step(app, SETTLE)
    dialog = main.dialogs[-1]
    assert isinstance(dialog, NegotiationDialog) and dialog.proposal is offer
    return main, dialog


def test_enter_never_answers_an_offer_and_the_letters_on_its_buttons_do(app: App) -> None:
    """Enter on a received offer did nothing at all; it must never accept (a stray Enter would
    commit the team's money), so the answers have letter keys shown on their buttons, and
    Enter says which."""
    main, dialog = _offer(app)
    offer = dialog.proposal
    assert find(app, "#accept").text == "Accept (A)"
    assert find(app, "#counter").text == "Counter-offer… (C)"
    assert find(app, "#walk_away").text == "Reject (R)"

    press(app, pygame.K_RETURN)
    assert offer.status == ProposalStatus.open and main.dialogs == [dialog]
    assert app.toast is not None and "Accept (A)" in app.toast.text
    assert "Reject (R)" in app.toast.text

    press(app, pygame.K_c)  # C: the counter-offer's terms, to change and send
    assert dialog.countering
    click(app, find(app, "#cancel_compose"))  # "Back" to the offer
    assert not dialog.countering

    press(app, pygame.K_a)
    assert offer.status == ProposalStatus.agreed


def test_r_rejects_a_received_offer(app: App) -> None:
    _main, dialog = _offer(app)
    press(app, pygame.K_r)
    assert dialog.proposal.status == ProposalStatus.rejected


def test_enter_closes_the_result_of_a_negotiation_once_it_can_be_read(app: App) -> None:
    """After "Agreed!" (or a no) only Esc closed the window; Enter now does, as Close is the
    window's main button then, but not the instant the result appears."""
    main, dialog = _offer(app)
    click(app, find(app, "#walk_away"))
    assert dialog.proposal.status == ProposalStatus.rejected
    press(app, pygame.K_RETURN)  # an Enter on the heels of the answer: the result stays
    assert main.dialogs == [dialog]
    step(app, SETTLE)
    close = find(app, "#close")
    press(app, pygame.K_RETURN)
    assert not main.dialogs
    assert "@primary" in close.class_ids  # drawn as the button Enter presses


def test_the_proposals_tab_opens_a_proposal_by_keyboard(app: App) -> None:
    """The inbox said "Click to read it and answer" and no key opened a proposal: ↑ ↓ choose
    one (it is highlighted) and Enter opens it."""
    main = to_main(app)
    match = main.match
    (first,) = main._incoming()
    second = match.apply(
        ProposePartnership(
            "sdn2",
            ("smpn3",),
            Model.resource_pooling,
            ((match.world.domain_ids[0], 1.0),),
            (Contribution("sdn2", 1, 1), Contribution("smpn3", 1, 1)),
            6,
        )
    )
    main.refresh()
    main.show_tab("feed")
    press(app, pygame.K_i)
    assert main.tab == "inbox"
    press(app, pygame.K_RETURN)  # the first waiting proposal, at once
    assert main.dialogs and main.dialogs[-1].proposal_id == first.id
    press(app, pygame.K_ESCAPE)
    assert _highlighted(main) == [("proposal", first.id)]  # what Enter opens shows
    press(app, pygame.K_DOWN)
    assert _highlighted(main) == [("proposal", second.id)]
    press(app, pygame.K_RETURN)
    dialog = main.dialogs[-1]
    assert isinstance(dialog, NegotiationDialog) and dialog.proposal_id == second.id
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)
    assert main.dialogs[-1].proposal_id == first.id


def _highlighted(main: MainScene) -> list:
    return [row.key for row in main.list._rows if row.selected]


def test_the_month_summary_scrolls_by_keyboard(app: App) -> None:
    """Down, Page Down and End did nothing on the month summary, though the debrief's keys
    scroll its pages; the same keys scroll the summary now."""
    main = to_main(app)
    flow.end_turn(app, main.match)
    app.scene.go()
    flow.end_turn(app, app.scene.match)
    step(app)
    summary = app.scene
    assert isinstance(summary, MonthSummaryScene)
    (body,) = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UITextBox) and e.alive()
    ]
    bar = body.scroll_bar
    assert bar is not None, "the summary fits the window: nothing to scroll"
    press(app, pygame.K_DOWN)
    assert bar.start_percentage > 0
    press(app, pygame.K_HOME)
    assert bar.start_percentage == 0
    press(app, pygame.K_PAGEDOWN)
    assert bar.start_percentage > 0
    press(app, pygame.K_HOME)
    press(app, pygame.K_END)
    assert bar.start_percentage + bar.visible_percentage == pytest.approx(1, abs=0.02)
    assert app.scene is summary  # scrolling is not moving on


def test_the_help_tabs_switch_and_scroll_by_keyboard(app: App) -> None:
    main = to_main(app)
    press(app, pygame.K_h)
    help_window = main.dialogs[-1]
    assert isinstance(help_window, HelpDialog) and help_window.tab == "howto"
    press(app, pygame.K_RIGHT)
    assert help_window.tab == "glossary"
    assert help_window.tabs["glossary"].is_selected
    bar = help_window.body.scroll_bar
    assert bar is not None and bar.start_percentage == 0
    press(app, pygame.K_PAGEDOWN)  # the glossary is long
    assert bar.start_percentage > 0
    press(app, pygame.K_TAB)
    assert help_window.tab == "legend"
    press(app, pygame.K_LEFT)
    press(app, pygame.K_LEFT)
    assert help_window.tab == "howto"
    press(app, pygame.K_LEFT)  # round to the last tab
    assert help_window.tab == TABS[-1]
    step(app, SETTLE)
    press(app, pygame.K_RETURN)  # Close is the help's main button
    assert not main.dialogs


def test_the_lists_under_the_map_scroll_by_keyboard(app: App) -> None:
    main = to_main(app)
    main.show_tab("missions")  # the longest list in month 1
    step(app)
    assert main.list.max_scroll > 60
    press(app, pygame.K_END)
    assert main.list.scroll == main.list.max_scroll
    press(app, pygame.K_UP)
    assert main.list.scroll == main.list.max_scroll - 60
    press(app, pygame.K_HOME)
    assert main.list.scroll == 0


def test_on_a_shared_laptop_the_help_opens_by_itself_only_at_the_first_teams_turn(
    app: App,
) -> None:
    """Three teams at one projector saw "how to play" open three times in a row."""
    app.intro = True
    main = to_main(app)  # two teams share the laptop
    [help_window] = main.dialogs
    assert isinstance(help_window, HelpDialog) and help_window.holds_clock
    press(app, pygame.K_ESCAPE)
    flow.end_turn(app, main.match)
    app.scene.go()
    second = app.scene
    assert isinstance(second, MainScene) and second.match.team is second.match.teams[1]
    step(app)
    assert not second.dialogs


def test_with_a_laptop_per_team_each_laptops_team_gets_the_help_once(app: App) -> None:
    app.intro = True
    info = default_scenario()
    loaded = load_scenario(info.path)
    text = info.path.read_text("utf-8")
    for team in ("smpn3", "lsm"):  # one laptop, then the next: a session each
        match = flow.start_match(app, loaded, text, {team: "Tim"})
        main = app.scene
        assert isinstance(main, MainScene) and match.seat.solo
        [help_window] = main.dialogs
        assert isinstance(help_window, HelpDialog) and help_window.holds_clock
        press(app, pygame.K_ESCAPE)
        flow.end_turn(app, match)  # month 2: not again
        step(app, SETTLE)
        press(app, pygame.K_RETURN)
        main = app.scene
        assert isinstance(main, MainScene) and main.world.month == 2
        assert not main.dialogs


def test_enter_in_the_menu_keeps_playing(app) -> None:
    """The menu's highlighted button is "Back to the start screen", and an Enter meant for
    the game left it."""
    main = to_main(app)
    main.ask_menu()
    step(app)
    press(app, pygame.K_RETURN)
    assert app.scene is main and not main.dialogs
