"""An offer to several partners after one of them said no, as the teams read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.i18n import Translator
from game.scenario import default_scenario, load_scenario
from game.scenario.schema import Model
from game.sim.commands import ProposePartnership, Respond
from game.sim.state import Contribution, ProposalStatus
from game.ui import flow
from game.ui.app import App
from tests.test_ui_changes import _ready
from tests.uikit import boxes_text, click, find, step


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en")
    yield application
    application.close()


def test_the_proposer_reads_who_left_and_goes_on_without_them(app: App) -> None:
    info = default_scenario()
    teams = {"smpn3": "Tim Sekolah", "lsm": "Tim LSM", "karang-taruna": "Tim Pemuda"}
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), teams)
    main = _ready(app)
    match = main.match
    offer = match.apply(
        ProposePartnership(
            "smpn3",
            ("lsm", "karang-taruna"),
            Model.resource_pooling,
            (("waste", 1.0),),
            (
                Contribution("smpn3", 2, 1),
                Contribution("lsm", 2, 1),
                Contribution("karang-taruna", 1, 1),
            ),
            12,
        )
    )
    match.apply(Respond("lsm", offer.id, "reject"))
    assert offer.status == ProposalStatus.open  # engine 4: the others may go on
    main.open_proposal(offer.id)
    step(app)
    assert "Bumi Lestari said no and left the offer. Accept to go on without" in boxes_text(app)
    click(app, find(app, "#accept"))
    assert offer.waiting_on == match.world.org_index["karang-taruna"]
    assert "Waiting for" in boxes_text(app)


def test_a_likely_no_in_an_offer_to_several_comes_first(app, monkeypatch) -> None:
    """In an offer to three partners at 1024×640 the reason for "PT Tirta: likely no" sat
    below the fold of the small answers box."""
    from game.ui import preview
    from game.ui.preview import LikelyAnswer
    from tests.test_ui_scenes import to_main

    def answers(world, t, me, partners, terms):
        verdicts = ["yes", "no", "yes"]
        return [
            LikelyAnswer(p, v, "too costly" if v == "no" else "")
            for p, v in zip(partners, verdicts[: len(partners)], strict=True)
        ], ""

    monkeypatch.setattr(preview, "likely_answers", answers)
    main = to_main(app)
    main.start_action("propose")
    dialog = main.dialogs[-1]
    for partner in ("dlh", "pt-kemasindo", "karang-taruna"):
        dialog.toggle_partner(partner)
    html = dialog._preview_html()
    assert html.index("too costly") < html.index("juta")


def test_an_offer_longer_than_the_game_has_left_says_how_much_of_it_counts(app: App) -> None:
    """In month 7 of 12 a 12-month offer read "for 12 months (total Rp 24 juta)" and nothing
    said that only six of them would ever be played, to the proposer or to the partner."""
    info = default_scenario()
    teams = {"smpn3": "Tim Sekolah", "lsm": "Tim LSM"}
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), teams)
    main = _ready(app)
    world = main.match.world
    world.month = world.months - 4  # as if played on: five months left
    main.start_action("propose")
    dialog = main.dialogs[-1]
    dialog.toggle_partner("lsm")
    dialog.draft.months = 6
    # Waste alone: no approval's wait (the school's own mission, with its curriculum part,
    # waits for Disdik), so the game's end alone shortens it.
    dialog.draft.focus = {d: 10.0 if d == "waste" else 0.0 for d in dialog.draft.focus}
    html = dialog._preview_html()
    assert "only 5 of these months count" in html
    assert "for 6 months (Rp 10 juta over the 5 months the game has left)" in html
    dialog.close()
    offer = main.match.apply(_pooling_offer_to_the_school())
    main.open_proposal(offer.id)
    step(app)
    assert "only 5 of these months count" in boxes_text(app)
    assert "Rp 10 juta over the 5 months the game has left" in boxes_text(app)


def test_an_agreed_offer_does_not_warn_of_the_staff_it_has_taken(app: App) -> None:
    """ "Agreed! The partnership has started" stood over "! Not enough free staff: it needs 1,
    you have 0": the people were counted again after the deal had put them to work."""
    info = default_scenario()
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), {"smpn3": "T"})
    main = _ready(app)
    me = main.match.org
    offer = main.match.apply(
        ProposePartnership(
            "smpn3",
            ("lsm",),
            Model.resource_pooling,
            (("waste", 1.0),),
            (Contribution("smpn3", 1, me.free_staff), Contribution("lsm", 1, 0)),
            12,
        )
    )
    assert offer.partnership is not None and me.free_staff == 0  # agreed, its people at work
    main.open_proposal(offer.id)
    step(app)
    assert "Not enough free staff" not in boxes_text(app)


