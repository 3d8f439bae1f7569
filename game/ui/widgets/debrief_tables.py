"""The debrief's tables drawn with pygame: the ten-benefit scorecard with raw figures, the
challenges and pillars, and small labelled bars (missions, objectives).

Every score is a bar and a number, every count a number with a "!" when something went wrong,
every pillar a filled or an empty dot with its figure: nothing rests on colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.debrief.model import says_team
from game.scenario.schema import BENEFIT_IDS, Sector
from game.sim.outcomes import CHALLENGE_IDS, PILLAR_IDS
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.formatting import num
from game.ui.widgets.charts import bar
from game.ui.widgets.shapes import draw_sector_icon

if TYPE_CHECKING:
    from game.debrief.model import Debrief, OrgCard
    from game.i18n import Translator
    from game.ui.fonts import Fonts

LABEL_W = 270
HEAD_H = 62
ROW_H = 54
PILLAR_ROW_H = 40
TEAM_TINT = (232, 242, 249)


def who(card: OrgCard, t: Translator) -> str:
    """Who played an organisation: the team's name, "a team", or the computer."""
    if card.team:
        return card.team if says_team(card.team) else t("ui_debrief.team", team=card.team)
    return t("ui_debrief.a_team") if card.player else t("ui_debrief.computer")


def _columns(
    surf: pygame.Surface,
    rect: pygame.Rect,
    cols: Sequence[OrgCard],
    col_w: int,
    t,
    fonts,
    label_w: int = LABEL_W,
) -> None:
    """The column heads: sector shape, short name, who played it; teams' columns tinted."""
    for n, card in enumerate(cols):
        x = rect.x + label_w + n * col_w
        if card.player:
            pygame.draw.rect(surf, TEAM_TINT, (x + 2, rect.y, col_w - 4, rect.height))
        draw_sector_icon(surf, Sector(card.sector), (x + 16, rect.y + 16), 10, card.variant)
        name = fonts.fit(t.msg(card.short), col_w - 40, BODY, "bold")
        fonts.blit(surf, name, (x + 32, rect.y + 4), BODY, palette.TEXT, "bold")
        fonts.blit(
            surf, fonts.fit(who(card, t), col_w - 12), (x + 8, rect.y + 30), BODY, palette.MUTED
        )


def scorecard_height(fonts: Fonts) -> int:
    return HEAD_H + (len(BENEFIT_IDS) + 1) * ROW_H + 4


def scorecard(
    surf: pygame.Surface,
    rect: pygame.Rect,
    d: Debrief,
    cols: Sequence[OrgCard],
    t: Translator,
    fonts: Fonts,
) -> None:
    """Ten rows of benefits, a column per organisation: bar, score 0–100, raw figure; a mean."""
    col_w = (rect.width - LABEL_W) // max(1, len(cols))
    lh = fonts.line_height(BODY)
    _columns(surf, rect, cols, col_w, t, fonts)
    y = rect.y + HEAD_H
    rows = [*BENEFIT_IDS, "mean"]
    for k, benefit in enumerate(rows):
        if k % 2 == 0:
            pygame.draw.rect(surf, palette.BG, (rect.x, y, LABEL_W - 4, ROW_H))
        pygame.draw.line(surf, palette.LINE, (rect.x, y + ROW_H - 1), (rect.right, y + ROW_H - 1))
        if benefit == "mean":
            pygame.draw.line(surf, palette.TEXT, (rect.x, y), (rect.right, y), 2)
            label = t("ui_debrief.mean")
        else:
            label = f"{k + 1}. {t(f'sim.benefit.{benefit}')}"
        fonts.blit(
            surf, fonts.fit(label, LABEL_W - 16), (rect.x + 8, y + 6), BODY, palette.TEXT, "bold"
        )
        for n, card in enumerate(cols):
            outcome = d.outcome(card.id)
            x = rect.x + LABEL_W + n * col_w
            if benefit == "mean":
                score, raw = outcome.mean_score, ""
            else:
                b = next(b for b in outcome.benefits if b.id == benefit)
                score, raw = b.score, t.msg(b.raw_msg())
                if fonts.size(raw)[0] > col_w - 14:  # keep the reference, drop the unit
                    raw = t.msg(b.raw_msg(short=b.reference is not None))
            bar(surf, pygame.Rect(x + 8, y + 10, col_w - 66, 14), score / 100)
            fonts.blit(
                surf,
                num(t, score, 0),
                (x + col_w - 10, y + 2),
                BODY,
                palette.TEXT,
                "bold",
                anchor="topright",
            )
            if raw:
                fonts.blit(
                    surf,
                    fonts.fit(raw, col_w - 14),
                    (x + 8, y + ROW_H - lh - 4),
                    BODY,
                    palette.MUTED,
                )
        y += ROW_H


def challenges_height(fonts: Fonts) -> int:
    lh = fonts.line_height(BODY)
    return HEAD_H + 2 * (lh + 16) + (len(CHALLENGE_IDS) + len(PILLAR_IDS)) * PILLAR_ROW_H + 24


