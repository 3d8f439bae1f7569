"""Words first-time players read in the debrief: totals that say what they count, and the
game's own Indonesian terms."""

from __future__ import annotations

import json
from pathlib import Path

from game.debrief import build
from game.i18n import Translator
from game.sim import outcomes
from tests.simkit import agree, end_months, quiet_world

I18N = Path(__file__).resolve().parent.parent / "assets" / "i18n"


def _waiting_world():
    """Two organisations wait together for the Dinas: each month counts twice."""
    world = quiet_world()
    agree(world, "lsm", ["pkk", "dinas"], "cross_sector", {"health": 1}, {"lsm": (5, 1)})
    world.approvals[0].min_wait = 99
    end_months(world, 3)
    return world


def test_months_waiting_for_approval_say_organisations_waited_so_long_in_all():
    """ "14 bulan-organisasi menunggu persetujuan" was jargon a facilitator could not read."""
    world = _waiting_world()
    total = outcomes.world_challenges(world)["approval_wait_months"]
    assert total > world.history.snapshots[-1].month  # longer than the game: needs saying
    [fact] = [f for f in build.session_facts(world, (), ()) if f.key == "debrief.fact.challenges"]
    id_, en = Translator("id").msg(fact), Translator("en").msg(fact)
    assert f"organisasi menunggu persetujuan selama total {total} bulan" in id_
    assert "dihitung dua bulan" in id_
    assert f"organisations waited {total} months in all for approvals" in en
    assert "count as two months" in en
    for lang, jargon, plain in (
        ("id", "bulan-organisasi", "dihitung dua bulan"),
        ("en", "organisation-month", "count as two months"),
    ):
        t = Translator(lang)
        for hint in (t("ui_debrief.challenges.hint"), t("debrief.report.challenges_hint")):
            assert jargon not in hint and plain in hint


def test_an_organisations_waiting_months_say_each_file_counts():
    world = _waiting_world()
    lsm = world.org_index["lsm"]
    result = outcomes.outcomes(world)["lsm"]
    benefits = build.org_outcomes(world)[lsm].benefits
    facts = build.org_facts(world, lsm, benefits, {"awaiting_approval": 1}, result.challenges)
    [waited] = [f for f in facts if f.key == "debrief.fact.waited"]
    assert "dihitung sendiri-sendiri" in Translator("id").msg(waited)
    assert "counted separately" in Translator("en").msg(waited)


def test_the_debrief_tabs_ask_what_it_means_and_what_next_in_indonesian():
    id_, en = Translator("id"), Translator("en")
    assert id_("ui_debrief.tab.so_what") == "2 · Apa artinya?"
    assert id_("ui_debrief.tab.now_what") == "3 · Apa selanjutnya?"
    assert id_("debrief.report.so_what_title") == "Apa artinya?"
    assert id_("debrief.report.now_what_title") == "Apa selanjutnya?"
    assert en("ui_debrief.tab.so_what") == "2 · So what?"
    assert en("ui_debrief.tab.now_what") == "3 · Now what?"


def test_indonesian_debrief_texts_use_the_games_own_terms():
    texts = {}
    for name in ("debrief.json", "ui_debrief.json"):
        texts.update(json.loads((I18N / "id" / name).read_text(encoding="utf-8")))
    for key, text in texts.items():
        assert "champion" not in text.lower(), key  # "penggerak", as the game says elsewhere
        assert "Lalu apa" not in text and "Lalu bagaimana" not in text, key
    # The seed as the sessions list names it ("benih acak (seed)"), not a bare English word.
    term = Translator("id")("sim.session.field.seed")
    assert Translator("id")("ui_debrief.seed", seed=180) == f"{term} 180"
    assert Translator("id")("debrief.report.seed", seed=180) == f"{term} 180"
