"""The scenario file format, version 1, as pydantic models.

This module is the single source of truth for what a scenario may say: the loader validates
against it, `kolaborasi schema` exports its JSON Schema for editors, and the simulation reads
the validated objects. Every model constant of the design lives in `Rules`, each with its
default and a description a designer can read in the editor.

Units: money in juta Rupiah (1 juta = Rp 1,000,000), time in months, people as head-count.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic import Strict as StrictType
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1
MAX_MONEY = 10_000_000.0  # juta Rp: Rp10 trillion, far beyond any district's budget
MAX_INCOME = 1_000_000.0  # juta Rp a month
MAX_STAFF = 10_000
MAX_KNOWLEDGE = 1000
MAX_GRANT = 1_000_000.0  # juta Rp
NON_BLANK = r"\S"  # JSON Schema and pydantic both search: some character that is not a space


# Numbers and switches exactly as the exported JSON Schema types them. pydantic's lax mode
# would take `staff: true` as 1, `funds: "20"` as 20 and `legal_entity: "no"` as false, so the
# editor and `kolaborasi validate` would disagree. Strict floats still take whole numbers.
Number = Annotated[float, StrictType()]
Flag = Annotated[bool, StrictType()]


Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        min_length=1,
        max_length=48,
        description="A short identifier: lower-case letters, digits, '-' or '_'.",
    ),
]


class Strict(BaseModel):
    """Base for all scenario models: unknown keys are errors, so typos never pass silently."""

    # allow_inf_nan=False: `.inf`/`.nan` would pass unbounded fields and poison the simulation.
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False
    )

    @field_validator("*", mode="before")
    @classmethod
    def _whole_numbers_are_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """`staff: true` is not 1 and `staff: "5"` not 5, as in the JSON Schema. (A strict
        int would also refuse `staff: 8.0`, which the JSON Schema allows, hence this check.)"""
        if isinstance(value, bool | str) and info.field_name is not None:
            error = _whole_fields(cls).get(info.field_name)
            if error == "literal_error":
                raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
            if error is not None:
                raise PydanticCustomError("int_type", "Input should be a valid integer")
        return value


@cache
def _whole_fields(model: type[BaseModel]) -> dict[str, str]:
    """The fields of a model that hold a whole number (or the literal 1), by the error a bool
    or a text there is."""
    fields: dict[str, str] = {}
    for name, info in model.model_fields.items():
        args = [a for a in get_args(info.annotation) if a is not type(None)]
        annotation = args[0] if get_origin(info.annotation) in (Union, UnionType) else None
        annotation = annotation if annotation is not None and len(args) == 1 else info.annotation
        if annotation is int:
            fields[name] = "int_type"
        elif get_origin(annotation) is Literal and all(
            type(a) is int for a in get_args(annotation)
        ):
            fields[name] = "literal_error"
    return fields


class Text(Strict):
    """A text in both languages. Either key may be missing (the loader warns)."""

    id: str | None = Field(None, description="Bahasa Indonesia.")
    en: str | None = Field(None, description="English.")

    @field_validator("id", "en")
    @classmethod
    def _blank_is_missing(cls, value: str | None) -> str | None:
        """`en: " "` is a missing translation (a warning), not an English text of one space."""
        return value if value is None or value.strip() else None

    @model_validator(mode="after")
    def _not_empty(self) -> Text:
        if not (self.id or self.en):
            raise PydanticCustomError(
                "text_empty", "give the text in at least one language: `id` or `en`"
            )
        return self

    def get(self, lang: str, default: str | None = None) -> str | None:
        return getattr(self, lang, None) or default

    def __getitem__(self, lang: str) -> str:
        value = getattr(self, lang, None)
        if value is None:
            raise KeyError(lang)
        return value

    def __contains__(self, lang: object) -> bool:
        return isinstance(lang, str) and getattr(self, lang, None) is not None


# A plain string (both languages) that is not blank: `title: ""` would show nothing.
PlainText = Annotated[str, Field(pattern=NON_BLANK)]
LocalText = Annotated[
    PlainText | Text,
    Field(description="A plain string, or {id: Bahasa Indonesia, en: English}."),
]


class Sector(StrEnum):
    community = "community"
    ngo = "ngo"
    government = "government"
    private = "private"
    education = "education"
    media = "media"
    donor = "donor"


class Model(StrEnum):
    """The five collaboration models of the seed essay."""

    cross_sector = "cross_sector"
    resource_pooling = "resource_pooling"
    information_network = "information_network"
    technology = "technology"
    education_development = "education_development"


class Meta(Strict):
    id: Id
    title: LocalText
    summary: LocalText
    author: str = Field("", description="Who wrote the scenario.")
    version: str = Field("1.0", description="The scenario's own version, for the designer.")
    languages: list[Literal["id", "en"]] = Field(
        default_factory=lambda: ["id", "en"], min_length=1, description="Languages given."
    )
    months: int = Field(24, ge=1, le=120, description="How many months the scenario lasts.")
    start_month: int | None = Field(
        None, ge=1, le=12, description="Calendar month of month 1 (1 = January), for the screen."
    )
    seed: int = Field(1, ge=0, le=2**63 - 1, description="Default random seed.")
    default: Flag = Field(False, description="Marks the scenario the game opens by default.")
    learning_objectives: list[LocalText] = Field(
        default_factory=list,
        description="What the players should take home; shown at the start and in the debrief.",
    )


class Domain(Strict):
    """A community need with an indicator from 0 to 100."""

    id: Id
    name: LocalText
    baseline: Number = Field(ge=0, le=100, description="Indicator value at month 0.")
    target: Number = Field(ge=0, le=100, description="What the scenario hopes to reach.")
    need: Number = Field(1.0, gt=0, le=10, description="Weight of this need in the impact score.")
    drift: Number = Field(
        -0.2,
        ge=-5,
        le=5,
        description="Points per month the indicator moves when nobody works on it.",
    )


class Traits(Strict):
    """Behaviour of an organisation, each 0–1; they drive AI choices and some rules."""

    openness: Number = Field(0.5, ge=0, le=1, description="Readiness to accept proposals.")
    reliability: Number = Field(0.8, ge=0, le=1, description="Keeps commitments under pressure.")
    transparency: Number = Field(0.5, ge=0, le=1, description="Shares information and books.")
    patience: Number = Field(0.5, ge=0, le=1, description="Tolerates approval delays.")


AI_POLICIES = (
    "cautious",
    "opportunist",
    "bureaucrat",
    "champion",
    "collaborative",
    "neglectful",
    "solo",
)
PLAYER = "player"
PolicyName = Literal[
    "player",
    "cautious",
    "opportunist",
    "bureaucrat",
    "champion",
    "collaborative",
    "neglectful",
    "solo",
]

BENEFIT_IDS = (
    "impact",
    "efficiency",
    "learning",
    "capacity",
    "network",
    "innovation",
    "credibility",
    "problem_solving",
    "resource_access",
    "sustainability",
)
BenefitId = Literal[
    "impact",
    "efficiency",
    "learning",
    "capacity",
    "network",
    "innovation",
    "credibility",
    "problem_solving",
    "resource_access",
    "sustainability",
]


# Only the ratios matter (the game normalises them); the bound keeps their sum finite.
# More than 0 is checked by the organisation's validator, whose message says to leave the
# domain out instead; the schema says it too, so an editor flags 0 as it is typed.
MissionWeight = Annotated[Number, Field(le=1000, json_schema_extra={"exclusiveMinimum": 0})]


class Organisation(Strict):
    id: Id
    name: LocalText
    short: str | None = Field(
        None, max_length=16, pattern=NON_BLANK, description="A short label for the map."
    )
    description: LocalText | None = Field(
        None, description="A few sentences about the organisation, shown in the debrief reveal."
    )
    sector: Sector = Field(
        description="community, ngo, government, private, education, media or donor: sets the "
        "default bureaucracy; sector names are event targets and grant filters."
    )
    policy: PolicyName = Field(
        "cautious",
        description="`player` for a team, or an AI policy: "
        + ", ".join(AI_POLICIES)
        + ". Player organisations use a policy too in headless runs.",
    )
    mission: dict[str, MissionWeight] = Field(
        description="Weights over domain ids (positive, at most 1000; normalised by the game)."
    )
    hidden_agenda: LocalText | None = Field(
        None, description="Shown to the facilitator and in the debrief reveal."
    )
    funds: Number = Field(ge=0, le=MAX_MONEY, description="Funds at the start, juta Rp.")
    income: Number = Field(0, ge=0, le=MAX_INCOME, description="Own income per month, juta Rp.")
    staff: int = Field(ge=0, le=MAX_STAFF, description="People available for programs.")
    staff_cost: Number | None = Field(
        None,
        ge=0,
        le=1000,
        description="Juta Rp per staff member a month; 0 for volunteers. Absent: rules.staff_cost.",
    )
    capacity: Number = Field(0.5, ge=0, le=1, description="Skill of the staff, 0–1.")
    credibility: Number = Field(50, ge=0, le=100, description="Standing with donors and public.")
    knowledge: Number = Field(
        10, ge=0, le=MAX_KNOWLEDGE, description="Knowledge stock, arbitrary units."
    )
    bureaucracy: Number | None = Field(
        None, ge=0, le=1, description="0–1; if absent, the sector default."
    )
    legal_entity: Flag = Field(
        True, description="Registered legal entity (badan hukum); needed for some grants."
    )
    champion: Flag = Field(
        False, description="Can champion paperwork for others (Camat, Bappeda, a respected figure)."
    )
    traits: Traits = Field(
        default_factory=Traits,
        description="Behaviour, each 0–1: openness, reliability, transparency, patience.",
    )


class RelationDefault(Strict):
    """The starting relation of every pair not listed in `pairs`."""

    trust: Number = Field(0.3, ge=0, le=1, description="Starting trust, 0–1.")
    tension: Number = Field(0.1, ge=0, le=1, description="Starting tension, 0–1.")


class RelationPair(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: Id = Field(alias="from", description="Organisation id.")
    to: Id = Field(description="Organisation id.")
    trust: Number | None = Field(
        None, ge=0, le=1, description="Trust of `from` in `to`, 0–1; absent: the default."
    )
    tension: Number | None = Field(
        None, ge=0, le=1, description="Tension between them, 0–1; absent: the default."
    )
    known_mission: Number | None = Field(
        None, ge=0, le=1, description="How much of `to`'s mission `from` knows already."
    )
    both_ways: Flag = Field(True, description="Apply the same values from `to` to `from`.")
    mou: Flag = Field(False, description="An existing MoU framework: approvals pass faster.")
    history: LocalText | None = Field(
        None, description="The story behind the numbers, for the facilitator's briefing."
    )


class Relations(Strict):
    default: RelationDefault = Field(
        default_factory=RelationDefault, description="Trust and tension of every pair not listed."
    )
    pairs: list[RelationPair] = Field(
        default_factory=list, description="Relations that differ from the default, by pair."
    )


class Grant(Strict):
    """A funding source organisations can apply to: donor, CSR, APBD hibah, Dana Desa."""

    id: Id
    name: LocalText
    amount: Number = Field(gt=0, le=MAX_GRANT, description="Juta Rp awarded.")
    chance: Number = Field(0.3, ge=0, le=1, description="Base chance of success per application.")
    approver: Id | None = Field(
        None, description="Organisation whose approval queue the award passes through."
    )
    sectors: list[Sector] = Field(
        default_factory=list, description="Sectors that may apply; empty means all."
    )
    domains: list[Id] = Field(default_factory=list, description="Domains the money must serve.")
    requires_legal_entity: Flag = Field(
        False, description="Only registered legal entities (badan hukum) may apply."
    )
    requires_partnership: Flag = Field(
        False, description="Only organisations in an active partnership may apply."
    )
    public: Flag = Field(
        False, description="Public money: members of cross-sector partnerships apply with a bonus."
    )
    min_credibility: Number = Field(
        0, ge=0, le=100, description="Minimum credibility (0–100) to apply."
    )
    opens: int = Field(1, ge=1, description="First month applications are accepted.")
    closes: int | None = Field(None, ge=1, description="Last month; absent means never closes.")
    once_per_org: Flag = Field(True, description="Each organisation may apply only once.")
    orgs: list[Id] = Field(
        default_factory=list, description="Organisations that may apply; empty means any."
    )


class Condition(Strict):
    """A test on the world's state. Name exactly one subject and `below` and/or `above`."""

    indicator: Id | None = Field(None, description="Domain id: its indicator value.")
    funds: Id | None = Field(None, description="Organisation id: its funds.")
    credibility: Id | None = Field(None, description="Organisation id: its credibility.")
    trust: tuple[Id, Id] | None = Field(None, description="[from, to]: trust of from in to.")
    tension: tuple[Id, Id] | None = Field(None, description="[from, to]: tension.")
    active_partnerships: Flag | None = Field(
        None, description="`true`: test the number of active partnerships."
    )
    broken_partnerships: Flag | None = Field(
        None, description="`true`: test the number of partnerships broken so far."
    )
    partnerships_of: Id | None = Field(
        None, description="Organisation id: the number of active partnerships it is in."
    )
    model_active: Model | None = Field(
        None, description="A collaboration model: the number of active partnerships of it."
    )
    below: Number | None = Field(None, description="Holds when the value is below this.")
    above: Number | None = Field(None, description="Holds when the value is above this.")

    @model_validator(mode="after")
    def _one_subject(self) -> Condition:
        subjects = condition_subjects()
        named = [name for name in subjects if getattr(self, name) not in (None, False)]
        if len(named) != 1:
            raise PydanticCustomError(
                "condition_subject",
                "name exactly one subject ({subjects}); found {count}",
                {"count": len(named), "subjects": ", ".join(subjects)},
            )
        if self.below is None and self.above is None:
            raise PydanticCustomError("condition_bound", "give `below` or `above` (or both)")
        return self


