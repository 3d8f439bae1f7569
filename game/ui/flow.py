"""Which screen comes next: the game's flow from start to debrief, in one place.

start → (hand-over) → main → … every team … → month summary → (hand-over) → main → …
→ debrief. Scenes call these functions instead of naming each other, so adding a screen
(the facilitator panel, say) changes this file, not every scene.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.scenario import LoadedScenario
from game.sim.report import MonthReport
from game.ui.match import Match

if TYPE_CHECKING:
    from game.ui.app import App


def start_match(
    app: App,
    loaded: LoadedScenario,
    text: str,
    teams: dict[str, str],
    *,
    seed: int | None = None,
    months: int | None = None,
) -> Match:
    match = Match.new(loaded, text, teams, seed=seed, months=months)
    app.facilitator.follow(match)  # the PIN and countdown go into the file from the start
    match.save()  # listed under "continue" at once, even before the first month ends
    begin_turn(app, match)
    return match


def begin_turn(app: App, match: Match) -> None:
    """Show the current team its screen, behind a hand-over when several teams share it."""
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.main import MainScene

    app.facilitator.follow(match)  # a continued session brings back its PIN and countdown
    app.facilitator.pin_locked = app.facilitator.has_pin
    if match.finished:
        app.replace(DebriefScene(app, match))
    elif match.seat.solo and not match.seat.replying:
        app.replace(MainScene(app, match))
    else:
        app.replace(HandoverScene(app, match))


def end_turn(app: App, match: Match) -> None:
    from game.ui.scenes.month_summary import MonthSummaryScene

    result = match.end_turn()
    if isinstance(result, MonthReport):
        if match.save_error:
            app.notify(app.t("ui.save_failed", detail=match.save_error), "error", 8)
        app.replace(MonthSummaryScene(app, match, result))
    else:
        begin_turn(app, match)


def resume_match(app: App, path: Path) -> None:
    """Open a saved session; the replay runs off the frame behind a loading screen."""
    from game.ui.scenes.loading import LoadingScene

    app.replace(LoadingScene(app, path))


def back_to_start(app: App, message: str = "") -> None:
    from game.ui.scenes.start import StartScene

    app.reset(StartScene(app, message=message))


def open_debrief(app: App, match: Match) -> None:
    """The facilitator ends play early (or reopens the end): the debrief of the match as it is."""
    from game.ui.scenes.debrief import DebriefScene

    app.replace(DebriefScene(app, match))
