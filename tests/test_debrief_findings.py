"""What the debrief must not hide: trust that is not returned, cash that ran out.

Each test builds a small session whose story contains the thing and checks that the
debrief says it, with the numbers the players saw, in both languages.
"""

from __future__ import annotations

import re

from game.debrief.build import build_debrief
from game.debrief.report_html import render_html
from game.i18n import Translator, format_number
from game.sim.commands import EndMonth, ProposePartnership, Respond
from game.sim.session import Session
from game.sim.state import Contribution
from tests.simkit import scenario


def one_sided_session() -> Session:
    """LSM (the team) has lost its trust in PKK, while PKK still trusts LSM."""
    session = Session(scenario(), "")
    world = session.world
    lsm, pkk = world.org_index["lsm"], world.org_index["pkk"]
    world.trust[lsm, pkk], world.trust[pkk, lsm] = 0.1, 0.9
    session.apply(EndMonth())
    return session


def test_a_one_sided_tie_shows_both_directions_not_their_mean() -> None:
    debrief = build_debrief(one_sided_session())
    end = debrief.so_what.network_end
    tie = next(t for t in end.ties if {t.a, t.b} == {"lsm", "pkk"})
    assert tie.one_sided and abs(tie.trust - 0.5) < 0.05  # the mean alone would read "0.5"
    [note] = end.notes
    lsm_in_pkk = tie.trust_ab if tie.a == "lsm" else tie.trust_ba
    pkk_in_lsm = tie.trust_ba if tie.a == "lsm" else tie.trust_ab
    assert lsm_in_pkk < 0.3 and pkk_in_lsm > 0.7
    for lang in ("en", "id"):
        t = Translator(lang)
        text = t.msg(note)
        low, high = (format_number(round(v, 2), lang) for v in (lsm_in_pkk, pkk_in_lsm))
        # the side that lost its trust is named first, with its own figure, as on the map
        assert re.search(rf"LSM\D+PKK\D+{re.escape(low)}\D", text), text
        assert re.search(rf"PKK\D+LSM\D+{re.escape(high)}\D", text), text
        assert "{" not in text and "{" not in t.msg(end.notes_title)


def test_the_report_says_which_side_trusts_the_other_in_words() -> None:
    debrief = build_debrief(one_sided_session())
    for lang in ("en", "id"):
        html = render_html([debrief], None, Translator(lang))
        words = Translator(lang).msg(debrief.so_what.network_end.notes[0])
        assert words in html


def ruined_session() -> Session:
    """LSM (the team) pools resources with PKK, then its money is gone: it misses its share."""
    controllers = {"lsm": "human", "pkk": "human", "dinas": "cautious", "pt": "cautious"}
    session = Session(scenario(), "", controllers=controllers)
    terms = ProposePartnership(
        "lsm",
        ("pkk",),
        "resource_pooling",
        (("health", 1.0),),
        (Contribution("lsm", 5, 1), Contribution("pkk", 5, 1)),
        12,
    )
    proposal = session.apply(terms)
    session.apply(Respond("pkk", proposal.id, "accept"))
    session.apply(EndMonth())
    lsm = session.world.orgs[session.world.org_index["lsm"]]
    lsm.funds = lsm.income = 0.0  # a budget cut the record does not need to replay here
    lsm.staff = 0
    for _ in range(3):
        session.apply(EndMonth())
    return session


def test_a_team_whose_cash_ran_out_is_told_on_its_card_and_in_the_timeline() -> None:
    debrief = build_debrief(ruined_session())
    [fact] = [f for f in debrief.outcome("lsm").facts if f.key.startswith("debrief.funds.")]
    [moment] = [m for m in debrief.what.timeline if m.text.key.startswith("debrief.funds.")]
    assert moment.team and moment.major and moment.orgs == ("lsm",)
    # and whether it cost the partnership: the misses for lack of money are counted
    assert fact.key == "debrief.funds.ran_down_missed"
    assert fact.params["first"] >= 2
    for lang, word in (("en", "LSM"), ("id", "LSM")):
        text = Translator(lang).msg(fact)
        assert word in text and "{" not in text and "debrief." not in text, text
    # the figure is the one the month summary showed: a month-end balance, not month 0's
    months = {m.month: m.values["funds"] for m in debrief.monthly if m.org == "lsm"}
    assert fact.params["peak"] == round(max(v for k, v in months.items() if k >= 1), 1)


def test_an_organisation_that_never_had_money_has_not_run_out() -> None:
    debrief = build_debrief(ruined_session())
    for o in debrief.what.outcomes:
        if o.org != "lsm":
            assert not any(f.key.startswith("debrief.funds.") for f in o.facts), o.org
