"""The negotiation dialog: build a proposal, see the answer and its reason, then accept,
counter or walk away. Incoming proposals open here too.

Two modes share one window. *Compose* builds terms — partners, model, focus, contributions,
months — with a live preview of each AI partner's likely answer (from `negotiation.appraise`
through `game.ui.preview`), the team's total cost and the approval it will need. *View* shows
an existing proposal: its current terms, what the other side said and why, and the buttons the
team may use now. Sending switches to view, because the AI answers at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.scenario.schema import Model
from game.sim.changes import change_words
from game.sim.commands import ProposePartnership, Respond
from game.sim.errors import Impossible
from game.sim.state import Contribution, Proposal, ProposalStatus, Terms
from game.sim.valuation import similarity
from game.ui import preview
from game.ui.actions import partnership_label
from game.ui.formatting import domain_name, full_name, money, num, pct, short_name
from game.ui.intents import Intent, key_label
from game.ui.widgets.dialog import Dialog, esc, scroll_text_box
from game.ui.widgets.form import lines_html
from game.ui.widgets.tabs import SELF_EVIDENT, approver_name, request_heading

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.match import Match

VERDICT = {
    "yes": ("#00507D", "+"),
    "close": ("#7A5A00", "?"),
    "maybe": ("#7A5A00", "?"),
    "no": ("#A34800", "×"),
    "human": ("#1A1A1A", "…"),
}
MAX_PARTNERS = 3
STAFF_MIN_W = 150  # a staff slider with "6 orang" beside it
# Name, funds and staff side by side need this much room; less puts each name above.
CONTRIBUTION_ROW_W = 126 + 10 + 180 + STAFF_MIN_W
PREVIEW_MIN_H = 150  # the estimate of answers and cost: five lines at least, when it can
FOCUS_LABEL_MAX = 320  # need names longer than this end in "…"
DEFAULT_MONTHS = 6  # an offer's term when nothing needs a longer one
USEFUL_WORK = 6  # months of work an offer's default term leaves after the expected approval
MONTHS_TOP = 24  # the term slider's end


@dataclass
class Draft:
    """Terms being composed; sliders and toggles edit this, the preview reads it."""

    partners: list[str] = field(default_factory=list)
    model: Model = Model.cross_sector
    focus: dict[str, float] = field(default_factory=dict)  # domain → 0–10
    funds: dict[str, float] = field(default_factory=dict)  # org → juta a month
    staff: dict[str, int] = field(default_factory=dict)
    months: int = 6
    months_set: bool = False  # the team chose the term: a partner added no longer moves it

    def terms(self, proposer: str) -> Terms:
        members = [proposer, *self.partners]
        return Terms(
            self.model,
            tuple((d, float(w)) for d, w in self.focus.items() if w > 0),
            tuple(
                Contribution(m, float(self.funds.get(m, 0.0)), int(self.staff.get(m, 0)))
                for m in members
            ),
            int(self.months),
        )

    @classmethod
    def from_terms(cls, terms: Terms, proposer: str, domains: list[str]) -> Draft:
        # The engine's organisations give the focus as shares (summing to 1); a team gives
        # its 0–10 slider weights as they were set. Either way the sliders show 0–10.
        focus = {d: 0.0 for d in domains}
        top = max((w for _, w in terms.focus), default=0.0)
        scale = 10.0 if top <= 1.0 else 1.0
        for d, w in terms.focus:
            focus[d] = round(min(10.0, scale * w), 1)  # the same proportions, not rounded off
        return cls(
            partners=[m for m in terms.members if m != proposer],
            model=terms.model,
            focus=focus,
            funds={c.org: c.funds for c in terms.contributions},
            staff={c.org: c.staff for c in terms.contributions},
            months=terms.months,
            months_set=True,
        )


class NegotiationDialog(Dialog):
    """Propose, answer, counter, walk away."""

    def __init__(
        self,
        app: App,
        match: Match,
        changed: Callable[[int], None],
        *,
        partner: str | None = None,
        proposal: int | None = None,
        draft: Draft | None = None,
        countering: bool = False,
    ) -> None:
        super().__init__(app, (1240, 690), app.t("ui.nego.title"))
        self.match = match
        self.changed = changed
        self.proposal_id = proposal
        self.countering = countering
        self.error = ""
        self.problem = ""  # why the engine would refuse these terms ("" when it would not)
        self.draft = draft or self._default_draft(partner)
        self.content: pygame_gui.core.UIContainer | None = None
        self.toggles: dict[pygame_gui.core.UIElement, Callable[[], None]] = {}
        self.sliders: dict[pygame_gui.core.UIElement, tuple[str, str]] = {}
        self.value_labels: dict[tuple[str, str], pygame_gui.elements.UILabel] = {}
        self.preview_box: pygame_gui.elements.UITextBox | None = None
        self.view_box: pygame_gui.elements.UITextBox | None = None
        self.keyed: dict[Intent, pygame_gui.elements.UIButton] = {}  # answers by letter key
        # The last preview's partners, terms and likely answers, and what a change did to
        # each partner's view (`_say_what_changed`).
        self.last_answers: tuple[list[str], Terms, dict[str, str]] | None = None
        self.changed_view: dict[str, str] = {}
        self.build()

    # --- state -----------------------------------------------------------------------------
    @property
    def world(self):
        return self.match.world

    @property
    def me(self):
        return self.match.org

    @property
    def proposal(self) -> Proposal | None:
        if self.proposal_id is None:
            return None
        return next((p for p in self.world.proposals if p.id == self.proposal_id), None)

    @property
    def composing(self) -> bool:
        return self.proposal_id is None or self.countering

    def _default_draft(self, partner: str | None) -> Draft:
        world, me = self.world, self.me
        partners = [partner] if partner and partner != me.id else []
        focus = {d: round(10 * float(me.mission[i])) for i, d in enumerate(world.domain_ids)}
        draft = Draft(partners=partners, focus=focus)
        draft.funds[me.id] = max(0.0, min(2.0, round(me.funds / 10 * 2) / 2))
        draft.staff[me.id] = 1 if me.free_staff >= 1 else 0
        for p in partners:
            draft.funds[p], draft.staff[p] = 1.0, 1
        self._fit_model(draft)
        return draft

    def _fit_model(self, draft: Draft) -> None:
        """Cross-sector needs two sectors: fall back to pooling when the partners share ours.
        Then a term that can start (`_fit_months`)."""
        world = self.world
        sectors = {world.org(m).sector for m in [self.me.id, *draft.partners]}
        if draft.model == Model.cross_sector and len(sectors) < 2 and draft.partners:
            draft.model = Model.resource_pooling
        self._fit_months(draft)

    def _fit_months(self, draft: Draft) -> None:
        """Until the team sets the term itself: long enough for the approval the terms need
        and `USEFUL_WORK` months of work after it, within what the game has left. The offer
        opened at 6 months behind a wait of about 6, and the form itself then warned that
        the partnership might never start."""
        if draft.months_set:
            return
        world, me = self.world, self.me
        left = world.months - world.month + 1
        months = DEFAULT_MONTHS
        members = [me.idx, *(world.org_index[p] for p in draft.partners)]
        terms = draft.terms(me.id)
        if draft.partners and terms.focus:
            wait = preview.terms_wait(world, members, terms)
            if wait is not None:
                months = max(months, math.ceil(wait.expected) + USEFUL_WORK)
        draft.months = max(1, min(months, left, MONTHS_TOP))

    def reopen(self) -> Dialog | None:
        return NegotiationDialog(
            self.app,
            self.match,
            self.changed,
            proposal=self.proposal_id,
            draft=self.draft,
            countering=self.countering,
        )

    # --- building --------------------------------------------------------------------------
    def build(self) -> None:
        if self.content is not None:
            self.content.kill()
        self.clicks.clear()
        self.toggles.clear()
        self.sliders.clear()
        self.value_labels.clear()
        self.keyed.clear()
        self.preview_box = self.view_box = None
        self.age = 0.0  # what is on screen changed: an Enter meant for what was there waits
        area = self.inner
        self.content = pygame_gui.core.UIContainer(area, self.app.manager, container=self.window)
        if self.composing:
            self._build_compose(area)
        else:
            self._build_view(area)

    def _heading(self, rect: pygame.Rect, text: str) -> None:
        pygame_gui.elements.UILabel(
            rect,
            text,
            self.app.manager,
            container=self.content,
            object_id=ObjectID(class_id="@muted"),
        )

    def _toggle(
        self,
        rect: pygame.Rect,
        text: str,
        selected: bool,
        on: Callable[[], None],
        *,
        oid: str = "",
        enabled: bool = True,
    ) -> None:
        b = pygame_gui.elements.UIButton(
            rect,
            text,
            self.app.manager,
            container=self.content,
            object_id=ObjectID(object_id=oid or None, class_id="@tab"),
        )
        if selected:
            b.select()
        if not enabled:
            b.disable()
        self.clicks[b] = on

    def _button(
        self, rect: pygame.Rect, text: str, on: Callable[[], None], *, cls: str = "", oid: str = ""
    ) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(
            rect,
            text,
            self.app.manager,
            container=self.content,
            object_id=ObjectID(object_id=oid or None, class_id=cls or None),
        )
        self.clicks[b] = on
        return b

    def _slider(
        self, rect: pygame.Rect, key: tuple[str, str], value: float, top: float, step: float
    ) -> None:
        # The value's room: a number of rupiah is short, "6 orang" longer.
        value_w = min(96, rect.width // 3) if key[0] == "funds" else min(84, rect.width // 2)
        s = pygame_gui.elements.UIHorizontalSlider(
            pygame.Rect(rect.x, rect.y, rect.width - value_w - 4, rect.height),
            min(value, top),
            (0, top),
            self.app.manager,
            container=self.content,
            click_increment=step,
        )
        self.sliders[s] = key
        label = pygame_gui.elements.UILabel(
            pygame.Rect(rect.right - value_w, rect.y, value_w, rect.height),
            "",
            self.app.manager,
            container=self.content,
        )
        self.value_labels[key] = label
        self._show_value(key)

    def _show_value(self, key: tuple[str, str]) -> None:
        t, d = self.app.t, self.draft
        kind, name = key
        if kind == "funds":
            text = num(t, d.funds.get(name, 0.0))
        elif kind == "staff":
            text = t("ui.form.people", n=d.staff.get(name, 0))
        elif kind == "focus":
            text = num(t, d.focus.get(name, 0.0), 1)  # 4,6 and 5,4 stay apart
        else:
            text = t("ui.form.months", n=d.months)
        self.value_labels[key].set_text(text)

    def _build_compose(self, area: pygame.Rect) -> None:
        t, world, me, d = self.app.t, self.world, self.me, self.draft
        left_w = 600
        x0, y = 16, 8
        fixed = self.countering
        self._heading(pygame.Rect(x0, y, left_w, 28), t("ui.nego.step_partners", max=MAX_PARTNERS))
        y += 30
        others = [o for o in world.orgs if o.idx != me.idx]
        per_row = 4
        w = (left_w - (per_row - 1) * 6) // per_row
        for n, o in enumerate(others):
            r = pygame.Rect(x0 + (n % per_row) * (w + 6), y + (n // per_row) * 46, w, 40)
            inside = o.id in d.partners
            # A counter-offer keeps the partners: those in the deal stay lit (a disabled
            # button would grey them like the rest), and a click says why they stay.
            self._toggle(
                r,
                short_name(world, t, o.idx),
                inside,
                (lambda: self.app.notify(t("ui.nego.partners_fixed")))
                if fixed
                else (lambda oid=o.id: self.toggle_partner(oid)),
                oid=f"#partner_{o.id}",
                enabled=not fixed or inside,
            )
        y += 46 * ((len(others) + per_row - 1) // per_row) + 4
        self._heading(pygame.Rect(x0, y, left_w, 28), t("ui.nego.step_model"))
        y += 30
        models = list(Model)
        w = (left_w - 12) // 3
        for n, m in enumerate(models):
            r = pygame.Rect(x0 + (n % 3) * (w + 6), y + (n // 3) * 46, w, 40)
            self._toggle(
                r,
                t(f"ui.model_button.{m.value}"),
                d.model == m,
                lambda m=m: self.set_model(m),
                oid=f"#model_{m.value}",
            )
        y += 46 * 2
        y += 4
        self._heading(pygame.Rect(x0, y, left_w, 28), t("ui.nego.step_focus"))
        y += 30
        # The need names keep their words (up to a limit); the sliders take the rest. The
        # rows close up in a short window so the last one stays clear of "Cancel".
        names = [domain_name(world, t, i) for i in range(len(world.domain_ids))]
        names.append(t("ui.nego.months"))
        fonts = self.app.fonts
        label_w = min(FOCUS_LABEL_MAX, max(230, *(fonts.size(n)[0] + 8 for n in names)))
        bottom = area.height - 60 - 4  # the top of the Cancel button
        step = max(34, min(44, (bottom - y - 4) // len(names)))
        for i, dom in enumerate(world.domain_ids):
            pygame_gui.elements.UILabel(
                pygame.Rect(x0, y, label_w, step - 4),
                fonts.fit(names[i], label_w - 8),
                self.app.manager,
                container=self.content,
            )
            self._slider(
                pygame.Rect(x0 + label_w + 6, y, left_w - label_w - 6, step - 4),
                ("focus", dom),
                d.focus.get(dom, 0.0),
                10,
                1,
            )
            y += step
        pygame_gui.elements.UILabel(
            pygame.Rect(x0, y + 4, label_w, step - 4),
            names[-1],
            self.app.manager,
            container=self.content,
        )
        self._slider(
            pygame.Rect(x0 + label_w + 6, y + 4, left_w - label_w - 6, step - 4),
            ("months", "months"),
            d.months,
            MONTHS_TOP,
            1,
        )
        # Right: contributions, preview, buttons.
        rx = x0 + left_w + 24
        rw = area.width - rx - 16
        y = 8
        self._heading(pygame.Rect(rx, y, rw, 28), t("ui.nego.step_contributions"))
        y += 30
        narrow = rw < CONTRIBUTION_ROW_W
        funds_x = rx if narrow else rx + 130
        funds_head_w = (rw * 56 // 100) if narrow else min(260, rw - 136 - STAFF_MIN_W)
        pygame_gui.elements.UILabel(
            pygame.Rect(funds_x, y, funds_head_w, 24),
            t("ui.nego.funds_month"),
            self.app.manager,
            container=self.content,
            object_id=ObjectID(class_id="@muted"),
        )
        pygame_gui.elements.UILabel(
            pygame.Rect(funds_x + funds_head_w + 6, y, rx + rw - funds_x - funds_head_w - 6, 24),
            t("ui.nego.staff"),
            self.app.manager,
            container=self.content,
            object_id=ObjectID(class_id="@muted"),
        )
        y += 26
        # Side by side: name, funds, staff. A narrow window (1024 pixels) puts each name on
        # its own line above the two sliders, so no slider is squeezed under another.
        narrow = rw < CONTRIBUTION_ROW_W
        name_w = 0 if narrow else 126
        funds_w = (rw - name_w) * 56 // 100 if narrow else min(260, rw - 136 - STAFF_MIN_W)
        staff_x = rx + name_w + funds_w + (6 if narrow else 10)
        staff_w = rx + rw - staff_x
        # Rows tighten when the estimate under them would show only a few lines: on a
        # netbook's 600 pixels, with three partners, it showed three.
        members = [me.id, *d.partners]
        name_h = 24 if narrow else 0
        tight = area.height - (y + len(members) * (44 + name_h)) - 80 < PREVIEW_MIN_H
        slider_h, name_h = (32, 22 if narrow else 0) if tight else (40, name_h)
        for member in members:
            idx = world.org_index[member]
            name = t("ui.nego.you") if member == me.id else short_name(world, t, idx)
            pygame_gui.elements.UILabel(
                pygame.Rect(rx, y, rw if narrow else 126, name_h if narrow else slider_h),
                name,
                self.app.manager,
                container=self.content,
            )
            y += name_h
            top_funds = max(10.0, round(me.funds, 0)) if member == me.id else 30.0
            top_staff = max(1, me.free_staff) if member == me.id else 6
            self._slider(
                pygame.Rect(rx + name_w, y, funds_w, slider_h),
                ("funds", member),
                d.funds.get(member, 0.0),
                top_funds,
                0.5,
            )
            self._slider(
                pygame.Rect(staff_x, y, staff_w, slider_h),
                ("staff", member),
                d.staff.get(member, 0),
                top_staff,
                1,
            )
            y += slider_h + 4
        self.preview_rect = pygame.Rect(rx, y + 8, rw, area.height - y - 8 - 72)
        self._update_preview()
        cancel = pygame.Rect(16, area.height - 60, 200, 48)
        self._button(
            cancel,
            t("ui.cancel") if not fixed else t("ui.back"),
            self.cancel_compose,
            oid="#cancel_compose",
        )
        send = pygame.Rect(0, 0, 360, 48)
        send.bottomright = (area.width - 16, area.height - 12)
        label = (
            t("ui.nego.send_counter") if fixed else t("ui.nego.send", cost=t("ui.cost.agenda", n=1))
        )
        self.send_button = self._button(
            send, label, self.send, cls="@primary", oid="#send_proposal"
        )
        self._sync_send()

    def _preview_html(self) -> str:
        t, world, me, d = self.app.t, self.world, self.me, self.draft
        # What a small box must show first: the cost and what could go wrong, then the likely
        # answers, then the rest; the model's description last (at 1024x640 the warnings
        # sat below the fold).
        model_desc = f"<i>{esc(t(f'ui.model_desc.{d.model.value}'))}</i>"
        lines: list[str] = [f"<b>{esc(t('ui.nego.preview'))}</b>"]
        terms = d.terms(me.id)
        if not d.partners:
            lines += [esc(t("ui.nego.pick_partner")), "", model_desc]
            return "<br>".join(lines)
        answers, problem = preview.likely_answers(world, t, me, d.partners, terms)
        problem = problem or self._already_open()
        self.problem = problem
        answers = self._say_what_changed(answers, terms)
        if problem:
            lines.append(f'<font color="#A34800"><b>! {esc(problem)}</b></font>')
        said = []
        refusals = []  # a likely no goes first: in an offer to three, it sat below the fold
        for a in sorted(answers, key=lambda a: a.verdict != "no"):
            colour, mark = VERDICT[a.verdict]
            name = short_name(world, t, world.org_index[a.org])
            text = t(f"ui.nego.verdict.{a.verdict}", org=name)
            if a.reason:
                text += " — " + a.reason
            line = f'<font color="{colour}"><b>{mark}</b> {esc(text)}</font>'
            (refusals if a.verdict == "no" and len(answers) > 1 else said).append(line)
            if a.caution:
                said.append(f'<font color="#A34800"><b>!</b> {esc(a.caution)}</font>')
        own = terms.contribution(me.id)
        # Technology costs first: several months' contributions at once when it starts
        # (negotiation.activate), on top of the monthly ones. The form said only the latter.
        upfront = world.rules.tech_upfront * own.funds if terms.model == Model.technology else 0.0
        members = [me.idx, *[world.org_index[p] for p in d.partners]]
        wait = None if problem else preview.terms_wait(world, members, terms)
        work = preview.work_months(world, terms.months, wait)
        cost = [("cost", _your_cost(t, own, terms.months, work, upfront))]
        if upfront > 0:
            cost.append(("warn", t("ui.nego.upfront", amount=money(t, upfront))))
        cost += preview.game_ends(world, t, terms.months)
        warning = _funds_warning(world, t, me, own, terms.months, work, upfront)
        if warning:  # before the team promises what it cannot pay
            cost.append(("warn", warning))
        elif own.funds * 3 > me.funds + 3 * me.income:
            cost.append(("warn", t("ui.nego.tight_funds")))
        if not problem:
            fit = preview.mission_fit(world, me.idx, members, terms.focus)
            own_fit = preview.mission_fit(world, me.idx, [me.idx], terms.focus)
            cost.append(("info", t("ui.nego.fit", own=pct(t, own_fit), all=pct(t, fit))))
            cost += preview.work_lines(world, t, me.idx, members, terms)
            cost.append(preview.approval_line(world, t, members, terms, me.idx))
        first = [line for line in cost if line[0] in ("cost", "block", "warn")]
        lines += refusals
        lines.append(lines_html(first, t))
        lines += said
        rest = [line for line in cost if line[0] not in ("cost", "block", "warn")]
        if rest:
            lines.append(lines_html(rest, t))
        if self.error:
            lines.append(f'<font color="#A34800"><b>! {esc(self.error)}</b></font>')
        lines += ["", model_desc]
        return "<br>".join(lines)

    def _say_what_changed(
        self, answers: list[preview.LikelyAnswer], terms: Terms
    ) -> list[preview.LikelyAnswer]:
        """A likely answer that got worse since the last change of the draft says what the
        change did to the partner's view, beside its main objection; it stays said until the
        answer moves again. Against the same partners only: adding one changes everything."""
        world, t, me, d = self.world, self.app.t, self.me, self.draft
        before = self.last_answers
        if before is not None and before[0] != d.partners:
            before = None
        out = []
        for a in answers:
            said = self.changed_view.get(a.org, "")
            if before is not None and a.org in before[2]:
                was = before[2][a.org]
                rank = preview.VERDICT_RANK
                if a.verdict in rank and was in rank and rank[a.verdict] < rank[was]:
                    said = preview.what_changed(
                        world, t, me, d.partners, a.org, before[1], terms, a.objection
                    )
                elif a.verdict != was:
                    said = ""
            self.changed_view[a.org] = said
            if said:
                reason = f"{a.reason} ({said})" if a.reason else said
                a = replace(a, reason=reason)
            out.append(a)
        self.last_answers = (list(d.partners), terms, {a.org: a.verdict for a in answers})
        return out

    def _already_open(self) -> str:
        """An offer already open between the same organisations blocks a new one (the engine
        refuses it): say so before the team clicks, and which offer to answer instead."""
        if self.countering:
            return ""
        world, t = self.world, self.app.t
        parties = sorted([self.me.idx, *(world.org_index[m] for m in self.draft.partners)])
        for p in world.open_proposals():
            if p.amends is None and sorted(p.parties) == parties:
                if p.proposer == self.me.idx:
                    return t("ui.nego.own_offer_open", id=p.id)
                return t("ui.nego.offer_open", id=p.id, org=short_name(world, t, p.proposer))
        return ""

    def _update_preview(self) -> None:
        self.problem = ""
        if self.preview_box is not None:
            self.preview_box.kill()
        self.preview_box = pygame_gui.elements.UITextBox(
            self._preview_html(), self.preview_rect, self.app.manager, container=self.content
        )
        self._sync_send()

    def _sync_send(self) -> None:
        """Send waits for a partner and for terms the engine would take."""
        button = getattr(self, "send_button", None)
        if button is None or not button.alive():
            return
        if self.problem or not self.draft.partners:
            button.disable()
        else:
            button.enable()

    def _build_view(self, area: pygame.Rect) -> None:
        t, world, me = self.app.t, self.world, self.me
        p = self.proposal
        if p is None:
            self._button(pygame.Rect(16, 16, 200, 48), t("ui.close"), self.close)
            return
        body = pygame.Rect(16, 8, area.width - 32, area.height - 8 - 76)
        html = self._view_html(p) if p.amends is None else self._change_html(p)
        self.view_box = pygame_gui.elements.UITextBox(
            html, body, self.app.manager, container=self.content
        )
        y = area.height - 60
        my_turn = p.awaits(me.idx)
        proposer = p.proposer == me.idx
        rounds_left = p.round < world.rules.max_rounds
        x = 16
        if my_turn and p.amends is not None:  # a change of one's share: yes or no
            b = self._answer_button(
                pygame.Rect(x, y, 220, 48),
                Intent.ACCEPT,
                t("ui.nego.accept"),
                lambda: self.answer("accept"),
                cls="@primary",
                oid="#accept",
            )
            self._answer_button(
                pygame.Rect(b.relative_rect.right + 10, y, 260, 48),
                Intent.REJECT,
                t("ui.nego.reject"),
                lambda: self.answer("reject"),
                cls="@danger",
                oid="#walk_away",
            )
        elif my_turn:
            leave = t("ui.nego.walk_away") if proposer else t("ui.nego.reject")
            # Four buttons on one row: at 1024 px "Close" covered half of "Walk away".
            texts = tuple(
                f"{text} ({key_label(intent)})"
                for text, intent in (
                    (t("ui.nego.accept"), Intent.ACCEPT),
                    (t("ui.nego.counter"), Intent.COUNTER),
                    (leave, Intent.REJECT),
                )
            )
            room = area.width - 16 - 200 - 16 - 3 * 10 - x
            widths = _fitted_widths(self.app.fonts, texts, (220, 260, 260), room)
            b = self._button(
                pygame.Rect(x, y, widths[0], 48),
                texts[0],
                lambda: self.answer("accept"),
                cls="@primary",
                oid="#accept",
            )
            self.keyed[Intent.ACCEPT] = b
            x = b.relative_rect.right + 10
            b = self._button(
                pygame.Rect(x, y, widths[1], 48), texts[1], self.start_counter, oid="#counter"
            )
            self.keyed[Intent.COUNTER] = b
            if not rounds_left:
                b.disable()
                b.set_tooltip(t("sim.impossible.too_many_rounds", rounds=world.rules.max_rounds))
            x = b.relative_rect.right + 10
            self.keyed[Intent.REJECT] = self._button(
                pygame.Rect(x, y, widths[2], 48),
                texts[2],
                lambda: self.answer("withdraw" if proposer else "reject"),
                cls="@danger",
                oid="#walk_away",
            )
        elif p.status == ProposalStatus.open and proposer:
            self._answer_button(
                pygame.Rect(x, y, 260, 48),
                Intent.REJECT,
                t("ui.nego.withdraw_request" if p.amends is not None else "ui.nego.withdraw"),
                lambda: self.answer("withdraw"),
                cls="@danger",
                oid="#walk_away",
            )
        close = pygame.Rect(0, 0, 200, 48)
        close.bottomright = (area.width - 16, area.height - 12)
        # Enter presses Close unless an answer is due: then no key but a letter answers.
        cls = "" if self.answering else "@primary"
        self._button(close, t("ui.close"), self.close, cls=cls, oid="#close")

    def _answer_button(
        self,
        rect: pygame.Rect,
        intent: Intent,
        text: str,
        on: Callable[[], None],
        *,
        cls: str,
        oid: str,
    ) -> pygame_gui.elements.UIButton:
        """A button that says its key, "Accept (A)", and answers to it."""
        button = self._button(rect, f"{text} ({key_label(intent)})", on, cls=cls, oid=oid)
        self.keyed[intent] = button
        return button

    @property
    def answering(self) -> bool:
        """An offer or a request waits for this team's yes or no."""
        return Intent.ACCEPT in self.keyed

    def _view_html(self, p: Proposal) -> str:
        t, world, me = self.app.t, self.world, self.me
        terms = p.terms
        out = []
        head = t(
            "ui.nego.view_head",
            id=p.id,
            org=full_name(world, t, p.proposer),
            round=p.round,
            rounds=world.rules.max_rounds,
        )
        out.append(f"<font size=6><b>{esc(head)}</b></font>")
        status = self._status_text(p)
        out.append(f"<b>{esc(status)}</b>")
        out.append("")
        out.append(f"<b>{esc(t('ui.nego.terms'))}</b>")
        out.append(
            esc(
                t(
                    "ui.nego.terms_model",
                    model=t(f"sim.model.{terms.model.value}"),
                    months=terms.months,
                )
            )
        )
        focus = ", ".join(
            f"{domain_name(world, t, world.domain_index[dom])} {pct(t, w)}"
            for dom, w in _normalised(terms.focus)
        )
        out.append(esc(t("ui.nego.terms_focus", focus=focus)))
        for c in terms.contributions:
            idx = world.org_index[c.org]
            name = t("ui.nego.you") if idx == me.idx else short_name(world, t, idx)
            out.append(
                "• "
                + esc(t("ui.nego.terms_share", org=name, funds=money(t, c.funds), staff=c.staff))
            )
        if p.previous is not None and p.countered_by is not None:
            changed = self._changes(p.previous, terms)
            if changed:
                who = short_name(world, t, p.countered_by)
                out.append(esc(t("ui.nego.changed", org=who, changes="; ".join(changed))))
        if me.idx in p.parties:
            vec = world.focus_vector(terms.focus)
            fit = similarity(me.mission, vec)
            own = terms.contribution(me.id)
            tech = terms.model == Model.technology
            upfront = world.rules.tech_upfront * own.funds if tech else 0.0
            out.append("")
            out.append(f"<b>{esc(t('ui.nego.for_you'))}</b>")
            members = list(p.parties)  # as the proposer's form weighed it, from this side
            everyone = preview.mission_fit(world, me.idx, members, terms.focus)
            out.append(esc(t("ui.nego.fit", own=pct(t, fit), all=pct(t, everyone))))
            if p.status == ProposalStatus.open:  # what answering yes would do for the needs
                out.append(lines_html(preview.work_lines(world, t, me.idx, members, terms), t))
            wait = preview.terms_wait(world, members, terms)
            work = preview.work_months(world, terms.months, wait)
            out.append(esc(_your_cost(t, own, terms.months, work, upfront)))
            if upfront > 0:
                upfront_text = t("ui.nego.upfront", amount=money(t, upfront))
                out.append(f'<font color="#A34800"><b>! {esc(upfront_text)}</b></font>')
            out += [esc(text) for _, text in preview.game_ends(world, t, terms.months)]
            warnings = []
            # As the proposer's form says it: when the money runs out with what is already
            # owed (income came at the month's start; the upfront payment first). Only while
            # it is still to be answered: once agreed, the partnership is among what the
            # team owes and would be counted twice ("runs out after 6 months").
            if p.status == ProposalStatus.open:
                warning = _funds_warning(world, t, me, own, terms.months, work, upfront)
                if warning:
                    warnings.append(warning)
            # Likewise its staff: once agreed they are in the work, and "not enough free
            # staff: it needs 1, you have 0" stood under "Agreed!" as if the deal had failed.
            if own.staff > me.free_staff and p.status == ProposalStatus.open:
                warnings.append(t("ui.warn.staff", need=own.staff, have=me.free_staff))
            for warning in warnings:
                out.append(f'<font color="#A34800"><b>! {esc(warning)}</b></font>')
            members = list(p.parties)
            kind, note = preview.approval_line(world, t, members, p.terms, me.idx)
            if kind == "warn":
                out.append(f'<font color="#A34800"><b>! {esc(note)}</b></font>')
            else:
                out.append(esc(note))
        history = [
            e
            for e in world.entries
            if e.data.get("id") == p.id and e.kind in ("proposal", "answer", "agreed")
        ]
        out += self._history_lines(history)
        if self.error:
            out.append(f'<br><font color="#A34800"><b>! {esc(self.error)}</b></font>')
        return "<br>".join(out)

    def _changes(self, before: Terms, after: Terms) -> list[str]:
        """What a counter-offer changed: "too costly for its means" stood over a counter
        whose shares were as before, and only the months and the focus had moved."""
        t, world, me = self.app.t, self.world, self.me
        out = []
        if before.model != after.model:
            out.append(
                t(
                    "ui.nego.changed_model",
                    before=t(f"sim.model.{before.model.value}"),
                    after=t(f"sim.model.{after.model.value}"),
                )
            )
        if before.months != after.months:
            out.append(t("ui.nego.changed_months", before=before.months, after=after.months))
        was, now = dict(_normalised(before.focus)), dict(_normalised(after.focus))
        if was != now:
            top = max(now, key=lambda d: now[d] - was.get(d, 0))  # the need that gained most
            need = domain_name(world, t, world.domain_index[top])
            out.append(t("ui.nego.changed_focus", need=need))
        for c in after.contributions:
            old = before.contribution(c.org)
            if (old.funds, old.staff) == (c.funds, c.staff):
                continue
            idx = world.org_index[c.org]
            name = t("ui.nego.you") if idx == me.idx else short_name(world, t, idx)
            out.append(
                t(
                    "ui.nego.changed_share",
                    org=name,
                    before=t("ui.nego.share_short", funds=money(t, old.funds), staff=old.staff),
                    after=t("ui.nego.share_short", funds=money(t, c.funds), staff=c.staff),
                )
            )
        return out

    def _history_lines(self, history: list) -> list[str]:
        """What was said, one line each, with the reason where it is not self-evident."""
        if not history:
            return []
        t = self.app.t
        out = ["", f"<b>{esc(t('ui.nego.history'))}</b>"]
        for e in history:
            line = t.msg(e.msg)
            if e.cause is not None and e.cause.key not in SELF_EVIDENT:
                line = f"{line.rstrip('.')} — {t('ui.feed.because', cause=t.msg(e.cause))}"
            out.append("• " + esc(line))
        return out

    def _change_html(self, p: Proposal) -> str:
        """A request to change a share of a running partnership, or to leave it by agreement:
        what changes, what it means for the team's money and staff, and how it went."""
        t, world, me = self.app.t, self.world, self.me
        q = world.partnership(p.amends)  # type: ignore[arg-type]
        member = p.partners[0]
        asked = me.idx == member
        name = short_name(world, t, member)
        asker = short_name(world, t, p.proposer)
        open_ = p.status == ProposalStatus.open
        if asked:
            head = t(request_heading(p, open_), org=asker, id=q.id)
        else:
            head = t("ui.nego.change_head", org=name, id=q.id)
        out = [f"<font size=6><b>{esc(head)}</b></font>", f"<b>{esc(self._change_status(p))}</b>"]
        out += ["", esc(partnership_label(world, t, q, me.idx))]
        old = q.contributions.get(member, Contribution(world.orgs[member].id))
        new = Contribution(old.org) if p.release else p.terms.contribution(world.orgs[member].id)
        if p.release:
            if open_:  # once answered, the status says what became of it
                key = "ui.nego.change_release_you" if asked else "ui.effect.release"
                if not old.staff:  # "its staff are free at once" of a partner giving none
                    key = (
                        "ui.nego.change_release_you_no_staff"
                        if asked
                        else "ui.effect.release_no_staff"
                    )
                out.append(esc(t(key, org=name, id=q.id)))
        else:
            # As asked: once agreed, the partnership's share is already the new one.
            asked_entry = next(
                (
                    e
                    for e in world.entries
                    if e.kind == "change"
                    and e.data.get("request") == p.id
                    and e.msg.key == "sim.log.change_asked"
                ),
                None,
            )
            said = asked_entry.data["change"] if asked_entry else change_words(old, new)
            words = "; ".join(t.msg(m) for m in said)
            key = "ui.nego.change_what_you" if asked else "ui.nego.change_what"
            out.append(esc(t(key, org=name, change=words)))
        warn = '<font color="#A34800"><b>! {}</b></font>'
        if p.release and open_ and len(q.members) <= 2:
            other = asker if asked else name
            out.append(warn.format(esc(t("ui.nego.release_ends", id=q.id, org=other))))
        if asked and open_:
            months = p.terms.months
            out += ["", f"<b>{esc(t('ui.nego.for_you'))}</b>"]
            missed = q.last_missed.get(me.idx)
            if missed is not None and missed >= world.month - 3:  # why the request came
                out.append(esc(t("ui.nego.change_why_missed", month=missed, org=asker)))
            extra = new.funds - old.funds
            if abs(extra) > 1e-9:
                key = "ui.nego.change_saves" if extra < 0 else "ui.nego.change_costs"
                key = "ui.nego.release_saves" if p.release else key
                total = money(t, abs(extra) * months)
                out.append(esc(t(key, amount=money(t, abs(extra)), months=months, total=total)))
            if q.is_active and not p.release:  # the month's end with the new share
                due = preview.due_this_month(world, me) - old.funds + new.funds
                kind = (
                    "ui.nego.change_month_ok" if due <= me.funds else "ui.nego.change_month_short"
                )
                line = esc(t(kind, due=money(t, due), have=money(t, me.funds)))
                out.append(line if due <= me.funds else warn.format(line))
            if new.staff != old.staff:
                out.append(
                    esc(t("ui.nego.change_staff", before=old.staff, after=new.staff, months=months))
                )
            if extra > 0:
                runs = preview.months_funded(world, me, extra, months)
                if runs < months:  # the extra alone: "you pay Rp 4 juta" read as the whole share
                    key = "ui.nego.extra_runs_dry" if runs else "ui.nego.extra_unpaid_now"
                    # Its money running out anyway is said as such, unless the extra
                    # brings the day forward: then the extra is what the team weighs.
                    before = preview.months_funded(world, me, 0.0, months)
                    said = (
                        preview.short_already(world, t, me, months, runs) if runs >= before else ""
                    )
                    said = said or t(key, total=money(t, extra * months), runs=runs)
                    out.append(warn.format(esc(said)))
            if new.staff - old.staff > me.free_staff:
                need = new.staff - old.staff
                out.append(warn.format(esc(t("ui.warn.staff", need=need, have=me.free_staff))))
            out.append(esc(t("ui.nego.change_no_loss")))
        history = [e for e in world.entries if e.kind == "change" and e.data.get("request") == p.id]
        out += self._history_lines(history)
        if self.error:
            out.append(f'<br><font color="#A34800"><b>! {esc(self.error)}</b></font>')
        return "<br>".join(out)

    def _change_status(self, p: Proposal) -> str:
        t, world, me = self.app.t, self.world, self.me
        member = p.partners[0]
        who = t("ui.nego.you_lower") if member == me.idx else short_name(world, t, member)
        if p.status == ProposalStatus.agreed:
            if p.release:
                return t("ui.nego.status_release_agreed", org=who, id=p.amends)
            return t("ui.nego.status_change_agreed")
        if p.status == ProposalStatus.rejected:
            key = (
                "ui.nego.status_release_rejected" if p.release else "ui.nego.status_change_rejected"
            )
            return t(key, org=short_name(world, t, member))
        return self._status_text(p)

    def _status_text(self, p: Proposal) -> str:
        t, world, me = self.app.t, self.world, self.me
        if me.idx in p.dropped and p.status in (ProposalStatus.open, ProposalStatus.agreed):
            return t("ui.nego.status_you_left")  # the others may go on, without this team
        if p.status == ProposalStatus.open:
            if p.awaits(me.idx):
                if p.countered_by is not None and p.countered_by != me.idx:
                    last = p.round >= world.rules.max_rounds  # no counter left: say so
                    key = "ui.nego.status_countered_last" if last else "ui.nego.status_countered"
                    return t(key, org=short_name(world, t, p.countered_by))
                if p.dropped:  # a partner said no and left: go on without it?
                    gone = short_name(world, t, p.dropped[-1])
                    key = (
                        "ui.nego.status_dropped"
                        if p.proposer == me.idx
                        else "ui.nego.status_asked_again"
                    )
                    return t(key, org=gone)
                return t("ui.nego.status_your_turn")
            who = short_name(world, t, p.waiting_on) if p.waiting_on is not None else "?"
            return t("ui.nego.status_waiting", org=who)
        if p.status == ProposalStatus.agreed:
            q = next((x for x in world.partnerships if x.id == p.partnership), None)
            if q is not None and q.status.value == "awaiting_approval":
                # An office among the members signs off itself: "now waits for approval by
                # Disdik" on Disdik's own offer read as if it waited for someone else.
                if q.approver is not None and q.approver in q.members:
                    return t(
                        "ui.nego.status_agreed_signoff",
                        id=q.id,
                        approver=approver_name(world, t, q.approver, me.idx),
                    )
                return t(
                    "ui.nego.status_agreed_waiting",
                    id=q.id,
                    approver=short_name(world, t, q.approver) if q.approver is not None else "?",
                )
            return t("ui.nego.status_agreed", id=p.partnership or 0)
        if p.status == ProposalStatus.rejected:  # who said no, and what that means for all
            said_no = next(
                (
                    e
                    for e in reversed(world.entries)
                    if e.kind == "answer"
                    and e.data.get("id") == p.id
                    and e.msg.key.endswith(("declined", "rejected_by_team"))
                ),
                None,
            )
            if (  # the team that said no hears what it means for the others
                said_no is not None
                and said_no.data.get("org") == world.name(me.idx)
                and len(p.parties) > 2
            ):
                return t("ui.nego.status_you_rejected")
            if said_no is not None:
                key = (
                    "ui.nego.status_rejected_many"
                    if len(p.parties) > 2
                    else "ui.nego.status_rejected"
                )
                return t(key, org=t.text(said_no.data.get("org")))
        return t(f"ui.proposal_status.{p.status.value}")

    # --- events ----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element in self.sliders:
            kind, name = self.sliders[event.ui_element]
            value = float(event.value)
            d = self.draft
            if kind == "funds":
                d.funds[name] = round(value * 2) / 2
            elif kind == "staff":
                d.staff[name] = round(value)
            elif kind == "focus":
                d.focus[name] = float(round(value))
            else:
                d.months = max(1, round(value))
                d.months_set = True
            self._show_value((kind, name))
            self.error = ""
            self._update_preview()
            return True
        return super().handle_event(event)

    def handle_intent(self, intent: Intent) -> bool:
        if scroll_text_box(self.preview_box if self.composing else self.view_box, intent):
            return True
        if self.composing:
            if intent is Intent.CONFIRM:
                self.send()
                return True
            return super().handle_intent(intent)
        button = self.keyed.get(intent)
        if button is not None:  # A, C or R: the button with that letter
            if button.is_enabled:
                self.clicks[button]()
            elif button.tool_tip_text:  # no counter left: say why, as the tooltip does
                self.app.notify(button.tool_tip_text, "error")
            return True
        if intent is Intent.CONFIRM:
            # Never an answer: a stray Enter (or the one that sent the offer, answered at once
            # by a counter) must not commit the team. It closes a result, once settled.
            if not self.settled:
                return True
            if self.answering:
                keys = ", ".join(b.text for b in self.keyed.values() if b.is_enabled)
                self.app.notify(self.app.t("ui.nego.enter_no_answer", keys=keys))
            else:
                self.close()
            return True
        return super().handle_intent(intent)

    # --- actions ---------------------------------------------------------------------------
    def toggle_partner(self, org_id: str) -> None:
        d = self.draft
        if org_id in d.partners:
            d.partners.remove(org_id)
        elif len(d.partners) < MAX_PARTNERS:
            d.partners.append(org_id)
            d.funds.setdefault(org_id, 1.0)
            d.staff.setdefault(org_id, 1)
        else:
            self.app.notify(self.app.t("ui.nego.too_many", max=MAX_PARTNERS), "error")
            return
        self._fit_model(d)
        self.error = ""
        self.build()

    def set_model(self, model: Model) -> None:
        self.draft.model = model
        self._fit_months(self.draft)  # a model may bring an approval, or take one away
        self.error = ""
        self.build()

    def set_slider(self, kind: str, name: str, value: float) -> None:
        """Set a slider as if dragged (tests, and keyboard users through the same path)."""
        for element, key in self.sliders.items():
            if key == (kind, name):
                element.set_current_value(value)
                event = pygame.event.Event(
                    pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, {"ui_element": element, "value": value}
                )
                self.handle_event(event)

    def send(self) -> None:
        me = self.me
        terms = self.draft.terms(me.id)
        before = len(self.world.entries)
        try:
            if self.countering:
                self.match.apply(Respond(me.id, self.proposal_id, "counter", terms))
            else:
                result = self.match.apply(
                    ProposePartnership(
                        me.id,
                        tuple(self.draft.partners),
                        terms.model,
                        terms.focus,
                        terms.contributions,
                        terms.months,
                    )
                )
                self.proposal_id = result.id
        except Impossible as exc:
            self.error = self.app.t.msg(exc.reason)
            self.build()
            return
        self.countering = False
        self.changed(before)
        self.build()

    def answer(self, answer: str) -> None:
        before = len(self.world.entries)
        try:
            self.match.apply(Respond(self.me.id, self.proposal_id, answer))
        except Impossible as exc:
            self.error = self.app.t.msg(exc.reason)
            self.build()
            return
        self.changed(before)
        self.build()

    def start_counter(self) -> None:
        p = self.proposal
        if p is None:
            return
        proposer_id = self.world.orgs[p.proposer].id
        draft = Draft.from_terms(p.terms, proposer_id, self.world.domain_ids)
        if p.proposer != self.me.idx:
            # Compose from the team's side: the proposer's terms, the proposer as a partner.
            draft.partners = [m for m in p.terms.members if m != self.me.id]
        self.draft = draft
        self.countering = True
        self.error = ""
        self.build()

    def cancel_compose(self) -> None:
        if self.countering:
            self.countering = False
            self.build()
        else:
            self.close()


