"""Named AI policies: small classes that are parameter vectors over one decision routine.

The routine lives in `game.sim.ai`; a policy only says how much an organisation weighs each
consideration and how often it does each kind of thing. Scenarios name policies by `name`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from game.scenario.schema import Model


@dataclass(frozen=True)
class Params:
    """How an organisation judges proposals and spends its agenda."""

    accept: float = 0.45  # acceptance threshold; openness lowers it
    w_align: float = 0.45  # weight of mission alignment with the focus
    w_benefit: float = 0.35  # expected joint value for its mission
    w_trust: float = 0.35  # trust in the other parties
    w_cost: float = 0.5  # its contribution against its means
    w_wait: float = 0.3  # approval burden
    propose: float = 0.35  # monthly chance of proposing when it has room
    max_partnerships: int = 2
    min_trust: float = 0.2  # won't propose to anyone trusted less
    tend: float = 0.5  # chance of a dialogue when a relation is tense
    evaluate_every: int = 0  # months between joint evaluations (0: never)
    visioning: float = 0.0  # chance of a visioning workshop when understanding is low
    meetings: float = 0.2
    programs: float = 0.4  # chance of running its own program when it has spare means
    grants: float = 0.4
    training: float = 0.15
    transparency: float = 1.0  # multiplies the transparency trait
    followup: float = 0.3
    reliability: float = 1.0  # multiplies the reliability trait under pressure
    partners: bool = True
    commitment: float = 0.5  # share of spare funds it is willing to commit monthly
    models: dict[Model, float] = field(default_factory=dict)


class Policy:
    """Base of all named policies."""

    name: str = ""
    summary: str = ""
    params: Params = Params()


class Cautious(Policy):
    name = "cautious"
    summary = "Partners only with those it trusts; keeps its word; slow to commit."
    params = Params(
        accept=0.55,
        w_trust=0.5,
        w_cost=0.7,
        propose=0.2,
        min_trust=0.35,
        max_partnerships=2,
        tend=0.5,
        evaluate_every=4,
        meetings=0.3,
        commitment=0.35,
        reliability=1.1,
        models={Model.information_network: 0.05, Model.education_development: 0.05},
    )


class Opportunist(Policy):
    name = "opportunist"
    summary = "Chases quick visible wins and money; neglects relations; cuts corners."
    params = Params(
        accept=0.35,
        w_align=0.25,
        w_benefit=0.55,
        w_trust=0.15,
        w_cost=0.6,
        w_wait=0.7,
        propose=0.45,
        min_trust=0.1,
        max_partnerships=3,
        tend=0.1,
        evaluate_every=0,
        meetings=0.05,
        programs=0.6,
        grants=0.7,
        transparency=0.4,
        reliability=0.75,
        commitment=0.45,
        models={
            Model.resource_pooling: 0.05,
            Model.cross_sector: 0.05,
            Model.education_development: -0.15,
            Model.technology: -0.05,
        },
    )


class Bureaucrat(Policy):
    name = "bureaucrat"
    summary = "Follows procedure: everything through approval; reliable but slow and formal."
    params = Params(
        accept=0.5,
        w_align=0.55,
        w_trust=0.2,
        w_wait=0.0,
        propose=0.2,
        min_trust=0.2,
        tend=0.15,
        evaluate_every=6,
        meetings=0.5,
        programs=0.5,
        grants=0.2,
        followup=0.0,
        reliability=1.15,
        commitment=0.3,
        models={Model.cross_sector: 0.1, Model.technology: 0.05},
    )


class Champion(Policy):
    name = "champion"
    summary = "A convenor: brings sectors together, talks informally, evaluates, follows up."
    params = Params(
        accept=0.38,
        w_align=0.4,
        w_benefit=0.4,
        w_trust=0.25,
        w_cost=0.4,
        propose=0.55,
        min_trust=0.15,
        max_partnerships=4,
        tend=0.8,
        evaluate_every=3,
        visioning=0.5,
        meetings=0.4,
        programs=0.25,
        grants=0.5,
        training=0.2,
        transparency=1.3,
        followup=0.8,
        reliability=1.1,
        commitment=0.5,
        models={Model.cross_sector: 0.12, Model.resource_pooling: 0.05},
    )


class Collaborative(Policy):
    name = "collaborative"
    summary = "For player organisations in headless runs: seeks aligned partners, tends trust."
    params = Params(
        accept=0.4,
        w_align=0.55,
        w_benefit=0.4,
        w_trust=0.2,
        w_cost=0.45,
        propose=0.7,
        min_trust=0.1,
        max_partnerships=3,
        tend=0.9,
        evaluate_every=3,
        visioning=0.7,
        meetings=0.3,
        programs=0.3,
        grants=0.6,
        training=0.25,
        transparency=1.5,
        followup=0.9,
        reliability=1.3,
        commitment=0.55,
        models={Model.resource_pooling: 0.08, Model.cross_sector: 0.08},
    )


class Solo(Policy):
    name = "solo"
    summary = "For player organisations in headless runs: never partners, works alone."
    params = Params(
        accept=9.0,
        propose=0.0,
        partners=False,
        tend=0.0,
        evaluate_every=0,
        programs=0.9,
        grants=0.6,
        training=0.25,
        transparency=0.0,
        followup=0.9,
        reliability=1.3,
        commitment=0.6,
    )


class Neglectful(Policy):
    name = "neglectful"
    summary = (
        "For player organisations in headless runs: partners exactly like collaborative but"
        " never tends the partnerships (no dialogue, meetings, visioning or evaluation)."
    )
    # Only the tending differs from Collaborative, so comparing the two isolates what
    # neglected trust and evaluation cost (DESIGN §6, the three pillars).
    params = replace(
        Collaborative.params,
        tend=0.0,
        evaluate_every=0,
        visioning=0.0,
        meetings=0.0,
        transparency=0.3,
    )


POLICIES: dict[str, type[Policy]] = {
    cls.name: cls
    for cls in (Cautious, Opportunist, Bureaucrat, Champion, Collaborative, Neglectful, Solo)
}


def params_of(policy: str) -> Params:
    """Parameters for a named policy; a human team is judged like a collaborative one."""
    return POLICIES.get(policy, Collaborative).params
