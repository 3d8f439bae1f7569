"""An offer to several partners after one of them said no, as the teams read it."""

from __future__ import annotations

from pathlib import Path

import pytest

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
