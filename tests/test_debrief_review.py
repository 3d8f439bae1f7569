"""What a team did well and what to try next time: said from its own record, with figures."""

from __future__ import annotations

from game.debrief.review import review
from game.i18n import Translator
from game.sim.commands import EvaluatePartnership, HoldDialogue
from tests.simkit import agree, end_months, quiet_world

EN = Translator("en")


def said(msgs) -> list[str]:
    return [EN.msg(m) for m in msgs]


def test_a_team_that_paid_and_evaluated_hears_it_and_one_that_missed_hears_when():
    world = quiet_world()
    lsm, pkk = world.org("lsm"), world.org("pkk")
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "pkk": (3, 0)}
    )
    world.apply(HoldDialogue("lsm", "pkk"))
    end_months(world, 1)
    world.apply(HoldDialogue("lsm", "pkk"))
    world.apply(EvaluatePartnership("lsm", p.id))
    pkk.funds = pkk.income = 0.0  # PKK cannot pay from month 2 on
    end_months(world, 3)
    good, better = review(world, lsm.idx)
    text = " ".join(said(good))
    assert "joint evaluations once" in text and "Paid every share it promised" in text
    assert "Talked informally 2 times" in text
    assert not any("Missed" in line for line in said(better))
    good, better = review(world, pkk.idx)
    missed = next(line for line in said(better) if line.startswith("Missed its share"))
    assert "3 times (months 2–4)" in missed
    assert not any("Paid every share" in line for line in said(good))


def test_a_team_that_never_partnered_is_told_what_it_missed():
    world = quiet_world()
    end_months(world, 3)
    good, better = review(world, world.org_index["lsm"])
    assert good == ()
    assert said(better)[0].startswith("Joined no partnership")


def test_at_most_three_of_each():
    world = quiet_world()
    lsm = world.org("lsm")
    for other in ("pkk", "pt"):
        agree(
            world, "lsm", [other], "resource_pooling", {"health": 1}, {"lsm": (9, 0), other: (1, 0)}
        )
    lsm.funds = lsm.income = 0.0
    end_months(world, 10)
    good, better = review(world, lsm.idx)
    assert len(good) <= 3 and len(better) <= 3
    assert said(better)[0].startswith("Missed its share")


def test_an_own_programme_left_without_money_is_named_to_try_next_time():
    """A team whose programme went unpaid five months read only 'paid every share it
    promised' on its card."""
    from game.sim.commands import RunProgram

    world = quiet_world()
    lsm = world.org("lsm")
    world.apply(RunProgram("lsm", "health", 8, 1, months=4))
    lsm.funds = lsm.income = 0.0
    end_months(world, 4)
    _, better = review(world, lsm.idx)
    line = next(text for text in said(better) if text.startswith("Its own programme"))
    assert "without money 4 times (months 1–4)" in line


def test_its_partnerships_evaluations_and_the_ones_it_called_say_which_is_which():
    """ "Its partnerships held joint evaluations 3 times" beside the pillar "Evaluations held
    1" looked like a contradiction: one counts its partners' evaluations, the other its own."""
    from game.debrief.build import org_outcomes

    world = quiet_world()
    lsm = world.org("lsm")
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "pkk": (2, 0)}
    )
    for caller in ("pkk", "pkk", "lsm"):  # one joint evaluation a month at most
        end_months(world, 1)
        world.apply(EvaluatePartnership(caller, p.id))
    end_months(world, 1)
    outcome = org_outcomes(world, ["lsm"])[lsm.idx]
    assert outcome.pillars["evaluations"] == 1
    held = next(m for m in outcome.went_well if m.key == "debrief.review.evaluated")
    assert EN.msg(held).startswith(
        "Its partnerships held joint evaluations 3 times (called by it or its partners)"
    )
    assert "3 kali (diadakan olehnya atau oleh mitranya)" in Translator("id").msg(held)
    assert EN("sim.pillar.evaluations") == "Evaluations it called"
    assert Translator("id")("sim.pillar.evaluations") == "Evaluasi yang diadakannya"


