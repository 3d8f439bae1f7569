"""An offer to several partners survives one no (engine 4): the one who said no leaves it."""

from __future__ import annotations

from game.scenario.schema import Model
from game.sim.commands import ProposePartnership, Respond
from game.sim.state import Contribution, ProposalStatus
from game.sim.world import World
from tests.simkit import quiet_world, scenario


def _three_way(world: World, model: Model = Model.resource_pooling):
    return world.apply(
        ProposePartnership(
            "lsm",
            ("pkk", "pt"),
            model,
            (("health", 1.0),),
            (Contribution("lsm", 3, 1), Contribution("pkk", 2, 1), Contribution("pt", 2, 1)),
            12,
        )
    )


def test_a_partner_saying_no_leaves_the_offer_and_the_rest_may_go_on():
    world = quiet_world(engine=4)
    offer = _three_way(world)
    world.apply(Respond("pkk", offer.id, "accept"))
    world.apply(Respond("pt", offer.id, "reject"))
    pt, pkk, lsm = (world.org_index[o] for o in ("pt", "pkk", "lsm"))
    assert offer.status == ProposalStatus.open
    assert offer.partners == [pkk] and offer.dropped == [pt]
    assert [c.org for c in offer.terms.contributions] == ["lsm", "pkk"]
    assert offer.waiting_on == lsm  # the proposer confirms going on without PT
    assert world.entries[-1].msg.key == "sim.log.left_offer"
    world.apply(Respond("lsm", offer.id, "accept"))
    assert offer.waiting_on == pkk  # the work changed: PKK is asked again
    world.apply(Respond("pkk", offer.id, "accept"))
    assert offer.status == ProposalStatus.agreed
    assert world.partnership(offer.partnership).members == [lsm, pkk]


def test_the_proposer_may_walk_away_instead():
    world = quiet_world(engine=4)
    offer = _three_way(world)
    world.apply(Respond("pkk", offer.id, "accept"))
    world.apply(Respond("pt", offer.id, "reject"))
    world.apply(Respond("lsm", offer.id, "withdraw"))
    assert offer.status == ProposalStatus.withdrawn and not world.partnerships


def test_before_engine_4_one_no_closes_the_offer_for_everyone():
    world = quiet_world(engine=3)
    offer = _three_way(world)
    world.apply(Respond("pkk", offer.id, "accept"))
    world.apply(Respond("pt", offer.id, "reject"))
    assert offer.status == ProposalStatus.rejected and offer.dropped == []


def test_an_offer_with_nothing_left_without_the_partner_closes_as_before():
    world = quiet_world(engine=4)
    offer = world.apply(
        ProposePartnership(
            "lsm",
            ("pkk", "pt"),
            Model.resource_pooling,
            (("health", 1.0),),
            (Contribution("lsm", 0, 0), Contribution("pkk", 0, 0), Contribution("pt", 2, 1)),
            12,
        )
    )
    world.apply(Respond("pkk", offer.id, "accept"))
    world.apply(Respond("pt", offer.id, "reject"))  # only PT put anything in
    assert offer.status == ProposalStatus.rejected and offer.dropped == []


def test_a_computer_partner_that_works_alone_leaves_a_three_way_offer():
    sc = scenario()
    controllers = {o.id: "human" for o in sc.organisations}
    controllers["pt"] = "solo"
    world = World(sc, 1, controllers=controllers, engine=4)
    offer = _three_way(world)
    world.apply(Respond("pkk", offer.id, "accept"))  # then PT answers at once
    assert offer.status == ProposalStatus.open
    assert offer.dropped == [world.org_index["pt"]]
    left = next(e for e in world.entries if e.msg.key == "sim.log.left_offer")
    assert left.cause is not None and left.cause.key == "sim.reason.works_alone"


def test_a_team_asked_again_gets_a_reply_turn():
    """On a shared laptop a team is given a reply turn for each offer waiting on it, once;
    asked again after a partner left, it must get one again."""
    from game.ui.turns import HotSeat, Team

    world = quiet_world(engine=4)
    seat = HotSeat([Team("lsm", "A"), Team("pkk", "B"), Team("pt", "C")])
    offer = _three_way(world)
    assert seat._waiting_on(world, 1)  # B is asked (and marked as asked)
    world.apply(Respond("pkk", offer.id, "accept"))
    world.apply(Respond("pt", offer.id, "reject"))
    world.apply(Respond("lsm", offer.id, "accept"))
    assert offer.waiting_on == world.org_index["pkk"]
    assert seat._waiting_on(world, 1)  # asked anew, not "already seen"


