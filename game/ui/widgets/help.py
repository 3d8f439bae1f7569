"""The help overlay: how to play, a glossary in both languages, the map legend, shortcuts.

The glossary shows every term in Bahasa Indonesia and in English side by side whatever the
current language, because workshops mix both and the seed essay's terms are Indonesian.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.i18n import Translator
from game.scenario.schema import Model, Sector
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.intents import SHORTCUTS, Intent, scroll_distance
from game.ui.widgets.dialog import Dialog, esc, scroll_text_box
from game.ui.widgets.shapes import draw_sector_icon, model_sample

if TYPE_CHECKING:
    from game.ui.app import App

TABS = ("howto", "glossary", "legend", "keys")
MARK_SAMPLES = 4  # the legend shows the first four marks: none, dot, bar, plus
LEGEND_SPARE = 600  # room below the window's height for the legend to run on into
LEGEND_BAR_W = 24  # the scroll bar beside a legend taller than the window

GLOSSARY = (
    "cross_sector",
    "resource_pooling",
    "information_network",
    "technology",
    "education_development",
    "monev",
    "mou_pks",
    "hibah",
    "csr_tjsl",
    "ormas",
    "lsm",
    "dana_desa",
    "apbd",
    "trust",
    "tension",
    "understanding",
    "ngopi",
    "champion",
    "approval",
    "badan_hukum",
    "agenda",
    "credibility",
    "capacity",
    "innovation",
)


class HelpDialog(Dialog):
    """Help in four tabs.

    `intro`: opened by itself at the first team's first turn. The facilitator's countdown
    waits while it is open: a team reading how to play must not lose its month's minutes."""

    def __init__(self, app: App, tab: str = "howto", *, intro: bool = False) -> None:
        super().__init__(app, (1100, 660), app.t("ui.help.title"))
        self.tab = tab
        self.holds_clock = intro
        area = self.inner
        x = 16
        self.tabs: dict[str, pygame_gui.elements.UIButton] = {}
        for name in TABS:
            width = 230
            b = self.button(
                pygame.Rect(x, 12, width, 42),
                app.t(f"ui.help.tab.{name}"),
                lambda n=name: self.show(n),
                cls="@tab",
            )
            self.tabs[name] = b
            x += width + 6
        self.body_rect = pygame.Rect(16, 64, area.width - 32, area.height - 64 - 72)
        self.body: pygame_gui.core.UIElement | None = None
        close = pygame.Rect(0, 0, 200, 48)
        close.bottomright = (area.width - 16, area.height - 14)
        self.button(close, app.t("ui.close"), self.close, cls="@primary", oid="#help_close")
        self.show(tab)

    def reopen(self) -> Dialog | None:
        return HelpDialog(self.app, self.tab, intro=self.holds_clock)

    def handle_intent(self, intent: Intent) -> bool:
        """← → and Tab walk the tabs, the arrows and page keys scroll, Enter closes (once the
        window has settled: the help that opens by itself follows the hand-over's Enter)."""
        if intent in (Intent.PREVIOUS, Intent.NEXT, Intent.NEXT_ORG):
            step = -1 if intent is Intent.PREVIOUS else 1
            self.show(TABS[(TABS.index(self.tab) + step) % len(TABS)])
            return True
        if intent is Intent.CONFIRM:
            if self.settled:
                self.close()
            return True
        body = self.body
        if isinstance(body, pygame_gui.elements.UITextBox) and scroll_text_box(body, intent):
            return True
        if isinstance(body, pygame_gui.elements.UIScrollingContainer) and _scroll_legend(
            body, intent
        ):
            return True
        return super().handle_intent(intent)

    def show(self, tab: str) -> None:
        self.tab = tab
        for name, b in self.tabs.items():
            if name == tab:
                b.select()
            else:
                b.unselect()
        if self.body is not None:
            self.body.kill()
        if tab == "legend":
            self.body = self._legend()
        else:
            self.body = self.text_box(self.body_rect, self._html(tab))

    def _legend(self) -> pygame_gui.core.UIElement:
        """The legend as a picture; taller than the window (a netbook's 600 pixels cut off
        its last paragraph, in either language), it scrolls like the other tabs."""
        rect, manager = self.body_rect, self.app.manager
        image = legend_surface(self.app, rect.size)
        if image.get_height() <= rect.height:
            return pygame_gui.elements.UIImage(rect, image, manager, container=self.window)
        box = pygame_gui.elements.UIScrollingContainer(
            rect, manager, container=self.window, allow_scroll_x=False
        )
        width = rect.width - LEGEND_BAR_W
        image = legend_surface(self.app, (width, rect.height))
        pygame_gui.elements.UIImage(
            pygame.Rect((0, 0), image.get_size()), image, manager, container=box
        )
        box.set_scrollable_area_dimensions(image.get_size())
        return box

    def _html(self, tab: str) -> str:
        t = self.app.t
        if tab == "howto":
            steps = [esc(t(f"ui.help.howto.{k}")) for k in range(1, 8)]
            return "<br><br>".join(f"<b>{n}.</b> {s}" for n, s in enumerate(steps, 1))
        if tab == "keys":
            rows = [
                f"<b>{esc(key)}</b> — {esc(t(f'ui.intent.{intent.value}'))}"
                for key, intent in SHORTCUTS
            ]
            return "<br>".join(rows) + "<br><br>" + esc(t("ui.help.keys_note"))
        ind, en = Translator("id"), Translator("en")
        rows = []
        for key in GLOSSARY:
            term_id = ind(f"ui.glossary.{key}.term")
            term_en = en(f"ui.glossary.{key}.term")
            text = esc(t(f"ui.glossary.{key}.text"))
            rows.append(f"<b>{esc(term_id)}</b> <i>({esc(term_en)})</i><br>{text}")
        return "<br><br>".join(rows)


