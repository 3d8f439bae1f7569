"""Trust, tension and reputation (DESIGN.md §6): trust grows slowly and falls fast.

All functions act on the world's N×N matrices, where row i, column j is how i sees j.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from game.sim.world import World


def pairs(members: list[int]) -> Iterator[tuple[int, int]]:
    """Every ordered pair of distinct members: relations are directional."""
    return ((i, j) for i in members for j in members if i != j)


def ceiling(world: World, i: int, j: int) -> float:
    """Θ = 1 − reputation damage: a partner who broke faith can't be trusted fully again soon."""
    return 1.0 - float(world.damage[i, j])


def commitment_kept(world: World, by: int, witnesses: Iterable[int]) -> float:
    """T += λ⁺(Θ − T) for each witness; returns the mean rise."""
    lam = world.rules.trust_gain
    trust, damage = world.trust, world.damage
    total, n = 0.0, 0
    for k in witnesses:
        t = float(trust[k, by])
        rise = lam * ((1.0 - float(damage[k, by])) - t)  # toward the `ceiling`
        if rise > 0.0:
            trust[k, by] = t + rise
            total += rise
        n += 1
    return total / n if n else 0.0


def commitment_missed(world: World, by: int, witnesses: Iterable[int]) -> float:
    """T −= λ⁻T and reputation damage grows; returns the mean fall."""
    rules = world.rules
    falls = []
    for k in witnesses:
        t = float(world.trust[k, by])
        d = float(world.damage[k, by])
        d += rules.damage_on_miss * (1 - d)
        world.damage[k, by] = d
        # T −= λ⁻T, and the new damage caps what is left at once.
        fall = t - min(t - rules.trust_loss * t, 1.0 - d)
        world.trust[k, by] = t - fall
        world.tension[k, by] = min(1.0, float(world.tension[k, by]) + 0.15)
        falls.append(fall)
    return sum(falls) / len(falls) if falls else 0.0


def warm(world: World, i: int, j: int, amount: float) -> None:
    """Raise i's trust in j by a share of the way to the ceiling."""
    t = float(world.trust[i, j])
    world.trust[i, j] = min(1.0 - float(world.damage[i, j]), t + amount * (1.0 - t))  # `ceiling`


def ease(world: World, i: int, j: int, amount: float) -> None:
    world.tension[i, j] = max(0.0, float(world.tension[i, j]) - amount)


def strain(world: World, i: int, j: int, amount: float) -> None:
    world.tension[i, j] = min(1.0, float(world.tension[i, j]) + amount)


def reveal_mission(world: World, i: int, j: int, share: float) -> None:
    k = float(world.known[i, j])
    world.known[i, j] = k + share * (1.0 - k)


def _mean_off_diagonal(matrix: np.ndarray, members: list[int]) -> float:
    n = len(members)
    if n < 2:
        return 0.0
    # Plain floats beat np.ix_ for the two to four members a partnership has.
    total = 0.0
    for i in members:
        row = matrix[i].tolist()
        for j in members:
            if i != j:
                total += row[j]
    return total / (n * (n - 1))


def mean_tension(world: World, members: list[int]) -> float:
    return _mean_off_diagonal(world.tension, members)


def mean_trust(world: World, members: list[int]) -> float:
    return _mean_off_diagonal(world.trust, members)


def monthly_update(world: World) -> None:
    """Damage and tension decay, high tension erodes trust, reputation spreads.

    Ufuncs with `out=` rather than np.clip and np.fill_diagonal, whose Python wrappers cost
    more than the arithmetic on a district's few organisations."""
    rules = world.rules
    damage, tension, t = world.damage, world.tension, world.trust
    damage *= 1.0 - rules.damage_decay
    tension *= 1.0 - rules.tension_decay
    erosion = tension - 0.5
    np.maximum(erosion, 0.0, out=erosion)
    erosion *= 0.03
    t -= erosion
    if rules.reputation_spread > 0 and len(t) > 2:
        # What k's trusted contacts think of j: Σ_i T_ki·T_ij / Σ_i T_ki (i ≠ k, j).
        heard = t @ t
        weight = np.add.reduce(t, axis=1)[:, None] - t  # t.sum without its Python wrapper
        view = np.divide(heard, weight, out=t.copy(), where=weight > 1e-9)
        view -= t
        view *= rules.reputation_spread
        t += view
    np.maximum(t, 0.0, out=t)
    np.minimum(t, 1.0 - damage, out=t)
    n = len(t)
    t.flat[:: n + 1] = 0.0
