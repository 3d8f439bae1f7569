"""The window's logic without a window: hot-seat turns, action forms, previews, translations."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import pytest

from game.i18n import Translator
from game.scenario import load_scenario_text
from game.scenario.schema import Model
from game.sim import negotiation
from game.sim.commands import EndMonth, HoldDialogue, ProposePartnership
from game.sim.errors import Impossible
from game.sim.session import Session
from game.sim.state import Contribution, ProposalStatus, Terms
from game.sim.world import HUMAN, World
from game.ui import actions, preview
from game.ui.formatting import num
from game.ui.turns import HotSeat, Team, teams_of

REPO = Path(__file__).resolve().parents[1]
UI_KEY = re.compile(r"""["'](ui\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")

TWO_TEAMS = {"smpn3": "Hijau", "lsm": "Bumi"}


@pytest.fixture
def session() -> Session:
    text = (REPO / "scenarios" / "sekolah-hijau.yaml").read_text(encoding="utf-8")
    loaded = load_scenario_text(text, name="sekolah-hijau.yaml")
    return Session(
        loaded.scenario,
        text,
        controllers={o: HUMAN for o in TWO_TEAMS},
        teams=TWO_TEAMS,
    )


# --- hot-seat ------------------------------------------------------------------------------
def test_teams_follow_scenario_order_and_keep_their_names(session: Session) -> None:
    teams = teams_of(session.world, session.teams)
    assert teams == [Team("smpn3", "Hijau"), Team("lsm", "Bumi")]


def test_a_month_resolves_only_after_every_team_ended_its_turn(session: Session) -> None:
    seat = HotSeat(teams_of(session.world, session.teams))
    assert seat.current.org == "smpn3"
    assert seat.end_turn(session.world) == Team("lsm", "Bumi")
    assert seat.end_turn(session.world) is None


def test_a_session_saved_mid_month_resumes_with_the_team_whose_turn_it_was(
    session: Session, tmp_path: Path
) -> None:
    from game.ui.match import Match

    match = Match(session, tmp_path / "s.kolaborasi.json")
    match.apply(HoldDialogue("smpn3", "dlh"))
    assert match.end_turn() == Team("lsm", "Bumi")
    match.save()  # the window closes during the NGO's turn
    again = Match(Session.load(match.path), match.path)
    assert again.team == Team("lsm", "Bumi")
    assert again.end_turn() is not None and again.world.month == 2  # the month resolves
    stale = Match(Session.load(match.path), match.path)
    stale.session.undo_month()  # turns saved for another month are not taken up
    assert Match(stale.session).team == Team("smpn3", "Hijau")


@pytest.mark.parametrize(
    "saved",
    [
        None,
        "x",
        {"month": 1, "queue": [], "replying": False, "asked": []},
        {"month": 1, "queue": [5], "replying": False, "asked": []},
        {"month": 1, "queue": [1, 1], "replying": False, "asked": []},
        {"month": 1, "queue": [True], "replying": False, "asked": []},
        {"month": 1, "queue": [1], "replying": "no", "asked": []},
        {"month": 1, "queue": [1], "replying": False, "asked": [[1, 2]]},
        {"month": 2, "queue": [1], "replying": False, "asked": []},
    ],
)
def test_saved_turns_that_do_not_fit_leave_a_fresh_month(session: Session, saved) -> None:
    seat = HotSeat(teams_of(session.world, session.teams))
    assert not seat.restore(saved, 1)
    assert seat.queue == [0, 1] and not seat.replying


def test_an_offer_to_a_team_that_already_played_gets_one_reply_turn(session: Session) -> None:
    world = session.world
    seat = HotSeat(teams_of(world, session.teams))
    seat.end_turn(world)  # the school's turn is over
    terms = Terms(
        Model.resource_pooling, (("env_education", 1.0),), (Contribution("lsm", 1.0, 1),), 6
    )
    session.apply(
        ProposePartnership("lsm", ("smpn3",), terms.model, terms.focus, terms.contributions, 6)
    )
    proposal = world.proposals[-1]
    assert proposal.waiting_on == world.org_index["smpn3"]
    nxt = seat.end_turn(world)
    assert nxt == Team("smpn3", "Hijau") and seat.replying
    assert seat.end_turn(world) is None  # letting it pass does not bring the same offer back
    assert proposal.status == ProposalStatus.open
    session.apply(EndMonth())
    seat.new_month()
    assert not seat.replying and seat.current.org == "smpn3"


def pool_with_lsm(session: Session, domain: str) -> Any:
    """SMPN 3 pools Rp 1 juta a month with the NGO (both teams) on `domain`; the proposal."""
    from game.sim.commands import Respond

    proposal = session.apply(
        ProposePartnership(
            "smpn3",
            ("lsm",),
            Model.resource_pooling,
            ((domain, 1.0),),
            (Contribution("smpn3", 1.0, 0), Contribution("lsm", 1.0, 0)),
            12,
        )
    )
    session.apply(Respond("lsm", proposal.id, "accept"))
    return proposal


# --- forms and previews --------------------------------------------------------------------
def ctx(session: Session, lang: str = "en", **kwargs) -> actions.Ctx:
    world = session.world
    return actions.Ctx(world, Translator(lang), world.org("smpn3"), **kwargs)


