"""Numbers, money and names as a player reads them, in the current language.

Indonesian writes 2,5 where English writes 2.5; money is always "Rp … juta" because the
scenarios count in juta Rupiah. Organisation names come from the scenario, in either language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.i18n import Translator, format_number, short_of

if TYPE_CHECKING:
    from game.sim.world import World


def num(t: Translator, value: float, digits: int = 1) -> str:
    return format_number(round(float(value), digits), t.lang)


def num_toward(t: Translator, value: float, target: float, digits: int = 0) -> str:
    """A value shown beside its target: never rounded up to look as if it reached it."""
    return format_number(short_of(float(value), float(target), digits), t.lang)


def money(t: Translator, value: float) -> str:
    """ "Rp 15 juta"; a negative sum reads "−Rp 15 juta", never "Rp -15 juta"; nothing
    reads "Rp 0", as one says it, not "Rp 0 juta"."""
    if value < -0.05:
        return "−" + t("ui.money", amount=num(t, -value, 1))
    if value < 0.05:
        return t("ui.money_none")
    return t("ui.money", amount=num(t, value, 1))


def pct(t: Translator, share: float) -> str:
    return t("ui.percent", value=round(100 * float(share)))


def short_name(world: World, t: Translator, idx: int) -> str:
    """The map label: the scenario's `short` name, else the full name."""
    spec = world.scenario.organisations[idx]
    return spec.short or t.text(world.name(idx))


def full_name(world: World, t: Translator, idx: int) -> str:
    return t.text(world.name(idx))


def domain_name(world: World, t: Translator, d: int) -> str:
    return t.text(world.domain_name(d))


def sector_name(t: Translator, sector: object) -> str:
    return t(f"sim.sector.{getattr(sector, 'value', sector)}")


def model_name(t: Translator, model: object) -> str:
    return t(f"sim.model.{getattr(model, 'value', model)}")


def arrow(before: float, after: float, eps: float = 0.005) -> str:
    if after > before + eps:
        return "↑"
    if after < before - eps:
        return "↓"
    return "•"


# Trust runs 0–1 and a bare 0,43 meant nothing to a new player: a word goes with it. The
# bands sit around the rules' own lines (computer organisations propose from about 0.2 and
# bring a champion from 0.5).
TRUST_WORDS = ((0.2, "very_low"), (0.4, "low"), (0.6, "moderate"), (0.8, "good"))


def trust_word(t: Translator, value: float) -> str:
    for bound, key in TRUST_WORDS:
        if value < bound:
            return t(f"ui.trust_word.{key}")
    return t("ui.trust_word.strong")


def tension_word(t: Translator, value: float, dispute_threshold: float) -> str:
    """Tension in a word, against the scenario's own line at which a dispute breaks out."""
    if value >= dispute_threshold:
        return t("ui.tension_word.dispute")
    if value >= 0.6 * dispute_threshold:
        return t("ui.tension_word.high")
    return t("ui.tension_word.some" if value >= 0.15 else "ui.tension_word.calm")
