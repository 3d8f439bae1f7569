"""Curves over the months, with their turning points marked and explained from the log.

Each function returns a `Chart`: numbers, labels and numbered marks, never pixels. The
report draws them with matplotlib and the game's debrief screen with pygame; both get the
same lines, the same targets and the same numbered turning points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from game.debrief import logbook
from game.debrief.model import (
    TENSION_COLOUR,
    TRUST_COLOUR,
    Chart,
    DomainCard,
    Line,
    Mark,
    OrgCard,
    RefLine,
)
from game.i18n import Msg

if TYPE_CHECKING:
    from game.sim.world import World

TRUST_STEP = 0.05  # a month's change in how others trust an organisation worth marking
TENSION_STEP = 0.025
CLIMATE_STEP = 0.02  # the same for the mean over every pair
MARKS_PER_CHART = 6
MARKS_PER_LINE = 2


def level_top(values: Sequence[float]) -> float:
    """Top of a 0–1 axis that still shows the curves' shape when they stay low."""
    peak = max(values, default=1.0)
    return min(1.0, max(0.2, math.ceil(peak * 1.15 * 10) / 10))


def turning_points(values: Sequence[float], *, min_change: float, limit: int) -> list[int]:
    """Indexes where the curve broke from its recent trend by at least `min_change`.

    A month's move is compared with the mean move of the three months before it, so a
    steady climb marks nothing and a sudden fall (or a reversal) stands out. The biggest
    breaks win; two marks are never in adjacent months.
    """
    moves = [values[i] - values[i - 1] for i in range(1, len(values))]
    breaks = []
    for k, move in enumerate(moves):
        recent = moves[max(0, k - 3) : k]
        trend = sum(recent) / len(recent) if recent else 0.0
        if abs(move) >= 0.75 * min_change:  # a reversal too small to see is no turning point
            breaks.append((abs(move - trend), k + 1))
    picked: list[int] = []
    for size, i in sorted(breaks, key=lambda b: (-b[0], b[1])):
        if size < min_change or len(picked) >= limit:
            break
        if all(abs(i - j) > 1 for j in picked):
            picked.append(i)
    return sorted(picked)


def zoomed_range(values: Sequence[float], min_span: float = 10.0) -> tuple[float, float]:
    """A 0–100 scale's part that holds `values` (the curves and their targets) with a margin:
    on the whole scale, 30 and a target of 33 sit on one line and the gap cannot be seen."""
    if not values:
        return 0.0, 100.0
    low, high = min(values), max(values)
    pad = max(2.0, 0.15 * (high - low))
    low, high = low - pad, high + pad
    if high - low < min_span:
        middle = (low + high) / 2
        low, high = middle - min_span / 2, middle + min_span / 2
    if low < 0.0:
        low, high = 0.0, min(100.0, high - low)
    if high > 100.0:
        low, high = max(0.0, low - (high - 100.0)), 100.0
    return low, high


def indicator_chart(world: World, domains: Sequence[DomainCard]) -> Chart:
    """Community indicators, with each target, on the part of the 0–100 scale they use; the
    month a target is reached is marked."""
    months = logbook.months(world)
    values = world.history.indicator_series()
    lines, refs, marks = [], [], []
    for d, card in enumerate(domains):
        series = tuple(round(float(v), 2) for v in values[:, d])
        lines.append(Line(card.id, card.name, months, series, card.colour))
        refs.append(
            RefLine(card.target, Msg("debrief.chart.target", {"domain": card.name}), card.colour)
        )
        if series[0] < card.target:
            hit = next((i for i, v in enumerate(series) if v >= card.target), None)
            if hit is not None:
                marks.append(
                    Mark(
                        0,
                        card.id,
                        months[hit],
                        series[hit],
                        "reached",
                        Msg(
                            "debrief.mark.reached",
                            {"domain": card.name, "target": round(card.target, 1)},
                        ),
                    )
                )
    return Chart(
        "indicators",
        Msg("debrief.chart.indicators"),
        Msg("debrief.chart.indicator_axis"),
        *zoomed_range([v for line in lines for v in line.values] + [r.value for r in refs]),
        tuple(lines),
        tuple(refs),
        _numbered(marks),
    )


