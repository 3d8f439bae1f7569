"""Cause-and-effect chains read from the event log and the history, told in plain words.

Each finder looks for one pattern the seed essay warns about (or praises) and returns it as
a `Chain`: numbered steps with their months, a one-paragraph story and the lesson. The
patterns are:

- missed_breakup: a member misses its contribution → its partners' trust falls → the
  partnership ends (broken, dissolved, or someone walks out). `missed_trust` is the same
  story where the partnership survived but trust did not.
- approval_tension: a long wait in the approval queue → the waiting members' tension toward
  the approving office rises.
- unevaluated_crisis: months without a joint evaluation → hidden problems surface late as a
  crisis and a dispute (→ sometimes a breakdown).
- dialogue_deal: an informal dialogue that eased a felt tension → a proposal between the
  two is accepted soon after (a talk that moved nothing is no cause of anything).
- duplication_waste: organisations working separately in one domain → overlapping coverage
  → money wasted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from game.debrief import funds, logbook
from game.debrief.model import Chain, Step
from game.i18n import Msg
from game.sim.report import model_name

if TYPE_CHECKING:
    from game.sim.report import Entry
    from game.sim.world import World

LONG_WAIT = 3  # months in the approval queue that count as a long wait
WAIT_TENSION = 0.03  # tension rise toward the approver that counts as felt
TRUST_FALL = 0.02  # fall in trust that counts when the partnership then ends
DEEP_TRUST_FALL = 0.15  # fall that counts even when the partnership survived
DIALOGUE_WINDOW = 3  # months after a dialogue within which an agreement counts as its fruit
DIALOGUE_EASE = 0.05  # tension a dialogue must remove to count as the cause of a deal
DUPLICATION_MONTHS = 2  # months of overlap in a domain before it is a pattern
WASTE_MIN = 1.0  # juta Rp wasted before an organisation is named
PER_KIND = 3  # chains of one kind kept, the strongest first

# Most instructive first: a breakdown teaches more than a deal, which the teams remember.
ORDER = (
    "missed_breakup",
    "unevaluated_crisis",
    "approval_tension",
    "missed_trust",
    "duplication_waste",
    "dialogue_deal",
)


def find_chains(world: World) -> tuple[Chain, ...]:
    """The chains found in the session: the strongest of each kind first (in ORDER), then
    the second of each, and so on, so the top of the page is not three of one kind."""
    crises = unevaluated_crises(world)
    # A crisis chain tells the misses that fed it; a second chain on them would repeat it.
    told = _misses_told_by_crises(world)
    found: list[tuple[float, Chain]] = [
        *missed_breakups(world, told),
        *crises,
        *approval_tensions(world),
        *dialogue_deals(world),
        *duplication_waste(world),
    ]
    by_kind: dict[str, list[tuple[float, Chain]]] = defaultdict(list)
    for weight, chain in found:
        by_kind[chain.kind].append((weight, chain))
    ranked = [
        [c for _, c in sorted(by_kind.get(kind, []), key=lambda wc: (-wc[0], wc[1].month))]
        for kind in ORDER
    ]
    return tuple(
        kind_chains[rank]
        for rank in range(PER_KIND)
        for kind_chains in ranked
        if rank < len(kind_chains)
    )


def months_list(months: list[int]) -> Msg:
    """ "month 4" / "months 4, 6, 8 and 9" """
    form = "one" if len(months) == 1 else "other"
    return Msg(f"debrief.chain.months_list.{form}", {"months": list(months)})


def _say(key: str, params: dict[str, Any]) -> Msg:
    """A message with its own copy of the parameters, which the caller keeps adding to."""
    return Msg(key, dict(params))


# --- missed contribution → trust drop → partnership ends ---------------------------------
def missed_breakups(
    world: World, told: Collection[tuple[int | None, str]] = ()
) -> list[tuple[float, Chain]]:
    """Missed contributions and what they cost; `told`: (partnership, defaulter) pairs another
    chain already tells."""
    out = []
    misses: dict[tuple[int, str], list[Entry]] = defaultdict(list)
    for e in logbook.entries(world, "missed"):
        if e.partnership is not None and e.orgs:
            misses[(e.partnership, e.orgs[0])].append(e)
    for (pid, defaulter), missed in misses.items():
        if (pid, defaulter) in told:
            continue
        chain = _missed_chain(world, pid, defaulter, missed)
        if chain is not None:
            out.append(chain)
    # One story per defaulter and partnership is plenty; keep the clearest per defaulter
    # when the partnership survived, since those repeat across its partnerships.
    best_survivor: dict[str, tuple[float, Chain]] = {}
    kept = []
    for weight, chain in out:
        if chain.kind == "missed_trust":
            org = chain.orgs[0]
            if org not in best_survivor or weight > best_survivor[org][0]:
                best_survivor[org] = (weight, chain)
        else:
            kept.append((weight, chain))
    return kept + list(best_survivor.values())


def _missed_chain(
    world: World, pid: int, defaulter: str, missed: list[Entry]
) -> tuple[float, Chain] | None:
    p = world.partnership(pid)
    d = world.org_index[defaulter]
    first = missed[0]
    witnesses = [m for m in logbook.members_ever(world, pid) if m != d]
    if not witnesses:
        return None
    ending = _ending_after(world, pid, first.month)
    # Read the fall up to the end, or (when it survived) to the month after the last miss,
    # so later, unrelated events are not blamed on these misses.
    last_month = ending.month if ending is not None else missed[-1].month + 1
    before = logbook.mean_of(logbook.snapshot_at(world, first.month - 1).trust, witnesses, [d])
    low, low_month = before, first.month
    for snap in world.history.snapshots:
        if first.month <= snap.month <= last_month:
            t = logbook.mean_of(snap.trust, witnesses, [d])
            if t < low:
                low, low_month = t, snap.month
    fall = before - low
    if ending is None and fall < DEEP_TRUST_FALL:
        return None
    if ending is not None and fall < TRUST_FALL:
        return None
    model = model_name(p.model)
    total = round(sum(float(e.data.get("amount", 0.0)) for e in missed), 1)
    cause = logbook.shorten(world, first.cause or Msg("debrief.chain.no_reason"))
    org = logbook.name(world, defaulter)
    common = {
        "org": org,
        "id": pid,
        "model": model,
        "times": logbook.counted("times", len(missed)),
        "amount": total,
        "cause": cause,
        "before": round(before, 2),
        "after": round(low, 2),
        "first": first.month,
    }
    steps = [
        Step(first.month, _say("debrief.chain.missed.step_miss", common)),
        Step(low_month, _say("debrief.chain.missed.step_trust", common)),
    ]
    dispute = next(
        (e for e in logbook.entries(world, "dispute", pid) if first.month <= e.month <= last_month),
        None,
    )
    if dispute is not None:
        steps.append(Step(dispute.month, _say("debrief.chain.missed.step_dispute", common)))
    more: list[Msg] = []
    lesson = Msg("debrief.chain.missed.lesson")
    drained = funds.drain(world, defaulter, first.month)
    if drained is not None:
        steps.append(Step(drained.first, funds.drain_said(world, drained)))
        more.append(funds.drain_short(drained))
        lesson = Msg("debrief.chain.missed.lesson_drained")
    credit = _credit(world, defaulter, max(last_month, missed[-1].month + 1))
    if credit is not None:
        steps.append(credit)
        more.append(credit.text)
    if ending is None:
        story_key = "story"
        if p.ended is not None and p.ended <= last_month:  # ran out its term: not "it held"
            common["end"] = p.ended
            story_key = "story_ended"
        story = _story(_say(f"debrief.chain.missed_trust.{story_key}", common), more)
        steps.sort(key=lambda s: s.month)
        chain = Chain(
            "missed_trust",
            _say("debrief.chain.missed_trust.title", common),
            story,
            tuple(steps),
            lesson,
            (defaulter, *[world.orgs[m].id for m in witnesses]),
            pid,
        )
        return fall, chain
    how = _how_it_ended(world, ending)
    params = {**common, "end": ending.month, "how": how}
    steps.append(Step(ending.month, _say("debrief.chain.missed.step_end", params)))
    steps.sort(key=lambda s: s.month)
    chain = Chain(
        "missed_breakup",
        _say("debrief.chain.missed.title", params),
        _story(_say("debrief.chain.missed.story", params), more),
        tuple(steps),
        lesson,
        (defaulter, *[world.orgs[m].id for m in witnesses]),
        pid,
    )
    return 1.0 + fall, chain


def _story(story: Msg, more: list[Msg]) -> Msg:
    """The story with the sentences that explain it further (what drained the money, what
    the defaulter did about it) after it."""
    for sentence in more:  # the story's own facts stay readable for the prompts
        story = Msg("debrief.chain.story_more", {**story.params, "story": story, "more": sentence})
    return story


def _credit(world: World, org_id: str, until: int) -> Step | None:
    """The joint evaluations `org_id` led and the terms it renegotiated openly, up to `until`:
    the habits the game asks of a partner whose money runs short, credited by month."""
    who = repr(world.name(world.org_index[org_id]))  # the entries list every member; `org` led
    evals = sorted(
        {
            e.month
            for e in logbook.entries(world, "evaluation")
            if repr(e.data.get("org")) == who and e.month <= until
        }
    )
    # Only a lower share, its own or agreed at a partner's request, is what helps when money
    # runs short: a raise while short was praised as "renegotiated openly" and had caused
    # the misses that followed.
    talks = sorted(
        {
            e.month
            for e in world.entries
            if e.month <= until
            and _cut(e)
            and (
                (e.msg.key == "sim.log.renegotiated" and repr(e.data.get("org")) == who)
                or (e.msg.key == "sim.log.change_agreed" and repr(e.data.get("partner")) == who)
            )
        }
    )
    if not evals and not talks:
        return None
    key = "credit_both" if evals and talks else "credit_eval" if evals else "credit_renegotiated"
    params = {
        "org": logbook.name(world, org_id),
        "evals": months_list(evals),
        "talks": months_list(talks),
    }
    return Step(min(evals + talks), Msg(f"debrief.chain.missed.{key}", params))


def _cut(entry: Entry) -> bool:
    """Whether a change of terms the log tells lowered money or staff."""
    for change in entry.data.get("change") or ():
        params = getattr(change, "params", {})
        if change.key in ("sim.change.funds", "sim.change.staff") and float(
            params.get("after", 0)
        ) < float(params.get("before", 0)):
            return True
    return False


def _ending_after(world: World, pid: int, month: int) -> Entry | None:
    """The entry where the partnership ended badly or someone walked out, from `month` on."""
    for e in world.entries:
        if e.partnership != pid or e.month < month:
            continue
        if e.kind == "ended" and e.msg.key in ("sim.log.ended_broken", "sim.log.ended_dissolved"):
            return e
        if e.msg.key in ("sim.log.left_unilaterally", "sim.log.left_agreed"):
            return e
    return None


def _how_it_ended(world: World, entry: Entry) -> Msg:
    suffix = entry.msg.key.rsplit(".", 1)[-1]
    if suffix.startswith("left_"):
        return Msg(f"debrief.chain.how.{suffix}", {"org": logbook.name(world, entry.orgs[0])})
    return Msg(f"debrief.chain.how.{suffix}")


# --- long approval wait → tension ---------------------------------------------------------
def approval_tensions(world: World) -> list[tuple[float, Chain]]:
    out = []
    approved = {e.data.get("item"): e for e in logbook.entries(world, "approved")}
    last = world.history.snapshots[-1].month
    for queued in logbook.entries(world, "approval_queued"):
        pid = queued.partnership
        if pid is None:
            continue  # a grant award: waiting for it strains no relation
        p = world.partnership(pid)
        approver = p.approver
        if approver is None:
            continue
        item = queued.data.get("item")
        done = approved.get(item)
        end = done.month if done is not None else (p.ended or last)
        waited = int(done.data.get("months", 0)) if done is not None else end - queued.month + 1
        if waited < LONG_WAIT:
            continue
        applicants = [m for m in p.members + p.former if m != approver]
        before_snap = logbook.snapshot_at(world, queued.month - 1)
        best: tuple[float, int, float, float, int] | None = None
        for m in applicants:
            before = float(before_snap.tension[m, approver])
            for snap in world.history.snapshots:
                if queued.month <= snap.month <= end:
                    rise = float(snap.tension[m, approver]) - before
                    if best is None or rise > best[0]:
                        best = (rise, m, before, float(snap.tension[m, approver]), snap.month)
        if best is None or best[0] < WAIT_TENSION:
            continue
        rise, who, before, peak, peak_month = best
        returned = [
            e for e in logbook.entries(world, "approval_incomplete") if e.data.get("item") == item
        ]
        incomplete = len(returned)
        followups = sum(
            1
            for e in logbook.entries(world, "followup")
            if queued.month <= e.month <= end
            and e.orgs
            and world.org_index[e.orgs[0]] in applicants
            and e.orgs[-1] == world.orgs[approver].id
        )
        params = {
            "id": pid,
            "model": model_name(p.model),
            "names": logbook.names(world, [world.orgs[m].id for m in p.members + p.former]),
            "approver": logbook.label(world, approver),
            "org": logbook.label(world, who),
            "months": logbook.counted("months", waited),
            "queued": queued.month,
            "before": round(before, 2),
            "after": round(peak, 2),
            "incomplete": logbook.counted("times", incomplete),
            "followups": followups,
        }
        steps = [Step(queued.month, _say("debrief.chain.wait.step_queue", params))]
        if incomplete:
            steps.append(
                Step(returned[0].month, _say("debrief.chain.wait.step_incomplete", params))
            )
        steps.append(Step(peak_month, _say("debrief.chain.wait.step_tension", params)))
        if followups == 0:
            steps.append(Step(peak_month, _say("debrief.chain.wait.step_no_followup", params)))
        final = "step_approved" if done is not None else "step_still_waiting"
        steps.append(Step(end, _say(f"debrief.chain.wait.{final}", params)))
        story_key = "story" if done is not None else "story_waiting"
        chain = Chain(
            "approval_tension",
            _say("debrief.chain.wait.title", params),
            _say(f"debrief.chain.wait.{story_key}", params),
            tuple(steps),
            Msg("debrief.chain.wait.lesson"),
            tuple(world.orgs[m].id for m in [*applicants, approver]),
            pid,
        )
        out.append((waited + 10 * rise, chain))
    return out


# --- no evaluation → a crisis surfaces late -------------------------------------------------
def unevaluated_crises(world: World) -> list[tuple[float, Chain]]:
    """A crisis after months without a joint evaluation, with what fed it.

    Missed contributions breed hidden problems too, so when members missed their shares
    before the crisis the chain names them first: the evaluation that never came is why
    nobody talked them through, not the whole cause. The trust figure is one direction
    (a team's view, as its month summary showed it), and the outcome says how the
    partnership ended when it did, never "still open at the end" for one that was over.
    """
    out = []
    told: set[int] = set()
    for crisis in logbook.entries(world, "crisis"):
        pid = crisis.partnership
        if pid is None or pid in told:
            continue  # the first crisis tells the story; a dispute left open may flare again
        told.add(pid)
        p = world.partnership(pid)
        months = int(crisis.data.get("months", 0))
        evals = [e for e in logbook.entries(world, "evaluation", pid) if e.month <= crisis.month]
        since = evals[-1].month if evals else (p.started or p.agreed)
        later = [e for e in world.entries if e.partnership == pid and e.month >= crisis.month]
        ended = next((e for e in later if e.kind == "ended"), None)
        settled = next((e for e in later if e.kind == "dispute_settled"), None)
        members = logbook.members_ever(world, pid)
        # Trust over the whole unevaluated stretch, not only the crisis month: the misses
        # and tension before it did most of the damage.
        truster, trusted, before, after = _felt_trust(world, members, since, crisis.month)
        params: dict[str, Any] = {
            "id": pid,
            "model": model_name(p.model),
            "names": logbook.names(world, [world.orgs[m].id for m in members]),
            "months": logbook.counted("months", months),
            "since": since,
            "month": crisis.month,
            "before": round(before, 2),
            "after": round(after, 2),
            "evaluated": bool(evals),
        }
        # Trust that rose while the problems piled up is the lesson itself, said as such: "a
        # crisis" beside "trust went from 0.3 to 0.32" left a presenter unable to explain it.
        if round(after, 2) < round(before, 2):
            trust_key = "trust_fell"
        elif round(after, 2) > round(before, 2):
            trust_key = "trust_rose"
        else:
            trust_key = "trust_held"
        params["trust"] = _say(
            f"debrief.chain.crisis.{trust_key}",
            {**params, "truster": logbook.label(world, truster), "trusted": trusted},
        )
        params["trusted"] = trusted
        first_key = "step_last_eval" if evals else "step_never"
        steps = [Step(since, _say(f"debrief.chain.crisis.{first_key}", params))]
        missed = _misses_before(world, pid, crisis.month)
        for org_id, entries in missed:
            steps.append(Step(entries[0].month, _miss_step(world, pid, org_id, entries)))
        if missed:
            org_id, entries = missed[0]
            params["org"] = logbook.name(world, org_id)
            params["times"] = logbook.counted("times", len(entries))
            params["miss_months"] = months_list([e.month for e in entries])
        steps.append(Step(crisis.month, _say("debrief.chain.crisis.step_crisis", params)))
        if ended is not None and (settled is None or ended.month <= settled.month):
            params["end"] = ended.month
            if ended.msg.key == "sim.log.ended_broken":
                step_key, then_key = "step_broke", "then_broke"
            else:  # ran out its term or was dissolved with the dispute still open
                params["how"] = _how_it_ended(world, ended)
                step_key, then_key = "step_ended", "then_ended"
            steps.append(Step(ended.month, _say(f"debrief.chain.crisis.{step_key}", params)))
            outcome = _say(f"debrief.chain.crisis.{then_key}", params)
        elif settled is not None:
            params["end"] = settled.month
            steps.append(Step(settled.month, _say("debrief.chain.crisis.step_settled", params)))
            outcome = _say("debrief.chain.crisis.then_settled", params)
        else:
            outcome = _say("debrief.chain.crisis.then_open", params)
        params["outcome"] = outcome
        story_key = "story" if evals else "story_never"
        title_key = "title"
        if missed:
            story_key += "_missed"
            title_key += "_missed"
        steps.sort(key=lambda s: s.month)
        chain = Chain(
            "unevaluated_crisis",
            _say(f"debrief.chain.crisis.{title_key}", params),
            _say(f"debrief.chain.crisis.{story_key}", params),
            tuple(steps),
            Msg("debrief.chain.crisis.lesson"),
            tuple(world.orgs[m].id for m in members),
            pid,
        )
        broke = ended is not None and ended.msg.key == "sim.log.ended_broken"
        out.append((months + (5 if broke else 0), chain))
    return out


def _misses_told_by_crises(world: World) -> set[tuple[int | None, str]]:
    """(partnership, defaulter) of the misses a crisis chain tells, as it finds them."""
    told: set[tuple[int | None, str]] = set()
    seen: set[int | None] = set()
    for crisis in logbook.entries(world, "crisis"):
        if crisis.partnership is None or crisis.partnership in seen:
            continue
        seen.add(crisis.partnership)
        for org_id, _ in _misses_before(world, crisis.partnership, crisis.month):
            told.add((crisis.partnership, org_id))
    return told


def _misses_before(world: World, pid: int, month: int) -> list[tuple[str, list[Entry]]]:
    """Who missed contributions to `pid` up to `month`, most misses first."""
    by_org: dict[str, list[Entry]] = defaultdict(list)
    for e in logbook.entries(world, "missed", pid):
        if e.month <= month and e.orgs:
            by_org[e.orgs[0]].append(e)
    return sorted(by_org.items(), key=lambda kv: (-len(kv[1]), kv[1][0].month))


def _miss_step(world: World, pid: int, org_id: str, missed: list[Entry]) -> Msg:
    """ "Karang Taruna missed its contribution to partnership #25 4 times (months 4, 6, 8
    and 9) — the first time because …" """
    cause = logbook.shorten(world, missed[0].cause or Msg("debrief.chain.no_reason"))
    params = {
        "org": logbook.name(world, org_id),
        "id": pid,
        "times": logbook.counted("times", len(missed)),
        "miss_months": months_list([e.month for e in missed]),
        "cause": cause,
    }
    key = "step_missed_once" if len(missed) == 1 else "step_missed"
    return Msg(f"debrief.chain.crisis.{key}", params)