def test_a_counter_offer_says_what_it_changed(app: App) -> None:
    """A counter "because the share asked is too costly for its means" kept the shares as
    they were; only the months and the focus had changed, and nothing said so."""
    from game.sim.commands import Respond
    from game.sim.state import Terms

    info = default_scenario()
    teams = {"smpn3": "Tim Sekolah", "lsm": "Tim LSM"}
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), teams)
    main = _ready(app)
    offer = main.match.apply(_pooling_offer_to_the_school())
    counter = Terms(
        Model.resource_pooling,
        (("waste", 0.5), ("env_education", 0.5)),
        (Contribution("lsm", 2, 1), Contribution("smpn3", 1, 1)),
        8,
    )
    main.match.apply(Respond("smpn3", offer.id, "counter", counter))
    main.open_proposal(offer.id)
    step(app)
    said = boxes_text(app)
    assert "changed: months 12 → 8; focus moved toward Environmental education" in said
    assert "Rp 2 juta, 1 staff → Rp 1 juta, 1 staff" in said


def _pooling_offer_to_the_school() -> ProposePartnership:
    """The NGO team offers the school team 12 months of pooling, Rp 2 juta and 1 staff each."""
    return ProposePartnership(
        "lsm",
        ("smpn3",),
        Model.resource_pooling,
        (("waste", 1.0),),
        (Contribution("lsm", 2, 1), Contribution("smpn3", 2, 1)),
        12,
    )


def test_the_offer_and_the_form_give_both_fits_under_one_wording(app: App) -> None:
    """The form said "fit with the members' missions: 93%", the offer it became "fit with
    your own mission: 70%": two measures under like words, and a team thought the terms had
    changed. Both now give both, the same way."""
    from game.sim.valuation import similarity
    from game.ui import preview
    from game.ui.formatting import pct

    info = default_scenario()
    teams = {"smpn3": "Tim Sekolah", "lsm": "Tim LSM"}
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), teams)
    main = _ready(app)
    world, t = main.match.world, app.t
    command = _pooling_offer_to_the_school()
    focus = world.focus_vector(command.terms.focus)
    school, ngo = world.org("smpn3"), world.org("lsm")
    own = pct(t, similarity(school.mission, focus))
    fit = preview.mission_fit(world, school.idx, [ngo.idx, school.idx], command.terms.focus)
    everyone = pct(t, fit)
    expected = t("ui.nego.fit", own=own, all=everyone)
    assert own != everyone  # two figures, each said as what it is
    main.start_action("propose")
    step(app)
    form = main.dialogs[-1]
    form.toggle_partner("lsm")
    form.draft.focus = {dom: 0.0 for dom in form.draft.focus} | {"waste": 10.0}
    form._update_preview()
    step(app)
    assert expected in boxes_text(app)  # the school team's own form
    form.close()
    offer = main.match.apply(command)
    main.open_proposal(offer.id)
    step(app)
    assert expected in boxes_text(app)  # and the NGO's offer of the same focus


def test_a_likely_answer_that_gets_worse_says_what_the_change_did(app: App) -> None:
    """Switching the model turned Disdik's likely yes into "close — tension with the proposer
    is high": the tension had not changed, the model had. A worse answer now also says what
    the change did to the partner's view, until the answer moves again."""
    info = default_scenario()
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), {"smpn3": "T"})
    main = _ready(app)
    main.start_action("propose")
    step(app)
    form = main.dialogs[-1]
    form.toggle_partner("disdik")
    form.draft.focus = {"waste": 5, "env_education": 5, "youth": 0}
    form.draft.funds["disdik"] = 2.0
    form.draft.months = 12
    form.set_model(Model.cross_sector)
    step(app)
    said = app.t("ui.nego.changed_view.model", org="Disdik")
    assert "Disdik: likely yes" in boxes_text(app) and said not in boxes_text(app)
    form.set_model(Model.resource_pooling)
    step(app)
    assert said in boxes_text(app)
    form.set_slider("months", "months", 11)  # the answer stays as it was: so does what it says
    step(app)
    assert said in boxes_text(app)
    form.set_model(Model.cross_sector)
    step(app)
    assert said not in boxes_text(app)


def test_what_changed_is_not_said_twice() -> None:
    """When the main objection already names what the change did (a share too costly, a
    focus far from its mission), the clause would only repeat it."""
    from game.i18n import Translator
    from game.sim.session import Session
    from game.sim.state import Terms
    from game.sim.world import HUMAN
    from game.ui import preview

    info = default_scenario()
    loaded = load_scenario(info.path)
    text = info.path.read_text("utf-8")
    session = Session(loaded.scenario, text, controllers={"smpn3": HUMAN}, teams={"smpn3": "T"})
    world, t = session.world, Translator("en")
    me = world.org("smpn3")

    def terms(focus: str, ask: float) -> Terms:
        shares = (Contribution("smpn3", 2, 1), Contribution("dlh", ask, 1))
        return Terms(Model.cross_sector, ((focus, 1.0),), shares, 12)

    before = terms("env_education", 2)
    far = terms("youth", 2)
    [answer] = preview.likely_answers(world, t, me, ["dlh"], far)[0]
    assert answer.objection == "focus_far"
    changed = preview.what_changed(world, t, me, ["dlh"], "dlh", before, far)
    assert changed == t("ui.nego.changed_view.alignment", org="DLH")
    assert not preview.what_changed(world, t, me, ["dlh"], "dlh", before, far, answer.objection)


