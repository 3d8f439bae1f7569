"""Kolaborasi: a workshop simulation of strategic collaboration between community organisations.

The package is layered so that arrows point one way: `ui` and `debrief` read `sim`; `sim`
reads validated scenarios from `scenario`; `scenario` knows only its schema. `sim` never
imports pygame, so the whole world runs headless in tests, the CLI and benchmarks.
"""

__version__ = "0.1.0"