@pytest.mark.parametrize("action", [a for a, _, _ in actions.ACTIONS if a != "propose"])
def test_every_action_form_shows_its_cost_first(session: Session, action: str) -> None:
    spec = actions.make_form(action, ctx(session, selected_org="dlh"))
    lines = spec.preview(spec.defaults())
    assert spec.title and spec.what
    assert lines[0][0] == "cost" and "agenda" in lines[0][1]
    if "Rp" in lines[0][1] and action != "renegotiate":  # money now: and what is left after
        assert any("after this" in text for _, text in lines), action


def test_a_rebuilt_form_keeps_the_choices_that_still_fit(session: Session) -> None:
    spec = actions.make_form("program", ctx(session))
    funds = next(f for f in spec.fields if f.name == "funds")
    kept = spec.carry({"funds": funds.minimum + funds.step, "domain": "no-such-domain"})
    assert kept["funds"] == funds.minimum + funds.step
    assert kept["domain"] == spec.defaults()["domain"]  # a choice no longer offered falls back
    assert spec.carry({"funds": funds.maximum * 10})["funds"] == funds.maximum


def test_the_grant_button_is_off_only_when_no_grant_will_ever_be_open_to_the_team(
    session: Session,
) -> None:
    """PT Kemasindo opened the grant form to find each of three grants "not open to your
    sector"; a team whose grant opens later still opens the form to plan for it."""
    world = session.world
    company = actions.Ctx(world, Translator("en"), world.org("pt-kemasindo"))
    reason = actions.blocked_reason("grant", company)
    assert reason.startswith("No grant in this scenario is open to you")
    assert reason.count("not open to your sector") == len(world.grant_specs)
    assert not actions.blocked_reason("grant", ctx(session))  # the school has grants to seek
    for state in world.grants.values():
        state.open = False
    world.month = 0  # every grant opens later: the form still opens, each says when
    assert not actions.blocked_reason("grant", ctx(session))


def test_partnership_actions_are_blocked_without_a_partnership(session: Session) -> None:
    c = ctx(session)
    for action in ("meeting", "visioning", "evaluate", "renegotiate", "leave"):
        assert actions.blocked_reason(action, c)
    assert not actions.blocked_reason("dialogue", c)


def test_a_dialogue_form_builds_the_command_the_engine_accepts(session: Session) -> None:
    spec = actions.make_form("dialogue", ctx(session, selected_org="dlh"))
    command = spec.build(spec.defaults())
    assert command == HoldDialogue("smpn3", "dlh")
    session.apply(command)
    assert session.world.org("smpn3").agenda == session.world.rules.agenda - 1


def test_the_dialogue_preview_matches_what_the_engine_then_does(session: Session) -> None:
    world = session.world
    a, b = world.org_index["smpn3"], world.org_index["dlh"]
    lines = preview.dialogue(world, Translator("en"), world.orgs[a], world.orgs[b])
    predicted = float(re.search(r"about ([0-9.]+)", lines[1][1]).group(1))
    session.apply(HoldDialogue("smpn3", "dlh"))
    assert float(world.trust[a, b]) == pytest.approx(predicted, abs=0.01)


def test_a_form_for_a_program_warns_when_funds_run_short(session: Session) -> None:
    spec = actions.make_form("program", ctx(session))
    values = spec.defaults() | {"funds": 10_000.0}
    assert any(kind == "warn" for kind, _ in spec.preview(values))
    with pytest.raises(Impossible):
        session.apply(spec.build(values))


def test_likely_answers_give_one_verdict_per_partner(session: Session) -> None:
    world = session.world
    me = world.org("smpn3")
    terms = Terms(
        Model.cross_sector,
        (("env_education", 1.0),),
        (Contribution("smpn3", 1.0, 1), Contribution("dlh", 1.0, 1), Contribution("lsm", 0.0, 1)),
        6,
    )
    answers, problem = preview.likely_answers(world, Translator("id"), me, ["dlh", "lsm"], terms)
    assert problem == ""
    assert [a.org for a in answers] == ["dlh", "lsm"]
    assert answers[1].verdict == "human"  # the NGO is the other team
    assert answers[0].verdict in ("yes", "close", "maybe", "no")


def test_an_impossible_proposal_is_explained_before_sending(session: Session) -> None:
    world = session.world
    terms = Terms(Model.cross_sector, (("waste", 1.0),), (Contribution("smpn3", 0.0, 0),), 6)
    _, problem = preview.likely_answers(
        world, Translator("en"), world.org("smpn3"), ["sdn2"], terms
    )
    assert problem  # two schools are one sector, and nobody commits anything


# --- translations --------------------------------------------------------------------------
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((REPO / "assets" / "i18n" / lang / "ui.json").read_text(encoding="utf-8"))


def test_both_languages_have_the_same_ui_keys_and_placeholders() -> None:
    en, ind = catalogue("en"), catalogue("id")
    assert set(en) == set(ind)
    for key in en:
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en[key]) if f}
        fields_id = {f for _, f, _, _ in string.Formatter().parse(ind[key]) if f}
        assert fields_en == fields_id, key


def test_every_literal_ui_key_in_the_code_is_in_the_catalogue() -> None:
    en = catalogue("en")
    used = set()
    for path in [*(REPO / "game" / "ui").rglob("*.py"), REPO / "game" / "cli" / "play.py"]:
        used |= set(UI_KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in en)
    assert not missing