def _solo(app: App):
    info = default_scenario()
    flow.start_match(app, load_scenario(info.path), info.path.read_text("utf-8"), {"smpn3": "T"})
    return _ready(app)


def test_the_cost_of_a_deal_behind_an_approval_counts_only_the_months_of_work(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 12-month deal behind an approval of about 6 months said "you give Rp 2 juta ... for
    12 months (total Rp 24 juta)": contributions are paid only while the work runs, so the
    total is an estimate over the months after the approval, up to the whole if it is quick."""
    from game.sim import negotiation
    from game.ui import preview

    monkeypatch.setattr(negotiation, "expected_wait", lambda *_: 6.0)
    main = _solo(app)
    main.start_action("propose")
    dialog = main.dialogs[-1]
    dialog.toggle_partner("dlh")
    dialog.set_slider("months", "months", 12)
    dialog.draft.funds[main.match.org.id] = 2.0
    html = dialog._preview_html()
    assert "(total Rp 24 juta)" not in html
    world = main.match.world
    wait = preview.approval_wait(world, [0, 1], world.org_index["disdik"])
    work = preview.work_months(world, 12, wait)
    assert 6 <= work.about <= 8  # about 5 of the 6 months waited are lost, not 6
    assert (
        f"about Rp {2 * work.about} juta in all, for about {work.about} months of work after "
        "approval; up to Rp 24 juta if approval comes quickly" in html
    )
    assert f"about {work.about} of the 12 months for the work itself" in html  # the same count
    # The wait as a likely spread: an approval after 1 month is no surprise.
    assert f"usually 1 to {wait.likely} months (about 6 on average)" in html
    dialog.close()
    offer = main.match.apply(
        ProposePartnership(
            "dlh",
            ("smpn3",),
            Model.cross_sector,
            (("env_education", 1.0),),
            (Contribution("dlh", 1, 1), Contribution("smpn3", 2, 1)),
            12,
        )
    )
    main.open_proposal(offer.id)
    step(app)
    assert "up to Rp 24 juta if approval comes quickly" in boxes_text(app)


def test_the_offer_opens_with_a_term_that_outlasts_its_approval(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Propose" opened at 6 months behind an approval of about 6, and the form itself then
    warned that the partnership might never start."""
    from game.sim import negotiation

    monkeypatch.setattr(negotiation, "expected_wait", lambda *_: 6.0)
    main = _solo(app)
    main.start_action("propose")
    dialog = main.dialogs[-1]
    dialog.toggle_partner("disdik")
    world = main.match.world
    assert 12 <= dialog.draft.months <= world.months - world.month + 1
    assert "may never start" not in dialog._preview_html()
    dialog.set_slider("months", "months", 9)  # the team's own choice stays
    dialog.toggle_partner("dlh")
    assert dialog.draft.months == 9
    world.month = world.months - 3  # four months left: no longer than the game
    dialog.close()
    main.start_action("propose")
    late = main.dialogs[-1]
    late.toggle_partner("disdik")
    assert late.draft.months == 4


def test_a_shortfall_there_without_the_deal_is_not_blamed_on_it(app: App) -> None:
    """An offer worth Rp 0.9 juta in all came with "your money runs out after 7 months": it
    ran out after 7 months without that offer too."""
    main = _solo(app)
    me = main.match.org
    me.funds, me.income = 6.0, 0.0  # its upkeep alone empties it within months
    main.start_action("propose")
    dialog = main.dialogs[-1]
    dialog.toggle_partner("sdn2")
    dialog.draft.focus = {d: 10.0 if d == "waste" else 0.0 for d in dialog.draft.focus}
    dialog.set_slider("months", "months", 9)
    dialog.draft.funds[me.id] = 0.1
    html = dialog._preview_html()
    assert "Already before this deal" in html
    assert "Over its months you pay" not in html
    id_text = Translator("id")("ui.nego.short_already", runs=3)
    assert id_text.startswith("Bahkan tanpa kesepakatan ini")


def test_an_office_proposing_work_it_must_sign_off_says_so(app: App) -> None:
    """Disdik proposed to the school; the offer said "Needs approval by Disdik: about 5
    months", and once accepted "Partnership #14 now waits for approval by Disdik", as if the
    office waited for someone else: it is its own internal sign-off."""
    main = _solo(app)
    offer = main.match.apply(
        ProposePartnership(
            "disdik",
            ("smpn3",),
            Model.cross_sector,
            (("env_education", 1.0),),
            (Contribution("disdik", 0.5, 0), Contribution("smpn3", 0.0, 1)),
            12,
        )
    )
    main.open_proposal(offer.id)
    step(app)
    text = boxes_text(app)
    assert "Needs the internal sign-off of Sukamaju Education Office (Disdik) itself" in text
    assert "Needs approval by" not in text
    main.match.apply(Respond("smpn3", offer.id, "accept"))
    q = main.match.world.partnership(offer.partnership)
    assert q.status.value == "awaiting_approval"
    status = main.dialogs[-1]._status_text(offer)
    assert status == f"Agreed! Partnership #{q.id} now waits for the internal sign-off of Disdik."
