"""Checks the schema cannot express: references between parts, and suspicious design.

The schema checks each value on its own; here the scenario is checked as a whole. Errors are
things the game cannot run with (an unknown organisation id, a month after the end); warnings
are designs that run but probably do not teach what the designer meant (an organisation no one
can partner with, a target out of reach, a text missing a language). `--strict` makes the
warnings errors, for bundled scenarios and CI.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from game.i18n import Msg
from game.scenario.errors import FieldPath, Problem, Severity, SourceMap, field_path
from game.scenario.schema import (
    Condition,
    Effect,
    Scenario,
    Sector,
    Text,
    Trigger,
    condition_subjects,
)
from game.scenario.words import value_hint

# A designer can write a target this far above the baseline; beyond it, the game's impact
# curves (diminishing returns towards 100) make it unreachable within a normal scenario.
MAX_REACHABLE_GAIN = 60.0
TARGET_WORDS = ("all", "players")


@dataclass
class _Report:
    """Collects problems, each placed at the field it is about."""

    source: SourceMap
    file: str
    problems: list[Problem] = field(default_factory=list)
    # From the paths of the scenario checked to those of the file read (the loader leaves out
    # items that failed the schema, so the rest can be checked; see loader._without_broken).
    translate: Callable[[FieldPath], FieldPath] | None = None

    def add(
        self,
        severity: Severity,
        path: FieldPath,
        key: str,
        hint: Msg | None = None,
        *,
        at_key: bool = False,
        **params: Any,
    ) -> None:
        if self.translate is not None:
            path = self.translate(path)
        position = self.source.locate(path, key=at_key)
        line, column = position if position else (None, None)
        self.problems.append(
            Problem(self.file, line, column, field_path(path), Msg(key, params), hint, severity)
        )

    def error(self, path: FieldPath, key: str, hint: Msg | None = None, **params: Any) -> None:
        self.add(Severity.error, path, key, hint, **params)

    def warn(self, path: FieldPath, key: str, hint: Msg | None = None, **params: Any) -> None:
        self.add(Severity.warning, path, key, hint, **params)

    def line_of(self, path: FieldPath) -> int | str:
        if self.translate is not None:
            path = self.translate(path)
        position = self.source.locate(path)
        return position[0] if position else "?"


@dataclass(frozen=True)
class _Names:
    """The ids other parts of the scenario may refer to."""

    domains: list[str]
    organisations: list[str]
    grants: list[str]

    @property
    def targets(self) -> list[str]:
        return [*self.organisations, *(s.value for s in Sector), *TARGET_WORDS]


def check_scenario(
    scenario: Scenario,
    source: SourceMap,
    file: str,
    translate: Callable[[FieldPath], FieldPath] | None = None,
) -> list[Problem]:
    """All cross-reference errors and design warnings of a schema-valid scenario."""
    report = _Report(source, file, translate=translate)
    names = _Names(
        domains=[d.id for d in scenario.domains],
        organisations=[o.id for o in scenario.organisations],
        grants=[g.id for g in scenario.grants],
    )
    _check_unique_ids(scenario, report)
    _check_domains(scenario, report)
    _check_organisations(scenario, names, report)
    _check_relations(scenario, names, report)
    _check_grants(scenario, names, report)
    _check_approval_rules(scenario, names, report)
    _check_events(scenario, names, report)
    _check_objectives(scenario, names, report)
    _check_months(scenario, report)
    _check_hints(scenario, report)
    _check_questions(scenario, report)
    _check_languages(scenario, report)
    _check_glyphs(scenario, report)
    _check_dotted_thousands(report)
    return report.problems


def _check_dotted_thousands(report: _Report) -> None:
    """`funds: 1.500`, meant as Rp 1.500 juta the Indonesian way, is read as 1,5: the file
    is valid and the organisation a thousand times poorer. The paths are the file's own."""
    for path, written in report.source.dotted.items():
        position = report.source.locate(path)
        line, column = position if position else (None, None)
        whole = written.replace(".", "")
        decimal = f"{float(written):g}"
        report.problems.append(
            Problem(
                report.file,
                line,
                column,
                field_path(path),
                Msg("scenario.check.dotted_thousands", {"written": written}),
                Msg(
                    "scenario.check.dotted_thousands.hint",
                    {"whole": whole, "written": written, "decimal": decimal},
                ),
                Severity.warning,
            )
        )


