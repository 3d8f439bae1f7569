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
from typing import TYPE_CHECKING

from game.sim.state import ProposalStatus

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
        self._asked: set[tuple[int, int, int]] = set()  # (team, proposal, round)

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

    def _reply_turns(self, world: World) -> list[int]:
        return [n for n in range(len(self.teams)) if self._waiting_on(world, n)]

    def _waiting_on(self, world: World, n: int) -> bool:
        """Whether proposals wait on team `n` that it has not been asked about; marks them."""
        idx = world.org_index[self.teams[n].org]
        new = False
        for p in world.proposals:
            if p.status == ProposalStatus.open and p.waiting_on == idx:
                key = (n, p.id, p.round)
                if key not in self._asked:
                    self._asked.add(key)
                    new = True
        return new
