"""Pure functions of the design's value, alignment and friction formulas (DESIGN.md §4, §5, §8).

Kept apart from the world so each formula can be read, tested and tuned on its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from game.scenario.schema import Model, Rules


def normalise(weights: np.ndarray) -> np.ndarray:
    total = float(weights.sum())
    if total <= 0:
        return np.full(len(weights), 1.0 / len(weights))
    return weights / total


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two non-negative weight vectors, in [0, 1]."""
    na = math.sqrt(float(a @ a))
    nb = math.sqrt(float(b @ b))
    if na == 0 or nb == 0:
        return 0.0
    return float(a @ b) / (na * nb)


def misalignment(missions: Sequence[np.ndarray], focus: np.ndarray) -> float:
    """1 − mean similarity of each member's mission to the agreed focus."""
    if not missions:
        return 0.0
    return 1.0 - sum(similarity(m, focus) for m in missions) / len(missions)


def effective_input(funds: float, staff: float, capacity: float, rules: Rules) -> float:
    """Juta-equivalent of a month's funds and staff, scaled by the contributors' skill."""
    return (funds + rules.staff_value * staff) * (0.5 + capacity)


def solo_value(effective: float, rules: Rules) -> float:
    """Value of one organisation's own work: concave, θ·ln(1 + a)."""
    return math.log1p(effective / rules.impact_unit)


def pooled_value(inputs: Sequence[float], rules: Rules) -> float:
    """Pant & Yu's pooled value, Σ ln(1 + a_i) plus a synergy on the geometric mean.

    The synergy is γ·N·ln(1 + (Π a_i)^(1/N)) rather than γ·(Π a_i)^(1/N), so that large
    budgets keep diminishing returns; like the original it peaks when contributions are
    balanced and vanishes when any member gives nothing (free-riding hurts everyone).
    """
    scaled = [a / rules.impact_unit for a in inputs]
    base = sum(math.log1p(a) for a in scaled)
    if not scaled or min(scaled) <= 0:
        return base
    geo = math.exp(sum(math.log(a) for a in scaled) / len(scaled))
    return base + rules.pooling_synergy * math.log1p(geo) * len(scaled)


def cross_sector_multiplier(distinct_sectors: int, rules: Rules) -> float:
    return 1.0 + rules.cross_sector_bonus * max(0, distinct_sectors - 1)


def partnership_value(
    model: Model, inputs: Sequence[float], distinct_sectors: int, rules: Rules
) -> float:
    """Direct value a partnership of `model` makes of its members' effective inputs."""
    if model is Model.resource_pooling:
        return pooled_value(inputs, rules)
    base = sum(math.log1p(a / rules.impact_unit) for a in inputs)
    if model is Model.cross_sector:
        return base * cross_sector_multiplier(distinct_sectors, rules)
    if model is Model.information_network:
        return base * rules.network_impact
    if model is Model.education_development:
        return base * rules.edu_impact
    return base * 0.6  # technology: tracking tools make some direct difference


def friction(
    misalign: float, understanding: float, tension: float, tech_share: float, rules: Rules
) -> float:
    """Share of joint value lost to coordination, mismatched goals and tension."""
    coordination = rules.base_coordination * (1.0 - rules.tech_coordination * tech_share)
    mismatch = rules.mismatch_friction * misalign * (1.0 - understanding)
    return min(0.9, max(0.0, coordination + mismatch + rules.tension_friction * tension))


def indicator_gain(points: float, current: float) -> float:
    """Indicators move toward 100 with diminishing returns."""
    return points * (100.0 - current) / 100.0


def combine_overlapping(raw: Sequence[float], overlap: float) -> float:
    """Coverage of separate efforts in one domain: the largest counts whole, the rest overlap."""
    if not raw:
        return 0.0
    total = sum(raw)
    largest = max(raw)
    return largest + (total - largest) * (1.0 - overlap)


def approval_chance(
    bureaucracy: float,
    regulation: float,
    trust: float,
    followups: int,
    champion: bool,
    mou: bool,
    rules: Rules,
) -> float:
    """Monthly chance a pending item passes (expected wait (1−p)/p)."""
    p = rules.approval_base * (1 - 0.6 * bureaucracy) * (1 - 0.5 * regulation)
    p *= 0.6 + 0.8 * trust
    p += rules.followup_bonus * min(followups, 3)
    p += rules.champion_bonus * champion + rules.mou_bonus * mou
    return min(0.95, max(0.02, p))
