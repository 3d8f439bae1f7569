"""Build a `Debrief` from a session: read the record's world and history, change nothing."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from game.debrief import funds, logbook
from game.debrief.chains import find_chains
from game.debrief.errors import DebriefError
from game.debrief.model import (
    BenefitScore,
    Debrief,
    DomainCard,
    NowWhat,
    OrgCard,
    OrgMonth,
    OrgOutcome,
    PartnershipView,
    Reveal,
    RevealCard,
    SessionInfo,
    SoWhat,
    WhatHappened,
    colour,
    scenario_text,
    sector_look,
)
from game.debrief.network import trust_network
from game.debrief.objectives import assess
from game.debrief.prompts import generated_prompts, scenario_questions
from game.debrief.review import review
from game.debrief.series import climate_chart, indicator_chart, tension_chart, trust_chart
from game.debrief.timeline import key_moments
from game.i18n import Msg
from game.sim import outcomes as sim_outcomes
from game.sim.session import Session, SessionError
from game.sim.world import World


def load_debrief(path: str | Path) -> Debrief:
    """Open a session file and build its debrief; `DebriefError` says what went wrong."""
    try:
        session = Session.load(path)
    except SessionError as exc:
        raise DebriefError.wrap(exc.reason) from exc
    return build_debrief(session, source=Path(path).name)


def build_debrief(session: Session, *, source: str = "") -> Debrief:
    world = session.world
    scenario = session.scenario
    players = team_orgs(session)
    orgs = tuple(org_card(session, spec, players) for spec in scenario.organisations)
    domains = tuple(
        DomainCard(
            d.id,
            scenario_text(d.name),
            d.baseline,
            d.target,
            round(float(world.indicators[i]), 2),
            colour(i),
        )
        for i, d in enumerate(scenario.domains)
    )
    results = org_outcomes(world, players)
    objectives = assess(world, {o.org: o for o in results}, players)
    charts = (
        indicator_chart(world, domains),
        climate_chart(world),
        trust_chart(world, orgs),
        tension_chart(world, orgs),
    )
    chains = find_chains(world)
    last = world.history.snapshots[-1].month
    so_what = SoWhat(
        charts,
        trust_network(world, orgs, 0),
        trust_network(world, orgs, last),
        sim_outcomes.world_challenges(world),
        chains,
    )
    what = WhatHappened(
        key_moments(world, players, charts),
        results,
        partnership_views(world),
        session_facts(world, domains, objectives),
    )
    now_what = NowWhat(
        scenario_questions(scenario, world.fired),
        generated_prompts(world, players, results, chains, objectives),
    )
    info = SessionInfo(
        session.id,
        source,
        scenario.meta.id,
        hashlib.sha256(session.scenario_text.encode("utf-8")).hexdigest(),
        session.seed,
        world.month,
        world.months,
        world.finished,
        dict(session.controllers),
        complete=last,
    )
    return Debrief(
        info,
        scenario_text(scenario.meta.title),
        scenario_text(scenario.meta.summary),
        orgs,
        domains,
        what,
        so_what,
        now_what,
        reveal(world),
        objectives,
        monthly(world),
    )


def org_card(session: Session, spec, players: list[str]) -> OrgCard:
    """An organisation as the game drew it: its sector's colour and shape, and a dash pattern
    for the second and third of one sector so their curves stay apart."""
    sector = spec.sector.value
    before = session.scenario.organisations[: session.scenario.organisations.index(spec)]
    colour_, shape = sector_look(sector)
    return OrgCard(
        spec.id,
        scenario_text(spec.name),
        scenario_text(spec.short or spec.name),
        sector,
        spec.id in players,
        session.teams.get(spec.id),
        colour_,
        shape,
        sum(1 for other in before if other.sector.value == sector),
    )


def team_orgs(session: Session) -> list[str]:
    """The organisations teams played: the human-run ones, else the seats a headless run
    played for the teams.

    A headless session (`simulate --save-sessions`) has an AI in every seat; its controllers
    name the ones it played as the teams': the scenario's players and any `--teams` added.
    The report's header, a comparison's scorecard and its mean team score all read this.
    """
    humans = [o.id for o in session.world.orgs if o.human]
    seats = [o.id for o in session.world.orgs if o.id in session.controllers]
    return humans or seats or list(session.scenario.players)


def org_outcomes(world: World, players: Sequence[str] = ()) -> tuple[OrgOutcome, ...]:
    """Each organisation's result; the teams' and their partners' cards also say when their
    cash ran out (every organisation's, when no organisation was a team's)."""
    results = sim_outcomes.outcomes(world)
    start_funds = funds.first_turn_funds(world)
    told = funds.partners_of(world, set(players)) if players else {o.id for o in world.orgs}
    teams = set(players) if players else set()
    downs = funds.run_downs(world)
    ran_out = {r.org: funds.said(world, r) for r in downs if r.org in told}
    out = []
    for org in world.orgs:
        r = results[org.id]
        benefits = tuple(
            BenefitScore(k, b.score, b.raw, b.unit, b.reference) for k, b in r.benefits.items()
        )
        statuses = Counter(
            p.status.value
            for p in world.partnerships
            if org.idx in p.members or org.idx in p.former
        )
        out.append(
            OrgOutcome(
                org.id,
                benefits,
                dict(r.challenges),
                dict(r.pillars),
                dict(statuses),
                round(float(start_funds[org.idx]), 1),
                round(org.funds, 1),
                org_facts(world, org.idx, benefits, statuses, r.challenges, ran_out.get(org.id)),
                *(review(world, org.idx, downs) if org.id in teams else ((), ())),
            )
        )
    return tuple(out)


def org_facts(world, idx, benefits, statuses, challenges, ran_out=None) -> tuple[Msg, ...]:
    name = logbook.label(world, idx)
    facts = []
    total = sum(statuses.values())
    if total == 0:
        facts.append(Msg("debrief.fact.alone", {"org": name}))
    else:
        facts.append(
            Msg(
                "debrief.fact.partnerships",
                {
                    "org": name,
                    "partnerships": logbook.counted("partnerships", total),
                    "completed": statuses.get("completed", 0),
                    "running": statuses.get("active", 0) + statuses.get("awaiting_approval", 0),
                    "ended": statuses.get("broken", 0) + statuses.get("dissolved", 0),
                },
            )
        )
    if challenges.get("broken_commitments", 0):
        n = challenges["broken_commitments"]
        facts.append(Msg("debrief.fact.broken", {"commitments": logbook.counted("commitments", n)}))
    if ran_out is not None:
        facts.append(ran_out)
    if challenges.get("approval_wait_months", 0):
        n = challenges["approval_wait_months"]
        facts.append(Msg("debrief.fact.waited", {"months": logbook.counted("months", n)}))
    best = max(benefits, key=lambda b: b.score)
    worst = min(benefits, key=lambda b: b.score)
    facts.append(
        Msg(
            "debrief.fact.best_worst",
            {
                "best": Msg(f"sim.benefit.{best.id}"),
                "best_score": round(best.score),
                "worst": Msg(f"sim.benefit.{worst.id}"),
                "worst_score": round(worst.score),
            },
        )
    )
    return tuple(facts)


def partnership_views(world: World) -> tuple[PartnershipView, ...]:
    from game.sim.outcomes import partnership_health

    return tuple(
        PartnershipView(
            p.id,
            p.model.value,
            tuple(world.orgs[m].id for m in [*p.members, *p.former]),
            p.status.value,
            p.agreed,
            p.started,
            p.ended,
            p.end_reason,
            round(p.understanding, 3),
            round(partnership_health(world, p), 3),
            sum(p.kept.values()),
            sum(p.missed.values()),
        )
        for p in world.partnerships
    )


def session_facts(world: World, domains, objectives) -> tuple[Msg, ...]:
    statuses = Counter(p.status.value for p in world.partnerships)
    facts = []
    last = world.history.snapshots[-1].month
    if not world.finished:
        key = "debrief.fact.unfinished" if last else "debrief.fact.unfinished_none"
        if last and not any(e.month == world.month for e in world.entries):
            key = "debrief.fact.unfinished_clean"  # stopped between months: no month-9 moves
        params = {"month": world.month, "months": world.months, "last": last}
        facts.append(Msg(key, {**params, "complete": logbook.counted("months", last)}))
    facts.append(
        Msg(
            "debrief.fact.session_partnerships",
            {
                "partnerships": logbook.counted("partnerships", len(world.partnerships)),
                "completed": statuses.get("completed", 0),
                "running": statuses.get("active", 0) + statuses.get("awaiting_approval", 0),
                "broken": statuses.get("broken", 0),
                "dissolved": statuses.get("dissolved", 0),
            },
        )
    )
    facts.append(
        Msg(
            "debrief.fact.indicators",
            {"reached": sum(1 for d in domains if d.reached), "count": len(domains)},
        )
    )
    if objectives:
        facts.append(
            Msg(
                "debrief.fact.objectives",
                {"met": sum(1 for o in objectives if o.met), "count": len(objectives)},
            )
        )
    ch = sim_outcomes.world_challenges(world)
    nouns = {
        "goal_mismatch": "times",
        "resource_shortfall": "contributions",
        "approval_wait_months": "months",  # a sum over organisations: the sentence says so
        "broken_commitments": "commitments",
    }
    params = {k: logbook.counted(noun, ch.get(k, 0)) for k, noun in nouns.items()}
    facts.append(Msg("debrief.fact.challenges", params))
    return tuple(facts)


def reveal(world: World) -> Reveal:
    scenario = world.scenario
    n = len(world.orgs)
    cards = []
    for org, spec in zip(world.orgs, scenario.organisations, strict=True):
        mission = sorted(
            (
                (world.domain_name(d), float(w))
                for d, w in enumerate(org.mission)
                if float(w) > 0.005
            ),
            key=lambda dw: -dw[1],
        )
        known = (
            sum(float(world.known[i, org.idx]) for i in range(n) if i != org.idx) / (n - 1)
            if n > 1
            else 0.0
        )
        cards.append(
            RevealCard(
                org.id,
                tuple((scenario_text(name), round(w, 3)) for name, w in mission),
                scenario_text(spec.hidden_agenda) if spec.hidden_agenda else None,
                scenario_text(spec.description) if spec.description else None,
                round(known, 3),
            )
        )
    return Reveal(
        tuple(cards),
        tuple(scenario_text(n) for n in scenario.facilitator_notes),
        tuple(scenario_text(o) for o in scenario.meta.learning_objectives),
    )


def monthly(world: World) -> tuple[OrgMonth, ...]:
    rows = []
    for snap in world.history.snapshots:
        t_in, t_out = logbook.incoming(snap.trust), logbook.outgoing(snap.trust)
        x_in, x_out = logbook.incoming(snap.tension), logbook.outgoing(snap.tension)
        live = [p for p in snap.partnerships if p[2] in ("active", "awaiting_approval")]
        for org in world.orgs:
            i = org.idx
            values = {f: round(float(v[i]), 3) for f, v in snap.org.items()}
            values.update(
                trust_in=round(float(t_in[i]), 3),
                trust_out=round(float(t_out[i]), 3),
                tension_in=round(float(x_in[i]), 3),
                tension_out=round(float(x_out[i]), 3),
                partnerships=sum(1 for p in live if i in p[3]),
            )
            rows.append(OrgMonth(snap.month, org.id, values))
    return tuple(rows)
