"""The debrief's charts drawn with pygame: curves with targets and numbered turning points,
and the trust network at the start and the end.

They draw the `Chart` and `Network` data the debrief layer made (the report draws the same data
with matplotlib). Colour never works alone: each curve also has its own dash pattern and point
shape and is named at its end; partnerships in the network are solid, labelled lines while
other ties are dashed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import pygame

from game.i18n import format_number
from game.look import mark_of
from game.scenario.schema import Sector
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.widgets.debrief_blocks import badge
from game.ui.widgets.shapes import draw_sector_icon, draw_shape

if TYPE_CHECKING:
    from game.debrief.model import Chart, Line, Network, OrgCard
    from game.i18n import Translator
    from game.ui.fonts import Fonts
    from game.ui.palette import Colour

DASHES: tuple[tuple[int, ...], ...] = (
    (),
    (14, 6),
    (4, 5),
    (16, 5, 4, 5),
    (8, 8),
    (2, 6),
    (20, 4, 4, 4, 4, 4),
)
RING_SPOTS = ((0, 30), (30, 30), (-30, 30), (0, 60), (30, 60), (-30, 60), (0, 90))
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "pentagon", "star")
PARTNER_COLOUR = palette.BLUE
TIE_COLOUR = (130, 130, 130)
WEAK_TIE_COLOUR = (200, 200, 200)
ONE_SIDED_COLOUR = palette.WARN  # the frame of a one-sided tie's two figures
NEAR_END = (0.27, 0.2, 0.34, 0.4)  # where along a tie a side's own figure stands
MARKS_LEAD = 80  # the legend's three shapes with marks, before their words


def rgb(colour: str) -> palette.Colour:
    c = pygame.Color(colour)
    return (c.r, c.g, c.b)


@dataclass(frozen=True)
class LineStyle:
    colour: palette.Colour
    dash: tuple[int, ...]
    shape: str
    width: int
    mark: str = ""  # an organisation's mark inside its shape, as on the map


def line_styles(lines: Sequence[Line]) -> dict[str, LineStyle]:
    """A colour, a dash pattern and a point shape per curve; the teams' curves are thicker.

    An organisation's curve has its sector's colour, shape and its own mark, as on the map,
    and a dash of its own among the organisations of its sector; other curves take them by
    their order.
    """
    return {
        line.id: LineStyle(
            rgb(line.colour),
            DASHES[(line.variant if line.shape else k) % len(DASHES)],
            line.shape or SHAPES[k % len(SHAPES)],
            5 if line.emphasis else 3,
            mark_of(line.variant) if line.shape else "",
        )
        for k, line in enumerate(lines)
    }


def dashed_polyline(
    surf: pygame.Surface,
    colour: palette.Colour,
    points: Sequence[tuple[float, float]],
    width: int,
    dash: tuple[int, ...],
) -> None:
    """A polyline whose dash pattern runs on across the corners."""
    if len(points) < 2:
        return
    if not dash:
        pygame.draw.lines(surf, colour, False, points, width)
        if width >= 4:
            for p in points[1:-1]:
                pygame.draw.circle(surf, colour, p, width // 2)
        return
    k, left, on = 0, float(dash[0]), True
    for (ax, ay), (bx, by) in pairwise(points):
        length = math.hypot(bx - ax, by - ay)
        pos = 0.0
        while pos < length - 1e-6:
            step = min(left, length - pos)
            if on:
                f0, f1 = pos / length, (pos + step) / length
                pygame.draw.line(
                    surf,
                    colour,
                    (ax + (bx - ax) * f0, ay + (by - ay) * f0),
                    (ax + (bx - ax) * f1, ay + (by - ay) * f1),
                    width,
                )
            pos += step
            left -= step
            if left <= 1e-6:
                k += 1
                left, on = float(dash[k % len(dash)]), not on


def line_sample(surf: pygame.Surface, style: LineStyle, rect: pygame.Rect) -> None:
    """A short piece of a curve with its point shape, for legends and end labels."""
    y = rect.centery
    dashed_polyline(surf, style.colour, [(rect.x, y), (rect.right, y)], style.width, style.dash)
    draw_shape(surf, style.shape, (rect.centerx, y), 6, style.colour, palette.BLACK, 1, style.mark)


def nice_ticks(lo: float, hi: float, most: int = 6) -> tuple[list[float], int]:
    """Round tick values from `lo` up to `hi` or just past it, and the digits they need."""
    span = hi - lo
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100):
        count = math.ceil(span / step - 1e-9)
        if count <= most:
            break
    digits = 0 if step >= 1 else 1 if step >= 0.1 and round(step * 10) == step * 10 else 2
    return [round(lo + k * step, 6) for k in range(count + 1)], digits


def month_step(first: int, last: int, most: int = 12) -> int:
    for step in (1, 2, 3, 4, 6, 12, 24):
        if (last - first) / step <= most:
            return step
    return max(1, (last - first) // most)


def spread(wanted: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Move labels apart (keeping their order) so none is closer than `gap` to the next."""
    order = sorted(range(len(wanted)), key=lambda k: wanted[k])
    placed = [0.0] * len(wanted)
    y = lo - gap
    for k in order:
        y = max(wanted[k], y + gap)
        placed[k] = y
    overflow = y - hi
    if overflow > 0:  # pushed off the bottom: slide the whole stack up
        for k in order:
            placed[k] -= overflow
        y = hi + gap
        for k in reversed(order):  # and keep the gaps after the slide
            y = min(placed[k], y - gap)
            placed[k] = y
    return placed


