"""The keyboard alone reaches every window: a student who prefers the keyboard met dead ends
where the help promised "Enter – the main button of the window". Each test presses keys through
`App.step`, the path a person's keyboard takes."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.ui import flow
from game.ui.app import App
from game.ui.scenes.month_summary import MonthSummaryScene
from game.ui.widgets.help import TABS, HelpDialog
from tests.test_ui_scenes import to_main
from tests.uikit import press, step

SETTLE = 60  # frames of 1/60 s: a window takes Enter once it has been on screen a moment


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en", intro=False, size=(1024, 640))
    yield application
    application.close()


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