def test_keys_built_at_run_time_are_in_the_catalogue() -> None:
    from game.ui.actions import ACTIONS, GROUPS
    from game.ui.intents import Intent
    from game.ui.widgets.help import GLOSSARY, TABS

    en = catalogue("en")
    keys = [f"ui.action.{a}" for a, _, _ in ACTIONS] + [f"ui.tip.{a}" for a, _, _ in ACTIONS]
    keys += [f"ui.group.{g}" for g in GROUPS] + [f"ui.help.tab.{t}" for t in TABS]
    keys += [f"ui.glossary.{g}.{part}" for g in GLOSSARY for part in ("term", "text")]
    keys += [f"ui.model_{kind}.{m.value}" for m in Model for kind in ("code", "button", "desc")]
    keys += [f"ui.intent.{i.value}" for i in Intent]
    keys += [f"ui.proposal_status.{s.value}" for s in ProposalStatus]
    keys += [f"ui.help.howto.{n}" for n in range(1, 8)]
    keys += [f"ui.nego.changed_view.{v}" for v in preview.CHANGED_VIEWS]
    keys += [f"ui.nego.work_also.{m.value}" for m in Model]
    assert not [k for k in keys if k not in en]


def test_the_glossary_names_the_seed_terms_in_indonesian() -> None:
    ind = catalogue("id")
    terms = " ".join(
        v for k, v in ind.items() if k.startswith("ui.glossary.") and k.endswith(".term")
    )
    for term in (
        "lintas sektor",
        "sumber daya",
        "Jaringan informasi",
        "teknologi",
        "Pendidikan & pengembangan",
        "Monev",
        "MoU / PKS",
        "Hibah",
        "CSR / TJSL",
        "Ormas",
        "LSM",
        "Dana Desa",
        "Kepercayaan",
        "Ketegangan",
        "Pemahaman bersama",
    ):
        assert term in terms, term


def test_every_text_renders_in_the_bundled_font() -> None:
    """The font has a glyph for every character of every catalogue and bundled scenario."""
    import pygame

    from game.ui.fonts import font_path

    pygame.font.init()
    text = "".join(
        p.read_text(encoding="utf-8") for p in (REPO / "assets" / "i18n").rglob("*.json")
    )
    text += "".join(p.read_text(encoding="utf-8") for p in (REPO / "scenarios").glob("*.yaml"))
    chars = {c for c in text if ord(c) > 127 and c not in "─│"}  # box drawing: YAML comments only
    for style in ("regular", "bold", "italic"):
        font = pygame.font.Font(str(font_path(style)), 18)

        def picture(c: str, font: pygame.font.Font = font) -> bytes:
            return pygame.image.tobytes(font.render(c, True, (0, 0, 0)), "RGBA")

        missing = picture("\ue000")  # a private-use character: the "no glyph" box
        assert not [c for c in sorted(chars) if picture(c) == missing], style


def test_a_counter_offer_starts_from_the_focus_as_it_was_offered() -> None:
    """A team's terms carry its 0–10 slider weights, the computer's carry shares: both come
    back on the 0–10 sliders as the same proportions, never ten times too big."""
    from game.ui.widgets.negotiation import Draft

    domains = ["waste", "env_education", "youth"]
    team = Draft(partners=["lsm"], focus={"waste": 3, "env_education": 6, "youth": 1})
    again = Draft.from_terms(team.terms("smpn3"), "smpn3", domains)
    assert again.focus == {"waste": 3, "env_education": 6, "youth": 1}
    assert again.terms("smpn3").focus == team.terms("smpn3").focus  # a counter changes nothing
    shares = Terms(Model.resource_pooling, (("waste", 0.25), ("youth", 0.75)), (), 6)
    assert Draft.from_terms(shares, "dlh", domains).focus == {
        "waste": 2.5,
        "env_education": 0.0,
        "youth": 7.5,
    }


def test_a_programme_form_says_when_the_money_runs_out_and_when_the_game_ends(
    session: Session,
) -> None:
    world = session.world
    org = world.org("smpn3")
    t = Translator("en")
    short = preview.program(world, t, org, "waste", org.funds * 0.7, 0, 11)
    assert any(kind == "warn" and "runs out after 1 month" in text for kind, text in short)
    assert not any("of these months count" in text for _, text in short)  # 11 of 24: all count
    assert any("after this" in text for _, text in short)  # and what the team keeps
    world.month = world.months - 4  # near the end, as if played on
    late = preview.program(world, t, org, "waste", 0.5, 0, 11)
    assert any(kind == "info" and "only 5 of these" in text for kind, text in late)
    affordable = preview.program(world, t, org, "waste", 0.5, 0, 3)
    assert not any("runs out" in text for _, text in affordable)


