"""The main screen: one team's turn in one month.

Left, the team's organisation and the community indicators; centre, the network map and the
tabs (this month's feed, partnerships and approvals, proposals, known missions); right, the
selected organisation and every action as a button. The top bar says whose turn and which month
it is and holds "end turn". Every change goes through `Match.apply`; an illegal command comes
back as the engine's reason in the team's language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui

from game.i18n import Msg
from game.sim.errors import Impossible
from game.ui import palette, preview
from game.ui.actions import ACTIONS, GROUPS, Ctx, FormSpec, blocked_reason, make_form
from game.ui.facilitation import BANNER_LINES
from game.ui.fonts import BODY, LARGE, PRIMARY_FONT
from game.ui.formatting import short_name
from game.ui.intents import Intent
from game.ui.layout import main_layout
from game.ui.match import Match
from game.ui.scenes.base import Scene
from game.ui.widgets import tabs as tab_rows
from game.ui.widgets.dialog import Dialog, esc
from game.ui.widgets.form import FormDialog
from game.ui.widgets.help import HelpDialog
from game.ui.widgets.listview import ListView
from game.ui.widgets.negotiation import NegotiationDialog
from game.ui.widgets.network_map import TITLE_BAND, NetworkMap
from game.ui.widgets.panels import Cached, NeedsLayout, month_hint, paint_card, paint_own
from game.ui.widgets.tooltip import draw_tooltip

TABS = ("feed", "partnerships", "inbox", "missions")
TAB_H = 40
TAB_PADDING = 14  # pixels around a tab's title


class MainScene(Scene):
    """One team's turn."""

    def __init__(self, app, match: Match) -> None:
        super().__init__(app)
        self.match = match
        self.map = NetworkMap(app, match.world)
        self.selected: int | None = None
        self.selected_partnership: int | None = None
        self.selected_item: int | None = None
        self.selected_proposal: int | None = None  # chosen with ↑ ↓ in the Proposals tab
        self.tab = "inbox" if self._incoming() else "feed"
        self.list = ListView(app.fonts)
        self.own = Cached()
        self.card = Cached()
        self.hover: int | None = None
        self.hover_badge: int | None = None
        self.needs: NeedsLayout | None = None  # where the left column's needs and tip went
        self.hint_box: pygame.Rect | None = None  # this month's tip, when shortened to fit
        self.staff_box: pygame.Rect | None = None  # the staff row: where the staff are on hover
        self.cut_names: list[tuple[pygame.Rect, str]] = []  # need names cut to fit: whole on hover
        self.card_cut_names: list[tuple[pygame.Rect, str]] = []  # the same on the card
        self.mouse = (0, 0)
        self.action_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        self.tab_buttons: dict[str, pygame_gui.elements.UIButton] = {}

    # --- derived -------------------------------------------------------------------------
    @property
    def world(self):
        return self.match.world

    @property
    def viewer(self) -> int:
        return self.match.org.idx

    @property
    def team_names(self) -> dict[int, str]:
        return {self.world.org_index[team.org]: team.name for team in self.match.teams}

    def _incoming(self) -> list:
        w = self.match.world
        idx = self.match.org.idx
        return [p for p in w.proposals if p.awaits(idx)]

    def ctx(self) -> Ctx:
        sel = self.world.orgs[self.selected].id if self.selected is not None else None
        return Ctx(
            self.world,
            self.app.t,
            self.match.org,
            sel,
            self.selected_partnership,
            self.selected_item,
        )

    def enter(self) -> None:
        super().enter()
        # "How to play" opens by itself once per screen: teams sharing a laptop or a projector
        # read it together at the first team's first turn (it came three times in a row in the
        # room); a laptop per team has one team, which sees it at its first turn.
        if self.app.intro and self.world.month == 1 and not self.match.introduced:
            self.match.introduced.add(self.match.team.org)
            self.open(HelpDialog(self.app, intro=True))

    # --- widgets -------------------------------------------------------------------------
    def build(self) -> None:
        t = self.app.t
        self.layout = main_layout(self.app.size, len(self.world.domain_ids))
        top = self.layout.top
        x = top.right - 8
        # Buttons as designed where the bar has room; in a narrow window as wide as their
        # words, so whose turn it is stays readable beside them.
        narrow = top.width < 1200
        fonts = self.app.fonts
        end_w = 250
        if narrow:
            end_w = min(end_w, fonts.size(t("ui.main.end_turn"), *PRIMARY_FONT)[0] + 32)
        x -= end_w
        self.end_button = self.button(
            pygame.Rect(x, 6, end_w, 44),
            t("ui.main.end_turn"),
            cls="@primary",
            oid="#end_turn",
            tip=t("ui.main.end_turn_tip"),
            on=self.ask_end_turn,
        )
        for key, action, width in (
            ("ui.language_button", self.app.next_language, 150),
            ("ui.help_button", self.help, 130),
            ("ui.main.menu", self.ask_menu, 100),
        ):
            if narrow:
                width = min(width, fonts.size(t(key))[0] + 28)
            x -= width + 8
            self.button(pygame.Rect(x, 6, width, 44), t(key), on=action)
        self.top_text_right = x - 12
        # Tabs.
        self.tab_buttons = {}
        for name, rect in zip(TABS, self._tab_rects(), strict=True):
            b = self.button(
                rect,
                self._tab_title(name),
                cls="@tab",
                oid=f"#tab_{name}",
                on=lambda n=name: self.show_tab(n),
            )
            self.tab_buttons[name] = b
        self.tab_buttons[self.tab].select()
        self._build_actions()

    def _tab_rects(self) -> list[pygame.Rect]:
        """The tabs share their row by the width each title needs (the proposals tab as if
        it counted a few offers), so a narrow window still shows every title whole."""
        tabs, t, fonts = self.layout.tabs, self.app.t, self.app.fonts
        titles = [
            t("ui.tab.inbox_n", n=8) if name == "inbox" else t(f"ui.tab.{name}") for name in TABS
        ]
        need = [fonts.size(title, BODY)[0] + TAB_PADDING for title in titles]
        spare = (tabs.width - sum(need)) / len(need)
        rects, x = [], float(tabs.x)
        for width in need:
            rects.append(pygame.Rect(round(x), tabs.y, round(x + width + spare) - round(x), TAB_H))
            x += width + spare
        return rects

    def _tab_title(self, name: str) -> str:
        t = self.app.t
        if name == "inbox":
            n = len(self._incoming())
            return t("ui.tab.inbox_n", n=n) if n else t("ui.tab.inbox")
        return t(f"ui.tab.{name}")

    def _build_actions(self) -> None:
        """Every action as a button, grouped; a disabled button's tooltip says why."""
        t = self.app.t
        area = self.layout.actions
        self.action_buttons = {}
        self.group_labels: list[tuple[str, tuple[int, int]]] = []
        ctx = self.ctx()
        col_w = (area.width - 30) // 2
        rows = sum((len([a for a in ACTIONS if a[1] == g]) + 1) // 2 for g in GROUPS)
        # Rows share the panel's height; in a short window (640 pixels) the group titles and
        # the rows tighten so the last button still fits. On a netbook's 600 pixels the
        # titles give way to a little space between groups (the buttons' tips still say what
        # each does): "Open the books" was a 2-pixel sliver below the screen's edge.
        label_h = 26
        row = (area.height - 40 - label_h * len(GROUPS) - 6) // rows
        if row < 34:
            label_h = 22
            row = (area.height - 36 - label_h * len(GROUPS) - 4) // rows
        if row < 28 and 32 + label_h * len(GROUPS) + 28 * rows > area.height:
            label_h = 8
            row = (area.height - 36 - label_h * len(GROUPS)) // rows
        row = max(28, min(48, row))  # 28: a button of 25 still holds a line of text
        gap = 6 if row >= 34 else 4 if row >= 30 else 3
        y = area.y + (36 if label_h == 26 else 32)
        for group in GROUPS:
            if label_h > 8:
                self.group_labels.append((t(f"ui.group.{group}"), (area.x + 10, y)))
            y += label_h
            items = [a for a in ACTIONS if a[1] == group]
            for n, (action, _, key) in enumerate(items):
                col = n % 2
                if n and col == 0:
                    y += row
                label = t(f"ui.action.{action}")
                if key:
                    label = f"{label} ({key})"
                reason = blocked_reason(action, ctx)
                tip = t(f"ui.tip.{action}") + (f"\n\n{reason}" if reason else "")
                b = self.button(
                    pygame.Rect(area.x + 10 + col * (col_w + 10), y, col_w, row - gap),
                    label,
                    cls="@action",
                    oid=f"#action_{action}",
                    tip=tip,
                    on=lambda a=action: self.start_action(a),
                )
                if reason:
                    b.disable()
                self.action_buttons[action] = b
            y += row

    def refresh(self) -> None:
        """After a change: update button states and the inbox count without a full rebuild."""
        ctx = self.ctx()
        t = self.app.t
        for action, b in self.action_buttons.items():
            reason = blocked_reason(action, ctx)
            if reason:
                b.disable()
            else:
                b.enable()
            b.set_tooltip(t(f"ui.tip.{action}") + (f"\n\n{reason}" if reason else ""))
        inbox = self.tab_buttons.get("inbox")
        if inbox is not None:
            inbox.set_text(self._tab_title("inbox"))

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        world, match, lay = self.world, self.match, self.layout
        rev, lang = match.revision, self.app.t.lang
        self._draw_top(surface)
        own = self.own.get((rev, lang, match.team), lay.own.size, self._paint_own)
        surface.blit(own, lay.own)
        reveal = self.app.facilitator.reveal
        card = self.card.get(
            (rev, lang, self.selected, reveal),
            lay.card.size,
            self._paint_card,
        )
        surface.blit(card, lay.card)
        pygame.draw.rect(surface, palette.PANEL, lay.actions)
        pygame.draw.rect(surface, palette.LINE, lay.actions, 1)
        fonts = self.app.fonts
        org = match.org
        fonts.blit(
            surface,
            self.app.t("ui.main.actions_heading", left=org.agenda, total=world.rules.agenda),
            (lay.actions.x + 10, lay.actions.y + 8),
            BODY,
            palette.TEXT,
            "bold",
        )
        for text, pos in getattr(self, "group_labels", []):
            fonts.blit(surface, text, pos, BODY, palette.MUTED, "bold")
        map_rect = self.map_rect()
        band = TITLE_BAND if map_rect.top == lay.map.top else 0  # a banner hides the title
        self.map.draw(
            surface, world, map_rect, self.viewer, self.selected, rev, self.team_names, band
        )
        self.map.draw_hover(surface, self.hover)
        self._draw_legend_hint(surface)
        list_rect = pygame.Rect(
            lay.tabs.x, lay.tabs.y + TAB_H, lay.tabs.width, lay.tabs.height - TAB_H
        )
        self.list.set_rows(
            (
                rev,
                lang,
                self.tab,
                self.selected_partnership,
                self.selected_item,
                self.selected_proposal,
                reveal,
            ),
            list_rect,
            self._rows,
        )
        self.list.draw(surface)

    def _rows(self):
        world, t, fonts = self.world, self.app.t, self.app.fonts
        if self.tab == "feed":
            return tab_rows.feed_rows(world, t, self.match.org.id)
        if self.tab == "partnerships":
            return tab_rows.partnership_rows(
                world, t, fonts, self.viewer, self.selected_partnership, self.selected_item
            )
        if self.tab == "inbox":
            rows = tab_rows.proposal_rows(world, t, self.viewer)
            chosen = ("proposal", self._chosen_proposal(rows))
            for row in rows:  # the one Enter opens
                row.selected = row.key == chosen
            return rows
        return tab_rows.mission_rows(
            world, t, fonts, self.viewer, self.app.facilitator.reveal, self.list.paint_width
        )

    def _draw_top(self, surface: pygame.Surface) -> None:
        t, fonts, world, match = self.app.t, self.app.fonts, self.world, self.match
        bar = self.layout.top
        pygame.draw.rect(surface, palette.TEXT, bar)
        title = t.text(world.scenario.meta.title)
        x = 14
        r = fonts.blit(
            surface,
            t("ui.month_of", n=world.month, total=world.months),
            (x, bar.centery),
            LARGE,
            (255, 255, 255),
            "bold",
            "midleft",
        )
        x = r.right + 18
        who = t("ui.main.turn_of", team=match.team.name, org=short_name(world, t, self.viewer))
        if match.seat.replying:
            who += " · " + t("ui.main.reply_turn")
        right = self.top_text_right
        if self.app.facilitator.minutes:  # the countdown sits between this text and the buttons
            right = self.timer_area().x - 12
        room = max(50, right - x)
        line = f"{who}  ·  {title}"
        if fonts.size(line, BODY)[0] <= room:
            fonts.blit(surface, line, (x, bar.centery), BODY, (255, 255, 255), "regular", "midleft")
            return
        # Too narrow for one line: whose turn on top, the scenario under it.
        lh = fonts.line_height(BODY)
        top = bar.centery - lh
        white, grey = (255, 255, 255), (200, 200, 200)
        under = title
        if fonts.size(who, BODY, "bold")[0] > room:  # long names: "Merah: Nurul Falah · reply"
            org = short_name(world, t, self.viewer)
            who = t("ui.main.turn_of_short", team=match.team.name, org=org)
            if match.seat.replying:
                reply = t("ui.main.reply_turn")
                if fonts.size(f"{who} · {reply}", BODY, "bold")[0] <= room:
                    who += " · " + reply
                else:  # "reply turn" must show: it goes under, before the scenario's title
                    under = f"{reply} · {title}"
        fonts.blit(surface, fonts.fit(who, room, BODY, "bold"), (x, top), BODY, white, "bold")
        fonts.blit(surface, fonts.fit(under, room, BODY), (x, top + lh), BODY, grey)

    def _draw_legend_hint(self, surface: pygame.Surface) -> None:
        t, fonts = self.app.t, self.app.fonts
        rect = self.layout.map
        fonts.blit(
            surface, t("ui.map.title"), (rect.x + 10, rect.y + 6), BODY, palette.TEXT, "bold"
        )
        fonts.blit(
            surface,
            t("ui.map.legend_hint"),
            (rect.right - 10, rect.y + 6),
            BODY,
            palette.MUTED,
            "regular",
            "topright",
        )

    def _blocked_under_mouse(self) -> tuple[str, pygame_gui.elements.UIButton] | None:
        for action, button in self.action_buttons.items():
            if not button.is_enabled and button.rect.collidepoint(self.mouse):
                return action, button
        return None

    def _paint_own(self, surface: pygame.Surface) -> None:
        self.needs = paint_own(self.app, surface, self.world, self.match.team)
        hint = self.needs.hint if self.needs.shortened else None
        self.hint_box = hint.move(self.layout.own.topleft) if hint else None
        staff = self.needs.staff
        self.staff_box = staff.move(self.layout.own.topleft) if staff else None
        self.cut_names = [(r.move(self.layout.own.topleft), n) for r, n in self.needs.names]

    def _paint_card(self, surface: pygame.Surface) -> None:
        reveal = self.app.facilitator.reveal
        world, at = self.world, self.layout.card.topleft
        cut = paint_card(
            self.app, surface, world, self.viewer, self.selected, self.team_names, reveal
        )
        self.card_cut_names = [(r.move(at), n) for r, n in cut]

    def _staff_tip(self) -> list[str]:
        t, org = self.app.t, self.world.org(self.match.team.org)
        title = (
            t("ui.own.staff") + ": " + t("ui.own.staff_value", free=org.free_staff, total=org.staff)
        )
        return [title, *(preview.staff_use(self.world, t, org) or [t("ui.staff.none")])]

    def draw_overlay(self, surface: pygame.Surface) -> None:
        if self.dialogs:
            return
        world = self.world
        blocked = self._blocked_under_mouse()
        if blocked is not None:  # pygame_gui gives a disabled button no tooltip: say why here
            action, button = blocked
            reason = blocked_reason(action, self.ctx())
            lines = [button.text, reason, self.app.t(f"ui.tip.{action}")]
            draw_tooltip(surface, self.app.fonts, lines, self.mouse)
        elif self.hint_box is not None and self.hint_box.collidepoint(self.mouse):
            hint = month_hint(self.app, world)
            draw_tooltip(surface, self.app.fonts, [self.app.t("ui.own.hint"), hint], self.mouse)
        elif self.staff_box is not None and self.staff_box.collidepoint(self.mouse):
            draw_tooltip(surface, self.app.fonts, self._staff_tip(), self.mouse)
        elif whole := next(
            (n for r, n in self.cut_names + self.card_cut_names if r.collidepoint(self.mouse)),
            None,
        ):
            draw_tooltip(surface, self.app.fonts, [whole], self.mouse)
        elif tip := self.list.tip_at(self.mouse):
            draw_tooltip(surface, self.app.fonts, tip, self.mouse)
        elif self.hover is not None:
            lines = self.map.org_tip(
                world, self.viewer, self.hover, self.team_names, self.app.facilitator.reveal
            )
            draw_tooltip(surface, self.app.fonts, lines, self.mouse)
        elif self.hover_badge is not None:
            draw_tooltip(
                surface,
                self.app.fonts,
                self.map.partnership_tip(world, self.hover_badge),
                self.mouse,
            )

    # --- events ----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if super().handle_event(event):
            return True
        if self.dialogs:
            return False
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            on_map = self.layout.map.collidepoint(event.pos)
            self.hover = self.map.hit(event.pos) if on_map else None
            self.hover_badge = (
                self.map.hit_badge(event.pos) if on_map and self.hover is None else None
            )
            return False
        if event.type == pygame.MOUSEWHEEL:
            return self.list.wheel(pygame.mouse.get_pos(), event.y)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self.click(event.pos)
        return False

    def click(self, pos: tuple[int, int]) -> bool:
        if self.layout.map.collidepoint(pos):
            idx = self.map.hit(pos)
            if idx is not None:
                self.select_org(idx)
                return True
            pid = self.map.hit_badge(pos)
            if pid is not None:
                self.select_partnership(pid)
                return True
            self.select_org(None)
            return True
        key = self.list.key_at(pos)
        if key is None:
            return False
        kind, value = key
        if kind == "p":
            self.select_partnership(value)
        elif kind == "a":
            self.selected_item = value
        elif kind == "proposal":
            self.selected_proposal = value
            self.open_proposal(value)
        elif kind == "org":
            self.select_org(self.world.org_index[value])
        return True

    def select_org(self, idx: int | None) -> None:
        self.selected = idx

    def select_partnership(self, pid: int) -> None:
        self.selected_partnership = pid
        self.show_tab("partnerships")

    def show_tab(self, name: str) -> None:
        self.tab = name
        self.list.scroll = 0
        for n, b in self.tab_buttons.items():
            if n == name:
                b.select()
            else:
                b.unselect()

    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.END_TURN:
            self.ask_end_turn()
        elif intent is Intent.DIALOGUE:
            self.start_action("dialogue")
        elif intent is Intent.PROPOSE:
            self.start_action("propose")
        elif intent is Intent.HELP:
            self.help()
        elif intent is Intent.INBOX:
            self.show_tab("inbox")
        elif intent is Intent.NEXT_ORG:
            n = len(self.world.orgs)
            self.selected = 0 if self.selected is None else (self.selected + 1) % n
        elif intent is Intent.BACK:
            if self.selected is None:
                return False
            self.selected = None
        elif intent is Intent.CONFIRM and self.tab == "inbox":
            chosen = self._chosen_proposal()
            if chosen is None:
                return False
            self.open_proposal(chosen)
        elif intent in (Intent.UP, Intent.DOWN) and self.tab == "inbox":
            self.choose_proposal(-1 if intent is Intent.UP else 1)
        else:
            return self.list.scroll_key(intent)
        return True

    # --- the Proposals tab by keyboard --------------------------------------------------------
    def _chosen_proposal(self, rows: list | None = None) -> int | None:
        """The proposal Enter opens: the one chosen with ↑ ↓ while it is listed, else the
        first (the waiting ones come first)."""
        if rows is None:
            rows = tab_rows.proposal_rows(self.world, self.app.t, self.viewer)
        listed = [row.key[1] for row in rows if row.key is not None]
        if self.selected_proposal in listed:
            return self.selected_proposal
        return listed[0] if listed else None

    def choose_proposal(self, step: int) -> None:
        """↑ ↓ in the Proposals tab: the proposal above or below, kept in sight."""
        rows = tab_rows.proposal_rows(self.world, self.app.t, self.viewer)
        listed = [row.key[1] for row in rows if row.key is not None]
        chosen = self._chosen_proposal(rows)
        if chosen is None:
            return
        k = max(0, min(len(listed) - 1, listed.index(chosen) + step))
        self.selected_proposal = listed[k]
        self.list.follow = ("proposal", listed[k])

    # --- actions ---------------------------------------------------------------------------
    def help(self) -> None:
        self.open(HelpDialog(self.app))

    def start_action(self, action: str) -> None:
        ctx = self.ctx()
        reason = blocked_reason(action, ctx)
        if reason:
            self.app.notify(reason, "error")
            return
        if action == "propose":
            self.open(
                NegotiationDialog(self.app, self.match, self._negotiated, partner=ctx.selected_org)
            )
            return

        def remake() -> FormSpec:  # the same selection, in today's language and world
            now = replace(
                self.ctx(),
                selected_org=ctx.selected_org,
                selected_partnership=ctx.selected_partnership,
                selected_item=ctx.selected_item,
            )
            return make_form(action, now)

        self.open(FormDialog(self.app, make_form(action, ctx), self.apply, remake=remake))

    def open_proposal(self, pid: int) -> None:
        self.open(NegotiationDialog(self.app, self.match, self._negotiated, proposal=pid))

    def apply(self, command: Any) -> Msg | None:
        """Apply a command from a form; returns None on success, else the engine's reason
        (a message the form translates, and translates again if the language changes)."""
        before = len(self.world.entries)
        try:
            self.match.apply(command)
        except Impossible as exc:
            return exc.reason
        self._applied(before)
        return None

    def _applied(self, entries_before: int) -> None:
        """Tell the team what its action did (the engine's log line) and refresh the screen."""
        new = [
            e
            for e in self.world.entries[entries_before:]
            if self.match.org.id in e.orgs or not e.orgs
        ]
        if new:
            self.app.notify(self.app.t.msg(new[0].msg))
            if self.tab == "feed":  # the newest line is at the top: show it
                self.list.scroll = 0
        self.refresh()

    def _negotiated(self, entries_before: int) -> None:
        """The negotiation dialog shows what was said itself; only refresh the screen."""
        self.refresh()

    def toast_area(self) -> pygame.Rect:
        """Messages appear over the lists under the map, never over buttons."""
        return self.layout.tabs

    def timer_area(self) -> pygame.Rect:
        """The facilitator's countdown: in the top bar, left of the buttons."""
        width = 150 if self.app.facilitator.expired else 124
        return pygame.Rect(self.top_text_right - width, 8, width, 40)

    def map_rect(self) -> pygame.Rect:
        """The map's drawing area: below the facilitator's banner while one is shown, so
        the banner covers no organisation."""
        rect = self.layout.map
        cover = self.app.facilitator.banner_height(self.banner_area().width)
        if not cover:
            return rect
        cover += 8  # the banner sits 4 px in, and a gap under it
        return pygame.Rect(rect.x, rect.y + cover, rect.width, rect.height - cover)

    def banner_area(self) -> pygame.Rect:
        """The facilitator's message to all teams: across the top of the map, and over the
        selected organisation's card too when the map's width would need more than three
        lines (the rest of the message, and the inject after it, did not show)."""
        rect = self.layout.map
        area = pygame.Rect(rect.x + 6, rect.y + 4, rect.width - 12, rect.height // 3)
        if len(self.app.facilitator.banner_lines(area.width)) > BANNER_LINES:
            area.width = self.layout.card.right - 6 - area.x
        return area

    def ask_end_turn(self) -> None:
        from game.ui.flow import end_turn
        from game.ui.formatting import money
        from game.ui.preview import due_this_month

        org = self.match.org
        waiting = self._incoming()
        due = due_this_month(self.world, org)
        short = due > org.funds + 1e-9  # the last chance to change terms before a miss
        if org.agenda <= 0 and not waiting and not short:
            end_turn(self.app, self.match)
            return
        t = self.app.t
        text = []
        if short:
            # Shares are paid before one's own programmes: when they can be paid, only the
            # programme goes unfunded, and no partner's trust falls.
            key = (
                "ui.main.confirm_short"
                if preview.shares_due(self.world, org) > org.funds + 1e-9
                else "ui.main.confirm_short_program"
            )
            text.append(t(key, due=money(t, due), have=money(t, org.funds)))
        if org.agenda > 0:
            text.append(t("ui.main.confirm_agenda", n=org.agenda))
        if waiting:
            text.append(t("ui.main.confirm_inbox", n=len(waiting)))
        self.open(
            ConfirmDialog(
                self.app,
                t("ui.main.end_turn_title"),
                " ".join(text),
                t("ui.main.end_turn_yes"),
                lambda: end_turn(self.app, self.match),
            )
        )

    def ask_menu(self) -> None:
        from game.ui.flow import back_to_start

        t = self.app.t
        dialog = ConfirmDialog(
            self.app,
            t("ui.main.menu"),
            t("ui.main.confirm_menu"),
            t("ui.main.menu_yes"),
            lambda: back_to_start(self.app),
            no=t("ui.main.keep_playing"),  # not "Back", beside "Back to the start screen"
            enter_says_no=True,  # an Enter meant for the game must not leave it
        )
        left, right = 16 + 200, dialog.inner.width - 16 - 280  # between "back" and "yes"
        facilitator = pygame.Rect(0, 0, min(200, right - left - 16), 48)
        facilitator.midbottom = ((left + right) // 2, dialog.inner.height - 16)
        dialog.button(
            facilitator,
            t("facilitator.button"),
            lambda: (dialog.close(), self.app.facilitator.toggle_panel()),
            oid="#menu_facilitator",
        )
        self.open(dialog)


class ConfirmDialog(Dialog):
    """A question with "yes" and "back"; Enter says yes (or back, with `enter_says_no`),
    Esc says back."""

    def __init__(
        self,
        app,
        title: str,
        text: str,
        yes: str,
        on_yes,
        no: str = "",
        *,
        enter_says_no: bool = False,
    ) -> None:
        super().__init__(app, (720, 300), title)
        self.enter_says_no = enter_says_no
        area = self.inner
        self.text_box(
            pygame.Rect(16, 16, area.width - 32, area.height - 96), esc(text), cls="@plain_text"
        )
        back = pygame.Rect(16, area.height - 64, 200, 48)
        self.button(back, no or app.t("ui.back"), self.close, oid="#confirm_no")
        ok = pygame.Rect(0, 0, 280, 48)
        ok.bottomright = (area.width - 16, area.height - 16)
        self.yes = self.button(ok, yes, self._yes, cls="@primary", oid="#confirm_yes")
        self.on_yes = on_yes

    def _yes(self) -> None:
        self.close()
        self.on_yes()

    def handle_intent(self, intent: Intent) -> bool:
        if intent is Intent.CONFIRM:
            if self.enter_says_no:
                self.close()
            else:
                self._yes()
            return True
        return super().handle_intent(intent)
