"""Every message the engine can emit exists in both languages and renders with its values."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from game.i18n import _FORMATTER, Msg, Translator, _catalogue, catalogue_keys
from game.scenario import bundled_scenarios, load_scenario
from game.sim.batch import play_headless
from tests.i18n_keys import sim_keys

I18N = Path(__file__).resolve().parents[1] / "assets" / "i18n"


def test_every_key_the_engine_uses_is_in_both_catalogues():
    for lang in ("id", "en"):
        assert sim_keys() - catalogue_keys(lang) == set(), lang


@pytest.mark.parametrize("area", ["sim", "simulate", "sessions"])
def test_both_languages_have_the_same_keys_and_placeholders(area):
    en, id_ = (
        json.loads((I18N / lang / f"{area}.json").read_text("utf-8")) for lang in ("en", "id")
    )
    assert set(en) == set(id_)
    for key, template in en.items():
        assert _fields(template) == _fields(id_[key]), key


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _render_strictly(t: Translator, msg: Msg) -> str:
    template = _catalogue(t.lang)[msg.key]
    params = {k: t._param(v) for k, v in msg.params.items()}
    return _FORMATTER.vformat(template, (), params)  # a missing value raises KeyError here


@pytest.mark.parametrize("info", bundled_scenarios(), ids=lambda i: i.id)
def test_every_logged_message_renders_in_both_languages(info):
    scenario = load_scenario(info.path).scenario
    world = play_headless(scenario, 3, min(scenario.meta.months, 12), "collaborative")
    for lang in ("id", "en"):
        t = Translator(lang)
        for entry in world.entries:
            assert _render_strictly(t, entry.msg)
            if entry.cause is not None:
                assert _render_strictly(t, entry.cause)


def test_an_evaluation_says_in_words_how_much_it_found():
    """'problems found 0.37' meant nothing to a player: the amount is a word, measured
    against the line where hidden problems surface as a crisis."""
    from game.sim.commands import EvaluatePartnership
    from tests.simkit import agree, end_months, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "pkk": (2, 0)}
    )
    t = Translator("en")
    said = []
    for hidden in (0.0, 0.9 * world.rules.crisis_threshold / world.rules.evaluation_reveal):
        if said:
            end_months(world, 1)  # one evaluation a month
        p.hidden_issues = hidden
        world.apply(EvaluatePartnership("lsm" if not said else "pkk", p.id))
        said.append(t.msg(world.entries[-1].msg))
    assert "hardly any hidden problems" in said[0]
    assert "a crisis was close" in said[1]
    assert not any(ch.isdigit() for ch in said[1].split(":")[-1])  # no bare figure


def test_a_change_of_terms_says_what_changed():
    """'X adjusted its terms openly' came almost every month and never said what changed."""
    from game.sim.commands import EvaluatePartnership, Renegotiate
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (5.9, 1), "pkk": (2, 0)}
    )
    world.apply(EvaluatePartnership("lsm", p.id))
    world.apply(Renegotiate("lsm", p.id, 3.0, 0))
    t = Translator("en")
    text = t.msg(world.entries[-1].msg)
    assert "money Rp 5.9 → 3 juta a month and staff 1 → 0" in text, text
    world.apply(Renegotiate("pkk", p.id, 1.0, 0))  # no evaluation this time: one-sided
    assert "(money Rp 2 → 1 juta a month)" in Translator("en").msg(world.entries[-1].msg)


def test_english_says_one_month_and_three_months():
    """'after 1 month(s)' read as machine text; a field may pick its word by its number."""
    t = Translator("en")
    assert t("sim.log.approved", approver="Disdik", subject="#4", months=1).endswith("1 month.")
    assert t("sim.log.approved", approver="Disdik", subject="#4", months=3).endswith("3 months.")
    assert Translator("id")("sim.log.approved", approver="Disdik", subject="#4", months=1)
    for lang in ("en", "id"):
        assert not any("(s)" in text for text in _catalogue(lang).values()), lang


def test_a_closed_grant_says_when_it_opens_or_since_when_it_is_closed():
    """Every grant said 'not open for applications now' in month 1; the file opens them in
    months 2, 3 and 7."""
    from game.sim.actions import grant_obstacle
    from tests.simkit import end_months, quiet_world, scenario

    grants = [{"id": "hibah", "name": "Hibah", "amount": 50, "opens": 3, "closes": 5}]
    world = quiet_world(scenario(grants=grants))
    t = Translator("en")
    org = world.org("lsm")
    assert (
        t.msg(grant_obstacle(world, org, "hibah").reason)
        == "Hibah opens for applications in month 3."
    )
    end_months(world, 2)
    assert grant_obstacle(world, org, "hibah") is None
    end_months(world, 3)
    said = t.msg(grant_obstacle(world, org, "hibah").reason)
    assert said == "Hibah took its last applications in month 5."


def test_a_talk_with_no_tension_to_ease_says_what_it_did() -> None:
    """The News read "talked informally: tension 0 → 0", as if the talk did nothing; it
    warmed trust and revealed missions."""
    from game.i18n import Translator
    from game.sim.commands import HoldDialogue
    from tests.simkit import quiet_world

    world = quiet_world()
    a, b = world.org_index["lsm"], world.org_index["pkk"]
    world.tension[a, b] = world.tension[b, a] = 0.0
    world.apply(HoldDialogue("lsm", "pkk"))
    entry = world.entries[-1]
    assert entry.msg.key == "sim.log.dialogue_calm"
    text = Translator("en").msg(entry.msg)
    assert "no tension to ease" in text and "tension 0 → 0" not in text
    assert entry.data["trust_after"] > entry.data["trust_before"]
    world.tension[a, b] = world.tension[b, a] = 0.6
    world.apply(HoldDialogue("lsm", "pkk"))
    assert world.entries[-1].msg.key == "sim.log.dialogue"  # tension eased: said as before


@pytest.mark.parametrize("engine", [6, 7])
def test_a_refused_once_only_grant_says_there_is_no_second_try(engine) -> None:
    """A team read "not successful … a matter of chance" and found out two months later,
    from a greyed-out button, that it could not apply again."""
    from game.sim.commands import ApplyForGrant
    from tests.simkit import end_months, quiet_world, scenario

    grants = [{"id": "hibah", "name": "Hibah", "amount": 50, "chance": 0.0}]
    world = quiet_world(scenario(grants=grants), engine=engine)
    world.apply(ApplyForGrant("lsm", "hibah"))
    end_months(world, 1)
    [refused] = [e for e in world.entries if e.kind == "grant_refused"]
    said = Translator("en").msg(refused.msg)
    assert ("one application per organisation" in said) == (engine >= 7)