def test_small_wording_a_new_player_would_trip_over() -> None:
    """Names listed with 'and', no 'team Tim 1', and a partnership that ran its term is
    neither marked as a setback nor 'ended because its term ended'."""
    from game.debrief.model import says_team
    from game.i18n import Msg
    from game.sim.report import Entry
    from game.ui.formatting import money
    from game.ui.widgets.tabs import SELF_EVIDENT, entry_mark

    for lang in ("en", "id"):  # "Rp 0 juta" is not how anyone says nothing
        assert money(Translator(lang), 0.0) == money(Translator(lang), 0.04) == "Rp 0"
        assert money(Translator(lang), -2.0) == "−Rp 2 juta"
    assert money(Translator("id"), 0.5) == "Rp 0,5 juta"
    stop = {"funds": "Rp 2 juta", "staff": 1}
    assert "(1 month was left)" in Translator("en")("ui.effect.stop_program", months=1, **stop)
    assert "(3 months were left)" in Translator("en")("ui.effect.stop_program", months=3, **stop)
    names = {"names": ["Kelurahan", "Komunitas"], "model": "x", "id": 3, "round": 1}
    assert "Kelurahan and Komunitas" in Translator("en").msg(Msg("sim.log.agreed", names))
    assert "Kelurahan dan Komunitas" in Translator("id").msg(Msg("sim.log.agreed", names))
    assert says_team("Tim 1") and says_team("team Hijau") and not says_team("Timur Jaya")
    done = Entry(6, "ended", Msg("sim.log.ended_completed", {"id": 8, "model": "x"}))
    broken = Entry(6, "ended", Msg("sim.log.ended_broken", {"id": 8, "model": "x"}))
    assert entry_mark(done)[0] == "•" and entry_mark(broken)[0] == "↓"
    assert "sim.reason.term_done" in SELF_EVIDENT


def test_a_partnerships_health_comes_with_a_word() -> None:
    """22% alone meant nothing to a new player; a young partnership is not 'fragile'."""
    from game.ui.widgets.tabs import health_word

    class P:
        age = 6

    young, old = P(), P()
    young.age = 1
    t = Translator("id")
    assert health_word(t, 0.5, old) == "sehat"
    assert health_word(t, 0.2, young) == "baru mulai"
    assert health_word(t, 0.2, old) == "perlu dirawat"
    assert health_word(t, 0.05, old) == "rapuh"


def test_trust_and_tension_come_with_words_on_the_scenarios_lines() -> None:
    """A bare 0,43 meant nothing to a new player; tension's word follows the scenario's own
    dispute line, so a scenario with touchier partners says 'dispute' sooner."""
    from game.ui.formatting import tension_word, trust_word

    t = Translator("id")
    words = [trust_word(t, v) for v in (0.05, 0.3, 0.45, 0.7, 0.9)]
    assert words == ["sangat rendah", "rendah", "sedang", "baik", "kuat"]
    assert tension_word(t, 0.05, 0.6) == "tenang"
    assert tension_word(t, 0.2, 0.6) == "ada gesekan"
    assert tension_word(t, 0.4, 0.6) == "tinggi"
    assert tension_word(t, 0.6, 0.6) == "berselisih"
    assert tension_word(t, 0.4, 0.4) == "berselisih"


def test_the_overlap_warning_names_the_teams_own_partnership_not_its_partners(
    session: Session,
) -> None:
    """A facilitator's review: 'Others also work on this need (Puskesmas, Nurul Falah, PT
    Semen)' named partners who worked there only with the team itself."""

    world = session.world
    domain = world.domain_ids[0]
    proposal = pool_with_lsm(session, domain)
    p = world.partnership(proposal.partnership)
    assert p.is_active
    t = Translator("en")
    lsm = t.text(world.scenario.organisations[world.org_index["lsm"]].short or "")
    own = preview.program(world, t, world.org("smpn3"), domain, 1.0, 0, 3)
    [warning] = [text for kind, text in own if kind == "warn" and "Also working" in text]
    assert f"your partnership #{p.id}" in warning and lsm not in warning
    other = preview.program(world, t, world.org("dlh"), domain, 1.0, 0, 3)
    [warning] = [text for kind, text in other if kind == "warn" and "Also working" in text]
    assert lsm in warning and "your partnership" not in warning


def test_an_office_hears_its_own_approval_as_its_own_sign_off(session: Session) -> None:
    world = session.world
    t = Translator("en")
    members = [world.org_index["smpn3"], world.org_index["dlh"]]
    terms = Terms(Model.cross_sector, ((world.domain_ids[0], 1.0),), (), 12)
    dlh = world.org_index["dlh"]
    assert "your own office" in preview.approval_note(world, t, members, terms, dlh)
    assert "your own office" not in preview.approval_note(world, t, members, terms, members[0])


def test_the_form_warns_when_a_term_could_run_out_waiting(session: Session) -> None:
    world = session.world
    t = Translator("en")
    members = [world.org_index["smpn3"], world.org_index["dlh"]]
    short = Terms(Model.cross_sector, ((world.domain_ids[0], 1.0),), (), 1)
    long = Terms(Model.cross_sector, ((world.domain_ids[0], 1.0),), (), 18)
    assert "may never start" in preview.approval_note(world, t, members, short)
    assert "may never start" not in preview.approval_note(world, t, members, long)
    assert preview.approval_line(world, t, members, short)[0] == "warn"  # marked, not grey
    assert preview.approval_line(world, t, members, long)[0] == "info"


def test_what_stops_an_action_is_said_right_after_its_cost() -> None:
    """A grant's refusal sat below the fold of the form's small box."""
    from game.ui.widgets.form import lines_html

    html = lines_html(
        [("info", "effect"), ("warn", "warning"), ("cost", "cost"), ("block", "no")], None
    )
    assert html.index("cost") < html.index("no") < html.index("warning") < html.index("effect")


def test_an_approval_by_an_outside_office_says_why_that_office(session: Session) -> None:
    """A school and an NGO, no government member, still needed Disdik: the scenario's
    approval rule (a curriculum focus) was never explained."""
    world = session.world
    t = Translator("en")
    members = [world.org_index["smpn3"], world.org_index["lsm"]]
    curriculum = Terms(Model.resource_pooling, (("env_education", 1.0),), (), 18)
    note = preview.approval_note(world, t, members, curriculum)
    assert "is not a member, but work with this focus needs its approval" in note