def _normalised(focus: tuple[tuple[str, float], ...]) -> list[tuple[str, float]]:
    """Each domain's share, in whole percents that add up to 100 (largest remainder): a focus
    read "56% + 27% + 16%" and a team asked where the last percent went."""
    items = [(d, w) for d, w in focus if w > 0]
    total = sum(w for _, w in items) or 1.0
    exact = [100.0 * w / total for _, w in items]
    whole = [int(x) for x in exact]
    by_remainder = sorted(range(len(items)), key=lambda k: whole[k] - exact[k])
    for k in by_remainder[: 100 - sum(whole)]:
        whole[k] += 1
    return [(d, p / 100.0) for (d, _), p in zip(items, whole, strict=True)]


def _your_cost(t, own: Contribution, months: int, work: preview.WorkMonths, upfront: float) -> str:
    """What the team gives: a month's share, the term, and the sum over the months it will
    be paid: those the game still plays (a 24-month offer in month 2 of 24 said "total Rp 24
    juta" beside "only 23 of these months count"), after the approval (contributions are
    paid only while the work runs: "total Rp 24 juta" for 12 months of which about 6 would
    wait for approval), as an estimate when it depends on the wait."""
    params = {"funds": money(t, own.funds), "staff": own.staff, "months": months}
    if work.about < work.most and own.funds > 0:
        return t(
            "ui.nego.your_cost_approval",
            total=money(t, own.funds * work.about + upfront),
            work=work.about,
            most=money(t, own.funds * work.most + upfront),
            **params,
        )
    if work.most < months:
        total = money(t, own.funds * work.most + upfront)
        return t("ui.nego.your_cost_counted", counted=work.most, total=total, **params)
    return t("ui.nego.your_cost", total=money(t, own.funds * months + upfront), **params)


