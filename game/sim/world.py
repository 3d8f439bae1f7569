"""The world: organisations, relations, partnerships and the month they live in.

`World` owns time and randomness. It is built from a validated scenario, a seed and who
controls each organisation (a human team or an AI policy), and it changes only through
`apply(command)`. Everything a view needs is readable from it; nothing outside `sim` writes it.

Randomness: one `SeedSequence` from the seed gives two generators. `rng` serves the AI,
negotiations, approvals and grants; `event_rng` serves only the scenario's random events, so
what the teams do can never move the month the flood comes — teams that play the same scenario
and seed on different laptops meet the same world.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from operator import mul
from typing import Any

import numpy as np

from game.i18n import Msg
from game.scenario.schema import PLAYER, SECTOR_BUREAUCRACY, Rules, Scenario, Sector
from game.sim import actions, month
from game.sim.commands import Command, EndMonth, FireInject, ScheduleInject
from game.sim.errors import Impossible
from game.sim.history import History
from game.sim.report import Entry, MonthReport
from game.sim.state import (
    ApprovalItem,
    GrantState,
    Org,
    Partnership,
    Program,
    Proposal,
    ProposalStatus,
    Status,
)
from game.sim.valuation import normalise

HUMAN = "human"
# The revision of the rules: a session records the one it was played under and replays
# under it, so a saved workshop opens as it was played after the rules change.
#   1: an agreement's term started only once approved.
#   2: the term counts from the agreement; months waiting for approval are lost to the work;
#      a partnership keeps its proposal's number.
#   3: computer convenors ask a partner that missed its share to pay less, or to leave by
#      agreement, at a joint evaluation (`AskChange`).
#   4: a no in an offer to several partners leaves that partner out; the offer goes on if the
#      proposer confirms and the others say yes again. Computer organisations no longer
#      propose work to which they would give nothing themselves.
#   5: a computer partner asked to give more money counts the staff it already gives to that
#      partnership as its own (it had said it could not spare staff nobody asked for).
#   6: a computer partner asked to change its share of a running partnership does not weigh
#      an approval already behind it; one that objects to an approval's wait no longer
#      counter-offers a shorter term (which left even less of it for the work).
#   7: a partnership is evaluated at most once a month: a second evaluation found the rest of
#      the hidden problems and counted twice in the debrief for one more agenda point. A
#      technology partnership that pays off counts as an innovation for each member that
#      takes the tool into use (innovation scored 0 after seven months of technology).
#      A refused once-only grant says there is no second try (the month's report only).
#   8: a computer organisation weighs carrying the work while its partners put in little:
#      a team offering Rp 0 against a partner's Rp 2.5 juta a month, then asking it for
#      Rp 10 juta, was told yes each time, and free-riding won the game.
ENGINE = 8


class World:
    """The whole simulated world of one session."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        *,
        months: int | None = None,
        controllers: Mapping[str, str] | None = None,
        engine: int = ENGINE,
    ) -> None:
        self.scenario = scenario
        self.engine = engine
        self.term_runs_while_waiting = engine >= 2
        self.rules: Rules = scenario.rules
        self.seed = scenario.meta.seed if seed is None else int(seed)
        self.months = months or scenario.meta.months
        seeds = np.random.SeedSequence(self.seed).spawn(2)
        self.rng = np.random.Generator(np.random.PCG64(seeds[0]))
        self.event_rng = np.random.Generator(np.random.PCG64(seeds[1]))

        self.domain_ids = [d.id for d in scenario.domains]
        self.domain_index = {d: i for i, d in enumerate(self.domain_ids)}
        self.indicators = np.array([d.baseline for d in scenario.domains], dtype=float)
        self._flat = np.full(len(self.domain_ids), 1.0 / len(self.domain_ids))
        self.needs = np.array([d.need for d in scenario.domains], dtype=float)
        self.drift = [d.drift for d in scenario.domains]  # indicator change a month left alone
        self.regulation = self.rules.regulation

        self.controllers = resolve_controllers(scenario, controllers)
        self.orgs = [self._make_org(i, o) for i, o in enumerate(scenario.organisations)]
        # The teams' organisations, however they are played (a headless run plays them by a
        # policy): `rules.quiet_months` spares them offers either way, so `simulate` previews
        # the game the teams will play.
        # A team's organisation: a human's, a scenario player's, or one a headless run plays
        # by another policy than the scenario's (`simulate --teams`).
        self.team_orgs = frozenset(
            o.idx
            for o, spec in zip(self.orgs, scenario.organisations, strict=True)
            if o.human or spec.policy == PLAYER or o.policy != spec.policy
        )
        self.org_index = {o.id: o.idx for o in self.orgs}
        self._ids = [o.id for o in self.orgs]
        self.missions = [o.mission for o in self.orgs]
        self.mission_matrix = np.stack(self.missions)  # N × D; missions never change
        self.mission_lists = [m.tolist() for m in self.missions]  # the same, as plain floats
        self._believed_terms()
        sectors = [o.sector for o in self.orgs]
        self.other_sector = np.array([[a != b for b in sectors] for a in sectors], dtype=float)
        self._names = [_text(o.name) for o in scenario.organisations]
        self._domain_names = [_text(d.name) for d in scenario.domains]
        self.last_dialogue: dict[tuple[int, int], int] = {}
        self._focus_cache: dict[tuple[tuple[str, float], ...], np.ndarray] = {}
        self.approval_rules = [  # (domain, min share, approver, models) of outside approvals
            (self.domain_index[r.domain], r.min_share, self.org_index[r.approver], r.models)
            for r in scenario.approvals
        ]
        n = len(self.orgs)
        self.trust = np.full((n, n), scenario.relations.default.trust)
        self.tension = np.full((n, n), scenario.relations.default.tension)
        self.damage = np.zeros((n, n))
        self.known = np.full((n, n), 0.1)
        self.mou = np.zeros((n, n), dtype=bool)
        self._apply_relation_pairs()
        for m in (self.trust, self.tension, self.known):
            np.fill_diagonal(m, 0.0)

        self.grants = {
            g.id: GrantState(g.id, g.opens <= 1, g.amount, g.chance) for g in scenario.grants
        }
        self.grant_specs = {g.id: g for g in scenario.grants}
        self._grant_names = {g.id: _text(g.name) for g in scenario.grants}
        self.partnerships: list[Partnership] = []
        self.live: list[Partnership] = []  # awaiting approval or active, in formation order
        self.proposals: list[Proposal] = []
        self.approvals: list[ApprovalItem] = []
        self.programs: list[Program] = []
        self.pending_grants: list[tuple[int, str]] = []
        self.fired: set[str] = set()
        self.scheduled: list[tuple[int, str]] = []  # (month, inject id) set by the facilitator
        self.month = 1
        self.finished = False
        self.entries: list[Entry] = []
        self.reports: list[MonthReport] = []
        self._next_id = 1
        # What moved each need and each trust this month, and by how much: read only by views
        # (the month summary's "why"); see `note_indicator` and `note_relation`.
        self.sources_month = 0
        self.indicator_sources: list[list[tuple[tuple[str, Any], float]]] = []
        self.relation_sources: dict[tuple[int, int], list[tuple[Any, float, float]]] = {}
        self.history = History(self)
        self.history.record_start()
        month.begin_month(self)

    # --- construction -------------------------------------------------------------------
    def _make_org(self, idx: int, spec: Any) -> Org:
        mission = np.zeros(len(self.domain_ids))
        for domain, weight in spec.mission.items():
            mission[self.domain_index[domain]] = weight
        bureaucracy = spec.bureaucracy
        if bureaucracy is None:
            bureaucracy = SECTOR_BUREAUCRACY[Sector(spec.sector)]
        controller = self.controllers[spec.id]
        t = spec.traits
        return Org(
            idx=idx,
            id=spec.id,
            sector=Sector(spec.sector),
            policy=controller,
            human=controller == HUMAN,
            mission=normalise(mission),
            funds=float(spec.funds),
            income=float(spec.income),
            staff=int(spec.staff),
            capacity=float(spec.capacity),
            credibility=float(spec.credibility),
            knowledge=float(spec.knowledge),
            bureaucracy=float(bureaucracy),
            legal_entity=spec.legal_entity,
            champion=spec.champion,
            openness=t.openness,
            reliability=t.reliability,
            transparency=t.transparency,
            patience=t.patience,
            staff_cost=self.rules.staff_cost if spec.staff_cost is None else spec.staff_cost,
        )

    def _believed_terms(self) -> None:
        """Constants for `believed_alignment`: missions never change, only what is known.

        i believes j's mission is b = k·m_j + (1 − k)·f (f flat, k = known[i, j]), so
        b·m_i = k·A[i, j] + c_i and |b|² = (P_j·k + Q_j)·k + R, with A, c, P, Q, R below.
        """
        m = self.mission_matrix
        d = m.shape[1]
        sums = m.sum(axis=1)
        norm2 = (m * m).sum(axis=1)
        self._align_c = sums / d
        self._align_a = m @ m.T - self._align_c[:, None]
        self._align_p = norm2 - 2 * sums / d + 1.0 / d
        self._align_q = 2 * (sums - 1.0) / d
        self._align_r = 1.0 / d
        self._mission_norm = np.sqrt(norm2)
        self._p_list = self._align_p.tolist()
        self._q_list = self._align_q.tolist()

    def believed_alignment(self, viewer: int) -> np.ndarray:
        """Cosine similarity of `viewer`'s mission to what it believes each mission is."""
        k = self.known[viewer]
        num = k * self._align_a[viewer] + self._align_c[viewer]
        norm2 = (self._align_p * k + self._align_q) * k + self._align_r
        return num / (np.sqrt(norm2) * self._mission_norm[viewer])

    def believed_similarity(
        self, viewer: int, members: Sequence[int], focus: np.ndarray
    ) -> list[float]:
        """How well `viewer` believes each member's mission fits `focus`: the cosine
        similarity of `estimated_mission(viewer, m)` to the focus, from the same constants.
        Plain floats, as this runs for every appraisal over a handful of domains."""
        f = focus.tolist()
        # sum(map(mul, …)) adds the same products in the same order as a generator would.
        f_norm = math.sqrt(sum(map(mul, f, f)))
        f_flat = sum(f) * self._align_r
        known = self.known[viewer]
        missions = self.mission_lists
        p, q, r = self._p_list, self._q_list, self._align_r
        out = []
        for j in members:
            k = 1.0 if j == viewer else float(known[j])
            den = math.sqrt((p[j] * k + q[j]) * k + r) * f_norm
            dot = sum(map(mul, missions[j], f))
            out.append((k * dot + (1.0 - k) * f_flat) / den if den > 0 else 0.0)
        return out

    def _apply_relation_pairs(self) -> None:
        for pair in self.scenario.relations.pairs:
            a, b = self.org_index[pair.from_], self.org_index[pair.to]
            for i, j in [(a, b), (b, a)] if pair.both_ways else [(a, b)]:
                if pair.trust is not None:
                    self.trust[i, j] = pair.trust
                if pair.tension is not None:
                    self.tension[i, j] = pair.tension
                if pair.known_mission is not None:
                    self.known[i, j] = pair.known_mission
                if pair.mou:
                    self.mou[i, j] = True

    # --- commands -------------------------------------------------------------------------
    def apply(self, command: Command) -> Any:
        """Check and apply one command; raises `Impossible` and changes nothing if illegal."""
        if self.finished and not isinstance(command, FireInject):
            raise Impossible("finished")
        if isinstance(command, EndMonth):
            return month.end_month(self)
        if isinstance(command, FireInject):
            return actions.fire_inject(self, command)
        if isinstance(command, ScheduleInject):
            return actions.schedule_inject(self, command)
        org = self.org(command.actor)  # type: ignore[attr-defined]
        if org.agenda < command.agenda:
            raise Impossible("no_agenda", org=self.name(org.idx))
        result = actions.HANDLERS[type(command)](self, org, command)
        org.agenda -= command.agenda
        return result

    def try_apply(self, command: Command) -> bool:
        """Apply if legal; used by AI policies, whose ideas may be stale by the time they act."""
        try:
            self.apply(command)
        except Impossible:
            return False
        return True

    # --- lookups --------------------------------------------------------------------------
    def org(self, org_id: str) -> Org:
        try:
            return self.orgs[self.org_index[org_id]]
        except KeyError:
            raise Impossible("unknown_org", org=org_id) from None

    def partnership(self, pid: int) -> Partnership:
        for p in self.partnerships:
            if p.id == pid:
                return p
        raise Impossible("unknown_partnership", id=pid)

    def proposal(self, pid: int) -> Proposal:
        for p in self.proposals:
            if p.id == pid:
                return p
        raise Impossible("unknown_proposal", id=pid)

    def approval(self, item_id: int) -> ApprovalItem:
        for item in self.approvals:
            if item.id == item_id:
                return item
        raise Impossible("unknown_approval", id=item_id)

    def partnerships_of(self, idx: int, *, live_only: bool = True) -> list[Partnership]:
        pool = self.live if live_only else self.partnerships
        return [p for p in pool if idx in p.members]

    def open_proposals(self) -> list[Proposal]:
        """Proposals still being negotiated; only recent ones can be (older ones expired)."""
        oldest = self.month - self.rules.proposal_expiry
        out = []
        for p in reversed(self.proposals):
            if p.month < oldest:
                break
            if p.status == ProposalStatus.open:
                out.append(p)
        out.reverse()
        return out

    def open_proposals_for(self, idx: int) -> list[Proposal]:
        """Proposals waiting for this organisation's answer."""
        return [p for p in self.open_proposals() if p.awaits(idx)]

    def partners_of(self, idx: int) -> set[int]:
        return {m for p in self.partnerships_of(idx) if p.is_active for m in p.members} - {idx}

    def estimated_mission(self, viewer: int, target: int) -> np.ndarray:
        """What `viewer` believes `target`'s mission is: known part true, rest a flat guess."""
        if viewer == target:
            return self.orgs[target].mission
        k = float(self.known[viewer, target])
        return k * self.orgs[target].mission + (1 - k) * self._flat

    def focus_vector(self, focus: Iterable[tuple[str, float]]) -> np.ndarray:
        """A focus as normalised weights per domain. Read-only: the array may be shared, as
        a proposal's focus is read again at each answer; copy it before changing it."""
        try:
            cached = self._focus_cache.get(focus)  # type: ignore[arg-type]
        except TypeError:  # a list from a hand-built command: not hashable, not cached
            cached = None
        if cached is not None:
            return cached
        vec = [0.0] * len(self.domain_ids)
        for domain, weight in focus:
            d = self.domain_index.get(domain)
            if d is None:
                raise Impossible("unknown_domain", domain=domain)
            if weight < 0:
                raise Impossible("negative_focus", domain=domain)
            vec[d] += weight
        total = sum(vec)
        if total <= 0:
            raise Impossible("empty_focus")
        out = np.array(vec) / total
        out.flags.writeable = False
        if isinstance(focus, tuple):
            if len(self._focus_cache) > 256:
                self._focus_cache.clear()
            self._focus_cache[focus] = out
        return out

    def new_id(self) -> int:
        nid = self._next_id
        self._next_id += 1
        return nid

    # --- logging --------------------------------------------------------------------------
    def log(
        self,
        kind: str,
        key: str,
        orgs: Iterable[int] = (),
        /,
        *,
        cause: Msg | None = None,
        partnership: int | None = None,
        **data: Any,
    ) -> Entry:
        """Record what happened, with the organisations involved and why."""
        ids = self._ids
        entry = Entry(
            self.month,
            kind,
            Msg(f"sim.log.{key}", data),
            tuple(map(ids.__getitem__, orgs)),
            cause,
            data,
            partnership,
        )
        self.entries.append(entry)
        return entry

    def name(self, idx: int) -> str | dict[str, str]:
        """An organisation's name as message parameter: the translator picks the language."""
        return self._names[idx]

    def domain_name(self, d: int) -> str | dict[str, str]:
        return self._domain_names[d]

    def grant_name(self, grant_id: str) -> str | dict[str, str]:
        return self._grant_names[grant_id]

    def months_left(self, p: Partnership) -> int:
        """Months of a partnership's agreed term still to run. Since engine 2 the term counts
        from the agreement, so months spent waiting for approval are lost to the work."""
        if not self.term_runs_while_waiting:
            return max(0, p.months - p.age)
        if p.status == Status.awaiting_approval:
            return max(0, p.months - (self.month - p.agreed))
        return max(0, p.months - p.age - p.waited)

    def _sources_now(self) -> None:
        if self.sources_month != self.month:
            self.sources_month = self.month
            self.indicator_sources = [[] for _ in self.domain_ids]
            self.relation_sources = {}

    def note_indicator(self, d: int, who: tuple[str, Any], points: float) -> None:
        """Record that `who` (("partnership", id), ("program", org idx), ("event", title),
        ("drift", None) or ("overlap", None)) moved need `d` by `points` this month."""
        self._sources_now()
        self.indicator_sources[d].append((who, points))

    def note_relation(self, a: int, b: int, source: Any, trust: float, tension: float) -> None:
        """Record that an event or inject (`source`, its title) moved a's trust in b."""
        self._sources_now()
        self.relation_sources.setdefault((a, b), []).append((source, trust, tension))

    def tech_ready(self, idx: int) -> bool:
        """Whether the organisation's technology partnership has matured (tools in use)."""
        since = self.orgs[idx].tech_since
        return since is not None and since <= self.month

    @property
    def players(self) -> list[str]:
        return [o.id for o in self.orgs if o.human]


def resolve_controllers(scenario: Scenario, overrides: Mapping[str, str] | None) -> dict[str, str]:
    """Who runs each organisation: `human` for scenario players unless overridden by a policy."""
    out = {o.id: (HUMAN if o.policy == PLAYER else o.policy) for o in scenario.organisations}
    for org_id, controller in (overrides or {}).items():
        if org_id not in out:
            raise Impossible("unknown_org", org=org_id)
        out[org_id] = controller
    return out


def _text(text: Any) -> str | dict[str, str]:
    """A scenario text as a plain str or {lang: str} dict, the form `Msg` params carry."""
    if isinstance(text, str):
        return text
    return {k: v for k, v in text.model_dump().items() if v}
