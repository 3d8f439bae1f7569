"""What a facilitator found when a real workshop's debrief was read beside the game: the month
it stopped in, the starting funds, the organisations' colours, what a score is measured against,
and singular nouns. Each test pins what the game showed and the debrief must say the same way.
"""

from __future__ import annotations

import pytest

from game.debrief.build import build_debrief
from game.debrief.model import Debrief
from game.i18n import Translator
from game.scenario import bundled_scenarios, load_scenario
from game.sim.commands import EndMonth, HoldDialogue
from game.sim.session import Session

TEAMS = {"nurul-falah": "Tim Masjid", "tirta": "Tim Relawan Sehat", "semen-kaliwangi": "Tim CSR"}


def flood_session(months_ended: int, *, move: bool = True) -> Session:
    """`tanggap-banjir` with three human teams, stopped during month `months_ended + 1`
    after one move in that month (an informal chat), as the workshop's session was."""
    info = next(i for i in bundled_scenarios() if i.id == "tanggap-banjir")
    session = Session(
        load_scenario(info.path).scenario,
        info.path.read_text(encoding="utf-8"),
        seed=1200,
        controllers=dict.fromkeys(TEAMS, "human"),
        teams=TEAMS,
    )
    for _ in range(months_ended):
        session.apply(EndMonth())
    if move:
        session.apply(HoldDialogue("nurul-falah", "bpbd"))
    return session


@pytest.fixture(scope="module")
def month5() -> Debrief:
    return build_debrief(flood_session(4))


@pytest.fixture(scope="module")
def month1() -> Debrief:
    return build_debrief(flood_session(0))


# --- 1. the month it stopped in --------------------------------------------------------------
def test_a_session_stopped_during_month_5_is_said_to_be_in_month_5_with_4_complete(month5):
    assert month5.session.month == 5  # as the game's panel and `kolaborasi sessions` say
    assert month5.session.complete == 4  # the charts' last month
    assert max(item.month for item in month5.what.timeline) == 5
    en, id_ = Translator("en"), Translator("id")
    assert en.msg(month5.session.stopped("debrief.report.played_part")) == (
        "stopped in month 5 of 12 (4 months complete)"
    )
    assert id_.msg(month5.session.stopped("ui_debrief.played_part")) == (
        "berhenti di bulan 5 dari 12 (4 bulan selesai)"
    )
    fact = en.msg(month5.what.facts[0])
    assert "month 5 of 12 with 4 months complete" in fact and "month 4" in fact


def test_a_session_opened_in_month_1_never_says_month_0(month1):
    assert (month1.session.month, month1.session.complete) == (1, 0)
    for lang in ("en", "id"):
        t = Translator(lang)
        said = [
            t.msg(month1.session.stopped("debrief.report.played_part")),
            t.msg(month1.session.stopped("ui_debrief.played_part")),
            t.msg(month1.session.stopped("debrief.cli.unfinished", file="x")),
            t.msg(month1.what.facts[0]),
        ]
        for text in said:
            assert " 0 " not in text and "1" in text, text
    assert "belum ada bulan yang selesai" in Translator("id").msg(
        month1.session.stopped("debrief.report.played_part")
    )


# --- 6. the starting funds a team saw -------------------------------------------------------
def test_start_funds_are_what_the_team_saw_at_its_first_turn(month1, month5):
    session = flood_session(0, move=False)
    nurul = session.world.orgs[session.world.org_index["nurul-falah"]]
    seen = nurul.funds  # at its first turn, month 1's income in: the workshop's Rp 66 juta
    before_income = session.scenario.organisations[nurul.idx].funds
    assert seen > before_income
    for d in (month1, month5):
        assert d.outcome("nurul-falah").funds_start == pytest.approx(seen, abs=0.05)
        month0 = next(r for r in d.monthly if r.month == 0 and r.org == "nurul-falah")
        assert month0.values["funds"] == before_income  # the CSV's end of month 0


def test_the_funds_labels_say_first_turn_in_every_place(month5, tmp_path):
    from game.debrief.report_csv import write_csv
    from game.debrief.report_html import render_html

    for lang, word, column in (
        ("en", "first turn", "end_of_month"),
        ("id", "giliran pertama", "akhir_bulan"),
    ):
        t = Translator(lang)
        assert word in render_html([month5], None, t)
        assert word in t("ui_debrief.funds", start=1, end=2)
        write_csv(tmp_path / lang, [month5], t)
        header = (tmp_path / lang / "organisations.csv").read_text(encoding="utf-8-sig")
        assert column in header.splitlines()[0]


# --- 3. the organisations' colours and shapes -----------------------------------------------
def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def test_the_debrief_knows_every_sector_as_the_game_draws_it():
    """Both read game.look; this holds the report's hex colours to the map's RGB."""
    from game.debrief.model import SECTOR_LOOK
    from game.scenario.schema import Sector
    from game.ui.palette import SECTOR_STYLES

    assert set(SECTOR_LOOK) == {s.value for s in Sector}
    for sector in Sector:
        style = SECTOR_STYLES[sector]
        assert SECTOR_LOOK[sector.value] == (hex_of(style.colour), style.shape), sector


