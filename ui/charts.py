"""Charts in the window: drawn on a worker, shown in a ``FigureCanvasQTAgg``.

``shopcrm.services.reports.charts.build_figure`` draws a chart of the report as a bare
``matplotlib.figure.Figure`` (no pyplot, no Qt). Drawing one with Agg costs 0.2-1 s here
(Persian text shaping, the constrained layout), and a ``FigureCanvasQTAgg`` draws its
figure again on the GUI thread whenever it is shown or resized: ten charts would freeze the
window for seconds. So:

- ``render_chart`` (a worker) builds the figure and draws it with Agg at the size and pixel
  ratio it will be shown, and keeps the pixels (a ``Picture``);
- ``ChartCanvas`` (the GUI thread) is a ``FigureCanvasQTAgg`` holding that figure that
  paints the worker's pixels instead of drawing. When its size changes (the window is
  resized), it shows the old picture scaled and asks for a new one at the new size
  (``rerender``), again on a worker. A figure is used by one thread at a time: the worker
  that built it, then only the canvas it was handed to.

Saving to PNG or PDF builds a fresh figure on a worker (``save_chart``). matplotlib is
imported inside the functions: start-up never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

DPI = 100


@dataclass
class Picture:
    """A chart drawn on a worker: its figure and the RGBA pixels of that drawing."""

    name: str
    figure: Any  # matplotlib.figure.Figure
    pixels: bytes
    width: int  # device pixels
    height: int
    ratio: float  # device pixels per logical pixel
    seconds: float = 0.0

    @property
    def logical_size(self) -> tuple[int, int]:
        return round(self.width / self.ratio), round(self.height / self.ratio)


def render_chart(report: Any, name: str, lang: str, unit: str, width: int,
                 ratio: float = 1.0, height: int | None = None) -> Picture:
    """Build chart ``name`` of ``report`` and draw it with Agg ``width`` logical pixels wide
    and ``height`` tall -- by default the chart's own height (a chart of three panels is
    taller than one of a single plot) -- on a worker thread."""
    import time

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from shopcrm.services.reports.charts import build_figure

    started = time.perf_counter()
    fig = build_figure(name, report, lang, unit=unit)
    if height is None:
        height = round(fig.get_figheight() * DPI)
    fig.set_dpi(DPI * ratio)
    fig.set_size_inches(width / DPI, height / DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    pixels = bytes(canvas.buffer_rgba())
    return Picture(name, fig, pixels, width, height, ratio, time.perf_counter() - started)


def save_chart(report: Any, name: str, path: str, lang: str, unit: str) -> str:
    """A fresh figure of chart ``name`` written to PNG or PDF (a worker thread)."""
    from shopcrm.services.reports.charts import build_figure, save_figure

    fig = build_figure(name, report, lang, unit=unit)
    return str(save_figure(fig, Path(path)))


def picture_image(picture: Picture) -> QImage:
    image = QImage(picture.pixels, picture.width, picture.height, picture.width * 4,
                   QImage.Format.Format_RGBA8888).copy()  # owns its pixels from here on
    image.setDevicePixelRatio(picture.ratio)
    return image


_canvas_class: type | None = None


def chart_canvas_class() -> type:
    """``ChartCanvas``, a ``FigureCanvasQTAgg`` subclass (defined on first use, so that
    importing this module does not import matplotlib)."""
    global _canvas_class
    if _canvas_class is not None:
        return _canvas_class
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):  # type: ignore[misc]
        """A figure drawn on a worker: paints those pixels; a new size asks for new ones."""

        def __init__(self, picture: Picture,
                     rerender: Callable[[Any, tuple[int, int]], None] | None = None) -> None:
            super().__init__(picture.figure)
            self.rerender = rerender
            self.picture = picture
            self.image = picture_image(picture)
            self.setFixedHeight(picture.logical_size[1])  # the chart's own height
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        def set_picture(self, picture: Picture) -> None:
            """A new drawing (after a resize) from the worker."""
            self.figure = picture.figure
            picture.figure.set_canvas(self)
            self.picture = picture
            self.image = picture_image(picture)
            self.update()

        def needs_picture(self) -> bool:
            size = (self.width(), self.height())
            return size[0] > 0 and size[1] > 0 and size != self.picture.logical_size

        def draw_idle(self) -> None:
            # matplotlib asks for a redraw (the canvas was resized): never on this thread.
            if self.rerender is not None and self.needs_picture():
                self.rerender(self, (self.width(), self.height()))

        def paintEvent(self, event: Any) -> None:
            painter = QPainter(self)
            painter.fillRect(self.rect(), QColor("white"))
            size = self.picture.logical_size
            if size == (self.width(), self.height()):
                painter.drawImage(0, 0, self.image)
            else:  # the old picture, scaled, until the new one arrives
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(QRect(0, 0, self.width(), self.height()), self.image)
            painter.end()

    _canvas_class = ChartCanvas
    return ChartCanvas


def chart_canvas(picture: Picture, parent: QWidget | None = None, *,
                 rerender: Callable[[Any, tuple[int, int]], None] | None = None) -> Any:
    """A ``ChartCanvas`` showing ``picture`` (the GUI thread)."""
    canvas = chart_canvas_class()(picture, rerender)
    if parent is not None:
        canvas.setParent(parent)
    return canvas


def canvas_is_drawn(canvas: QWidget) -> bool:
    """True when the canvas shows something other than a blank page (what is on screen)."""
    image = canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    if image.isNull() or image.width() < 10:
        return False
    dark = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            if QColor(image.pixel(x, y)).lightness() < 200:
                dark += 1
                if dark > 50:
                    return True
    return False
