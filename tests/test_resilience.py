"""SIGKILL the real game process mid-play and resume it: nothing completed is ever lost.

Five kills here, so CI stays fast; `python benchmarks/resilience.py` runs fifty.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is a POSIX signal")


def harness():
    spec = importlib.util.spec_from_file_location(
        "resilience", REPO / "benchmarks" / "resilience.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("resilience", module)
    spec.loader.exec_module(module)
    return module


def test_the_session_reopens_with_every_saved_move_after_every_kill(
    tmp_path: Path,
) -> None:
    resilience = harness()
    kills = resilience.run(5, tmp_path, seed=11, delays=(0.8, 3.5))
    assert sum(not k.exited_early for k in kills) == 5
    assert all(k.ok for k in kills), [resilience.describe(k) for k in kills]
    # The kills landed during play: some month was saved before at least one of them, and
    # some kill came with moves of a month in progress saved.
    assert any(k.file_month and k.file_month > 1 for k in kills)
    assert any(k.saved_commands and k.saved_commands > 0 for k in kills)
    assert any(k.resumed_from is not None for k in kills)  # and resumed after a kill