def line_chart(
    surf: pygame.Surface,
    rect: pygame.Rect,
    chart: Chart,
    t: Translator,
    fonts: Fonts,
    names: Mapping[str, str],
) -> None:
    """Curves over the months with reference lines, end labels and numbered marks.

    `names` gives the label drawn at the end of each curve (by line id).
    """
    styles = line_styles(chart.lines)
    lh = fonts.line_height(BODY)
    pygame.draw.rect(surf, palette.PANEL, rect)
    lo, hi = chart.y_min, chart.y_max if chart.y_max > chart.y_min else chart.y_min + 1
    ticks, digits = nice_ticks(lo, hi)
    hi = max(hi, ticks[-1])
    tick_labels = [format_number(round(v, digits), t.lang) for v in ticks]
    left = max(fonts.size(s)[0] for s in tick_labels) + 14
    label_w = min(270, max(fonts.size(n, BODY, "bold")[0] for n in names.values()) + 72)
    plot = pygame.Rect(
        rect.x + left, rect.y + lh + 10, rect.width - left - label_w - 16, rect.height
    )
    plot.height = rect.height - (lh + 10) - 2 * lh - 10
    months = [m for line in chart.lines for m in line.months] or [0, 1]
    first, last = min(months), max(max(months), min(months) + 1)

    def x_of(month: float) -> float:
        return plot.x + (month - first) / (last - first) * plot.width

    def y_of(value: float) -> float:
        return plot.bottom - (value - lo) / (hi - lo) * plot.height

    # Axes, grid and their labels.
    fonts.blit(surf, t.msg(chart.y_label), (rect.x, rect.y), BODY, palette.MUTED)
    for value, text in zip(ticks, tick_labels, strict=True):
        y = round(y_of(value))
        pygame.draw.line(surf, palette.PANEL_ALT, (plot.x, y), (plot.right, y), 1)
        fonts.blit(surf, text, (plot.x - 8, y), BODY, palette.MUTED, anchor="midright")
    step = month_step(first, last)
    for month in range(first, last + 1, step):
        x = round(x_of(month))
        pygame.draw.line(surf, palette.LINE, (x, plot.bottom), (x, plot.bottom + 5), 2)
        fonts.blit(surf, str(month), (x, plot.bottom + 6), BODY, palette.MUTED, anchor="midtop")
    fonts.blit(
        surf,
        t.msg(chart.x_label),
        (plot.centerx, plot.bottom + 6 + lh),
        BODY,
        palette.MUTED,
        anchor="midtop",
    )
    pygame.draw.line(surf, palette.MUTED, plot.bottomleft, plot.bottomright, 2)
    pygame.draw.line(surf, palette.MUTED, plot.topleft, plot.bottomleft, 2)

    # Reference lines (targets): dashed, in their curve's colour, with their curve's shape.
    by_colour = {line.colour.lower(): line.id for line in chart.lines}
    wanted = [y_of(ref.value) - lh / 2 - 2 for ref in chart.refs]
    placed = spread(wanted, lh, plot.y, plot.bottom - lh)
    for ref, label_y in zip(chart.refs, placed, strict=True):
        colour = rgb(ref.colour)
        y = round(y_of(ref.value))
        dashed_polyline(surf, colour, [(plot.x, y), (plot.right, y)], 2, (10, 6))
        text = t("ui_debrief.chart.target", value=format_number(round(ref.value, 1), t.lang))
        x = plot.x + 10
        line_id = by_colour.get(ref.colour.lower())
        if line_id is not None:
            style = styles[line_id]
            draw_shape(surf, style.shape, (x + 6, label_y + lh / 2), 6, colour, mark=style.mark)
            x += 18
        img = fonts.render(text, BODY, palette.TEXT)
        back = img.get_rect(topleft=(x, round(label_y))).inflate(6, 0)
        pygame.draw.rect(surf, palette.PANEL, back)
        surf.blit(img, (x, round(label_y)))

    # The curves, the teams' last so they are on top.
    ends: list[tuple[str, float, float]] = []
    for line in sorted(chart.lines, key=lambda ln: ln.emphasis):
        style = styles[line.id]
        pts = [(x_of(m), y_of(v)) for m, v in zip(line.months, line.values, strict=True)]
        if not pts:
            continue
        dashed_polyline(surf, style.colour, pts, style.width, style.dash)
        every = max(1, len(pts) // 6)
        for k in [*range(0, len(pts) - 1, every), len(pts) - 1]:
            r = 6 if line.emphasis else 5
            draw_shape(surf, style.shape, pts[k], r, style.colour, palette.BLACK, 1, style.mark)
        ends.append((line.id, pts[-1][0], pts[-1][1]))

    # Names at the ends of the curves, spread so they never overlap.
    label_x = plot.right + 30
    ys = spread([y - lh / 2 for _, _, y in ends], lh + 2, rect.y, rect.bottom - lh)
    for (line_id, x, y), ly in zip(ends, ys, strict=True):
        style = styles[line_id]
        mid = ly + lh / 2
        if abs(mid - y) > 3:  # a thin grey leader, so it never reads as part of the curve
            pygame.draw.line(surf, palette.MUTED, (x + 8, y), (label_x - 2, mid), 1)
        line_sample(surf, style, pygame.Rect(label_x + 2, round(mid) - 3, 30, 6))
        emphasis = style.width >= 5
        name = fonts.fit(names.get(line_id, line_id), label_w - 44, BODY, "bold")
        fonts.blit(
            surf,
            name,
            (label_x + 38, round(ly)),
            BODY,
            palette.TEXT,
            "bold" if emphasis else "regular",
        )

    # Numbered turning points: a ring with its number just above (or below) the point.
    taken: list[pygame.Rect] = []
    values = {line.id: dict(zip(line.months, line.values, strict=True)) for line in chart.lines}
    for mark in chart.marks:
        px, py = x_of(mark.month), y_of(values.get(mark.line, {}).get(mark.month, mark.value))
        direction = -1 if py - plot.y > 70 else 1
        ring = pygame.Rect(0, 0, 28, 28)
        for dx, dy in RING_SPOTS:  # beside a ring already there rather than on its stem
            ring.center = (round(px + dx), round(py + direction * dy))
            if ring.collidelist(taken) < 0:
                break
        taken.append(ring)
        pygame.draw.line(surf, palette.TEXT, (px, py), ring.center, 2)
        pygame.draw.circle(surf, palette.TEXT, (px, py), 4)
        badge(surf, fonts, ring.center, mark.number)


# --- the trust network ------------------------------------------------------------------------
def network_panel(
    surf: pygame.Surface,
    rect: pygame.Rect,
    net: Network,
    orgs: Mapping[str, OrgCard],
    t: Translator,
    fonts: Fonts,
) -> None:
    """One trust network: organisations as sector shapes at their places, ties by trust."""
    lh = fonts.line_height(BODY)
    pygame.draw.rect(surf, palette.PANEL, rect)
    pygame.draw.rect(surf, palette.LINE, rect, 2, border_radius=6)
    fonts.blit(surf, t.msg(net.title), (rect.x + 12, rect.y + 8), BODY, palette.TEXT, "bold")
    area = pygame.Rect(rect.x + 90, rect.y + lh + 36, rect.width - 180, rect.height - lh - 76)

    def at(org: str) -> tuple[int, int]:
        node = place[org]
        return (round(area.x + node.x * area.width), round(area.bottom - node.y * area.height))

    place = {node.org: node for node in net.nodes}
    labels: list[tuple[pygame.Rect, str, Colour]] = []
    for tie in net.ties:  # weakest first, so strong ties are on top
        if tie.a not in place or tie.b not in place:
            continue
        a, b = at(tie.a), at(tie.b)
        if tie.partners:
            width = 2 + round(7 * tie.trust)
            pygame.draw.line(surf, PARTNER_COLOUR, a, b, width)
            taken = [r for r, _, _ in labels]
            if tie.one_sided:  # each side's own trust at its own end: a mean would hide it
                clear = min(0.45, 40 / max(1.0, math.dist(a, b)))  # off the shape itself
                places = [max(clear, f) for f in NEAR_END]
                for value, start, end in ((tie.trust_ab, a, b), (tie.trust_ba, b, a)):
                    text = format_number(round(value, 2), t.lang)
                    box = _free_label(fonts, text, start, end, taken, places)
                    labels.append((box, text, ONE_SIDED_COLOUR))
                    taken.append(box)
            else:
                text = format_number(round(tie.trust, 2), t.lang)
                labels.append((_free_label(fonts, text, a, b, taken), text, PARTNER_COLOUR))
        elif tie.trust >= 0.05:
            width = 1 + round(6 * max(0.0, tie.trust - 0.2))  # the usual start reads thin
            colour = TIE_COLOUR if width >= 3 else WEAK_TIE_COLOUR
            dashed_polyline(surf, colour, [a, b], width, (6, 5))
    for box, text, frame in labels:
        pygame.draw.rect(surf, palette.PANEL, box, border_radius=4)
        pygame.draw.rect(surf, frame, box, 2, border_radius=4)
        fonts.blit(surf, text, box.center, BODY, palette.TEXT, "bold", anchor="center")
    centre = (area.centerx, area.centery)
    for node in net.nodes:
        card = orgs.get(node.org)
        if card is None:
            continue
        p = at(node.org)
        if card.player:
            pygame.draw.circle(surf, palette.TEXT, p, 22, 4)
        draw_sector_icon(surf, Sector(card.sector), p, 14, card.variant)
        name = t.msg(card.short)
        img = fonts.render(name, BODY, palette.TEXT, "bold" if card.player else "regular")
        box = img.get_rect().inflate(8, 0)
        dx, dy = p[0] - centre[0], p[1] - centre[1]
        if abs(dx) >= abs(dy) * 0.8:
            if dx >= 0:
                box.midleft = (p[0] + 26, p[1])
            else:
                box.midright = (p[0] - 26, p[1])
        elif dy < 0:
            box.midbottom = (p[0], p[1] - 24)
        else:
            box.midtop = (p[0], p[1] + 24)
        box.clamp_ip(rect.inflate(-6, -6))
        pygame.draw.rect(surf, palette.PANEL, box, border_radius=4)
        surf.blit(img, img.get_rect(center=box.center))


def _free_label(
    fonts: Fonts,
    text: str,
    a: tuple[int, int],
    b: tuple[int, int],
    taken: list[pygame.Rect],
    places: Sequence[float] = (0.5, 0.38, 0.62, 0.28, 0.72),
) -> pygame.Rect:
    """A place along the tie (a share of the way from `a` to `b`, the first of `places`
    that is free) for its trust figure that covers no other figure."""
    w, h = fonts.size(text, BODY, "bold")
    box = pygame.Rect(0, 0, w + 10, h + 2)
    for f in places:
        box.center = (round(a[0] + (b[0] - a[0]) * f), round(a[1] + (b[1] - a[1]) * f))
        if box.collidelist(taken) < 0:
            return box
    f = places[0]
    box.center = (round(a[0] + (b[0] - a[0]) * f), round(a[1] + (b[1] - a[1]) * f))
    return box


def _legend_items(
    width: int, sectors: Sequence[str], t: Translator, fonts: Fonts, marked: str | None = None
) -> list[tuple[str, str, int, int]]:
    """(kind, text, x, y) of each legend entry, wrapped to `width`; with what the marks
    inside the shapes mean when `marked` names a sector of several organisations."""
    lh = fonts.line_height(BODY)
    out = []
    x = y = 0
    lines = [
        ("partner", t("ui_debrief.network.legend_partner"), 52),
        ("tie", t("ui_debrief.network.legend_tie"), 52),
        ("team", t("ui_debrief.network.legend_team"), 52),
    ]
    for kind, text, lead in lines:
        w = fonts.size(text)[0]
        if x and x + lead + w > width:
            x, y = 0, y + lh + 8
        out.append((kind, text, x, y))
        x += lead + w + 28
    x, y = 0, y + lh + 12
    for sector in sectors:
        text = t(f"sim.sector.{sector}")
        w = fonts.size(text)[0]
        if x and x + 28 + w > width:
            x, y = 0, y + lh + 8
        out.append((f"sector:{sector}", text, x, y))
        x += 28 + w + 24
    if marked:
        text = t("ui_debrief.network.legend_marks")
        w = fonts.size(text)[0]
        if x and x + MARKS_LEAD + w > width:
            x, y = 0, y + lh + 8
        out.append((f"marks:{marked}", text, x, y))
    return out


def network_legend_height(
    width: int, sectors: Sequence[str], t: Translator, fonts: Fonts, marked: str | None = None
) -> int:
    items = _legend_items(width, sectors, t, fonts, marked)
    return (items[-1][3] if items else 0) + fonts.line_height(BODY)


def network_legend(
    surf: pygame.Surface,
    rect: pygame.Rect,
    sectors: Sequence[str],
    t: Translator,
    fonts: Fonts,
    marked: str | None = None,
) -> None:
    """What the lines, rings, shapes and marks of the network mean; `marked`: a sector of
    several organisations, whose shape shows the marks."""
    lh = fonts.line_height(BODY)
    for kind, text, dx, dy in _legend_items(rect.width, sectors, t, fonts, marked):
        x, y = rect.x + dx, rect.y + dy
        sample = pygame.Rect(x, y + lh // 2 - 3, 40, 6)
        if kind == "partner":
            pygame.draw.line(surf, PARTNER_COLOUR, sample.midleft, sample.midright, 6)
        elif kind == "tie":
            dashed_polyline(surf, TIE_COLOUR, [sample.midleft, sample.midright], 3, (6, 5))
        elif kind == "team":
            pygame.draw.circle(surf, palette.TEXT, sample.center, 12, 3)
        elif kind.startswith("marks:"):
            for variant in range(3):
                centre = (x + 11 + 24 * variant, y + lh // 2)
                draw_sector_icon(surf, Sector(kind.split(":", 1)[1]), centre, 10, variant)
            fonts.blit(surf, text, (x + MARKS_LEAD, y), BODY, palette.TEXT)
            continue
        else:
            draw_sector_icon(surf, Sector(kind.split(":", 1)[1]), (x + 11, y + lh // 2), 10)
            fonts.blit(surf, text, (x + 28, y), BODY, palette.TEXT)
            continue
        fonts.blit(surf, text, (x + 52, y), BODY, palette.TEXT)