def _unknown(
    report: _Report, path: FieldPath, key: str, value: str, known: list[str], *, at_key=False
) -> None:
    """An id that refers to nothing: suggest the closest one, or list what exists."""
    hint = value_hint(value, known) or Msg(
        "scenario.hint.known_ids", {"ids": ", ".join(dict.fromkeys(known)) or "-"}
    )
    report.add(Severity.error, path, key, hint, at_key=at_key, id=value)


def _check_ref(report: _Report, path: FieldPath, value: str | None, kind: str, known: list[str]):
    if value is not None and value not in known:
        _unknown(report, path, f"scenario.check.unknown_{kind}", value, known)


def _check_unique_ids(scenario: Scenario, report: _Report) -> None:
    groups: list[list[tuple[str, Any]]] = [
        [("domains", scenario.domains)],
        [("organisations", scenario.organisations)],
        [("grants", scenario.grants)],
        [("events", scenario.events), ("injects", scenario.injects)],  # fired by one id space
        [("objectives", scenario.objectives)],
    ]
    for group in groups:
        first: dict[str, FieldPath] = {}
        taken = {item.id for _, items in group for item in items}
        for section, items in group:
            for index, item in enumerate(items):
                path = (section, index, "id")
                if item.id in first:
                    free = _free_id(item.id, taken)
                    taken.add(free)
                    report.error(
                        path,
                        "scenario.check.duplicate_id",
                        Msg("scenario.check.duplicate_id.hint", {"suggestion": free}),
                        id=item.id,
                        first_line=report.line_of(first[item.id]),
                        first=field_path(first[item.id][:2]),
                    )
                else:
                    first[item.id] = path


def _free_id(taken_id: str, taken: set[str]) -> str:
    """`nafkah` → `nafkah-2` (or the next number nobody uses), kept within the id length."""
    number = 2
    while True:
        candidate = f"{taken_id[: 48 - len(str(number)) - 1]}-{number}"
        if candidate not in taken:
            return candidate
        number += 1


def _check_domains(scenario: Scenario, report: _Report) -> None:
    served = {d for org in scenario.organisations for d, w in org.mission.items() if w > 0}
    for index, domain in enumerate(scenario.domains):
        path = ("domains", index)
        gain = domain.target - domain.baseline
        if gain <= 0:
            report.warn(
                (*path, "target"),
                "scenario.warn.target_not_above",
                target=_num(domain.target),
                baseline=_num(domain.baseline),
            )
        elif gain > MAX_REACHABLE_GAIN:
            report.warn(
                (*path, "target"),
                "scenario.warn.target_far",
                Msg("scenario.warn.target_far.hint", {"gain": _num(MAX_REACHABLE_GAIN)}),
                target=_num(domain.target),
                baseline=_num(domain.baseline),
                gain=_num(gain),
            )
        if domain.id not in served:
            report.warn(path, "scenario.warn.domain_unserved", id=domain.id)


def _check_organisations(scenario: Scenario, names: _Names, report: _Report) -> None:
    missions = [{d for d, w in org.mission.items() if w > 0} for org in scenario.organisations]
    for index, org in enumerate(scenario.organisations):
        path = ("organisations", index)
        if not org.mission:
            report.error((*path, "mission"), "scenario.check.mission_empty")
        for domain, weight in org.mission.items():
            weight_path = (*path, "mission", domain)
            if domain not in names.domains:
                _unknown(
                    report,
                    weight_path,
                    "scenario.check.unknown_domain",
                    domain,
                    names.domains,
                    at_key=True,
                )
            if weight <= 0:
                report.error(
                    weight_path,
                    "scenario.check.mission_weight",
                    Msg("scenario.check.mission_weight.hint", {}),
                    domain=domain,
                    weight=_num(weight),
                )
        others = set().union(*(m for i, m in enumerate(missions) if i != index))
        if missions[index] and not missions[index] & others:
            report.warn(
                (*path, "mission"),
                "scenario.warn.isolated",
                Msg("scenario.warn.isolated.hint", {}),
                id=org.id,
            )
        if org.staff == 0 and org.funds == 0 and org.income == 0:
            report.warn(path, "scenario.warn.no_resources", id=org.id)
    if not scenario.players:
        report.warn(
            ("organisations",), "scenario.warn.no_players", Msg("scenario.warn.no_players.hint", {})
        )


