"""The network map: organisations as shapes, trust and partnerships as lines.

Layout is a circle with organisations grouped by sector, in scenario order within a sector:
deterministic from the scenario, so a team finds the same organisation in the same place every
month and on every laptop. An organisation's shape and colour are its sector's; a mark inside
(none, a dot, a bar, a plus…, by its order among its sector's) tells apart organisations of
one sector, as in the debrief. Size shows resources (funds and staff). The viewer's own trust in
each organisation is a grey line whose thickness grows with trust; partnerships are coloured,
patterned lines labelled with the model's short code.

Everything that changes only when the world changes is drawn once into a cached layer; a
frame blits it and adds the hover ring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.look import mark_of, sector_variants
from game.scenario.schema import Sector
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.formatting import (
    full_name,
    num,
    pct,
    sector_name,
    short_name,
    tension_word,
    trust_word,
)
from game.ui.palette import MODEL_STYLES, PENDING_STYLE, SECTOR_STYLES
from game.ui.widgets.shapes import draw_shape, model_line

if TYPE_CHECKING:
    from game.sim.state import Partnership
    from game.sim.world import World
    from game.ui.app import App

SECTOR_ORDER = list(Sector)
TITLE_BAND = 30  # pixels at the top of the map kept for its title
BADGE_ASIDE = 14  # how far beside its line a badge may move when the line is crowded


def circle_layout(world: World) -> list[tuple[float, float]]:
    """Unit-circle positions, grouped by sector; the same scenario gives the same picture."""
    order = sorted(
        range(len(world.orgs)), key=lambda i: (SECTOR_ORDER.index(world.orgs[i].sector), i)
    )
    n = len(order)
    pos = [(0.0, 0.0)] * n
    for k, i in enumerate(order):
        angle = -math.pi / 2 + math.pi / n + 2 * math.pi * k / n  # nobody sits at the very top
        pos[i] = (math.cos(angle), math.sin(angle))
    return pos


@dataclass
class Badge:
    rect: pygame.Rect
    partnership: int


class NetworkMap:
    """Draws the map into a rect and answers what is under the mouse."""

    def __init__(self, app: App, world: World) -> None:
        self.app = app
        self.unit = circle_layout(world)
        # Which of its sector each organisation is: the mark inside its shape.
        self.marks = [mark_of(v) for v in sector_variants([o.sector for o in world.orgs])]
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.points: list[tuple[int, int]] = []
        self.radii: list[float] = []
        self.badges: list[Badge] = []
        self.shapes: list[pygame.Rect] = []  # each organisation's shape, on screen
        self.labels: list[pygame.Rect] = []  # each organisation's name box, on screen
        self._layer: pygame.Surface | None = None
        self._key: tuple | None = None
        self.band = TITLE_BAND

    # --- geometry ----------------------------------------------------------------------------
    def _place(self, world: World, rect: pygame.Rect) -> None:
        self.rect = rect
        band = self.band
        cx, cy = rect.centerx, rect.centery + band // 2 + 4
        # Room for names beside the ring; a narrow map (the smallest window) keeps a rounder
        # ring and puts the names above and below instead.
        rx = max(rect.width / 2 - 120, rect.width * 0.3)
        ry = max((rect.height - band) / 2 - 62, (rect.height - band) * 0.3)
        self.points = [(int(cx + rx * x), int(cy + ry * y)) for x, y in self.unit]
        sizes = [o.funds + world.rules.staff_value * o.staff for o in world.orgs]
        top = max(sizes) or 1.0
        # A small map (the smallest window, or under the facilitator's banner) draws smaller
        # shapes, so the names keep room beside them.
        scale = max(0.6, min(1.0, rect.height / 420, rect.width / 560))
        self.radii = [(15 + 19 * math.sqrt(max(0.0, s) / top)) * scale for s in sizes]

    def hit(self, pos: tuple[int, int]) -> int | None:
        """The organisation under the point, if any."""
        best, dist = None, 1e9
        for i, (x, y) in enumerate(self.points):
            d = math.hypot(pos[0] - x, pos[1] - y)
            if d <= self.radii[i] + 8 and d < dist:
                best, dist = i, d
        if best is None:  # a name stands for its organisation too
            best = next((i for i, box in enumerate(self.labels) if box.collidepoint(pos)), None)
        return best

    def hit_badge(self, pos: tuple[int, int]) -> int | None:
        for badge in self.badges:
            if badge.rect.collidepoint(pos):
                return badge.partnership
        return None

    # --- drawing ---------------------------------------------------------------------------
    def draw(
        self,
        surface: pygame.Surface,
        world: World,
        rect: pygame.Rect,
        viewer: int,
        selected: int | None,
        revision: int,
        team_names: dict[int, str],
        title_band: int = TITLE_BAND,
    ) -> None:
        """Draw into `rect`, keeping `title_band` pixels at its top clear for the map's title
        (none when the facilitator's banner covers the title and the map starts below it)."""
        key = (revision, rect.topleft, rect.size, self.app.t.lang, viewer, selected, title_band)
        if self._layer is None or key != self._key:
            self.band = title_band
            self._place(world, rect)
            self._layer = self._render(world, viewer, selected, team_names)
            self._key = key
        surface.blit(self._layer, rect)

    def _render(
        self, world: World, viewer: int, selected: int | None, team_names: dict[int, str]
    ) -> pygame.Surface:
        _t, _fonts = self.app.t, self.app.fonts
        rect = self.rect
        layer = pygame.Surface(rect.size)
        layer.fill(palette.PANEL)
        pygame.draw.rect(layer, palette.LINE, layer.get_rect(), 1)
        ox, oy = rect.topleft
        pts = [(x - ox, y - oy) for x, y in self.points]
        # Trust: the viewer's own view of everyone.
        for j in range(len(world.orgs)):
            if j == viewer:
                continue
            trust = float(world.trust[viewer, j])
            width = 1 + round(7 * trust)
            pygame.draw.line(layer, palette.TRUST, pts[viewer], pts[j], width)
        # Partnerships: their lines now, their badges once the shapes are drawn.
        self.badges = []
        pairs: dict[tuple[int, int], int] = {}
        badges = [
            (p, self._draw_partnership(layer, p, pts, pairs))
            for p in world.partnerships
            if p.is_live and len(p.members) >= 2
        ]
        # Organisations; then the badges, clear of the shapes; then the names, clear of
        # shapes, badges and each other (a name has more places to go than a badge).
        shapes = []
        for i, org in enumerate(world.orgs):
            style = SECTOR_STYLES[org.sector]
            r = self.radii[i]
            if i == selected:
                pygame.draw.circle(layer, palette.SELECT, pts[i], r + 12, 4)
            if org.human:
                pygame.draw.circle(layer, palette.TEXT, pts[i], r + 6, 3)
            draw_shape(layer, style.shape, pts[i], r, style.colour, palette.BLACK, 2, self.marks[i])
            ring = r + (6 if org.human else 0)
            shapes.append(pygame.Rect(pts[i][0] - ring, pts[i][1] - ring, 2 * ring, 2 * ring))
        taken = list(shapes)
        self.shapes = [r.move(ox, oy) for r in shapes]
        # The team's own badges choose their places first, then the names; another's badge
        # comes last and shrinks to its number, or leaves its line bare, rather than cover a
        # name or another badge (a dozen badges on a laptop's map had become one heap).
        for p, along in badges:
            if viewer in p.members:
                self._draw_badge(layer, p, along, taken)
        self.labels = [pygame.Rect(0, 0, 0, 0)] * len(world.orgs)
        # Teams' tags are the largest, so they choose their places first.
        for i in sorted(range(len(world.orgs)), key=lambda k: not world.orgs[k].human):
            box = self._label(layer, world, i, viewer, pts[i], self.radii[i], team_names, taken)
            taken.append(box)
            self.labels[i] = box.move(ox, oy)
        for p, along in badges:
            if viewer not in p.members:
                self._draw_badge(layer, p, along, taken, yielding=True)
        self.badges = [Badge(b.rect.move(ox, oy), b.partnership) for b in self.badges]
        return layer

    def _label(
        self,
        layer: pygame.Surface,
        world: World,
        i: int,
        viewer: int,
        centre: tuple[int, int],
        r: float,
        team_names: dict[int, str],
        taken: list[pygame.Rect],
    ) -> pygame.Rect:
        """The short name outside the ring, where it covers no shape and no other name.

        A team's organisation gets a dark tag that also names the team (or says "you").
        Places are tried outward from the ring first (away from the lines in the middle),
        then beside and on the diagonals; when none is clear, the one covering least wins.
        Returns the box drawn.
        """
        t, fonts = self.app.t, self.app.fonts
        label = short_name(world, t, i)
        org = world.orgs[i]
        tag = ""
        if org.human:
            tag = t("ui.map.you") if i == viewer else team_names.get(i, "")
        colour = (255, 255, 255) if org.human else palette.TEXT
        lines = [fonts.render(label, BODY, colour, "bold")]
        if tag:
            lines.append(fonts.render(tag, BODY, colour, "regular"))
        width = max(img.get_width() for img in lines)
        height = sum(img.get_height() for img in lines)
        inside = layer.get_rect().inflate(-4, -4)
        inside.top += self.band  # the map's title line stays readable
        inside.height -= self.band
        own = taken[i]
        core = own.inflate(-20, -20)
        n_shapes = len(world.orgs)  # `taken` holds the shapes first, then badges and names
        best, best_cover = None, None
        for anchor, spot in _label_spots(centre, r + 8, self.unit[i]):
            box = pygame.Rect(0, 0, width + 12, height + 2)
            setattr(box, anchor, spot)
            box.clamp_ip(inside)
            # A name on a shape hides what it names (its own) or seems to name it (another):
            # worse than touching another name or a badge.
            cover = sum(
                _overlap(box, other) * (3 if k < n_shapes else 1)
                for k, other in enumerate(taken)
                if other is not own
            )
            cover += 4 * _overlap(box, core)  # grazing its own ring is fine, not its middle
            if best_cover is None or cover < best_cover:
                best, best_cover = box, cover
            if cover == 0:
                break
        assert best is not None
        # A name pushed away from its shape by a crowded map gets a thin leader line, so
        # it is not read as the name of the shape it now sits beside.
        near = (
            min(max(centre[0], best.left), best.right),
            min(max(centre[1], best.top), best.bottom),
        )
        gap = math.hypot(near[0] - centre[0], near[1] - centre[1])
        if gap > r + 12:
            ux, uy = (near[0] - centre[0]) / gap, (near[1] - centre[1]) / gap
            start = (centre[0] + ux * (r + 3), centre[1] + uy * (r + 3))
            pygame.draw.line(layer, palette.TEXT, start, near, 2)
        pygame.draw.rect(layer, palette.TEXT if org.human else palette.PANEL, best, border_radius=5)
        y = best.y + 1
        for img in lines:
            layer.blit(img, img.get_rect(midtop=(best.centerx, y)))
            y += img.get_height()
        return best

    def _draw_partnership(
        self,
        layer: pygame.Surface,
        p: Partnership,
        pts: list[tuple[int, int]],
        pairs: dict[tuple[int, int], int],
    ) -> list[tuple[float, float]]:
        """The partnership's line(s); returns the places along them for its badge, best first."""
        style = MODEL_STYLES[p.model] if p.is_active else PENDING_STYLE
        members = p.members
        if len(members) == 2:
            a, b = sorted(members)
            k = pairs.get((a, b), 0)
            pairs[(a, b)] = k + 1
            offset = (k + 1) // 2 * 9 * (1 if k % 2 else -1)
            pa, pb = _shift(pts[a], pts[b], offset)
            model_line(layer, style, pa, pb)
            on_line = [
                (pa[0] + (pb[0] - pa[0]) * f, pa[1] + (pb[1] - pa[1]) * f)
                for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.45, 0.55, 0.35, 0.65)
            ]
            # A crowded line: the badge may also sit just beside it, still touching it.
            dx, dy = pb[0] - pa[0], pb[1] - pa[1]
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length * BADGE_ASIDE, dx / length * BADGE_ASIDE
            beside = [(x + sx * nx, y + sx * ny) for x, y in on_line[:5] for sx in (1, -1)]
            return on_line + beside
        cx = sum(pts[m][0] for m in members) / len(members)
        cy = sum(pts[m][1] for m in members) / len(members)
        for m in members:
            model_line(layer, style, pts[m], (cx, cy))
        return [(cx + dx, cy + dy) for dx, dy in ((0, 0), (0, -26), (0, 26), (-40, 0), (40, 0))]

    def _draw_badge(
        self,
        layer: pygame.Surface,
        p: Partnership,
        along: list[tuple[float, float]],
        taken: list[pygame.Rect],
        *,
        yielding: bool = False,
    ) -> None:
        """The model's code and number on the line: what a click on it opens. A `yielding`
        badge (another's partnership) goes where it covers nothing: whole, as its number
        alone, or not at all."""
        t, fonts = self.app.t, self.app.fonts
        style = MODEL_STYLES[p.model] if p.is_active else PENDING_STYLE
        code = t(f"ui.model_code.{p.model.value}")
        img = fonts.render(f"{code} #{p.id}", BODY, palette.TEXT, "bold")
        box, cover = _free_spot(img.get_rect().inflate(10, 2), along, taken)
        if yielding and cover:
            img = fonts.render(f"#{p.id}", BODY, palette.TEXT, "bold")
            box, cover = _free_spot(img.get_rect().inflate(10, 2), along, taken)
            if cover:
                return
        taken.append(box)
        fill = palette.PANEL if p.is_active else palette.PANEL_ALT
        pygame.draw.rect(layer, fill, box, border_radius=4)
        pygame.draw.rect(layer, style.colour, box, 3, border_radius=4)
        if p.disputed:
            pygame.draw.rect(layer, palette.BAD, box.inflate(6, 6), 2, border_radius=6)
        layer.blit(img, img.get_rect(center=box.center))
        self.badges.append(Badge(box, p.id))

    def draw_hover(self, surface: pygame.Surface, hovered: int | None) -> None:
        if hovered is None or hovered >= len(self.points):
            return
        pygame.draw.circle(
            surface, palette.ACCENT, self.points[hovered], self.radii[hovered] + 9, 3
        )

    # --- tooltips ----------------------------------------------------------------------------
    def org_tip(
        self,
        world: World,
        viewer: int,
        idx: int,
        team_names: dict[int, str],
        revealed: bool = False,
    ) -> list[str]:
        t = self.app.t
        org = world.orgs[idx]
        lines = [full_name(world, t, idx), sector_name(t, org.sector)]
        if org.human:
            lines[1] += " · " + t("ui.map.team", name=team_names.get(idx, ""))
        else:
            lines[1] += " · " + t("ui.map.computer")
        if idx == viewer:
            lines.append(t("ui.map.this_is_you"))
            return lines
        trust = float(world.trust[viewer, idx])
        lines.append(t("ui.map.trust", value=num(t, trust, 2), word=trust_word(t, trust)))
        tension = float(world.tension[viewer, idx] + world.tension[idx, viewer]) / 2
        word = tension_word(t, tension, world.rules.dispute_threshold)
        lines.append(t("ui.map.tension", value=num(t, tension, 2), word=word))
        if revealed:
            lines.append(t("facilitator.map_revealed"))
        else:
            lines.append(t("ui.map.known", value=pct(t, float(world.known[viewer, idx]))))
        shared = [p.id for p in world.partnerships_of(viewer) if idx in p.members]
        if shared:
            lines.append(t("ui.map.partners_with_you", ids=", ".join(f"#{i}" for i in shared)))
        lines.append(t("ui.map.click_hint"))
        return lines

    def partnership_tip(self, world: World, pid: int) -> list[str]:
        t = self.app.t
        p = next((q for q in world.partnerships if q.id == pid), None)
        if p is None:
            return []
        names = ", ".join(short_name(world, t, m) for m in p.members)
        lines = [
            t("ui.partnership_short", id=p.id) + " · " + t(f"sim.model.{p.model.value}"),
            names,
            t(f"sim.status.{p.status.value}"),
        ]
        if p.disputed:
            lines.append(t("ui.map.disputed"))
        return lines


