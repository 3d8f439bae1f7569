"""Spreadsheet files: per-month data per organisation, indicators, and the final scores.

Three CSV files, each with a session column so several sessions sit in one sheet:
`organisations.csv` (month × organisation), `indicators.csv` (month × domain) and
`benefits.csv` (organisation × benefit, score, raw figure and the organisation's own reference
where the score measures the figure against one). A row's month is the end of that
month, so month 0 is the start, before month 1's income: the report's "first turn" funds come
after it (what the teams saw when they first moved). Headers are in the reader's
language, and so are the numbers: in Indonesian, columns are separated by ";" and decimals
written with ",", as Excel set to Indonesian expects (it would put a comma-separated file in
one column and read 12.5 as text or a date); in English, "," and ".". `plain=True` gives ","
and "." whatever the language, for scripts. Ids are as in the scenario. UTF-8 with a
byte-order mark, so Excel opens Indonesian names correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from game.debrief.compare import letter
from game.debrief.model import ORG_MONTH_FIELDS, Debrief
from game.i18n import Translator
from game.sim.session import write_atomic

FILES = ("organisations.csv", "indicators.csv", "benefits.csv")


DECIMAL_COMMA = {"id"}  # languages whose spreadsheets write 12,5 and separate with ";"


def write_csv(
    folder: str | Path, debriefs: Sequence[Debrief], t: Translator, *, plain: bool = False
) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "organisations.csv": organisations_table(debriefs, t),
        "indicators.csv": indicators_table(debriefs, t),
        "benefits.csv": benefits_table(debriefs, t),
    }
    comma = not plain and t.lang in DECIMAL_COMMA
    return [
        write_atomic(folder / name, "\ufeff" + _csv(rows, decimal_comma=comma))
        for name, rows in tables.items()
    ]


def _csv(rows: list[list[object]], *, decimal_comma: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if decimal_comma else ",", lineterminator="\r\n")
    if decimal_comma:
        rows = [[_decimal_comma(v) for v in row] for row in rows]
    writer.writerows(rows)
    return buf.getvalue()


def _decimal_comma(value: object) -> object:
    """A number with a decimal comma; text (names, ids) as it is."""
    if isinstance(value, float | np.floating):
        return str(value).replace(".", ",")
    return value


def _h(t: Translator, key: str) -> str:
    return t(f"debrief.csv.{key}")


def _sessions(debriefs: Sequence[Debrief]) -> list[str]:
    """The session column: the file name, with the run's letter (as in the HTML report)
    when two sessions share a name, e.g. the same file collected from two laptops."""
    names = [d.session.source or d.session.id for d in debriefs]
    if len(set(names)) < len(names):
        names = [f"{letter(k)} {name}" for k, name in enumerate(names)]
    return names


def organisations_table(debriefs: Sequence[Debrief], t: Translator) -> list[list[object]]:
    fields = list(ORG_MONTH_FIELDS)
    for d in debriefs:  # anything the history gained since keeps its own name
        for row in d.monthly[:1]:
            fields += [f for f in row.values if f not in fields]
    header = [_h(t, "session"), _h(t, "month"), _h(t, "org_id"), _h(t, "org_name")]
    header += [t(f"debrief.csv.field.{f}") if f in ORG_MONTH_FIELDS else f for f in fields]
    rows: list[list[object]] = [header]
    for session, d in zip(_sessions(debriefs), debriefs, strict=True):
        names = {o.id: t.msg(o.name) for o in d.orgs}
        for row in d.monthly:
            rows.append(
                [session, row.month, row.org, names[row.org]]
                + [row.values.get(f, "") for f in fields]
            )
    return rows


def indicators_table(debriefs: Sequence[Debrief], t: Translator) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            _h(t, "session"),
            _h(t, "month"),
            _h(t, "domain_id"),
            _h(t, "domain_name"),
            _h(t, "value"),
            _h(t, "target"),
        ]
    ]
    for session, d in zip(_sessions(debriefs), debriefs, strict=True):
        chart = d.so_what.chart("indicators")
        for domain, line in zip(d.domains, chart.lines, strict=True):
            for month, value in zip(line.months, line.values, strict=True):
                rows.append([session, month, domain.id, t.msg(domain.name), value, domain.target])
    return rows


def benefits_table(debriefs: Sequence[Debrief], t: Translator) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            _h(t, "session"),
            _h(t, "org_id"),
            _h(t, "org_name"),
            _h(t, "benefit_id"),
            _h(t, "benefit"),
            _h(t, "score"),
            _h(t, "raw"),
            _h(t, "reference"),
            _h(t, "unit"),
        ]
    ]
    for session, d in zip(_sessions(debriefs), debriefs, strict=True):
        for card in d.orgs:
            for b in d.outcome(card.id).benefits:
                rows.append(
                    [
                        session,
                        card.id,
                        t.msg(card.name),
                        b.id,
                        t(f"sim.benefit.{b.id}"),
                        round(b.score, 1),
                        round(b.raw, 3),
                        "" if b.reference is None else round(b.reference, 3),
                        t(f"debrief.unit_name.{b.unit}"),
                    ]
                )
    return rows
