"""What a team did well, and what to try next time, from its own record.

A learner read counts, a ten-benefit scorecard and lessons mostly about computer
organisations, and never a line saying "you held two evaluations" or "your own programme
duplicated your partnership". These are the habits of the design's three pillars (trust,
shared vision, evaluation) and the three challenges, each said with its figure, at most three
of each, most telling first.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from game.debrief import funds, logbook
from game.i18n import Msg
from game.sim.state import Status

if TYPE_CHECKING:
    from game.sim.world import World

MOST = 3  # lines of each kind
UNEVALUATED = 6  # months a running partnership went without a joint evaluation, to be said
WASTE = 1.0  # juta Rp spent on duplicated work, to be said
UNUSED_AGENDA = 3  # agenda points left unused over the game, at least, to be said
CARRIED = 0.25  # its share of the money paid into its partnerships, at most, to be said
CARRIED_MONEY = 5.0  # juta Rp paid into them in all, at least, for the share to mean much


def review(
    world: World, idx: int, run_downs: list[funds.RunDown] | None = None
) -> tuple[tuple[Msg, ...], tuple[Msg, ...]]:
    """(went well, to try next time) for organisation `idx`; `run_downs` as
    `funds.run_downs(world)` gives them, when the caller has them already."""
    org = world.orgs[idx]
    counts = org.counts
    mine = [p for p in world.partnerships if idx in p.members or idx in p.former]
    started = [p for p in mine if p.started is not None]
    kept = sum(p.kept.get(idx, 0) for p in mine)
    missed = sum(p.missed.get(idx, 0) for p in mine)
    good: list[Msg] = []
    better: list[Msg] = []

    ids = {p.id for p in mine}
    # Joint evaluations of its partnerships, whoever called them: the pillar is the habit.
    evaluations = sum(1 for e in logbook.entries(world, "evaluation") if e.partnership in ids)
    if evaluations and started:
        good.append(
            Msg("debrief.review.evaluated", {"times": logbook.counted("times", evaluations)})
        )
    if kept and not missed:
        good.append(Msg("debrief.review.kept_all", {"times": logbook.counted("times", kept)}))
    if counts.get("dialogues", 0) >= 2:
        times = logbook.counted("times", counts["dialogues"])
        good.append(Msg("debrief.review.talked", {"times": times}))
    done = [p for p in mine if p.status is Status.completed and idx in p.members]
    if done:
        good.append(
            Msg(
                "debrief.review.completed",
                {"partnerships": logbook.counted("partnerships", len(done))},
            )
        )
    if counts.get("visioning", 0):
        good.append(
            Msg("debrief.review.vision", {"times": logbook.counted("times", counts["visioning"])})
        )
    if counts.get("renegotiations", 0) and missed == 0:
        times = logbook.counted("times", counts["renegotiations"])
        good.append(Msg("debrief.review.renegotiated", {"times": times}))

    if not mine:
        better.append(Msg("debrief.review.alone", {}))
    carried = _carried_by_partners(world, mine, idx) if not missed else None  # not missed
    if carried is not None:
        better.append(carried)
    if missed:
        months = sorted({m for p in mine for m in _miss_months(world, p, idx)})
        better.append(
            Msg(
                "debrief.review.missed",
                {
                    "times": logbook.counted("times", missed),
                    "first": months[0] if months else 0,
                    "last": months[-1] if months else 0,
                },
            )
        )
    unfunded = [e.month for e in logbook.entries(world, "program_unfunded") if e.orgs == (org.id,)]
    if unfunded:  # its own programme, unpaid: no partner's trust fell, but the work shrank
        better.append(
            Msg(
                "debrief.review.unfunded",
                {
                    "times": logbook.counted("times", len(unfunded)),
                    "first": unfunded[0],
                    "last": unfunded[-1],
                },
            )
        )
    if run_downs is None:
        run_downs = funds.run_downs(world)
    run_down = next((r for r in run_downs if r.org == org.id), None)
    if run_down is not None:
        better.append(
            Msg(
                "debrief.review.ran_down",
                {"low": round(run_down.low, 1), "month": run_down.low_month},
            )
        )
    if org.wasted >= WASTE:
        better.append(Msg("debrief.review.duplicated", {"amount": round(org.wasted, 1)}))
    for p in started:
        unevaluated = _longest_unevaluated(world, p)
        if unevaluated >= UNEVALUATED:
            better.append(
                Msg(
                    "debrief.review.unevaluated",
                    {"id": p.id, "months": logbook.counted("months", unevaluated)},
                )
            )
            break
    broken = [p for p in mine if p.status is Status.broken]
    if broken:
        better.append(Msg("debrief.review.broke", {"id": broken[0].id}))
    waited = counts.get("approval_wait_months", 0)
    if waited >= 4 and not counts.get("followups", 0):
        better.append(Msg("debrief.review.waited", {"months": logbook.counted("months", waited)}))
    if started and not evaluations:
        better.append(Msg("debrief.review.never_evaluated", {}))
    unused, months = _unused_agenda(world, idx)
    if unused >= max(UNUSED_AGENDA, months):  # a point a month or more, on average
        better.append(
            Msg(
                "debrief.review.unused_agenda",
                {"points": unused, "months": logbook.counted("months", months)},
            )
        )
    return tuple(good[:MOST]), tuple(better[:MOST])


def _unused_agenda(world: World, idx: int) -> tuple[int, int]:
    """Agenda points left at the ends of the months played, and how many months: a team
    that missed its goal by a hair had left ten points unused, and nothing said so."""
    ends = world.history.snapshots[1:]
    if not ends or "agenda" not in ends[0].org:
        return 0, 0
    return int(sum(int(s.org["agenda"][idx]) for s in ends)), len(ends)


def _miss_months(world: World, p, idx: int) -> list[int]:
    who = world.orgs[idx].id
    return [
        e.month
        for e in logbook.entries(world, "missed")
        if e.partnership == p.id and e.orgs and e.orgs[0] == who
    ]


def _longest_unevaluated(world: World, p) -> int:
    """The longest stretch, in months, the partnership ran without a joint evaluation."""
    if p.started is None:
        return 0
    end = p.ended if p.ended is not None else world.month
    evals = sorted(e.month for e in logbook.entries(world, "evaluation") if e.partnership == p.id)
    marks = [p.started, *[m for m in evals if p.started <= m <= end], end]
    return max((b - a for a, b in itertools.pairwise(marks)), default=0)


def _carried_by_partners(world: World, mine: list, idx: int) -> Msg | None:
    """Its partners paid for its partnerships: "paid every share it promised" praised a team
    whose shares were Rp 0 while its partners put in 97 % of the money. Judged by the shares
    agreed with the team: a computer partner that raised its own share (`ai._invest`) from
    Rp 1 to 7 juta a month left a team that gave 2 as agreed read "put in 24 % ... work one
    side pays for rarely lasts"; what partners added of their own accord is left out."""
    own = sum(p.paid.get(idx, 0.0) for p in mine)
    others = 0.0
    added = 0.0
    for p in mine:
        for m, paid in p.paid.items():
            if m != idx:
                agreed = _agreed_payments(world, p, m)
                others += min(paid, agreed)
                added += max(0.0, paid - agreed)
    total = own + others
    if total < CARRIED_MONEY or own > CARRIED * total:
        return None
    params = {"pct": round(100 * own / total), "others": round(others, 1)}
    if added >= 0.05:
        params["added"] = round(added, 1)
        return Msg("debrief.review.carried_added", params)
    return Msg("debrief.review.carried", params)


def _agreed_payments(world: World, p, member: int) -> float:
    """The most `member` would have paid into `p` at the shares agreed with its partners:
    the offer's, or a change asked and agreed since (`changes.conclude`), whichever was
    larger, for each month it paid; not a share it raised on its own (`Renegotiate`)."""
    org_id = world.orgs[member].id
    shares = [
        q.terms.contribution(org_id).funds
        for q in world.proposals
        if q.partnership == p.id
        and q.status.value == "agreed"
        and (q.amends is None or (member in q.partners and not q.release))
    ]
    share = max(shares, default=0.0)
    months = p.kept.get(member, 0)
    if p.model.value == "technology" and p.started is not None and months:
        months += world.rules.tech_upfront - 1  # the upfront payment counts as one kept
    return share * months