def test_the_open_books_form_shows_each_partners_trust_as_it_will_be(session: Session) -> None:
    """'+0.03 of the way up' meant nothing; the form gives each partner's trust before and
    after, and the engine then does exactly that."""
    from game.sim.commands import ShareInformation
    from game.ui.formatting import num, short_name

    world = session.world
    pool_with_lsm(session, world.domain_ids[0])
    t = Translator("en")
    spec = actions.make_form("share", ctx(session))
    [line] = [text for kind, text in spec.preview(spec.defaults()) if "trust in you" in text]
    session.apply(ShareInformation("smpn3"))
    lsm, smpn3 = world.org_index["lsm"], world.org_index["smpn3"]
    after = num(t, float(world.trust[lsm, smpn3]), 2)
    assert f"{short_name(world, t, lsm)} " in line and line.endswith(f"→ {after}.")


def test_what_the_months_end_takes_matches_what_is_then_paid(session: Session) -> None:
    """The own panel warns when the month's end takes more than the team has: a missed
    payment had come with no warning. The figure is what the engine then pays or misses."""
    from game.sim.commands import RunProgram
    from game.ui.preview import due_this_month

    world = session.world
    org = world.org("smpn3")
    session.apply(RunProgram("smpn3", world.domain_ids[0], 3.0, 0, 3))
    session.apply(RunProgram("smpn3", world.domain_ids[1], 2.0, 0, 3))
    assert due_this_month(world, org) == pytest.approx(5.0)
    org.funds = 4.0  # short by one: the second programme goes unpaid
    session.apply(EndMonth())
    unpaid = [e for e in world.entries if e.kind == "program_unfunded" and e.month == 1]
    assert len(unpaid) == 1


def test_change_terms_will_not_send_the_same_terms_and_says_raising_is_no_broken_promise(
    session: Session,
) -> None:

    world = session.world
    pool_with_lsm(session, world.domain_ids[0])
    spec = actions.make_form("renegotiate", ctx(session))
    values = spec.defaults()
    assert [k for k, _ in spec.preview(values)].count("block") == 1  # nothing would change
    raised = spec.preview({**values, "funds": 2.0})
    assert "block" not in [k for k, _ in raised]
    assert any("never a broken promise" in text for _, text in raised)


def test_after_this_counts_the_months_other_payments(session: Session) -> None:
    """'after this month's payment, Rp 36 juta' while the month already owed Rp 40 juta:
    the programme then went unfunded. What is left counts everything the month's end takes."""
    from game.sim.commands import RunProgram
    from game.ui.formatting import money

    world = session.world
    org = world.org("smpn3")
    session.apply(RunProgram("smpn3", world.domain_ids[0], 4.0, 0, 3))
    t = Translator("en")
    lines = preview.program(world, t, org, world.domain_ids[1], 2.0, 0, 3)
    [after] = [text for _, text in lines if "after this" in text]
    assert f": {money(t, org.funds - 4.0 - 2.0)} (" in after


def test_the_program_forecast_is_what_the_need_then_gains(session: Session) -> None:
    """The form promised about +1.17 points a month and the need then gained +0.5: the
    forecast left out that a point moves a need less the nearer it is to 100."""
    from game.sim.commands import RunProgram

    world = session.world
    org = world.org("smpn3")
    domain = world.domain_ids[0]
    d = world.domain_index[domain]
    [effect] = [
        text
        for kind, text in preview.program(world, Translator("en"), org, domain, 3.0, 1, 3)
        if kind == "effect" and "indicator points" in text
    ]
    promised = float(re.search(r"\+([0-9.]+)", effect).group(1))
    session.apply(RunProgram("smpn3", domain, 3.0, 1, 3))
    session.apply(EndMonth())
    [(_, gained)] = [
        (who, x) for who, x in world.indicator_sources[d] if who == ("program", org.idx)
    ]
    assert gained == pytest.approx(promised, abs=0.01)


def test_an_office_may_chase_its_own_sign_off() -> None:
    """A health-centre team waited months for its own office's sign-off with 'Chase
    approval' off ('nothing of yours is waiting'), while its partners chased it."""
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["dinas"], "cross_sector", {"health": 1}, {"lsm": (2, 1), "dinas": (2, 1)}
    )
    dinas = world.org("dinas")
    [item] = world.approvals
    assert item.approver == dinas.idx and item.subject == p.id
    assert actions._items(world, dinas) == [item]


def test_may_counter_is_said_only_where_a_counter_can_answer_the_objection(
    session: Session, monkeypatch
) -> None:
    """'unsure - may counter' became a flat no twice: an objection a counter-offer cannot
    answer (low trust, tension...) is a no, as the engine answers."""
    from game.sim import negotiation

    world = session.world
    real = negotiation.appraise
    terms = Terms(
        Model.resource_pooling,
        ((world.domain_ids[0], 1.0),),
        (Contribution("smpn3", 1.0, 0), Contribution("dlh", 1.0, 0)),
        12,
    )

    def verdict(objection: str) -> str:
        def near_miss(*args, **kwargs):
            view = real(*args, **kwargs)
            view.score, view.objection = view.threshold - 0.1, objection
            return view

        monkeypatch.setattr(negotiation, "appraise", near_miss)
        [answer] = preview.likely_answers(
            world, Translator("en"), world.org("smpn3"), ["dlh"], terms
        )[0]
        return answer.verdict

    assert verdict("too_costly") == "maybe"
    assert verdict("low_trust") == "no"