def climate_chart(world: World) -> Chart:
    """Mean trust and mean tension over every pair of organisations."""
    months = logbook.months(world)
    snaps = world.history.snapshots
    trust = tuple(round(logbook.network_mean(s.trust), 3) for s in snaps)
    tension = tuple(round(logbook.network_mean(s.tension), 3) for s in snaps)
    lines = (
        Line("trust", Msg("debrief.chart.mean_trust"), months, trust, TRUST_COLOUR, True),
        Line("tension", Msg("debrief.chart.mean_tension"), months, tension, TENSION_COLOUR, True),
    )
    marks = []
    for line in lines:
        for i in turning_points(line.values, min_change=CLIMATE_STEP, limit=MARKS_PER_LINE):
            marks.append(_mark(world, line, i, None))
    return Chart(
        "climate",
        Msg("debrief.chart.climate"),
        Msg("debrief.chart.level_axis"),
        0.0,
        level_top([*trust, *tension]),
        lines,
        (),
        _numbered(_strongest(marks)),
    )


def trust_chart(world: World, orgs: Sequence[OrgCard]) -> Chart:
    """How much the others trust each organisation (the mean of its column)."""
    per_org = np.stack([logbook.incoming(s.trust) for s in world.history.snapshots])
    return _per_org_chart(
        world,
        orgs,
        per_org,
        "trust",
        Msg("debrief.chart.trust"),
        TRUST_STEP,
    )


def tension_chart(world: World, orgs: Sequence[OrgCard]) -> Chart:
    """Tension around each organisation: the mean of what it feels and what it causes."""
    per_org = np.stack(
        [
            (logbook.incoming(s.tension) + logbook.outgoing(s.tension)) / 2
            for s in world.history.snapshots
        ]
    )
    return _per_org_chart(
        world,
        orgs,
        per_org,
        "tension",
        Msg("debrief.chart.tension"),
        TENSION_STEP,
    )


def _per_org_chart(
    world: World,
    orgs: Sequence[OrgCard],
    per_org: np.ndarray,
    chart_id: str,
    title: Msg,
    step: float,
) -> Chart:
    months = logbook.months(world)
    lines = tuple(
        Line(
            card.id,
            card.short,
            months,
            tuple(round(float(v), 3) for v in per_org[:, k]),
            card.colour,
            emphasis=card.player,
            shape=card.shape,
            variant=card.variant,
        )
        for k, card in enumerate(orgs)
    )
    marks = []
    for line in lines:
        for i in turning_points(line.values, min_change=step, limit=MARKS_PER_LINE):
            marks.append(_mark(world, line, i, line.id, chart_id))
    return Chart(
        chart_id,
        title,
        Msg("debrief.chart.level_axis"),
        0.0,
        level_top([v for line in lines for v in line.values]),
        lines,
        (),
        _numbered(_strongest(marks)),
    )


def _mark(world: World, line: Line, i: int, org: str | None, measure: str = "") -> Mark:
    before, after = line.values[i - 1], line.values[i]
    month = line.months[i]
    up = after > before
    measure = measure or line.id
    # For tension, a rise is the bad news; for trust, a fall.
    bad = up if measure == "tension" else not up
    entry = logbook.explain(world, month, org, falling=bad)
    key = f"debrief.mark.{measure}_{'rise' if up else 'fall'}"
    params = {"before": round(before, 2), "after": round(after, 2)}
    if org is not None:
        key += "_org"
        params["org"] = logbook.name(world, org)
    return Mark(
        0,
        line.id,
        month,
        after,
        "rise" if up else "fall",
        Msg(key, params),
        logbook.shorten(world, entry.msg) if entry is not None else None,
    )


def _strongest(marks: list[Mark]) -> list[Mark]:
    """Keep the biggest moves, at most MARKS_PER_CHART, in the order they happened."""

    def size(m: Mark) -> float:
        before = m.text.params.get("before", m.value)
        return abs(float(m.value) - float(before))

    kept = sorted(marks, key=lambda m: (-size(m), m.month))[:MARKS_PER_CHART]
    return sorted(kept, key=lambda m: (m.month, m.line))


def _numbered(marks: list[Mark]) -> tuple[Mark, ...]:
    ordered = sorted(marks, key=lambda m: (m.month, m.line))
    return tuple(
        Mark(n, m.line, m.month, m.value, m.kind, m.text, m.cause) for n, m in enumerate(ordered, 1)
    )
