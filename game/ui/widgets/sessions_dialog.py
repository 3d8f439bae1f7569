"""The start screen's saved sessions: continue one, move them between laptops, compare them.

Everything `kolaborasi sessions` does, in a window: the list (a damaged file is recovered from
its backup when it can be, otherwise listed as damaged with the reason), export of the selected
session to a file or folder (a USB stick), import of a session file from another laptop or from
`simulate --save-sessions`, and the debrief report of the selected sessions — side by side when
they are several teams' sessions of one scenario. The report is written off the frame, in a
worker thread, and opened in the browser.
"""

from __future__ import annotations

import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game import sessions
from game.i18n import Translator
from game.sim.session import SessionError
from game.storage import os_error_reason
from game.ui.widgets.dialog import Dialog, esc

if TYPE_CHECKING:
    from game.ui.app import App


def session_line(t: Translator, item: sessions.SessionInfo) -> str:
    """One row of the list; the id at the end keeps every row unique."""
    if item.problem is not None:
        return t("facilitator.sessions.damaged", id=item.id)
    when = time.strftime("%d-%m %H:%M", time.localtime(item.saved)) if item.saved else "?"
    if item.finished:
        status = t("facilitator.sessions.finished")
    else:
        status = t("facilitator.sessions.month", n=item.month)
    teams = ", ".join(item.teams.values()) or "—"
    line = f"{t.text(item.title)} · {status} · {teams} · {when} · {item.id}"
    if item.recovered:
        line += " " + t("facilitator.sessions.recovered")
    return line


class ReportJob:
    """Build the debriefs of some session files and write one report, in a worker thread."""

    def __init__(self, paths: list[Path], lang: str) -> None:
        self.paths = paths
        self.lang = lang
        self.result: Path | None = None
        self.error = ""
        self.thread = threading.Thread(target=self._run, name="debrief-report", daemon=True)
        self.thread.start()

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()

    def _run(self) -> None:
        from game.debrief.build import load_debrief
        from game.debrief.errors import DebriefError
        from game.debrief.export import export_report

        t = Translator(self.lang)
        try:
            debriefs = [load_debrief(p) for p in self.paths]
            self.result = export_report(debriefs, t)
        except DebriefError as exc:
            self.error = t.msg(exc.reason)
        except Exception as exc:  # a report must never take the game down
            self.error = t("facilitator.sessions.report_failed", detail=type(exc).__name__)


