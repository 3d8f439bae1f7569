"""A session is its record: (scenario, seed, who controls whom, the ordered player commands).

Everything else — the world, its history, the debrief — is rebuilt by replaying the record,
which is what saving, resuming, undo and moving a session between laptops rest on. The
session file embeds the scenario's YAML text, so it opens on a laptop that lacks the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import __version__
from game.i18n import Msg
from game.scenario.schema import Scenario
from game.sim.commands import Command, EndMonth, command_from_json
from game.sim.errors import Impossible
from game.sim.world import ENGINE, World
from game.storage import os_error_reason

if TYPE_CHECKING:
    from game.scenario import ScenarioError

SESSION_FORMAT = "kolaborasi-session"
NUMBERS_YAML12 = "yaml-1.2"  # how the embedded scenario's plain numbers are read
SESSION_VERSION = 1
MAX_SESSION_BYTES = 50 * 1024 * 1024


class SessionError(Exception):
    """A session file cannot be read; `reason` is translatable."""

    def __init__(self, key: str, **params: Any) -> None:
        self.reason = Msg(f"sim.session.{key}", params)
        super().__init__(f"{key}: {params}")

    @classmethod
    def carrying(cls, reason: Msg) -> SessionError:
        """The error for a problem found earlier (the listing's), said the same way."""
        return cls(reason.key.removeprefix("sim.session."), **reason.params)


class Session:
    """The record and the world replayed from it."""

    def __init__(
        self,
        scenario: Scenario,
        scenario_text: str,
        *,
        seed: int | None = None,
        months: int | None = None,
        controllers: Mapping[str, str] | None = None,
        teams: Mapping[str, str] | None = None,
        session_id: str | None = None,
        created: float | None = None,
        yaml11_numbers: bool = False,
        engine: int = ENGINE,
    ) -> None:
        self.scenario = scenario
        self.scenario_text = scenario_text
        self.seed = scenario.meta.seed if seed is None else int(seed)
        self.months = months
        self.controllers = dict(controllers or {})
        self.teams = dict(teams or {})
        self.id = session_id or new_session_id(scenario.meta.id)
        self.created = created if created is not None else time.time()
        self.commands: list[Command] = []
        # Saved before the loader read numbers as YAML 1.2: its scenario is read as then.
        self.yaml11_numbers = yaml11_numbers
        self.engine = engine  # the rules revision it is played under (see world.ENGINE)
        # Whose turn it is within the month, kept for the window's hot-seat, and the room's
        # settings (the facilitator's PIN as a salted digest, the countdown). Opaque here:
        # neither enters the record, and the window checks them when it reads them back.
        self.turns: dict[str, Any] | None = None
        self.room: dict[str, Any] | None = None
        self.world = self._fresh_world()

    def _fresh_world(self) -> World:
        return World(
            self.scenario,
            self.seed,
            months=self.months,
            controllers=self.controllers,
            engine=self.engine,
        )

    # --- play -----------------------------------------------------------------------------
    def apply(self, command: Command) -> Any:
        """Apply to the world and, if legal, append to the record."""
        result = self.world.apply(command)
        self.commands.append(command)
        return result

    def replay(self, commands: list[Command]) -> None:
        """Rebuild the world from scratch by replaying `commands`."""
        self.world = self._fresh_world()
        self.commands = []
        for cmd in commands:
            self.apply(cmd)

    def undo_month(self) -> bool:
        """Go back to the start of the last completed month, dropping its commands."""
        ends = [i for i, c in enumerate(self.commands) if isinstance(c, EndMonth)]
        if not ends:
            if not self.commands:
                return False
            self.replay([])
            return True
        keep = ends[-2] + 1 if len(ends) >= 2 else 0
        self.replay(self.commands[:keep])
        return True

    def undo_command(self) -> bool:
        """Take back the last command of the current month."""
        if not self.commands or isinstance(self.commands[-1], EndMonth):
            return False
        self.replay(self.commands[:-1])
        return True

    # --- files ----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        meta = self.scenario.meta
        return {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "app_version": __version__,
            "engine": self.engine,
            "id": self.id,
            "created": round(self.created, 3),
            "saved": round(time.time(), 3),
            "scenario": {
                "id": meta.id,
                "title": _plain(meta.title),
                "sha256": hashlib.sha256(self.scenario_text.encode("utf-8")).hexdigest(),
                "yaml": self.scenario_text,
                **({} if self.yaml11_numbers else {"numbers": NUMBERS_YAML12}),
            },
            "seed": self.seed,
            # The length played, even when it is the scenario's own: `sessions --json` said null.
            "months": self.months or self.world.months,
            "controllers": self.controllers,
            "teams": self.teams,
            "month": self.world.month,
            "finished": self.world.finished,
            "commands": [c.to_json() for c in self.commands],
            **({"turns": self.turns} if self.turns is not None else {}),
            **({"room": self.room} if self.room else {}),
        }

    def save(self, path: str | Path) -> Path:
        """Write atomically, keeping the previous file as `<name>.bak`."""
        return write_atomic(Path(path), json.dumps(self.to_json(), ensure_ascii=False, indent=1))

    @classmethod
    def from_json(cls, data: Any, *, source: str = "<session>") -> Session:
        check_header(data, source)
        session = cls._from_record(data, source)
        session.replay_checked(_commands(data["commands"], source), source)
        turns, room = data.get("turns"), data.get("room")
        session.turns = turns if isinstance(turns, dict) else None
        session.room = room if isinstance(room, dict) else None
        return session

    @classmethod
    def _from_record(cls, data: dict[str, Any], source: str) -> Session:
        """The session before its commands; every field a hand edit can spoil is checked here,
        so the error names the field instead of quoting Python."""
        from game.scenario import ScenarioError, load_scenario_text

        text = data["scenario"].get("yaml")
        if not isinstance(text, str):
            raise _missing_or_bad(data["scenario"], "yaml", source)
        session_id = data.get("id")
        if session_id is not None and not (
            isinstance(session_id, str) and valid_session_id(session_id)
        ):
            raise bad_field(source, "id", session_id)
        # A session without the mark was saved when scenarios' numbers were read as YAML 1.1
        # (`010` eight): it replays with the values it was played with.
        yaml11 = data["scenario"].get("numbers") != NUMBERS_YAML12
        try:
            loaded = load_scenario_text(text, name=f"{source}#scenario", yaml11_numbers=yaml11)
        except ScenarioError as exc:
            raise SessionError("bad_scenario", file=source, detail=_first_problem(exc)) from exc
        engine = data.get("engine", 1)  # saved before the mark: the first rules
        if not isinstance(engine, int) or isinstance(engine, bool) or engine < 1:
            raise bad_field(source, "engine", engine)
        if engine > ENGINE:
            raise SessionError("newer_engine", file=source, app=str(data.get("app_version", "?")))
        try:
            return cls(
                loaded.scenario,
                text,
                seed=_seed(data, source),
                months=_months(data.get("months"), source),
                controllers=_text_map(data, "controllers", source),
                teams=_text_map(data, "teams", source),
                session_id=session_id or new_session_id(loaded.scenario.meta.id),
                created=_created(data.get("created"), source),
                yaml11_numbers=yaml11,
                engine=engine,
            )
        except Impossible as exc:  # controllers naming an organisation the scenario lacks
            raise damaged(source, exc.reason) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a value checked nowhere
            raise damaged(source, detail("unusable")) from exc

    def replay_checked(self, commands: list[Command], source: str) -> None:
        self.world = self._fresh_world()
        self.commands = []
        for n, cmd in enumerate(commands, 1):
            try:
                self.apply(cmd)
            except Impossible as exc:
                raise SessionError("replay_failed", file=source, n=n, detail=exc.reason) from exc
            except (TypeError, ValueError, KeyError, AttributeError) as exc:  # hand-edited
                raise SessionError(
                    "replay_failed", file=source, n=n, detail=detail("unusable")
                ) from exc

    @classmethod
    def load(cls, path: str | Path) -> Session:
        path = Path(path)
        return cls.from_json(read_record(path), source=str(path))


# --- reading session files: every failure says in words what is wrong and what to do --------
# Fields a hand edit can spoil, named in words by `sim.session.field.<name>`.
FIELDS = ("scenario", "yaml", "id", "seed", "months", "controllers", "teams", "created")
FIELDS += ("commands", "title", "month", "saved")  # the last three: the listing's header
FIELDS += ("engine",)


def detail(key: str, **params: Any) -> Msg:
    """What exactly is wrong inside a session file, in words: the `detail` of an error."""
    return Msg(f"sim.session.detail.{key}", params)


def damaged(file: str, what: Msg) -> SessionError:
    """A damaged file's error; it suggests the backup only when there is one to try."""
    if Path(file + ".bak").is_file():
        return SessionError("damaged", file=file, detail=what)
    return SessionError("damaged_no_backup", file=file, detail=what)


def bad_field(file: str, name: str, value: Any) -> SessionError:
    """A field holding something the game cannot use: named in words, with what it holds."""
    shown = json.dumps(value, ensure_ascii=False, default=str)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return damaged(file, detail("bad_value", field=Msg(f"sim.session.field.{name}"), value=shown))


def _missing_or_bad(data: Mapping[str, Any], name: str, file: str) -> SessionError:
    if name not in data:
        return damaged(file, detail("missing", field=Msg(f"sim.session.field.{name}")))
    return bad_field(file, name, data[name])


def read_record(path: Path) -> Any:
    """The JSON inside a session file, not yet checked; `SessionError` if it cannot be read."""
    try:
        if path.stat().st_size > MAX_SESSION_BYTES:
            raise SessionError("too_big", file=str(path))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SessionError("missing", file=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise damaged(str(path), detail("not_text")) from exc
    except OSError as exc:
        raise SessionError("unreadable", file=str(path), detail=os_error_reason(exc)) from exc
    try:
        return json.loads(text)
    except RecursionError as exc:  # nested thousands deep: no session is, so it is damage
        raise damaged(str(path), detail("unusable")) from exc
    except json.JSONDecodeError as exc:
        if _looks_like_scenario(path, text):  # `debrief desa.yaml`: say what to do instead
            raise SessionError("scenario_file", file=str(path)) from exc
        raise damaged(str(path), detail("broken_text", line=exc.lineno)) from exc


def _looks_like_scenario(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".yaml", ".yml") or bool(
        re.search(r"(?m)^(meta|organisations|domains)\s*:", text)
    )


def check_header(data: Any, source: str) -> dict[str, Any]:
    """The parts every reader relies on (format, version, scenario, commands), or the error."""
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise SessionError("not_a_session", file=source)
    if data.get("version") != SESSION_VERSION:
        raise SessionError(
            "wrong_version", file=source, found=data.get("version"), expected=SESSION_VERSION
        )
    for name, kind in (("scenario", dict), ("commands", list)):
        if not isinstance(data.get(name), kind):
            raise _missing_or_bad(data, name, source)
    return data


def _first_problem(exc: ScenarioError) -> Msg:
    """The embedded scenario's first problem in words (not the loader's summary of keys),
    and how many more there are."""
    problems = exc.errors or exc.problems
    if not problems:
        return detail("unusable")
    first = problems[0]
    said = first.message
    if first.field:
        said = detail("scenario_field", field=first.field, problem=said)
    return detail("scenario_more", problem=said, more=len(problems) - 1) if problems[1:] else said


def _seed(data: Mapping[str, Any], source: str) -> int:
    if "seed" not in data:
        raise _missing_or_bad(data, "seed", source)
    value = data["seed"]
    try:
        seed = int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise bad_field(source, "seed", value) from exc
    if seed < 0 or isinstance(value, bool):  # the random generator takes no negative seed
        raise bad_field(source, "seed", value)
    return seed


def _months(value: Any, source: str) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return value
    raise bad_field(source, "months", value)


def _created(value: Any, source: str) -> float:
    try:
        return float(value or time.time())
    except (TypeError, ValueError) as exc:
        raise bad_field(source, "created", value) from exc


def _commands(items: list[Any], source: str) -> list[Command]:
    commands = []
    for n, item in enumerate(items, 1):
        try:
            commands.append(command_from_json(item))
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise damaged(source, detail("bad_command", n=n)) from exc
    return commands


SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")


def new_session_id(scenario_id: str) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime())
    return f"{scenario_id}-{stamp}-{os.urandom(4).hex()}"


def valid_session_id(session_id: str) -> bool:
    """An id is also a file name in the sessions folder: letters, digits, `.`, `_`, `-`."""
    return bool(SESSION_ID.fullmatch(session_id)) and ".." not in session_id


def write_atomic(path: Path, text: str) -> Path:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:  # bytes as given
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _keep_backup(path: Path) -> None:
    """Keep the previous version as `<name>.bak`; the main file never disappears meanwhile."""
    bak = path.with_name(path.name + ".bak")
    staging = path.with_name(path.name + ".bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(path, staging)
    except OSError:
        shutil.copy2(path, staging)
    os.replace(staging, bak)


def _text_map(data: Mapping[str, Any], name: str, source: str) -> dict[str, str]:
    """A {id: text} mapping from a session file; anything else there is damage."""
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise bad_field(source, name, value)
    return dict(value)


def _plain(text: Any) -> Any:
    return text if isinstance(text, str) else {k: v for k, v in text.model_dump().items() if v}