def _free_spot(
    box: pygame.Rect, spots: list[tuple[float, float]], taken: list[pygame.Rect]
) -> tuple[pygame.Rect, int]:
    """The first place along the line where the badge covers nothing already placed, else
    the place where it covers least; with the area it covers there."""
    best, best_cover = None, None
    for x, y in spots:
        box.center = (int(x), int(y))
        cover = sum(_overlap(box, other) for other in taken)
        if best_cover is None or cover < best_cover:
            best, best_cover = box.copy(), cover
        if cover == 0:
            break
    assert best is not None and best_cover is not None
    return best, best_cover


def _label_spots(
    centre: tuple[int, int], gap: float, direction: tuple[float, float]
) -> list[tuple[str, tuple[int, int]]]:
    """Where a name may go around a shape of radius `gap` − 8, best first: outward from the
    ring (above or below at its top and bottom, beside at its sides), then the rest; then
    the same again a little farther out, for a crowded map."""
    x, y = centre
    dx, dy = direction
    vertical = "midbottom" if dy < 0 else "midtop"
    side = "midright" if dx < 0 else "midleft"
    out = []
    for reach in (1.0, 1.7, 2.4):
        g, d = int(gap * reach), int(gap * reach * 0.75)
        spots = {
            "midbottom": (x, y - g),
            "midtop": (x, y + g),
            "midright": (x - g, y),
            "midleft": (x + g, y),
            "bottomright": (x - d, y - d),
            "bottomleft": (x + d, y - d),
            "topright": (x - d, y + d),
            "topleft": (x + d, y + d),
        }
        order = [vertical, side] if abs(dy) >= 0.7 else [side, vertical]
        order += [a for a in spots if a not in order]
        out += [(a, spots[a]) for a in order]
    return out


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    clip = a.clip(b)
    return clip.width * clip.height


def _shift(
    a: tuple[float, float], b: tuple[float, float], offset: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Move a segment sideways, so two partnerships between one pair stay apart."""
    if not offset:
        return a, b
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length * offset, dx / length * offset
    return (a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny)
