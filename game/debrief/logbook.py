"""Small questions put to a world's event log and history, shared by the debrief's parts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from game.i18n import Msg

if TYPE_CHECKING:
    from game.sim.history import Snapshot
    from game.sim.report import Entry
    from game.sim.world import World

# What most likely moved trust or tension in a month, best explanation first.
FALL_CAUSES = (
    "crisis",
    "broken_commitment",
    "missed",
    "dispute",
    "ended",
    "inject",
    "event",
    "regulation",
    "shock",
)
RISE_CAUSES = (
    "dispute_settled",
    "dialogue",
    "transparency",
    "evaluation",
    "visioning",
    "agreed",
    "activated",
    "meeting",
    "inject",
    "event",
)


def snapshot_at(world: World, month: int) -> Snapshot:
    """The snapshot taken at the end of `month` (0: the start), or the nearest earlier one."""
    best = world.history.snapshots[0]
    for snap in world.history.snapshots:
        if snap.month > month:
            break
        best = snap
    return best


def months(world: World) -> tuple[int, ...]:
    return tuple(s.month for s in world.history.snapshots)


def mean_of(matrix: np.ndarray, rows: Iterable[int], cols: Iterable[int]) -> float:
    cells = [float(matrix[i, j]) for i in rows for j in cols if i != j]
    return sum(cells) / len(cells) if cells else 0.0


def incoming(matrix: np.ndarray) -> np.ndarray:
    """Per organisation, the mean of how the others see it (a column without the diagonal)."""
    n = len(matrix)
    if n < 2:
        return np.zeros(n)
    return (matrix.sum(axis=0) - np.diag(matrix)) / (n - 1)


def outgoing(matrix: np.ndarray) -> np.ndarray:
    n = len(matrix)
    if n < 2:
        return np.zeros(n)
    return (matrix.sum(axis=1) - np.diag(matrix)) / (n - 1)


def network_mean(matrix: np.ndarray) -> float:
    n = len(matrix)
    if n < 2:
        return 0.0
    return float((matrix.sum() - np.trace(matrix)) / (n * (n - 1)))


def entries(world: World, kind: str | None = None, partnership: int | None = None) -> list[Entry]:
    return [
        e
        for e in world.entries
        if (kind is None or e.kind == kind)
        and (partnership is None or e.partnership == partnership)
    ]


def explain(world: World, month: int, org: str | None, *, falling: bool) -> Entry | None:
    """The log entry that best explains a change in `month` around `org` (None: anyone)."""
    order = FALL_CAUSES if falling else RISE_CAUSES
    best: tuple[float, int, Entry] | None = None
    for n, e in enumerate(world.entries):
        if e.month != month or e.kind not in order:
            continue
        about = not e.orgs or org is None or org in e.orgs
        if not about:
            continue
        rank = float(order.index(e.kind))
        if org is not None and e.orgs and e.orgs[0] == org:
            rank -= 0.5  # the organisation did it itself
        if best is None or rank < best[0]:
            best = (rank, n, e)
    return best[2] if best else None


def label(world: World, idx: int) -> Any:
    """An organisation's short name (its `short`, else its name) as a message parameter.

    The debrief's own sentences name organisations often; the short form keeps them
    readable. Full names appear where the report introduces each organisation.
    """
    short = world.scenario.organisations[idx].short
    return short or world.name(idx)


def name(world: World, org_id: str) -> Any:
    return label(world, world.org_index[org_id])


def shorten(world: World, msg: Msg) -> Msg:
    """The same message with every full organisation name replaced by its short name, and
    the log's "after 1 month(s)" counted in words ("after 1 month", "in the same month")."""
    return short(world, msg)


# Log messages that count with "month(s)": the debrief's own wording, and which parameter is
# counted with which noun (`counted`); a count of 0 months has a `_same_month` wording.
RECOUNTED: dict[str, tuple[str, str]] = {
    "sim.log.evaluation": ("months", "months"),
    "sim.log.approved": ("months", "months"),
    "sim.log.approval_incomplete": ("months", "months"),
    "sim.log.crisis": ("months", "months"),
    "sim.log.agreed": ("round", "rounds"),
    "sim.reason.no_evaluation": ("months", "months"),
    "sim.log.regulation_steps": ("steps", "more_months"),
    "sim.log.regulation_eased_steps": ("steps", "more_months"),
}


def recounted(msg: Msg) -> Msg:
    """`msg` reworded to count in words, if it is one of `RECOUNTED`; else itself."""
    if msg.key not in RECOUNTED:
        return msg
    param, noun = RECOUNTED[msg.key]
    try:
        n = int(msg.params.get(param, 0))
    except (TypeError, ValueError):
        return msg
    name = msg.key.rsplit(".", 1)[-1]
    if n == 0 and noun == "months":
        return Msg(f"debrief.log.{name}_same_month", dict(msg.params))
    return Msg(f"debrief.log.{name}", {**msg.params, param: counted(noun, n)})


def short(world: World, value: Any) -> Any:
    """A message parameter with full organisation names swapped for short ones, deeply."""
    full = {repr(world.name(i)): label(world, i) for i in range(len(world.orgs))}

    def swap(v: Any) -> Any:
        if isinstance(v, Msg):
            v = recounted(v)
            return Msg(v.key, {k: swap(x) for k, x in v.params.items()})
        if isinstance(v, list | tuple):
            return [swap(x) for x in v]
        if isinstance(v, str | dict):
            return full.get(repr(v), v)
        v = plain(v)
        return 0.0 if isinstance(v, float) and v == 0 else v  # never "-0"

    return swap(value)


def counted(noun: str, count: int) -> Msg:
    """`once` / `3 times`: the catalogue has a `.one` and an `.other` form of each noun."""
    return Msg(f"debrief.count.{noun}.{'one' if count == 1 else 'other'}", {"count": count})


def names(world: World, org_ids: Iterable[str]) -> list[Any]:
    return [name(world, o) for o in org_ids]


def members_ever(world: World, pid: int) -> list[int]:
    p = world.partnership(pid)
    return [*p.members, *p.former]


def plain(value: Any) -> Any:
    """Numbers from numpy as plain Python, so messages and JSON stay simple."""
    if isinstance(value, np.generic):
        return value.item()
    return value
