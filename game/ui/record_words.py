"""The record in words, for the facilitator: what an inject does, and what a move of the
record was ("Tim Merah: informal chat with BPBD"). Read-only views of the world and match."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from game.i18n import Translator, format_number
from game.scenario.schema import Effect, Event, Inject, OrgEffect, RelationEffect
from game.sim.commands import (
    ApplyForGrant,
    AskChange,
    FireInject,
    FollowUpApproval,
    ProposePartnership,
    Respond,
    RunProgram,
    ScheduleInject,
)
from game.sim.errors import Impossible
from game.sim.events import targets
from game.ui.actions import partnership_label
from game.ui.formatting import domain_name, model_name, money, pct, sector_name, short_name

if TYPE_CHECKING:
    from game.sim.world import World
    from game.ui.match import Match


# --- what an inject does, in words ------------------------------------------------------------
# The facilitator checks an inject before firing it and explains it in the debrief: each
# effect of the scenario's model (`game.scenario.schema.Effect`, applied by
# `game.sim.events.apply_effect`) as one line, with the organisations it reaches by name.
ORG_FIELDS = ("credibility", "capacity", "staff", "knowledge", "bureaucracy")


def effect_lines(world: World, t: Translator, inject: Inject | Event) -> list[str]:
    """One line per effect of an inject or event, in the language of `t`; one line saying
    so when there is none."""
    lines = [_capital(_effect_line(world, t, effect)) for effect in inject.effects]
    return lines or [t("facilitator.fx.none")]


def event_spec(world: World, event_id: str) -> Inject | Event | None:
    """The scenario's event or inject with this id (a log entry names it by id)."""
    for spec in (*world.scenario.events, *world.scenario.injects):
        if spec.id == event_id:
            return spec
    return None


def _effect_line(world: World, t: Translator, effect: Effect) -> str:
    if effect.organisations is not None:
        return _org_line(world, t, effect.organisations)
    if effect.relation is not None:
        return _relation_line(world, t, effect.relation)
    if effect.indicator is not None:
        e = effect.indicator
        parts = []
        if e.change:
            parts.append(t("facilitator.fx.points", delta=_signed(t, e.change)))
        if e.need:
            parts.append(t("facilitator.fx.need", delta=_signed(t, e.need)))
        domain = domain_name(world, t, world.domain_index[e.domain])
        return t("facilitator.fx.about", who=domain, changes=_joined(t, parts))
    if effect.regulation is not None:
        e = effect.regulation
        parts = []
        if e.change:
            key = (
                "facilitator.fx.regulation_up" if e.change > 0 else "facilitator.fx.regulation_down"
            )
            parts.append(t(key, delta=_signed(t, e.change)))
        if e.extra_steps:
            key = (
                "facilitator.fx.extra_step" if e.extra_steps == 1 else "facilitator.fx.extra_steps"
            )
            parts.append(t(key, n=e.extra_steps))
        return _joined(t, parts)
    e = effect.grant
    assert e is not None  # the schema gives every effect exactly one kind
    parts = []
    if e.open is not None:
        parts.append(t("facilitator.fx.grant_open" if e.open else "facilitator.fx.grant_closed"))
    if e.amount is not None:
        parts.append(t("facilitator.fx.grant_amount", amount=money(t, e.amount)))
    if e.chance is not None:
        parts.append(t("facilitator.fx.grant_chance", chance=pct(t, e.chance)))
    grant = t.text(world.grant_name(e.id))
    return t("facilitator.fx.about", who=grant, changes=_joined(t, parts))


def _org_line(world: World, t: Translator, e: OrgEffect) -> str:
    parts = []
    if e.funds:
        parts.append(t("facilitator.fx.funds", delta=_signed_money(t, e.funds)))
    if e.income:
        parts.append(t("facilitator.fx.income", delta=_signed_money(t, e.income)))
    for name in ORG_FIELDS:
        value = getattr(e, name)
        if value:
            parts.append(t(f"facilitator.fx.{name}", delta=_signed(t, value)))
    if e.legal_entity is not None:
        parts.append(t("facilitator.fx.legal" if e.legal_entity else "facilitator.fx.not_legal"))
    return t("facilitator.fx.about", who=_who(world, t, e.target), changes=_joined(t, parts))


