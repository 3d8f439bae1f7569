"""The fixed values of the format (sectors, policies, models...) are English words; designers
often write them in Indonesian. This maps those words to the value meant, so a hint can name
it (`pemerintah` → `government`) where spelling alone finds nothing."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from game.i18n import Msg

# Keys are folded as `_word` folds them: lower case, `_` between words.
INDONESIAN_VALUES: dict[str, str] = {
    # sectors
    "komunitas": "community",
    "masyarakat": "community",
    "kelompok_masyarakat": "community",
    "lsm": "ngo",
    "ornop": "ngo",
    "yayasan": "ngo",
    "pemerintah": "government",
    "pemerintahan": "government",
    "pemda": "government",
    "dinas": "government",
    "swasta": "private",
    "perusahaan": "private",
    "bisnis": "private",
    "pendidikan": "education",
    "sekolah": "education",
    "kampus": "education",
    "universitas": "education",
    "donatur": "donor",
    "penyandang_dana": "donor",
    "pemberi_dana": "donor",
    # policies
    "pemain": "player",
    "tim": "player",
    "hati_hati": "cautious",
    "berhati_hati": "cautious",
    "waspada": "cautious",
    "oportunis": "opportunist",
    "birokrat": "bureaucrat",
    "birokratis": "bureaucrat",
    "juara": "champion",
    "penggerak": "champion",
    "pejuang": "champion",
    "kolaboratif": "collaborative",
    "lalai": "neglectful",
    "abai": "neglectful",
    "sendiri": "solo",
    "mandiri": "solo",
    # collaboration models
    "lintas_sektor": "cross_sector",
    "lintas_sektoral": "cross_sector",
    "berbagi_sumber_daya": "resource_pooling",
    "penggabungan_sumber_daya": "resource_pooling",
    "pengumpulan_sumber_daya": "resource_pooling",
    "jaringan_informasi": "information_network",
    "teknologi": "technology",
    "pengembangan_pendidikan": "education_development",
    "pendidikan_dan_pengembangan": "education_development",
    # debrief phases
    "apa": "what",
    "lalu_apa": "so_what",
    "jadi_apa": "so_what",
    "terus_apa": "so_what",
    "sekarang_apa": "now_what",
    "apa_selanjutnya": "now_what",
    "selanjutnya_apa": "now_what",
    # benefits
    "dampak": "impact",
    "efisiensi": "efficiency",
    "pembelajaran": "learning",
    "kapasitas": "capacity",
    "jaringan": "network",
    "inovasi": "innovation",
    "kredibilitas": "credibility",
    "pemecahan_masalah": "problem_solving",
    "penyelesaian_masalah": "problem_solving",
    "akses_sumber_daya": "resource_access",
    "keberlanjutan": "sustainability",
    # targets and languages
    "semua": "all",
    "pemain_pemain": "players",
    "para_pemain": "players",
    "indonesia": "id",
    "inggris": "en",
}


def value_hint(value: object, allowed: Sequence[str]) -> Msg | None:
    """A hint naming the allowed value `value` probably means: its Indonesian word, or the
    closest spelling. None when nothing is close."""
    if not isinstance(value, str):
        return None
    folded = fold(value)
    if folded != value and folded in allowed:  # `KTH` for `kth`, `pokdarwis-é` for `-e`
        return Msg("scenario.hint.did_you_mean", {"suggestion": folded})
    english = INDONESIAN_VALUES.get(_word(value))
    if english in allowed:
        return Msg("scenario.hint.english_value", {"got": value, "suggestion": english})
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return Msg("scenario.hint.did_you_mean", {"suggestion": close[0]}) if close else None


def fold(value: str) -> str:
    """Lower case without accents, as ids are written: `Pokdarwis-É` → `pokdarwis-e`."""
    decomposed = unicodedata.normalize("NFKD", value.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _word(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