def _check_relations(scenario: Scenario, names: _Names, report: _Report) -> None:
    seen: set[tuple[str, str]] = set()
    for index, pair in enumerate(scenario.relations.pairs):
        path = ("relations", "pairs", index)
        _check_ref(report, (*path, "from"), pair.from_, "organisation", names.organisations)
        _check_ref(report, (*path, "to"), pair.to, "organisation", names.organisations)
        if pair.from_ == pair.to:
            report.error((*path, "to"), "scenario.check.relation_self", id=pair.to)
        directions = [(pair.from_, pair.to)] + ([(pair.to, pair.from_)] if pair.both_ways else [])
        if any(d in seen for d in directions):
            report.warn(path, "scenario.warn.duplicate_pair", source=pair.from_, target=pair.to)
        seen.update(directions)


def _check_grants(scenario: Scenario, names: _Names, report: _Report) -> None:
    months = scenario.meta.months
    for index, grant in enumerate(scenario.grants):
        path = ("grants", index)
        _check_ref(report, (*path, "approver"), grant.approver, "organisation", names.organisations)
        for i, domain in enumerate(grant.domains):
            _check_ref(report, (*path, "domains", i), domain, "domain", names.domains)
        for i, org in enumerate(grant.orgs):
            _check_ref(report, (*path, "orgs", i), org, "organisation", names.organisations)
        if grant.closes is not None and grant.closes < grant.opens:
            report.error(
                (*path, "closes"),
                "scenario.check.closes_before_opens",
                opens=grant.opens,
                closes=grant.closes,
            )
        if grant.opens > months:
            report.warn(
                (*path, "opens"),
                "scenario.warn.grant_never_opens",
                month=grant.opens,
                months=months,
            )
        eligible = [
            org
            for org in scenario.organisations
            if (not grant.sectors or org.sector in grant.sectors)
            and (org.legal_entity or not grant.requires_legal_entity)
            and org.credibility >= grant.min_credibility
            and (not grant.orgs or org.id in grant.orgs)
        ]
        if not eligible:
            report.warn(path, "scenario.warn.grant_unreachable", id=grant.id)


def _check_approval_rules(scenario: Scenario, names: _Names, report: _Report) -> None:
    for index, rule in enumerate(scenario.approvals):
        path = ("approvals", index)
        _check_ref(report, (*path, "domain"), rule.domain, "domain", names.domains)
        _check_ref(report, (*path, "approver"), rule.approver, "organisation", names.organisations)


def _check_events(scenario: Scenario, names: _Names, report: _Report) -> None:
    for index, event in enumerate(scenario.events):
        path = ("events", index)
        _check_trigger(event.trigger, (*path, "trigger"), scenario, names, report)
        _check_effects(event.effects, (*path, "effects"), names, report)
    for index, inject in enumerate(scenario.injects):
        _check_effects(inject.effects, ("injects", index, "effects"), names, report)


def _check_trigger(
    trigger: Trigger, path: FieldPath, scenario: Scenario, names: _Names, report: _Report
) -> None:
    """A window that holds no month, or a `month` outside its window: the event never fires
    (game/sim/events.py tests from_month <= month <= to_month, then `month` itself)."""
    start, end = trigger.from_month, trigger.to_month
    if end is not None and end < start:
        report.error((*path, "to_month"), "scenario.check.to_before_from", start=start, end=end)
    elif trigger.month is not None and trigger.month < start:
        report.error(
            (*path, "from_month"),
            "scenario.check.month_before_from",
            Msg("scenario.check.month_window.hint", {}),
            month=trigger.month,
            start=start,
        )
    elif trigger.month is not None and end is not None and trigger.month > end:
        report.error(
            (*path, "to_month"),
            "scenario.check.month_after_to",
            Msg("scenario.check.month_window.hint", {}),
            month=trigger.month,
            end=end,
        )
    months = scenario.meta.months
    if end is not None and end > months and start <= months:
        report.warn(
            (*path, "to_month"),
            "scenario.warn.to_after_end",
            Msg("scenario.warn.to_after_end.hint", {}),
            end=end,
            months=months,
        )
    if trigger.when is not None:
        _check_condition(trigger.when, (*path, "when"), names, report)


