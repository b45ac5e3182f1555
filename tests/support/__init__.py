"""Helpers for the test suite (imported by tests/conftest.py as ``support``)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def in_ci() -> bool:
    """True when the CI env var is set to something that is not a "no"."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
