"""The facilitator panel (F2, or the button on the main screen): run the room.

Left, the room: pause, the per-month countdown, a message to every team, the hidden missions
shown or hidden, then the record: undo the last month, open the debrief. Right, the scenario's
injects with their text and the facilitator's notes, fired now or scheduled for the end of a
later month. The panel covers the team's screen while it is open, so nothing private shows;
with a PIN set on the start screen it asks for the PIN first.

Injects and the undo change the world and go through the match as commands (`FireInject`,
`ScheduleInject`, `Session.undo_month`), so they are in the record and replay; everything
else is window state in `app.facilitator`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.scenario.schema import Inject, Scenario
from game.sim.commands import (
    EndMonth,
    FireInject,
    ScheduleInject,
)
from game.sim.errors import Impossible
from game.ui import palette
from game.ui.facilitation import COUNTDOWN_CHOICES
from game.ui.fonts import PRIMARY_FONT
from game.ui.intents import Intent
from game.ui.match import Match
from game.ui.record_words import effect_lines, move_words
from game.ui.scenes.base import Scene
from game.ui.widgets.dialog import Dialog, esc
from game.ui.widgets.listview import ListView, Row

MARGIN = 32
BANNER_MAX = 160  # characters: three lines of the teams' banner at 1024 px, with an inject
LINE_H = 24  # one line of body text as a label; pygame_gui labels do not wrap
CLOCK_LINES = 2  # "time is up" tells the facilitator what to do: two lines even at 1280
TEXT_PAD = 12  # room either side of a button's text when a narrow window squeezes a row
GAP = 8
TIMER_GAP = 6
OFF_W, MINUTES_W = 78, 52  # the countdown buttons when the column has room for them
FIRE_W = 220
MONTH_MENU_W = 96


class FacilitatorScene(Scene):
    """The panel, over whatever screen was showing; closing it returns there."""

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.unlocked = not app.facilitator.has_pin
        self.pin_error = False
        injects = ordered_injects(match.world.scenario)
        self.selected: str | None = injects[0].id if injects else None
        self.month: int | None = None  # the month chosen to schedule at; None: a default
        self.list = ListView(app.fonts)
        self.list_rect = pygame.Rect(0, 0, 10, 10)
        self._shown_clock = ""

    # --- derived -------------------------------------------------------------------------
    @property
    def state(self):
        return self.app.facilitator

    @property
    def world(self):
        return self.match.world

    def ordered_injects(self) -> list[Inject]:
        return ordered_injects(self.world.scenario)

    def inject(self, inject_id: str | None = None) -> Inject | None:
        wanted = inject_id or self.selected
        return next((i for i in self.world.scenario.injects if i.id == wanted), None)

    def fired_months(self, inject_id: str) -> list[int]:
        return [
            e.month
            for e in self.world.entries
            if e.kind == "inject" and e.data.get("id") == inject_id
        ]

    def fired_this_month(self) -> bool:
        inject = self.inject()
        return inject is not None and self.world.month in self.fired_months(inject.id)

    def pending_months(self, inject_id: str) -> list[int]:
        """The months it is still scheduled to fire at the end of."""
        fired = self.fired_months(inject_id)
        return [
            m
            for m, i in self.world.scheduled
            if i == inject_id and m not in fired and m >= self.world.month
        ]

    def _fired_this_month_text(self) -> str:
        return self.t("facilitator.fire_done", month=self.world.month)

    def schedule_choices(self) -> list[int]:
        """The months the list offers: those after this one. This month's end has a button
        of its own; in the list too, the two buttons did the same, and a facilitator who
        pressed both had the inject fire twice at once."""
        world = self.world
        return list(range(world.month + 1, world.months + 1)) if not world.finished else []

    def default_month(self) -> int | None:
        """The month the list shows: the one chosen, else the suggested month when it is
        still to come, else next month."""
        choices = self.schedule_choices()
        if not choices:
            return None
        if self.month in choices:
            return self.month
        inject = self.inject()
        if inject is not None and inject.suggested_month in choices:
            return inject.suggested_month
        return choices[0]

    def suggestion_passed(self, inject: Inject) -> bool:
        """Its suggested month is over and it never fired nor waits to: easy to miss."""
        month = inject.suggested_month
        return (
            month is not None
            and month < self.world.month
            and not self.fired_months(inject.id)
            and not self.pending_months(inject.id)
        )

    def cancellable(self) -> ScheduleInject | None:
        """The selected inject's schedule that can be cancelled now: the game keeps no
        command to cancel one, so only while it is the month's last move (taking it back
        replays the record without it)."""
        inject, move = self.inject(), self.match.last_move()
        if inject is None or not isinstance(move, ScheduleInject) or move.inject != inject.id:
            return None
        if move.month not in self.pending_months(inject.id) or not self.match.take_back_known():
            return None
        return move

    def undo_target(self) -> int | None:
        """The month an undo goes back to the start of, or None when there is nothing to undo."""
        ends = sum(1 for c in self.match.session.commands if isinstance(c, EndMonth))
        if not ends and not self.match.session.commands:
            return None
        return 1 + max(0, ends - 1)

    # --- widgets -------------------------------------------------------------------------
    def build(self) -> None:
        if self.unlocked:
            self._build_panel()
        else:
            self._build_lock()

    def _build_lock(self) -> None:
        t = self.app.t
        w, h = self.app.size
        box = pygame.Rect(0, 0, 560, 300)
        box.center = (w // 2, h // 2)
        self.label(pygame.Rect(box.x, box.y, box.width, 52), t("facilitator.title"), cls="@title")
        self.label(
            pygame.Rect(box.x, box.y + 64, box.width, 32), t("facilitator.pin.ask"), cls="@muted"
        )
        self.pin_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(box.x, box.y + 104, box.width - 180, 48),
            self.app.manager,
            container=self.root,
            object_id=ObjectID("#fac_pin"),
        )
        self.pin_entry.set_text_hidden(True)
        self.pin_entry.focus()
        self.button(
            pygame.Rect(box.right - 170, box.y + 104, 170, 48),
            t("facilitator.pin.open"),
            cls="@primary",
            oid="#fac_unlock",
            on=self.unlock,
        )
        if self.pin_error:
            self.label(pygame.Rect(box.x, box.y + 164, box.width, 32), t("facilitator.pin.wrong"))
        self.button(
            pygame.Rect(box.x, box.bottom - 52, 260, 48),
            t("facilitator.back"),
            oid="#fac_close",
            on=self.close,
        )

    def _build_panel(self) -> None:
        t, world = self.app.t, self.world
        w, h = self.app.size
        fonts = self.app.fonts
        # As wide as its text needs (up to 380): the title keeps room beside "Change PIN…".
        close_w = min(380, fonts.size(t("facilitator.close"), *PRIMARY_FONT)[0] + 48)
        close = pygame.Rect(0, 0, close_w, 48)
        close.topright = (w - MARGIN, 14)
        debrief = pygame.Rect(0, 0, max(200, fonts.size(t("facilitator.debrief"))[0] + 32), 48)
        debrief.topright = (close.x - GAP, 14)
        pin = pygame.Rect(0, 0, fonts.size(t("facilitator.pin.change"))[0] + 32, 48)
        pin.topright = (debrief.x - GAP, 14)
        title = pygame.Rect(MARGIN, 10, pin.x - GAP - MARGIN, 52)
        self.label(title, t("facilitator.title"), cls="@title")
        teams = ", ".join(team.name for team in self.match.teams)
        where = t(
            "facilitator.where",
            month=world.month,
            months=world.months,
            scenario=t.text(world.scenario.meta.title),
            teams=teams,
        )
        where_rect = pygame.Rect(MARGIN, 62, w - 2 * MARGIN, 30)  # under the title and close
        self.label(where_rect, self.app.fonts.fit(where, where_rect.width), cls="@muted")
        self.button(close, t("facilitator.close"), cls="@primary", oid="#fac_close", on=self.close)
        self.button(
            pin,
            t("facilitator.pin.change"),
            oid="#fac_pin_change",
            tip=t("facilitator.pin.change_tip"),
            on=self.ask_pin,
        )
        self.button(  # a way out of the panel, beside the other one
            debrief,
            t("facilitator.debrief"),
            oid="#fac_debrief",
            tip=t("facilitator.debrief_tip"),
            on=self.ask_debrief,
        )

        left_w = min(560, (w - 3 * MARGIN) * 45 // 100)
        left = pygame.Rect(MARGIN, 100, left_w, h - 100 - 16)
        right = pygame.Rect(left.right + MARGIN, 100, w - left.right - 2 * MARGIN, left.height)
        self._build_room(left)
        self._build_injects(right)

    def _build_room(self, area: pygame.Rect) -> None:
        t, state = self.app.t, self.state
        x, y, width = area.x, area.y, area.width
        self.label(pygame.Rect(x, y, width, 34), t("facilitator.room"), cls="@heading")
        y += 40
        half = self._pair(
            width,
            ("facilitator.pause", "facilitator.resume"),
            ("facilitator.reveal_missions", "facilitator.hide_missions"),
        )
        pause = self.button(
            pygame.Rect(x, y, half, 48),
            t("facilitator.resume" if state.paused else "facilitator.pause"),
            oid="#fac_pause",
            tip=t("facilitator.pause_tip"),
            on=self.toggle_pause,
        )
        if state.paused:
            pause.select()
        reveal = self.button(
            pygame.Rect(x + half + GAP, y, width - half - GAP, 48),
            t("facilitator.hide_missions" if state.reveal else "facilitator.reveal_missions"),
            oid="#fac_reveal",
            tip=t("facilitator.reveal_tip"),
            on=self.toggle_reveal,
        )
        if state.reveal:
            reveal.select()
        y += 60
        self.label(pygame.Rect(x, y, width, 30), t("facilitator.timer.heading"))
        y += 34
        bx = x
        for minutes, bw in zip(COUNTDOWN_CHOICES, self._timer_widths(width), strict=True):
            text = t("facilitator.timer.off") if not minutes else str(minutes)
            b = self.button(
                pygame.Rect(bx, y, bw, 44),
                text,
                cls="@tab",
                oid=f"#fac_timer_{minutes}",
                on=lambda m=minutes: self.set_countdown(m),
            )
            if minutes == state.minutes:
                b.select()
            bx += bw + TIMER_GAP
        restart = self.button(
            pygame.Rect(bx + TIMER_GAP, y, x + width - bx - TIMER_GAP, 44),
            t("facilitator.timer.restart"),
            oid="#fac_timer_restart",
            on=self.restart_countdown,
        )
        if not state.minutes:
            restart.disable()
        y += 48
        self.clock_lines = [
            self.label(pygame.Rect(x, y + i * LINE_H, width, LINE_H), "", cls="@muted")
            for i in range(CLOCK_LINES)
        ]
        self._shown_clock = ""
        self._show_clock()
        y += CLOCK_LINES * LINE_H + 6
        count_w = self.app.fonts.size(t("facilitator.banner.count", n=BANNER_MAX, most=BANNER_MAX))
        count_w = count_w[0] + 16
        self.label(pygame.Rect(x, y, width - count_w, 30), t("facilitator.banner.label"))
        # How much of the limit is used: the one-line field scrolls, and typing past the
        # limit was dropped without a sign (the end of an instruction never reached the room).
        self.banner_count = self.label(
            pygame.Rect(x + width - count_w, y, count_w, 30), "", cls="@muted"
        )
        y += 34
        self.banner_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, y, width, 44),
            self.app.manager,
            container=self.root,
            object_id=ObjectID("#fac_banner_entry"),
            placeholder_text=t("facilitator.banner.placeholder"),
        )
        self.banner_entry.length_limit = BANNER_MAX
        self.banner_entry.set_text(state.banner or state.last_banner)
        self._count_banner()
        y += 50
        half = self._pair(width, ("facilitator.banner.show",), ("facilitator.banner.clear",))
        self.button(
            pygame.Rect(x, y, half, 44),
            t("facilitator.banner.show"),
            oid="#fac_banner_show",
            on=self.show_banner,
        )
        clear = self.button(
            pygame.Rect(x + half + GAP, y, width - half - GAP, 44),
            t("facilitator.banner.clear"),
            oid="#fac_banner_clear",
            on=self.clear_banner,
        )
        if not state.banner_text():
            clear.disable()
        y += 58
        self.label(pygame.Rect(x, y, width, 34), t("facilitator.record"), cls="@heading")
        y += 40
        half = self._pair(width, ("facilitator.take_back",), ("facilitator.undo",))
        blocked = self.take_back_blocked()
        take_back = self.button(
            pygame.Rect(x, y, half, 48),
            t("facilitator.take_back"),
            cls="@danger",
            oid="#fac_take_back",
            tip=blocked or t("facilitator.take_back_tip"),
            on=self.ask_take_back,
        )
        if blocked:
            take_back.disable()
        target = self.undo_target()
        undo = self.button(
            pygame.Rect(x + half + GAP, y, width - half - GAP, 48),
            t("facilitator.undo"),
            cls="@danger",
            oid="#fac_undo",
            tip=t("facilitator.undo_tip" if target is not None else "facilitator.undo_none"),
            on=self.ask_undo,
        )
        if target is None:
            undo.disable()
        y += 56
        saved = t("facilitator.autosave", file=self.match.path.name)
        most = (area.bottom - y) // LINE_H
        for i, line in enumerate(self.app.fonts.wrap_at_most(saved, width, most)):
            self.label(pygame.Rect(x, y + i * LINE_H, width, LINE_H), line)

    def _pair(self, width: int, left: tuple[str, ...], right: tuple[str, ...]) -> int:
        """The left one of two buttons side by side: half the row, unless a narrow column
        leaves one text without room while the other could spare some. Each side is sized
        for its longest text (pause or resume), so a toggle does not move the buttons."""
        half = (width - GAP) // 2
        fonts = self.app.fonts
        need = [
            max(fonts.size(self.t(k))[0] for k in keys) + 2 * TEXT_PAD for keys in (left, right)
        ]
        if max(need) <= half:
            return half
        return need[0] + (width - GAP - sum(need)) // 2

    def _timer_widths(self, width: int) -> list[int]:
        """The countdown buttons' widths: in a narrow column they give way so that the
        restart button after them still shows its whole text."""
        widths = [OFF_W if not m else MINUTES_W for m in COUNTDOWN_CHOICES]
        restart = self.app.fonts.size(self.t("facilitator.timer.restart"))[0] + 2 * TEXT_PAD
        room = width - restart - TIMER_GAP * (len(widths) + 1)
        if sum(widths) <= room:
            return widths
        return [w * room // sum(widths) for w in widths]

    def _build_injects(self, area: pygame.Rect) -> None:
        t = self.app.t
        self.label(
            pygame.Rect(area.x, area.y, area.width, 34), t("facilitator.injects"), cls="@heading"
        )
        injects = self.world.scenario.injects
        self.inject_box: pygame_gui.elements.UITextBox | None = None
        self.month_menu: pygame_gui.elements.UIDropDownMenu | None = None
        if not injects:
            self.label(
                pygame.Rect(area.x, area.y + 40, area.width, 30),
                t("facilitator.no_injects"),
                cls="@muted",
            )
            self.list_rect = pygame.Rect(0, 0, 0, 0)
            return
        finished = self.world.finished
        fonts = self.app.fonts
        # Fire now, fire at the end of this month, fire at the end of a chosen month. The
        # month list opens at the chosen (suggested) month, so this month, its first entry,
        # took a scroll: it has a button of its own. A row holds all four when it has room
        # (a wide window); else "fire now" and "this month" go on a row above the other two.
        schedule_w = fonts.size(t("facilitator.schedule"))[0] + 2 * TEXT_PAD
        now_w = fonts.size(t("facilitator.schedule_now"))[0] + 2 * TEXT_PAD
        fire_w = fonts.size(t("facilitator.fire"), *PRIMARY_FONT)[0] + 2 * TEXT_PAD
        spare = area.width - MONTH_MENU_W - 3 * GAP - schedule_w - now_w
        one_row = fire_w <= spare
        if one_row:
            fire_w = max(fire_w, min(FIRE_W, spare))
        else:
            fire_w = max(fire_w, min(FIRE_W, area.width - GAP - now_w))
        y = area.bottom - 48
        top_y = y if one_row else y - 56
        # A second row of buttons takes its room from the list and the inject's text alike.
        rows_h = min(60 * len(injects) + 8, max(120, (area.height - 40) * 42 // 100))
        if not one_row:
            rows_h = min(rows_h, max(120, rows_h - 28))
        self.list_rect = pygame.Rect(area.x, area.y + 40, area.width, rows_h)
        top = self.list_rect.bottom + 8
        self.inject_box = pygame_gui.elements.UITextBox(
            self._inject_html(),
            pygame.Rect(area.x, top, area.width, top_y - 8 - top),
            self.app.manager,
            container=self.root,
            object_id=ObjectID("#fac_inject_text"),
        )
        fire = self.button(
            pygame.Rect(area.x, top_y, fire_w, 48),
            t("facilitator.fire"),
            cls="@primary",
            oid="#fac_fire",
            tip=t("facilitator.fire_tip"),
            on=self.ask_fire,
        )
        now = pygame.Rect(area.x + fire_w + GAP, top_y, now_w, 48)
        if not one_row:
            now.width = area.right - now.x
        this_month = self.button(
            now,
            t("facilitator.schedule_now"),
            oid="#fac_schedule_now",
            tip=t("facilitator.schedule_now_tip", month=self.world.month),
            on=self.schedule_now,
        )
        sched = pygame.Rect(now.right + GAP, y, area.right - now.right - GAP, 48)
        if not one_row:
            sched = pygame.Rect(area.x, y, area.width, 48)
        choices = self.schedule_choices()
        month = self.default_month()
        menu_w = MONTH_MENU_W
        inject = self.inject()
        pending = self.pending_months(inject.id) if inject is not None and not finished else []
        if pending:  # a scheduled inject can be called off, beside the list's button
            cancel_w = fonts.size(t("facilitator.cancel_schedule"))[0] + 2 * TEXT_PAD
            cancel = self.button(
                pygame.Rect(sched.right - cancel_w, y, cancel_w, 48),
                t("facilitator.cancel_schedule"),
                cls="@danger",
                oid="#fac_cancel_schedule",
                tip=self._cancel_tip(pending),
                on=self.cancel_schedule,
            )
            if self.cancellable() is None:
                cancel.disable()
            sched.width -= cancel_w + GAP
        schedule = self.button(  # reads "fire at the end of month [9]"
            pygame.Rect(sched.x, y, sched.width - menu_w - GAP, 48),
            t("facilitator.schedule"),
            oid="#fac_schedule",
            tip=t("facilitator.schedule_tip"),
            on=self.schedule,
        )
        self.schedule_button = schedule
        if choices and month is not None:
            self.month_menu = pygame_gui.elements.UIDropDownMenu(
                [str(m) for m in choices],
                str(month),
                pygame.Rect(sched.right - menu_w, y, menu_w, 48),
                self.app.manager,
                container=self.root,
                object_id=ObjectID("#fac_month"),
            )
        if finished or inject is None:
            fire.disable()
            schedule.disable()
            this_month.disable()
        else:
            if self.fired_this_month():
                fire.disable()  # a second click of a double tap must not fire it twice
                fire.set_tooltip(self._fired_this_month_text())
            if self.world.month in pending:
                this_month.disable()  # nor set it twice for this month's end
                this_month.set_tooltip(t("facilitator.schedule_now_done", month=self.world.month))
            self._sync_schedule()
        if self.month_menu is None:
            schedule.disable()
            if not finished and inject is not None:  # the game's last month: nothing after it
                schedule.set_tooltip(t("facilitator.schedule_last_month"))

    def _sync_schedule(self) -> None:
        """The list's button is off for a month the inject is already due at the end of:
        set twice, it fired twice, its effects doubled."""
        button = getattr(self, "schedule_button", None)
        inject, month = self.inject(), self.default_month()
        if button is None or not button.alive() or inject is None or month is None:
            return
        if month in self.pending_months(inject.id):
            button.disable()
            button.set_tooltip(self.t("facilitator.schedule_done", month=month))
        else:
            button.enable()
            button.set_tooltip(self.t("facilitator.schedule_tip"))

    def _cancel_tip(self, pending: list[int]) -> str:
        move = self.cancellable()
        if move is not None:
            return self.t("facilitator.cancel_schedule_tip", month=move.month)
        return self.t("facilitator.cancel_schedule_blocked", months=_months(pending))

    def toast_area(self) -> pygame.Rect:
        """Messages appear over the panel's title, at the top of the left column: at its
        foot they covered the undo buttons just when a move was taken back."""
        w, _ = self.app.size
        left_w = min(560, (w - 3 * MARGIN) * 45 // 100)
        return pygame.Rect(MARGIN, 0, left_w, 0)

    def _clock_text(self) -> str:
        t, state = self.app.t, self.state
        if not state.minutes:
            return t("facilitator.timer.none")
        if state.expired:
            return t("facilitator.timer.status_up", month=self.world.month)
        return t("facilitator.timer.status", clock=state.clock(), month=self.world.month)

    def _inject_rows(self) -> list[Row]:
        t = self.app.t
        rows = []
        for inject in self.ordered_injects():
            status = []
            if self.suggestion_passed(inject):
                status.append(t("facilitator.suggested_passed", month=inject.suggested_month))
            elif inject.suggested_month:
                status.append(t("facilitator.suggested", month=inject.suggested_month))
            fired = self.fired_months(inject.id)
            if fired:
                status.append(t("facilitator.fired_in", months=", ".join(map(str, fired))))
            pending = self.pending_months(inject.id)
            if pending:
                status.append(t("facilitator.scheduled_for", months=", ".join(map(str, pending))))
            rows.append(
                Row(
                    [
                        (t.text(inject.title), "bold", palette.TEXT),
                        (" · ".join(status) or t("facilitator.not_used"), "regular", palette.MUTED),
                    ],
                    key=inject.id,
                    selected=inject.id == self.selected,
                )
            )
        return rows

    def _inject_html(self) -> str:
        t = self.app.t
        inject = self.inject()
        if inject is None:
            return ""
        parts = [f"<b>{esc(t.text(inject.title))}</b>"]
        if self.fired_this_month():
            parts.append(f"<i>{esc(self._fired_this_month_text())}</i>")
        pending = self.pending_months(inject.id)
        if pending:
            said = t("facilitator.scheduled_for_long", months=_months(pending))
            parts.append(f"<i>{esc(said)}</i>")
        if inject.text:
            parts += ["", f"<b>{esc(t('facilitator.for_teams'))}</b>", esc(t.text(inject.text))]
        parts += ["", f"<b>{esc(t('facilitator.effects'))}</b>"]
        parts += [f"• {esc(line)}" for line in effect_lines(self.world, t, inject)]
        if inject.notes:
            parts += [
                "",
                f"<b>{esc(t('facilitator.notes'))}</b>",
                f"<i>{esc(t.text(inject.notes))}</i>",
            ]
        if self.suggestion_passed(inject):
            said = t("facilitator.suggested_passed_long", month=inject.suggested_month)
            parts += ["", f"<b>{esc(said)}</b>"]
        elif inject.suggested_month:
            parts += ["", esc(t("facilitator.suggested_long", month=inject.suggested_month))]
        return "<br>".join(parts)

    # --- frame ---------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        super().update(dt)
        self._show_clock()

    def _show_clock(self) -> None:
        """The countdown's state, wrapped over the clock lines; only when it changed."""
        labels = getattr(self, "clock_lines", [])
        if not labels or not labels[0].alive():
            return
        text = self._clock_text()
        if text == self._shown_clock:
            return
        self._shown_clock = text
        lines = self.app.fonts.wrap_at_most(text, labels[0].relative_rect.width, len(labels))
        for n, label in enumerate(labels):
            label.set_text(lines[n] if n < len(lines) else "")

    def draw(self, surface: pygame.Surface) -> None:
        if not self.unlocked or not self.list_rect.width:
            return
        key = (self.match.revision, self.app.t.lang, self.selected, len(self.world.scheduled))
        self.list.set_rows(key, self.list_rect, self._inject_rows)
        self.list.draw(surface)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if self.dialogs:
            return False
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is getattr(
            self, "banner_entry", None
        ):
            self._count_banner()
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is getattr(self, "pin_entry", None):
                self.unlock()
                return True
            if event.ui_element is getattr(self, "banner_entry", None):
                self.show_banner()
                return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is getattr(
            self, "month_menu", None
        ):
            self.month = int(event.text)
            self._sync_schedule()
            return True
        if event.type == pygame.MOUSEWHEEL:
            return self.list.wheel(pygame.mouse.get_pos(), event.y)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.unlocked:
            key = self.list.key_at(event.pos)
            if key is not None:
                self.select(key)
                return True
        return False

    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.BACK:
            self.close()
            return True
        return False

    # --- actions -------------------------------------------------------------------------
    def close(self) -> None:
        """Back to the screen underneath; the panel's own messages stay with the panel."""
        if self.app.scene is self:
            self.app.toast = None
            self.app.pop()

    def unlock(self) -> None:
        typed = self.pin_entry.get_text() if hasattr(self, "pin_entry") else ""
        if self.state.check_pin(typed):
            self.unlocked = True
            self.pin_error = False
        else:
            self.pin_error = True
        self.rebuild()

    def select(self, inject_id: str) -> None:
        self.selected = inject_id
        self.month = None
        self.rebuild()

    def ask_pin(self) -> None:
        """A new PIN, or none: the panel is open, so whoever is here knows the old one."""
        self.open(PinDialog(self.app, self.set_pin))

    def set_pin(self, pin: str) -> None:
        self.state.change_pin(pin, self.match)
        key = "facilitator.pin.changed" if pin.strip() else "facilitator.pin.removed"
        text = self.t(key)
        if self.match.save_error:
            text += " " + self.t("ui.save_failed", detail=self.match.save_error)
        self.app.notify(text, "error" if self.match.save_error else "info")
        self.rebuild()

    def toggle_pause(self) -> None:
        self.state.paused = not self.state.paused
        self.rebuild()

    def toggle_reveal(self) -> None:
        """Hiding is at once; revealing asks first, as the debrief does: the button sits by
        Pause on the projector, and what the room has read cannot be hidden again."""
        if self.state.reveal:
            self._set_reveal(False)
            return
        from game.ui.scenes.debrief import RevealDialog

        self.open(
            RevealDialog(self.app, lambda: self._set_reveal(True), "facilitator.reveal_confirm")
        )

    def _set_reveal(self, on: bool) -> None:
        self.state.reveal = on
        self.match.revision += 1  # the teams' cached cards and lists draw again
        self.rebuild()

    def set_countdown(self, minutes: int) -> None:
        self.state.set_countdown(minutes)
        self.rebuild()

    def restart_countdown(self) -> None:
        self.state.restart_countdown()
        self.rebuild()

    def show_banner(self) -> None:
        text = self.banner_entry.get_text().strip()
        self.state.banner = text
        self.app.notify(
            self.t("facilitator.banner.shown" if text else "facilitator.banner.cleared")
        )
        self.rebuild()

    def _count_banner(self) -> None:
        n = len(self.banner_entry.get_text())
        key = "facilitator.banner.count_full" if n >= BANNER_MAX else "facilitator.banner.count"
        self.banner_count.set_text(self.t(key, n=n, most=BANNER_MAX))

    def clear_banner(self) -> None:
        # The text stays in the field, to be shown again without typing it anew.
        self.state.last_banner = self.state.banner or self.state.last_banner
        self.state.banner, self.state.fired = "", None
        self.app.notify(self.t("facilitator.banner.cleared"))
        self.rebuild()

    def ask_fire(self) -> None:
        """Fire at once; but an inject that fired before, or waits for the end of a month,
        is asked about first: firing it again applies its effects a second time."""
        from game.ui.scenes.main import ConfirmDialog

        inject = self.inject()
        if inject is None or self.fired_this_month():
            return
        t = self.app.t
        earlier, pending = self.fired_months(inject.id), self.pending_months(inject.id)
        if not earlier and not pending:
            self.fire()
            return
        title, said = t.text(inject.title), []
        if earlier:
            said.append(t("facilitator.fire_again_fired", title=title, months=_months(earlier)))
            if pending:
                said.append(t("facilitator.fire_again_also_pending", months=_months(pending)))
        else:
            said.append(t("facilitator.fire_again_pending", title=title, months=_months(pending)))
        said.append(t("facilitator.fire_again_effects"))
        self.open(
            ConfirmDialog(
                self.app,
                t("facilitator.fire_again_title"),
                " ".join(said),
                t("facilitator.fire_again_yes"),
                self.fire,
            )
        )

    def fire(self) -> None:
        inject = self.inject()
        if inject is None or self.fired_this_month():
            return
        if not self._apply(FireInject(inject.id)):
            return
        title = self.app.t.text(inject.title)
        self.state.fired = inject  # beside the facilitator's own message, never over it
        self.app.notify(self.t("facilitator.fired", title=title))
        self.rebuild()

    def schedule(self) -> None:
        """Set the inject to fire at the end of the month chosen in the list."""
        self._schedule(self.default_month())

    def schedule_now(self) -> None:
        """Set the inject to fire at the end of this month, unless it already is."""
        inject = self.inject()
        if inject is None or self.world.finished:
            return
        if self.world.month in self.pending_months(inject.id):
            return
        self._schedule(self.world.month)

    def _schedule(self, month: int | None) -> None:
        inject = self.inject()
        if inject is None or month is None or month in self.pending_months(inject.id):
            return
        if not self._apply(ScheduleInject(inject.id, month)):
            return
        title = self.app.t.text(inject.title)
        self.app.notify(self.t("facilitator.scheduled", title=title, month=month))
        self.rebuild()

    def cancel_schedule(self) -> None:
        """Call off the selected inject's schedule: the record is replayed without it (as
        "Take back the last move" does) and saved at once. The panel stays open."""
        move = self.cancellable()
        if move is None:
            return
        if self.match.take_back() is None:
            return
        inject = self.inject()
        title = self.app.t.text(inject.title) if inject is not None else move.inject
        text = self.t("facilitator.schedule_cancelled", title=title, month=move.month)
        if self.match.save_error:
            text += " " + self.t("ui.save_failed", detail=self.match.save_error)
        self.app.notify(text, "error" if self.match.save_error else "info")
        self.rebuild()

    def _apply(self, command: Any) -> bool:
        try:
            self.match.apply(command)
        except Impossible as exc:
            self.app.notify(self.app.t.msg(exc.reason), "error")
            return False
        return True

    def ask_undo(self) -> None:
        from game.ui.scenes.main import ConfirmDialog

        target = self.undo_target()
        if target is None:
            return
        t = self.app.t
        # In month 1 there is no earlier month: the undo takes back what month 1 has so far.
        said = "facilitator.undo_confirm_first" if target == self.world.month else None
        self.open(
            ConfirmDialog(
                self.app,
                t("facilitator.undo_title"),
                t(said or "facilitator.undo_confirm", month=target, now=self.world.month),
                t("facilitator.undo_yes", month=target),
                self.undo,
            )
        )

    def undo(self) -> None:
        from game.ui.flow import begin_turn

        app, match = self.app, self.match
        if not match.undo_month():
            return
        self.close()
        begin_turn(app, match)
        text = app.t("facilitator.undone", month=match.world.month)
        if match.save_error:
            text += " " + app.t("ui.save_failed", detail=match.save_error)
        app.notify(text, "error" if match.save_error else "info", 8)

    def take_back_blocked(self) -> str:
        """Why the last move cannot be taken back, in words; empty when it can."""
        match, t = self.match, self.app.t
        if match.last_move() is None:
            return t("facilitator.take_back_none", month=self.world.month)
        if not match.take_back_known():
            return t("facilitator.take_back_unknown")
        return ""

    def ask_take_back(self) -> None:
        from game.ui.scenes.main import ConfirmDialog

        match, t = self.match, self.app.t
        move = match.last_move()
        if move is None or self.take_back_blocked():
            return
        text = t(
            "facilitator.take_back_confirm",
            month=self.world.month,
            move=move_words(match, t, move),
            turn=self._turn_after_words(move),
        )
        self.open(
            ConfirmDialog(
                self.app,
                t("facilitator.take_back_title"),
                text,
                t("facilitator.take_back_yes"),
                self.take_back,
            )
        )

    def _turn_after_words(self, move: Any) -> str:
        match, t = self.match, self.app.t
        after = match.take_back_turn()
        if getattr(move, "actor", None) is None:
            return t("facilitator.take_back_turn_same", team=after.name)
        if after == match.team:
            return t("facilitator.take_back_turn_keeps", team=after.name)
        return t("facilitator.take_back_turn_back", team=after.name)

    def take_back(self) -> None:
        from game.ui.flow import begin_turn
        from game.ui.scenes.main import MainScene

        app, match, t = self.app, self.match, self.app.t
        before = match.team
        words = move_words(match, t, match.last_move()) if match.last_move() else ""
        if match.take_back() is None:
            return
        self.close()
        # The screen shows the world without the move: the same team's screen afresh, or the
        # hand-over to the team whose turn it is again.
        if isinstance(app.scene, MainScene) and match.team == before and not match.finished:
            app.replace(MainScene(app, match))
        else:
            begin_turn(app, match)
        text = t("facilitator.taken_back", move=words, team=match.team.name)
        if match.save_error:
            text += " " + t("ui.save_failed", detail=match.save_error)
        app.notify(text, "error" if match.save_error else "info", 8)

    def ask_debrief(self) -> None:
        from game.ui.scenes.main import ConfirmDialog

        world, t = self.world, self.app.t
        if world.finished:
            self.debrief()
            return
        self.open(
            ConfirmDialog(
                self.app,
                t("facilitator.debrief_title"),
                t("facilitator.debrief_confirm", month=world.month, months=world.months),
                t("facilitator.debrief_yes"),
                self.debrief,
            )
        )

    def debrief(self) -> None:
        from game.ui.flow import open_debrief

        app, match = self.app, self.match
        self.close()
        app.facilitator.paused = False
        open_debrief(app, match)


