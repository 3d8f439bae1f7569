"""Now what: the scenario's own debrief questions, and prompts written from what happened.

The generated prompts point at this session's facts (a chain, a team that never evaluated,
an objective missed) so the discussion starts from what the room saw, not from theory.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import TYPE_CHECKING, Any

from game.debrief import logbook
from game.debrief.model import (
    BenefitScore,
    Chain,
    ObjectiveResult,
    OrgOutcome,
    Question,
    scenario_text,
)
from game.i18n import Msg

if TYPE_CHECKING:
    from game.scenario.schema import Scenario
    from game.sim.world import World

MAX_PROMPTS = 8
PHASES = ("what", "so_what", "now_what")

CHAIN_PROMPTS = {
    "missed_breakup": "so_what",
    "missed_trust": "so_what",
    "unevaluated_crisis": "so_what",
    "approval_tension": "now_what",
    "dialogue_deal": "so_what",
    "duplication_waste": "now_what",
}


def scenario_questions(scenario: Scenario, happened: Set[str]) -> tuple[Question, ...]:
    """The scenario's questions, leaving out one tied (`after`) to an event or inject that
    did not happen in this session: "how did the visit's banners affect trust?" when the
    facilitator never fired the visit."""
    questions = [
        Question(q.phase, scenario_text(q.text))
        for q in scenario.debrief_questions
        if not q.after or not happened.isdisjoint(q.after)
    ]
    return tuple(sorted(questions, key=lambda q: PHASES.index(q.phase)))


def generated_prompts(
    world: World,
    players: Sequence[str],
    outcomes: Sequence[OrgOutcome],
    chains: Sequence[Chain],
    objectives: Sequence[ObjectiveResult],
) -> tuple[Question, ...]:
    """At most MAX_PROMPTS: chains first, then objectives and the reveal, then the teams."""
    core = _chain_prompts(chains)[:3]
    missed = [o for o in objectives if not o.met]
    if missed:
        params = {"objective": missed[0].text, "detail": missed[0].detail}
        core.append(Question("now_what", Msg("debrief.prompt.objective_missed", params), True))
    elif objectives:
        core.append(Question("so_what", Msg("debrief.prompt.objectives_met"), True))
    if any(o.hidden_agenda is not None for o in world.scenario.organisations):
        core.append(Question("so_what", Msg("debrief.prompt.reveal"), True))
    teams = _team_prompts(world, players, outcomes)
    chosen = core + teams[: max(0, MAX_PROMPTS - len(core))]
    return tuple(sorted(chosen, key=lambda q: PHASES.index(q.phase)))


def _chain_prompts(chains: Sequence[Chain]) -> list[Question]:
    out, seen = [], set()
    for chain in chains:
        if chain.kind not in seen:
            seen.add(chain.kind)
            key = f"debrief.prompt.chain.{chain.kind}"
            if chain.title.key.endswith("_missed"):
                # Misses fed the crisis: ask what the partners could have agreed when the
                # money ran short, not only what an evaluation would have shown.
                key += "_missed"
            out.append(Question(CHAIN_PROMPTS[chain.kind], Msg(key, _chain_params(chain)), True))
    return out


def _team_prompts(
    world: World, players: Sequence[str], outcomes: Sequence[OrgOutcome]
) -> list[Question]:
    """A habit each team skipped, then the teams' weakest benefits (shared when the same)."""
    by_org = {o.org: o for o in outcomes}
    out = []
    weakest: list[tuple[BenefitScore, Any]] = []
    for org_id in players:
        org = world.org(org_id)
        outcome = by_org[org_id]
        name = logbook.label(world, org.idx)
        if sum(outcome.partnerships.values()) == 0:
            out.append(Question("so_what", Msg("debrief.prompt.alone", {"org": name}), True))
            continue
        for count, key in (
            ("evaluations", "debrief.prompt.no_evaluation"),
            ("dialogues", "debrief.prompt.no_dialogue"),
            ("transparency", "debrief.prompt.no_transparency"),
        ):
            if org.counts.get(count, 0) == 0:
                out.append(Question("now_what", Msg(key, {"org": name}), True))
                break
        weakest.append((min(outcome.benefits, key=lambda b: b.score), name))
    by_benefit: dict[str, list[tuple[float, Any]]] = {}
    for benefit, name in weakest:
        by_benefit.setdefault(benefit.id, []).append((benefit.score, name))
    for benefit_id, entries in by_benefit.items():
        params = {
            "org": [name for _, name in entries],
            "benefit": Msg(f"sim.benefit.{benefit_id}"),
            "score": round(min(score for score, _ in entries)),
        }
        key = "debrief.prompt.weakest" if len(entries) == 1 else "debrief.prompt.weakest_many"
        out.append(Question("so_what", Msg(key, params), True))
    return out


def _chain_params(chain: Chain) -> dict[str, Any]:
    """The facts a prompt can name: the steps' and the story's parameters."""
    params: dict[str, Any] = {}
    for step in chain.steps:
        params.update(step.text.params)
    params.update(chain.story.params)
    return params
