"""The start screen: pick a scenario, say who plays, or continue a saved session.

The default scenario is selected on arrival, with its `policy: player` organisations ticked
as teams, so a facilitator can press one button to begin. A scenario file that does not load
shows its problems in a window, one per line as `file:line:column: field: message`. The
facilitator may set a PIN for the facilitator panel here, and opens the saved sessions
(export, import, comparison report) from here.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game import sessions
from game.look import sector_variants
from game.scenario import (
    LoadedScenario,
    Problem,
    ScenarioError,
    bundled_scenarios,
    format_problem,
    load_scenario,
)
from game.sim.session import SessionError
from game.ui.fonts import BODY
from game.ui.intents import Intent
from game.ui.scenes.base import Scene
from game.ui.widgets.dialog import Dialog, MessageDialog, esc
from game.ui.widgets.help import HelpDialog
from game.ui.widgets.shapes import draw_sector_icon

MAX_SAVED = 4
GAP = 8  # between widgets in a row
BUTTON_PAD = 16  # room a button's text keeps on each side
LABEL_SLACK = 8  # a label a little wider than its text, so pygame_gui never cuts it
LINE_H = 26  # a wrapped line of body text
ENTRY_INSET = 2 * (8 + 1) + 4  # a text entry's padding, border and cursor (theme.json)
ICON_W = 36  # the sector icon and its gap
# The design widths at 1280×720; narrower windows shrink the fields, never the texts.
TOGGLE_W, TEAM_W, MIN_TEAM_W = 130, 200, 140
SEED_W, PIN_W = 140, 120
SEED_MIN = 90  # room for a six-digit seed
LENGTH_W = 150  # the game's length: "24 months", "18 bulan"
BEGIN_W = 300


def saved_sessions(limit: int = MAX_SAVED) -> list[sessions.SessionInfo]:
    """The most recently saved sessions, read without replaying them. A damaged file is
    recovered from its backup when it can be, else listed with its problem; never fatal."""
    return sessions.list_sessions()[:limit]


class StartScene(Scene):
    """Scenario choice, team set-up, language, saved sessions."""

    def __init__(
        self,
        app,
        *,
        scenario: Path | None = None,
        seed: int | None = None,
        months: int | None = None,
        problems: list[Problem] | None = None,
        message: str = "",
    ) -> None:
        super().__init__(app)
        self.infos = bundled_scenarios()
        self.loaded: LoadedScenario | None = None
        self.text = ""
        self.seed = seed
        self.wanted_months = months  # `play --months`: a shorter game, where it fits
        self.months: int | None = None  # the game's length as chosen; None: the scenario's
        self.teams: dict[str, str] = {}  # org id → team name, for the organisations teams play
        self.saved = saved_sessions()
        self._pending_problems = problems or []
        self._pending_message = message
        path = scenario or (self.infos[0].path if self.infos else None)
        if path is not None and not problems:
            self.select(path, announce=False)

    # --- state -----------------------------------------------------------------------------
    def select(self, path: Path, *, announce: bool = True) -> bool:
        """Load a scenario file; on problems show them and keep the previous choice."""
        try:
            loaded = load_scenario(path)
            text = loaded.text
        except ScenarioError as exc:
            self.show_problems(exc.problems)
            return False
        except OSError as exc:
            self.app.notify(
                self.t("ui.start.cannot_read", file=str(path), detail=exc.strerror or ""), "error"
            )
            return False
        self.loaded, self.text = loaded, text
        scenario = loaded.scenario
        wanted = self.wanted_months
        self.months = wanted if wanted is not None and wanted < scenario.meta.months else None
        self.teams = {org: self.t("ui.team_n", n=n) for n, org in enumerate(scenario.players, 1)}
        if not self.teams:  # a scenario without players: the first organisation is a team
            self.teams = {scenario.organisations[0].id: self.t("ui.team_n", n=1)}
        if announce and self.root is not None:
            self.rebuild()
        return True

    def show_problems(self, problems: list[Problem]) -> None:
        def make() -> Dialog:
            t = self.app.t
            lines = "<br>".join(esc(format_problem(p, t)) for p in problems)
            body = f"<b>{esc(t('ui.start.problems_intro'))}</b><br><br>{lines}"
            dialog = MessageDialog(self.app, t("ui.start.problems_title"), body, size=(1100, 600))
            dialog.reopen = make  # type: ignore[method-assign]
            return dialog

        if self.root is None:
            self._pending_problems = problems
        else:
            self.open(make())

    def show_message(self, title: str, text: str) -> None:
        self.open(MessageDialog(self.app, title, esc(text), size=(900, 360)))

    # --- widgets ---------------------------------------------------------------------------
    def build(self) -> None:
        t = self.app.t
        w, h = self.app.size
        self.elements: dict[str, Any] = {}
        # Language and help, top right; the title keeps clear of them.
        x = w - 40
        for lang, name in (("en", "English"), ("id", "Bahasa Indonesia")):
            width = 110 if lang == "en" else 190
            x -= width
            b = self.button(
                pygame.Rect(x, 24, width, 44),
                name,
                cls="@tab",
                on=lambda lang=lang: self.app.set_language(lang),
            )
            if lang == t.lang:
                b.select()
            x -= 8
        x -= 150
        self.button(pygame.Rect(x, 24, 150, 44), t("ui.help_button"), on=self.help)
        self.label(pygame.Rect(40, 18, x - GAP - 40, 50), "Kolaborasi", cls="@title")
        self.label(pygame.Rect(42, 68, w - 84, 30), t("ui.start.tagline"), cls="@muted")

        col = (w - 120) // 2
        left = pygame.Rect(40, 112, col, h - 112 - 24)
        right = pygame.Rect(80 + col, 112, col, h - 112 - 24)
        self._build_scenarios(left)
        self._build_teams(right)
        if self._pending_problems:
            problems, self._pending_problems = self._pending_problems, []
            self.show_problems(problems)
        if self._pending_message:
            message, self._pending_message = self._pending_message, ""
            self.show_message(t("ui.start.resume_failed"), message)

    def _build_scenarios(self, area: pygame.Rect) -> None:
        t = self.app.t
        self.label(
            pygame.Rect(area.x, area.y, area.width, 34), t("ui.start.choose"), cls="@heading"
        )
        y = area.y + 42
        current = self.loaded.path.resolve() if self.loaded else None
        # Lower rows on a netbook's 600 pixels, so the scenario's summary keeps its first
        # lines under the game's length.
        short = self.app.size[1] < 640
        least = 31 if short else 40
        row = 52 if len(self.infos) <= 3 else max(least, (186 if short else 208) // len(self.infos))
        for info in self.infos:
            b = self.button(
                pygame.Rect(area.x, y, area.width, row - 6),
                f"{t.text(info.title)}  ·  {t('ui.start.months', n=info.months)}",
                cls="@choice",
                on=lambda p=info.path: self.select(p),
            )
            if current is not None and info.path.resolve() == current:
                b.select()
            y += row
        # The two buttons as wide as their words; the path entry takes the rest, its hint
        # shortened to whole words if need be, and whole in its tooltip.
        browse_w = self._text_w(t("ui.start.open_file")) + 2 * BUTTON_PAD
        open_w = self._text_w(t("ui.start.open")) + 2 * BUTTON_PAD
        open_h = 38 if short else 44  # lower on a netbook: the summary keeps its first lines
        self.button(
            pygame.Rect(area.x, y, browse_w, open_h), t("ui.start.open_file"), on=self.browse
        )
        entry_w = area.width - browse_w - open_w - 2 * GAP
        placeholder = t("ui.start.path_placeholder")
        self.path_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(area.x + browse_w + GAP, y, entry_w, open_h),
            self.app.manager,
            container=self.root,
            placeholder_text=self._shorten(placeholder, entry_w - ENTRY_INSET),
        )
        self.path_entry.set_tooltip(placeholder)
        self.button(
            pygame.Rect(area.right - open_w, y, open_w, open_h),
            t("ui.start.open"),
            on=self.open_typed,
        )
        y += open_h + (8 if short else 12)
        if self.loaded is not None:
            self._build_length(pygame.Rect(area.x, y, area.width, 34 if short else 40))
            y += 38 if short else 48
        # The summary keeps a few readable lines (it scrolls); the latest saved session always
        # shows: after a crash or a closed window the facilitator looks for it here, and at
        # 1280×688 the summary had taken all the room and hidden every one.
        room = max(1, (area.bottom - y - 110 - 44) // 50)
        shown = self.saved[:room]
        # In a short window the one session goes without its heading, the button saying
        # "Continue:" itself, so the summary keeps its title and first lines.
        compact = len(shown) == 1 and area.bottom - y - 44 - 50 < 150
        saved_h = (50 if compact else 44 + 50 * len(shown)) if shown else 0
        summary = pygame.Rect(area.x, y, area.width, area.bottom - y - saved_h - 8)
        pygame_gui.elements.UITextBox(
            self._summary_html(), summary, self.app.manager, container=self.root
        )
        if shown:
            y = summary.bottom + 12
            if not compact:
                self.label(
                    pygame.Rect(area.x, y, area.width, 32), t("ui.start.continue"), cls="@heading"
                )
                y += 38
            for info in shown:
                if info.problem is not None:  # damaged, no sound backup: say so, don't offer it
                    b = self.button(
                        pygame.Rect(area.x, y, area.width, 44),
                        t("facilitator.sessions.damaged", id=info.id),
                        cls="@choice",
                        tip=t.msg(info.problem),
                    )
                    b.disable()
                    y += 50
                    continue
                when = time.strftime("%d-%m %H:%M", time.localtime(info.saved))
                status = t("ui.start.finished") if info.finished else t("ui.month_n", n=info.month)
                teams = ", ".join(info.teams.values()) or t("ui.map.computer")
                head, tail = f"{t.text(info.title)} · {status} · ", f" · {when}"
                if compact:
                    head = t("ui.start.continue_one", session=head)
                # Long team names give way, so the month and the date stay readable.
                room = area.width - 2 * BUTTON_PAD - self._text_w(head + tail)
                if room >= 40:
                    text = head + self.app.fonts.fit(teams, room, BODY) + tail
                else:  # no room even for "Me…": the teams go, and the date stays whole
                    room = area.width - 2 * BUTTON_PAD - self._text_w(tail)
                    text = self.app.fonts.fit(head.rstrip(" ·"), room, BODY) + tail
                self.button(
                    pygame.Rect(area.x, y, area.width, 44),
                    text,
                    cls="@choice",
                    tip=str(info.path),
                    on=lambda p=info.path: self.resume(p),
                )
                y += 50

    def length_choices(self) -> list[int]:
        """The game's possible lengths, longest first: the scenario's, three quarters and
        half of it (at least 3 months), and one asked for on the command line."""
        assert self.loaded is not None
        full = self.loaded.scenario.meta.months
        choices = {full, *(m for m in (full * 3 // 4, full // 2) if m >= 3)}
        if self.months is not None:
            choices.add(self.months)
        return sorted(choices, reverse=True)

    def _build_length(self, row: pygame.Rect) -> None:
        """How many months this session plays: a 90-minute workshop does not reach month 24
        of a scenario, and ending it from the facilitator panel left later events unplayed
        and the goals judged in mid-course without saying so."""
        t = self.app.t
        full = self.loaded.scenario.meta.months if self.loaded else 0
        label = t("ui.start.length")
        label_w = self._text_w(label) + LABEL_SLACK
        self.label(pygame.Rect(row.x, row.y, label_w, row.height), label)
        options = {t("ui.start.months", n=m): m for m in self.length_choices()}
        self.length_options = options
        chosen = t("ui.start.months", n=self.months or full)
        self.length_menu = pygame_gui.elements.UIDropDownMenu(
            list(options),
            chosen,
            pygame.Rect(row.x + label_w + GAP, row.y, LENGTH_W, row.height),
            self.app.manager,
            container=self.root,
            object_id=ObjectID("#length"),
        )
        self.length_menu.set_tooltip(t("ui.start.length_tip", months=full))

    def choose_length(self, months: int) -> None:
        full = self.loaded.scenario.meta.months if self.loaded else months
        self.months = months if months < full else None

    def _summary_html(self) -> str:
        t = self.app.t
        if self.loaded is None:
            return esc(t("ui.start.no_scenario"))
        s = self.loaded.scenario
        meta = s.meta
        parts = [
            f"<font size=6><b>{esc(t.text(meta.title))}</b></font>",
            esc(
                t(
                    "ui.start.facts",
                    months=meta.months,
                    orgs=len(s.organisations),
                    domains=len(s.domains),
                )
            ),
            "",
            esc(t.text(meta.summary)),
        ]
        if meta.learning_objectives:
            parts += ["", f"<b>{esc(t('ui.start.objectives'))}</b>"]
            parts += [f"• {esc(t.text(o))}" for o in meta.learning_objectives]
        return "<br>".join(parts)

    def _text_w(self, text: str) -> int:
        """How wide `text` is in the body font the theme gives labels, buttons and entries."""
        return self.app.fonts.size(text, BODY)[0]

    def _shorten(self, text: str, width: int) -> str:
        """`text`, or as many of its first words as fit `width` followed by "…": pygame_gui
        would cut it mid-letter."""
        if self._text_w(text) <= width:
            return text
        words = text.split()
        while len(words) > 1 and self._text_w(" ".join(words) + "…") > width:
            words.pop()
        return self.app.fonts.fit(" ".join(words) + "…", width, BODY)  # one long word

    def _fitted_label(self, rect: pygame.Rect, text: str) -> pygame_gui.elements.UILabel:
        """A label that stays whole-worded even in a window too narrow for its text."""
        return self.label(rect, self._shorten(text, rect.width - LABEL_SLACK))

    def _build_teams(self, area: pygame.Rect) -> None:
        t = self.app.t
        self.label(pygame.Rect(area.x, area.y, area.width, 34), t("ui.start.who"), cls="@heading")
        hint = self.app.fonts.wrap(t("ui.start.who_hint"), area.width - LABEL_SLACK, BODY)
        for n, line in enumerate(hint):  # two lines in a narrow window
            self.label(
                pygame.Rect(area.x, area.y + 36 + n * LINE_H, area.width, LINE_H),
                line,
                cls="@muted",
            )
        self.entries: dict[pygame_gui.elements.UITextEntryLine, str] = {}
        self.icon_rows: list[tuple[pygame.Rect, Any, int]] = []
        sessions = t("facilitator.sessions.open")
        sessions_w = max(self._text_w(sessions) + 2 * BUTTON_PAD, area.width - BEGIN_W - 2 * GAP)
        self.button(  # saved sessions open even when no scenario loads
            pygame.Rect(area.x, area.bottom - 60, sessions_w, 60),
            sessions,
            oid="#sessions",
            tip=t("facilitator.sessions.open_tip"),
            on=self.open_sessions,
        )
        if self.loaded is None:
            return
        orgs = self.loaded.scenario.organisations
        y = area.y + 72 + (len(hint) - 1) * LINE_H
        # Rows of 40 to 50; on a netbook's 600 pixels down to 32, or the seed and PIN row
        # slid under the Start button.
        row_h = min(50, max(32, (area.bottom - y - 130) // max(1, len(orgs))))
        # Columns: icon, name, team/computer toggle, team name. The names stay whole: a
        # narrow window takes the room from the team name first, then from the toggle.
        names = [org.short or t.text(org.name) for org in orgs]
        name_need = max(self._text_w(name) for name in names) + LABEL_SLACK
        toggles = (t("ui.start.team"), t("ui.start.computer"))
        toggle_need = max(self._text_w(text) for text in toggles) + 2 * BUTTON_PAD
        room = area.width - ICON_W - name_need - 2 * GAP  # for the toggle and the team name
        team_w = max(MIN_TEAM_W, min(TEAM_W, room - TOGGLE_W))
        toggle_w = max(toggle_need, min(TOGGLE_W, room - team_w))
        name_w = area.width - ICON_W - toggle_w - team_w - 2 * GAP
        variants = sector_variants([org.sector for org in orgs])
        for org, name, variant in zip(orgs, names, variants, strict=True):
            playing = org.id in self.teams
            self.icon_rows.append(
                (pygame.Rect(area.x, y, ICON_W - 6, row_h - 6), org.sector, variant)
            )
            self._fitted_label(pygame.Rect(area.x + ICON_W, y, name_w, row_h - 6), name)
            b = self.button(
                pygame.Rect(area.x + ICON_W + name_w + GAP, y, toggle_w, row_h - 6),
                toggles[0] if playing else toggles[1],
                cls="@tab",
                tip=t("ui.start.toggle_tip"),
                on=lambda o=org.id: self.toggle(o),
            )
            if playing:
                b.select()
                entry = pygame_gui.elements.UITextEntryLine(
                    pygame.Rect(area.right - team_w, y, team_w, row_h - 6),
                    self.app.manager,
                    container=self.root,
                )
                entry.set_text(self.teams[org.id])
                entry.length_limit = 24
                self.entries[entry] = org.id
            y += row_h
        y += 8
        # Seed and PIN share a row: the labels keep their text, the two fields share the rest.
        # In a narrow window the labels give way to short forms (the seed field showed "202"
        # of 2024); the PIN's tooltip still says what it is for.
        seed = t("ui.start.seed")
        pin_label = t("facilitator.pin.label")
        seed_lw = self._text_w(seed) + LABEL_SLACK
        pin_lw = self._text_w(pin_label) + LABEL_SLACK
        fields = area.width - seed_lw - pin_lw - 4 * GAP
        if fields // 2 < SEED_MIN:
            seed, pin_label = t("ui.start.seed_short"), t("facilitator.pin.label_short")
            seed_lw = self._text_w(seed) + LABEL_SLACK
            pin_lw = self._text_w(pin_label) + LABEL_SLACK
            fields = area.width - seed_lw - pin_lw - 4 * GAP
        seed_w = min(SEED_W, fields // 2)
        pin_w = min(PIN_W, fields - seed_w)
        seed_x = area.x + seed_lw + GAP
        self.label(pygame.Rect(area.x, y, seed_lw, 44), seed)
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(seed_x, y, seed_w, 44), self.app.manager, container=self.root
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text(
            str(self.seed if self.seed is not None else self.loaded.scenario.meta.seed)
        )
        pin_x = seed_x + seed_w + 2 * GAP
        self._build_facilitator(pygame.Rect(pin_x, y, area.right - pin_x, 44), pin_w, pin_label)
        begin_w = min(BEGIN_W, area.width - sessions_w - 2 * GAP)
        self.start_button = self.button(
            pygame.Rect(area.right - begin_w, area.bottom - 60, begin_w, 60),
            t("ui.start.begin"),
            cls="@primary",
            oid="#begin",
            on=self.begin,
        )

    def _build_facilitator(self, row: pygame.Rect, entry_w: int, label: str) -> None:
        """The facilitator's PIN: players who don't know it cannot open the panel (F2)."""
        t = self.app.t
        self._fitted_label(pygame.Rect(row.x, row.y, row.width - entry_w - GAP, row.height), label)
        self.pin_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(row.right - entry_w, row.y, entry_w, row.height),
            self.app.manager,
            container=self.root,
            object_id=ObjectID("#pin"),
        )
        self.pin_entry.length_limit = 12
        self.pin_entry.set_text_hidden(True)
        self.pin_entry.set_text(self.app.facilitator.pin)
        self.pin_entry.set_tooltip(t("facilitator.pin.tip"))
        if self.app.facilitator.pin_locked:
            self.pin_entry.disable()
            self.pin_entry.set_tooltip(t("facilitator.pin.locked_tip"))

    def draw(self, surface: pygame.Surface) -> None:
        for rect, sector, variant in getattr(self, "icon_rows", []):
            draw_sector_icon(surface, sector, rect.center, 13, variant)

    # --- events ----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is getattr(
            self, "pin_entry", None
        ):
            if not self.app.facilitator.pin_locked:
                self.app.facilitator.pin = event.text.strip()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in getattr(
            self, "entries", {}
        ):
            self.teams[self.entries[event.ui_element]] = event.text
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is getattr(
            self, "path_entry", None
        ):
            self.open_typed()
            return True
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            self.select(Path(event.text))
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is getattr(
            self, "length_menu", None
        ):
            self.choose_length(self.length_options[event.text])
            return True
        return False

    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.HELP:
            self.help()
            return True
        if intent is Intent.CONFIRM:
            self.begin()
            return True
        if intent is Intent.BACK:
            # Esc while typing a team name or the PIN leaves the field, not the game.
            fields = [*getattr(self, "entries", {}), getattr(self, "pin_entry", None)]
            typing = [f for f in fields if f is not None and f.is_focused]
            if typing:
                for field in typing:
                    field.unfocus()
                return True
            self.app.quit()
            return True
        return False

    # --- actions ---------------------------------------------------------------------------
    def toggle(self, org_id: str) -> None:
        if org_id in self.teams:
            del self.teams[org_id]
        else:
            self.teams[org_id] = self.t("ui.team_n", n=len(self.teams) + 1)
        self.rebuild()

    def help(self) -> None:
        self.open(HelpDialog(self.app))

    def open_sessions(self) -> None:
        from game.ui.widgets.sessions_dialog import SessionsDialog

        def closed(_dialog: Dialog) -> None:  # an import may have added a session
            self.saved = saved_sessions()
            self.rebuild()

        dialog = SessionsDialog(self.app, self.resume)
        dialog.on_close = closed
        self.open(dialog)

    def browse(self) -> None:
        rect = pygame.Rect(0, 0, min(900, self.app.size[0] - 60), min(600, self.app.size[1] - 60))
        rect.center = (self.app.size[0] // 2, self.app.size[1] // 2)
        dialog = pygame_gui.windows.UIFileDialog(
            rect,
            self.app.manager,
            window_title=self.t("ui.start.open_file"),
            allowed_suffixes={".yaml", ".yml"},
            initial_file_path=str(Path.cwd()),
            allow_existing_files_only=True,
        )
        dialog.set_blocking(True)
        self.windows.append(dialog)

    def open_typed(self) -> None:
        text = self.path_entry.get_text().strip()
        if text:
            self.select(Path(text).expanduser())

    def begin(self) -> None:
        from game.ui.flow import start_match

        if self.loaded is None:
            self.app.notify(self.t("ui.start.no_scenario"), "error")
            return
        if not self.teams:
            self.app.notify(self.t("ui.start.need_team"), "error")
            return
        seed_text = self.seed_entry.get_text().strip() if hasattr(self, "seed_entry") else ""
        seed = int(seed_text) if seed_text.isdigit() else None
        names = {
            org: (name.strip() or self.t("ui.team_n", n=n))
            for n, (org, name) in enumerate(self.teams.items(), 1)
        }
        order = [o.id for o in self.loaded.scenario.organisations if o.id in names]
        teams = {o: names[o] for o in order}
        start_match(self.app, self.loaded, self.text, teams, seed=seed, months=self.months)

    def resume(self, path: Path) -> None:
        from game.ui.flow import resume_match

        resume_match(self.app, path)

    def failed_resume(self, error: SessionError) -> None:
        self.show_message(self.t("ui.start.resume_failed"), self.app.t.msg(error.reason))
