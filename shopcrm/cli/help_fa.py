"""Persian of the ``shopcrm`` command's help texts, keyed by the English help text."""

from __future__ import annotations

HELP_FA: dict[str, str] = {}
