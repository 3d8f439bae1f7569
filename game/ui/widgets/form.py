"""The action form window: fields, then what it costs and will likely do, then confirm.

Built from a `FormSpec` (game.ui.actions). The preview is recomputed whenever a field
changes; the confirm button says the cost again. If the engine refuses the command, the
reason appears in the form and the team can change the fields and try again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.i18n import Msg
from game.ui.actions import Choice, FormSpec, Number
from game.ui.formatting import money, num
from game.ui.widgets.dialog import Dialog, esc

if TYPE_CHECKING:
    from game.ui.app import App

KIND_STYLE = {
    "cost": ("#1A1A1A", "● "),
    "effect": ("#00507D", "→ "),
    "info": ("#545454", "• "),
    "warn": ("#A34800", "(!) "),
    "block": ("#A34800", "(!) "),  # also keeps the confirm button off
}
ROW = 52


def lines_html(lines: list[tuple[str, str]], t) -> str:
    """Cost first, then what stops the action, then warnings, then effects; each kind with
    its own symbol, not just colour. A refusal's reason, or a warning that the money runs
    out, sat below the fold of a small box at 1024x640."""
    order = {"cost": 0, "block": 1, "warn": 2}
    out = []
    for kind, text in sorted(lines, key=lambda line: order.get(line[0], 3)):
        colour, mark = KIND_STYLE.get(kind, KIND_STYLE["info"])
        body = esc(text)
        if kind in ("cost", "warn", "block"):
            body = f"<b>{body}</b>"
        out.append(f'<font color="{colour}">{mark}{body}</font>')
    return "<br>".join(out)


class FormDialog(Dialog):
    """One action's form."""

    def __init__(
        self,
        app: App,
        spec: FormSpec,
        submit: Callable[[Any], Msg | None],
        values: dict[str, Any] | None = None,
        remake: Callable[[], FormSpec] | None = None,
        refused: Msg | None = None,
    ) -> None:
        height = 250 + ROW * len(spec.fields) + 190
        super().__init__(app, (820, height), spec.title)
        self.spec = spec
        self.submit = submit
        self.remake = remake  # builds this form's spec again from the world as it is now
        self.values = spec.carry(values) if values else spec.defaults()
        self.refused = refused  # the engine's last refusal, shown until a field changes
        self.error = app.t.msg(refused) if refused else ""
        t = app.t
        area = self.inner
        self.text_box(pygame.Rect(16, 10, area.width - 32, 86), esc(spec.what), cls="@plain_text")
        y = 104
        self.controls: dict[Any, tuple[str, Any]] = {}
        self.value_labels: dict[str, pygame_gui.elements.UILabel] = {}
        for f in spec.fields:
            self.label(pygame.Rect(16, y, 230, 44), f.label)
            rect = pygame.Rect(256, y, area.width - 256 - 16, 44)
            if isinstance(f, Choice):
                self._choice(f, rect)
            else:
                self._number(f, rect)
            y += ROW
        self.preview_rect = pygame.Rect(16, y + 6, area.width - 32, area.height - y - 6 - 76)
        self.preview: pygame_gui.elements.UITextBox | None = None
        cancel = pygame.Rect(16, area.height - 64, 200, 48)
        self.button(cancel, t("ui.cancel"), self.close)
        ok = pygame.Rect(0, 0, 320, 48)
        ok.bottomright = (area.width - 16, area.height - 16)
        self.ok = self.button(
            ok,
            t("ui.form.do", cost=t("ui.cost.agenda", n=1)),
            self.confirm,
            cls="@primary",
            oid="#form_ok",
        )
        if spec.blocked:
            self.ok.disable()
        self.update_preview()

    def reopen(self) -> Dialog | None:
        """The same form in the current language, from the world as it is now, keeping the
        team's choices where they still fit (a pause may have changed funds or partners)."""
        if self.remake is None:
            return None
        return FormDialog(
            self.app, self.remake(), self.submit, self.values, self.remake, self.refused
        )

    # --- fields ----------------------------------------------------------------------------
    def _choice(self, f: Choice, rect: pygame.Rect) -> None:
        if not f.options:
            self.label(rect, self.app.t("ui.form.nothing_to_choose"), cls="@muted")
            return
        labels = _unique([label for _, label in f.options])
        current = self.values.get(f.name)
        start = next((labels[k] for k, (v, _) in enumerate(f.options) if v == current), labels[0])
        menu = pygame_gui.elements.UIDropDownMenu(
            labels, start, rect, self.app.manager, container=self.window
        )
        self.controls[menu] = (f.name, dict(zip(labels, [v for v, _ in f.options], strict=True)))

    def _number(self, f: Number, rect: pygame.Rect) -> None:
        value_w = 170
        slider = pygame_gui.elements.UIHorizontalSlider(
            pygame.Rect(rect.x, rect.y, rect.width - value_w - 8, rect.height),
            float(self.values[f.name]),
            (f.minimum, f.maximum),
            self.app.manager,
            container=self.window,
            click_increment=f.step,
        )
        self.controls[slider] = (f.name, f)
        label = self.label(pygame.Rect(rect.right - value_w, rect.y, value_w, rect.height), "")
        self.value_labels[f.name] = label
        self._show_value(f)

    def _show_value(self, f: Number) -> None:
        t = self.app.t
        v = self.values[f.name]
        if f.unit == "money":
            text = t("ui.form.per_month", amount=money(t, v))
        elif f.unit == "staff":
            text = t("ui.form.people", n=int(v))
        elif f.unit == "months":
            text = t("ui.form.months", n=int(v))
        else:
            text = num(t, v)
        self.value_labels[f.name].set_text(text)

    # --- events ----------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.controls:
            name, mapping = self.controls[event.ui_element]
            self.values[name] = mapping[event.text]
            self.error, self.refused = "", None
            if self.spec.follow is not None:
                for field_name, value in self.spec.follow(name, self.values[name]).items():
                    self.set_value(field_name, value)
            self.update_preview()
            return True
        if (
            event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED
            and event.ui_element in self.controls
        ):
            name, f = self.controls[event.ui_element]
            value = round(float(event.value) / f.step) * f.step
            self.values[name] = int(value) if f.unit in ("staff", "months") else round(value, 1)
            self._show_value(f)
            self.error, self.refused = "", None
            self.update_preview()
            return True
        return super().handle_event(event)

    def set_value(self, name: str, value: Any) -> None:
        """Set a field as if the team had chosen it (tests and keyboard use)."""
        self.values[name] = value
        for control, (field_name, f) in self.controls.items():
            if field_name != name:
                continue
            if isinstance(f, Number):
                control.set_current_value(value)
                self._show_value(f)
        self.update_preview()

    def update_preview(self) -> None:
        t = self.app.t
        idle = self.spec.inactive(self.values) if self.spec.inactive is not None else set()
        for control, (field_name, _) in self.controls.items():
            if field_name in idle:
                control.disable()
            else:
                control.enable()
        lines = []
        if self.spec.blocked:
            lines.append(("warn", self.spec.blocked))
        else:
            try:
                lines = self.spec.preview(self.values)
            except Exception as exc:  # a preview must never take the game down
                lines = [("warn", t("ui.form.no_preview", detail=type(exc).__name__))]
        # The engine would refuse: the button waits until the team changes what blocks it.
        if self.spec.blocked or any(kind == "block" for kind, _ in lines):
            self.ok.disable()
        else:
            self.ok.enable()
        html = f"<b>{esc(t('ui.form.preview'))}</b><br>" + lines_html(lines, t)
        if self.error:
            html += f'<br><br><font color="#A34800"><b>! {esc(self.error)}</b></font>'
        if self.preview is not None:
            self.preview.kill()
        self.preview = self.text_box(self.preview_rect, html)

    def confirm(self) -> None:
        if self.spec.blocked:
            return
        try:
            command = self.spec.build(self.values)
        except (KeyError, TypeError, ValueError):
            self.error = self.app.t("ui.form.incomplete")
            self.update_preview()
            return
        refused = self.submit(command)
        if refused is not None:
            self.refused = refused
            self.error = self.app.t.msg(refused)
            self.update_preview()
            return
        self.close()

    def handle_intent(self, intent) -> bool:
        from game.ui.intents import Intent

        if intent is Intent.CONFIRM:
            self.confirm()
            return True
        return super().handle_intent(intent)


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen.get(label, 0)
        seen[label] = n + 1
        out.append(label if n == 0 else f"{label} ({n + 1})")
    return out
