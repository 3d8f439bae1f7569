"""Each cause-and-effect chain of the debrief, found in a small world built to contain it."""

from __future__ import annotations

import pytest

from game.debrief.chains import (
    approval_tensions,
    dialogue_deals,
    duplication_waste,
    find_chains,
    missed_breakups,
    unevaluated_crises,
)
from game.debrief.model import Chain
from game.i18n import Msg, Translator
from game.sim.commands import (
    EvaluatePartnership,
    HoldDialogue,
    LeavePartnership,
    ProposePartnership,
    Respond,
    RunProgram,
)
from game.sim.state import Contribution
from tests.simkit import agree, end_months, quiet_world, scenario


def chains_of(found: list[tuple[float, Chain]], kind: str) -> list[Chain]:
    return [c for _, c in found if c.kind == kind]


def rendered(chain: Chain, lang: str) -> str:
    t = Translator(lang)
    parts: list[Msg] = [chain.title, chain.story, chain.lesson, *(s.text for s in chain.steps)]
    return "\n".join(t.msg(m) for m in parts)


def assert_plain_words(chain: Chain) -> None:
    """Told fully in both languages: no placeholder or catalogue key left showing."""
    for lang in ("en", "id"):
        text = rendered(chain, lang)
        assert "{" not in text and "debrief." not in text and "sim." not in text, text


def _broke_pkk(world) -> None:
    pkk = world.orgs[world.org_index["pkk"]]
    pkk.funds = pkk.income = 0.0
    pkk.staff = 0  # no upkeep: it simply has nothing to pay with


def test_missed_contribution_then_trust_drop_then_walkout_is_one_chain():
    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (5, 1), "pkk": (5, 1)}
    )
    _broke_pkk(world)
    end_months(world, 2)
    world.apply(LeavePartnership("lsm", p.id))

    [chain] = chains_of(missed_breakups(world), "missed_breakup")
    assert chain.orgs[0] == "pkk" and chain.partnership == p.id
    assert [s.month for s in chain.steps] == sorted(s.month for s in chain.steps)
    trust = chain.story.params
    assert trust["after"] < trust["before"]
    assert chain.steps[-1].text.key == "debrief.chain.missed.step_end"
    en = rendered(chain, "en")
    assert "PKK" in en and "LSM, who walked out" in en and "2 times" in en
    assert "kepercayaan" in rendered(chain, "id").lower()
    assert_plain_words(chain)


def test_kept_contributions_make_no_missed_chain():
    world = quiet_world()
    agree(world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (5, 1), "pkk": (5, 1)})
    end_months(world, 4)
    assert missed_breakups(world) == []


def test_a_long_wait_for_approval_is_told_as_tension_toward_the_approver():
    world = quiet_world()
    world.orgs[world.org_index["lsm"]].patience = 0.0
    p = agree(
        world, "lsm", ["dinas"], "cross_sector", {"health": 1}, {"lsm": (5, 1), "dinas": (5, 1)}
    )
    world.approvals[0].min_wait = 99  # the file sits in the queue
    end_months(world, 5)

    [chain] = chains_of(approval_tensions(world), "approval_tension")
    assert chain.partnership == p.id and chain.orgs[-1] == "dinas"
    assert chain.story.key == "debrief.chain.wait.story_waiting"
    assert chain.story.params["after"] > chain.story.params["before"]
    keys = [s.text.key for s in chain.steps]
    assert "debrief.chain.wait.step_no_followup" in keys
    assert_plain_words(chain)


def test_a_short_wait_is_no_chain():
    world = quiet_world()
    agree(world, "lsm", ["dinas"], "cross_sector", {"health": 1}, {"lsm": (5, 1), "dinas": (5, 1)})
    world.approvals[0].min_wait = 99
    end_months(world, 2)
    assert approval_tensions(world) == []


def _unevaluated(evaluate: bool):
    world = quiet_world()
    p = agree(
        world, "lsm", ["pt"], "resource_pooling", {"health": 1}, {"lsm": (3, 1), "pt": (3, 1)}, 24
    )
    for month in range(1, 13):
        if evaluate and month % 3 == 0 and p.is_active:
            world.apply(EvaluatePartnership("lsm", p.id))
        end_months(world, 1)
    return world, p


