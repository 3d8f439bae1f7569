"""A session being played in the window: its record, whose turn it is, and the autosave.

Scenes never touch `World` directly for changes: they call `Match.apply(command)`, which goes
through `Session.apply` (so the record grows) and bumps `revision`, the number views use to
know their cached pictures are stale. The session is saved atomically after every move and
every turn, so a crash or power cut loses nothing that was played, and the game continues
with the team whose turn it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from game import storage
from game.scenario import LoadedScenario
from game.sim.commands import Command, EndMonth
from game.sim.report import MonthReport
from game.sim.session import Session
from game.sim.state import Org
from game.sim.world import HUMAN, World
from game.ui.turns import HotSeat, Team, teams_of

# Who plays a scenario's `player` organisation when no team takes it.
STAND_IN_POLICY = "collaborative"


class Match:
    """The running game: session, hot-seat turns, autosave."""

    def __init__(self, session: Session, path: Path | None = None) -> None:
        self.session = session
        self.path = path or storage.session_path(session.id)
        self.teams: list[Team] = teams_of(session.world, session.teams)
        self.seat = HotSeat(self.teams)
        self.seat.restore(session.turns, session.world.month)
        self.revision = 0
        self.last_report: MonthReport | None = (
            session.world.reports[-1] if session.world.reports else None
        )
        self.save_error: str = ""
        # Told "pending" before each write and "saved" (or "failed") after: the autoplay
        # driver reports these, so the kill test knows what the file may hold.
        self.on_save: Callable[[Match, str], None] | None = None
        self.introduced: set[str] = set()  # teams that have seen "how to play" this session

    @classmethod
    def new(
        cls,
        loaded: LoadedScenario,
        text: str,
        teams: Mapping[str, str],
        *,
        seed: int | None = None,
    ) -> Match:
        """A fresh session where the organisations in `teams` (id → team name) are human."""
        scenario = loaded.scenario
        controllers: dict[str, str] = {}
        for org in scenario.organisations:
            if org.id in teams:
                controllers[org.id] = HUMAN
            elif org.policy == "player":
                controllers[org.id] = STAND_IN_POLICY
        session = Session(scenario, text, seed=seed, controllers=controllers, teams=dict(teams))
        return cls(session)

    # --- reading -------------------------------------------------------------------------
    @property
    def world(self) -> World:
        return self.session.world

    @property
    def team(self) -> Team:
        return self.seat.current

    @property
    def org(self) -> Org:
        return self.world.org(self.team.org)

    @property
    def finished(self) -> bool:
        return self.world.finished

    # --- changing --------------------------------------------------------------------------
    def apply(self, command: Command) -> Any:
        """Apply a team's (or the facilitator's) command and save; raises `Impossible` (and
        changes nothing) when illegal."""
        try:
            result = self.session.apply(command)
        finally:
            self.revision += 1
        if not isinstance(command, EndMonth):  # end_turn saves once the month is through
            self.save()
        return result

    def end_turn(self) -> Team | MonthReport:
        """The current team is done: the next team, or the report of the month just resolved."""
        nxt = self.seat.end_turn(self.world)
        if nxt is not None:
            self.revision += 1
            self.save()  # a restart continues with this team
            return nxt
        report = self.apply(EndMonth())
        self.last_report = report
        self.seat.new_month()
        self.save()
        return report

    def undo_month(self) -> bool:
        """The facilitator takes back the last completed month (and the moves of the month in
        progress): the record is replayed without them, every team plays that month again, and
        the file is saved at once (the version before the undo stays as its backup)."""
        if not self.session.undo_month():
            return False
        self.seat.new_month()
        self.revision += 1
        reports = self.world.reports
        self.last_report = reports[-1] if reports else None
        self.save()
        return True

    def save(self) -> Path | None:
        """Write the session atomically; on failure keep playing and remember why."""
        self.session.turns = self.seat.to_json(self.world.month)
        if self.on_save is not None:
            self.on_save(self, "pending")
        try:
            self.session.save(self.path)
        except OSError as exc:
            self.save_error = f"{self.path}: {exc.strerror or exc}"
            if self.on_save is not None:
                self.on_save(self, "failed")
            return None
        self.save_error = ""
        if self.on_save is not None:
            self.on_save(self, "saved")
        return self.path
