"""End of a month: what changed and why, read from the `MonthReport` the engine returned.

Indicators before and after, trust that moved for the teams with the event that moved it,
approvals, missed contributions, partnerships formed or ended, and the month's events. All teams
read it together, so it shows what concerns them and what is public, nothing private.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pygame
import pygame_gui

from game.i18n import Msg
from game.sim.report import Entry, MonthReport
from game.ui.formatting import arrow, domain_name, money, num, num_toward, short_name
from game.ui.intents import SETTLE_SECONDS, Intent
from game.ui.record_words import effect_lines, event_spec
from game.ui.scenes.base import Scene
from game.ui.widgets.dialog import esc, scroll_text_box
from game.ui.widgets.tabs import (
    FACILITATOR_KINDS,
    PUBLIC_KINDS,
    SELF_EVIDENT,
    entry_mark,
    entry_text,
)

SECTIONS = (
    ("approvals", {"approved", "approval_incomplete", "approval_queued"}),
    ("missed", {"missed", "broken_commitment", "staff_short", "program_unfunded"}),
    (
        "partnerships",
        {
            "agreed",
            "activated",
            "ended",
            "left",
            "dispute",
            "dispute_settled",
            "crisis",
            "innovation",
            "tech_ready",
            "change",
            # A partner raising (or cutting) its own share: it sat under "Also this month"
            # at the foot of the report, and a team missed its partner's first raise.
            "renegotiated",
        },
    ),
    ("grants", {"grant_won", "grant_refused", "grant_queued"}),
)
EVENT_KINDS = frozenset({"event", "inject", "shock", "regulation"})  # shown first
TRUST_STEP = 0.03
SOURCES_SHOWN = 3  # causes named per need; the rest are summed as "other"
SHORT_LINES = 3  # the month in short, at most
SHORT_NEED_STEP = 0.1  # a need that moved less is no headline
SHORT_TRUST_RISE = 0.05  # a smaller rise (a share paid, a chat) is routine, no headline
SHORT_RUNWAY = 2  # months of money left that make a headline
# A team's partnership news for the month's headline, weightiest first.
SHORT_NEWS = (
    "crisis",
    "ended",
    "left",
    "broken_commitment",
    "dispute",
    "missed",
    "grant_refused",
    "staff_short",
    "program_unfunded",
    "grant_won",
    "approved",
    "activated",
    "agreed",
    "dispute_settled",
    "innovation",
    "tech_ready",
    "renegotiated",
)
NOTE_LINES = 2  # the "game is saved" note under the report, wrapped to fit between the buttons
NOTE_LINE_H = 24
NOTE_GAP = 24  # between the note and the buttons either side of it


class MonthSummaryScene(Scene):
    def __init__(self, app, match, report: MonthReport) -> None:
        super().__init__(app)
        self.match = match
        self.report = report
        # "E, then Enter" for a confirmation that did not come (no agenda left) skipped the
        # month's "what changed, and why" unread: it waits a moment, as the hand-over does.
        self.settling = SETTLE_SECONDS
        self.body: pygame_gui.elements.UITextBox | None = None

    def build(self) -> None:
        t = self.app.t
        w, h = self.app.size
        world = self.match.world
        self.label(
            pygame.Rect(40, 16, w - 80, 48),
            t("ui.summary.title", n=self.report.month),
            cls="@title",
        )
        body = pygame.Rect(40, 76, w - 80, h - 76 - 96)
        banner = self.app.facilitator.banner_height(w - 80)
        if banner:  # the facilitator's message between the report and the buttons, whole
            body.height -= banner + 8
        self.body = pygame_gui.elements.UITextBox(
            self.html(), body, self.app.manager, container=self.root
        )
        key = "ui.summary.to_debrief" if world.finished else "ui.summary.next"
        rect = pygame.Rect(0, 0, 380, 60)
        rect.bottomright = (w - 40, h - 20)
        self.next_button = self.button(
            rect, t(key, n=world.month), cls="@primary", oid="#next", on=self.next
        )
        if self.settling > 0:
            self.next_button.disable()
        language = self.button(
            pygame.Rect(40, h - 76, 180, 52), t("ui.language_button"), on=self.app.next_language
        )
        between = pygame.Rect(language.rect.right + NOTE_GAP, language.rect.y, 0, language.rect.h)
        between.width = rect.x - NOTE_GAP - between.x
        if self.match.save_error:
            self._note(between, t("ui.save_failed", detail=self.match.save_error))
        else:
            self._note(between, t("ui.summary.saved"), cls="@muted")

    def banner_area(self) -> pygame.Rect:
        """The facilitator's message: across the screen, under the report (which makes room
        for it). Squeezed between the two buttons, it was cut after two lines and a half
        on the screen the whole room reads together."""
        w, h = self.app.size
        height = self.app.facilitator.banner_height(w - 80)
        return pygame.Rect(40, h - 96 - height - 4, w - 80, height)

    def _note(self, area: pygame.Rect, text: str, cls: str = "") -> None:
        """A line or two between the buttons, centred on them; pygame_gui labels do not wrap,
        and at 1024 px the note is wider than the room left between the buttons."""
        lines = self.app.fonts.wrap_at_most(text, area.width, NOTE_LINES)
        top = area.centery - len(lines) * NOTE_LINE_H // 2
        for i, line in enumerate(lines):
            rect = pygame.Rect(area.x, top + i * NOTE_LINE_H, area.width, NOTE_LINE_H)
            self.label(rect, line, cls=cls)

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.settling > 0:
            self.settling -= dt
            if self.settling <= 0:
                self.next_button.enable()

    def next(self) -> None:
        from game.ui.flow import begin_turn

        begin_turn(self.app, self.match)

    def on_intent(self, intent: Intent) -> bool:
        if intent is Intent.CONFIRM:
            if self.settling <= 0:  # a key meant for the screen before is not for this one
                self.next()
            return True
        return scroll_text_box(self.body, intent)  # the arrows and page keys, as in the debrief

    # --- the text --------------------------------------------------------------------------
    def html(self) -> str:
        t, world, report = self.app.t, self.match.world, self.report
        humans = {o.id for o in world.orgs if o.human}
        shared = not self.match.seat.solo and not self.app.facilitator.reveal  # unless shown
        month = [e for e in world.entries if e.month == report.month]
        # A request to change a share is told by how it ended, not by each step of the talk.
        month = [
            e
            for e in month
            if not (e.kind == "change" and e.msg.key.endswith(("_asked", "_accepted")))
        ]
        relevant = [e for e in month if self._relevant(e, humans)]
        if shared:
            relevant = [e for e in relevant if e.kind in PUBLIC_KINDS]
        # The month in short first (on a busy month, under the events' stories, it was off
        # the screen), naming the month's events; then the events' stories: the drama of an
        # inject the facilitator fired, and the cause of the needs' changes below, sat two
        # screens down under the numbers.
        moves = [] if shared else self._trust_moves(humans)  # private: not on a shared screen
        out: list[str] = self._in_short(relevant, humans, shared, moves)
        happened = [e for e in relevant if e.kind in EVENT_KINDS]
        if happened:
            out += [f"<b>{esc(t('ui.summary.events'))}</b>"]
            out += [self._entry(e) for e in happened]
            out.append("")
        out.append(f"<b>{esc(t('ui.summary.indicators'))}</b>")
        for d, dom in enumerate(world.domain_ids):
            before, after = report.indicators_before[dom], report.indicators_after[dom]
            mark = arrow(before, after, 0.05)
            target = world.scenario.domains[d].target
            line = f"{mark} " + t(
                "ui.summary.indicator",
                domain=domain_name(world, t, d),
                before=num_toward(t, before, target, 1),
                after=num_toward(t, after, target, 1),
                target=num(t, target, 0),
            )
            sources = self._sources(d)
            if sources:
                line += " — " + t("ui.summary.sources", sources=sources)
            out.append(esc(line))
        out += self._objective_lines(humans)
        # Teams sharing one laptop all read this screen: the hand-over promised that no team
        # sees another's money, offers or plans, so each one's own figures, trust and moves
        # stay in its own turn (its News tab); the room sees what is public.
        if shared:
            out += ["", esc(t("ui.summary.private_note"))]
        else:
            out += self._team_lines(humans)
            trust = [esc(line) for _, line, _ in moves][:24]
            out += ["", f"<b>{esc(t('ui.summary.trust'))}</b>"]
            out += trust or [esc(t("ui.summary.trust_none"))]
        used: set[int] = {id(e) for e in happened}
        for name, kinds in SECTIONS:
            rows = [e for e in relevant if e.kind in kinds]
            used |= {id(e) for e in rows}
            if not rows:
                continue
            out += ["", f"<b>{esc(t(f'ui.summary.{name}'))}</b>"]
            out += [self._entry(e) for e in rows]
        rest = [e for e in relevant if id(e) not in used and e.kind not in ("proposal", "answer")]
        if rest:
            out += ["", f"<b>{esc(t('ui.summary.other'))}</b>"]
            out += [self._entry(e) for e in rest[:30]]
        return "<br>".join(out)

    def _in_short(
        self,
        relevant: list[Entry],
        humans: set[str],
        shared: bool,
        moves: list[tuple[float, str, float]],
    ) -> list[str]:
        """The month in at most three lines, first on the screen: the month's events by name,
        the need that moved most and what moved it most, a team's bad news (a partnership in
        trouble, a refused grant, money about to run out, trust that fell), then its good
        news (a grant won, an approval, a start) and a large rise in trust. Money and trust
        are private, so not on a screen the teams share. A room reading two screens of
        figures at once missed what mattered; routine lines ("paid its share") are no
        headline."""
        t = self.app.t
        lines: list[str] = []
        happened = [e for e in relevant if e.kind in ("event", "inject") and e.data.get("title")]
        if happened:  # by name: the stories are told in full under "Events"
            titles = [t.text(e.data["title"]) for e in happened]
            lines.append("! " + t.msg(Msg("ui.summary.short_events", {"titles": titles})))
        need = self._short_need()
        if need:
            lines.append(need)
        news = [e for e in relevant if e.kind in SHORT_NEWS and humans & set(e.orgs)]
        bad = [e for e in news if entry_mark(e)[0] == "↓"]  # an end as agreed is no setback
        good = [e for e in news if entry_mark(e)[0] == "↑"]
        falls = [m for m in moves if m[2] < 0]
        rises = [m for m in moves if m[2] >= SHORT_TRUST_RISE]
        candidates: list[str] = []
        if bad:
            first = min(bad, key=lambda e: SHORT_NEWS.index(e.kind))
            candidates.append(f"{entry_mark(first)[0]} {entry_text(t, first)}")
        if not shared:
            candidates += self._short_money(humans)
        if falls:
            candidates.append(min(falls, key=lambda m: m[2])[1])
        if good:
            first = min(good, key=lambda e: SHORT_NEWS.index(e.kind))
            candidates.append(f"{entry_mark(first)[0]} {entry_text(t, first)}")
        if rises:
            candidates.append(max(rises, key=lambda m: m[2])[1])
        lines += candidates[: max(0, SHORT_LINES - len(lines))]
        if not lines:
            return []
        return [f"<b>{esc(t('ui.summary.in_short'))}</b>", *map(esc, lines), ""]

    def _short_need(self) -> str:
        """The need that moved most this month, and what moved it most (a partnership named
        with its members: "#9" alone meant nothing to the room)."""
        t, world, report = self.app.t, self.match.world, self.report
        moves = [
            (abs(report.indicators_after[dom] - report.indicators_before[dom]), d, dom)
            for d, dom in enumerate(world.domain_ids)
        ]
        size, d, dom = max(moves, default=(0.0, -1, ""))
        if size < SHORT_NEED_STEP:
            return ""
        before, after = report.indicators_before[dom], report.indicators_after[dom]
        text = t(
            "ui.summary.short_need",
            domain=domain_name(world, t, d),
            change=signed(t, after - before),
            after=num(t, after, 1),
        )
        largest = self._sources(d, shown=1, members=True)
        if largest:
            text += " — " + t("ui.summary.short_source", source=largest)
        return f"{arrow(before, after, 0.05)} {text}"

    def _short_money(self, humans: set[str]) -> list[str]:
        """A team whose money lasts two more months or less, as its own card warns."""
        from game.ui import preview

        t, world = self.app.t, self.match.world
        out = []
        for org_id in sorted(humans, key=world.org_index.__getitem__):
            org = world.org(org_id)
            months = preview.months_of_money(world, org)
            if months is not None and months <= SHORT_RUNWAY:
                name = short_name(world, t, org.idx)
                out.append(f"! {name}: {t('ui.own.runway', n=months)}")
        return out

    def _relevant(self, entry: Entry, humans: set[str]) -> bool:
        if entry.kind in FACILITATOR_KINDS:  # a scheduled inject stays a surprise
            return False
        return (
            not entry.orgs
            or bool(humans & set(entry.orgs))
            or entry.kind in ("event", "inject", "shock", "regulation", "ended", "activated")
        )

    def _entry(self, entry: Entry) -> str:
        t = self.app.t
        mark, _ = entry_mark(entry)
        text = f"{mark} {entry_text(t, entry)}"
        if entry.cause is not None and entry.cause.key not in SELF_EVIDENT:
            text += " — " + t("ui.feed.because", cause=t.msg(entry.cause))
        if entry.kind in ("event", "inject"):  # what it did in the game, not only its story
            spec = event_spec(self.match.world, str(entry.data.get("id", "")))
            if spec is not None and spec.effects:
                done = "; ".join(effect_lines(self.match.world, t, spec))
                text += " " + t("ui.summary.event_effects", effects=done)
        return esc(text)

    def _sources(self, d: int, shown: int = SOURCES_SHOWN, members: bool = False) -> str:
        """What moved a need this month, largest first: joint work, programmes, events and
        the need's own drift, so the figures add up; then what overlapping work lost.
        Fewer than `SOURCES_SHOWN` asked for: those alone, without the rest."""
        t, world = self.app.t, self.match.world
        if world.sources_month != self.report.month or d >= len(world.indicator_sources):
            return ""
        moved: dict[tuple[str, Any], float] = {}
        lost = 0.0
        for who, points in world.indicator_sources[d]:
            if who[0] == "overlap":
                lost -= points
            else:
                key = (who[0], _hashable(who[1]))
                moved[key] = moved.get(key, 0.0) + points
        # Largest first as shown (to a tenth); on a tie the teams' own work first: "most of
        # it: Disdik's programme +0.4" while the team's partnership also gave +0.4.
        humans = {o.idx for o in world.orgs if o.human}
        ranked = sorted(
            moved.items(),
            key=lambda item: (-round(abs(item[1]), 1), not self._of_team(item[0], humans)),
        )
        named = [(who, x) for who, x in ranked if abs(x) >= 0.05][:shown]
        parts = [self._source(who, x, members) for who, x in named]
        rest = sum(x for _, x in ranked) - sum(x for _, x in named)
        if abs(rest) >= 0.05 and shown == SOURCES_SHOWN:
            parts.append(t("ui.summary.source_rest", points=signed(t, rest)))
        text = "; ".join(parts)
        if lost >= 0.1 and shown == SOURCES_SHOWN:
            note = t("ui.summary.source_overlap", points=num(t, lost, 1))
            text = f"{text} ({note})" if text else note
        return text

    def _of_team(self, who: tuple[str, Any], humans: set[int]) -> bool:
        kind, ident = who
        if kind == "partnership":
            p = next((q for q in self.match.world.partnerships if q.id == ident), None)
            return p is not None and bool(humans & {*p.members, *p.former})
        return kind == "program" and ident in humans

    def _source(self, who: tuple[str, Any], points: float, members: bool = False) -> str:
        t, world = self.app.t, self.match.world
        kind, ident = who
        shown = signed(t, points)
        if kind == "partnership":
            p = next((q for q in world.partnerships if q.id == ident), None)
            if members and p is not None:
                names = " + ".join(short_name(world, t, m) for m in p.members)
                return t("ui.summary.source_partnership_of", id=ident, names=names, points=shown)
            return t("ui.summary.source_partnership", id=ident, points=shown)
        if kind == "program" and ident >= 0:
            org = short_name(world, t, ident)
            return t("ui.summary.source_program", org=org, points=shown)
        if kind == "event":
            title = t.text(dict(ident)) if isinstance(ident, tuple) else str(ident)
            return t("ui.summary.source_event", title=title, points=shown)
        if kind == "drift":
            return t("ui.summary.source_drift", points=shown)
        return t("ui.summary.source_rest", points=shown)

    def _objective_lines(self, humans: set[str]) -> list[str]:
        """The scenario's goals, reached or how far along: a team sees what it is playing
        for every month, not first in the debrief."""
        from game.debrief.build import org_outcomes
        from game.debrief.objectives import assess

        t, world = self.app.t, self.match.world
        if not world.scenario.objectives:
            return []
        out = ["", f"<b>{esc(t('ui.summary.objectives'))}</b>"]
        players = [o for o in world.players if o in humans] or world.players
        results = {o.org: o for o in org_outcomes(world)}
        for result in assess(world, results, players):
            # "so far, provisional" for a goal judged at the end: a score that is reached in
            # month 3 and 94% in month 4 is no contradiction then
            mark = "● " if result.met else "○ "
            out.append(esc(f"{mark}{t.msg(result.text)} — {t.msg(result.standing)}"))
        return out

    def _team_lines(self, humans: set[str]) -> list[str]:
        """Each team's own figures that moved this month (money, credibility, skill, staff):
        a credibility jump from 56 to 63 went unexplained; the events below say why."""
        t, world, report = self.app.t, self.match.world, self.report
        snaps = world.history.snapshots
        if len(snaps) < 2 or not humans:
            return []
        before, after = snaps[-2].org, snaps[-1].org
        lines = []
        for org_id in sorted(humans, key=world.org_index.__getitem__):
            i = world.org_index[org_id]
            parts = []
            f0, f1 = report.funds_before[org_id], report.funds_after[org_id]
            if abs(f1 - f0) >= 0.05:
                parts.append(t("ui.summary.team_funds", before=money(t, f0), after=money(t, f1)))
            for field, digits, step in (("credibility", 0, 0.5), ("capacity", 2, 0.005)):
                a, b = float(before[field][i]), float(after[field][i])
                if abs(b - a) >= step:
                    parts.append(
                        t(
                            f"ui.summary.team_{field}",
                            before=num(t, a, digits),
                            after=num(t, b, digits),
                        )
                    )
            a, b = int(before["staff"][i]), int(after["staff"][i])
            if a != b:
                parts.append(t("ui.summary.team_staff", before=a, after=b))
            if parts:
                lines.append(esc(f"{short_name(world, t, i)}: {'; '.join(parts)}"))
        if not lines:
            return []
        heading = t("ui.summary.teams" if self.match.seat.solo else "ui.summary.teams_shared")
        return ["", f"<b>{esc(heading)}</b>", *lines]

    def _trust_moves(self, humans: set[str]) -> list[tuple[float, str, float]]:
        """Each noticeable move in trust between a team and anyone: its size, its line
        (unescaped) and the signed change."""
        t, world = self.app.t, self.match.world
        snaps = world.history.snapshots
        if len(snaps) < 2:
            return []
        before, after = snaps[-2].trust, snaps[-1].trust
        lines = []
        human_idx = {world.org_index[o] for o in humans}
        for i in range(len(world.orgs)):
            for j in range(len(world.orgs)):
                if i == j or not ({i, j} & human_idx):
                    continue
                delta = float(after[i, j] - before[i, j])
                back = float(after[j, i] - before[j, i])
                if abs(delta) < TRUST_STEP:
                    continue
                mutual = abs(back - delta) < 0.02 and abs(before[i, j] - before[j, i]) < 0.02
                if mutual and j < i:
                    continue  # said once, as "both ways", under the lower index
                text = t(
                    "ui.summary.trust_both" if mutual else "ui.summary.trust_line",
                    who=short_name(world, t, i),
                    whom=short_name(world, t, j),
                    before=num(t, float(before[i, j]), 2),
                    after=num(t, float(after[i, j]), 2),
                )
                cause = self._cause(i, j, delta > 0)
                mark = "↑" if delta > 0 else "↓"
                line = f"{mark} {text}"
                if cause:
                    line += " — " + t("ui.feed.because", cause=cause)
                lines.append((abs(delta), line, delta))
        return lines

    def _cause(self, i: int, j: int, rose: bool) -> str:
        """The month's entry that most likely moved i's trust in j, in the direction it
        moved: a fall comes from j missing or breaking a commitment, a rise from talks,
        openness, joint work or j paying its share. No likely cause: say none."""
        world, t = self.match.world, self.app.t
        if world.sources_month == self.report.month:  # an event or inject moved it outright
            for source, trust, _tension in world.relation_sources.get((i, j), []):
                if trust and (trust > 0) == rose:
                    title = t.text(source) if isinstance(source, Mapping) else str(source)
                    return t("ui.summary.cause_event", title=title, points=signed(t, trust, 2))
        a, b = world.orgs[i].id, world.orgs[j].id
        by_j = world.name(j)
        candidates = [e for e in self.report.entries if a in e.orgs and b in e.orgs]
        candidates += [
            e
            for e in world.entries
            if e.month == self.report.month and a in e.orgs and b in e.orgs and e not in candidates
        ]
        if not rose:
            for kind in ("broken_commitment", "missed"):
                for e in candidates:
                    if e.kind == kind and e.data.get("org") == by_j:
                        return t.msg(e.msg)
            return ""
        # Every cause that moved it: "because they talked" alone left out the share paid
        # the same month, which had done most of the rise.
        causes = []
        for kind in ("dialogue", "transparency", "meeting", "evaluation", "visioning"):
            found = next(
                (
                    e
                    for e in candidates
                    if e.kind == kind and (kind != "transparency" or e.data.get("org") == by_j)
                ),
                None,
            )
            if found is not None:  # its own full stop would sit before the "; "
                causes.append(t.msg(found.msg).rstrip("."))
                break
        missed = any(
            e.kind in ("missed", "broken_commitment") and e.data.get("org") == by_j
            for e in candidates
        )
        shared = next(
            (p for p in world.live if p.is_active and i in p.members and j in p.members), None
        )
        if shared is not None and not missed and shared.kept.get(j):
            causes.append(t("ui.summary.cause_kept", org=short_name(world, t, j), id=shared.id))
        return "; ".join(causes)


def signed(t, value: float, digits: int = 1) -> str:
    """A change with its sign: +0,5 or −0,2 (the minus a true minus sign)."""
    text = num(t, abs(value), digits)
    return f"+{text}" if value >= 0 else f"\u2212{text}"


def _hashable(value: Any) -> Any:
    """An event title given as {lang: text} as a key that can be counted under."""
    return tuple(sorted(value.items())) if isinstance(value, Mapping) else value
