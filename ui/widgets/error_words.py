"""One sentence for an error that reached a page: the service's words for a ``ShopError``;
for anything else (a bug), the generic sentence with the exception's type and text, and
the traceback in the log, so the owner can report it."""

from __future__ import annotations

import logging

from shopcrm.error_text import describe
from shopcrm.errors import ShopError

log = logging.getLogger("shopcrm.ui")


def error_words(error: BaseException, lang: str) -> str:
    if isinstance(error, ShopError):
        return describe(error, lang)
    log.error("unexpected error shown to the owner", exc_info=error)
    from ui.dialogs.error_dialog import mask_secrets

    return describe(ShopError("error", detail=mask_secrets(f"{type(error).__name__}: {error}")),
                    lang)
