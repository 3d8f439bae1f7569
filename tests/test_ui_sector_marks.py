"""Organisations of one sector tell apart at a glance: the same colour and shape (the sector
reads at once) with a mark inside, by their order in the scenario, the same on the map, the
cards, the debrief's network and the report.

Stunting in the Village has four government offices: on a projector, four identical blue
squares were told apart only by their small names.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.debrief.build import build_debrief
from game.look import SECTOR_STYLES
from game.scenario import bundled_scenarios, load_scenario
from game.scenario.schema import Sector
from game.sim.commands import EndMonth
from game.sim.session import Session
from game.ui import flow
from game.ui.app import App
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.main import MainScene
from game.ui.widgets import debrief_charts
from game.ui.widgets.shapes import draw_sector_icon
from tests.uikit import click, find, step


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("id", intro=False, size=getattr(request, "param", (1024, 600)))
    yield application
    application.close()


def _stunting():
    info = next(i for i in bundled_scenarios() if i.id == "stunting-desa")
    return info, load_scenario(info.path)


def _to_map(app: App) -> MainScene:
    info, loaded = _stunting()
    teams = {p: f"Tim {k}" for k, p in enumerate(loaded.scenario.players, 1)}
    flow.start_match(app, loaded, info.path.read_text("utf-8"), teams)
    step(app)
    if isinstance(app.scene, HandoverScene):
        step(app, 60)
        click(app, find(app, "#ready"))
    assert isinstance(app.scene, MainScene)
    step(app, 3)
    return app.scene


def _near(a, b, tolerance: int = 40) -> bool:
    return all(abs(int(x) - int(y)) <= tolerance for x, y in zip(a[:3], b[:3], strict=False))


def _look(surface: pygame.Surface, centre: tuple[int, int], r: float) -> tuple[bool, ...]:
    """What a shape shows inside, as a person would see it: for points around its middle,
    whether each is its sector's colour or something drawn on it (a mark)."""
    blue = SECTOR_STYLES[Sector.government].colour
    cx, cy = centre
    d = r * 0.36
    spots = [(0, 0), (d, 0), (-d, 0), (0, d), (0, -d), (d * 0.8, d * 0.8), (-d * 0.8, d * 0.8)]
    return tuple(_near(surface.get_at((round(cx + dx), round(cy + dy))), blue) for dx, dy in spots)


@pytest.mark.parametrize("app", [(1024, 600), (1920, 1080)], indirect=True, ids=["1024", "1920"])
def test_four_government_offices_look_different_on_the_map_and_still_blue_squares(
    app: App,
) -> None:
    main = _to_map(app)
    world, the_map = main.world, main.map
    offices = [i for i, o in enumerate(world.orgs) if o.sector is Sector.government]
    assert len(offices) == 4
    blue = SECTOR_STYLES[Sector.government].colour
    looks = []
    for i in offices:
        (x, y), r = the_map.points[i], the_map.radii[i]
        # The sector at a glance: the corners of its square are still its blue.
        assert _near(app.window.get_at((round(x + r * 0.7), round(y - r * 0.7))), blue), i
        looks.append(_look(app.window, (x, y), r))
    assert len(set(looks)) == 4, looks  # four different insides, not four identical squares
    assert looks[0] == (True,) * 7  # the first of its sector is plain


def test_the_map_the_debrief_and_the_report_give_each_organisation_one_mark(app: App) -> None:
    from game.debrief.report_html import org_icon
    from game.look import mark_of

    main = _to_map(app)
    info, loaded = _stunting()
    session = Session(loaded.scenario, info.path.read_text("utf-8"), months=2)
    while not session.world.finished:
        session.apply(EndMonth())
    debrief = build_debrief(session)
    assert main.map.marks == [mark_of(card.variant) for card in debrief.orgs]
    assert any(main.map.marks)
    by_sector: dict[str, list[str]] = {}
    for card in debrief.orgs:
        by_sector.setdefault(card.sector, []).append(org_icon(card))
    for icons in by_sector.values():  # the report's icons differ within a sector too
        assert len(set(icons)) == len(icons)
    # The debrief's network legend says what the marks mean when a sector has several.
    sectors = list(dict.fromkeys(card.sector for card in debrief.orgs))
    items = debrief_charts._legend_items(900, sectors, app.t, app.fonts, "government")
    assert ("marks:government", app.t("ui_debrief.network.legend_marks")) in [
        (kind, text) for kind, text, _x, _y in items
    ]


def test_an_organisations_icon_carries_its_mark_on_every_sector_colour() -> None:
    """The icon drawn on cards, the hand-over and the debrief: a different inside for each
    of the first marks, in black or white, whichever stands out on the sector's colour
    (at least 4.5:1, as for text)."""
    from game.look import MARKS, mark_ink

    for sector, style in SECTOR_STYLES.items():
        pictures = []
        for variant in range(len(MARKS)):
            surf = pygame.Surface((40, 40))
            surf.fill((255, 255, 255))
            draw_sector_icon(surf, sector, (20, 20), 16, variant)
            pictures.append(pygame.image.tobytes(surf, "RGB"))
        assert len(set(pictures)) == len(MARKS), sector
        ink = mark_ink(style.colour)
        assert _contrast(ink, style.colour) >= 4.5, sector


def test_the_marks_follow_the_order_of_each_sector_in_the_scenario() -> None:
    from game.look import mark_of, sector_variants

    _, loaded = _stunting()
    sectors = [o.sector for o in loaded.scenario.organisations]
    variants = sector_variants(sectors)
    government = [v for s, v in zip(sectors, variants, strict=True) if s is Sector.government]
    assert government == [0, 1, 2, 3]
    assert [mark_of(v) for v in government] == ["", "dot", "bar", "plus"]


def _contrast(a, b) -> float:
    def lum(c) -> float:
        ch = [
            (v / 255) / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4
            for v in c
        ]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
