"""The debrief: what happened, so what, now what, and the facilitator's reveal (DESIGN §10–11).

Read a session, get plain data; draw it anywhere. Nothing in the data layer draws, and
nothing imports matplotlib or pygame:

    from game.debrief import build_debrief, compare
    debrief = build_debrief(session)            # or load_debrief(path) for a saved file
    t.msg(debrief.title)                        # every text is a Msg: render with t.msg
    for item in debrief.what.timeline: ...      # month, kind, text, orgs, cause, major, team
    chart = debrief.so_what.chart("trust")      # indicators | climate | trust | tension
    for line in chart.lines: line.months, line.values, line.colour, line.emphasis
    for mark in chart.marks: mark.number, mark.month, mark.value, mark.text, mark.cause
    debrief.so_what.network_start.nodes         # x, y in 0–1; ties with trust 0–1
    debrief.so_what.chains                      # cause-and-effect chains: title, story, steps
    debrief.now_what.questions, .prompts        # the scenario's questions, generated prompts
    debrief.reveal.cards                        # true mission and hidden agenda per org
    comparison = compare([d1, d2, d3])          # same scenario only, else DebriefError

The report (`report_html`, `report_csv`, `report_charts`: matplotlib, imported only when a
report is written) and the game's debrief screen draw the same numbers. `export.export_report`
is what an "Export report" button calls.
"""

from game.debrief.build import build_debrief, load_debrief
from game.debrief.compare import Comparison, compare
from game.debrief.errors import DebriefError
from game.debrief.model import Debrief

__all__ = ["Comparison", "Debrief", "DebriefError", "build_debrief", "compare", "load_debrief"]
