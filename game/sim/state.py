"""The world's mutable parts: organisations, partnerships, proposals, approvals, programs.

Directional relations (trust, tension, reputation damage, known mission) are N×N numpy
matrices on the `World`, indexed by `Org.idx`; everything else is a plain dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from game.scenario.schema import Model, Sector


class Status(StrEnum):
    awaiting_approval = "awaiting_approval"
    active = "active"
    completed = "completed"
    dissolved = "dissolved"
    broken = "broken"


ENDED = (Status.completed, Status.dissolved, Status.broken)


@dataclass
class Org:
    idx: int
    id: str
    sector: Sector
    policy: str
    human: bool
    mission: np.ndarray
    funds: float
    income: float
    staff: int
    capacity: float
    credibility: float
    knowledge: float
    bureaucracy: float
    legal_entity: bool
    champion: bool
    openness: float
    reliability: float
    transparency: float
    patience: float
    staff_cost: float = 0.5  # juta Rp per staff member a month (0 for volunteers)
    agenda: int = 0
    staff_busy: int = 0
    # Month a technology partnership of this org matured; the tools stay in use after it
    # ends, since the upfront cost bought them (documented in the scenario guides).
    tech_since: int | None = None
    shock_month: int = -99  # last month an event hit this org's means
    staff_share: float = 1.0  # share of its promised staff time it could give last month
    innovations: int = 0
    # Cumulative accounting for the debrief
    spent: float = 0.0
    impact: float = 0.0
    impact_joint: float = 0.0
    wasted: float = 0.0
    funds_from_partners: float = 0.0
    grants_won: float = 0.0
    knowledge_from_partners: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    @property
    def free_staff(self) -> int:
        return max(0, self.staff - self.staff_busy)

    @property
    def can_pay(self) -> float:
        """What it can pay its partners next month, keeping two months' upkeep aside when
        income won't cover it."""
        upkeep = self.staff * self.staff_cost
        return self.funds + self.income - upkeep - 2 * max(0.0, upkeep - self.income)


@dataclass(frozen=True)
class Contribution:
    """What one member puts in each month."""

    org: str
    funds: float = 0.0
    staff: int = 0


@dataclass(frozen=True)
class Terms:
    """The terms of a proposed or agreed partnership."""

    model: Model
    focus: tuple[tuple[str, float], ...]
    contributions: tuple[Contribution, ...]
    months: int

    def __post_init__(self) -> None:
        if not isinstance(self.model, Model):  # a plain "resource_pooling" from hand-built terms
            object.__setattr__(self, "model", Model(self.model))

    def contribution(self, org_id: str) -> Contribution:
        for c in self.contributions:
            if c.org == org_id:
                return c
        return Contribution(org_id)

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(c.org for c in self.contributions)


@dataclass
class Partnership:
    id: int
    model: Model
    members: list[int]
    focus: np.ndarray
    contributions: dict[int, Contribution]
    months: int
    proposer: int
    status: Status = Status.awaiting_approval
    agreed: int = 0
    started: int | None = None
    ended: int | None = None
    understanding: float = 0.1
    months_since_eval: int = 0
    evaluated_month: int = -99
    hidden_issues: float = 0.0
    disputed: bool = False
    age: int = 0  # months it has run
    waited: int = 0  # months of its term spent waiting for approval: the agreement's clock ran
    approver: int | None = None
    kept: dict[int, int] = field(default_factory=dict)
    missed: dict[int, int] = field(default_factory=dict)
    last_missed: dict[int, int] = field(default_factory=dict)  # member → month
    paid: dict[int, float] = field(default_factory=dict)  # member → juta paid in, all told
    impact: float = 0.0
    end_reason: str = ""
    former: list[int] = field(default_factory=list)  # members who left
    walked_out: set[int] = field(default_factory=set)  # those of them who left unilaterally
    _alignment: dict[int, float] | None = field(default=None, repr=False)
    _sectors: int = field(default=0, repr=False)

    def alignment(self, missions: list[np.ndarray]) -> dict[int, float]:
        """Each member's mission similarity to the focus, cached until focus or members change."""
        if self._alignment is None:
            f = self.focus
            nf = float(np.sqrt(f @ f)) or 1.0
            out = {}
            for m in self.members:
                mission = missions[m]
                nm = float(np.sqrt(mission @ mission)) or 1.0
                out[m] = float(mission @ f) / (nm * nf)
            self._alignment = out
        return self._alignment

    def sector_count(self, orgs: list[Org]) -> int:
        """Distinct sectors among the members, cached until the members change."""
        if not self._sectors:
            self._sectors = len({orgs[m].sector for m in self.members})
        return self._sectors

    def set_focus(self, focus: np.ndarray) -> None:
        """Change the focus; always through here, so the cached alignment follows."""
        self.focus = focus
        self._alignment = None

    def remove_member(self, idx: int, *, agreed: bool = True) -> None:
        self.members.remove(idx)
        self.former.append(idx)
        if not agreed:
            self.walked_out.add(idx)
        self.contributions.pop(idx, None)
        self._alignment = None
        self._sectors = 0

    @property
    def is_active(self) -> bool:
        return self.status is Status.active

    @property
    def is_live(self) -> bool:
        return self.status is Status.active or self.status is Status.awaiting_approval


PENDING, ACCEPTED = "pending", "accepted"  # a party's answer to a proposal, so far


class ProposalStatus(StrEnum):
    open = "open"
    agreed = "agreed"
    rejected = "rejected"
    withdrawn = "withdrawn"
    expired = "expired"


@dataclass
class Proposal:
    id: int
    proposer: int
    partners: list[int]
    terms: Terms
    month: int
    round: int = 1
    answers: dict[int, str] = field(default_factory=dict)  # org idx → pending/accepted/...
    status: ProposalStatus = ProposalStatus.open
    waiting_on: int | None = None  # org that must answer next (partner, or proposer after counter)
    countered_by: int | None = None
    last_reason: str = ""
    partnership: int | None = None
    # A request to change a running partnership's terms (`AskChange`) rather than to form one:
    # the partnership it amends, and whether it asks the partner to leave by agreement.
    amends: int | None = None
    release: bool = False
    dropped: list[int] = field(default_factory=list)  # partners who said no and left it
    previous: Terms | None = None  # the terms a counter-offer replaced, to say what changed

    @property
    def parties(self) -> list[int]:
        return [self.proposer, *self.partners]

    def awaits(self, idx: int) -> bool:
        """Whether the offer waits for this party's answer. Any party still to answer may
        answer, in any order: on a shared laptop a third team waited a whole reply turn
        for the second to answer first."""
        return self.status == ProposalStatus.open and self.answers.get(idx) == PENDING

    @property
    def stage(self) -> int:
        """Grows each time the parties are asked anew (a counter-offer, a partner leaving)."""
        return self.round + len(self.dropped)


@dataclass
class ApprovalItem:
    """A partnership or grant award waiting in a government office's queue."""

    id: int
    kind: str  # "partnership" | "grant"
    subject: int | str  # partnership id or grant id
    applicants: list[int]
    approver: int
    min_wait: int
    waited: int = 0
    followups: int = 0
    champion: bool = False
    mou: bool = False
    incomplete: int = 0
    amount: float = 0.0


@dataclass
class Program:
    """An organisation's own program in one domain, run alone."""

    id: int
    org: int
    domain: int
    funds: float
    staff: int
    months_left: int
    impact: float = 0.0


@dataclass
class GrantState:
    id: str
    open: bool
    amount: float
    chance: float
    applied_by: set[int] = field(default_factory=set)