# What each condition subject can be: every value is at least 0; some have a ceiling; the
# partnership counts are whole numbers (game/sim/events.py, subject_value).
_CEILINGS = {"indicator": 100.0, "credibility": 100.0, "trust": 1.0, "tension": 1.0}
_COUNTS = frozenset(
    {"active_partnerships", "broken_partnerships", "partnerships_of", "model_active"}
)


def _check_condition(condition: Condition, path: FieldPath, names: _Names, report: _Report) -> None:
    _check_ref(report, (*path, "indicator"), condition.indicator, "domain", names.domains)
    for subject in ("funds", "credibility", "partnerships_of"):
        value = getattr(condition, subject)
        _check_ref(report, (*path, subject), value, "organisation", names.organisations)
    for subject in ("trust", "tension"):
        pair = getattr(condition, subject)
        for i, org in enumerate(pair or ()):
            _check_ref(report, (*path, subject, i), org, "organisation", names.organisations)
        if pair is not None and pair[0] == pair[1]:
            report.error(
                (*path, subject),
                "scenario.check.condition_self",
                Msg("scenario.check.condition_self.hint", {}),
                subject=subject,
                id=pair[0],
            )
    subject = next(
        (name for name in condition_subjects() if getattr(condition, name) not in (None, False)),
        "",
    )
    low = condition.above if condition.above is not None else float("-inf")
    high = condition.below if condition.below is not None else float("inf")
    never = low >= high or high <= 0 or low >= _CEILINGS.get(subject, float("inf"))
    if subject in _COUNTS and not never:  # the smallest whole number above `above`
        never = (math.floor(low) + 1 if low >= 0 else 0) >= high
    if never:
        report.warn(path, "scenario.warn.condition_never", low=_num(low), high=_num(high))


def _check_effects(
    effects: Iterable[Effect], path: FieldPath, names: _Names, report: _Report
) -> None:
    for index, effect in enumerate(effects):
        at = (*path, index)
        if effect.organisations is not None:
            _check_target(
                report, (*at, "organisations", "target"), effect.organisations.target, names
            )
        if effect.relation is not None:
            relation = effect.relation
            _check_target(report, (*at, "relation", "from"), relation.from_, names)
            _check_target(report, (*at, "relation", "to"), relation.to, names)
            if relation.from_ == relation.to and relation.to in names.organisations:
                # the engine skips an organisation's relation to itself: this changes nothing
                report.error(
                    (*at, "relation", "to"), "scenario.check.relation_self", id=relation.to
                )
        if effect.indicator is not None:
            _check_ref(
                report,
                (*at, "indicator", "domain"),
                effect.indicator.domain,
                "domain",
                names.domains,
            )
        if effect.grant is not None:
            _check_ref(report, (*at, "grant", "id"), effect.grant.id, "grant", names.grants)
        _check_effect_changes(effect, at, report)


# What an effect names to say what it changes, as opposed to a change itself.
_EFFECT_SELECTORS = frozenset({"target", "from_", "to", "both_ways", "domain", "id"})


def _check_effect_changes(effect: Effect, path: FieldPath, report: _Report) -> None:
    """`organisations: {target: pemdes}`: an effect that only selects changes nothing (every
    change defaults to 0 or to "leave as it is"), most likely a change left out or misnamed."""
    for kind in type(effect).model_fields:
        part = getattr(effect, kind)
        if part is None:
            continue
        changes = {
            info.alias or name: getattr(part, name)
            for name, info in type(part).model_fields.items()
            if name not in _EFFECT_SELECTORS
        }
        if not any(_is_change(value) for value in changes.values()):
            hint = Msg("scenario.warn.effect_empty.hint", {"fields": ", ".join(changes)})
            report.warn((*path, kind), "scenario.warn.effect_empty", hint, kind=kind)


def _is_change(value: Any) -> bool:
    """Whether an effect's field changes anything: a number other than 0, or a switch set
    (`legal_entity: false` is a change; leaving it out is not)."""
    if value is None:
        return False
    if isinstance(value, bool):
        return True
    return value != 0