def _felt_trust(
    world: World, members: list[int], since: int, month: int
) -> tuple[int, Any, float, float]:
    """The one direction of trust that fell most from the start of month `since` to the end
    of `month` (a team's view of a partner when a team is a member, as its summaries showed
    it): (truster, trusted's label, before, after). A mean of both directions would hide a
    fall one side felt."""
    humans = [m for m in members if world.orgs[m].human]
    trusters = humans or members
    then = logbook.snapshot_at(world, min(since, month) - 1).trust
    now = logbook.snapshot_at(world, month).trust
    pairs = [(i, j) for i in trusters for j in members if i != j]
    if not pairs:
        return members[0], logbook.label(world, members[0]), 0.0, 0.0
    i, j = max(pairs, key=lambda ij: float(then[ij]) - float(now[ij]))
    return i, logbook.label(world, j), float(then[i, j]), float(now[i, j])


# --- informal dialogue → proposal accepted --------------------------------------------------
DECLINES = (
    "sim.log.declined",
    "sim.log.walked_away",
    "sim.log.rejected_by_team",
    "sim.log.left_offer",
)


def dialogue_deals(world: World) -> list[tuple[float, Chain]]:
    out = []
    used: set[int] = set()
    log = world.entries
    for n, agreed in enumerate(log):
        if agreed.kind != "agreed" or agreed.partnership is None:
            continue
        parties = set(agreed.orgs)
        talk = None
        for k in range(n - 1, -1, -1):
            e = log[k]
            if e.month < agreed.month - DIALOGUE_WINDOW:
                break
            if e.kind == "dialogue" and set(e.orgs) <= parties and len(e.orgs) == 2:
                talk = (k, e)
                break
        if talk is None or talk[0] in used:
            continue
        k, dialogue = talk
        used.add(k)
        eased = float(dialogue.data.get("tension_before", 0.0)) - float(
            dialogue.data.get("tension_after", 0.0)
        )
        if eased < DIALOGUE_EASE:
            continue  # "tension 0 → 0": the talk changed nothing the deal could follow from
        a, b = dialogue.orgs
        earlier = next(
            (e for e in reversed(log[:k]) if e.msg.key in DECLINES and a in e.orgs and b in e.orgs),
            None,
        )
        p = world.partnership(agreed.partnership)
        params: dict[str, Any] = {
            "a": logbook.name(world, a),
            "b": logbook.name(world, b),
            "id": p.id,
            "model": model_name(p.model),
            "names": logbook.names(world, agreed.orgs),
            "talk": dialogue.month,
            "month": agreed.month,
            "before": dialogue.data.get("tension_before", ""),
            "after": dialogue.data.get("tension_after", ""),
            "round": agreed.data.get("round", 1),
        }
        steps = []
        if earlier is not None:
            params["declined_by"] = logbook.short(world, earlier.data.get("org", ""))
            params["reason"] = logbook.shorten(
                world, earlier.cause or Msg("debrief.chain.no_reason")
            )
            steps.append(Step(earlier.month, _say("debrief.chain.dialogue.step_declined", params)))
        steps.append(Step(dialogue.month, _say("debrief.chain.dialogue.step_talk", params)))
        steps.append(Step(agreed.month, _say("debrief.chain.dialogue.step_agreed", params)))
        story_key = "story_after_no" if earlier is not None else "story"
        chain = Chain(
            "dialogue_deal",
            _say("debrief.chain.dialogue.title", params),
            _say(f"debrief.chain.dialogue.{story_key}", params),
            tuple(steps),
            Msg("debrief.chain.dialogue.lesson"),
            tuple(agreed.orgs),
            p.id,
        )
        out.append(((2.0 if earlier is not None else 1.0) + eased, chain))
    return out


