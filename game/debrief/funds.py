"""Cash that ran out: an organisation whose funds fell from a real sum to almost nothing.

A team that went from Rp 72.8 jt to Rp 2.4 jt, or a partner left at Rp 0, had a turning
point the trust and tension curves never show; when the money was gone it often could no
longer pay its share, and that is the lesson. Read from the monthly history (the funds a
team saw at each month's end) and the log's missed contributions for lack of funds.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.debrief import logbook
from game.i18n import Msg
from game.sim.report import model_name
from game.sim.world import HUMAN, World

NOTHING = 1.0  # juta Rp: left with less than this, an organisation has practically nothing
LOW_SHARE = 0.1  # funds at or below this share of their highest so far count as run out
MIN_PEAK = 5.0  # juta Rp: an organisation that never had this much was always poor, not ruined
SHORTFALL = "sim.reason.shortfall"  # the log's reason for a contribution missed for lack of funds


@dataclass(frozen=True)
class RunDown:
    """One organisation's cash running out: its peak, the month it fell near zero, its low."""

    org: str
    peak: float
    peak_month: int
    month: int  # the first month-end at or below LOW_SHARE of the peak
    low: float
    low_month: int
    missed: tuple[int, ...]  # months of contributions missed for lack of funds, from the peak on


def first_turn_funds(world: World) -> list[float]:
    """Each organisation's funds when month 1's moves began: what a team saw at its first
    turn, month 1's income in and its upkeep out (history's month 0 is before both).

    Read from a fresh world of the same scenario and seed in which nobody moves (every seat
    a team's), so the world's own month-1 step counts it, not a copy of its rule here.
    """
    fresh = World(
        world.scenario,
        world.seed,
        months=world.months,
        controllers={o.id: HUMAN for o in world.orgs},
        engine=world.engine,
    )
    return [o.funds for o in fresh.orgs]


def run_downs(world: World) -> list[RunDown]:
    """Every organisation whose funds fell near zero from a real sum, in the order of the month
    it happened."""
    # From the end of month 1 on: month 0 is before the first income, a figure no team saw.
    snaps = [s for s in world.history.snapshots if s.month >= 1]
    out = []
    for org in world.orgs:
        i = org.idx
        peak, peak_month, hit = 0.0, 0, None
        for snap in snaps:
            funds = float(snap.org["funds"][i])
            if funds > peak:
                peak, peak_month = funds, snap.month
            if peak >= MIN_PEAK and funds <= LOW_SHARE * peak:
                hit = (peak, peak_month, snap.month)
                break
        if hit is None:
            continue
        peak, peak_month, month = hit
        low, low_month = min(
            ((float(s.org["funds"][i]), s.month) for s in snaps if s.month >= month),
            key=lambda fm: (fm[0], fm[1]),
        )
        missed = tuple(
            e.month
            for e in logbook.entries(world, "missed")
            if e.orgs
            and e.orgs[0] == org.id
            and e.month > peak_month
            and e.cause is not None
            and e.cause.key == SHORTFALL
        )
        out.append(RunDown(org.id, peak, peak_month, month, low, low_month, missed))
    out.sort(key=lambda r: r.month)
    return out


def partners_of(world: World, orgs: set[str]) -> set[str]:
    """The organisations that were ever in a partnership with one of `orgs` (and `orgs`)."""
    idx = {world.org_index[o] for o in orgs}
    out = set(orgs)
    for p in world.partnerships:
        members = {*p.members, *p.former}
        if members & idx:
            out.update(world.orgs[m].id for m in members)
    return out


def said(world: World, r: RunDown) -> Msg:
    """ "SMPN 3's cash ran down from Rp 72.8 jt (month 9) to Rp 2.4 jt (month 24); short of
    money, it then missed 4 contributions (months 11–14)." """
    params = {
        "org": logbook.name(world, r.org),
        "peak": round(r.peak, 1),
        "peak_month": r.peak_month,
        "low": round(r.low, 1),
        "low_month": r.low_month,
        "month": r.month,
        "contributions": logbook.counted("contributions", len(r.missed)),
        "first": r.missed[0] if r.missed else 0,
        "last": r.missed[-1] if r.missed else 0,
    }
    if not r.missed:
        key = "debrief.funds.ran_down"
    elif r.missed[0] == r.missed[-1]:
        key = "debrief.funds.ran_down_missed_once"
    else:
        key = "debrief.funds.ran_down_missed"
    return Msg(key, params)


