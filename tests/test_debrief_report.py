"""The debrief report: HTML that parses, names everything, embeds decodable images; CSV; compare.

matplotlib is slow to import, so each report is rendered once per module and shared.
"""

from __future__ import annotations

import base64
import csv
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.debrief.build import build_debrief, load_debrief
from game.debrief.compare import compare
from game.debrief.report_csv import write_csv
from game.debrief.report_html import render_html
from game.i18n import Translator
from game.scenario import load_scenario, resolve_scenario
from game.scenario.schema import BENEFIT_IDS
from game.sim.batch import play_headless

PNG = b"\x89PNG\r\n\x1a\n"


class Page(HTMLParser):
    """Collects the visible text, image sources and links of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.open: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag == "a":
            self.links.append(values.get("href") or "")
        if tag == "link" or tag == "script":
            self.links.append(values.get("href") or values.get("src") or "")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def scenario():
    path = resolve_scenario("sekolah-hijau")
    return load_scenario(path).scenario, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def session_files(scenario, tmp_path_factory) -> list[Path]:
    """Three saved sessions of one scenario, as three teams' laptops would leave them."""
    sc, text = scenario
    folder = tmp_path_factory.mktemp("sessions")
    files = []
    for seed in (11, 12, 13):
        session = play_headless(sc, seed, None, "collaborative", text)
        files.append(session.save(folder / f"team-{seed}.kolaborasi.json"))
    return files


@pytest.fixture(scope="module")
def debriefs(session_files):
    return [load_debrief(p) for p in session_files]


@pytest.fixture(scope="module")
def html_en(debriefs) -> str:
    return render_html(debriefs[:1], None, Translator("en"))


@pytest.fixture(scope="module")
def html_id(debriefs) -> str:
    return render_html(debriefs[:1], None, Translator("id"))


@pytest.fixture(scope="module")
def html_compare(debriefs) -> str:
    return render_html(debriefs, compare(debriefs), Translator("en"))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_names_every_organisation_benefit_and_question(
    lang, scenario, html_en, html_id
) -> None:
    sc, _ = scenario
    t = Translator(lang)
    text = parse(html_en if lang == "en" else html_id).visible
    for org in sc.organisations:
        assert collapse(t.text(org.name)) in text, org.id
        if org.hidden_agenda is not None:
            assert collapse(t.text(org.hidden_agenda)) in text, org.id
    for benefit in BENEFIT_IDS:
        assert t(f"sim.benefit.{benefit}") in text, benefit
    for question in sc.debrief_questions:
        assert collapse(t.text(question.text)) in text
    for objective in sc.objectives:
        assert collapse(t.text(objective.text)) in text


@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_leaves_no_placeholder_or_key_unrendered(lang, html_en, html_id) -> None:
    text = parse(html_en if lang == "en" else html_id).visible
    assert "{" not in text
    for prefix in ("debrief.", "sim.log.", "sim.reason.", "sim.benefit."):
        assert prefix not in text


def test_the_pillar_says_the_evaluations_are_the_ones_it_called(html_en, html_id) -> None:
    """Beside "its partnerships held joint evaluations 10 times", "Evaluations held 8" read
    as a contradiction."""
    assert "Evaluations it called" in parse(html_en).visible
    assert "Evaluasi yang diadakannya" in parse(html_id).visible
    assert "Evaluations held" not in parse(html_en).visible


def test_html_parses_and_is_self_contained_with_decodable_png_charts(html_en) -> None:
    page = parse(html_en)
    assert html_en.startswith("<!DOCTYPE html>")
    assert len(page.images) >= 5  # indicators, networks, climate, trust, tension
    for src in page.images:
        prefix = "data:image/png;base64,"
        assert src.startswith(prefix)
        assert base64.b64decode(src[len(prefix) :], validate=True).startswith(PNG)
    assert all(link.startswith("#") for link in page.links), page.links


def test_report_is_printable_on_a4(html_en) -> None:
    assert "@page { size: A4" in html_en
    assert "@media print" in html_en


