"""Chains name the right cause: misses before a crisis, what drained a defaulter's money, the
habits it kept, and how a partnership ended, with trust figures a team saw in its summaries."""

from __future__ import annotations

import copy

from game.debrief import logbook
from game.debrief.chains import find_chains, missed_breakups, unevaluated_crises
from game.sim.commands import EvaluatePartnership, Renegotiate, RunProgram
from tests.simkit import BASE, agree, end_months, quiet_world, scenario
from tests.test_debrief_chains import assert_plain_words, chains_of, rendered


def _short_partnership_with_misses():
    """PKK pays nothing into a 4-month partnership nobody evaluates: a crisis comes in month 4,
    the month its term runs out."""
    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (3, 1), "pkk": (3, 1)}, 4
    )
    pkk = world.orgs[world.org_index["pkk"]]
    pkk.funds = pkk.income = 0.0
    pkk.staff = 0
    end_months(world, 6)
    return world, p


def test_a_crisis_fed_by_missed_contributions_names_them_and_how_the_partnership_ended():
    world, p = _short_partnership_with_misses()
    crisis = next(e for e in logbook.entries(world, "crisis", p.id))
    assert p.ended == crisis.month  # the term ran out in the month of the crisis

    [chain] = chains_of(unevaluated_crises(world), "unevaluated_crisis")
    assert chain.story.key == "debrief.chain.crisis.story_never_missed"
    assert chain.title.key == "debrief.chain.crisis.title_missed"
    keys = [s.text.key for s in chain.steps]
    assert "debrief.chain.crisis.step_missed" in keys
    assert keys[-1] == "debrief.chain.crisis.step_ended"
    en, id_ = rendered(chain, "en"), rendered(chain, "id")
    assert "PKK missed its contribution" in en and "months 1, 2, 3 and 4" in en
    assert f"In month {p.ended} the partnership completed its term" in en
    assert "still open at the end" not in en
    assert "Sampai akhir" not in id_ and "selesai sesuai masa kerjanya" in id_
    assert_plain_words(chain)


def test_trust_in_a_crisis_chain_is_one_direction_over_the_whole_unevaluated_stretch():
    """The chain gave trust across the crisis month only (0.09 → 0.05), when the misses
    before it had taken it from 0.4: the decline is now told from the stretch's start."""
    world, p = _short_partnership_with_misses()
    crisis = next(e for e in logbook.entries(world, "crisis", p.id))
    [chain] = chains_of(unevaluated_crises(world), "unevaluated_crisis")
    lsm, pkk = world.org_index["lsm"], world.org_index["pkk"]
    since = p.started  # never evaluated: the stretch runs from the start
    before = logbook.snapshot_at(world, since - 1).trust
    after = logbook.snapshot_at(world, crisis.month).trust
    # LSM's trust in PKK, the defaulter, is what fell most.
    trust = chain.story.params["trust"]
    assert trust.params["before"] == round(float(before[lsm, pkk]), 2) == 0.4
    assert trust.params["after"] == round(float(after[lsm, pkk]), 2)
    en = rendered(chain, "en")
    assert f"LSM's trust in PKK fell from 0.4 (start of month {since})" in en
    assert f"(month {crisis.month})" in en


def test_misses_a_crisis_chain_tells_are_not_told_again_as_their_own_chain():
    world, p = _short_partnership_with_misses()
    found = find_chains(world)
    assert [c.kind for c in found if c.partnership == p.id] == ["unevaluated_crisis"]


def test_a_partnership_that_ran_out_its_term_is_not_said_to_have_held():
    world, p = _short_partnership_with_misses()
    [chain] = chains_of(missed_breakups(world), "missed_trust")
    assert chain.story.key == "debrief.chain.missed_trust.story_ended"
    en = rendered(chain, "en")
    assert "held" not in en and f"its term ended in month {p.ended}" in en
    assert "bertahan" not in rendered(chain, "id")


def _drained_world(evaluate: bool):
    """PKK starts with Rp 30 juta, pays Rp 9 juta up front for a technology partnership and
    runs its own programme, then cannot pay its share of an education partnership."""
    data = copy.deepcopy(BASE)
    pkk = next(o for o in data["organisations"] if o["id"] == "pkk")
    pkk.update(funds=30, income=0, staff=2)
    world = quiet_world(scenario(organisations=data["organisations"]))
    agree(world, "pkk", ["pt"], "technology", {"health": 1}, {"pkk": (3, 0), "pt": (3, 0)})
    p = agree(
        world,
        "lsm",
        ["pkk"],
        "education_development",
        {"health": 1},
        {"lsm": (2, 1), "pkk": (2, 0)},
    )
    world.apply(RunProgram("pkk", "health", 5, 1, 3))
    end_months(world, 1)
    if evaluate:
        world.apply(EvaluatePartnership("pkk", p.id))
        world.apply(Renegotiate("pkk", p.id, 1.5, 0))
    end_months(world, 6)
    return world, p


def _chain_on(world):
    """The chain about PKK's misses (one per defaulter when its partnerships held)."""
    return next(c for _, c in missed_breakups(world) if c.orgs[0] == "pkk")