def test_a_likely_yes_to_a_share_the_partner_cannot_keep_paying_comes_with_its_warning(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A computer partner said "likely yes" to a share it could pay for three months, then
    missed every payment after: the preview now says so before the team sends the offer."""
    from game.sim import negotiation

    world = session.world
    dlh = world.org("dlh")
    monkeypatch.setattr(negotiation, "appraise", _always_yes(negotiation.appraise))

    def answer(share: float):
        terms = Terms(
            Model.resource_pooling,
            ((world.domain_ids[0], 1.0),),
            (Contribution("smpn3", 1.0, 0), Contribution("dlh", share, 0)),
            12,
        )
        [a] = preview.likely_answers(world, Translator("en"), world.org("smpn3"), ["dlh"], terms)[0]
        return a

    affordable = answer(0.5)
    assert affordable.verdict == "yes" and affordable.caution == ""
    too_much = answer(dlh.funds / 3 + dlh.income)  # about three months of its money
    assert too_much.verdict == "yes"
    members = [world.org_index["smpn3"], dlh.idx]
    terms = Terms(Model.resource_pooling, ((world.domain_ids[0], 1.0),), (), 12)
    paid = preview.work_months(world, 12, preview.terms_wait(world, members, terms)).about
    assert f"for 3 of the {paid} months it would be paid" in too_much.caution


def _always_yes(real):
    def yes(*args, **kwargs):
        view = real(*args, **kwargs)
        view.score, view.feasible = view.threshold + 1.0, True
        return view

    return yes


def test_money_forecasts_owe_a_partnership_awaiting_approval_only_once_it_may_start() -> None:
    """The programme form said "not even the first month is paid" while the panel rightly
    owed nothing yet for a partnership still in the approval queue."""
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["dinas"], "resource_pooling", {"health": 1}, {"lsm": (4, 0), "dinas": (1, 0)}
    )
    assert p.status.value == "awaiting_approval"
    lsm = world.org("lsm")
    lsm.funds, lsm.income = 5.0, 0.0
    assert preview.due_this_month(world, lsm) == 0  # nothing of it is due this month
    assert preview.months_funded(world, lsm, 3.0, 6) >= 1  # so a new Rp 3 juta is paid now


def test_the_approval_line_says_how_many_months_are_left_for_the_work(session: Session) -> None:
    """A team signed an 8-month deal behind a 5-month approval as if it ran 8 months."""
    from game.sim import negotiation

    world = session.world
    t = Translator("en")
    members = [world.org_index["smpn3"], world.org_index["dlh"]]
    terms = Terms(Model.cross_sector, ((world.domain_ids[0], 1.0),), (), 18)
    expected = negotiation.expected_wait(world, members, world.org_index["dlh"])
    wait = round(expected)
    # Approved at the end of the month it was agreed, it loses none of its months: the
    # expected loss is one month less than the wait (`negotiation.activate`).
    work = preview.work_months(world, 18, preview.approval_wait(world, members, members[1]))
    assert 18 - wait <= work.about <= 18 - wait + 1
    note = preview.approval_note(world, t, members, terms)
    assert f"about {work.about} of the 18 months for the work itself" in note
    tight = Terms(Model.cross_sector, ((world.domain_ids[0], 1.0),), (), wait + 1)
    assert preview.approval_line(world, t, members, tight)[0] == "warn"  # little left: marked


def test_a_focus_reads_in_whole_percents_that_add_up_to_100() -> None:
    from game.ui.widgets.negotiation import _normalised

    shares = _normalised((("a", 0.557), ("b", 0.273), ("c", 0.17)))
    assert round(sum(100 * w for _, w in shares)) == 100  # not 56 + 27 + 16


def test_an_approval_said_as_long_as_the_term_is_said_to_may_never_start(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'About 6 months of waiting' for 6 agreed months, then 'that leaves about 1 of the 6
    months' (the wait was 5.6): the line now warns it may never start."""
    from game.sim import negotiation

    world = session.world
    monkeypatch.setattr(negotiation, "expected_wait", lambda *_: 5.6)
    members = [world.org_index["smpn3"], world.org_index["dlh"]]
    terms = Terms(Model.cross_sector, ((world.domain_ids[0], 1.0),), (), 6)
    kind, note = preview.approval_line(world, Translator("en"), members, terms)
    assert kind == "warn" and "may never start" in note and "leaves about" not in note


def test_staff_held_by_a_partnership_awaiting_approval_are_told_where_they_are() -> None:
    """A team saw "3 of 5 free" with nothing running: two people were promised to a
    partnership still in the approval queue, and nothing on screen said so."""
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["dinas"], "resource_pooling", {"health": 1}, {"lsm": (1, 2), "dinas": (1, 0)}
    )
    assert p.status.value == "awaiting_approval"
    lsm = world.org("lsm")
    t = Translator("en")
    assert preview.staff_held(world, lsm) == 2
    lines = preview.staff_use(world, t, lsm)
    assert lines == [
        f"2 held for partnership #{p.id} (resource pooling), awaiting approval: no work yet"
    ]
    assert lsm.staff_busy == 2  # the lines account for every busy person