def test_computer_organisations_no_longer_propose_work_they_would_give_nothing_to():
    """A village team read "KKN: Rp 0 juta and 0 staff" in an offer from KKN; since engine 4
    a computer proposer always puts something in (engine 3 sessions replay as they were)."""
    from game.scenario import bundled_scenarios, load_scenario
    from game.sim.commands import EndMonth

    def empty_handed(engine: int) -> int:
        n = 0
        for info in bundled_scenarios():
            sc = load_scenario(info.path).scenario
            for seed in range(5):
                w = World(
                    sc, seed, controllers={p: "collaborative" for p in sc.players}, engine=engine
                )
                while not w.finished:
                    w.apply(EndMonth())
                for p in w.proposals:
                    if p.amends is None and p.round == 1 and not w.orgs[p.proposer].human:
                        own = p.terms.contribution(w.orgs[p.proposer].id)
                        n += own.funds + own.staff <= 0
        return n

    assert empty_handed(3) > 0  # it happened, so the check below can fail
    assert empty_handed(4) == 0


def test_the_proposer_going_on_is_told_as_such_and_its_inbox_says_who_left():
    """The record read "SMPN 3 accepted proposal #4" (its own), and its inbox "SMPN 3
    proposes #4" to SMPN 3 itself."""
    from game.i18n import Translator
    from game.ui.widgets.tabs import proposal_rows

    world = quiet_world(engine=4)
    offer = _three_way(world)
    world.apply(Respond("pkk", offer.id, "accept"))
    world.apply(Respond("pt", offer.id, "reject"))
    rows = proposal_rows(world, Translator("en"), world.org_index["lsm"])
    texts = [text for row in rows for text, _, _ in row.lines]
    assert any("PT left your offer" in text for text in texts)
    world.apply(Respond("lsm", offer.id, "accept"))
    assert world.entries[-1].msg.key == "sim.log.went_on"


def test_partners_of_an_offer_may_answer_in_any_order():
    """On a shared laptop the third team waited a whole reply turn for the second to answer
    first; any party still to answer may now answer."""
    world = quiet_world(engine=4)
    offer = _three_way(world)
    pt = world.org_index["pt"]
    assert offer.awaits(pt) and world.open_proposals_for(pt) == [offer]
    world.apply(Respond("pt", offer.id, "accept"))  # before PKK, listed first
    assert not offer.awaits(pt) and offer.status == ProposalStatus.open
    world.apply(Respond("pkk", offer.id, "accept"))
    assert offer.status == ProposalStatus.agreed


def test_an_offer_whose_proposer_lost_its_staff_falls_through_and_says_why() -> None:
    """A team accepted a computer's offer and read "Maju Jaya declined proposal #3: it cannot
    afford its share": the proposer's one person had gone to other work meanwhile."""
    from game.i18n import Translator
    from game.sim.commands import ProposePartnership, Respond
    from game.sim.state import Contribution, ProposalStatus
    from tests.simkit import quiet_world

    world = quiet_world()
    terms = (Contribution("lsm", 1, 1), Contribution("pkk", 1, 0))
    proposal = world.apply(
        ProposePartnership("lsm", ("pkk",), Model.resource_pooling, (("health", 1.0),), terms, 6)
    )
    lsm = world.org("lsm")
    lsm.staff_busy = lsm.staff  # its people went to other work before the answer came
    world.apply(Respond("pkk", proposal.id, "accept"))
    assert proposal.status == ProposalStatus.rejected
    entry = world.entries[-1]
    assert entry.msg.key == "sim.log.fell_through" and entry.cause.key == "sim.reason.staff_gone"
    text = Translator("en").msg(entry.msg) + " " + Translator("en").msg(entry.cause)
    assert "declined" not in text and "afford" not in text and "staff" in text
