"""Asking a partner to change its share, through the window: one team asks, the other
answers on the same laptop (`AskChange`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import default_scenario, load_scenario
from game.scenario.schema import Model
from game.sim.commands import EvaluatePartnership, ProposePartnership, Respond
from game.sim.state import Contribution
from game.ui import flow
from game.ui.app import App
from game.ui.scenes.handover import HandoverScene
from game.ui.scenes.main import MainScene
from game.ui.widgets.form import FormDialog
from game.ui.widgets.negotiation import NegotiationDialog
from tests.uikit import boxes_text, click, find, step


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path / "data"))
    application = App("en")
    yield application
    application.close()


def _two_teams(app: App) -> MainScene:
    info = default_scenario()
    loaded = load_scenario(info.path)
    flow.start_match(
        app, loaded, info.path.read_text("utf-8"), {"smpn3": "Tim Sekolah", "lsm": "Tim LSM"}
    )
    return _ready(app)


def _ready(app: App) -> MainScene:
    if isinstance(app.scene, HandoverScene):
        step(app, 60)
        click(app, find(app, "#ready"))
    scene = app.scene
    assert isinstance(scene, MainScene)
    while scene.dialogs:  # "how to play" opens on a team's first screen
        scene.dialogs[-1].close()
        step(app)
    return scene


def _pooling(match):
    """SMPN 3 (Rp 2 juta and 1 staff) and Bumi Lestari (Rp 4 juta and 1 staff) pool money."""
    proposal = match.apply(
        ProposePartnership(
            "smpn3",
            ("lsm",),
            Model.resource_pooling,
            (("waste", 1.0),),
            (Contribution("smpn3", 2, 1), Contribution("lsm", 4, 1)),
            12,
        )
    )
    match.apply(Respond("lsm", proposal.id, "accept"))
    return match.world.partnership(proposal.partnership)


def test_a_team_asks_its_partner_team_to_pay_less_and_the_partner_agrees(app: App) -> None:
    main = _two_teams(app)
    match = main.match
    assert match.org.id == "smpn3"
    p = _pooling(match)
    main.refresh()

    # Outside a joint evaluation the form says what to do first, and will not send.
    main.select_partnership(p.id)
    main.start_action("ask_change")
    step(app)
    form = main.dialogs[-1]
    assert isinstance(form, FormDialog)
    assert form.values["funds"] == 4 and form.values["staff"] == 1  # the partner's share
    form.set_value("funds", 1.5)
    assert "joint evaluation" in boxes_text(app)
    assert not form.ok.is_enabled
    form.close()

    match.apply(EvaluatePartnership("smpn3", p.id))
    main.refresh()
    main.start_action("ask_change")
    step(app)
    form = main.dialogs[-1]
    form.set_value("funds", 1.5)
    text = boxes_text(app)
    assert "money Rp 4 → 1,5 juta a month" in text or "money Rp 4 → 1.5 juta a month" in text
    assert "answers in its own turn" in text
    click(app, find(app, "#form_ok"))
    (request,) = [q for q in match.world.proposals if q.amends == p.id]
    assert p.contributions[match.world.org_index["lsm"]].funds == 4  # not before its yes

    flow.end_turn(app, match)
    partner = _ready(app)
    assert partner.match.org.id == "lsm"
    partner.open_proposal(request.id)
    step(app)
    dialog = partner.dialogs[-1]
    assert isinstance(dialog, NegotiationDialog)
    text = boxes_text(app)
    assert "asks you to change your share" in text
    assert "a month less" in text  # what it saves
    assert "With the new share this month's end takes" in text  # and what the month then takes
    with pytest.raises(LookupError):
        find(app, "#counter")  # a change takes a yes or a no
    click(app, find(app, "#accept"))
    assert p.contributions[match.world.org_index["lsm"]].funds == 1.5
    text = boxes_text(app)
    assert "Agreed: the change holds" in text
    assert "Asked of you: money Rp 4 → 1.5 juta a month" in text  # as asked, not "the same"
    assert all(o.counts.get("broken_commitments", 0) == 0 for o in match.world.orgs)


def test_a_team_asked_to_leave_reads_it_as_leaving_and_that_yes_ends_the_partnership(
    app: App,
) -> None:
    """A team agreed to "change its share" and found it had left, ending the partnership:
    a request to leave now says so in the inbox, the dialog and the log."""
    from game.sim.commands import AskChange

    main = _two_teams(app)
    match = main.match
    p = _pooling(match)
    match.apply(EvaluatePartnership("smpn3", p.id))
    main.refresh()
    main.start_action("ask_change")
    step(app)
    form = main.dialogs[-1]
    assert form.values["share"][0] == p.id  # the partnership evaluated this month
    form.set_value("what", "release")
    assert "If Bumi Lestari says yes, partnership" in boxes_text(app)
    disabled = [c for c, (name, _) in form.controls.items() if name in ("funds", "staff")]
    assert disabled and not any(c.is_enabled for c in disabled)  # the sliders do nothing here
    form.close()
    request = match.apply(AskChange("smpn3", p.id, "lsm", release=True))

    flow.end_turn(app, match)
    partner = _ready(app)
    partner.show_tab("inbox")
    step(app)
    partner.open_proposal(request.id)
    step(app)
    text = boxes_text(app)
    assert "asks you to leave partnership" in text and "change your share" not in text
    assert "Saying yes ends partnership" in text
    assert "stop paying Rp 4 juta a month" in text
    click(app, find(app, "#accept"))
    assert p.status.value == "dissolved"
    text = boxes_text(app)
    assert "Agreed: you left partnership" in text
    assert "agreed to leave partnership" in text  # the log line, not "the change"


def test_a_team_stops_its_own_program_from_the_action_panel(app: App) -> None:
    from game.sim.commands import RunProgram

    main = _two_teams(app)
    match = main.match
    button = find(app, "#action_stop_program")
    assert not button.is_enabled  # no programme yet: the button says why on hover
    program = match.apply(RunProgram("smpn3", "waste", 3, 1, 6))
    main.refresh()
    step(app)
    click(app, find(app, "#action_stop_program"))
    form = main.dialogs[-1]
    assert isinstance(form, FormDialog) and form.values["program"] == program.id
    assert "Frees Rp 3 juta a month and 1 staff" in boxes_text(app)
    click(app, find(app, "#form_ok"))
    assert program not in match.world.programs
    assert any(e.msg.key == "sim.log.program_stopped" for e in match.world.entries)


def test_after_an_action_the_news_shows_its_newest_line(app: App) -> None:
    """The News stayed scrolled where it was, so a team saw its new line only in the toast."""
    from game.sim.commands import RunProgram

    main = _two_teams(app)
    main.show_tab("feed")
    main.list.scroll = 400
    assert main.apply(RunProgram("smpn3", "waste", 1, 0, 2)) is None
    assert main.list.scroll == 0


def test_a_raise_the_team_cannot_keep_paying_names_the_extra_as_extra(app: App) -> None:
    """'(Rp 4 juta more in all)' then 'Over its months you pay Rp 4 juta': the whole share
    was Rp 12 juta; Rp 4 juta was only the extra."""
    from game.sim.commands import AskChange

    main = _two_teams(app)
    match = main.match
    p = _pooling(match)
    match.apply(EvaluatePartnership("smpn3", p.id))
    lsm = match.world.org("lsm")
    request = match.apply(AskChange("smpn3", p.id, "lsm", 20, 1))
    lsm.funds, lsm.income = 5.0, 0.0
    flow.end_turn(app, match)
    partner = _ready(app)
    partner.open_proposal(request.id)
    step(app)
    text = boxes_text(app)
    assert "The extra" in text and "Over its months you pay" not in text
