"""Frame time of the debrief screen at 1280×720, page by page, and while a report is written.

Run from the repository root:

    SDL_VIDEODRIVER=dummy python benchmarks/ui_debrief.py [--frames 120] [--lang id] [--scenario ID]

It plays the largest bundled scenario (or the one named) to its end (the teams' seats run by
the collaborative policy, with team names, so every chart and chain has something in it), opens
the debrief screen, confirms the reveal, then visits every page: the first frame of a page
paints it (timed on its own), the next frames scroll it with the mouse wheel and move the mouse.
It prints p50 and p99 of those frames, the slowest first frame, and the frames drawn while
"Export report" writes the real HTML report in its background thread. Target: p99 ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def finished_session(scenario_id: str | None):
    from benchmarks.ui_frame import largest_scenario
    from game.scenario import bundled_scenarios, load_scenario
    from game.sim.commands import EndMonth
    from game.sim.session import Session

    if scenario_id:
        info = next(i for i in bundled_scenarios() if i.id == scenario_id)
    else:
        info = largest_scenario()
    loaded = load_scenario(info.path)
    players = loaded.scenario.players
    session = Session(
        loaded.scenario,
        info.path.read_text(encoding="utf-8"),
        controllers={org: "collaborative" for org in players},
        teams={org: f"Tim {k}" for k, org in enumerate(players, 1)},
    )
    while not session.world.finished:
        session.apply(EndMonth())
    return info.id, session


def timed(app, frames: int, page_h: int, moves: bool = True) -> list[float]:
    import pygame

    times = []
    for n in range(frames):
        if moves:
            pos = (200 + (n * 37) % 900, 200 + (n * 23) % 400)
            motion = {"pos": pos, "rel": (0, 0), "buttons": (0, 0, 0)}
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, motion))
            wheel = -1 if (n // 20) % 2 == 0 else 1
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, {"x": 0, "y": wheel}))
        t0 = time.perf_counter()
        app.step(1 / 60)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=120, help="frames timed on each page")
    parser.add_argument("--lang", default="id", choices=["id", "en"])
    parser.add_argument("--scenario", help="a bundled scenario's id (default: the largest)")
    args = parser.parse_args()
    os.environ.setdefault("KOLABORASI_DATA_DIR", tempfile.mkdtemp(prefix="kolaborasi-bench-"))

    from game.ui.app import App
    from game.ui.scenes.debrief import ORDER, DebriefScene

    scenario, session = finished_session(args.scenario)
    app = App(args.lang, size=(1280, 720), intro=False)
    t0 = time.perf_counter()
    scene = DebriefScene(app, session)
    app.push(scene)
    app.step(1 / 60)
    opened = (time.perf_counter() - t0) * 1000
    scene.reveal()
    steady: list[float] = []
    first: dict[str, float] = {}
    for _tab, page in ORDER:
        scene.show(page)
        t0 = time.perf_counter()
        app.step(1 / 60)
        first[page] = (time.perf_counter() - t0) * 1000
        steady += timed(app, args.frames, scene.view.content_height)
    scene.show("summary")
    app.step(1 / 60)
    scene.export_report()
    exporting: list[float] = []
    while not scene.job.done:
        exporting += timed(app, 1, 0)
    app.step(1 / 60)
    report = scene.job.path or app.t.msg(scene.job.error)
    app.close()

    print(f"scenario: {scenario}, 1280x720, language {args.lang}, {len(ORDER)} pages")
    print(f"screen opened (debrief built, first page painted): {opened:.1f} ms")
    print(f"frames with scrolling and mouse moves: {len(steady)}")
    print(f"  frame time p50: {statistics.median(steady):.2f} ms")
    print(f"  frame time p99: {percentile(steady, 99):.2f} ms")
    print(f"  frame time max: {max(steady):.2f} ms")
    slowest = max(first, key=first.get)
    print(f"first frame of a page (paints it once): max {first[slowest]:.1f} ms ({slowest}), ")
    print("  " + ", ".join(f"{p} {ms:.0f}" for p, ms in first.items()))
    if exporting:
        print(
            f"while the report was written ({len(exporting)} frames): "
            f"p50 {statistics.median(exporting):.2f} ms, p99 {percentile(exporting, 99):.2f} ms, "
            f"max {max(exporting):.2f} ms"
        )
    print(f"report: {report}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    raise SystemExit(main())