def challenges(
    surf: pygame.Surface,
    rect: pygame.Rect,
    d: Debrief,
    cols: Sequence[OrgCard],
    t: Translator,
    fonts: Fonts,
) -> None:
    """Counts of the challenges (with "!" when any) and the pillars (a filled dot when present).

    A last column gives the challenges over every organisation.
    """
    lh = fonts.line_height(BODY)
    n_cols = len(cols) + 1
    # The labels' column as wide as its longest label needs, within reason: at 1024 pixels
    # "Shared understanding reached" read "Shared understanding reach…".
    labels = [t(f"sim.challenge.{i}") for i in CHALLENGE_IDS]
    labels += [t(f"sim.pillar.{i}") for i in PILLAR_IDS]
    widest = max(fonts.size(label, BODY)[0] for label in labels) + 32 + 8
    label_w = max(LABEL_W, min(widest, int(rect.width * 0.42)))
    col_w = (rect.width - label_w) // n_cols
    _columns(surf, rect, cols, col_w, t, fonts, label_w)
    x_all = rect.x + label_w + len(cols) * col_w
    fonts.blit(
        surf,
        fonts.fit(t("ui_debrief.all_orgs"), col_w - 12),
        (x_all + 8, rect.y + 4),
        BODY,
        palette.TEXT,
        "bold",
    )
    y = rect.y + HEAD_H
    for group, ids in (("challenge", CHALLENGE_IDS), ("pillar", PILLAR_IDS)):
        title = t(f"ui_debrief.{group}s_heading")
        fonts.blit(surf, title, (rect.x + 8, y + 8), BODY, palette.TEXT, "bold")
        y += lh + 16
        for k, item in enumerate(ids):
            if k % 2 == 0:
                pygame.draw.rect(surf, palette.BG, (rect.x, y, rect.width, PILLAR_ROW_H))
            label = fonts.fit(t(f"sim.{group}.{item}"), label_w - 32)
            fonts.blit(surf, label, (rect.x + 24, y + 8), BODY, palette.TEXT)
            for n, card in enumerate(cols):
                o = d.outcome(card.id)
                x = rect.x + label_w + n * col_w
                if group == "challenge":
                    _count(surf, fonts, (x + 8, y + 8), int(o.challenges.get(item, 0)))
                else:
                    _pillar(surf, fonts, t, (x + 8, y + 8), item, float(o.pillars.get(item, 0)))
            if group == "challenge":
                _count(surf, fonts, (x_all + 8, y + 8), int(d.so_what.challenges.get(item, 0)))
            y += PILLAR_ROW_H
        y += 12


def _count(surf: pygame.Surface, fonts: Fonts, pos: tuple[int, int], n: int) -> None:
    if n:
        fonts.blit(surf, "!", pos, BODY, palette.BAD, "bold")
    fonts.blit(surf, str(n), (pos[0] + 18, pos[1]), BODY, palette.TEXT, "bold")


def _pillar(
    surf: pygame.Surface, fonts: Fonts, t, pos: tuple[int, int], item: str, value: float
) -> None:
    """A filled dot when the pillar is there (shared understanding of at least 0.5)."""
    good = value >= (0.5 if item == "shared_understanding" else 1)
    centre = (pos[0] + 7, pos[1] + fonts.line_height(BODY) // 2)
    if good:
        pygame.draw.circle(surf, palette.BLUE, centre, 8)
    pygame.draw.circle(surf, palette.TEXT, centre, 8, 2)
    text = num(t, value, 2) if item == "shared_understanding" else str(round(value))
    fonts.blit(surf, text, (pos[0] + 24, pos[1]), BODY, palette.TEXT, "bold")


def share_rows_height(fonts: Fonts, rows: int) -> int:
    return rows * (fonts.line_height(BODY) + 6)


def share_rows(
    surf: pygame.Surface,
    rect: pygame.Rect,
    rows: Sequence[tuple[str, float]],
    t: Translator,
    fonts: Fonts,
    colour: palette.Colour = palette.BLUE,
) -> None:
    """Label, bar and percentage per row: a mission's shares, an objective's progress."""
    lh = fonts.line_height(BODY)
    widest = max((fonts.size(label)[0] for label, _ in rows), default=0)
    label_w = min(widest + 14, rect.width - 190)
    y = rect.y
    for label, share in rows:
        fonts.blit(surf, fonts.fit(label, label_w - 10), (rect.x, y), BODY, palette.TEXT)
        bar(
            surf, pygame.Rect(rect.x + label_w, y + 5, rect.width - label_w - 70, 14), share, colour
        )
        fonts.blit(
            surf,
            t("ui.percent", value=round(100 * share)),
            (rect.right, y),
            BODY,
            palette.TEXT,
            "bold",
            anchor="topright",
        )
        y += lh + 6
