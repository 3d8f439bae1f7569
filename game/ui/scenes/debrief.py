"""The debrief screen: the ten-benefit scorecard per team, with the raw figure under each score.

This is the minimum the game shows when a scenario ends; the debrief issue builds the full
"What? So what? Now what?" screen on top of it. Scores come from `outcomes.outcomes(world)`;
this module only draws them. Each score is a bar and a number, so nothing rests on colour.
"""

from __future__ import annotations

import pygame

from game.scenario.schema import BENEFIT_IDS
from game.sim.outcomes import CHALLENGE_IDS, PILLAR_IDS, OrgOutcome, outcomes
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.formatting import num, pct, short_name
from game.ui.intents import Intent
from game.ui.scenes.base import Scene
from game.ui.widgets.charts import bar
from game.ui.widgets.panels import Cached
from game.ui.widgets.shapes import draw_sector_icon

LABEL_W = 280


def raw_text(t, benefit_unit: str, raw: float) -> str:
    if benefit_unit == "health":
        return t("ui.unit.health", value=pct(t, raw))
    if benefit_unit == "diversity":
        return t("ui.unit.diversity", value=pct(t, raw))
    digits = 2 if benefit_unit in ("capacity",) else 1
    return t(f"ui.unit.{benefit_unit}", value=num(t, raw, digits))


class DebriefScene(Scene):
    def __init__(self, app, match) -> None:
        super().__init__(app)
        self.match = match
        self.results: dict[str, OrgOutcome] = outcomes(match.world)
        self.all_orgs = False
        self.page = "benefits"  # or "challenges": the three challenges and three pillars
        self.table = Cached()

    @property
    def columns(self) -> list[int]:
        world = self.match.world
        teams = [world.org_index[team.org] for team in self.match.teams]
        if not self.all_orgs:
            return teams
        return teams + [o.idx for o in world.orgs if o.idx not in teams]

    def build(self) -> None:
        t = self.app.t
        w, h = self.app.size
        world = self.match.world
        self.label(
            pygame.Rect(32, 12, w - 520, 50),
            t("ui.debrief.title", scenario=t.text(world.scenario.meta.title)),
            cls="@title",
        )
        x = w - 32
        for key, action, width, oid in (
            ("ui.debrief.quit", self.app.quit, 140, "#quit"),
            ("ui.debrief.menu", self.menu, 180, "#menu"),
            ("ui.language_button", self.app.next_language, 150, ""),
            (
                "ui.debrief.all" if not self.all_orgs else "ui.debrief.teams",
                self.toggle,
                250,
                "#toggle",
            ),
        ):
            x -= width
            self.button(pygame.Rect(x, 16, width, 44), t(key), on=action, oid=oid)
            x -= 8
        for n, page in enumerate(("benefits", "challenges")):
            b = self.button(
                pygame.Rect(24 + n * 290, h - 60, 280, 44),
                t(f"ui.debrief.page.{page}"),
                cls="@tab",
                oid=f"#page_{page}",
                on=lambda p=page: self.show(p),
            )
            if page == self.page:
                b.select()

    def show(self, page: str) -> None:
        self.page = page
        self.rebuild()

    def toggle(self) -> None:
        self.all_orgs = not self.all_orgs
        self.rebuild()

    def menu(self) -> None:
        from game.ui.flow import back_to_start

        back_to_start(self.app)

    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.BACK:
            self.menu()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        area = pygame.Rect(24, 72, w - 48, h - 72 - 72)
        key = (self.app.t.lang, self.all_orgs, self.page)
        surface.blit(self.table.get(key, area.size, self._paint), area)

    def _paint(self, surf: pygame.Surface) -> None:
        t, fonts, world = self.app.t, self.app.fonts, self.match.world
        cols = self.columns
        w, _h = surf.get_size()
        col_w = (w - LABEL_W - 16) // max(1, len(cols))
        y = 8
        fonts.blit(surf, t("ui.debrief.intro"), (12, y), BODY, palette.MUTED)
        y += 32
        team_of = {world.org_index[team.org]: team.name for team in self.match.teams}
        for n, idx in enumerate(cols):
            x = LABEL_W + n * col_w
            draw_sector_icon(surf, world.orgs[idx].sector, (x + 14, y + 14), 10)
            fonts.blit(
                surf,
                fonts.fit(short_name(world, t, idx), col_w - 36),
                (x + 30, y),
                BODY,
                palette.TEXT,
                "bold",
            )
            sub = team_of.get(idx, t("ui.map.computer"))
            fonts.blit(surf, fonts.fit(sub, col_w - 12), (x + 6, y + 24), BODY, palette.MUTED)
        y += 56
        if self.page == "benefits":
            self._paint_benefits(surf, cols, col_w, y)
        else:
            self._paint_challenges(surf, cols, col_w, y)
        pygame.draw.rect(surf, palette.LINE, surf.get_rect(), 1)

    def _paint_benefits(self, surf: pygame.Surface, cols: list[int], col_w: int, y: int) -> None:
        t, fonts, world = self.app.t, self.app.fonts, self.match.world
        w, h = surf.get_size()
        row_h = max(44, min(52, (h - y - 8) // len(BENEFIT_IDS)))
        lh = fonts.line_height(BODY)
        for k, benefit in enumerate(BENEFIT_IDS):
            if k % 2 == 0:
                pygame.draw.rect(surf, palette.BG, (4, y - 1, w - 8, row_h))
            fonts.blit(
                surf,
                f"{k + 1}. {t(f'sim.benefit.{benefit}')}",
                (12, y + 8),
                BODY,
                palette.TEXT,
                "bold",
            )
            for n, idx in enumerate(cols):
                b = self.results[world.orgs[idx].id].benefits[benefit]
                x = LABEL_W + n * col_w
                bar(surf, pygame.Rect(x + 6, y + 6, col_w - 64, 12), b.score / 100)
                fonts.blit(
                    surf, num(t, b.score, 0), (x + col_w - 52, y - 2), BODY, palette.TEXT, "bold"
                )
                raw = fonts.fit(raw_text(t, b.unit, b.raw), col_w - 12)
                fonts.blit(surf, raw, (x + 6, y + row_h - lh - 1), BODY, palette.MUTED)
            y += row_h

    def _paint_challenges(self, surf: pygame.Surface, cols: list[int], col_w: int, y: int) -> None:
        t, fonts, world = self.app.t, self.app.fonts, self.match.world
        w = surf.get_width()
        for group, ids in (("challenge", CHALLENGE_IDS), ("pillar", PILLAR_IDS)):
            fonts.blit(surf, t(f"ui.debrief.{group}s"), (12, y), BODY, palette.TEXT, "bold")
            y += 34
            for k, item in enumerate(ids):
                if k % 2 == 0:
                    pygame.draw.rect(surf, palette.BG, (4, y - 4, w - 8, 34))
                fonts.blit(
                    surf,
                    fonts.fit(t(f"sim.{group}.{item}"), LABEL_W - 24),
                    (24, y),
                    BODY,
                    palette.TEXT,
                )
                for n, idx in enumerate(cols):
                    o = self.results[world.orgs[idx].id]
                    value = o.challenges.get(item) if group == "challenge" else o.pillars.get(item)
                    if item == "shared_understanding":
                        text = num(t, float(value or 0), 2)
                    else:
                        text = str(int(value or 0))
                    fonts.blit(surf, text, (LABEL_W + n * col_w + 6, y), BODY, palette.TEXT, "bold")
                y += 34
            y += 16
