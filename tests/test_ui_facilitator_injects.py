"""The facilitator's injects in the panel: firing once per click and once per month unless
confirmed, their effects in words before firing, and a list in the order they come up.

Driven through `App.step` with posted events, like a person's clicks.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.sim.commands import FireInject
from game.ui.app import DEFAULT_SIZE, App
from game.ui.scenes.facilitator import FacilitatorScene
from tests.test_ui_facilitator import open_panel, play_month, to_main
from tests.uikit import click, click_at, find, step


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    """The window, at the design size unless a test asks for another (indirect parameter)."""
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en", intro=False, size=getattr(request, "param", DEFAULT_SIZE))
    yield application
    application.close()


def fired(panel: FacilitatorScene, inject_id: str) -> list[int]:
    return [
        e.month for e in panel.world.entries if e.kind == "inject" and e.data.get("id") == inject_id
    ]


def boxes_text(app: App) -> str:
    """The text of every text box on screen (a dialog's question, the inject's details)."""
    return " ".join(
        element.html_text
        for element in app.manager.get_sprite_group().sprites()
        if isinstance(element, pygame_gui.elements.UITextBox) and element.alive()
    )


# --- fire now -------------------------------------------------------------------------------
def test_a_double_click_on_fire_now_fires_the_inject_once(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    inject = panel.inject()
    button = find(app, "#fac_fire")
    where = button.rect.center
    click_at(app, where, frames=1)
    click_at(app, where, frames=3)  # the second click of a touchpad's double tap
    assert panel.match.session.commands.count(FireInject(inject.id)) == 1
    assert fired(panel, inject.id) == [1]
    again = find(app, "#fac_fire")
    assert not again.is_enabled  # and it says why, on the button and beside the inject
    assert "month 1" in again.tool_tip_text
    assert "already fired in month 1" in panel.inject_box.html_text


def test_firing_again_in_a_later_month_asks_first(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    inject = panel.inject()
    click(app, find(app, "#fac_fire"))
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, {"key": pygame.K_ESCAPE}))
    step(app)
    play_month(app)
    panel = open_panel(app)
    panel.select(inject.id)
    click(app, find(app, "#fac_fire"))
    assert panel.dialogs, "fired in month 1: it asks before firing again"
    assert "already fired in month 1" in boxes_text(app)
    assert fired(panel, inject.id) == [1]
    click(app, find(app, "#confirm_no"))
    assert fired(panel, inject.id) == [1]
    click(app, find(app, "#fac_fire"))
    click(app, find(app, "#confirm_yes"))
    assert fired(panel, inject.id) == [1, 2]
