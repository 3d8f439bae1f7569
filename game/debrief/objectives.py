"""The scenario's objectives, checked against how a session ended.

- indicator: the community indicator at the end reaches `value`;
- model: a partnership of that model started (was approved and ran) with a team's
  organisation in it (any organisation, when the scenario has no teams), since a partnership
  the computer players formed among themselves says nothing about the teams;
- benefit: the mean score of the teams' organisations reaches `value` (each team's own
  score is kept beside it).

Indicators and scores are judged at the end: before it (a month summary, a debrief of a game
stopped early) their results are `provisional`, since a score reached in month 3 can slip
back by month 4. A partnership that started cannot un-start, so a model objective met is final.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from game.debrief import logbook
from game.debrief.model import ObjectiveResult, OrgOutcome, scenario_text
from game.i18n import Msg, short_of

if TYPE_CHECKING:
    from game.scenario.schema import Model
    from game.sim.world import World


def assess(
    world: World, outcomes: Mapping[str, OrgOutcome], players: Sequence[str]
) -> tuple[ObjectiveResult, ...]:
    teams = list(players) or [o.id for o in world.orgs]
    early = not world.finished
    out = []
    for obj in world.scenario.objectives:
        text = scenario_text(obj.text)
        if obj.indicator is not None:
            d = world.domain_index[obj.indicator]
            spec = world.scenario.domains[d]
            end = float(world.indicators[d])
            target = float(obj.value or 0.0)
            span = target - spec.baseline
            progress = (
                1.0
                if end >= target
                else max(0.0, (end - spec.baseline) / span)
                if span > 0
                else 0.0
            )
            detail = Msg(
                "debrief.objective.indicator",
                {
                    "end": short_of(end, target),
                    "target": round(target, 1),
                    "baseline": spec.baseline,
                },
            )
            out.append(
                ObjectiveResult(
                    obj.id,
                    text,
                    "indicator",
                    target,
                    end,
                    end >= target,
                    progress,
                    detail,
                    provisional=early,
                )
            )
        elif obj.model is not None:
            idx = {world.org_index[o] for o in teams}
            count = sum(
                1
                for p in world.partnerships
                if p.model == obj.model and p.started is not None and idx & {*p.members, *p.former}
            )
            detail = Msg(
                "debrief.objective.model",
                {
                    "partnerships": logbook.counted("partnerships", count),
                    "model": Msg(f"sim.model.{obj.model.value}"),
                },
            )
            out.append(
                ObjectiveResult(
                    obj.id,
                    text,
                    "model",
                    None,
                    float(count),
                    count > 0,
                    min(1.0, count),
                    detail,
                    waiting=None if count else _awaiting(world, obj.model, idx),
                )
            )
        elif obj.benefit is not None:
            scores = {o: outcomes[o].score(obj.benefit) for o in teams}
            mean = sum(scores.values()) / len(scores)
            target = float(obj.value or 0.0)
            progress = 1.0 if target <= 0 else min(1.0, mean / target)
            if mean < target:
                progress = min(progress, 0.99)  # "100%" must mean met
            detail = Msg(
                "debrief.objective.benefit",
                {
                    "score": short_of(mean, target),
                    "target": round(target, 1),
                    "benefit": Msg(f"sim.benefit.{obj.benefit}"),
                },
            )
            out.append(
                ObjectiveResult(
                    obj.id,
                    text,
                    "benefit",
                    target,
                    mean,
                    mean >= target,
                    progress,
                    detail,
                    {o: round(s, 1) for o, s in scores.items()},
                    provisional=early,
                )
            )
    return tuple(out)


def _awaiting(world: World, model: Model, teams: set[int]) -> Msg | None:
    """A partnership of the goal's kind that is agreed but still waits for its approval: the
    month it was agreed, the goal read "no partnership of this kind" beside "agreed"."""
    for item in world.approvals:
        if item.kind != "partnership":
            continue
        p = next((q for q in world.partnerships if q.id == item.subject), None)
        if p is not None and p.model == model and teams & set(p.members):
            return Msg(
                "debrief.objective.now_model_waiting",
                {"id": p.id, "approver": world.name(item.approver)},
            )
    return None
