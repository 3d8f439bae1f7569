"""Kill the game with SIGKILL at random moments, resume it, and check nothing played is lost.

Run from the repository root (about three minutes for 50 kills):

    python benchmarks/resilience.py [--kills 50] [--seed 1] [--scenario sekolah-hijau]

Each cycle starts the real game process, `kolaborasi play --autoplay` under the dummy video
driver (teams' turns played by a policy, months advancing on their own, autosaving as in a
workshop, now and then an inject or an undo from the facilitator panel), resuming the session
the previous cycle left; after a random delay it sends SIGKILL. The game saves after every move
and turn. Then it checks the session file:

- it parses as a whole (never half-written) and its backup does too;
- `Session.load` replays it to the month and the number of commands its header states;
- it holds what the process last reported saved (`{"ev": "saved"}` lines on stdout: month and
  number of commands), or, when the kill came between "pending" and "saved", what that save
  was writing: no move the game had saved is lost.

A finished game starts a new one. The script prints one line per kill and a summary, and exits
with 1 if any kill lost or damaged something. `tests/test_resilience.py` runs five kills.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Kill:
    """What one cycle did and what the file held after the kill."""

    n: int
    delay: float
    resumed_from: int | None  # month of the file at the start, None for a new game
    saved: int | None = None  # month of the last save the process reported
    pending: int | None = None  # month of a save that had begun when it was killed
    saved_commands: int | None = None  # commands in that last reported save
    file_month: int | None = None
    loaded_month: int | None = None
    finished: bool = False
    exited_early: bool = False  # the game ended (debrief) before the kill
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _reader(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


def _events(lines: list[str]) -> list[dict]:
    out = []
    for line in lines:
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # the last line may be cut by the kill
    return out


def _environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        KOLABORASI_DATA_DIR=str(folder),
        PYGAME_HIDE_SUPPORT_PROMPT="1",
        PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    return env


def one_kill(
    n: int,
    folder: Path,
    path: Path | None,
    delay: float,
    seed: int,
    scenario: str,
) -> tuple[Kill, Path | None]:
    """Start (or resume) the game, kill it after `delay` seconds, check the file."""
    from game.sessions import read_header
    from game.sim.session import Session, SessionError

    resumed = None
    args = [sys.executable, "-m", "game", "--lang", "id", "play", "--autoplay", str(seed)]
    start: tuple[int, int] | None = None
    if path is not None:
        header = read_header(path)
        resumed = int(header["month"])
        start = (resumed, len(header["commands"]))
        args += ["--resume", str(path)]
    else:
        args += [scenario]
    lines: list[str] = []
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_environment(folder),
        cwd=folder,
    )
    reader = threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True)
    reader.start()
    kill = Kill(n, round(delay, 2), resumed)
    try:
        proc.wait(timeout=delay)
        kill.exited_early = True
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    finally:  # also when the harness itself is interrupted: never leave the game running
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    reader.join(timeout=5)
    # What the file may hold: (month, number of commands) of the last save, or the pending one.
    expected: set[tuple[int, int]] | None = {start} if start is not None else set()
    pending: tuple[int, int] | None = None
    for ev in _events(lines):
        if ev.get("ev") in ("session", "saved") and ev.get("path"):
            path = Path(ev["path"])
        if ev.get("ev") == "pending":
            kill.pending = int(ev["month"])
            pending = (kill.pending, int(ev["commands"]))
        elif ev.get("ev") == "saved":
            kill.saved, kill.pending = int(ev["month"]), None
            kill.saved_commands, pending = int(ev["commands"]), None
            expected = {(kill.saved, kill.saved_commands)}
    if pending is not None:
        expected.add(pending)
    if path is None:
        # No event reached us (killed early, or the pipe lost it): still check any file the
        # game wrote, so a kill can never pass unexamined.
        found = sorted(
            (folder / "sessions").glob("*.kolaborasi.json"), key=lambda p: p.stat().st_mtime
        )
        if found:
            path = found[-1]
            expected = None  # we cannot know which month it reached; check it is sound
    if path is None or not path.exists():
        if kill.saved is not None:
            kill.problems.append("the saved session file is missing")
        return kill, None  # killed before the new game's first save: nothing to lose
    try:
        header = read_header(path)
    except SessionError as exc:
        kill.problems.append(f"file unreadable after the kill: {exc}")
        return kill, path
    kill.file_month = int(header["month"])
    kill.finished = bool(header.get("finished"))
    commands = header["commands"]
    backup = path.with_name(path.name + ".bak")
    if backup.exists():
        try:
            read_header(backup)
        except SessionError as exc:
            kill.problems.append(f"backup unreadable: {exc}")
    try:
        session = Session.load(path)
    except SessionError as exc:
        kill.problems.append(f"Session.load failed: {exc}")
        return kill, path
    kill.loaded_month = session.world.month
    if session.world.month != kill.file_month or len(session.commands) != len(commands):
        kill.problems.append("replay does not match the header")
    held = (kill.file_month, len(commands))
    if expected is not None and expected and held not in expected:
        kill.problems.append(f"file holds (month, commands) {held}, last saved {expected}")
    return kill, (None if kill.finished else path)


def run(
    kills: int,
    folder: Path,
    *,
    seed: int = 1,
    scenario: str = "sekolah-hijau",
    delays: tuple[float, float] = (0.3, 6.0),
    report=None,
) -> list[Kill]:
    """Cycles until `kills` of them ended in a SIGKILL (a game may end before its kill)."""
    rng = random.Random(seed)  # the harness's own dice; the game's world never sees them
    path: Path | None = None
    results: list[Kill] = []
    while sum(not k.exited_early for k in results) < kills and len(results) < 3 * kills:
        delay = rng.uniform(*delays)
        n = len(results) + 1
        kill, path = one_kill(n, folder, path, delay, rng.randrange(1 << 30), scenario)
        results.append(kill)
        if report is not None:
            report(kill)
    return results


def stray_temp_files(folder: Path) -> int:
    return len(list((folder / "sessions").glob(".*.tmp"))) if (folder / "sessions").exists() else 0


def describe(kill: Kill) -> str:
    start = "new game" if kill.resumed_from is None else f"resumed month {kill.resumed_from}"
    end = "game ended first" if kill.exited_early else f"killed after {kill.delay:.2f}s"
    saved = "-" if kill.saved is None else f"{kill.saved} ({kill.saved_commands} moves)"
    pending = ", a save under way" if kill.pending is not None else ""
    result = "OK" if kill.ok else "FAIL: " + "; ".join(kill.problems)
    return (
        f"#{kill.n:>2}  {start:<17} {end:<22} reported saved month {saved}{pending}"
        f"  → file month {kill.file_month}  {result}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenario", default="sekolah-hijau")
    parser.add_argument("--min-delay", type=float, default=0.3)
    parser.add_argument("--max-delay", type=float, default=6.0)
    parser.add_argument("--keep", metavar="DIR", help="use this data folder and keep it")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="kolaborasi-resilience-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = run(
        args.kills,
        folder,
        seed=args.seed,
        scenario=args.scenario,
        delays=(args.min_delay, args.max_delay),
        report=None if args.json else lambda k: print(describe(k), flush=True),
    )
    elapsed = time.monotonic() - started
    good = sum(k.ok for k in results)
    killed = [k for k in results if not k.exited_early]
    mid_save = sum(1 for k in killed if k.pending is not None)
    summary = {
        "kills": len(killed),
        "cycles": len(results),
        "reopened_with_every_saved_move": good,
        "killed_with_a_save_under_way": mid_save,
        "games_finished": sum(k.finished for k in results),
        "stray_temp_files": stray_temp_files(folder),
        "seconds": round(elapsed, 1),
        "data_folder": str(folder),
    }
    if args.json:
        print(json.dumps({"summary": summary, "kills": [asdict(k) for k in results]}, indent=1))
    else:
        print(
            f"\n{good}/{len(results)} cycles reopened with every move saved before the kill "
            f"({len(killed)} SIGKILLs, {mid_save} while a save was under way; "
            f"{summary['games_finished']} games finished; "
            f"{summary['stray_temp_files']} stray temporary files) in {elapsed:.0f} s."
        )
    return 0 if good == len(results) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