def _relation_line(world: World, t: Translator, e: RelationEffect) -> str:
    a, b = _who(world, t, e.from_), _who(world, t, e.to)
    how = "among" if e.from_ == e.to else "between" if e.both_ways else "of"
    parts = [
        t(f"facilitator.fx.{name}_{how}", a=a, b=b, delta=_signed(t, getattr(e, name)))
        for name in ("trust", "tension")
        if getattr(e, name)
    ]
    return _joined(t, parts)


def _who(world: World, t: Translator, target: str) -> str:
    """An effect's target: an organisation by its short name, `all`, or a group named with
    the organisations in it (the facilitator sees whom a sector or `players` reaches)."""
    if target == "all":
        return t("facilitator.fx.all")
    if target in world.org_index:
        return short_name(world, t, world.org_index[target])
    names = [short_name(world, t, i) for i in targets(world, target)]
    listed = _listed(t, names)
    if target == "players":
        return t("facilitator.fx.players", names=listed)
    return t("facilitator.fx.sector", sector=sector_name(t, target), names=listed)


def _listed(t: Translator, names: list[str]) -> str:
    """ "A, B and C" in the language of `t`."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t('list.and')} {names[-1]}"


def _signed(t: Translator, value: float) -> str:
    return ("+" if value > 0 else "−") + format_number(abs(value), t.lang)


def _signed_money(t: Translator, value: float) -> str:
    return ("+" if value > 0 else "−") + money(t, abs(value))


def _joined(t: Translator, parts: list[str]) -> str:
    return "; ".join(parts) if parts else t("facilitator.fx.nothing")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- a move of the record, in words -----------------------------------------------------------
def move_words(match: Match, t: Translator, command: Any) -> str:
    """A command of the record as the facilitator says it: whose move (the team's name, or
    the facilitator's) and what it was, e.g. "Tim Merah: informal chat with BPBD"."""
    world = match.world
    kind = type(command).__name__
    actor = getattr(command, "actor", None)
    if actor is None:
        who = t("facilitator.move.facilitator")
    else:
        team = match.team_of(actor)
        who = team.name if team is not None else short_name(world, t, world.org_index[actor])
    params: dict[str, Any] = {"who": who}
    if isinstance(command, Respond):
        kind = f"Respond.{command.answer}"
        params["n"] = command.proposal
        with contextlib.suppress(Impossible):
            params["by"] = short_name(world, t, world.proposal(command.proposal).proposer)
    if isinstance(command, ProposePartnership):
        names = [short_name(world, t, world.org_index[o]) for o in command.partners]
        params["with_"] = _listed(t, names)
        params["model"] = model_name(t, command.model)
    if hasattr(command, "other"):
        params["other"] = short_name(world, t, world.org_index[command.other])
    if hasattr(command, "partnership"):
        params["p"] = f"#{command.partnership}"
        with contextlib.suppress(Impossible):
            p = world.partnership(command.partnership)
            params["p"] = partnership_label(world, t, p, world.org_index[actor])
    if isinstance(command, AskChange):
        kind = "AskChange.release" if command.release else "AskChange"
        params["member"] = short_name(world, t, world.org_index[command.member])
        with contextlib.suppress(Impossible):  # "… PT Kemasindo … #3 with PT Kemasindo": once
            p = world.partnership(command.partnership)
            params["p"] = f"#{p.id} ({model_name(t, p.model)})"
    if isinstance(command, RunProgram):
        params["domain"] = domain_name(world, t, world.domain_index[command.domain])
    if isinstance(command, ApplyForGrant):
        params["grant"] = t.text(world.grant_name(command.grant))
    if isinstance(command, FollowUpApproval):
        params["n"] = command.item
    if isinstance(command, FireInject | ScheduleInject):
        inject = next((i for i in world.scenario.injects if i.id == command.inject), None)
        params["title"] = t.text(inject.title) if inject is not None else command.inject
        params["month"] = getattr(command, "month", "")
    return t(f"facilitator.move.{kind}", **params)
