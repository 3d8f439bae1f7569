"""`kolaborasi play --autoplay [SEED]`: the real game window plays itself.

Hidden from `--help`; it exists for the resilience test (kill the game at random moments and
check that it always reopens with every move it had saved) and for soak runs. Each frame the
driver looks at the screen on top and does one thing a person would: begin on the start screen,
read the hand-over, take one action on the main screen (an enabled action with the form's
fields chosen at random, an answer to a proposal, now and then a proposal), end the turn, read
the month summary. Now and then it is the facilitator: it fires or schedules an inject from the
panel, or undoes the last month. It goes through the same scenes, forms, `flow` and `Match` as a
person's clicks, so months are autosaved exactly as in a workshop.

Teams' choices come from the driver's own seeded generator, never the world's: the commands it
sends are what enters the record, and replay does not depend on how they were chosen.

One JSON line per event goes to stdout, flushed at once, so a harness that kills the process
knows what the file may hold: `{"ev": "pending", "month": m, "commands": n}` just before each
write of the session (the game saves after every move and turn), `{"ev": "saved", ...}` with
the same figures after it, `{"ev": "session", ...}` when a session is open and
`{"ev": "finished"}` at the debrief.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import numpy as np

from game.scenario.schema import Model
from game.sim.commands import EndMonth, ProposePartnership, Respond
from game.sim.state import Contribution
from game.ui.actions import ACTIONS, Choice, Ctx, blocked_reason, make_form

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.match import Match
    from game.ui.scenes.main import MainScene

# How often the driver plays the facilitator, per month, at the first team's turn.
FIRE_CHANCE = 0.10
SCHEDULE_CHANCE = 0.10
UNDO_CHANCE = 0.06
PROPOSE_CHANCE = 0.15
MAX_TRIES = 6  # attempts per turn before ending it (refused commands count)


class Autoplay:
    """The frame hook that plays the game; `app.frame_hook = Autoplay(app, seed)`."""

    def __init__(self, app: App, seed: int = 0, out: Any = None) -> None:
        self.app = app
        self.rng = np.random.default_rng(seed)
        self.out = out or sys.stdout
        self.match: Match | None = None
        self.tries = 0
        self.in_turn = False  # whether the current team's turn has begun
        self.facilitated: set[int] = set()  # months in which the facilitator already acted

    def __call__(self) -> None:
        from game.ui.scenes.debrief import DebriefScene
        from game.ui.scenes.facilitator import FacilitatorScene
        from game.ui.scenes.handover import HandoverScene
        from game.ui.scenes.main import MainScene
        from game.ui.scenes.month_summary import MonthSummaryScene
        from game.ui.scenes.start import StartScene

        app = self.app
        scene = app.scene
        if app.facilitator.paused:
            app.facilitator.paused = False
        if isinstance(scene, StartScene):
            self._begin(scene)
        elif isinstance(scene, FacilitatorScene):
            scene.close()
        elif isinstance(scene, HandoverScene):
            self._seen(scene.match)
            scene.go()
        elif isinstance(scene, MainScene):
            self._seen(scene.match)
            self._play(scene)
        elif isinstance(scene, MonthSummaryScene):
            scene.next()
        elif isinstance(scene, DebriefScene):
            self.emit("finished")
            app.quit()

    # --- reporting -------------------------------------------------------------------------
    def emit(self, ev: str, **data: Any) -> None:
        self.out.write(json.dumps({"ev": ev, **data}) + "\n")
        self.out.flush()

    def _save_event(self, match: Match, what: str) -> None:
        """Match's save hook: before and after every write of the session file."""
        if what == "failed":
            self.emit("save_failed", detail=match.save_error)
            return
        self.emit(
            what,
            month=match.world.month,
            finished=match.world.finished,
            commands=len(match.session.commands),
            path=str(match.path),
        )

    def _seen(self, match: Match) -> None:
        if match is not self.match:
            self.match = match
            match.on_save = self._save_event
            self.emit("session", path=str(match.path), month=match.world.month)
            self._save_event(match, "saved")  # what the file holds now

    # --- screens ---------------------------------------------------------------------------
    def _begin(self, scene: Any) -> None:
        if scene.dialogs:  # a problem or a failed resume: say it and start afresh
            scene.dialogs[-1].close()
        self.emit("pending", month=1, commands=0)  # the new game's first save
        scene.begin()
        match = getattr(self.app.scene, "match", None)
        if match is not None:
            self._seen(match)

    def _play(self, scene: MainScene) -> None:
        while scene.dialogs:
            scene.dialogs[-1].close()
        match = scene.match
        world = match.world
        if not self.in_turn:
            self.in_turn, self.tries = True, 0
            if match.seat.index == 0 and world.month not in self.facilitated:
                self.facilitated.add(world.month)
                if self._facilitate(match):
                    return
        incoming = [p for p in world.proposals if p.awaits(match.org.idx)]
        if incoming and self.tries < MAX_TRIES:
            self.tries += 1
            answer = "accept" if self.rng.random() < 0.6 else "reject"
            scene.apply(Respond(match.org.id, incoming[0].id, answer))
            return
        if match.org.agenda > 0 and self.tries < MAX_TRIES:
            self.tries += 1
            command = self._choose(scene)
            if command is not None:
                scene.apply(command)
            return
        self._end_turn(match)

    def _end_turn(self, match: Match) -> None:
        from game.ui.flow import end_turn

        end_turn(self.app, match)
        self.in_turn = False

    # --- a team's choice -------------------------------------------------------------------
    def _choose(self, scene: MainScene) -> Any:
        match, world = scene.match, scene.match.world
        org = match.org
        others = [o for o in world.orgs if o.idx != org.idx]
        if self.rng.random() < PROPOSE_CHANCE and others:
            return self._proposal(match, others[int(self.rng.integers(len(others)))].id)
        live = [p.id for p in world.partnerships_of(org.idx) if p.is_live]
        ctx = Ctx(
            world,
            self.app.t,
            org,
            others[int(self.rng.integers(len(others)))].id if others else None,
            live[int(self.rng.integers(len(live)))] if live else None,
        )
        usable = [a for a, _, _ in ACTIONS if a != "propose" and not blocked_reason(a, ctx)]
        if not usable:
            return None
        spec = make_form(usable[int(self.rng.integers(len(usable)))], ctx)
        if spec.blocked:
            return None
        values = spec.defaults()
        for field in spec.fields:
            if isinstance(field, Choice) and field.options:
                values[field.name] = field.options[int(self.rng.integers(len(field.options)))][0]
        try:
            return spec.build(values)
        except (KeyError, TypeError, ValueError):
            return None

    def _proposal(self, match: Match, partner: str) -> ProposePartnership:
        world, org = match.world, match.org
        domain = world.domain_ids[int(np.argmax(org.mission))]
        models = list(Model)
        return ProposePartnership(
            org.id,
            (partner,),
            models[int(self.rng.integers(len(models)))],
            ((domain, 1.0),),
            (Contribution(org.id, 1.0, 1), Contribution(partner, 1.0, 1)),
            6,
        )

    # --- the facilitator -------------------------------------------------------------------
    def _facilitate(self, match: Match) -> bool:
        """Maybe act as the facilitator through the panel; True if the screen changed."""
        from game.ui.scenes.facilitator import FacilitatorScene

        roll = self.rng.random()
        world = match.world
        injects = world.scenario.injects
        ends = sum(1 for c in match.session.commands if isinstance(c, EndMonth))
        if roll < UNDO_CHANCE and ends >= 2:
            self.app.facilitator.toggle_panel()
            panel = self.app.scene
            if not isinstance(panel, FacilitatorScene):
                return False
            panel.undo()
            self.in_turn = False
            return True
        if roll < UNDO_CHANCE + FIRE_CHANCE + SCHEDULE_CHANCE and injects:
            self.app.facilitator.toggle_panel()
            panel = self.app.scene
            if not isinstance(panel, FacilitatorScene):
                return False
            panel.select(injects[int(self.rng.integers(len(injects)))].id)
            if roll < UNDO_CHANCE + FIRE_CHANCE:
                panel.fire()
            else:
                choices = panel.schedule_choices()
                if choices:
                    panel.month = choices[int(self.rng.integers(len(choices)))]
                    panel.schedule()
            panel.close()
            return True
        return False