def test_no_evaluation_lets_a_crisis_surface_late():
    world, p = _unevaluated(evaluate=False)
    found = chains_of(unevaluated_crises(world), "unevaluated_crisis")
    assert found, "a partnership never evaluated for a year must show the crisis chain"
    chain = found[0]
    assert chain.partnership == p.id
    assert chain.story.key == "debrief.chain.crisis.story_never"
    assert chain.steps[1].text.key == "debrief.chain.crisis.step_crisis"
    # Both paid their shares, so trust rose while the problems piled up: said as the lesson,
    # not as "a crisis: trust went from 0.4 to 0.55", which a presenter could not explain.
    en = rendered(chain, "en")
    assert "trust in LSM had even risen, from 0.4 (start of month 1) to " in en
    assert "giving no warning of the problems piling up" in en
    assert "malah naik" in rendered(chain, "id")
    assert_plain_words(chain)


def test_regular_evaluation_leaves_no_crisis_chain():
    world, _ = _unevaluated(evaluate=True)
    assert unevaluated_crises(world) == []


def test_informal_dialogue_followed_by_agreement_is_a_chain():
    world = quiet_world()
    world.apply(HoldDialogue("lsm", "pkk"))
    p = agree(world, "lsm", ["pkk"], "information_network", {"health": 1}, {"lsm": (1, 1)})

    [chain] = chains_of(dialogue_deals(world), "dialogue_deal")
    assert chain.partnership == p.id and set(chain.orgs) == {"lsm", "pkk"}
    assert chain.story.key == "debrief.chain.dialogue.story"
    assert_plain_words(chain)


def test_dialogue_after_a_refusal_says_the_talk_turned_a_no_into_a_yes():
    world = quiet_world()
    terms = ProposePartnership(
        "lsm",
        ("pkk",),
        "information_network",
        (("health", 1.0),),
        (Contribution("lsm", 1, 1), Contribution("pkk", 0, 1)),
        12,
    )
    first = world.apply(terms)
    world.apply(Respond("pkk", first.id, "reject"))
    end_months(world, 1)
    world.apply(HoldDialogue("pkk", "lsm"))
    agree(world, "lsm", ["pkk"], "information_network", {"health": 1}, {"lsm": (1, 1)})

    [chain] = chains_of(dialogue_deals(world), "dialogue_deal")
    assert chain.story.key == "debrief.chain.dialogue.story_after_no"
    assert chain.steps[0].text.key == "debrief.chain.dialogue.step_declined"
    assert_plain_words(chain)


def test_a_dialogue_that_eased_no_tension_is_not_told_as_the_cause_of_a_deal():
    # "tension 0 → 0, then a deal the same month" read like a template, not the story.
    calm = scenario(relations={"default": {"trust": 0.4, "tension": 0.0}})
    world = quiet_world(calm)
    world.apply(HoldDialogue("lsm", "pkk"))
    agree(world, "lsm", ["pkk"], "information_network", {"health": 1}, {"lsm": (1, 1)})
    assert dialogue_deals(world) == []


def test_the_top_chains_are_of_different_kinds_when_there_are_several_kinds():
    world = quiet_world()
    for other in ("pkk", "dinas", "pt"):
        world.apply(HoldDialogue("lsm", other))
        agree(world, other, ["lsm"], "information_network", {"health": 1}, {other: (1, 1)})
        end_months(world, 1)
    world.apply(RunProgram("lsm", "health", 10, 1, months=3))
    world.apply(RunProgram("pkk", "health", 10, 1, months=3))
    end_months(world, 3)

    kinds = [c.kind for c in find_chains(world)]
    assert sorted(kinds) == ["dialogue_deal"] * 3 + ["duplication_waste"]
    assert kinds[0] != kinds[1]


def test_agreement_without_a_dialogue_is_no_dialogue_chain():
    world = quiet_world()
    agree(world, "lsm", ["pkk"], "information_network", {"health": 1}, {"lsm": (1, 1)})
    assert dialogue_deals(world) == []


def test_separate_programs_in_one_domain_are_told_as_wasted_money():
    world = quiet_world()
    world.apply(RunProgram("lsm", "health", 10, 1, months=3))
    world.apply(RunProgram("pkk", "health", 10, 1, months=3))
    end_months(world, 3)

    [chain] = chains_of(duplication_waste(world), "duplication_waste")
    assert set(chain.orgs) == {"lsm", "pkk"}
    assert chain.story.params["total"] == pytest.approx(round(sum(o.wasted for o in world.orgs), 1))
    assert_plain_words(chain)