def test_a_request_in_the_record_names_the_asked_partner_once() -> None:
    """The undo dialog read "asked PT Kemasindo to change its share of partnership #3
    cross-sector with PT Kemasindo"."""
    from types import SimpleNamespace

    from game.sim.commands import AskChange
    from game.ui.record_words import move_words
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 1), "pkk": (2, 1)}
    )
    match = SimpleNamespace(world=world, team_of=lambda org: None)
    words = move_words(match, Translator("en"), AskChange("lsm", p.id, "pkk", 1, 1))
    pkk = words.count("PKK")
    assert pkk == 1, words
    assert f"#{p.id} (resource pooling)" in words


def test_the_champion_list_leaves_out_the_office_that_must_approve() -> None:
    """'Kelurahan (champion)' was offered for Kelurahan's own file, then refused."""
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["dinas"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "dinas": (1, 0)}
    )
    assert p.status.value == "awaiting_approval"
    spec = actions.make_form("followup", actions.Ctx(world, Translator("en"), world.org("lsm")))
    champion = next(f for f in spec.fields if f.name == "champion")
    offered = [value for value, _ in champion.options]
    assert world.orgs[p.approver].id not in offered
    assert "pkk" in offered


def test_the_money_warning_counts_the_month_ends_the_engine_then_pays() -> None:
    """Funds drained month by month with no warning until a payment was missed; the panel
    now says how many month-ends the money pays, and the engine agrees."""
    from tests.simkit import agree, end_months, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (6, 0), "pkk": (1, 0)}, 24
    )
    assert p.is_active
    lsm = world.org("lsm")
    lsm.funds, lsm.income = 20.0, 1.0
    months = preview.months_of_money(world, lsm)
    assert months is not None and 1 <= months <= 6
    paid = 0
    while not p.missed.get(lsm.idx):
        end_months(world, 1)
        paid += 0 if p.missed.get(lsm.idx) else 1
    assert paid == months
    lsm.income = 100.0
    assert preview.months_of_money(world, lsm) is None  # income covers it: no warning


def test_a_partnership_evaluated_this_month_cannot_be_sent_again_from_the_form(
    session: Session,
) -> None:
    """The form warned "already evaluated this month" beside a live "Do it" button, and the
    action button stayed on with nothing left to evaluate."""
    from game.sim.commands import EvaluatePartnership

    first = pool_with_lsm(session, "waste")
    second = pool_with_lsm(session, "youth")  # curriculum work would wait for Disdik
    session.apply(EndMonth())
    world = session.world
    assert not actions.blocked_reason("evaluate", ctx(session))
    session.apply(EvaluatePartnership("smpn3", first.partnership))
    spec = actions.make_form("evaluate", ctx(session))
    assert spec.defaults()["partnership"] == second.partnership  # the one still to evaluate
    lines = spec.preview({"partnership": first.partnership})
    assert any(kind == "block" and "already been evaluated" in text for kind, text in lines)
    session.apply(EvaluatePartnership("lsm", second.partnership))  # the partner held it
    said = actions.blocked_reason("evaluate", ctx(session))
    assert f"#{second.partnership} by Bumi Lestari" in said and "Change terms" in said
    assert world.month == 2


def test_the_grant_form_says_a_once_only_grant_takes_one_try(session: Session) -> None:
    """The form said "more credibility and more partners raise it", which invited waiting;
    only the month's report said afterwards that there is no second application."""
    world = session.world
    t = Translator("en")
    school = world.org("smpn3")
    checked = 0
    for gid, spec in world.grant_specs.items():
        world.grants[gid].open = True
        lines = [text for _, text in preview.grant(world, t, school, gid)]
        if preview.grant_obstacle(world, t, school, gid):
            continue
        assert (t("ui.effect.grant_once") in lines) == spec.once_per_org, gid
        checked += 1
    assert checked


def test_the_glossary_says_how_the_innovation_score_counts() -> None:
    """A player saw the teams' Innovation score jump from 0 to 39 and stay there, with no
    word anywhere on what it counts."""
    from game.sim import outcomes
    from tests.simkit import quiet_world

    world = quiet_world()
    for lang in ("en", "id"):
        text = Translator(lang)("ui.glossary.innovation.text")
        for k in (1, 2, 3):
            world.orgs[0].innovations = k
            score = outcomes.outcomes(world)[world.orgs[0].id].benefits["innovation"].score
            said = f"{k} is about" if lang == "en" and k == 1 else f"{k} about"
            if lang == "id":
                said = f"{k} sekitar"
            assert f"{said} {round(score)}" in text


def test_a_grant_closed_to_a_sector_says_whom_it_is_for(session: Session) -> None:
    """ "Not open to your sector" left a team guessing which partner could apply instead."""
    world = session.world
    company = world.org("pt-kemasindo")
    for lang, word in (("en", "it is for"), ("id", "hibah ini untuk")):
        t = Translator(lang)
        said = [preview.grant_obstacle(world, t, company, gid) for gid in world.grant_specs]
        assert said and all(word in s for s in said)
    english = preview.grant_obstacle(world, Translator("en"), company, "hibah-apbd")
    assert english.endswith("it is for NGO and community.")


def test_change_terms_opens_on_the_partnership_evaluated_this_month() -> None:
    """After a joint evaluation, Change terms opened on the first partnership in the list,
    whose terms were closed, while Ask a partner opened on the one just evaluated."""
    from game.sim.commands import EvaluatePartnership
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    shares = {"lsm": (2, 0), "pkk": (2, 0)}
    agree(world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, shares)
    second = agree(world, "lsm", ["pkk"], "information_network", {"health": 1}, shares)
    world.apply(EvaluatePartnership("lsm", second.id))
    form = actions.make_form("renegotiate", actions.Ctx(world, Translator("en"), world.org("lsm")))
    assert form.defaults()["partnership"] == second.id