def test_organisations_have_the_maps_colours_in_the_charts_and_the_report(month5):
    from game.debrief.report_html import render_html
    from game.scenario.schema import Sector
    from game.ui.palette import SECTOR_STYLES

    game_look = {
        card.id: (hex_of(SECTOR_STYLES[Sector(card.sector)].colour), card.sector)
        for card in month5.orgs
    }
    assert game_look["nurul-falah"][0] == hex_of(SECTOR_STYLES[Sector.community].colour)
    assert game_look["tirta"][0] == hex_of(SECTOR_STYLES[Sector.ngo].colour)
    assert game_look["bpbd"][0] == hex_of(SECTOR_STYLES[Sector.government].colour)
    for card in month5.orgs:
        assert card.colour == game_look[card.id][0]
        assert card.shape == SECTOR_STYLES[Sector(card.sector)].shape
    for chart_id in ("trust", "tension"):
        lines = month5.so_what.chart(chart_id).lines
        assert {line.id: line.colour for line in lines} == {k: v[0] for k, v in game_look.items()}
        # Three government offices share the blue: their dashes keep them apart.
        government = [line for line in lines if game_look[line.id][1] == "government"]
        assert len({line.variant for line in government}) == len(government) == 3
    html = render_html([month5], None, Translator("en"))
    nurul = html.index("Nurul Falah Humanitarian Volunteers</")
    icon = html.rfind("<svg", 0, nurul)
    assert 'fill="#D55E00"' in html[icon:nurul]  # the map's vermillion triangle


# --- 4. what a score is measured against ----------------------------------------------------
def test_efficiency_shows_the_reference_each_organisation_is_measured_against(month5):
    from game.sim.outcomes import outcomes, saturate

    world = flood_session(4).world
    sim = outcomes(world)
    en, id_ = Translator("en"), Translator("id")
    for card in month5.orgs:
        for benefit in ("efficiency", "resource_access"):
            b = next(x for x in month5.outcome(card.id).benefits if x.id == benefit)
            assert b.score == sim[card.id].benefits[benefit].score  # the score is untouched
            assert b.reference is not None and b.reference > 0
            shown = en.msg(b.raw_msg())
            assert "ref." in shown and en.msg(b.raw_msg(short=True)).endswith(
                shown.rsplit("ref. ", 1)[1]
            )
            assert "acuan" in id_.msg(b.raw_msg())
            # The reference explains the score: at most what the figure earns against it.
            assert b.score <= saturate(b.raw, b.reference) + 1e-9
    assert saturate(1.0, 1.0) == pytest.approx(63.2, abs=0.05)  # as the captions say


def test_the_scorecard_no_longer_says_the_score_comes_from_the_small_figure_alone(month5):
    from game.debrief.report_html import render_html

    for lang, word in (("en", "reference"), ("id", "acuan")):
        t = Translator(lang)
        for detail in (t("debrief.report.scorecard_detail"), t("ui_debrief.benefits.detail")):
            assert word in detail and "63" in detail
        for hint in (t("debrief.report.scorecard_hint"), t("ui_debrief.benefits.hint")):
            assert "the score comes from" not in hint and "asal skor itu" not in hint
        html = render_html([month5], None, t)
        assert html.count("ref." if lang == "en" else "acuan") >= 2 * len(month5.orgs)


def test_the_scorecard_intro_speaks_to_players_first_and_keeps_the_detail_after(month5):
    """First-time players read plain words ("the longer the bar, the better"); the yardstick's
    arithmetic ("scores 63") follows the table, labelled for the facilitator."""
    from game.debrief.report_html import render_html

    for lang, ref, plain, facilitator in (
        ("en", "“ref.”", "the better", "For facilitators:"),
        ("id", "“acuan”", "makin baik", "Untuk fasilitator:"),
    ):
        t = Translator(lang)
        for hint, detail in (
            (t("debrief.report.scorecard_hint"), t("debrief.report.scorecard_detail")),
            (t("ui_debrief.benefits.hint"), t("ui_debrief.benefits.detail")),
        ):
            assert plain in hint and ref in hint  # what the reference beside a figure means
            assert "63" not in hint and "duplicated" not in hint and "ganda" not in hint
            assert detail.startswith(facilitator) and "63" in detail
        html = render_html([month5], None, t)
        hint_at = html.index(t("debrief.report.scorecard_hint").split(":")[0])
        detail_at = html.index(facilitator)
        assert hint_at < html.index('class="scores', hint_at) < detail_at


# --- 5. one tie, one month ------------------------------------------------------------------
def test_a_count_of_one_is_singular():
    from game.debrief.model import BenefitScore

    en = Translator("en")
    assert en.msg(BenefitScore("network", 22, 1.0, "ties").raw_msg()) == "1 tie"
    assert en.msg(BenefitScore("network", 39, 2.0, "ties").raw_msg()) == "2 ties"
    assert en.msg(BenefitScore("network", 57, 3.4, "ties").raw_msg()) == "3.4 ties"
    assert en.msg(BenefitScore("credibility", 51, 1.0, "credibility").raw_msg()) == "+1 point"
    assert en.msg(BenefitScore("credibility", 48, -1.0, "credibility").raw_msg()) == "-1 point"


def test_the_report_never_writes_a_plural_in_brackets(tmp_path):
    """The workshop's timeline read "after 1 month(s)" and "after 0 month(s)"."""
    from game.debrief.report_html import render_html
    from game.scenario.schema import Model
    from game.sim.commands import EvaluatePartnership, ProposePartnership, Respond
    from game.sim.state import Contribution

    session = flood_session(0, move=False)
    terms = ((Contribution("nurul-falah", 2, 0), Contribution("tirta", 1, 0)), 6)
    proposal = session.apply(
        ProposePartnership(
            "nurul-falah", ("tirta",), Model.resource_pooling, (("hunian", 1.0),), *terms
        )
    )
    session.apply(Respond("tirta", proposal.id, "accept"))
    session.apply(EvaluatePartnership("nurul-falah", proposal.partnership))  # the same month
    session.apply(EndMonth())
    session.apply(EvaluatePartnership("nurul-falah", proposal.partnership))  # after 1 month
    html = render_html([build_debrief(session)], None, Translator("en"))
    assert "(s)" not in html
    assert "in the same month" in html
