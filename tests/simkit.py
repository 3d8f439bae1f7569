"""Small worlds for engine tests, built in code so each test states what it depends on."""

from __future__ import annotations

import copy
from typing import Any

from game.scenario.schema import Scenario
from game.sim.world import World

BASE: dict[str, Any] = {
    "format": 1,
    "meta": {
        "id": "tiny",
        "title": "Tiny",
        "summary": "A small test world.",
        "months": 12,
        "seed": 7,
    },
    "domains": [
        {"id": "health", "name": "Health", "baseline": 30, "target": 60},
        {"id": "school", "name": "School", "baseline": 40, "target": 70},
    ],
    "organisations": [
        {
            "id": "lsm",
            "name": "LSM",
            "sector": "ngo",
            "policy": "player",
            "mission": {"health": 3, "school": 1},
            "funds": 100,
            "income": 10,
            "staff": 6,
        },
        {
            "id": "pkk",
            "name": "PKK",
            "sector": "community",
            "policy": "cautious",
            "mission": {"health": 2, "school": 1},
            "funds": 60,
            "income": 6,
            "staff": 6,
        },
        {
            "id": "dinas",
            "name": "Dinas",
            "sector": "government",
            "policy": "bureaucrat",
            "mission": {"health": 1, "school": 1},
            "funds": 200,
            "income": 15,
            "staff": 10,
            "bureaucracy": 0.7,
        },
        {
            "id": "pt",
            "name": "PT",
            "sector": "private",
            "policy": "opportunist",
            "mission": {"school": 1},
            "funds": 150,
            "income": 12,
            "staff": 3,
        },
    ],
    "relations": {"default": {"trust": 0.4, "tension": 0.1}},
    "grants": [{"id": "hibah", "name": "Hibah", "amount": 50, "chance": 0.5}],
    "injects": [
        {
            "id": "cut",
            "title": "Budget cut",
            "effects": [{"organisations": {"target": "lsm", "funds": -50}}],
        }
    ],
}


def scenario(**changes: Any) -> Scenario:
    """The base scenario with top-level sections replaced or rules overridden."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        data[key] = value
    return Scenario.model_validate(data)


def quiet_world(sc: Scenario | None = None, seed: int = 1, **kw: Any) -> World:
    """A world where every organisation is a human team: nothing moves unless a test says so."""
    sc = sc or scenario()
    controllers = {o.id: "human" for o in sc.organisations}
    return World(sc, seed, controllers=controllers, **kw)


def agree(
    world: World,
    proposer: str,
    partners: list[str],
    model: str,
    focus: dict[str, float],
    contributions: dict[str, tuple[float, int]],
    months: int = 12,
):
    """Propose and have every (human) partner accept; return the new partnership."""
    from game.scenario.schema import Model
    from game.sim.commands import ProposePartnership, Respond
    from game.sim.state import Contribution

    cmd = ProposePartnership(
        proposer,
        tuple(partners),
        Model(model),
        tuple(focus.items()),
        tuple(Contribution(o, f, s) for o, (f, s) in contributions.items()),
        months,
    )
    proposal = world.apply(cmd)
    for p in partners:
        world.apply(Respond(p, proposal.id, "accept"))
    return world.partnership(proposal.partnership)


def end_months(world: World, n: int) -> None:
    from game.sim.commands import EndMonth

    for _ in range(n):
        if world.finished:
            return
        world.apply(EndMonth())
