"""Shared fixtures. Headless first: no test may open a window or an audio device."""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable
from pathlib import Path

import pytest

# A small scenario that is valid and raises no design warning; tests break it on purpose.
MINIMAL_SCENARIO = """\
format: 1
meta:
  id: uji-coba
  title: {id: Uji Coba, en: Trial Run}
  summary:
    id: Skenario kecil untuk pengujian.
    en: A small scenario for tests.
  languages: [id, en]
  months: 12
domains:
  - id: environment
    name: {id: Lingkungan, en: Environment}
    baseline: 30
    target: 60
  - id: education
    name: {id: Pendidikan, en: Education}
    baseline: 40
    target: 70
organisations:
  - id: school
    name: SMP Negeri 1
    sector: education
    policy: player
    mission: {environment: 1, education: 2}
    funds: 20
    staff: 6
  - id: lsm
    name: LSM Hijau
    sector: ngo
    mission: {environment: 2}
    funds: 50
    income: 2
    staff: 8
  - id: dlh
    name: DLH
    sector: government
    policy: bureaucrat
    mission: {environment: 1, education: 1}
    funds: 300
    staff: 12
relations:
  pairs:
    - from: lsm
      to: school
      trust: 0.5
grants:
  - id: csr-fund
    name: {id: Dana CSR, en: CSR fund}
    amount: 100
    approver: dlh
    domains: [environment]
events:
  - id: flood
    title: {id: Banjir, en: Flood}
    trigger: {month: 6}
    effects:
      - indicator: {domain: environment, change: -5}
  - id: budget-cut
    title: {id: Pemotongan anggaran, en: Budget cut}
    trigger:
      when: {indicator: education, below: 20}
    effects:
      - organisations: {target: government, funds: -50}
injects:
  - id: new-rule
    title: {id: Aturan baru, en: New regulation}
    effects:
      - relation: {from: players, to: dlh, tension: 0.1}
objectives:
  - id: cleaner
    text: {id: Lingkungan lebih bersih, en: A cleaner environment}
    indicator: environment
    value: 50
hints:
  - month: 2
    text: {id: Coba ngobrol dulu., en: Try a chat first.}
"""


@pytest.fixture
def scenario_text() -> str:
    """YAML text of a valid, warning-free scenario."""
    return MINIMAL_SCENARIO


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write scenario text (or bytes) to a file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