def _funds_warning(
    world, t, org, own: Contribution, months: int, work: preview.WorkMonths, upfront: float
) -> str:
    """When the team's money will not pay its share over the months it is expected to be
    paid ("" when it will): the shortfall this deal makes, or one already there without it
    (a deal worth Rp 0.9 juta in all was blamed for "your money runs out after 7 months")."""
    paid = work.about
    if own.funds <= 0 or paid <= 0:
        return ""
    start = max(0, preview.months_counted(world, months) - paid)  # the expected approval wait
    runs = preview.months_funded(world, org, own.funds, paid, upfront, start)
    if runs >= paid:
        return ""
    already = preview.short_already(world, t, org, start + paid, start + runs)
    if already:
        return already
    key = "ui.nego.runs_dry" if runs else "ui.nego.unpaid_now"
    return t(key, total=money(t, own.funds * paid + upfront), runs=runs)


def _fitted_widths(fonts, texts: tuple[str, ...], wanted: tuple[int, ...], room: int) -> list[int]:
    """Button widths as wanted when they fit `room`; else each its text's width plus
    padding, and the room left shared out."""
    if sum(wanted) <= room:
        return list(wanted)
    needs = [fonts.size(text, 18, "bold")[0] + 32 for text in texts]
    spare = max(0, room - sum(needs)) // len(texts)
    return [n + spare for n in needs]
