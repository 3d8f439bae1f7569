"""Inside `{...}` a comma ends a value: a text with a comma in it, unquoted, is cut there and
its rest read as keys. The error says so, with the whole text to put in quotes."""

from __future__ import annotations

import pytest

from game.i18n import Translator
from game.scenario import ScenarioError, format_problem, load_scenario_text

EN = Translator("en")
ID = Translator("id")

# names.yaml: a name with academic titles, each after a comma.
TITLES = (
    "    name: {id: Radio Komunitas — Ibu Sri Wahyuni, S.Pd., M.Si. & Bapak Teuku Ārif, "
    "en: Community Radio}"
)


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    return [format_problem(p, EN) for p in caught.value.problems]


def test_a_text_cut_at_commas_is_one_problem_with_the_whole_text_to_quote(scenario_text):
    text = scenario_text.replace("    name: LSM Hijau\n", TITLES + "\n")
    (english,) = problems(text)
    assert "`S.Pd.` is read as a key, because a comma inside `{...}` ended the text of `id`" in (
        english
    )
    assert (
        'put the whole text in quotes, commas and all: id: "Radio Komunitas — Ibu Sri Wahyuni, '
        'S.Pd., M.Si. & Bapak Teuku Ārif"'
    ) in english
    assert "allowed here" not in english
    line = text.splitlines().index(TITLES) + 1
    assert english.startswith(f"broken.yaml:{line}:{TITLES.index('S.Pd.') + 1}:")


def test_the_english_text_cut_at_a_comma_names_en(scenario_text) -> None:
    line = "    name: {id: LSM Hijau, en: Green NGO of Sri and Ārif, Tanjung Harapan}"
    text = scenario_text.replace("    name: LSM Hijau\n", line + "\n")
    (english,) = problems(text)
    assert 'en: "Green NGO of Sri and Ārif, Tanjung Harapan"' in english
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "broken.yaml")
    indonesian = format_problem(caught.value.problems[0], ID)
    assert "koma di dalam `{...}` mengakhiri teks `en`" in indonesian


def test_a_misspelt_key_in_braces_is_still_a_misspelling(scenario_text) -> None:
    text = scenario_text.replace("    name: LSM Hijau\n", "    name: {id: LSM Hijau, eng: Green}\n")
    (english,) = problems(text)
    assert "did you mean `en`?" in english
