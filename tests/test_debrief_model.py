"""The debrief's data layer: plain data a report and a pygame screen can both draw."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from game.debrief.build import build_debrief
from game.debrief.compare import compare
from game.debrief.errors import DebriefError
from game.debrief.model import Chart, Debrief
from game.debrief.series import turning_points
from game.i18n import Msg, Translator, catalogue_keys
from game.scenario import load_scenario, resolve_scenario
from game.scenario.schema import BENEFIT_IDS
from game.sim.batch import play_headless
from game.sim.commands import RunProgram
from game.sim.session import Session
from tests.simkit import end_months, scenario

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def green() -> Debrief:
    path = resolve_scenario("sekolah-hijau")
    sc = load_scenario(path).scenario
    return build_debrief(play_headless(sc, 21, None, "collaborative", path.read_text("utf-8")))


def messages(value, seen=None) -> list[Msg]:
    """Every `Msg` reachable from a debrief's dataclasses, tuples and mappings."""
    found: list[Msg] = []
    if isinstance(value, Msg):
        found.append(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found += messages(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for v in value:
            found += messages(v)
    elif isinstance(value, dict):
        for v in value.values():
            found += messages(v)
    return found


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_text_of_a_debrief_renders_in_both_languages(green, lang) -> None:
    t = Translator(lang)
    msgs = messages(green)
    assert len(msgs) > 100
    for msg in msgs:
        text = t.msg(msg)
        assert text and "{" not in text and not text.startswith("debrief."), msg.key


def test_the_three_parts_and_the_reveal_are_filled(green) -> None:
    assert green.what.timeline and green.what.facts
    assert [o.org for o in green.what.outcomes] == [o.id for o in green.orgs]
    for outcome in green.what.outcomes:
        assert tuple(b.id for b in outcome.benefits) == BENEFIT_IDS
        assert all(0 <= b.score <= 100 for b in outcome.benefits)
    months = [item.month for item in green.what.timeline]
    assert months == sorted(months)
    assert {c.id for c in green.so_what.charts} == {"indicators", "climate", "trust", "tension"}
    assert green.so_what.network_start.month == 0
    assert green.so_what.network_end.month == green.session.month
    assert len(green.now_what.questions) == 8  # the scenario's own
    assert all(q.generated for q in green.now_what.prompts) and green.now_what.prompts
    assert {c.org for c in green.reveal.cards} == {o.id for o in green.orgs}
    assert all(c.hidden_agenda is not None for c in green.reveal.cards)
    assert len(green.objectives) == 5


def test_chart_series_have_a_value_for_every_month(green) -> None:
    for chart in green.so_what.charts:
        assert isinstance(chart, Chart)
        ids = {line.id for line in chart.lines}
        for line in chart.lines:
            assert len(line.months) == len(line.values) == green.session.month + 1
            assert line.months[0] == 0
            assert all(chart.y_min <= v <= chart.y_max for v in line.values), chart.id
            assert re.fullmatch(r"#[0-9A-Fa-f]{6}", line.colour)
        for number, mark in enumerate(chart.marks, 1):
            assert mark.number == number and mark.line in ids


def test_network_places_everyone_in_the_unit_square_with_a_tie_per_pair(green) -> None:
    n = len(green.orgs)
    for net in (green.so_what.network_start, green.so_what.network_end):
        assert all(0 <= node.x <= 1 and 0 <= node.y <= 1 for node in net.nodes)
        assert len(net.ties) == n * (n - 1) // 2
    assert not any(t.partners for t in green.so_what.network_start.ties)
    start = {(n.org, n.x, n.y) for n in green.so_what.network_start.nodes}
    assert start == {(n.org, n.x, n.y) for n in green.so_what.network_end.nodes}


def test_a_steady_climb_has_no_turning_point_but_a_sudden_fall_has() -> None:
    climb = [0.30 + 0.02 * k for k in range(12)]
    assert turning_points(climb, min_change=0.05, limit=3) == []
    fall = climb[:6] + [climb[5] - 0.2] + [climb[5] - 0.2] * 5
    assert turning_points(fall, min_change=0.05, limit=3) == [6]


def test_objectives_read_indicators_models_and_benefits() -> None:
    objectives = [
        {"id": "health", "text": "Health 30+", "indicator": "health", "value": 30},
        {"id": "school", "text": "School 99", "indicator": "school", "value": 99},
        {"id": "pool", "text": "A pool", "model": "resource_pooling"},
        {"id": "impact", "text": "Impact", "benefit": "impact", "value": 1},
    ]
    sc = scenario(objectives=objectives)
    session = Session(sc, "")  # LSM is the team; the computer plays the others
    session.apply(RunProgram("lsm", "health", 10, 1, months=2))
    end_months(session.world, 2)
    results = {o.id: o for o in build_debrief(session).objectives}
    assert results["health"].met and results["health"].progress == 1.0
    assert not results["school"].met and 0 <= results["school"].progress < 1
    assert not results["pool"].met and results["pool"].achieved == 0
    assert results["impact"].met and set(results["impact"].per_org) == {"lsm"}


def test_comparing_sessions_of_different_scenarios_is_refused(green) -> None:
    path = resolve_scenario("stunting-desa")
    sc = load_scenario(path).scenario
    other = build_debrief(play_headless(sc, 1, 2, "collaborative", path.read_text("utf-8")))
    with pytest.raises(DebriefError) as err:
        compare([green, other])
    assert err.value.reason.key == "debrief.error.mixed_scenarios"
    with pytest.raises(DebriefError):
        compare([])


def test_the_data_layer_never_imports_matplotlib_or_pygame() -> None:
    code = (
        "import sys\n"
        "from game.debrief.build import build_debrief\n"
        "from game.debrief.compare import compare\n"
        "from game.scenario import load_scenario, resolve_scenario\n"
        "from game.sim.batch import play_headless\n"
        "path = resolve_scenario('sekolah-hijau')\n"
        "sc = load_scenario(path).scenario\n"
        "s = play_headless(sc, 1, 3, 'collaborative', path.read_text('utf-8'))\n"
        "d = build_debrief(s)\n"
        "compare([d, d])\n"
        "heavy = ('matplotlib', 'pygame', 'pygame_gui')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in heavy]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# --- translations ---------------------------------------------------------------------------
def catalogue(lang: str) -> dict[str, str]:
    return json.loads((REPO / "assets" / "i18n" / lang / "debrief.json").read_text("utf-8"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    en, id_ = catalogue("en"), catalogue("id")
    assert set(en) == set(id_)
    for key, template in en.items():
        assert placeholders(template) == placeholders(id_[key]), key
    assert all(k.startswith("debrief.") for k in en)


def test_every_literal_key_in_the_debrief_code_is_in_both_catalogues() -> None:
    pattern = re.compile(r"debrief(\.[a-z0-9_]+)+")
    keys = set()
    for path in [*(REPO / "game" / "debrief").glob("*.py"), REPO / "game" / "cli" / "debrief.py"]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and pattern.fullmatch(text):
                keys.add(text)
    assert len(keys) > 60
    for lang in ("en", "id"):
        assert keys - catalogue_keys(lang) == set(), lang


def test_keys_built_at_run_time_are_in_both_catalogues() -> None:
    from game.debrief.chains import ORDER

    built = {f"debrief.prompt.chain.{kind}" for kind in ORDER}
    built |= {
        f"debrief.mark.{m}_{d}{o}"
        for m in ("trust", "tension")
        for d in ("rise", "fall")
        for o in ("", "_org")
    }
    built |= {
        f"debrief.unit.{u}"
        for u in ("points", "points_per_100", "knowledge", "capacity", "ties", "count")
    }
    built |= {f"debrief.unit.{u}" for u in ("credibility", "diversity", "juta", "health")}
    built |= {
        f"debrief.count.{noun}.{form}"
        for noun in ("times", "months", "orgs", "domains", "partnerships", "commitments")
        for form in ("one", "other")
    }
    built |= {
        f"debrief.timeline.{k}"
        for k in ("ended_completed", "ended_broken", "ended_dissolved", "one_sided_change")
    }
    built |= {f"debrief.chain.how.{k}" for k in ("ended_broken", "ended_dissolved")}
    built |= {f"debrief.chain.how.left_{k}" for k in ("unilaterally", "agreed")}
    built |= {
        f"debrief.report.kind_{k}"
        for k in ("event", "decision", "partnership", "setback", "success", "turning_point")
    }
    built |= {f"debrief.report.phase_{p}" for p in ("what", "so_what", "now_what")}
    for lang in ("en", "id"):
        assert built - catalogue_keys(lang) == set(), lang


@pytest.mark.parametrize(
    ("value", "target", "shown"),
    [
        (32.96, 33, 32.96),  # not met: never shown as 33
        (32.9996, 33, 32.9996),
        (32.99999, 33, 32.9999),
        (33.0, 33, 33.0),  # met
        (33.04, 33, 33.0),
        (31.26, 33, 31.3),  # far from it: the usual one decimal
    ],
)
def test_a_value_short_of_its_target_never_looks_as_if_it_reached_it(value, target, shown):
    from game.i18n import short_of

    assert short_of(value, target) == pytest.approx(shown)
    assert (short_of(value, target) >= target) == (value >= target)


def test_an_objective_not_met_shows_an_end_value_below_its_target() -> None:
    from game.debrief.objectives import assess
    from game.sim.outcomes import outcomes
    from game.sim.world import World

    objective = {"id": "sehat", "text": "Health reaches 33", "indicator": "health", "value": 33}
    sc = scenario(objectives=[objective])
    world = World(sc, 1, controllers={o.id: "human" for o in sc.organisations})
    world.indicators[world.domain_index["health"]] = 32.96
    (result,) = assess(world, outcomes(world), [])
    assert not result.met
    assert result.detail.params["end"] == pytest.approx(32.96)  # not "33"


def test_an_indicator_chart_zooms_to_show_the_gap_to_its_target() -> None:
    from game.debrief.series import zoomed_range

    lo, hi = zoomed_range([30.0, 30.4, 31.2, 33.0])
    assert 0 <= lo < 30 and 33 < hi <= 100 and hi - lo <= 20  # the gap fills the chart
    assert (33 - 30) / (hi - lo) > 0.2  # on 0-100 it was 3%
    assert zoomed_range([0.5, 2.0]) == (0.0, pytest.approx(10.0))  # kept within 0-100
    assert zoomed_range([98.0, 99.5])[1] == 100.0


def test_the_timeline_keeps_a_teams_own_routine_steps_and_not_the_computers() -> None:
    from game.debrief.timeline import key_moments
    from game.sim.commands import EvaluatePartnership, ShareInformation
    from tests.simkit import agree, quiet_world

    world = quiet_world()
    p = agree(
        world, "lsm", ["pkk"], "resource_pooling", {"health": 1}, {"lsm": (2, 0), "pkk": (1, 0)}
    )
    world.apply(EvaluatePartnership("lsm", p.id))
    world.apply(ShareInformation("pkk"))
    steps = {item.text.key for item in key_moments(world, ["lsm"], ())}
    assert steps & {
        "debrief.log.evaluation",
        "debrief.log.evaluation_same_month",
    }  # the team's own step
    assert "sim.log.transparency" not in steps  # pkk is not a team here


def test_objectives_judged_at_the_end_say_so_far_until_the_end_has_come() -> None:
    objectives = [
        {"id": "health", "text": "Health 30+", "indicator": "health", "value": 30},
        {"id": "impact", "text": "Impact", "benefit": "impact", "value": 1},
    ]
    session = Session(scenario(objectives=objectives), "")
    session.apply(RunProgram("lsm", "health", 10, 1, months=2))
    end_months(session.world, 2)
    during = {o.id: o for o in build_debrief(session).objectives}
    # Met in month 2, but a score or an indicator can slip back by the end: the month
    # summary must not say "reached" in month 3 and "94%" in month 4 without a word.
    for result in during.values():
        assert result.met and result.provisional and result.verdict == "met_so_far"
        for lang, word in (("en", "so far"), ("id", "sejauh ini")):
            assert word in Translator(lang).msg(result.status)
    end_months(session.world, 12)
    after = {o.id: o for o in build_debrief(session).objectives}
    assert session.world.finished
    for result in after.values():
        assert not result.provisional
        assert "so far" not in Translator("en").msg(result.status)


def test_a_goals_standing_rounds_as_the_months_indicator_lines_do() -> None:
    """The month summary read "30 → 30.6" and, two lines below, "now 30.5" for one value."""
    from game.debrief.model import ObjectiveResult
    from game.i18n import Msg, Translator
    from game.ui.formatting import num_toward

    t = Translator("en")
    value, target = 30.549, 35.0
    goal = ObjectiveResult("g", Msg("x"), "indicator", target, value, False, 0.2, Msg("x"))
    summary_figure = num_toward(t, round(value, 2), target, 1)
    assert t.msg(goal.standing) == f"now {summary_figure} (target 35)"


def test_a_partnership_goal_not_met_says_not_yet_and_whose_partnership_counts() -> None:
    """ "Terbentuk jaringan informasi — baru 0% dari target" beside "partnership #1
    (information network) started" (the computer's, which does not count)."""
    from game.debrief.model import ObjectiveResult
    from game.i18n import Msg, Translator

    goal = ObjectiveResult("g", Msg("x"), "model", None, 0.0, False, 0.0, Msg("x"))
    assert Translator("id").msg(goal.standing) == (
        "belum: belum ada kemitraan jenis ini yang melibatkan tim"
    )


def test_a_partnership_goal_waiting_for_its_approval_says_so() -> None:
    """The month it was agreed, "partnership #3 (cross-sector) agreed" stood beside the goal's
    "not yet: no partnership of this kind with a team in it"; it waited for Disdik."""
    from tests.simkit import agree

    objectives = [{"id": "cs", "text": "A cross-sector partnership", "model": "cross_sector"}]
    sc = scenario(objectives=objectives)
    session = Session(sc, "", controllers={o.id: "human" for o in sc.organisations})
    world = session.world
    p = agree(world, "lsm", ["dinas"], "cross_sector", {"health": 1}, {"lsm": (2, 1)})
    assert p.status.value == "awaiting_approval"
    [goal] = build_debrief(session).objectives
    assert not goal.met
    said = Translator("en").msg(goal.standing)
    assert said.startswith("not yet") and f"#{p.id}" in said and "approval" in said
    assert f"#{p.id}" in Translator("id").msg(goal.standing)


def test_a_question_tied_to_an_inject_is_asked_only_when_it_happened() -> None:
    """Tanggap-banjir asked how the banners of the BNPB visit affected trust in a session where
    the facilitator never fired the visit (nor did a row over banners happen)."""
    from game.sim.commands import EndMonth, FireInject

    path = resolve_scenario("tanggap-banjir")
    sc = load_scenario(path).scenario
    logo = next(q for q in sc.debrief_questions if q.after)
    assert set(logo.after) == {"kunjungan-kepala-bnpb", "rebutan-spanduk"}
    controllers = {p: "collaborative" for p in sc.players}

    def asked(fire: bool) -> bool:
        session = Session(sc, path.read_text("utf-8"), seed=3, months=2, controllers=controllers)
        if fire:
            session.apply(FireInject("kunjungan-kepala-bnpb"))
        while not session.world.finished:
            session.apply(EndMonth())
        if not fire:  # nor was there a row over banners (the visit's tension can cause one)
            assert "rebutan-spanduk" not in session.world.fired
        questions = build_debrief(session).now_what.questions
        return any(Translator("en").msg(q.text) == logo.text.en for q in questions)

    assert not asked(fire=False)
    assert asked(fire=True)


def test_a_question_after_an_unknown_happening_is_an_error_with_a_suggestion() -> None:
    from game.scenario import ScenarioError, load_scenario_text

    text = resolve_scenario("tanggap-banjir").read_text("utf-8")
    broken = text.replace("after: [kunjungan-kepala-bnpb,", "after: [kunjungan-kepala-bnbp,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(broken, "banjir.yaml")
    (problem,) = caught.value.problems
    assert problem.field == "debrief_questions[3].after[0]"
    assert "kunjungan-kepala-bnbp" in broken.splitlines()[problem.line - 1]
    assert Translator("en").msg(problem.hint) == "did you mean `kunjungan-kepala-bnpb`?"