class PinDialog(Dialog):
    """Type the new PIN (hidden, as on the start screen); empty removes it."""

    def __init__(self, app, on_set: Callable[[str], None]) -> None:
        t = app.t
        super().__init__(app, (640, 300), t("facilitator.pin.change_title"))
        self.on_set = on_set
        area = self.inner
        self.text_box(
            pygame.Rect(16, 12, area.width - 32, area.height - 150),
            esc(t("facilitator.pin.change_text")),
            cls="@plain_text",
        )
        self.entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(16, area.height - 128, area.width - 32, 48),
            app.manager,
            container=self.window,
            object_id=ObjectID("#fac_new_pin"),
        )
        self.entry.length_limit = 12
        self.entry.set_text_hidden(True)
        self.entry.focus()
        back = pygame.Rect(16, area.height - 64, 200, 48)
        self.button(back, t("ui.back"), self.close, oid="#fac_pin_back")
        ok = pygame.Rect(0, 0, 240, 48)
        ok.bottomright = (area.width - 16, area.height - 16)
        self.button(ok, t("facilitator.pin.save"), self.save, cls="@primary", oid="#fac_pin_save")

    def save(self) -> None:
        pin = self.entry.get_text()
        self.close()
        self.on_set(pin)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.save()
            return True
        return super().handle_event(event)


def _months(months: list[int]) -> str:
    return ", ".join(map(str, months))


def ordered_injects(scenario: Scenario) -> list[Inject]:
    """The injects in the order they come up: by suggested month, then those without one,
    each in the order the scenario file gives them."""
    return sorted(
        scenario.injects, key=lambda i: (i.suggested_month is None, i.suggested_month or 0)
    )
