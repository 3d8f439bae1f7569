"""The facilitator's injects in the panel: firing once per click and once per month unless
confirmed, their effects in words before firing, and a list in the order they come up.

Driven through `App.step` with posted events, like a person's clicks.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.i18n import Translator
from game.scenario import load_scenario
from game.sim.commands import FireInject, ScheduleInject
from game.ui.app import DEFAULT_SIZE, App
from game.ui.record_words import effect_lines
from game.ui.scenes.facilitator import FacilitatorScene
from tests.test_ui_facilitator import open_panel, play_month, to_main
from tests.uikit import boxes_text, click, click_at, find, press, step

REPO = Path(__file__).resolve().parents[1]


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


# --- what an inject does, in words ------------------------------------------------------------
def _world(scenario: str):
    from game.sim.world import World

    loaded = load_scenario(REPO / "scenarios" / f"{scenario}.yaml")
    return World(loaded.scenario, loaded.scenario.meta.seed)


def _inject(world, inject_id: str):
    return next(i for i in world.scenario.injects if i.id == inject_id)


def test_an_injects_effects_are_said_in_words_in_either_language() -> None:
    world = _world("sekolah-hijau")
    viral = _inject(world, "viral-sachet")
    assert effect_lines(world, Translator("en"), viral) == [
        "PT Kemasindo: credibility −12",
        "Trust of PT Kemasindo in Bumi Lestari −0.05; tension of PT Kemasindo towards "
        "Bumi Lestari +0.2",
    ]
    assert effect_lines(world, Translator("id"), viral) == [
        "PT Kemasindo: kredibilitas −12",
        "Kepercayaan PT Kemasindo kepada Bumi Lestari −0,05; ketegangan PT Kemasindo "
        "terhadap Bumi Lestari +0,2",
    ]
    new_head = _inject(world, "kepala-dlh-baru")
    assert effect_lines(world, Translator("en"), new_head) == [
        "DLH: bureaucracy +0.1",
        "Trust of every organisation in DLH −0.1",
    ]
    perbup = _inject(world, "perbup-kemitraan-sekolah")  # "regulation, i.e. how hard…"
    assert effect_lines(world, Translator("id"), perbup)[0].startswith(
        "Izin makin sulit didapat (regulasi +0,15, pada skala 0 sampai 1)"
    )
    cut = _inject(world, "efisiensi-anggaran")
    assert effect_lines(world, Translator("en"), cut)[0] == (
        "DLH: funds −Rp 40 juta; income −Rp 4 juta a month"
    )


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("scenario", sorted(p.stem for p in (REPO / "scenarios").glob("*.yaml")))
def test_every_bundled_injects_effects_read_as_words(scenario: str, lang: str) -> None:
    world = _world(scenario)
    t = Translator(lang)
    for inject in world.scenario.injects:
        lines = effect_lines(world, t, inject)
        assert len(lines) == max(1, len(inject.effects)), inject.id
        for line in lines:
            assert line and "facilitator." not in line and "{" not in line, line


def test_the_panel_shows_the_selected_injects_effects_before_it_fires(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    inject = _inject(panel.world, "viral-sachet")
    panel.select(inject.id)
    step(app)
    shown = panel.inject_box.html_text
    assert "What it changes" in shown and "PT Kemasindo: credibility −12" in shown


# --- the order of the list ----------------------------------------------------------------------
def test_injects_are_listed_by_suggested_month_then_in_file_order(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    months = [i.suggested_month for i in panel.ordered_injects()]
    assert months == sorted(months, key=lambda m: (m is None, m or 0))
    step(app)
    shown = [row.key for row in panel._inject_rows()]
    assert shown == [i.id for i in panel.ordered_injects()]
    assert panel.selected == shown[0]


def test_the_stunting_injects_come_in_month_order() -> None:
    world = _world("stunting-desa")
    from game.ui.scenes.facilitator import ordered_injects

    assert [i.suggested_month for i in ordered_injects(world.scenario)] == [4, 6, 7, 9, 10]


# --- at the end of this month, in one click -----------------------------------------------------
def _later_inject(panel: FacilitatorScene):
    """An inject the scenario suggests for a later month: the month list opens there."""
    month = panel.world.month
    later = [i for i in panel.ordered_injects() if (i.suggested_month or 0) > month + 3]
    assert later, "the scenario suggests no inject for a later month"
    return later[-1]


@pytest.mark.parametrize("app", [(1024, 600), (1920, 1080)], indirect=True, ids=["1024", "1920"])
def test_an_inject_is_set_for_this_months_end_in_one_click_without_the_month_list(
    app: App,
) -> None:
    """The month list opens at the inject's suggested month, scrolled there: this month, its
    first entry, took a scroll on a netbook. A button of its own sets it in one click, and a
    double tap sets it once."""
    to_main(app)
    play_month(app)
    panel = open_panel(app)
    inject = _later_inject(panel)
    panel.select(inject.id)
    step(app)
    assert panel.month_menu.selected_option[0] == str(inject.suggested_month)  # as before
    now = find(app, "#fac_schedule_now")
    assert "month 2" in now.tool_tip_text
    where = now.rect.center
    click_at(app, where, frames=1)
    click_at(app, where, frames=3)  # the second click of a touchpad's double tap
    commands = panel.match.session.commands
    assert commands.count(ScheduleInject(inject.id, 2)) == 1
    assert not any(isinstance(c, ScheduleInject) and c.month != 2 for c in commands)
    again = find(app, "#fac_schedule_now")
    assert not again.is_enabled and "already scheduled" in again.tool_tip_text
    assert find(app, "#fac_schedule").is_enabled  # another month is still a choice
    assert panel.month_menu.selected_option[0] == str(inject.suggested_month)
    press(app, pygame.K_ESCAPE)
    play_month(app)
    assert fired(panel, inject.id) == [2]


@pytest.mark.parametrize("app", [(1024, 600), (1920, 1080)], indirect=True, ids=["1024", "1920"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_fire_and_schedule_buttons_fit_the_column_without_overlapping(
    app: App, lang: str
) -> None:
    """Fire now, this month's end, a chosen month's end and its list: inside the window and
    the panel's right column, clear of each other and of the inject's text, texts whole."""
    app.set_language(lang)
    to_main(app)
    panel = open_panel(app)
    panel.select(_later_inject(panel).id)
    step(app)
    ids = ("#fac_fire", "#fac_schedule_now", "#fac_schedule", "#fac_month")
    rects = [find(app, oid).rect for oid in ids]
    text = find(app, "#fac_inject_text").rect
    window = app.window.get_rect()
    for oid, rect in zip(ids, rects, strict=True):
        assert window.contains(rect), (oid, rect)
        assert rect.left >= text.left and rect.right <= text.right, (oid, rect, text)
        assert rect.top >= text.bottom, (oid, rect, text)
        assert rect.height >= 44, oid  # a comfortable target on a touchpad
    for k, a in enumerate(rects):
        for b in rects[k + 1 :]:
            assert not a.colliderect(b), (a, b)
    for oid in ids[:3]:
        button = find(app, oid)
        assert button.font.size(button.text)[0] <= button.rect.width - 8, (button.text, lang)
    assert text.height >= 110  # the inject's text keeps room to be read


# --- scheduled once per month, cancelled, and a suggestion let pass ---------------------------
@pytest.mark.parametrize("app", [(1024, 600), (1920, 1080)], indirect=True, ids=["1024", "1920"])
def test_an_inject_cannot_be_scheduled_twice_for_the_month_it_is_due(app: App) -> None:
    """A facilitator's review: "this month's end", then the list at the same month; the list
    said "scheduled for the end of month 8, 8" and the inject fired twice, its effects
    doubled. The list now holds only the months after this one, and its button is off, and
    says why, for a month the inject is already due at the end of."""
    to_main(app)
    play_month(app)
    panel = open_panel(app)
    inject = _later_inject(panel)
    panel.select(inject.id)
    step(app)
    assert panel.schedule_choices()[0] == 3  # month 2 is "this month's end", a button of its own
    assert "2" not in panel.month_menu.options_list
    click(app, find(app, "#fac_schedule_now"))
    assert panel.month_menu.selected_option[0] == str(inject.suggested_month)
    click(app, find(app, "#fac_schedule"))
    later = find(app, "#fac_schedule")
    assert not later.is_enabled and "already scheduled" in later.tool_tip_text
    assert f"month {inject.suggested_month}" in later.tool_tip_text
    panel.schedule()  # a second click, or a keyboard's, does nothing either
    commands = panel.match.session.commands
    assert commands.count(ScheduleInject(inject.id, inject.suggested_month)) == 1
    assert commands.count(ScheduleInject(inject.id, 2)) == 1
    assert panel.pending_months(inject.id) == [2, inject.suggested_month]
    # Another month in the list: its button is on again.
    other = next(m for m in panel.schedule_choices() if m != inject.suggested_month)
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
            {"ui_element": panel.month_menu, "text": str(other)},
        )
    )
    step(app)
    assert find(app, "#fac_schedule").is_enabled


def test_a_schedule_is_cancelled_while_it_is_the_months_last_move(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    inject = _later_inject(panel)
    panel.select(inject.id)
    step(app)
    assert not _has(app, "#fac_cancel_schedule")  # nothing to cancel yet
    click(app, find(app, "#fac_schedule_now"))
    cancel = find(app, "#fac_cancel_schedule")
    assert cancel.is_enabled and "month 1" in cancel.tool_tip_text
    click(app, cancel)
    assert isinstance(app.scene, FacilitatorScene)  # the panel stays open
    assert not any(isinstance(c, ScheduleInject) for c in panel.match.session.commands)
    assert panel.pending_months(inject.id) == []
    assert not _has(app, "#fac_cancel_schedule")
    assert find(app, "#fac_schedule_now").is_enabled
    # Once another move follows, the game has no way to call it off but the month's undo.
    click(app, find(app, "#fac_schedule_now"))
    other = next(i for i in panel.ordered_injects() if i.id != inject.id)
    panel.select(other.id)
    panel.fire()
    panel.select(inject.id)
    step(app)
    cancel = find(app, "#fac_cancel_schedule")
    assert not cancel.is_enabled and "last move" in cancel.tool_tip_text
    press(app, pygame.K_ESCAPE)
    play_month(app)
    assert fired(panel, inject.id) == [1]


def test_an_injects_suggested_month_that_passed_unused_is_marked(app: App) -> None:
    to_main(app)
    panel = open_panel(app)
    first = panel.ordered_injects()[0]
    second = panel.ordered_injects()[1]
    panel.select(second.id)
    panel.month = first.suggested_month + 1
    panel.schedule()  # this one waits: not "passed"
    press(app, pygame.K_ESCAPE)
    for _ in range(first.suggested_month):
        play_month(app)
    panel = open_panel(app)
    assert panel.world.month == first.suggested_month + 1
    rows = {row.key: " ".join(text for text, _, _ in row.lines) for row in panel._inject_rows()}
    assert f"suggested: month {first.suggested_month} — passed" in rows[first.id]
    assert "passed" not in rows[second.id]
    panel.select(first.id)
    step(app)
    assert "that month has passed" in panel.inject_box.html_text


def _has(app: App, object_id: str) -> bool:
    try:
        find(app, object_id)
    except LookupError:
        return False
    return True
