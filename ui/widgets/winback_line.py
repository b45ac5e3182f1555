"""The "came back after contact" sentence, worded once for the Today, Win-back and Reports
pages: "Last 365 days: contacted 12, came back 5 (42%), won back 3,400,000 toman." """

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject


class WinbackWords(QObject):
    def sentence(self, display: Any, summary: Any) -> str:
        """``summary``: a ``WinbackSummary``; ``display``: the window's ``Display``."""
        d = display
        return self.tr("Last {days} days: contacted {contacted}, came back {back} ({rate}), "
                       "won back {revenue}.").format(
            days=d.number((summary.end - summary.start).days + 1),
            contacted=d.number(summary.contacted), back=d.number(summary.came_back),
            rate=self.percent(display, summary.rate), revenue=d.money(summary.revenue,
                                                                     with_unit=True))

    def period_sentence(self, display: Any, summary: Any) -> str:
        """The same for a period with its dates (the Reports page)."""
        d = display
        return self.tr("Came back after contact, {start} to {end}: contacted {contacted}, "
                       "came back {back} ({rate}), won back {revenue}.").format(
            start=d.date(summary.start), end=d.date(summary.end),
            contacted=d.number(summary.contacted), back=d.number(summary.came_back),
            rate=self.percent(display, summary.rate), revenue=d.money(summary.revenue,
                                                                     with_unit=True))

    @staticmethod
    def percent(display: Any, rate: float | None) -> str:
        if rate is None:
            return "—"
        whole = round(rate * 100)
        return f"\u061c{display.number(whole)}٪" if display.rtl else f"{whole}%"
