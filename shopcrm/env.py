"""Every ``SHOPCRM_*`` environment variable, declared in one place.

Two kinds exist:

- one per setting, ``SHOPCRM_<SECTION>_<KEY>`` (``SHOPCRM_SMS_API_KEY``...): declared by the
  ``Option`` registry in :mod:`shopcrm.config` and read only by ``Settings``;
- the few below, which are not settings (where the folders are, which book, test hooks).

Code reads them with :func:`read` (never ``os.environ["SHOPCRM_..."]`` directly), so a name
that is not declared here is a bug the test ``test_every_env_name_is_declared`` catches.
This module imports nothing of ShopCRM: ``paths`` and ``config`` both stand on it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: name -> what it does (shown by ``shopcrm settings list --env``)
VARIABLES: dict[str, str] = {
    "SHOPCRM_DB": "the book: a database URL or a plain file path (overrides the saved choice)",
    "SHOPCRM_LANG": "language of the command line and the window (fa or en)",
    "SHOPCRM_DATA_DIR": "folder of the book and the backups",
    "SHOPCRM_CONFIG_DIR": "folder of settings.toml and secrets.toml",
    "SHOPCRM_LOG_DIR": "folder of the log files",
    "SHOPCRM_EXIT_AFTER_FIRST_PAINT": "start the window, print the first-paint time, quit",
    "SHOPCRM_FIRST_PAINT_SCREENSHOT": "with the first-paint check: save that paint to this PNG",
    "SHOPCRM_SELF_TEST_TIMEOUT": "seconds the self-test may take",
    "SHOPCRM_SELF_TEST_VERBOSE": "print the self-test's steps",
}

#: prefixes kept by the test setup (options of the tests themselves, never the product's)
TEST_PREFIXES = ("SHOPCRM_TEST_", "SHOPCRM_SELF_TEST")


def read(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of a declared variable, or None when unset or empty."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not a declared SHOPCRM_ variable (shopcrm/env.py)")
    value = (os.environ if environ is None else environ).get(name)
    return value or None
