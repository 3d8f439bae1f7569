"""Taking back one mistaken move from the facilitator panel, and the month undo's wording.

A whole-month undo costs the room minutes; one mistaken click should cost seconds. These
drive the panel like a facilitator and check the record, whose turn it is, the agenda, the
file and its backup.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.sim.commands import FireInject, HoldDialogue
from game.sim.session import Session
from game.ui import palette
from game.ui.app import DEFAULT_SIZE, App
from game.ui.match import Match
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.main import MainScene
from tests.test_ui_facilitator import open_panel, play_month, to_main
from tests.uikit import boxes_text, click, find, press, step


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en", intro=False, size=getattr(request, "param", DEFAULT_SIZE))
    yield application
    application.close()


def chat(match: Match) -> HoldDialogue:
    """An informal chat by the team playing now, with an organisation no team leads."""
    teams = {team.org for team in match.teams}
    other = next(o.id for o in match.world.orgs if o.id not in teams)
    move = HoldDialogue(match.team.org, other)
    match.apply(move)
    return move


def take_back(app: App) -> None:
    open_panel(app)
    click(app, find(app, "#fac_take_back"))
    click(app, find(app, "#confirm_yes"))


def test_the_current_teams_mistaken_move_is_taken_back_and_it_keeps_its_turn(app: App) -> None:
    main = to_main(app)
    match = main.match
    team, agenda = match.team, match.org.agenda
    before = list(match.session.commands)
    move = chat(match)
    panel = open_panel(app)
    click(app, find(app, "#fac_take_back"))
    assert panel.dialogs  # asks first, saying which move in words and whose
    said = boxes_text(app)
    assert f"{team.name}: informal chat with" in said and "keeps its turn" in said
    click(app, find(app, "#confirm_yes"))
    assert match.session.commands == before and move not in match.session.commands
    assert match.team == team and match.org.agenda == agenda
    assert isinstance(app.scene, MainScene) and app.scene.match is match  # the team's screen
    assert app.toast is not None and "Taken back" in app.toast.text
    assert Session.load(match.path).commands == before  # saved at once
    backup = Session.load(match.path.with_name(match.path.name + ".bak"))
    assert backup.commands == [*before, move]  # the file before the take-back


def test_a_move_made_before_a_hand_over_gives_that_team_its_turn_back(app: App) -> None:
    main = to_main(app)
    match = main.match
    first = match.team
    agenda = match.org.agenda
    chat(match)
    match.end_turn()  # the first team is done; the second team's hand-over shows
    second = match.team
    assert second != first
    take_back(app)
    assert match.team == first and match.org.agenda == agenda
    assert isinstance(app.scene, HandoverScene)  # the laptop goes back to the first team
    # The month goes on as before: the first team ends again, then the second plays.
    assert match.end_turn() == second
    reopened = Match(Session.load(match.path))
    assert reopened.team == second


def test_the_turns_are_restored_after_a_restart_too(app: App) -> None:
    main = to_main(app)
    match = main.match
    first = match.team
    chat(match)
    match.end_turn()
    reopened = Match(Session.load(match.path))  # the window was closed at the hand-over
    assert reopened.take_back_known() and reopened.take_back_turn() == first
    assert reopened.take_back() is not None
    assert reopened.team == first


def test_an_inject_is_taken_back_without_moving_the_turn(app: App) -> None:
    main = to_main(app)
    match = main.match
    chat(match)
    match.end_turn()
    second = match.team
    inject = match.world.scenario.injects[0]
    match.apply(FireInject(inject.id))
    panel = open_panel(app)
    click(app, find(app, "#fac_take_back"))
    assert "Facilitator: fired" in boxes_text(app)
    click(app, find(app, "#confirm_yes"))
    assert FireInject(inject.id) not in match.session.commands
    assert match.team == second
    assert not [e for e in match.world.entries if e.kind == "inject"]
    del panel


def test_with_no_move_this_month_take_back_is_off_and_says_why(app: App) -> None:
    to_main(app)
    play_month(app)
    open_panel(app)
    button = find(app, "#fac_take_back")
    assert not button.is_enabled
    assert "No move yet in month 2" in button.tool_tip_text


def test_a_session_saved_mid_month_without_hand_overs_refuses_instead_of_guessing(
    app: App,
) -> None:
    main = to_main(app)
    match = main.match
    chat(match)
    match.end_turn()
    match.session.turns.pop("handovers")  # as an older version saved it
    match.session.save(match.path)
    reopened = Match(Session.load(match.path))
    assert not reopened.take_back_known()
    assert reopened.take_back() is None


# --- the month undo in month 1 ------------------------------------------------------------------
def test_the_month_undo_in_month_1_speaks_of_month_1_only_once(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    assert not find(app, "#fac_undo").is_enabled  # nothing to undo yet
    panel.select(panel.world.scenario.injects[0].id)
    click(app, find(app, "#fac_schedule"))
    click(app, find(app, "#fac_undo"))
    said = boxes_text(app)
    assert "Every move made so far in month 1" in said
    assert "and any made so far in month 1" not in said
    press(app, pygame.K_ESCAPE)
    step(app)


def test_an_inject_taken_back_leaves_the_banner(app: App) -> None:
    """A facilitator's review: after taking back an inject, the yellow banner on every
    screen still announced it while the News tab no longer had it."""
    main = to_main(app)
    match = main.match
    inject = match.world.scenario.injects[0]
    panel = open_panel(app)
    panel.select(inject.id)
    panel.fire()
    title = app.t.text(inject.title)
    assert title in app.facilitator.banner_text()
    panel.take_back()
    assert FireInject(inject.id) not in match.session.commands
    assert title not in app.facilitator.banner_text()


def test_a_disabled_panel_button_says_why_when_the_mouse_is_on_it(app: App, monkeypatch) -> None:
    """'Take back the last move' is off before any move, and the guide says it tells why:
    pygame_gui shows no tooltip on a disabled button, so the scene draws it."""
    from game.ui.widgets import tooltip

    to_main(app)
    open_panel(app)
    button = find(app, "#fac_take_back")
    assert not button.is_enabled
    shown: list[list[str]] = []
    monkeypatch.setattr(
        tooltip, "draw_tooltip", lambda surface, fonts, lines, pos: shown.append(lines)
    )
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION, {"pos": button.rect.center, "rel": (0, 0), "buttons": (0, 0, 0)}
        )
    )
    step(app, 2)
    assert shown and shown[-1][1] == button.tool_tip_text


@pytest.mark.parametrize("app", [(1024, 600)], indirect=True)
def test_the_panels_messages_leave_its_buttons_clear(app: App, monkeypatch) -> None:
    """At the foot of the left column a message covered "Take back" and "Undo" for the
    seconds after they were used."""
    to_main(app)
    panel = open_panel(app)
    drawn: list[pygame.Rect] = []
    real = pygame.draw.rect

    def record(surface, colour, rect, *args, **kwargs):
        if tuple(colour)[:3] == tuple(palette.TOOLTIP_BG)[:3]:
            drawn.append(pygame.Rect(rect))
        return real(surface, colour, rect, *args, **kwargs)

    monkeypatch.setattr(pygame.draw, "rect", record)
    app.notify("Message shown to every team.")
    step(app)
    assert drawn
    for oid in ("#fac_take_back", "#fac_undo", "#fac_banner_show", "#fac_pause"):
        assert not drawn[-1].colliderect(find(app, oid).rect), oid
    assert panel is app.scene
