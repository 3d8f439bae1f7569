"""The scenarios that ship with the game: listing them, and resolving `id or path` references.

Nothing is cached: the folder holds a handful of small files, and reading them afresh means a
facilitator who edits a bundled scenario sees the change at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.i18n import Msg
from game.resources import scenarios_dir
from game.scenario.errors import Problem, ScenarioError, ScenarioNotFound
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.schema import LocalText

FALLBACK_DEFAULT_ID = "sekolah-hijau"


@dataclass(frozen=True)
class ScenarioInfo:
    """What a menu or `kolaborasi list` shows about a bundled scenario."""

    id: str
    title: LocalText
    summary: LocalText
    months: int
    organisations: int
    players: tuple[str, ...]
    path: Path
    default: bool


def bundled_scenarios() -> list[ScenarioInfo]:
    """Every valid bundled scenario, the default first, then by id.

    A broken file is left out rather than breaking the list; `kolaborasi validate` and the
    test suite are where it gets reported.
    """
    loaded: list[LoadedScenario] = []
    for path in sorted(scenarios_dir().glob("*.yaml")):
        try:
            loaded.append(load_scenario(path))
        except ScenarioError:
            continue
    marked = [item.scenario.meta.id for item in loaded if item.scenario.meta.default]
    default_id = marked[0] if marked else FALLBACK_DEFAULT_ID
    infos = [_info(item, item.scenario.meta.id == default_id) for item in loaded]
    return sorted(infos, key=lambda info: (not info.default, info.id))


def default_scenario() -> ScenarioInfo:
    """The scenario the game opens when none is named."""
    infos = bundled_scenarios()
    if not infos:
        raise _not_found(FALLBACK_DEFAULT_ID, [])
    return infos[0]


def resolve_scenario(ref: str | Path) -> Path:
    """A path to an existing file as given, else the bundled scenario with that id, else the
    path as given if it exists (a folder: the loader then says it is one).

    A folder can never be a scenario, so a folder that shares a bundled id (a `tutorial/`
    folder of handouts where the facilitator types `kolaborasi play tutorial`) does not hide
    the bundled scenario; `./tutorial` or `tutorial/` still names the folder.
    """
    path = Path(ref)
    if path.exists() and not path.is_dir():
        return path
    name = str(ref)
    infos: list[ScenarioInfo] = []
    if "/" not in name and "\\" not in name:
        by_file_name = scenarios_dir() / f"{name}.yaml"
        if by_file_name.is_file():
            return by_file_name
        infos = bundled_scenarios()
        for info in infos:
            if info.id == name:
                return info.path
    if path.exists():
        return path
    raise _not_found(name, [info.id for info in infos or bundled_scenarios()])


def _info(item: LoadedScenario, default: bool) -> ScenarioInfo:
    scenario = item.scenario
    return ScenarioInfo(
        id=scenario.meta.id,
        title=scenario.meta.title,
        summary=scenario.meta.summary,
        months=scenario.meta.months,
        organisations=len(scenario.organisations),
        players=tuple(scenario.players),
        path=item.path,
        default=default,
    )


def _not_found(ref: str, ids: list[str]) -> ScenarioNotFound:
    """Say "file not found" for what looks like a path, else "no such file or id"."""
    params = {"ref": ref, "ids": ", ".join(ids) or "-"}
    looks_like_path = Path(ref).suffix.lower() in (".yaml", ".yml") or any(
        sep in ref for sep in "/\\"
    )
    key = "scenario.catalog.no_file" if looks_like_path else "scenario.catalog.not_found"
    here = next((f"{ref}{ext}" for ext in (".yaml", ".yml") if Path(f"{ref}{ext}").is_file()), None)
    if here is not None and not looks_like_path:  # `simulate air-bersih` for air-bersih.yaml
        params["file"] = here
        key = "scenario.catalog.not_found_file_here"
    problem = Problem(
        file=ref,
        line=None,
        column=None,
        field="",
        message=Msg(key, params),
        hint=Msg(key + ".hint", params),
    )
    return ScenarioNotFound([problem])