def test_three_sessions_compare_side_by_side(debriefs, html_compare) -> None:
    comparison = compare(debriefs)
    players = debriefs[0].players
    assert [run.letter for run in comparison.runs] == ["A", "B", "C"]
    assert len(comparison.rows) == 3 * len(players)
    assert sorted(r.run for r in comparison.ranking) == [0, 1, 2]
    assert comparison.ranking[0].place == 1
    places = [r.place for r in comparison.ranking]
    assert places == sorted(places)
    overlaid = [c for c in comparison.charts]
    assert len(overlaid) == len(debriefs[0].domains) + 2
    assert all(len(c.lines) == 3 for c in overlaid)

    page = parse(html_compare)
    text = page.visible
    for k in "ABC":
        assert f"Session {k}" in text
    assert "Ranking against the scenario's objectives" in text
    for prefix in ("data:image/png;base64,",):
        assert all(src.startswith(prefix) for src in page.images)
    # One table holds every team's scores across the sessions.
    assert html_compare.count('class="scores compact"') == 1


def test_csv_has_a_row_per_month_and_organisation(debriefs, tmp_path) -> None:
    files = write_csv(tmp_path, debriefs[:2], Translator("en"))
    assert sorted(p.name for p in files) == ["benefits.csv", "indicators.csv", "organisations.csv"]
    with (tmp_path / "organisations.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    d = debriefs[0]
    per_session = (d.session.month + 1) * len(d.orgs)
    assert len(rows) == 2 * per_session
    assert {"session", "end_of_month", "organisation_id", "funds_juta", "trust_from_others"} <= set(
        rows[0]
    )
    assert {r["organisation_id"] for r in rows} == {o.id for o in d.orgs}
    with (tmp_path / "benefits.csv").open(encoding="utf-8-sig", newline="") as fh:
        benefits = list(csv.DictReader(fh))
    assert len(benefits) == 2 * len(d.orgs) * len(BENEFIT_IDS)


def test_csv_headers_follow_the_language(debriefs, tmp_path) -> None:
    write_csv(tmp_path, debriefs[:1], Translator("id"))
    header = (tmp_path / "organisations.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("sesi;akhir_bulan;id_organisasi;organisasi;dana_juta")


def test_an_unfinished_session_debriefs_the_months_played(scenario) -> None:
    from game.sim.commands import EndMonth
    from game.sim.session import Session

    sc, text = scenario
    session = Session(sc, text, seed=5, controllers={p: "collaborative" for p in sc.players})
    for _ in range(4):
        session.apply(EndMonth())
    d = build_debrief(session)
    assert not d.session.finished and (d.session.month, d.session.complete) == (5, 4)
    assert all(len(line.values) == 5 for line in d.so_what.chart("indicators").lines)
    assert d.what.facts[0].key == "debrief.fact.unfinished"


def _stopped(scenario, seed: int, months: int):
    """A session stopped after `months` complete months of a longer game, as laptops are."""
    from game.sim.commands import EndMonth
    from game.sim.session import Session

    sc, text = scenario
    session = Session(sc, text, seed=seed, controllers={p: "collaborative" for p in sc.players})
    for _ in range(months):
        session.apply(EndMonth())
    return build_debrief(session)


def test_sessions_stopped_at_the_same_month_are_not_said_to_differ_in_length(scenario) -> None:
    """Every laptop stopped at month 5 of 24, and the comparison still warned that the
    shorter sessions score lower."""
    same = [_stopped(scenario, seed, 4) for seed in (5, 6)]
    assert not any(d.session.finished for d in same)
    assert "debrief.compare.lengths_differ" not in {n.key for n in compare(same).notes}
    shorter = [*same, _stopped(scenario, 7, 2)]
    assert "debrief.compare.lengths_differ" in {n.key for n in compare(shorter).notes}


def test_a_third_team_from_simulate_is_a_team_in_the_header_and_the_scorecard(scenario) -> None:
    """`simulate --teams smpn3,lsm,pt-kemasindo --save-sessions`: the session's header named
    only the scenario's two player organisations, while the comparison's scorecard (reading
    the other session's teams) showed PT Kemasindo as a team."""
    sc, text = scenario
    teams = ["smpn3", "lsm", "pt-kemasindo"]
    third = build_debrief(play_headless(sc, 8, 3, "collaborative", text, teams=teams))
    default = build_debrief(play_headless(sc, 7, 3, "collaborative", text))
    assert third.players == tuple(teams)
    assert default.players == tuple(sc.players)
    for order in ([default, third], [third, default]):
        c = compare(order)
        shown = {(row.run, row.org) for row in c.rows}
        assert shown == {(k, p) for k, d in enumerate(order) for p in d.players}
        for rank in c.ranking:  # "mean team score": the mean over that session's own teams
            d = order[rank.run]
            mean = sum(d.outcome(p).mean_score for p in d.players) / len(d.players)
            assert rank.mean_score == round(mean, 2)
    html = render_html([default, third], compare([default, third]), Translator("en"))
    cover = html[html.index('<table class="meta">') : html.index("</table>")]
    second = parse(cover.split("<tr>")[2]).visible
    assert "Session B" in second and "PT Kemasindo Prima" in second


class Contents(HTMLParser):
    """The report's contents box as (depth, text) per list item, nested items apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[list] = []
        self.open: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.open.append(len(self.items))
            self.items.append([len(self.open), ""])

    def handle_endtag(self, tag):
        if tag == "li":
            self.open.pop()

    def handle_data(self, data):
        if self.open:
            self.items[self.open[-1]][1] += data


def contents(html: str) -> list[tuple[int, str]]:
    parser = Contents()
    parser.feed(html[html.index('<nav class="toc">') : html.index("</nav>")])
    return [(depth, " ".join(text.split())) for depth, text in parser.items]


def test_the_contents_list_each_section_as_its_own_item(html_id, html_compare) -> None:
    """ "1. Apa yang terjadi? · Apa artinya? · Apa selanjutnya?" read as one numbered section."""
    keys = ("debrief.report.what_title", "debrief.report.so_what_title")
    keys += ("debrief.report.now_what_title",)
    sections = [Translator("id")(key) for key in keys]
    assert sections[0] == "Apa yang terjadi?"
    assert contents(html_id)[:3] == [(1, title) for title in sections]
    assert contents(html_id)[3][0] == 1  # the reveal, fourth
    sections = [Translator("en")(key) for key in keys]
    items = contents(html_compare)
    for letter_ in "ABC":
        k = items.index((1, f"Session {letter_}"))
        assert items[k + 1 : k + 4] == [(2, title) for title in sections]


def test_export_writes_to_the_data_folder_and_says_where(debriefs, tmp_path, monkeypatch) -> None:
    from game.debrief.errors import DebriefError
    from game.debrief.export import export_report

    monkeypatch.setenv("KOLABORASI_DATA_DIR", str(tmp_path))
    path = export_report(debriefs[:1], Translator("id"))
    assert path.parent == tmp_path / "reports" and path.suffix == ".html"
    assert "Apa yang terjadi?" in path.read_text(encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(DebriefError) as err:
        export_report(debriefs[:1], Translator("en"), folder=blocker)
    assert err.value.reason.key == "debrief.error.write_failed"


# --- regressions found by review ------------------------------------------------------------
def test_every_challenge_total_is_the_sum_of_its_column(session_files) -> None:
    from game.sim.outcomes import outcomes, world_challenges
    from game.sim.session import Session

    for path in session_files:
        world = Session.load(path).world
        per_org = outcomes(world)
        for key, total in world_challenges(world).items():
            assert total == sum(o.challenges[key] for o in per_org.values()), key


def test_indonesian_csv_is_what_excel_in_indonesian_expects(debriefs, tmp_path) -> None:
    """ ";" between columns and decimal commas, the same figures as the English files."""
    write_csv(tmp_path / "en", debriefs[:1], Translator("en"))
    write_csv(tmp_path / "id", debriefs[:1], Translator("id"))
    write_csv(tmp_path / "plain", debriefs[:1], Translator("id"), plain=True)

    def rows(folder: str, delimiter: str) -> list[list[str]]:
        path = tmp_path / folder / "benefits.csv"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh, delimiter=delimiter))[1:]

    en, id_, plain = rows("en", ","), rows("id", ";"), rows("plain", ",")
    assert len(en) == len(id_) == len(plain) and all(len(r) == 9 for r in id_)
    assert any("," in r[6] for r in id_)  # raw figures have decimals
    for a, b, c in zip(en, id_, plain, strict=True):
        for k in (5, 6, 7):  # score, raw figure, the organisation's own reference
            if k == 7 and not a[k]:
                continue
            assert float(b[k].replace(",", ".")) == float(a[k]) == float(c[k])
            assert "." not in b[k]


def test_csv_names_the_spending_columns_in_the_readers_language(debriefs, tmp_path) -> None:
    write_csv(tmp_path, debriefs[:1], Translator("id"))
    header = (tmp_path / "organisations.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("belanja_juta;terbuang_juta;agenda_sisa")


def test_two_sessions_with_one_file_name_stay_apart_in_the_csv(session_files, tmp_path) -> None:
    import shutil

    copies = []
    for k, src in enumerate(session_files[:2]):
        folder = tmp_path / f"laptop{k}"
        folder.mkdir()
        copies.append(shutil.copy(src, folder / "team.kolaborasi.json"))
    write_csv(tmp_path / "out", [load_debrief(p) for p in copies], Translator("en"))
    with (tmp_path / "out" / "benefits.csv").open(encoding="utf-8-sig", newline="") as fh:
        sessions = {row["session"] for row in csv.DictReader(fh)}
    assert len(sessions) == 2


def test_files_are_written_without_newline_translation(tmp_path, monkeypatch) -> None:
    """CSV rows end in \\r\\n already; a Windows text-mode write would make it \\r\\r\\n, a blank
    row after every line in Excel. (Linux never translates, so check what is asked for.)"""
    import os

    from game.sim import session as session_module

    asked = {}
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        asked.update(kwargs)
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(session_module.os, "fdopen", fdopen)
    session_module.write_atomic(tmp_path / "x.csv", "a,b\r\n1,2\r\n")
    assert asked.get("newline") == ""
    assert (tmp_path / "x.csv").read_bytes() == b"a,b\r\n1,2\r\n"


def test_a_rounded_zero_is_never_minus_zero() -> None:
    from game.i18n import format_number

    assert format_number(-0.001, "id") == "0" and format_number(-0.004, "en") == "0"


def test_a_comparison_says_when_the_computer_played_different_seats(scenario) -> None:
    from game.debrief.build import build_debrief as build

    sc, text = scenario
    solo = build(play_headless(sc, 7, 3, "solo", text))
    collab = build(play_headless(sc, 7, 3, "collaborative", text))
    keys = {n.key for n in compare([solo, collab]).notes}
    assert "debrief.compare.controllers_differ" in keys


def test_comparing_two_versions_with_different_objectives_does_not_fail(scenario) -> None:
    from game.debrief.build import build_debrief as build
    from game.scenario import load_scenario_text

    sc, text = scenario
    first = build(play_headless(sc, 7, 2, "collaborative", text))
    fewer = sc.model_copy(update={"objectives": sc.objectives[:-1]})
    second = build(play_headless(fewer, 7, 2, "collaborative", text))
    assert load_scenario_text(text)  # the text stays the original; only objectives differ
    for order in ([first, second], [second, first]):
        html = render_html(order, compare(order), Translator("en"))
        assert "—" in html


def test_chart_axes_write_numbers_in_the_readers_language() -> None:
    from matplotlib.figure import Figure

    from game.debrief.report_charts import _number_ticks

    ax = Figure().add_subplot()
    _number_ticks(ax, Translator("id"))
    assert ax.yaxis.get_major_formatter()(0.5, 0) == "0,5"
    _number_ticks(ax, Translator("en"))
    assert ax.xaxis.get_major_formatter()(0.5, 0) == "0.5"


def test_chart_ticks_get_the_decimals_they_need() -> None:
    from matplotlib.figure import Figure

    from game.debrief.report_charts import _number_ticks

    ax = Figure().add_subplot()
    _number_ticks(ax, Translator("id"))
    formatter = ax.yaxis.get_major_formatter()
    ticks = [0.0, 0.025, 0.05, 0.075, 0.1]
    formatter.set_locs(ticks)
    assert [formatter(v, k) for k, v in enumerate(ticks)] == ["0", "0,025", "0,05", "0,075", "0,1"]
    formatter.set_locs([0.0, 10.0, 20.0])
    assert formatter(20.0, 2) == "20"


def test_a_session_stopped_between_months_does_not_promise_the_next_months_moves() -> None:
    """Opened from the month-8 summary, the debrief said the timeline "also lists the moves
    made in month 9", where nobody had moved yet."""
    from game.debrief.build import session_facts
    from tests.simkit import end_months, quiet_world

    world = quiet_world()
    end_months(world, 3)
    assert not any(e.month == world.month for e in world.entries)
    facts = session_facts(world, [], [])
    assert facts[0].key == "debrief.fact.unfinished_clean"
    assert "before any move of month 4" in Translator("en").msg(facts[0])