def test_an_offer_forecasts_the_work_the_month_then_does() -> None:
    """The offer form showed the cost and the fit but not what the partnership would do for
    the needs: a team could not weigh an offer against its own programme. The forecast is
    what the first month of work then adds to each need, and the team's part of it."""
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    lsm, pkk = world.org("lsm"), world.org("pkk")
    world.known[lsm.idx, :] = 1.0  # the fit the team believes in is the true fit
    terms = Terms(
        Model.resource_pooling,
        (("health", 0.7), ("school", 0.3)),
        (Contribution("lsm", 6.0, 1), Contribution("pkk", 3.0, 1)),
        12,
    )
    members = [lsm.idx, pkk.idx]
    work = preview.expected_work(world, lsm.idx, members, terms)
    assert [d for d, _ in work.gains] == [0, 1]  # health first: the larger share
    # Said over the months of work, for the whole partnership, beside the team's share alone
    # (its own programme, on its focus's first need) and what else the model brings.
    t = Translator("en")
    lines = preview.work_lines(world, t, lsm.idx, members, terms)
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", dict(terms.focus), {"lsm": (6, 1), "pkk": (3, 1)}
    )
    world.apply(EndMonth())
    for d, promised in work.gains:
        [(_, gained)] = [
            (who, x) for who, x in world.indicator_sources[d] if who == ("partnership", p.id)
        ]
        assert gained == pytest.approx(promised, rel=0.02)
    health = sum(x for d, x in work.gains if d == 0) * 12
    assert lines[0][0] == "effect" and "Over its 12 months of work" in lines[0][1]
    assert f"+{num(t, health, 1)} on Health" in lines[0][1] and "School" in lines[0][1]
    assert f"about +{num(t, work.alone * 12, 1)} on Health" in lines[1][1]
    assert lines[2][1] == t("ui.nego.work_also.resource_pooling")


def test_the_work_forecast_leaves_out_the_months_spent_waiting_for_approval() -> None:
    """A term counts from the agreement (engine 2): months waiting for an office's sign-off
    do no work, while a programme of one's own starts at once."""
    from tests.simkit import quiet_world

    world = quiet_world()
    lsm, dinas = world.org("lsm"), world.org("dinas")
    terms = Terms(
        Model.cross_sector,
        (("health", 1.0),),
        (Contribution("lsm", 4.0, 1), Contribution("dinas", 4.0, 1)),
        10,
    )
    members = [lsm.idx, dinas.idx]
    approver = negotiation.needs_approval(world, members, world.focus_vector(terms.focus))
    wait = preview.terms_wait(world, members, terms)
    work = preview.work_months(world, terms.months, wait).about
    assert approver == dinas.idx and 1 <= work < 10  # as the cost line counts them
    t = Translator("en")
    lines = preview.work_lines(world, t, lsm.idx, members, terms)
    assert f"Over its {work} months of work" in lines[0][1]
    assert "over 10 months" in lines[1][1]


def test_the_months_of_work_behind_an_approval_are_the_months_the_engine_pays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An approval at its first chance comes at the end of the month the deal was agreed, and
    the work runs that very month: the form said "about 1 month of waiting ... leaves about 5
    of the 6 months" for work that ran, and was paid, all 6."""
    from game.sim import month, negotiation
    from tests.simkit import agree, end_months, quiet_world

    monkeypatch.setattr(negotiation, "approval_chance", lambda *_: 1.0)
    monkeypatch.setattr(month, "approval_chance", lambda *_: 1.0)
    world = quiet_world()
    lsm, dinas = world.org("lsm"), world.org("dinas")
    members = [lsm.idx, dinas.idx]
    terms = Terms(Model.cross_sector, (("health", 1.0),), (), 6)
    note = preview.approval_note(world, Translator("en"), members, terms)
    assert "about 6 of the 6 months for the work itself" in note
    p = agree(
        world, "lsm", ["dinas"], "cross_sector", {"health": 1}, {"lsm": (2, 0), "dinas": (1, 0)}, 6
    )
    assert p.status.value == "awaiting_approval"
    end_months(world, 8)
    assert p.paid[lsm.idx] == 2 * 6


def test_a_partners_caution_counts_the_months_it_would_pay() -> None:
    """ "Dinas can pay this share for 3 of the 12 months" of a deal behind Dinas's own
    approval, which the team's own cost line counted as about 9 months of payments."""
    from tests.simkit import scenario

    world = World(scenario(), 1, controllers={"lsm": HUMAN})
    world.org("dinas").funds = 20
    terms = Terms(
        Model.cross_sector,
        (("health", 1.0),),
        (Contribution("lsm", 10, 1), Contribution("dinas", 12, 0)),
        12,
    )
    members = [world.org_index["lsm"], world.org_index["dinas"]]
    paid = preview.work_months(world, 12, preview.terms_wait(world, members, terms)).about
    assert paid < 12
    [answer] = preview.likely_answers(world, Translator("en"), world.org("lsm"), ["dinas"], terms)[
        0
    ]
    assert answer.verdict != "no" and f"of the {paid} months it would be paid" in answer.caution