# --- duplicated programs → funds wasted ------------------------------------------------------
TOP_WASTERS = 3


def duplication_waste(world: World) -> list[tuple[float, Chain]]:
    """Separate work overlapping in a domain month after month, and the money it wasted.

    The log says where and when coverage overlapped; each organisation's `wasted` says what
    it cost (in all domains together, so one chain tells the whole story).
    """
    by_domain: dict[str, list[Entry]] = defaultdict(list)
    domain_param: dict[str, Any] = {}
    for e in logbook.entries(world, "duplication"):
        key = repr(e.data.get("domain"))
        by_domain[key].append(e)
        domain_param[key] = e.data.get("domain")
    patterns = [
        (k, es) for k, es in by_domain.items() if len({e.month for e in es}) >= DUPLICATION_MONTHS
    ]
    involved = {o for _, es in patterns for e in es for o in e.orgs}
    wasters = sorted(
        (o for o in world.orgs if o.id in involved and o.wasted >= WASTE_MIN),
        key=lambda o: -o.wasted,
    )
    if not wasters:
        return []
    patterns.sort(key=lambda kv: (-len({e.month for e in kv[1]}), kv[1][0].month))
    steps = []
    for key, es in patterns:
        params = {
            "domain": domain_param[key],
            "months": logbook.counted("months", len({e.month for e in es})),
            "first": es[0].month,
            "last": es[-1].month,
            "lost": max(int(e.data.get("lost", 0)) for e in es),
            "orgs": logbook.counted("orgs", len({o for e in es for o in e.orgs})),
        }
        steps.append(Step(es[0].month, _say("debrief.chain.duplication.step_domain", params)))
    total = round(sum(o.wasted for o in wasters), 1)
    spent = sum(o.spent for o in wasters) or 1.0
    top = [
        Msg(
            "debrief.chain.duplication.waste_item",
            {"org": logbook.label(world, o.idx), "amount": round(o.wasted, 1)},
        )
        # One more is named too: "the other 1 organisation together Rp 1.4 juta" read oddly.
        for o in (wasters if len(wasters) <= TOP_WASTERS + 1 else wasters[:TOP_WASTERS])
    ]
    top_key, top_entries = patterns[0]
    params = {
        "domain": domain_param[top_key],
        "months": logbook.counted("months", len({e.month for e in top_entries})),
        "lost": max(int(e.data.get("lost", 0)) for e in top_entries),
        "domains": logbook.counted("domains", len(patterns)),
        "total": total,
        "share": round(100 * total / spent),
        "top": top,
        "others": logbook.counted("orgs", len(wasters) - len(top)),
        "rest": round(sum(o.wasted for o in wasters[len(top) :]), 1),
    }
    final = "step_waste" if len(wasters) == len(top) else "step_waste_more"
    steps.append(
        Step(world.history.snapshots[-1].month, _say(f"debrief.chain.duplication.{final}", params))
    )
    chain = Chain(
        "duplication_waste",
        _say("debrief.chain.duplication.title", params),
        _say("debrief.chain.duplication.story", params),
        tuple(steps),
        Msg("debrief.chain.duplication.lesson"),
        tuple(o.id for o in wasters),
    )
    return [(total, chain)]
