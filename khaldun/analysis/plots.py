"""Charts of the aggregates: a dyad heat map, a stacked area over time, the network picture.

Drawn with matplotlib (Agg backend, no display needed) to PNG or SVG; an
``.html`` file is one self-contained page holding the SVG inline, so it opens
offline and loads nothing from the internet.
"""

from __future__ import annotations

import html
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from khaldun.analysis.aggregates import Aggregate, to_graph
from khaldun.errors import UsageError

PLOT_SUFFIXES = (".png", ".svg", ".html")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _check(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in PLOT_SUFFIXES:
        raise UsageError(f"--plot draws {', '.join(PLOT_SUFFIXES)} files, not {p.name!r}")
    return p


def _save(fig: Any, path: Path, title: str) -> None:
    plt = _pyplot()
    if path.suffix.lower() == ".html":
        buf = io.StringIO()
        fig.savefig(buf, format="svg", bbox_inches="tight")
        svg = buf.getvalue()
        svg = svg[svg.index("<svg"):]
        path.write_text(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;margin:2em}svg{max-width:100%;height:auto}</style></head>"
            f"<body><h1>{html.escape(title)}</h1>\n{svg}\n<p>Made by khaldun.</p></body></html>\n",
            encoding="utf-8",
        )
    else:
        fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)


def _subtitle(agg: Aggregate) -> str:
    return f"counting {agg.level}"


def plot_dyads(agg: Aggregate, path: str | Path, *, top: int = 15) -> Path:
    """Heat map: the ``top`` actor pairs (rows) by period (columns), coloured by number of events."""
    p = _check(path)
    plt = _pyplot()
    totals: dict[str, int] = defaultdict(int)
    cells: dict[tuple[str, Any], int] = defaultdict(int)
    for period, actor, recipient, n, *_ in agg.rows:
        pair = f"{actor} \u2192 {recipient}"
        totals[pair] += n
        cells[(pair, period)] += n
    pairs = sorted(totals, key=lambda k: (-totals[k], k))[:top]
    periods = sorted({period for period, *_ in agg.rows})
    fig, ax = plt.subplots(figsize=(max(6.0, 1.0 + 0.6 * len(periods)), max(3.0, 0.9 + 0.38 * len(pairs))))
    if pairs and periods:
        grid = [[cells.get((pair, per), 0) for per in periods] for pair in pairs]
        im = ax.imshow(grid, aspect="auto", cmap="YlOrRd", interpolation="nearest")
        ax.set_yticks(range(len(pairs)), labels=pairs)
        ax.set_xticks(range(len(periods)), labels=[_label(per, agg.period) for per in periods], rotation=45, ha="right")
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                if v:
                    ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                            color="white" if v > 0.6 * max(max(r) for r in grid) else "black")
        fig.colorbar(im, ax=ax, label="events")
    else:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(f"{agg.title}: top {len(pairs)} pairs ({_subtitle(agg)})")
    ax.set_xlabel(f"{agg.period or 'period'} (event date)")
    ax.set_ylabel("actor \u2192 recipient (country/sector)")
    _save(fig, p, agg.title)
    return p


def _label(period: Any, by: str | None) -> str:
    if by == "month":
        return period.strftime("%Y-%m")
    if by == "year":
        return period.strftime("%Y")
    return period.isoformat()


def plot_timeline(agg: Aggregate, path: str | Path, *, top: int = 8) -> Path:
    """Stacked area of events per period, one band per series (the ``top`` largest, the rest as "other")."""
    p = _check(path)
    plt = _pyplot()
    import matplotlib.dates as mdates

    per_series: dict[str, dict[Any, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for period, _country, series, n in agg.rows:
        per_series[str(series)][period] += n
        totals[str(series)] += n
    names = sorted(totals, key=lambda k: (-totals[k], k))
    shown, rest = names[:top], names[top:]
    if rest:
        other: dict[Any, int] = defaultdict(int)
        for name in rest:
            for per, n in per_series[name].items():
                other[per] += n
        per_series["other"] = other
        shown.append("other")
    periods = sorted({period for period, *_ in agg.rows})
    fig, ax = plt.subplots(figsize=(9, 4.8))
    if periods:
        ys = [[per_series[name].get(per, 0) for per in periods] for name in shown]
        if len(periods) > 1:
            ax.stackplot(periods, ys, labels=shown, alpha=0.85)
        else:
            bottom = 0
            for name, y in zip(shown, ys):
                ax.bar(periods, y, bottom=bottom, label=name, width=5)
                bottom += y[0]
        ax.legend(title=agg.columns[2].replace("_", " "), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(mdates.AutoDateLocator()))
    else:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(f"{agg.title} ({_subtitle(agg)})")
    ax.set_xlabel(f"{agg.period or 'period'} (event date)")
    ax.set_ylabel(f"{agg.level} per {agg.period}")
    ax.grid(alpha=0.3)
    _save(fig, p, agg.title)
    return p


def plot_network(agg: Aggregate, path: str | Path, *, top: int = 40) -> Path:
    """The actor graph: node size by events, edge width by events, edge colour by mean Goldstein score."""
    p = _check(path)
    plt = _pyplot()
    import networkx as nx

    g = to_graph(Aggregate(agg.title, agg.columns, agg.rows[:top], agg.level))
    fig, ax = plt.subplots(figsize=(9, 7))
    if g.number_of_nodes():
        pos = nx.spring_layout(g, seed=7, k=1.2 / max(1, g.number_of_nodes()) ** 0.5)
        sizes = [150 + 60 * g.nodes[n]["events"] for n in g]
        edges = list(g.edges(data=True))
        widths = [0.8 + 1.2 * d["events"] for *_, d in edges]
        colours = [d["goldstein_mean"] for *_, d in edges]
        nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color="#cfd8e3", edgecolors="#445")
        drawn = nx.draw_networkx_edges(g, pos, ax=ax, width=widths, edge_color=colours, edge_cmap=plt.cm.RdYlGn,
                                       edge_vmin=-10, edge_vmax=10, arrows=True, arrowsize=12,
                                       connectionstyle="arc3,rad=0.08")
        nx.draw_networkx_labels(g, pos, ax=ax, font_size=8)
        if drawn:
            sm = plt.cm.ScalarMappable(cmap=plt.cm.RdYlGn, norm=plt.Normalize(-10, 10))
            fig.colorbar(sm, ax=ax, label="mean Goldstein score (conflict \u2190 \u2192 cooperation)", shrink=0.7)
    else:
        ax.text(0.5, 0.5, "no events with actors", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(f"{agg.title}: actor \u2192 recipient, node and edge size by events ({_subtitle(agg)})")
    ax.set_axis_off()
    _save(fig, p, agg.title)
    return p
