"""Frame time of the main screen and time from launch to the first interactive frame.

Run from the repository root:

    SDL_VIDEODRIVER=dummy python benchmarks/ui_frame.py [--frames 600] [--months 12]

It opens the window at 1280×720 (the dummy driver draws off screen), starts the largest
bundled scenario with its default teams, lets the months pass so the map fills with
partnerships, then times frames of the main screen while the mouse moves over the map (hover
rings and tooltips included) and prints p50 and p99. Launch time is measured in a fresh
process, from before `import game` to the end of the first drawn frame of the start screen.
Targets: p99 ≤ 16 ms, launch ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

LAUNCH_CHILD = """
import time, sys
t0 = float(sys.argv[1])
from game.ui.app import App
from game.ui.scenes.start import StartScene
app = App("id")
app.push(StartScene(app))
app.step()
print(time.time() - t0)
"""


def launch_time() -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH_CHILD, repr(start)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "KOLABORASI_DATA_DIR": tempfile.mkdtemp(prefix="kolaborasi-bench-")},
    )
    return float(out.stdout.strip().splitlines()[-1])


def largest_scenario():
    from game.scenario import bundled_scenarios, load_scenario

    def size(info) -> int:
        s = load_scenario(info.path).scenario
        return len(s.organisations) * 100 + len(s.domains) * 10 + len(s.grants)

    return max(bundled_scenarios(), key=size)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def frame_times(frames: int, months: int) -> tuple[str, int, list[float]]:
    import pygame

    from game.ui import flow
    from game.ui.app import App
    from game.ui.scenes.handover import HandoverScene
    from game.ui.scenes.main import MainScene
    from game.ui.scenes.month_summary import MonthSummaryScene
    from game.ui.scenes.start import StartScene

    info = largest_scenario()
    months = max(0, min(months, info.months - 1))  # stay on a month that is still being played
    app = App("id", size=(1280, 720), intro=False)
    start = StartScene(app, scenario=info.path)
    app.push(start)
    app.step()
    start.begin()
    while True:  # let the months pass through the real flow
        scene = app.scene
        if isinstance(scene, HandoverScene):
            scene.go()
        elif isinstance(scene, MonthSummaryScene):
            scene.next()
        elif isinstance(scene, MainScene):
            if scene.world.month > months:
                break
            flow.end_turn(app, scene.match)
        else:
            raise RuntimeError(f"unexpected screen {type(scene).__name__}")
        app.step()
    main = app.scene
    month = main.world.month
    points = main.map.points or [(640, 300)]
    times = []
    for n in range(frames):
        x, y = (
            points[(n // 10) % len(points)]
            if n % 20 < 10
            else (main.layout.map.centerx, main.layout.map.bottom - 20)
        )
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, {"pos": (x, y), "rel": (0, 0), "buttons": (0, 0, 0)}
            )
        )
        t0 = time.perf_counter()
        app.step(1 / 60)
        times.append((time.perf_counter() - t0) * 1000)
    app.close()
    return info.id, month, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--months", type=int, default=12, help="months to play before timing")
    args = parser.parse_args()
    os.environ.setdefault("KOLABORASI_DATA_DIR", tempfile.mkdtemp(prefix="kolaborasi-bench-"))
    launch = launch_time()
    scenario, month, times = frame_times(args.frames, args.months)
    warm = times[30:] or times  # the first frames fill the caches
    print(f"scenario: {scenario}, 1280x720, {len(warm)} frames of the main screen, month {month}")
    print(f"frame time p50: {statistics.median(warm):.2f} ms")
    print(f"frame time p99: {percentile(warm, 99):.2f} ms")
    print(f"frame time max: {max(warm):.2f} ms (first frame after a change: {times[0]:.2f} ms)")
    print(f"launch to first interactive frame: {launch:.2f} s")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    raise SystemExit(main())