CONDITION_BOUNDS = ("below", "above")


def condition_subjects() -> tuple[str, ...]:
    """What a condition can test: every field of `Condition` but its bounds, so a message
    that lists them can never leave one out."""
    return tuple(name for name in Condition.model_fields if name not in CONDITION_BOUNDS)


class Trigger(Strict):
    """When an event fires: in a given month, when a condition holds, or by chance.

    Every part given must hold: `month` with `when` fires in that month only if the condition
    holds; `when` with `chance` fires with that chance each month the condition holds.
    """

    month: int | None = Field(None, ge=1, description="Fires at the end of this month.")
    when: Condition | None = Field(None, description="Fires in a month this condition holds.")
    chance: Number | None = Field(None, gt=0, le=1, description="Probability each month.")
    from_month: int = Field(1, ge=1, description="First month it may fire.")
    to_month: int | None = Field(None, ge=1, description="Last month it may fire; absent: the end.")
    repeat: Flag = Field(False, description="May fire more than once (conditional/random).")

    @model_validator(mode="after")
    def _some_trigger(self) -> Trigger:
        if self.month is None and self.when is None and self.chance is None:
            raise PydanticCustomError("trigger_missing", "give `month`, `when` or `chance`")
        return self


OrgTarget = Annotated[
    str,
    Field(description="An organisation id, a sector name, `all`, or `players`."),
]