class SessionsDialog(Dialog):
    """Saved sessions on this laptop, with export, import and the comparison report."""

    def __init__(
        self,
        app: App,
        on_resume: Callable[[Path], None],
        *,
        status: str = "",
        selected: list[str] | None = None,
    ) -> None:
        t = app.t
        super().__init__(app, (1160, 660), t("facilitator.sessions.title"))
        self.on_resume = on_resume
        self.items = sessions.list_sessions()
        self.by_line = {session_line(t, item): item for item in self.items}
        self.job: ReportJob | None = None
        self.picker: pygame_gui.windows.UIFileDialog | None = None
        area = self.inner
        width = area.width - 32
        self.label(pygame.Rect(16, 8, width, 30), t("facilitator.sessions.intro"), cls="@muted")
        list_h = max(120, area.height - 8 - 34 - 330)
        self.list_rect = pygame.Rect(16, 42, width, list_h)
        self.list: pygame_gui.elements.UISelectionList | None = None
        self.show_list(selected or [])
        y = 42 + list_h + 8
        third = (width - 16) // 3
        self.resume_button = self.button(
            pygame.Rect(16, y, third, 46),
            t("facilitator.sessions.resume"),
            self.resume,
            oid="#ses_resume",
        )
        self.report_button = self.button(
            pygame.Rect(24 + third, y, width - 2 * third - 16, 46),
            t("facilitator.sessions.report"),
            self.report,
            oid="#ses_report",
            tip=t("facilitator.sessions.report_tip"),
        )
        self.button(
            pygame.Rect(32 + 2 * third + (width - 3 * third - 16), y, third, 46),
            t("facilitator.close_window"),
            self.close,
            oid="#ses_close",
        )
        y += 58
        label_w = 250
        self.label(pygame.Rect(16, y, label_w, 44), t("facilitator.sessions.export_to"))
        self.export_entry = self._entry(
            pygame.Rect(16 + label_w, y, width - label_w - 170, 44),
            "#ses_export_path",
            t("facilitator.sessions.export_placeholder"),
        )
        self.button(
            pygame.Rect(16 + width - 162, y, 162, 44),
            t("facilitator.sessions.export"),
            self.export,
            oid="#ses_export",
        )
        y += 52
        self.button(
            pygame.Rect(16, y, label_w - 8, 44),
            t("facilitator.sessions.browse"),
            self.browse,
            oid="#ses_browse",
        )
        self.import_entry = self._entry(
            pygame.Rect(16 + label_w, y, width - label_w - 170, 44),
            "#ses_import_path",
            t("facilitator.sessions.import_placeholder"),
        )
        self.button(
            pygame.Rect(16 + width - 162, y, 162, 44),
            t("facilitator.sessions.import"),
            self.import_file,
            oid="#ses_import",
        )
        y += 56
        self.status = self.text_box(pygame.Rect(16, y, width, area.height - y - 12), "")
        damaged = [i for i in self.items if i.problem is not None]
        self.say(status or self._damaged_text(damaged))

    def _entry(self, rect: pygame.Rect, oid: str, placeholder: str):
        entry = pygame_gui.elements.UITextEntryLine(
            rect,
            self.app.manager,
            container=self.window,
            object_id=ObjectID(oid),
            placeholder_text=placeholder,
        )
        entry.length_limit = 400
        return entry

    def _damaged_text(self, damaged: list[sessions.SessionInfo]) -> str:
        t = self.app.t
        if not damaged:
            return ""
        lines = [t("facilitator.sessions.damaged_intro", n=len(damaged))]
        lines += [f"• {item.id}: {t.msg(item.problem)}" for item in damaged if item.problem]
        return "\n".join(lines)

    def say(self, text: str, error: bool = False) -> None:
        body = esc(text)
        if error and text:
            body = f'<font color="#A34800"><b>{body}</b></font>'
        self.status.set_text(body)

    # --- selection -------------------------------------------------------------------------
    def show_list(self, session_ids: list[str]) -> None:
        """(Re)build the list with these sessions selected."""
        if self.list is not None:
            self.list.kill()
        keep = [line for line, item in self.by_line.items() if item.id in session_ids]
        self.list = pygame_gui.elements.UISelectionList(
            self.list_rect,
            list(self.by_line) or [self.app.t("facilitator.sessions.none")],
            self.app.manager,
            container=self.window,
            allow_multi_select=True,
            object_id=ObjectID("#ses_list"),
            default_selection=keep or None,
        )

    def selected(self) -> list[sessions.SessionInfo]:
        lines = self.list.get_multi_selection() if self.list is not None else []
        return [self.by_line[line] for line in lines if line in self.by_line]

    def row_of(self, session_id: str) -> pygame_gui.elements.UIButton | None:
        """The list's button for a session, where a click selects it (tests click there)."""
        for item in self.list.item_list if self.list is not None else []:
            info = self.by_line.get(item["text"])
            if info is not None and info.id == session_id:
                return item.get("button_element")
        return None

    def _one_sound(self) -> sessions.SessionInfo | None:
        t = self.app.t
        chosen = self.selected()
        if len(chosen) != 1:
            self.say(t("facilitator.sessions.pick_one"), error=True)
            return None
        item = chosen[0]
        if item.problem is not None:
            self.say(t.msg(item.problem), error=True)
            return None
        return item

    # --- actions ---------------------------------------------------------------------------
    def resume(self) -> None:
        item = self._one_sound()
        if item is None:
            return
        self.close()
        self.on_resume(item.path)

    def export(self) -> None:
        t = self.app.t
        item = self._one_sound()
        if item is None:
            return
        text = self.export_entry.get_text().strip()
        if not text:
            self.say(t("facilitator.sessions.need_path"), error=True)
            return
        target = Path(text).expanduser()
        folder = text.endswith(("/", "\\"))
        try:
            written = sessions.export_session(item.id, target, folder=folder)
        except SessionError as exc:
            suggestion = exc.reason.params.get("suggestion")
            if suggestion:  # a file there is not ours to replace: one click exports beside it
                self.export_entry.set_text(str(suggestion))
                filled = t("facilitator.sessions.name_filled")
                self.say(f"{t.msg(exc.reason)}. {filled}", error=True)
            else:
                self.say(t.msg(exc.reason), error=True)
            return
        except OSError as exc:
            self.say(
                t(
                    "facilitator.sessions.write_failed",
                    file=str(target),
                    detail=t.msg(os_error_reason(exc)),
                ),
                error=True,
            )
            return
        self.say(t("facilitator.sessions.exported", id=item.id, file=str(written)))

    def import_file(self) -> None:
        t = self.app.t
        text = self.import_entry.get_text().strip()
        if not text:
            self.say(t("facilitator.sessions.need_path"), error=True)
            return
        try:
            item = sessions.import_session(Path(text).expanduser())
        except SessionError as exc:
            self.say(t.msg(exc.reason), error=True)
            return
        except OSError as exc:
            self.say(
                t(
                    "facilitator.sessions.write_failed",
                    file=text,
                    detail=t.msg(os_error_reason(exc)),
                ),
                error=True,
            )
            return
        done = t("facilitator.sessions.imported", id=item.id, month=item.month)
        self._refresh(done, [item.id])

    def report(self) -> None:
        t = self.app.t
        if self.job is not None:
            return
        chosen = self.selected()
        if not chosen:
            self.say(t("facilitator.sessions.pick_some"), error=True)
            return
        broken = [i for i in chosen if i.problem is not None]
        if broken:
            self.say(t.msg(broken[0].problem), error=True)  # type: ignore[arg-type]
            return
        if len({i.scenario for i in chosen}) > 1:
            self.say(t("facilitator.sessions.mixed"), error=True)
            return
        self.job = ReportJob([i.path for i in chosen], t.lang)
        self.report_button.disable()
        self.say(t("facilitator.sessions.working", n=len(chosen)))

    def browse(self) -> None:
        if self.picker is not None and self.picker.alive():
            return
        w, h = self.app.size
        rect = pygame.Rect(0, 0, min(900, w - 60), min(600, h - 60))
        rect.center = (w // 2, h // 2)
        self.picker = pygame_gui.windows.UIFileDialog(
            rect,
            self.app.manager,
            window_title=self.app.t("facilitator.sessions.browse"),
            allowed_suffixes={".json"},
            initial_file_path=str(Path.home()),
            allow_existing_files_only=True,
        )
        self.picker.set_blocking(True)

    def _refresh(self, status: str, selected: list[str]) -> None:
        """The list again (after an import), keeping this window's place on the screen."""
        self.items = sessions.list_sessions()
        self.by_line = {session_line(self.app.t, item): item for item in self.items}
        self.show_list(selected)
        self.say(status)

    # --- frame -----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        super().update(dt)
        job = self.job
        if job is None or not job.done:
            return
        self.job = None
        if self.report_button.alive():
            self.report_button.enable()
        if job.result is None:
            self.say(job.error, error=True)
            return
        t = self.app.t
        self.say(t("facilitator.sessions.report_written", file=str(job.result)))
        self.report_path = job.result
        if not _headless():
            webbrowser.open(job.result.resolve().as_uri())

    def handle_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.picker:
            self.import_entry.set_text(event.text)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.import_entry:
                self.import_file()
                return True
            if event.ui_element is self.export_entry:
                self.export()
                return True
        return super().handle_event(event)

    def dispose(self) -> None:
        if self.picker is not None:
            self.picker.kill()
        super().dispose()

    def reopen(self) -> Dialog | None:
        ids = [i.id for i in self.selected()]
        return SessionsDialog(self.app, self.on_resume, selected=ids)


def _headless() -> bool:
    from game.ui.app import dummy_video

    return dummy_video()