def test_agenda_points_left_unused_are_named_to_try_next_time():
    """A team missed its goal by 0,01 having left ten agenda points unused; its card said
    nothing to try next time."""
    from game.sim.commands import EndMonth

    world = quiet_world()
    lsm = world.org("lsm")
    agree(world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "pkk": (2, 0)})
    busy = world.org("pkk")
    for _ in range(4):  # LSM spends one point a month; PKK all of its
        world.apply(HoldDialogue("lsm", "pkk"))
        while busy.agenda:
            world.apply(HoldDialogue("pkk", "lsm"))
        world.apply(EndMonth())
    unused = 4 * (world.rules.agenda - 1) - 1  # the proposal took one more in month 1
    line = next(m for m in said(review(world, lsm.idx)[1]) if "unused" in m)
    assert f"Left {unused} agenda points unused over 4 months" in line
    assert not any("unused" in m for m in said(review(world, busy.idx)[1]))


def test_a_team_whose_partners_paid_for_its_partnerships_hears_its_share() -> None:
    """ "Paid every share it promised (4 times)" praised a team whose shares were Rp 0 while
    its partners put in 97 % of the money: the debrief hid the free ride."""
    world = quiet_world()
    lsm, pkk = world.org("lsm"), world.org("pkk")
    agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (0.2, 0), "pkk": (3, 0)}
    )
    end_months(world, 4)
    _, better = review(world, lsm.idx)
    carried = next(line for line in said(better) if line.startswith("Its part was"))
    assert carried.startswith("Its part was 6% of the money agreed") and "Rp 12" in carried
    _, better = review(world, pkk.idx)
    assert not any(line.startswith("Its part was") for line in said(better))
    said_id = Translator("id").msg(
        next(m for m in review(world, lsm.idx)[1] if m.key == "debrief.review.carried")
    )
    assert said_id.startswith("Bagiannya 6%")


def test_a_partner_raising_its_own_share_is_not_held_against_the_team() -> None:
    """A school agreed Rp 2 juta a month against its partner's 1; the computer partner then
    raised its own share to 3.5 and 7 without being asked, and the debrief told the school
    "put in 24% of the money ... work one side pays for rarely lasts". Judged by the shares
    agreed, the school gave two thirds."""
    from game.sim.commands import Renegotiate

    world = quiet_world()
    lsm, pkk = world.org("lsm"), world.org("pkk")
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "pkk": (1, 0)}
    )
    pkk.funds = 500.0
    end_months(world, 1)
    world.apply(Renegotiate("pkk", p.id, 3.5, 0))  # of its own accord
    end_months(world, 1)
    world.apply(Renegotiate("pkk", p.id, 7.0, 0))
    end_months(world, 10)
    assert p.paid[lsm.idx] < 0.25 * sum(p.paid.values())  # the old rule's "carried"
    keys = [m.key for m in review(world, lsm.idx)[1]]
    assert not [k for k in keys if k.startswith("debrief.review.carried")]


def test_a_team_that_gave_little_of_what_was_agreed_hears_it_without_its_partners_extra() -> None:
    """Still said when the agreed shares left the team a small part: as an observation, and
    without the money its partner added of its own accord."""
    from game.sim.commands import Renegotiate

    world = quiet_world()
    lsm = world.org("lsm")
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (0.2, 0), "pkk": (3, 0)}
    )
    end_months(world, 2)
    world.apply(Renegotiate("pkk", p.id, 5.0, 0))
    end_months(world, 2)
    [msg] = [m for m in review(world, lsm.idx)[1] if m.key.startswith("debrief.review.carried")]
    assert msg.key == "debrief.review.carried_added"
    line = EN.msg(msg)
    assert "6% of the money agreed" in line and "Rp 12 juta" in line  # 4 months of Rp 3 juta
    assert "not counting Rp 4 juta they added of their own accord" in line
    assert "Worth talking over" in line
    said_id = Translator("id").msg(msg)
    assert "Rp 4 juta yang mereka tambahkan atas kemauan sendiri" in said_id
