"""Commands: the only way anyone changes the world.

The UI, the CLI and the AI policies all build these small frozen objects and hand them to
`World.apply`, which checks them and raises `Impossible` with a reason when they are illegal.
The ordered list of player commands (with `EndMonth` and `FireInject`) is the session record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar, Literal

from game.scenario.schema import Model
from game.sim.state import Contribution, Terms


@dataclass(frozen=True)
class Command:
    """Base class; `agenda` is the action points the command costs its actor."""

    agenda: ClassVar[int] = 1

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["type"] = type(self).__name__
        return data


@dataclass(frozen=True)
class ProposePartnership(Command):
    actor: str
    partners: tuple[str, ...]
    model: Model
    focus: tuple[tuple[str, float], ...]
    contributions: tuple[Contribution, ...]
    months: int

    @property
    def terms(self) -> Terms:
        return Terms(self.model, self.focus, self.contributions, self.months)


@dataclass(frozen=True)
class Respond(Command):
    """Answer a proposal: accept, reject, or counter with new terms."""

    agenda: ClassVar[int] = 0
    actor: str
    proposal: int
    answer: Literal["accept", "reject", "counter", "withdraw"]
    counter: Terms | None = None


@dataclass(frozen=True)
class HoldDialogue(Command):
    """Informal dialogue (ngopi bareng, silaturahmi) with one organisation."""

    actor: str
    other: str


@dataclass(frozen=True)
class HoldMeeting(Command):
    """A formal coordination meeting of a partnership."""

    actor: str
    partnership: int


@dataclass(frozen=True)
class HoldVisioning(Command):
    """A joint visioning workshop: shared understanding, and the focus moves to the missions."""

    actor: str
    partnership: int


@dataclass(frozen=True)
class ShareInformation(Command):
    """Open reporting: show partners the books."""

    actor: str


@dataclass(frozen=True)
class EvaluatePartnership(Command):
    """Joint monitoring and evaluation (monev) of a partnership."""

    actor: str
    partnership: int


@dataclass(frozen=True)
class Renegotiate(Command):
    """Change one's own contribution or the duration of a partnership."""

    actor: str
    partnership: int
    funds: float
    staff: int
    months: int | None = None


@dataclass(frozen=True)
class AskChange(Command):
    """Ask a partner to change its share of a partnership, or to leave it by agreement
    (`release`): a joint change of terms, so it needs that partner's yes and a reason to
    talk terms (a joint evaluation this month, the partner's shock, or approval pending)."""

    actor: str
    partnership: int
    member: str
    funds: float = 0.0
    staff: int = 0
    release: bool = False


@dataclass(frozen=True)
class LeavePartnership(Command):
    actor: str
    partnership: int


@dataclass(frozen=True)
class RunProgram(Command):
    actor: str
    domain: str
    funds: float
    staff: int
    months: int = 3


@dataclass(frozen=True)
class StopProgram(Command):
    """End one's own programme early: its money and staff are free from this month on."""

    actor: str
    program: int


@dataclass(frozen=True)
class ApplyForGrant(Command):
    actor: str
    grant: str


@dataclass(frozen=True)
class TrainStaff(Command):
    actor: str


@dataclass(frozen=True)
class FollowUpApproval(Command):
    """Follow up the paperwork of a pending item, optionally bringing a champion."""

    actor: str
    item: int
    champion: str | None = None


@dataclass(frozen=True)
class EndMonth(Command):
    agenda: ClassVar[int] = 0


@dataclass(frozen=True)
class FireInject(Command):
    """The facilitator fires a prepared inject now."""

    agenda: ClassVar[int] = 0
    inject: str


@dataclass(frozen=True)
class ScheduleInject(Command):
    """The facilitator sets a prepared inject to fire at the end of a later month."""

    agenda: ClassVar[int] = 0
    inject: str
    month: int


COMMANDS: dict[str, type[Command]] = {
    cls.__name__: cls
    for cls in (
        ProposePartnership,
        Respond,
        HoldDialogue,
        HoldMeeting,
        HoldVisioning,
        ShareInformation,
        EvaluatePartnership,
        Renegotiate,
        AskChange,
        LeavePartnership,
        RunProgram,
        StopProgram,
        ApplyForGrant,
        TrainStaff,
        FollowUpApproval,
        EndMonth,
        FireInject,
        ScheduleInject,
    )
}


def _terms_from_json(data: dict[str, Any]) -> Terms:
    return Terms(
        model=Model(data["model"]),
        focus=tuple((str(d), float(w)) for d, w in data["focus"]),
        contributions=tuple(_contribution(c) for c in data["contributions"]),
        months=int(data["months"]),
    )


def _contribution(data: dict[str, Any]) -> Contribution:
    return Contribution(str(data["org"]), float(data["funds"]), int(data["staff"]))


_SCALARS: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _scalar(value: Any, annotation: str, name: str) -> Any:
    """A plain field checked against its annotation: a hand-edited "5" or [..] is refused
    here, with the field's name, instead of failing somewhere inside the replay."""
    optional = annotation.endswith(" | None")
    kind = annotation.removesuffix(" | None")
    if value is None and optional:
        return None
    if kind.startswith("Literal["):
        kind = "str"
    expected = _SCALARS.get(kind)
    if expected is None:
        return value
    if expected is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(
        value, (int, float) if expected is float else expected
    ):
        raise ValueError(f"{name} must be {kind}, not {value!r}")
    return float(value) if expected is float else value


def command_from_json(data: dict[str, Any]) -> Command:
    """Rebuild a command from its JSON form; raises ValueError on anything malformed."""
    try:
        cls = COMMANDS[data["type"]]
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name == "counter" and value is not None:
                value = _terms_from_json(value)
            elif f.name == "contributions":
                value = tuple(_contribution(c) for c in value)
            elif f.name == "focus":
                value = tuple((str(d), float(w)) for d, w in value)
            elif f.name in ("partners",):
                value = tuple(str(v) for v in value)
            elif f.name == "model":
                value = Model(value)
            else:
                value = _scalar(value, str(f.type), f.name)
            kwargs[f.name] = value
        return cls(**kwargs)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"malformed command {data!r}: {exc}") from exc
