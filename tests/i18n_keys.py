"""Find the catalogue keys the simulation can emit, by reading its source (used by tests)."""

from __future__ import annotations

import ast
from pathlib import Path

GAME_DIR = Path(__file__).resolve().parents[1] / "game"
SIM_DIR = GAME_DIR / "sim"

# Keys built at run time from values, listed by hand next to where they are built.
DYNAMIC = {
    "sim.log.ended_completed",
    "sim.log.ended_dissolved",
    "sim.log.ended_broken",
    "sim.log.dispute",
    "sim.log.dispute_goals",
    "sim.log.withdrawn",
    "sim.log.rejected_by_team",
    "sim.log.declined",
    "sim.log.fell_through",
    "sim.log.walked_away",
    "sim.log.left_agreed",
    "sim.log.change_declined",
    "sim.log.change_rejected_by_team",
    "sim.log.change_withdrawn",
    "sim.log.change_void",
    "sim.log.change_accepted",
    "sim.log.change_expired",
    "sim.log.release_accepted",
    "sim.log.release_declined",
    "sim.log.release_rejected_by_team",
    "sim.log.release_withdrawn",
    "sim.log.release_expired",
    "sim.log.release_void",
    "sim.reason.focus_far",
    "sim.reason.too_costly",
    "sim.reason.low_trust",
    "sim.reason.approval_slow",
    "sim.reason.tension",
    "sim.reason.not_worth_it",
    "sim.reason.stretched",
    "sim.reason.carries_alone",
    "sim.reason.cannot_afford",
    "sim.reason.cannot_spare_staff",
    "sim.reason.too_costly_staff",
    "sim.reason.dispute",
    "sim.reason.term_done",
    "sim.reason.left",
    "sim.reason.released",
    "sim.log.dialogue",
    "sim.log.dialogue_calm",
}


def _first_str(args: list[ast.expr], pos: int) -> str | None:
    if len(args) > pos and isinstance(args[pos], ast.Constant) and isinstance(args[pos].value, str):
        return args[pos].value
    return None


def sim_keys() -> set[str]:
    keys = set(DYNAMIC)
    for path in [*SIM_DIR.glob("*.py"), GAME_DIR / "sessions.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "log":
                key = _first_str(node.args, 1)
                if key:
                    keys.add(f"sim.log.{key}")
            elif name == "Impossible":
                key = _first_str(node.args, 0)
                if key:
                    keys.add(f"sim.impossible.{key}")
            elif name == "reason":
                key = _first_str(node.args, 0)
                if key:
                    keys.add(f"sim.reason.{key}")
            elif name == "SessionError":
                key = _first_str(node.args, 0)
                if key:
                    keys.add(f"sim.session.{key}")
            elif name == "_spend":
                key = _first_str(node.args, 3)
                if key:
                    keys.add(f"sim.impossible.{key}")
    return keys


if __name__ == "__main__":
    for k in sorted(sim_keys()):
        print(k)