class OrgEffect(Strict):
    """Changes to every organisation `target` selects (values are added, then kept in range)."""

    target: OrgTarget
    funds: Number = Field(
        0, ge=-MAX_MONEY, le=MAX_MONEY, description="Juta Rp added to funds (may be negative)."
    )
    income: Number = Field(
        0, ge=-MAX_INCOME, le=MAX_INCOME, description="Juta Rp a month added to income."
    )
    staff: int = Field(0, ge=-MAX_STAFF, le=MAX_STAFF, description="People added to staff.")
    capacity: Number = Field(0, ge=-1, le=1, description="Added to capacity (0–1 scale).")
    credibility: Number = Field(
        0, ge=-100, le=100, description="Added to credibility (0–100 scale)."
    )
    knowledge: Number = Field(
        0, ge=-MAX_KNOWLEDGE, le=MAX_KNOWLEDGE, description="Added to knowledge (units)."
    )
    bureaucracy: Number = Field(0, ge=-1, le=1, description="Added to bureaucracy (0–1 scale).")
    legal_entity: Flag | None = Field(
        None, description="Set registration status, e.g. an ormas that becomes a badan hukum."
    )


class IndicatorEffect(Strict):
    domain: Id
    change: Number = Field(
        ge=-100, le=100, description="Points added to the indicator, 0–100 (may be negative)."
    )
    need: Number = Field(
        0, ge=-10, le=10, description="Added to the domain's need weight (at most 10)."
    )


