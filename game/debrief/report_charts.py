"""Charts for the report, drawn with matplotlib's Agg canvas into PNG bytes.

matplotlib is slow to import and only the report needs it, so it is imported inside these
functions, never at module level. Figures are built on `Figure` + `FigureCanvasAgg`
directly: no pyplot, no global backend switch, nothing that could disturb a pygame window
when the game exports a report.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from game.debrief.model import Chart, Network, OrgCard
from game.i18n import Translator, format_number
from game.look import hex_rgb, mark_ink, mark_of

DPI = 150
INK = "#222222"
GRID = "#DDDDDD"
PARTNER_TIE = "#1F4E79"
OTHER_TIE = "#9A9A9A"
ONE_SIDED_FRAME = "#E69F00"  # the frame of a one-sided tie's two figures (the game's orange)
NEAR_END = 0.27  # where along a one-sided tie each side's own figure stands
# The game's sector shapes as matplotlib markers, and a dash per organisation of one sector
# (three government offices share the game's blue; their curves differ by dash and stay apart).
MARKERS = {
    "square": "s",
    "diamond": "D",
    "circle": "o",
    "triangle": "^",
    "hexagon": "h",
    "pentagon": "p",
    "star": "*",
}
# The mark inside an organisation's shape that tells it from others of its sector, as on the
# game's map (game.look.MARKS): a matplotlib marker drawn over the shape, and its size there.
MARK_MARKERS = {
    "dot": ("o", 22),
    "bar": ("_", 50),
    "plus": ("+", 50),
    "ring": ("o", 40),
    "cross": ("x", 34),
}
VARIANT_DASHES: tuple[Any, ...] = ("-", (0, (5, 2)), (0, (1.2, 1.6)), (0, (6, 2, 1.2, 2)))


def _figure(width: float, height: float, cols: int = 1) -> tuple[Any, list[Any]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    axes = [fig.add_subplot(1, cols, k + 1) for k in range(cols)]
    return fig, axes


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
    return buf.getvalue()


def _style(ax: Any) -> None:
    ax.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=INK, labelsize=8)


def _number_ticks(ax: Any, t: Translator) -> None:
    """Tick labels written like every other number in the report (0,5 in Indonesian), with
    as many decimals as the ticks need: steps of 0.025 show 0.025, 0.05, 0.075, not 0.03."""
    from matplotlib.ticker import Formatter

    class Ticks(Formatter):
        decimals = 2  # until the axis tells its ticks

        def set_locs(self, locs: Any) -> None:
            super().set_locs(locs)
            self.decimals = tick_decimals([float(v) for v in locs])

        def __call__(self, x: float, pos: int | None = None) -> str:
            return format_number(round(x, self.decimals), t.lang, self.decimals)

    ax.xaxis.set_major_formatter(Ticks())
    ax.yaxis.set_major_formatter(Ticks())


def tick_decimals(ticks: list[float], most: int = 6) -> int:
    """The fewest decimals that write every tick exactly."""
    for d in range(most + 1):
        if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in ticks):
            return d
    return most


def chart_png(
    chart: Chart, t: Translator, *, width: float = 7.2, height: float = 3.0, legend: bool = True
) -> bytes:
    """A line chart: one line per series, dotted targets, numbered turning points."""
    fig, (ax,) = _figure(width, height)
    _style(ax)
    by_id = {}
    last = 0
    for line in chart.lines:
        by_id[line.id] = line
        last = max(last, line.months[-1] if line.months else 0)
        dash = VARIANT_DASHES[line.variant % len(VARIANT_DASHES)]
        ax.plot(
            line.months,
            line.values,
            color=line.colour,
            linewidth=2.4 if line.emphasis else 1.3,
            linestyle="--" if line.dashed else dash,
            marker=MARKERS.get(line.shape),
            markersize=4.5 if line.emphasis else 3.5,
            markeredgecolor=INK,
            markeredgewidth=0.5,
            label=t.msg(line.label),
            solid_capstyle="round",
        )
    for ref in chart.refs:
        ax.axhline(ref.value, color=ref.colour, linestyle=":", linewidth=1.2, alpha=0.9)
    for mark in chart.marks:
        line = by_id.get(mark.line)
        edge = line.colour if line is not None else INK
        ax.plot([mark.month], [mark.value], "o", color=edge, markersize=3.5, zorder=5)
        ax.annotate(
            str(mark.number),
            (mark.month, mark.value),
            xytext=(0, 11 if mark.kind != "fall" else -13),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=7.5,
            fontweight="bold",
            color=INK,
            bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": edge, "lw": 1.2},
            zorder=6,
        )
    ax.set_xlim(0, max(1, last))
    ax.set_ylim(chart.y_min, chart.y_max)
    ax.set_xlabel(t.msg(chart.x_label), fontsize=8.5, color=INK)
    ax.set_ylabel(t.msg(chart.y_label), fontsize=8.5, color=INK)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _number_ticks(ax, t)
    if legend and chart.lines:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=7.5,
            frameon=False,
            handlelength=1.8,
        )
    return _png(fig)


def networks_png(
    networks: Sequence[Network], orgs: Sequence[OrgCard], t: Translator, *, width: float = 7.2
) -> bytes:
    """Trust networks side by side, everyone in the same place in each."""
    fig, axes = _figure(width, width / len(networks) * 0.8, cols=len(networks))
    cards = {o.id: o for o in orgs}
    for ax, net in zip(axes, networks, strict=True):
        _draw_network(ax, net, cards, t)
    fig.subplots_adjust(wspace=0.02, left=0.0, right=1.0)
    return _png(fig)


def _draw_network(ax: Any, net: Network, cards: dict[str, OrgCard], t: Translator) -> None:
    pos = {n.org: (n.x, n.y) for n in net.nodes}
    ax.set_xlim(-0.42, 1.42)
    ax.set_ylim(-0.08, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t.msg(net.title), fontsize=10, color=INK)
    for tie in net.ties:
        strength = max(0.0, min(1.0, (tie.trust - 0.1) / 0.8))
        (x1, y1), (x2, y2) = pos[tie.a], pos[tie.b]
        if tie.partners:
            ax.plot(
                [x1, x2],
                [y1, y2],
                color=PARTNER_TIE,
                linewidth=1.0 + 6.0 * strength,
                alpha=0.9,
                solid_capstyle="round",
                zorder=2 + strength,
            )
            # One-sided: each side's own trust at its own end, framed, since the mean
            # (0.61) would hide that one side's trust collapsed (0.26 against 0.96).
            clear = min(0.45, max(NEAR_END, 0.13 / max(1e-9, math.dist((x1, y1), (x2, y2)))))
            figures = (
                [(tie.trust_ab, clear), (tie.trust_ba, 1 - clear)]
                if tie.one_sided
                else [(tie.trust, 0.5)]
            )
            for value, f in figures:
                ax.text(
                    x1 + (x2 - x1) * f,
                    y1 + (y2 - y1) * f,
                    f"{value:.2f}".replace(".", "," if t.lang == "id" else "."),
                    fontsize=6.5,
                    ha="center",
                    va="center",
                    color=PARTNER_TIE,
                    bbox={
                        "boxstyle": "round,pad=0.12",
                        "fc": "white",
                        "ec": ONE_SIDED_FRAME if tie.one_sided else "none",
                        "lw": 1.0,
                        "alpha": 0.9,
                    },
                    zorder=7 if tie.one_sided else 4,  # above the shapes, near its end
                )
        elif tie.trust >= 0.2:
            ax.plot(
                [x1, x2],
                [y1, y2],
                color=OTHER_TIE,
                linewidth=0.4 + 2.6 * strength,
                alpha=0.45,
                solid_capstyle="round",
                zorder=1,
            )
    for node in net.nodes:  # as on the game's map: the sector's shape, a ring for a team
        card = cards[node.org]
        if card.player:
            ax.scatter(
                [node.x],
                [node.y],
                s=430,
                facecolors="white",
                edgecolors=INK,
                linewidths=2.0,
                zorder=5,
            )
        ax.scatter(
            [node.x],
            [node.y],
            s=150,
            marker=MARKERS.get(card.shape, "o"),
            color=card.colour,
            edgecolors=INK,
            linewidths=1.0,
            zorder=6,
        )
        mark = mark_of(card.variant)
        if mark:
            marker, size = MARK_MARKERS[mark]
            ink = "#{:02X}{:02X}{:02X}".format(*mark_ink(hex_rgb(card.colour)))
            # An unfilled marker (bar, plus, cross) takes one colour; the ring only an edge.
            paint = {"facecolors": "none", "edgecolors": ink} if mark == "ring" else {"color": ink}
            ax.scatter(
                [node.x],
                [node.y - (0.006 if card.shape == "triangle" else 0)],
                s=size,
                marker=marker,
                linewidths=1.6,
                zorder=6.5,
                **paint,
            )
        dx, dy = node.x - 0.5, node.y - 0.5
        norm = max(1e-9, (dx * dx + dy * dy) ** 0.5)
        ax.text(
            node.x + 0.09 * dx / norm,
            node.y + 0.09 * dy / norm,
            t.msg(card.short),
            fontsize=8,
            ha="right" if dx < -0.1 else "left" if dx > 0.1 else "center",
            va="bottom" if dy > 0.1 else "top" if dy < -0.1 else "center",
            fontweight="bold" if card.player else "normal",
            color=INK,
            zorder=6,
        )
