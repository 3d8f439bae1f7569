"""The debrief screen: "What happened? So what? Now what?" and the facilitator's reveal.

Everything on it comes from one `Debrief` built from the session when the screen opens (the
same data the printed report draws), so it never reads or changes the world while drawing.
Four tabs, each with its pages (`debrief_pages.TABS`): the story, results and timeline; the
ten-benefit scorecard, challenges and pillars, indicator curves, trust and tension curves, the
trust network at start and end, and the chains of cause and effect; the questions for the
room; and the reveal, which shows nothing until the facilitator confirms. Pages are painted
once into cached surfaces and scrolled. "Export report" writes the HTML report in a background
thread and says where it went.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.debrief import build_debrief
from game.debrief.model import Debrief
from game.sim.session import Session
from game.ui import palette
from game.ui.fonts import BODY
from game.ui.intents import Intent, scroll_distance
from game.ui.match import Match
from game.ui.scenes.base import Scene
from game.ui.widgets.debrief_blocks import PageView
from game.ui.widgets.debrief_export import ExportJob
from game.ui.widgets.debrief_pages import TABS, PageContext, build_page
from game.ui.widgets.dialog import Dialog, esc

TAB_Y, TAB_H = 68, 48
SUB_Y, SUB_H = 124, 42
CONTENT_Y = 174
STATUS_H = 46
TITLE_SIZE = 30
ORDER = [(tab, page) for tab, pages in TABS.items() for page in pages]


class DebriefScene(Scene):
    """The debrief of one session: of the match just played, or of a session opened later."""

    def __init__(self, app, source: Match | Session) -> None:
        super().__init__(app)
        self.match = source if isinstance(source, Match) else None
        session = source.session if isinstance(source, Match) else source
        path = source.path if isinstance(source, Match) else None
        self.debrief: Debrief = build_debrief(session, source=Path(path).name if path else "")
        self.tab = "what"
        self.pages = {tab: pages[0] for tab, pages in TABS.items()}
        self.all_orgs = False
        # One reveal for the session: missions revealed from the panel are revealed here too.
        self.revealed = app.facilitator.reveal
        self.view = PageView(app.fonts)
        self.job: ExportJob | None = None
        self.reported = True  # the last job's outcome has been shown
        self.exported: Path | None = None  # the last report written, for "Open report"
        self.status: tuple[str, dict[str, object], str] | None = None  # key, params, kind
        self.tab_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.page_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.export_button: pygame_gui.elements.UIButton | None = None
        self.status_right = 0
        self.mouse = (0, 0)
        self.title_right = 0
        self._title: tuple[object, pygame.Surface] | None = None

    # --- what is shown ----------------------------------------------------------------------
    @property
    def page(self) -> str:
        """The page on screen; the reveal's pages stay locked until confirmed."""
        if self.tab == "reveal" and not self.revealed:
            return "locked"
        return self.pages[self.tab]

    def content_rect(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(24, CONTENT_Y, w - 48, h - CONTENT_Y - STATUS_H)

    def context(self) -> PageContext:
        return PageContext(
            self.debrief,
            self.app.t,
            self.app.fonts,
            all_orgs=self.all_orgs,
            view_h=self.content_rect().height,
        )

    # --- widgets ------------------------------------------------------------------------------
    def build(self) -> None:
        t, fonts = self.app.t, self.app.fonts
        w, _h = self.app.size
        x = w - 24
        running = self.job is not None and not self.job.done
        buttons = [
            ("ui.debrief.quit", self.app.quit, "#quit", ""),
            ("ui.debrief.menu", self.menu, "#menu", ""),
            ("ui.language_button", self.app.next_language, "#language", ""),
            (
                "ui_debrief.export.busy_button" if running else "ui_debrief.export.button",
                self.export_report,
                "#export",
                "@primary",
            ),
        ]
        if self.exported is not None:  # one click from the saved report to a browser
            buttons.append(("ui_debrief.export.open", self.open_report, "#open_report", ""))
        for key, action, oid, cls in buttons:
            text = t(key)
            size, style = (20, "bold") if cls else (BODY, "regular")
            width = fonts.size(text, size, style)[0] + 40
            x -= width
            button = self.button(pygame.Rect(x, 10, width, 46), text, on=action, oid=oid, cls=cls)
            if oid == "#export":
                self.export_button = button
                if running:
                    button.disable()
            x -= 8
        self._title = None
        self.title_right = x - 8
        self.tab_buttons = {}
        x = 24
        for tab in TABS:
            text = t(f"ui_debrief.tab.{tab}")
            width = max(200, fonts.size(text)[0] + 48)
            button = self.button(
                pygame.Rect(x, TAB_Y, width, TAB_H),
                text,
                cls="@tab",
                oid=f"#tab_{tab}",
                on=lambda tab=tab: self.show_tab(tab),
            )
            if tab == self.tab:
                button.select()
            self.tab_buttons[tab] = button
            x += width + 6
        self._build_pages()

    def _build_pages(self) -> None:
        """The row of the tab's pages, and the buttons that belong to the page on screen."""
        t, fonts = self.app.t, self.app.fonts
        w, h = self.app.size
        self.page_buttons = {}
        self.status_right = w - 24
        pages = TABS[self.tab] if self.page != "locked" else ()
        if len(pages) > 1:
            texts = [t(f"ui_debrief.page.{page}") for page in pages]
            widths = [fonts.size(text)[0] for text in texts]
            room = w - 48 - 4 * (len(pages) - 1) - (self._reveal_width() if self.revealed else 0)
            pad = max(14, min(32, (room - sum(widths)) // len(pages)))
            x = 24
            for page, text, width in zip(pages, texts, widths, strict=True):
                button = self.button(
                    pygame.Rect(x, SUB_Y, width + pad, SUB_H),
                    text,
                    cls="@tab",
                    oid=f"#page_{page}",
                    on=lambda page=page: self.show(page),
                )
                if page == self.page:
                    button.select()
                self.page_buttons[page] = button
                x += width + pad + 4
        if self.tab == "reveal":
            if self.revealed:
                text = t("ui_debrief.reveal.hide")
                rect = pygame.Rect(
                    w - 24 - self._reveal_width(), SUB_Y, self._reveal_width(), SUB_H
                )
                self.button(rect, text, on=self.hide_reveal, oid="#reveal_hide")
            else:
                text = t("ui_debrief.reveal.open")
                rect = pygame.Rect(24, SUB_Y, fonts.size(text, 20, "bold")[0] + 48, SUB_H)
                self.button(rect, text, on=self.ask_reveal, oid="#reveal_open", cls="@primary")
        if self.page in ("benefits", "challenges"):
            text = t("ui.debrief.teams" if self.all_orgs else "ui.debrief.all")
            width = fonts.size(text)[0] + 40
            self.status_right = w - 24 - width - 16
            rect = pygame.Rect(w - 24 - width, h - STATUS_H + 3, width, STATUS_H - 6)
            self.button(rect, text, on=self.toggle, oid="#toggle")

    def _reveal_width(self) -> int:
        return self.app.fonts.size(self.app.t("ui_debrief.reveal.hide"))[0] + 40

    # --- changing what is shown -----------------------------------------------------------------
    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.rebuild()

    def show(self, page: str) -> None:
        for tab, pages in TABS.items():
            if page in pages:
                self.tab = tab
                self.pages[tab] = page
        self.rebuild()

    def step_page(self, direction: int) -> None:
        """The next (or previous) page in reading order, across the tabs."""
        stops = [
            (tab, page)
            for tab, page in ORDER
            if tab != "reveal" or self.revealed or page == TABS["reveal"][0]
        ]
        here = (self.tab, self.pages[self.tab])
        k = stops.index(here if here in stops else (self.tab, TABS[self.tab][0]))
        tab, page = stops[(k + direction) % len(stops)]
        self.tab = tab
        self.pages[tab] = page
        self.rebuild()

    def toggle(self) -> None:
        self.all_orgs = not self.all_orgs
        self.rebuild()

    def ask_reveal(self) -> None:
        self.open(RevealDialog(self.app, self.reveal))

    def reveal(self) -> None:
        self.revealed = self.app.facilitator.reveal = True
        self.tab = "reveal"
        self.pages["reveal"] = TABS["reveal"][0]
        self.rebuild()

    def hide_reveal(self) -> None:
        self.revealed = self.app.facilitator.reveal = False
        self.rebuild()

    def menu(self) -> None:
        from game.ui.flow import back_to_start

        back_to_start(self.app)

    # --- the report ---------------------------------------------------------------------------
    def export_report(self) -> None:
        """Write the HTML report in the background; the status line follows it."""
        if self.job is not None and not self.job.done:
            return
        # What the room has seen goes into the file: before the reveal, a copy for the teams
        # (a shared report spoiled the hidden missions for the next group).
        self.job = ExportJob([self.debrief], self.app.t.lang, for_teams=not self.revealed).start()
        self.reported = False
        self.status = None
        if self.export_button is not None:
            self.export_button.set_text(self.app.t("ui_debrief.export.busy_button"))
            self.export_button.disable()

    def update(self, dt: float) -> None:
        job = self.job
        if job is None or self.reported or not job.done:
            return
        self.reported = True
        t = self.app.t
        if job.path is not None:
            teams = "_teams" if job.for_teams else ""
            self.status = (f"ui_debrief.export.done{teams}", {"path": str(job.path)}, "info")
            self.app.notify(t(f"ui_debrief.export.toast{teams}", path=str(job.path)), "info", 10)
            self.exported = job.path
            self.rebuild()
        else:
            reason = t.msg(job.error) if job.error is not None else ""
            self.status = ("ui_debrief.export.failed", {"reason": reason}, "error")
            self.app.notify(t("ui_debrief.export.failed", reason=reason), "error", 12)
        if self.export_button is not None and self.export_button.alive():
            self.export_button.set_text(t("ui_debrief.export.button"))
            self.export_button.enable()

    def open_report(self) -> None:
        """Open the saved report in the laptop's web browser, to read, print or share."""
        import webbrowser

        path = self.exported
        if path is None:
            return
        try:
            opened = webbrowser.open(path.resolve().as_uri())
        except (OSError, webbrowser.Error):
            opened = False
        # A browser that starts and dies at once still reports success: always say where
        # the file is, so a slow laptop is not clicked again and again.
        key = "ui_debrief.export.opening" if opened else "ui_debrief.export.open_failed"
        self.app.notify(self.app.t(key, path=str(path)), "info", 12)

    def closing(self) -> None:
        """The game is closing: let a report being written finish first."""
        if self.job is not None and not self.job.done:
            self.job.wait(10)

    # --- input ------------------------------------------------------------------------------
    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.BACK:
            self.menu()
            return True
        if intent in (Intent.NEXT_ORG, Intent.NEXT, Intent.PREVIOUS):
            self.step_page(-1 if intent is Intent.PREVIOUS else 1)
            return True
        view = self.view
        distance = scroll_distance(intent, view.rect.height, view.content_height)
        if distance is not None:
            view.scroll_by(distance)
            return True
        return False

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if self.dialogs:
            return False
        view = self.view
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
        if event.type == pygame.MOUSEWHEEL:
            return view.wheel(self.mouse, event.y)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return view.press(event.pos)
        if event.type == pygame.MOUSEMOTION and view.dragging:
            view.drag_to(event.pos[1])
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and view.dragging:
            view.dragging = False
            return True
        return False

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.t
        h = surface.get_height()
        surface.blit(self._title_image(), (24, 14))
        for buttons in (self.tab_buttons, self.page_buttons):
            selected = self.tab if buttons is self.tab_buttons else self.page
            button = buttons.get(selected)
            if button is not None:  # a bar under the chosen tab, not only its colour
                r = button.rect
                pygame.draw.rect(surface, palette.TEXT, (r.x, r.bottom, r.width, 4))
        rect = self.content_rect()
        ctx = self.context()
        page = self.page
        scope = self.all_orgs if page in ("benefits", "challenges") else None
        self.view.show(
            (t.lang, page, scope, rect.height),
            page,
            rect,
            lambda: build_page(page, ctx),
        )
        self.view.draw(surface)
        status = pygame.Rect(24, h - STATUS_H + 6, self.status_right - 24, STATUS_H - 12)
        self._draw_status(surface, status)

    def _title_image(self) -> pygame.Surface:
        t, fonts = self.app.t, self.app.fonts
        key = (t.lang, self.title_right)
        if self._title is None or self._title[0] != key:
            text = t("ui.debrief.title", scenario=t.msg(self.debrief.title))
            text = fonts.fit(text, self.title_right - 24, TITLE_SIZE, "bold")
            self._title = (key, fonts.render(text, TITLE_SIZE, palette.TEXT, "bold"))
        return self._title[1]

    def _draw_status(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        t, fonts = self.app.t, self.app.fonts
        y = rect.centery
        job = self.job
        if job is not None and not job.done:
            text = t("ui_debrief.export.running", seconds=int(job.elapsed))
            shown = fonts.blit(surface, text, (rect.x, y), BODY, palette.TEXT, "bold", "midleft")
            track = pygame.Rect(shown.right + 16, y - 7, 160, 14)
            pygame.draw.rect(surface, palette.PANEL_ALT, track)
            phase = (job.elapsed * 0.8) % 1.0
            block = pygame.Rect(track.x + int((track.width - 40) * phase), track.y, 40, 14)
            pygame.draw.rect(surface, palette.BLUE, block)
            pygame.draw.rect(surface, palette.MUTED, track, 1)
            return
        if self.status is not None:
            key, params, kind = self.status
            text = t(key, **params)
            colour = palette.BAD if kind == "error" else palette.TEXT
            if kind == "error":
                text = "! " + text
            lines = fonts.wrap(text, rect.width, BODY, "bold")
            if len(lines) > 2:
                lines = [lines[0], fonts.fit(" ".join(lines[1:]), rect.width, BODY, "bold")]
            lh = fonts.line_height(BODY)
            top = y - lh * len(lines) // 2
            for k, line in enumerate(lines):
                fonts.blit(surface, line, (rect.x, top + k * lh), BODY, colour, "bold")
            return
        hint = fonts.fit(t("ui_debrief.hint"), rect.width)
        fonts.blit(surface, hint, (rect.x, y), BODY, palette.MUTED, anchor="midleft")

    def toast_area(self) -> pygame.Rect:
        """Messages appear over the page, above the status line that repeats them."""
        w, h = self.app.size
        return pygame.Rect(40, 0, w - 80, h - STATUS_H)


class RevealDialog(Dialog):
    """ "Show the reveal?" — so the hidden agendas never appear on the projector by accident."""

    def __init__(self, app, on_yes, text_key: str = "ui_debrief.reveal.confirm_text") -> None:
        t = app.t
        super().__init__(app, (760, 330), t("ui_debrief.reveal.confirm_title"))
        self.on_yes = on_yes
        area = self.inner
        self.text_box(
            pygame.Rect(16, 16, area.width - 32, area.height - 96),
            esc(t(text_key)),
            cls="@plain_text",
        )
        no = pygame.Rect(16, area.height - 64, 220, 48)
        self.button(no, t("ui_debrief.reveal.not_yet"), self.close, oid="#reveal_no")
        yes_text = t("ui_debrief.reveal.yes")
        width = max(260, app.fonts.size(yes_text, 20, "bold")[0] + 48)
        ok = pygame.Rect(0, 0, width, 48)
        ok.bottomright = (area.width - 16, area.height - 16)
        self.button(ok, yes_text, self._yes, cls="@primary", oid="#reveal_yes")

    def _yes(self) -> None:
        self.close()
        self.on_yes()

    def handle_intent(self, intent: Intent) -> bool:
        if intent is Intent.CONFIRM:
            self._yes()
            return True
        return super().handle_intent(intent)

    def reopen(self) -> Dialog | None:
        return RevealDialog(self.app, self.on_yes)