def test_programs_in_different_domains_waste_nothing():
    world = quiet_world()
    world.apply(RunProgram("lsm", "health", 10, 1, months=3))
    world.apply(RunProgram("pkk", "school", 10, 1, months=3))
    end_months(world, 3)
    assert duplication_waste(world) == []


def test_a_quiet_world_has_no_chains():
    world = quiet_world()
    end_months(world, 6)
    assert find_chains(world) == ()


def test_the_incomplete_step_is_dated_when_the_file_came_back():
    world = quiet_world()
    world.orgs[world.org_index["lsm"]].patience = 0.0
    agree(world, "lsm", ["dinas"], "cross_sector", {"health": 1}, {"lsm": (5, 1), "dinas": (5, 1)})
    item = world.approvals[0]
    item.min_wait = 99
    queued = world.month
    end_months(world, 2)
    returned = world.month  # the office sends the file back, as advance_approvals logs it
    world.log(
        "approval_incomplete",
        "approval_incomplete",
        item.applicants,
        approver=world.name(item.approver),
        item=item.id,
        months=item.waited,
    )
    end_months(world, 3)
    [chain] = chains_of(approval_tensions(world), "approval_tension")
    months = {s.text.key.rsplit(".", 1)[-1]: s.month for s in chain.steps}
    assert months["step_queue"] == queued and months["step_incomplete"] == returned != queued


def test_the_timeline_tells_of_an_agreed_leave_and_a_staff_shortfall():
    from game.debrief.timeline import key_moments
    from game.sim.commands import FireInject
    from tests.simkit import scenario

    sc = scenario(
        injects=[
            {
                "id": "cut",
                "title": "Staff leave",
                "effects": [{"organisations": {"target": "lsm", "staff": -5}}],
            }
        ]
    )
    world = quiet_world(sc)
    p = agree(
        world,
        "lsm",
        ["pkk", "pt"],
        "resource_pooling",
        {"health": 1},
        {"lsm": (0, 4), "pkk": (1, 1), "pt": (1, 1)},
    )
    world.apply(FireInject("cut"))
    end_months(world, 1)
    world.apply(EvaluatePartnership("pt", p.id))  # terms may change at a joint evaluation
    world.apply(LeavePartnership("pt", p.id))
    keys = {item.text.key for item in key_moments(world, ["lsm"], [])}
    assert {"debrief.timeline.staff_short", "debrief.timeline.left_agreed"} <= keys


def test_the_timeline_tells_a_share_changed_at_a_partners_request_and_a_teams_own_raise():
    """A facilitator found no word in the debrief of the requests the teams made and
    answered, nor of a team raising its share when the partnership's proposer was another
    organisation (the log named the proposer first)."""
    from game.debrief.timeline import key_moments
    from game.sim.commands import AskChange, Renegotiate, Respond

    world = quiet_world()
    p = agree(
        world, "pkk", ["lsm"], "resource_pooling", {"health": 1}, {"pkk": (2, 1), "lsm": (2, 1)}
    )
    end_months(world, 1)
    world.apply(EvaluatePartnership("pkk", p.id))
    request = world.apply(AskChange("pkk", p.id, "lsm", 1, 1))
    world.apply(Respond("lsm", request.id, "accept"))
    world.apply(Renegotiate("lsm", p.id, 3, 1))  # lsm, not the proposer, raises it again
    keys = [item.text.key for item in key_moments(world, ["lsm"], [])]
    assert "sim.log.change_asked" in keys and "sim.log.change_agreed" in keys
    assert "sim.log.renegotiated" in keys


def test_four_who_duplicated_work_are_all_named_not_the_other_1_organisation():
    """The step read "the other 1 organisation together Rp 1.4 juta"."""
    world = quiet_world()
    for org in ("lsm", "pkk", "dinas", "pt"):
        world.org(org).funds = 200.0
        world.apply(RunProgram(org, "health", 10, 0, months=3))
    end_months(world, 3)
    [chain] = chains_of(duplication_waste(world), "duplication_waste")
    en = rendered(chain, "en")
    assert "the other 1 organisation" not in en and "the other" not in en
    assert all(name in en for name in ("LSM", "PKK", "PT"))