class RelationEffect(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: OrgTarget = Field(alias="from")
    to: OrgTarget
    trust: Number = Field(0, ge=-1, le=1, description="Added to trust (0–1 scale).")
    tension: Number = Field(0, ge=-1, le=1, description="Added to tension (0–1 scale).")
    both_ways: Flag = Field(True, description="Change the other direction (`to` → `from`) too.")


class RegulationEffect(Strict):
    change: Number = Field(ge=-1, le=1, description="Added to the regulation level (0–1).")
    extra_steps: int = Field(0, ge=0, le=12, description="Months added to every pending approval.")


class GrantEffect(Strict):
    id: Id
    open: Flag | None = Field(None, description="`true` opens the grant now, `false` closes it.")
    amount: Number | None = Field(None, gt=0, le=MAX_GRANT, description="New amount, juta Rp.")
    chance: Number | None = Field(None, ge=0, le=1, description="New base chance, 0–1.")


class Effect(Strict):
    """One change; give exactly one of the keys."""

    organisations: OrgEffect | None = Field(
        None, description="Changes funds, staff, capacity... of the organisations `target` selects."
    )
    indicator: IndicatorEffect | None = Field(
        None, description="Moves a domain's indicator (and its need weight)."
    )
    relation: RelationEffect | None = Field(
        None, description="Changes trust and tension between organisations."
    )
    regulation: RegulationEffect | None = Field(
        None, description="Changes the regulation level and delays pending approvals."
    )
    grant: GrantEffect | None = Field(None, description="Opens, closes or changes a grant.")

    @model_validator(mode="after")
    def _exactly_one(self) -> Effect:
        kinds = tuple(type(self).model_fields)
        given = [k for k in kinds if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "effect_count",
                "each effect names exactly one of: {kinds} (found {count}: {names})",
                {"count": len(given), "names": ", ".join(given), "kinds": ", ".join(kinds)},
            )
        return self


class Event(Strict):
    """Something that happens to the world by itself, when its trigger says."""

    id: Id
    title: LocalText
    text: LocalText | None = Field(None, description="What the players read when it happens.")
    trigger: Trigger = Field(description="When it fires: `month`, `when` and/or `chance`.")
    effects: list[Effect] = Field(
        default_factory=list, description="What it changes, one effect per item."
    )


class Inject(Strict):
    """An event the facilitator fires by hand during the session."""

    id: Id
    title: LocalText
    text: LocalText | None = Field(None, description="What the players read when it is fired.")
    effects: list[Effect] = Field(
        default_factory=list, description="What it changes, one effect per item."
    )
    suggested_month: int | None = Field(None, ge=1, description="The month it works best in.")
    notes: LocalText | None = Field(None, description="For the facilitator: when and why.")


class ApprovalRule(Strict):
    """An office that must approve partnerships working in a domain, even as a non-member.

    Example: any partnership whose focus puts at least 30% on `env_education` needs the
    education office's approval of the curriculum.
    """

    domain: Id = Field(description="Domain whose work needs the approval.")
    approver: Id = Field(description="Organisation id of the approving office.")
    min_share: Number = Field(
        0.3, gt=0, le=1, description="Share of the focus on `domain` from which approval is needed."
    )
    models: list[Model] = Field(
        default_factory=list, description="Collaboration models it applies to; empty means all."
    )


class Objective(Strict):
    """A goal the debrief ranks teams against."""

    id: Id
    text: LocalText
    indicator: Id | None = Field(None, description="Domain whose indicator must reach `value`.")
    model: Model | None = Field(None, description="A partnership of this model must form.")
    benefit: BenefitId | None = Field(
        None, description="A benefit whose score (0–100) must reach `value`."
    )
    value: Number | None = Field(
        None, description="The level (0–100) to reach; needed for indicator and benefit."
    )

    @model_validator(mode="after")
    def _kind(self) -> Objective:
        kinds = [k for k in ("indicator", "model", "benefit") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise PydanticCustomError(
                "objective_kind", "name exactly one of `indicator`, `model` or `benefit`"
            )
        if kinds[0] != "model" and self.value is None:
            raise PydanticCustomError(
                "objective_value", "an objective on `{kind}` needs a `value`", {"kind": kinds[0]}
            )
        return self


# The JSON Schema of a field that takes one id or a list of them: an editor underlined
# `after: pipa-bocor`, which the loader takes.
_ID_SCHEMA = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_-]*$", "maxLength": 48}
_ID_OR_IDS = {"anyOf": [_ID_SCHEMA, {"type": "array", "items": _ID_SCHEMA}]}


class DebriefQuestion(Strict):
    phase: Literal["what", "so_what", "now_what"] = Field(
        "now_what", description="Where it goes in the debrief: What? So what? Now what?"
    )
    text: LocalText
    after: Annotated[list[Id], WithJsonSchema(_ID_OR_IDS)] = Field(
        default_factory=list,
        description=(
            "Ask it only in a session where one of these events or injects happened (an id, or"
            " a list of ids): a question about the minister's visit makes no sense when the"
            " facilitator never fired it. Empty: always ask it."
        ),
    )

    @field_validator("after", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Hint(Strict):
    month: int = Field(ge=1, description='The month whose "Tip this month" box shows it.')
    text: LocalText


class Rules(Strict):
    """Every model constant of the design, with its default. Override only what you need."""

    # Agenda and costs
    agenda: int = Field(3, ge=1, le=10, description="Action points per month.")
    staff_cost: Number = Field(
        0.5, ge=0, le=1000, description="Juta Rp per staff member per month."
    )
    dialogue_cost: Number = Field(
        1.0, ge=0, le=1000, description="Juta Rp for an informal dialogue."
    )
    visioning_cost: Number = Field(
        5.0, ge=0, le=1000, description="Juta Rp for a visioning workshop."
    )
    training_cost: Number = Field(8.0, ge=0, le=1000, description="Juta Rp for staff training.")
    share_staff: int = Field(
        1, ge=0, le=100, description="Staff busy for a month when sharing books."
    )
    # Trust (Pant & Yu asymmetric update; Slovic)
    trust_gain: Number = Field(0.10, ge=0, le=1, description="λ⁺: kept commitment, T += λ⁺(Θ−T).")
    trust_loss: Number = Field(0.30, ge=0, le=1, description="λ⁻: missed commitment, T −= λ⁻T.")
    damage_on_miss: Number = Field(0.6, ge=0, le=1, description="Reputation damage added.")
    damage_decay: Number = Field(0.03, ge=0, le=1, description="Damage decay per month.")
    reputation_spread: Number = Field(
        0.05, ge=0, le=1, description="Monthly pull of trust toward trusted contacts' view."
    )
    transparency_trust: Number = Field(0.03, ge=0, le=1, description="Trust gain per open report.")
    dialogue_trust: Number = Field(0.05, ge=0, le=1, description="Trust from informal dialogue.")
    dialogue_tension: Number = Field(0.2, ge=0, le=1, description="Tension removed by dialogue.")
    dialogue_reveal: Number = Field(0.35, ge=0, le=1, description="Share of mission revealed.")
    meeting_trust: Number = Field(
        0.0025, ge=0, le=1, description="Trust from a formal meeting (≈20× less than informal)."
    )
    meeting_understanding: Number = Field(
        0.10, ge=0, le=1, description="Shared understanding a formal meeting adds (0–1)."
    )
    visioning_understanding: Number = Field(
        0.30, ge=0, le=1, description="Shared understanding a visioning workshop adds (0–1)."
    )
    visioning_alignment: Number = Field(
        0.5, ge=0, le=1, description="Share of the way the focus moves to the members' missions."
    )
    understanding_decay: Number = Field(
        0.01, ge=0, le=1, description="Shared understanding lost per month without meetings."
    )
    tension_decay: Number = Field(0.04, ge=0, le=1, description="Tension lost per month.")
    mismatch_tension: Number = Field(
        0.1, ge=0, le=1, description="Monthly tension per unit of misalignment (unshared)."
    )
    wait_tension: Number = Field(0.04, ge=0, le=1, description="Monthly tension while waiting.")
    dispute_threshold: Number = Field(
        0.6, ge=0, le=1, description="Mean tension (0–1) at which a partnership falls into dispute."
    )
    dispute_break_chance: Number = Field(0.2, ge=0, le=1, description="Monthly, while disputed.")
    # Hidden problems and evaluation
    issue_rate: Number = Field(0.12, ge=0, le=1, description="Hidden problems per month.")
    issue_friction: Number = Field(
        0.3,
        ge=0,
        le=0.9,
        description="Share of a partnership's joint value lost to hidden problems when they "
        "reach the crisis line (in proportion below it): what skipping evaluation costs "
        "before the crisis.",
    )
    crisis_threshold: Number = Field(0.5, ge=0, le=5, description="Hidden problems that surface.")
    evaluation_reveal: Number = Field(
        0.7, ge=0, le=1, description="Share of problems an evaluation finds (technology: all)."
    )
    # Bureaucracy
    regulation: Number = Field(0.4, ge=0, le=1, description="Regulation level of the scenario.")
    approval_base: Number = Field(0.55, ge=0, le=1, description="Monthly pass chance, no friction.")
    approval_min_wait: int = Field(1, ge=0, le=12, description="Months before an item can pass.")
    incomplete_chance: Number = Field(0.2, ge=0, le=1, description="Returned as incomplete.")
    followup_bonus: Number = Field(
        0.15, ge=0, le=1, description="Pass chance added per paperwork follow-up (up to three)."
    )
    champion_bonus: Number = Field(
        0.2, ge=0, le=1, description="Pass chance added when a champion backs the file."
    )
    mou_bonus: Number = Field(
        0.1, ge=0, le=1, description="Pass chance added when an MoU links approver and applicant."
    )
    # Impact
    impact_scale: Number = Field(
        1.2, gt=0, le=20, description="Indicator points per unit of value."
    )
    impact_unit: Number = Field(
        10.0, ge=0.1, le=10_000, description="Juta Rp-equivalent of one value unit."
    )
    staff_value: Number = Field(
        3.0, ge=0, le=1000, description="Juta Rp-equivalent of a staff month."
    )
    duplication_overlap: Number = Field(
        0.35, ge=0, le=1, description="Share of separate work in one domain that overlaps."
    )
    pooling_synergy: Number = Field(
        0.65, ge=0, le=10, description="γ of the pooled value function."
    )
    cross_sector_bonus: Number = Field(0.25, ge=0, le=5, description="Multiplier per extra sector.")
    base_coordination: Number = Field(0.12, ge=0, le=1, description="Friction of working jointly.")
    mismatch_friction: Number = Field(
        0.6,
        ge=0,
        le=1,
        description="Friction per unit of goal mismatch not bridged by understanding.",
    )
    tension_friction: Number = Field(0.4, ge=0, le=1, description="Friction per unit of tension.")
    # Model effects
    network_knowledge: Number = Field(
        1.5, ge=0, le=100, description="Knowledge per member link a month."
    )
    network_capacity: Number = Field(
        0.004, ge=0, le=1, description="Monthly capacity growth from an information network."
    )
    network_impact: Number = Field(0.3, ge=0, le=1, description="Direct impact factor.")
    innovation_chance: Number = Field(0.06, ge=0, le=1, description="Per member link a month.")
    tech_maturity: int = Field(3, ge=0, le=24, description="Months before technology pays off.")
    tech_coordination: Number = Field(0.5, ge=0, le=1, description="Share of friction removed.")
    tech_upfront: Number = Field(
        3.0, ge=0, le=24, description="Months of contribution paid at start."
    )
    edu_capacity: Number = Field(0.02, ge=0, le=1, description="Monthly capacity growth.")
    edu_credibility: Number = Field(0.25, ge=0, le=10, description="Monthly credibility gain.")
    edu_impact: Number = Field(0.5, ge=0, le=1, description="Direct impact factor.")
    training_capacity: Number = Field(
        0.05, ge=0, le=1, description="Capacity gained from one staff training."
    )
    # Negotiation
    max_rounds: int = Field(3, ge=1, le=10, description="Counter-offers before a final answer.")
    proposal_expiry: int = Field(1, ge=1, le=6, description="Months an unanswered offer stands.")
    quiet_months: int = Field(
        0,
        ge=0,
        le=60,
        description="Months at the start in which computer organisations make no offers (they "
        "still answer the teams'): time for new players to find their feet.",
    )


class Scenario(Strict):
    """A whole scenario file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"$id": "https://kolaborasi.example/scenario.schema.json"},
    )

    format: Literal[1] = Field(description="Version of the scenario format. Must be 1.")
    meta: Meta = Field(description="Id, title, summary, length and languages of the scenario.")
    rules: Rules = Field(
        default_factory=Rules, description="Model constants; override only what you need."
    )
    domains: list[Domain] = Field(
        min_length=1, description="The community needs, each with an indicator from 0 to 100."
    )
    organisations: list[Organisation] = Field(
        min_length=2, description="The organisations: those the teams play and the computer's."
    )
    relations: Relations = Field(
        default_factory=Relations, description="Trust and tension between organisations."
    )
    grants: list[Grant] = Field(default_factory=list, description="Funding sources to apply to.")
    approvals: list[ApprovalRule] = Field(
        default_factory=list, description="Offices whose approval some work needs (permits)."
    )
    events: list[Event] = Field(
        default_factory=list, description="Things that happen by themselves, by trigger."
    )
    injects: list[Inject] = Field(
        default_factory=list, description="Events the facilitator fires by hand."
    )
    objectives: list[Objective] = Field(
        default_factory=list, description="Goals the debrief ranks teams against."
    )
    debrief_questions: list[DebriefQuestion] = Field(
        default_factory=list, description="Questions for the debrief, by phase."
    )
    facilitator_notes: list[LocalText] = Field(
        default_factory=list, description="Notes for the facilitator, one text per item."
    )
    hints: list[Hint] = Field(default_factory=list, description="Tutorial hints by month.")

    def organisation(self, org_id: str) -> Organisation:
        for org in self.organisations:
            if org.id == org_id:
                return org
        raise KeyError(org_id)

    @property
    def players(self) -> list[str]:
        return [o.id for o in self.organisations if o.policy == PLAYER]


SECTOR_BUREAUCRACY: dict[Sector, float] = {
    Sector.community: 0.15,
    Sector.ngo: 0.25,
    Sector.government: 0.7,
    Sector.private: 0.3,
    Sector.education: 0.45,
    Sector.media: 0.2,
    Sector.donor: 0.5,
}
