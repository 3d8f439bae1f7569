"""A whole game played through the window by clicks, from the start screen to the debrief."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.app import App
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.main import MainScene
from game.ui.scenes.month_summary import MonthSummaryScene
from game.ui.scenes.start import StartScene
from game.ui.widgets.help import HelpDialog
from tests.uikit import click, find, pixel_spread, step


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en")
    yield application
    application.close()


def test_a_scripted_game_runs_from_the_start_screen_to_the_debrief(
    app: App, write_scenario, scenario_text: str
) -> None:
    path = write_scenario(scenario_text)  # 12 months, one team
    app.push(StartScene(app, scenario=path))
    step(app)
    click(app, find(app, "#begin"))
    introduced = 0
    months_seen = []
    talked = False
    for _ in range(200):
        scene = app.scene
        if isinstance(scene, DebriefScene):
            break
        if isinstance(scene, HandoverScene):
            step(app, 60)  # the hand-over settles before it takes a click
            click(app, find(app, "#ready"))
        elif isinstance(scene, MainScene):
            if scene.dialogs:  # "how to play" opens by itself on a team's first screen
                assert isinstance(scene.dialogs[-1], HelpDialog)
                click(app, find(app, "#help_close"))
                introduced += 1
            months_seen.append(scene.world.month)
            if not talked:  # one informal chat with the NGO, by clicks
                scene.select_org(scene.world.org_index["lsm"])
                click(app, find(app, "#action_dialogue"))
                click(app, find(app, "#form_ok"))
                talked = True
            click(app, find(app, "#end_turn"))
            if scene.dialogs:  # agenda points left: confirm
                click(app, find(app, "#confirm_yes"))
        elif isinstance(scene, MonthSummaryScene):
            step(app, 60)  # the summary settles too, before a click or Enter moves on
            click(app, find(app, "#next"))
        else:
            raise AssertionError(f"unexpected scene {scene}")
    assert isinstance(app.scene, DebriefScene)
    world = app.scene.match.world
    assert world.finished
    assert months_seen == list(range(1, world.months + 1))
    assert introduced == 1
    assert any(e.kind == "dialogue" for e in world.entries)
    assert app.scene.match.path.exists()
    step(app)
    assert pixel_spread(app.window) > 20
    click(app, find(app, "#tab_so_what"))
    click(app, find(app, "#page_challenges"))
    click(app, find(app, "#menu"))
    assert isinstance(app.scene, StartScene)


def test_an_idle_screen_draws_fewer_frames_and_input_wakes_it(app) -> None:
    """The results screen used 40 % of a core while the room talked, on an old netbook."""
    import time

    import pygame

    from game.ui.app import FPS, IDLE_FPS

    app.last_input = time.monotonic() - 60
    assert app.frame_rate() == IDLE_FPS
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, {"pos": (5, 5), "rel": (0, 0)}))
    app.step()
    assert app.frame_rate() == FPS
