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
from game.sim.batch import STAND_IN_POLICY
from game.sim.commands import Command, EndMonth
from game.sim.report import MonthReport
from game.sim.session import Session
from game.sim.state import Org
from game.sim.world import HUMAN, World
from game.ui.turns import HotSeat, Team, teams_of


class Match:
    """The running game: session, hot-seat turns, autosave."""

    def __init__(self, session: Session, path: Path | None = None) -> None:
        self.session = session
        self.path = path or storage.session_path(session.id)
        self.teams: list[Team] = teams_of(session.world, session.teams)
        self.seat = HotSeat(self.teams)
        self.seat.restore(session.turns, session.world.month)
        # Every hand-over this month: (how many commands the record held when the turn
        # ended, whose turns were still to come then). Taking back a move made before a
        # hand-over gives that team its turn back exactly as it was. None: a hand-over whose
        # seat is unknown (a file saved before these were kept).
        self.handovers: list[tuple[int, dict[str, Any] | None]] = self._saved_handovers()
        self.revision = 0
        self.last_report: MonthReport | None = (
            session.world.reports[-1] if session.world.reports else None
        )
        self.save_error: str = ""
        # Told "pending" before each write and "saved" (or "failed") after: the autoplay
        # driver reports these, so the kill test knows what the file may hold.
        self.on_save: Callable[[Match, str], None] | None = None
        self.introduced: set[str] = set()  # whose first turn showed "how to play" (one team)

    @classmethod
    def new(
        cls,
        loaded: LoadedScenario,
        text: str,
        teams: Mapping[str, str],
        *,
        seed: int | None = None,
        months: int | None = None,
    ) -> Match:
        """A fresh session where the organisations in `teams` (id → team name) are human;
        `months`: a shorter game than the scenario's, for a shorter workshop."""
        scenario = loaded.scenario
        controllers: dict[str, str] = {}
        for org in scenario.organisations:
            if org.id in teams:
                controllers[org.id] = HUMAN
            elif org.policy == "player":
                controllers[org.id] = STAND_IN_POLICY
        if months is not None and months >= scenario.meta.months:
            months = None  # the scenario's own length, said as such in the record
        session = Session(
            scenario, text, seed=seed, months=months, controllers=controllers, teams=dict(teams)
        )
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
        before = (len(self.session.commands), self.seat.to_json(self.world.month))
        nxt = self.seat.end_turn(self.world)
        if nxt is not None:
            self.handovers.append(before)
            self.revision += 1
            self.save()  # a restart continues with this team
            return nxt
        report = self.apply(EndMonth())
        self.last_report = report
        self.seat.new_month()
        self.handovers = []
        self.save()
        return report

    def undo_month(self) -> bool:
        """The facilitator takes back the last completed month (and the moves of the month in
        progress): the record is replayed without them, every team plays that month again, and
        the file is saved at once (the version before the undo stays as its backup)."""
        if not self.session.undo_month():
            return False
        self.seat.new_month()
        self.handovers = []
        self.revision += 1
        reports = self.world.reports
        self.last_report = reports[-1] if reports else None
        self.save()
        return True

    # --- taking back one move -----------------------------------------------------------
    def last_move(self) -> Command | None:
        """The last command of the month in progress (a team's move or an inject), if any."""
        commands = self.session.commands
        if not commands or isinstance(commands[-1], EndMonth):
            return None
        return commands[-1]

    def team_of(self, org_id: str) -> Team | None:
        return next((team for team in self.teams if team.org == org_id), None)

    def take_back_turn(self) -> Team | None:
        """The team whose turn it is after taking back the last move: the team that made it
        when it has ended its turn since (it plays its turn again, and so does every team
        that ended a turn after it, as the record then stood); else the team playing now.

        A facilitator's inject changes no turn: it is taken back where the teams stand."""
        handover = self._handover_after_last_move()
        if handover is None:
            return self.team
        queue = (handover[1] or {}).get("queue") or [self.seat.index]
        return self.teams[queue[0]]

    def take_back_known(self) -> bool:
        """False when the move came before a hand-over this window did not see (a session
        saved mid-month by an older version): whose turn it was then is not known."""
        handover = self._handover_after_last_move()
        return handover is None or handover[1] is not None

    def take_back(self) -> Command | None:
        """Take back the last move of the month: the record is replayed without it, whose
        turn it is follows it back (see `take_back_turn`), and the file is saved at once
        (the version before stays as its backup). Returns the move taken back."""
        move = self.last_move()
        if move is None or not self.take_back_known():
            return None
        handover = self._handover_after_last_move()
        if not self.session.undo_command():
            return None
        n = len(self.session.commands)
        if handover is not None:
            i = self.handovers.index(handover)
            self.seat.restore(handover[1], self.world.month)
            del self.handovers[i:]
        # A hand-over after the move (only an inject's, which moves no turn) now follows
        # one command fewer.
        self.handovers = [(min(count, n), seat) for count, seat in self.handovers]
        self.revision += 1
        self.save()
        return move

    def _handover_after_last_move(self) -> tuple[int, dict[str, Any] | None] | None:
        """The first hand-over since the last move was made, when a team made it."""
        move = self.last_move()
        if move is None or getattr(move, "actor", None) is None:
            return None
        n = len(self.session.commands)
        return next((h for h in self.handovers if h[0] >= n), None)

    def _saved_handovers(self) -> list[tuple[int, dict[str, Any] | None]]:
        """The hand-overs saved with the month in progress; anything malformed, or a file
        from before they were kept, leaves one unknown hand-over after the moves so far."""
        turns = self.session.turns
        n = len(self.session.commands)
        saved = turns.get("handovers") if isinstance(turns, dict) else None
        month = self.world.month
        if (
            isinstance(turns, dict)
            and turns.get("month") == month
            and isinstance(saved, list)
            and all(
                isinstance(h, list)
                and len(h) == 2
                and type(h[0]) is int
                and 0 <= h[0] <= n
                and (h[1] is None or (isinstance(h[1], dict) and h[1].get("month") == month))
                for h in saved
            )
        ):
            return [(count, seat) for count, seat in saved]
        fresh = self.seat.queue == list(range(len(self.teams))) and not self.seat.replying
        return [] if fresh or self.last_move() is None else [(n, None)]

    def save(self) -> Path | None:
        """Write the session atomically; on failure keep playing and remember why."""
        self.session.turns = self.seat.to_json(self.world.month)
        self.session.turns["handovers"] = [[count, seat] for count, seat in self.handovers]
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
