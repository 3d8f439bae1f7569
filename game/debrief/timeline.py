"""What happened, month by month: the key decisions and the turning points.

The log holds everything (hundreds of lines); the timeline keeps what a facilitator would
point at: partnerships agreed, left and ended, the teams' own decisions, setbacks (missed
contributions, crises, walk-outs, staff cut below what was promised), scenario events and
injects, and the turning points
marked on the charts, so the timeline and the curves tell the same story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from game.debrief import funds, logbook
from game.debrief.model import Chart, TimelineItem
from game.i18n import Msg
from game.sim.errors import Impossible
from game.sim.report import model_name

if TYPE_CHECKING:
    from game.sim.report import Entry
    from game.sim.world import World

KIND_ORDER = ("event", "decision", "partnership", "setback", "success", "turning_point")
DECLINES = (
    "sim.log.declined",
    "sim.log.walked_away",
    "sim.log.rejected_by_team",
    "sim.log.fell_through",
)


def key_moments(
    world: World, players: Iterable[str], charts: Sequence[Chart]
) -> tuple[TimelineItem, ...]:
    teams = set(players)
    items: list[TimelineItem] = []
    items += _from_log(world, teams)
    items += _missed_runs(world, teams)
    items += _turning_points(world, charts, teams)
    items += _run_downs(world, teams)
    items.sort(key=lambda it: (it.month, KIND_ORDER.index(it.kind)))
    return tuple(items)


# The teams' routine steps, in the timeline as they were logged (for teams only: the computer's
# would bury the story): the pillars and the paperwork the scenario questions ask about.
TEAM_ROUTINE = frozenset(
    {"evaluation", "transparency", "renegotiated", "grant_applied", "meeting", "program"}
    | {"program_stopped"}
    | {"training", "followup"}
)


def _item(
    world: World,
    e: Entry,
    kind: str,
    key: str,
    params: dict[str, Any],
    teams: set[str],
    *,
    major: bool = False,
    why: bool = True,
) -> TimelineItem:
    team = any(o in teams for o in e.orgs)
    text = logbook.shorten(world, Msg(key, params))
    cause = logbook.shorten(world, e.cause) if why and e.cause is not None else None
    return TimelineItem(e.month, kind, text, e.orgs, cause, major, team)


def _from_log(world: World, teams: set[str]) -> list[TimelineItem]:
    out: list[TimelineItem] = []
    first_vision: set[int] = set()
    first_innovation: set[int] = set()
    queued_item: dict[Any, int] = {}
    for e in world.entries:
        d = e.data
        team = any(o in teams for o in e.orgs)
        if e.kind in ("event", "inject"):
            key = "debrief.timeline.inject" if e.kind == "inject" else "debrief.timeline.event"
            item = TimelineItem(
                e.month, "event", Msg(key, {"title": d.get("title", "")}), major=True
            )
            out.append(item)
        elif e.kind == "regulation":  # tightened or eased, as the log said it
            text = logbook.shorten(world, e.msg)
            out.append(TimelineItem(e.month, "event", text, e.orgs, None, False, False))
        elif e.kind == "proposal" and team and e.orgs[0] in teams:
            out.append(_item(world, e, "decision", "debrief.timeline.proposed", dict(d), teams))
        elif e.kind == "answer" and e.msg.key in DECLINES and team:
            out.append(_decline(world, e, teams))
        elif e.kind == "agreed":
            params = {**d, "names": logbook.names(world, e.orgs)}
            out.append(
                _item(world, e, "partnership", "debrief.timeline.agreed", params, teams, major=team)
            )
        elif e.kind == "approval_queued" and e.partnership is not None:
            queued_item[d.get("item")] = e.partnership
        elif e.kind == "approved" and d.get("kind") == "partnership":
            pid = queued_item.get(d.get("item"))
            if pid is not None and int(d.get("months", 0)) >= 2:
                params = {**d, "id": pid, "months": logbook.counted("months", int(d["months"]))}
                out.append(
                    _item(world, e, "partnership", "debrief.timeline.approved", params, teams)
                )
        elif e.kind == "ended":
            broken = e.msg.key == "sim.log.ended_broken"
            kind = "setback" if broken else "partnership"
            params = {**d, "names": logbook.names(world, e.orgs)}
            key = "debrief.timeline." + e.msg.key.rsplit(".", 1)[-1]
            out.append(_item(world, e, kind, key, params, teams, major=broken, why=broken))
        elif e.kind == "broken_commitment":
            key = "debrief.timeline." + e.msg.key.rsplit(".", 1)[-1]
            out.append(_item(world, e, "setback", key, dict(d), teams, major=True))
        elif e.kind == "crisis":
            params = {**d, "months": logbook.counted("months", int(d.get("months", 0)))}
            out.append(
                _item(world, e, "setback", "debrief.timeline.crisis", params, teams, major=True)
            )
        elif e.kind == "dispute" and not _same_month_crisis(world, e):
            out.append(
                _item(world, e, "setback", "debrief.timeline.dispute", dict(d), teams, major=True)
            )
        elif e.kind == "left":  # by agreement; a walk-out is a broken commitment above
            out.append(
                _item(world, e, "partnership", "debrief.timeline.left_agreed", dict(d), teams)
            )
        elif e.kind == "staff_short":
            out.append(_item(world, e, "setback", "debrief.timeline.staff_short", dict(d), teams))
        elif e.kind == "program_unfunded":
            key = "debrief.timeline.program_unfunded"
            out.append(_item(world, e, "setback", key, dict(d), teams))
        elif e.kind == "dispute_settled":
            out.append(_item(world, e, "success", "debrief.timeline.settled", dict(d), teams))
        elif e.kind == "dialogue":
            key = "debrief.timeline." + e.msg.key.removeprefix("sim.log.")  # dialogue(_calm)
            out.append(_item(world, e, "decision", key, dict(d), teams))
        elif e.kind == "visioning" and e.partnership not in first_vision and team:
            first_vision.add(e.partnership)  # type: ignore[arg-type]
            out.append(_item(world, e, "decision", "debrief.timeline.visioning", dict(d), teams))
        elif e.kind == "change" and team and not e.msg.key.endswith("_accepted"):
            # A share changed at a partner's request, or the request refused: what the guide
            # asks teams to do when money runs short, so the room can point at it.
            text = logbook.shorten(world, e.msg)
            cause = logbook.shorten(world, e.cause) if e.cause is not None else None
            out.append(TimelineItem(e.month, "decision", text, e.orgs, cause, False, True))
        elif e.kind in TEAM_ROUTINE and e.orgs and e.orgs[0] in teams:
            # A team's own steps the debrief asks about ("which action did you use most?").
            text = logbook.shorten(world, e.msg)
            out.append(TimelineItem(e.month, "decision", text, e.orgs, None, False, True))
        elif e.kind == "grant_won":
            out.append(_item(world, e, "success", "debrief.timeline.grant_won", dict(d), teams))
        elif e.kind == "innovation" and e.partnership not in first_innovation:
            first_innovation.add(e.partnership)  # type: ignore[arg-type]
            params = {**d, "names": logbook.names(world, e.orgs)}
            out.append(_item(world, e, "success", "debrief.timeline.innovation", params, teams))
    return out


def _decline(world: World, e: Entry, teams: set[str]) -> TimelineItem:
    """A proposal turned down, naming whose proposal it was and for what, not its number."""
    params: dict[str, Any] = dict(e.data)
    key = "debrief.timeline.declined"
    try:
        proposal = world.proposal(int(e.data.get("id", -1)))
    except (Impossible, TypeError, ValueError):
        proposal = None
    if proposal is not None:
        params["proposer"] = logbook.label(world, proposal.proposer)
        params["model"] = model_name(proposal.terms.model)
        key = {
            "sim.log.walked_away": "debrief.timeline.walked_away",
            "sim.log.fell_through": "debrief.timeline.fell_through",
        }.get(e.msg.key, "debrief.timeline.declined_from")
    return _item(world, e, "decision", key, params, teams)


def _same_month_crisis(world: World, dispute: Entry) -> bool:
    return any(
        e.kind == "crisis" and e.partnership == dispute.partnership and e.month == dispute.month
        for e in world.entries
    )


def _missed_runs(world: World, teams: set[str]) -> list[TimelineItem]:
    """Missed contributions, one item per run of consecutive months per member and partnership."""
    by_pair: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for e in logbook.entries(world, "missed"):
        if e.orgs and e.partnership is not None:
            by_pair[(e.orgs[0], e.partnership)].append(e)
    out = []
    for (org, pid), missed in by_pair.items():
        runs: list[list[Entry]] = []
        for e in missed:
            if runs and e.month - runs[-1][-1].month <= 1:
                runs[-1].append(e)
            else:
                runs.append([e])
        model = model_name(world.partnership(pid).model)
        for run in runs:
            params: dict[str, Any] = {
                "org": logbook.name(world, org),
                "id": pid,
                "model": model,
                "times": logbook.counted("months", len(run)),
                "first": run[0].month,
                "last": run[-1].month,
                "amount": round(sum(float(e.data.get("amount", 0.0)) for e in run), 1),
            }
            key = "debrief.timeline.missed_once" if len(run) == 1 else "debrief.timeline.missed_run"
            out.append(
                TimelineItem(
                    run[0].month,
                    "setback",
                    Msg(key, params),
                    run[0].orgs,
                    logbook.shorten(world, run[0].cause) if run[0].cause else None,
                    major=len(run) > 1,
                    team=any(o in teams for o in run[0].orgs),
                )
            )
    return out


def _run_downs(world: World, teams: set[str]) -> list[TimelineItem]:
    """The month a team's or a team's partner's cash fell near zero (everyone's, with no
    team): a turning point no curve of trust or tension shows."""
    told = funds.partners_of(world, teams) if teams else {o.id for o in world.orgs}
    return [
        TimelineItem(
            r.month,
            "setback",
            funds.said(world, r),
            (r.org,),
            major=r.org in teams or bool(r.missed) or r.low < funds.NOTHING,
            team=r.org in teams,
        )
        for r in funds.run_downs(world)
        if r.org in told
    ]


def _turning_points(world: World, charts: Sequence[Chart], teams: set[str]) -> list[TimelineItem]:
    out = []
    for chart in charts:
        for mark in chart.marks:
            org = mark.line if mark.line in world.org_index else None
            kind = "success" if mark.kind == "reached" else "turning_point"
            out.append(
                TimelineItem(
                    mark.month,
                    kind,
                    mark.text,
                    (org,) if org else (),
                    mark.cause,
                    major=True,
                    team=org in teams,
                )
            )
    return out