def _check_target(report: _Report, path: FieldPath, target: str, names: _Names) -> None:
    if target not in names.targets:
        _unknown(report, path, "scenario.check.unknown_target", target, names.targets)


def _check_objectives(scenario: Scenario, names: _Names, report: _Report) -> None:
    baselines = {d.id: d.baseline for d in scenario.domains}
    for index, objective in enumerate(scenario.objectives):
        path = ("objectives", index)
        _check_ref(report, (*path, "indicator"), objective.indicator, "domain", names.domains)
        value = objective.value
        if value is None or objective.model is not None:
            continue
        if not 0 <= value <= 100:
            report.error((*path, "value"), "scenario.check.objective_range", value=_num(value))
        elif objective.indicator in baselines and value <= baselines[objective.indicator]:
            report.warn(
                (*path, "value"),
                "scenario.warn.objective_met",
                value=_num(value),
                baseline=_num(baselines[objective.indicator]),
            )


def _check_months(scenario: Scenario, report: _Report) -> None:
    """Anything scheduled after the last month would silently never happen."""
    months = scenario.meta.months
    scheduled: list[tuple[FieldPath, int | None]] = []
    for index, event in enumerate(scenario.events):
        trigger = ("events", index, "trigger")
        scheduled.append(((*trigger, "month"), event.trigger.month))
        scheduled.append(((*trigger, "from_month"), event.trigger.from_month))
    for index, inject in enumerate(scenario.injects):
        scheduled.append((("injects", index, "suggested_month"), inject.suggested_month))
    for index, hint in enumerate(scenario.hints):
        scheduled.append((("hints", index, "month"), hint.month))
    for path, month in scheduled:
        if month is not None and month > months:
            report.error(
                path,
                "scenario.check.after_end",
                Msg("scenario.check.after_end.hint", {}),
                month=month,
                months=months,
            )


def _check_questions(scenario: Scenario, report: _Report) -> None:
    happenings = [e.id for e in scenario.events] + [i.id for i in scenario.injects]
    for index, question in enumerate(scenario.debrief_questions):
        for k, happening in enumerate(question.after):
            path = ("debrief_questions", index, "after", k)
            _check_ref(report, path, happening, "happening", happenings)


def _check_hints(scenario: Scenario, report: _Report) -> None:
    """The game shows one hint a month, the first one (a later one would be dropped silently);
    like a relation pair set twice, a warning."""
    first: dict[int, FieldPath] = {}
    for index, hint in enumerate(scenario.hints):
        path = ("hints", index, "month")
        if hint.month not in first:
            first[hint.month] = path
            continue
        report.warn(
            path,
            "scenario.warn.duplicate_hint",
            Msg("scenario.warn.duplicate_hint.hint", {}),
            month=hint.month,
            first_line=report.line_of(first[hint.month]),
        )


def _check_languages(scenario: Scenario, report: _Report) -> None:
    wanted = list(dict.fromkeys(scenario.meta.languages))
    for path, text in _texts(scenario, ()):
        for lang in wanted:
            if not text.get(lang):
                report.warn(
                    path,
                    "scenario.warn.missing_language",
                    Msg("scenario.warn.missing_language.hint", {"lang": lang}),
                    lang=lang,
                )


def _no_glyph(ch: str) -> bool:
    """A character the game's font (Lato) has no shape for: emoji, pictographs, dingbats and
    the emoji variation selector. A name with one shows a box in the game."""
    code = ord(ch)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or code == 0xFE0F


def _check_glyphs(scenario: Scenario, report: _Report) -> None:
    for path, value in _strings(scenario, ()):
        missing = sorted({ch for ch in value if _no_glyph(ch)})
        if missing:
            report.warn(
                path,
                "scenario.warn.no_glyph",
                Msg("scenario.warn.no_glyph.hint", {}),
                chars=" ".join(missing),
            )


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every string in the scenario, with its field path (YAML keys, and `id`/`en`)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _strings(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))


def _texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, Text]]:
    """Every two-language text in the scenario, with its field path (YAML keys)."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _num(value: float) -> str:
    """Numbers as a designer wrote them: 40, not 40.0."""
    if value in (float("inf"), float("-inf")):
        return "∞" if value > 0 else "-∞"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
