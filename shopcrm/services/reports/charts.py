"""Charts of the report: ``matplotlib.figure.Figure`` objects, no pyplot, no Qt.

``build_figure(name, report, lang)`` draws one chart of a :class:`~.reports.Report`;
nothing global changes (fonts and sizes are set on each artist, never in ``rcParams``),
so figures can be built on a worker thread. The window embeds them with
``FigureCanvasQTAgg``; ``save_figure`` writes PNG or PDF through matplotlib's own
canvases (Agg for PNG).

Persian text is passed as typed: matplotlib 3.11 shapes it (HarfBuzz, right-to-left runs)
with the bundled Vazirmatn (``services.fonts``). Numbers have thousands separators, in
Persian digits in the ``fa`` variant. Time runs left to right in both languages, as charts
do in Persian too; bar charts of categories are mirrored in Persian (labels on the right,
bars growing leftwards) and legends put their text before the key.

The parts: ``chart_words.py`` (words and numbers), ``chart_style.py`` (fonts, axes,
the month axis, labels), ``month_charts.py`` (the charts over the months) and
``category_charts.py`` (horizontal bars of segments, cities, services); this module
chooses the chart and writes it out.

matplotlib is imported inside the functions: ``import shopcrm`` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from shopcrm.errors import InvalidInput, StorageError
from shopcrm.services.reports import category_charts, month_charts
from shopcrm.services.reports.chart_style import Style
from shopcrm.services.reports.report_data import Report

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CHARTS = ("visits_revenue", "new_returning", "retention", "absent_over_time",
          "rfm_segments", "cities", "top_services", "satisfaction", "messages", "winback")
FORMATS = (".png", ".pdf")
EXPORT_DPI = 150

_BUILDERS: dict[str, Callable[[Style, Report, str], Figure]] = {
    "visits_revenue": month_charts.visits_revenue,
    "new_returning": month_charts.new_returning,
    "retention": month_charts.retention,
    "absent_over_time": month_charts.absent_over_time,
    "rfm_segments": category_charts.rfm_segments,
    "cities": category_charts.cities,
    "top_services": category_charts.top_services,
    "satisfaction": month_charts.satisfaction,
    "messages": month_charts.messages,
    "winback": month_charts.winback,
}


def build_figure(name: str, data: Report, lang: str = "fa", *, unit: str = "rial") -> Figure:
    """The chart ``name`` (one of ``CHARTS``) of ``data``, in Persian or English.

    ``unit`` (``rial``/``toman``) is how money axes are labelled (data stays in Rials).
    Safe on a worker thread: no pyplot, no Qt, no global state; attach the figure to a
    ``FigureCanvasQTAgg`` on the GUI thread, or give it to ``save_figure``.
    """
    if name not in _BUILDERS:
        raise InvalidInput("report_unknown_chart", name=name, names=", ".join(CHARTS))
    if unit not in ("rial", "toman"):
        raise InvalidInput("bad_setting", key="ui.currency", detail=unit)
    if name not in data.series:
        raise InvalidInput("report_series_missing", name=name)
    return _BUILDERS[name](Style(lang), data, unit)


def _canvas(fig: Figure) -> None:
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if type(fig.canvas) is FigureCanvasBase:  # a bare figure: draw it with Agg
        FigureCanvasAgg(fig)


def save_figure(fig: Figure, path: str | Path, dpi: int = EXPORT_DPI) -> Path:
    """Write ``fig`` as PNG or PDF, by the file's extension (a figure shown in the window
    keeps its Qt canvas: matplotlib prints through Agg or its PDF backend meanwhile)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput("report_bad_format", file=str(path), formats=", ".join(FORMATS))
    _canvas(fig)
    try:
        fig.savefig(path, format=suffix[1:], dpi=dpi)
    except OSError as exc:
        raise StorageError("report_write_failed", file=str(path),
                           detail=exc.strerror or str(exc)) from exc
    return path


def render_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (previews, tests)."""
    import io

    _canvas(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
