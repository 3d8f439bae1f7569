"""Where the bundled scenarios and assets are, whether installed from a wheel or run from source.

The wheel copies the top-level `scenarios/` and `assets/` folders into `game/_bundled/`; a
source checkout or an editable install reads them from the repository root instead.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """Return the folder of bundled `scenarios` or `assets`."""
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    source = _PACKAGE_DIR.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"bundled folder {name!r} not found next to {_PACKAGE_DIR}")


def scenarios_dir() -> Path:
    return bundled_dir("scenarios")


def assets_dir() -> Path:
    return bundled_dir("assets")
