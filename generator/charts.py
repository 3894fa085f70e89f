"""The progress chart of the monthly report: matplotlib → PNG bytes.

Printed on an office laser printer in black and white, so the series differ
by grey level and hatch, not by colour. The PNG carries no time or version
stamp, so the same figures give the same bytes.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot  # noqa: E402

DPI = 200
_STYLES = (("0.15", ""), ("0.55", ""), ("white", "///"), ("0.85", "..."), ("white", "xx"), ("0.35", "\\\\"))


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # per place, % of the target (None: does not apply)


def _literal(text: str) -> str:
    """Text shown as typed: matplotlib reads '$…$' as mathematics (and fails on a name with two '$')."""
    return text.replace("$", r"\$")


def progress_chart(places: Sequence[str], series: Sequence[Series], title: str) -> bytes:
    """Grouped horizontal bars: for each place, the % of each main target reached.

    matplotlib's warnings (a glyph missing from the font…) are English and nothing a clerk
    can act on: they are kept off the console.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _progress_chart([_literal(p) for p in places], series, _literal(title))


def _progress_chart(places: Sequence[str], series: Sequence[Series], title: str) -> bytes:
    # about 7.5 inches for 18 villages: with the 150 mm width it fits under a heading on A4
    height = min(8.0, max(3.0, 0.32 * len(places) + 1.8))
    figure, axes = pyplot.subplots(figsize=(6.5, height), dpi=DPI)
    try:
        band = 0.8 / max(1, len(series))
        for index, item in enumerate(series):
            fill, hatch = _STYLES[index % len(_STYLES)]
            positions = [p + (index - (len(series) - 1) / 2) * band for p in range(len(places))]
            values = [v if v is not None else 0.0 for v in item.values]
            label = _literal(item.label if len(item.label) <= 42 else item.label[:41].rstrip(" ,;") + "…")
            bars = axes.barh(positions, values, height=band, color=fill, hatch=hatch, edgecolor="black", linewidth=0.4, label=label)
            for bar, value in zip(bars, item.values):
                if value is None:
                    bar.set_visible(False)
        axes.set_yticks(range(len(places)))
        axes.set_yticklabels(places, fontsize=8)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.set_xlabel("% chỉ tiêu đã đạt (lũy kế)", fontsize=8)
        axes.tick_params(axis="x", labelsize=8)
        axes.xaxis.grid(True, color="0.8", linewidth=0.5)
        axes.set_axisbelow(True)
        axes.set_title(title, fontsize=9)
        axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.5 / height), ncol=min(2, len(series)), frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        return buffer.getvalue()
    finally:
        pyplot.close(figure)