def test_a_missed_payment_names_what_drained_the_money():
    world, _ = _drained_world(evaluate=False)
    chain = _chain_on(world)
    en = rendered(chain, "en")
    assert "PKK had Rp 29 juta at the start" in en  # at its first turn: 30, less upkeep
    assert "Rp 9 juta up front for technology partnership #1 (month 1)" in en
    assert "Rp 5 juta on its own program in Health (month 1)" in en
    assert chain.lesson.key == "debrief.chain.missed.lesson_drained"
    drain = next(s for s in chain.steps if s.text.key.startswith("debrief.drain."))
    assert drain.month == 1 and chain.steps[0] == drain  # the cause comes first
    assert "uang muka" in rendered(chain, "id")
    assert_plain_words(chain)


def test_a_missed_payment_credits_the_evaluation_and_renegotiation_the_defaulter_led():
    world, _ = _drained_world(evaluate=True)
    chain = _chain_on(world)
    credit = next(s for s in chain.steps if s.text.key.startswith("debrief.chain.missed.credit"))
    assert credit.text.key == "debrief.chain.missed.credit_both" and credit.month == 2
    en = rendered(chain, "en")
    assert "evaluated its partnerships jointly (month 2)" in en
    assert "renegotiated its terms openly (month 2)" in en
    assert_plain_words(chain)


def test_a_missed_payment_without_large_payments_or_habits_adds_neither():
    world, _ = _short_partnership_with_misses()
    [chain] = chains_of(missed_breakups(world), "missed_trust")
    keys = [s.text.key for s in chain.steps]
    assert not any(k.startswith(("debrief.drain.", "debrief.chain.missed.credit")) for k in keys)
    assert chain.lesson.key == "debrief.chain.missed.lesson"


def test_the_prompt_for_a_crisis_fed_by_misses_asks_what_the_partners_could_have_agreed():
    """A room was asked what an earlier evaluation would have shown, when the partner's
    unpaid contributions caused the crisis; the prompt now names them and the way out."""
    from game.debrief.prompts import generated_prompts
    from game.i18n import Translator

    world, p = _short_partnership_with_misses()
    chains = chains_of(unevaluated_crises(world), "unevaluated_crisis")
    [prompt] = [q for q in generated_prompts(world, [], [], chains, []) if q.generated]
    assert prompt.text.key == "debrief.prompt.chain.unevaluated_crisis_missed"
    en = Translator("en").msg(prompt.text)
    assert "PKK missed its contributions 4 times" in en and "#" + str(p.id) in en
    assert "{" not in Translator("id").msg(prompt.text)


def test_a_raise_while_short_is_not_credited_as_renegotiating_openly():
    """A chain praised a team for 'renegotiating openly' when it had raised its share while
    short, the raise that caused its misses; only a lower share, its own or agreed at a
    partner's request, is credited."""
    from game.sim.commands import AskChange, Respond

    world, _ = _drained_world(evaluate=False)
    raised = quiet_world(world.scenario)
    q = agree(raised, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 1)})
    raised.apply(EvaluatePartnership("pkk", q.id))
    raised.apply(Renegotiate("pkk", q.id, 25, 0))  # more than it can keep paying
    end_months(raised, 3)
    keys = [s.text.key for s in _chain_on(raised).steps]
    assert "debrief.chain.missed.credit_eval" in keys  # its evaluation still counts
    assert not {"debrief.chain.missed.credit_both", "debrief.chain.missed.credit_renegotiated"} & {
        *keys
    }

    asked = quiet_world(world.scenario)
    q = agree(
        asked, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 1), "pkk": (25, 0)}
    )
    end_months(asked, 2)
    asked.apply(EvaluatePartnership("lsm", q.id))
    request = asked.apply(AskChange("lsm", q.id, "pkk", 1, 0))
    asked.apply(Respond("pkk", request.id, "accept"))
    end_months(asked, 4)
    credit = next(
        s for s in _chain_on(asked).steps if s.text.key.startswith("debrief.chain.missed.credit")
    )
    assert credit.text.key == "debrief.chain.missed.credit_renegotiated"


def test_a_stopped_programme_is_counted_only_for_the_months_it_was_paid():
    """A team stopped its Rp 5 juta programme in month 3 (the form said it freed the money
    from that month), and the debrief still said Rp 15 juta for months 1–3."""
    from game.sim.commands import StopProgram

    data = copy.deepcopy(BASE)
    pkk = next(o for o in data["organisations"] if o["id"] == "pkk")
    pkk.update(funds=40, income=0, staff=2)
    world = quiet_world(scenario(organisations=data["organisations"]))
    agree(world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 1), "pkk": (9, 0)})
    program = world.apply(RunProgram("pkk", "health", 5, 1, 4))
    end_months(world, 2)
    world.apply(StopProgram("pkk", program.id))
    end_months(world, 4)
    en = rendered(_chain_on(world), "en")
    assert "Rp 10 juta on its own program in Health (months 1–2)" in en