@dataclass(frozen=True)
class Drain:
    """Where an organisation's money went between its peak and a payment it then missed."""

    org: str
    peak: float
    peak_month: int  # 0: the start
    month: int  # the month of the missed payment
    spent: float  # paid out from after the peak to `month`, everything counted
    items: tuple[Msg, ...]  # the large payments, named: up front, own programmes
    named: float  # what `items` add up to
    first: int  # the month of the first of them


def drain(world: World, org_id: str, month: int) -> Drain | None:
    """What drained `org_id`'s cash before it missed a payment in `month`: the upfront payments
    and its own programmes since its funds last peaked, from the log, and what it spent in all
    (its shares and other actions are the rest). None when nothing large is named."""
    i = world.org_index[org_id]
    snaps = [s for s in world.history.snapshots if s.month < month]
    if not snaps:
        return None
    peak_snap = max(snaps, key=lambda s: (float(s.org["funds"][i]), -s.month))
    start = peak_snap.month
    items: list[tuple[int, float, Msg]] = []
    payer = repr(world.name(i))  # an upfront entry names every member; `org` is who paid
    for e in logbook.entries(world, "upfront"):
        if repr(e.data.get("org")) == payer and start < e.month <= month:
            amount = float(e.data.get("amount", 0.0))
            p = world.partnership(e.partnership) if e.partnership is not None else None
            params = {
                "amount": round(amount, 1),
                "id": e.data.get("id", e.partnership),
                "model": model_name(p.model) if p is not None else "",
                "month": e.month,
            }
            items.append((e.month, amount, Msg("debrief.drain.upfront", params)))
    unfunded = {
        (e.month, repr(e.data.get("domain")))
        for e in logbook.entries(world, "program_unfunded")
        if e.orgs == (org_id,)
    }
    stopped = {  # programme id → the month it was stopped, before that month's payment
        e.data["program"]: e.month
        for e in logbook.entries(world, "program_stopped")
        if "program" in e.data
    }
    for e in logbook.entries(world, "program"):
        if not e.orgs or e.orgs[0] != org_id:
            continue
        last = e.month + int(e.data.get("months", 0)) - 1
        if e.data.get("program") in stopped:
            last = min(last, stopped[e.data["program"]] - 1)
        paid = [
            m
            for m in range(max(e.month, start + 1), min(last, month) + 1)
            if (m, repr(e.data.get("domain"))) not in unfunded
        ]
        if not paid:
            continue
        amount = float(e.data.get("funds", 0.0)) * len(paid)
        params = {
            "amount": round(amount, 1),
            "domain": e.data.get("domain", ""),
            "first": paid[0],
            "last": paid[-1],
        }
        key = "debrief.drain.program_once" if len(paid) == 1 else "debrief.drain.program"
        items.append((paid[0], amount, Msg(key, params)))
    if not items:
        return None
    items.sort(key=lambda it: it[0])
    now = logbook.snapshot_at(world, month)
    spent = float(now.org["spent"][i]) - float(peak_snap.org["spent"][i])
    named = sum(a for _, a, _ in items)
    peak = float(peak_snap.org["funds"][i])
    if start == 0:  # "at the start" is what the team saw at its first turn, not month 0
        peak = first_turn_funds(world)[i]
    return Drain(
        org_id,
        peak,
        start,
        month,
        max(spent, named),
        tuple(logbook.shorten(world, m) for _, _, m in items),
        named,
        items[0][0],
    )


def drain_said(world: World, d: Drain) -> Msg:
    """ "BUMDes had Rp 25 juta at the start; by month 7 it had paid out Rp 32 juta: Rp 6 juta
    up front for technology partnership #11 (month 1) and Rp 10.5 juta for its own programme
    in recycling (months 1–3), and Rp 15.5 juta on its shares and other costs." """
    params = {
        "org": logbook.name(world, d.org),
        "peak": round(d.peak, 1),
        "peak_month": d.peak_month,
        "month": d.month,
        "spent": round(d.spent, 1),
        "items": list(d.items),
        "rest": round(d.spent - d.named, 1),
    }
    key = "debrief.drain.said_start" if d.peak_month == 0 else "debrief.drain.said"
    if params["rest"] < 0.1:
        key += "_all"
    return Msg(key, params)


def drain_short(d: Drain) -> Msg:
    """ "Its money had gone on Rp 6 juta up front … and Rp 10.5 juta on its own programme …":
    the same payments in one clause, for a story that tells the rest in its steps."""
    return Msg("debrief.drain.short", {"items": list(d.items)})
