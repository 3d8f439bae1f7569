"""Hot-seat turns: several teams share one laptop, one month at a time.

Each team plays its turn and presses "end turn"; the real `EndMonth` is applied once, after
the last team. A proposal made late in the month may wait on a team that has already played:
that team gets a short reply turn before the month resolves, so no offer between teams expires
unseen. A team that lets a reply turn pass is not asked again about the same round of the same
proposal, which keeps the month finite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.sim.world import World


@dataclass(frozen=True)
class Team:
    org: str  # the organisation the team leads
    name: str  # what the team calls itself


def teams_of(world: World, names: Mapping[str, str]) -> list[Team]:
    """The human organisations in scenario order, each with its team name (or a default)."""
    out = []
    for n, org in enumerate([o for o in world.orgs if o.human], 1):
        out.append(Team(org.id, str(names.get(org.id) or n)))
    return out


class HotSeat:
    """Whose turn it is within the month."""

    def __init__(self, teams: list[Team]) -> None:
        if not teams:
            raise ValueError("a game needs at least one team")
        self.teams = teams
        self.queue: list[int] = list(range(len(teams)))
        self.replying = False
        self._asked: set[tuple[int, int, int]] = set()  # (team, proposal, its stage)

    @property
    def current(self) -> Team:
        return self.teams[self.queue[0]]

    @property
    def index(self) -> int:
        return self.queue[0]

    @property
    def solo(self) -> bool:
        return len(self.teams) == 1

    def end_turn(self, world: World) -> Team | None:
        """Close the current team's turn; the next team, or None when the month can resolve."""
        self._waiting_on(world, self.queue[0])  # what it saw and left is not asked again
        self.queue.pop(0)
        if not self.queue:
            self.queue = self._reply_turns(world)
            self.replying = bool(self.queue)
        return self.current if self.queue else None

    def new_month(self) -> None:
        self.queue = list(range(len(self.teams)))
        self.replying = False
        self._asked.clear()

    # --- saving mid-month ------------------------------------------------------------------
    def to_json(self, month: int) -> dict[str, Any]:
        """Who is still to play `month`, so a session saved mid-month (window closed, crash)
        resumes with the team whose turn it was, not with a team that already played."""
        return {
            "month": month,
            "queue": list(self.queue),
            "replying": self.replying,
            "asked": sorted(list(key) for key in self._asked),
        }

    def restore(self, data: Any, month: int) -> bool:
        """Take up a saved month's turns; anything stale or malformed leaves a fresh month.

        The commands are the session's truth and the turns only a courtesy, so a hand-edited
        or foreign value is ignored rather than refused."""
        if not isinstance(data, dict) or data.get("month") != month:
            return False
        queue, replying, asked = data.get("queue"), data.get("replying"), data.get("asked")
        n = len(self.teams)
        if not (
            isinstance(queue, list)
            and queue
            and all(type(i) is int and 0 <= i < n for i in queue)
            and len(set(queue)) == len(queue)
            and isinstance(replying, bool)
            and isinstance(asked, list)
            and all(
                isinstance(k, list) and len(k) == 3 and all(type(x) is int for x in k)
                for k in asked
            )
        ):
            return False
        self.queue = list(queue)
        self.replying = replying
        self._asked = {(a, b, c) for a, b, c in asked}
        return True

    def _reply_turns(self, world: World) -> list[int]:
        return [n for n in range(len(self.teams)) if self._waiting_on(world, n)]

    def _waiting_on(self, world: World, n: int) -> bool:
        """Whether proposals wait on team `n` that it has not been asked about; marks them."""
        idx = world.org_index[self.teams[n].org]
        new = False
        for p in world.proposals:
            if p.awaits(idx):
                key = (n, p.id, p.stage)
                if key not in self._asked:
                    self._asked.add(key)
                    new = True
        return new
