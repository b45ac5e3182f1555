"""The owner's day: the Today page's sections as plain data (``build_today``), the rows
other features own (``feeds``) and the one daily run (``daily``)."""

from shopcrm.services.today.sections import SECTIONS, Today, build_today

__all__ = ["SECTIONS", "Today", "build_today"]
