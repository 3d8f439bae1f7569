"""The game's "Export report" button: write the same report the CLI writes, and say where.

Reports go to the game's data folder (`reports/`, next to the autosaved sessions) unless a
folder is given. Every failure comes back as a `DebriefError` whose `reason` the screen
shows as it is; nothing here draws or blocks on a window.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from game.debrief.compare import compare
from game.debrief.errors import DebriefError
from game.debrief.model import Debrief
from game.i18n import Translator
from game.storage import data_dir, os_error_reason


def report_path(
    debriefs: Sequence[Debrief], folder: str | Path | None = None, *, for_teams: bool = False
) -> Path:
    """Where a report of these sessions goes by default: one name per session or comparison,
    and another for the teams' copy (the full report exported after the reveal replaced the
    teams' copy a facilitator had just been told could be shared)."""
    base = Path(folder) if folder is not None else data_dir() / "reports"
    first = debriefs[0].session
    teams = "-teams" if for_teams else ""
    if len(debriefs) == 1:
        return base / f"{first.id}-debrief{teams}.html"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return base / f"{first.scenario_id}-comparison-{stamp}{teams}.html"


def export_report(
    debriefs: Sequence[Debrief],
    t: Translator,
    *,
    folder: str | Path | None = None,
    for_teams: bool = False,
) -> Path:
    """Write the HTML report (a comparison when several sessions) and return its path;
    `for_teams` leaves out the facilitator's reveal."""
    if not debriefs:
        raise DebriefError("no_sessions")
    comparison = compare(debriefs) if len(debriefs) > 1 else None
    path = report_path(debriefs, folder, for_teams=for_teams)
    try:
        from game.debrief.report_html import write_report

        return write_report(path, debriefs, comparison, t, for_teams=for_teams)
    except ImportError as exc:
        raise DebriefError("no_matplotlib", detail=str(exc)) from exc
    except OSError as exc:
        raise DebriefError("write_failed", file=str(path), detail=os_error_reason(exc)) from exc