def _scroll_legend(box: pygame_gui.elements.UIScrollingContainer, intent: Intent) -> bool:
    """The arrows and page keys scroll the legend as they scroll the text tabs."""
    bar = box.vert_scroll_bar
    if bar is None:
        return False
    view = box.rect.height
    content = box.scrolling_height
    distance = scroll_distance(intent, view, content)
    if distance is None:
        return False
    top = bar.start_percentage * content + distance
    bar.set_scroll_from_start_percentage(max(0, min(top, content - view)) / content)
    return True


def legend_surface(app: App, size: tuple[int, int]) -> pygame.Surface:
    """The map legend as a picture: sector shapes, partnership lines, trust lines, badges.
    At least `size`; taller when the text needs it (nothing is cut off)."""
    surf = pygame.Surface((size[0], size[1] + LEGEND_SPARE))
    bottom = _draw_legend(app, surf)
    height = max(size[1], bottom + 12)
    return surf.subsurface(pygame.Rect(0, 0, size[0], height)).copy()


def _draw_legend(app: App, surf: pygame.Surface) -> int:
    """Draw the legend; returns the y below the lowest thing drawn."""
    t, fonts = app.t, app.fonts
    size = surf.get_size()
    surf.fill(palette.PANEL)
    col = size[0] // 2
    y = 12
    fonts.blit(surf, t("ui.legend.sectors"), (16, y), BODY, palette.TEXT, "bold")
    y += 36
    # Two columns of sectors, so the marks and the sizes below still fit a netbook's window.
    half = (len(Sector) + 1) // 2
    for k, sector in enumerate(Sector):
        x, row = 16 + (k // half) * (col - 16) // 2, y + (k % half) * 38
        draw_sector_icon(surf, sector, (x + 20, row + 12), 13)
        fonts.blit(surf, t(f"sim.sector.{sector.value}"), (x + 48, row), BODY, palette.TEXT)
    y += half * 38
    # Organisations of one sector: the same shape and colour, told apart by a mark inside.
    for variant in range(MARK_SAMPLES):
        draw_sector_icon(surf, Sector.government, (36 + 30 * variant, y + 12), 13, variant)
    y += 32
    y = fonts.blit_wrapped(
        surf, t("ui.legend.marks"), pygame.Rect(16, y, col - 32, size[1] - y), BODY, palette.MUTED
    )
    y += 8
    left = fonts.blit_wrapped(
        surf, t("ui.legend.size"), pygame.Rect(16, y, col - 32, size[1] - y), BODY, palette.MUTED
    )
    y = 12
    fonts.blit(surf, t("ui.legend.partnerships"), (col, y), BODY, palette.TEXT, "bold")
    y += 36
    for model in Model:
        model_sample(surf, model, pygame.Rect(col, y + 2, 70, 20))
        fonts.blit(
            surf, t(f"ui.model_code.{model.value}"), (col + 80, y), BODY, palette.TEXT, "bold"
        )
        fonts.blit(surf, t(f"sim.model.{model.value}"), (col + 130, y), BODY, palette.TEXT)
        y += 38
    from game.ui.palette import PENDING_STYLE
    from game.ui.widgets.shapes import model_line

    model_line(surf, PENDING_STYLE, (col, y + 12), (col + 70, y + 12))
    fonts.blit(surf, t("ui.legend.pending"), (col + 80, y), BODY, palette.TEXT)
    y += 38
    for width, key in ((2, "ui.legend.trust_low"), (7, "ui.legend.trust_high")):
        pygame.draw.line(surf, palette.TRUST, (col, y + 12), (col + 70, y + 12), width)
        fonts.blit(surf, t(key), (col + 80, y), BODY, palette.TEXT)
        y += 38
    y += 8
    right = fonts.blit_wrapped(
        surf,
        t("ui.legend.teams"),
        pygame.Rect(col, y, size[0] - col - 16, size[1] - y),
        BODY,
        palette.MUTED,
    )
    return max(left, right)
