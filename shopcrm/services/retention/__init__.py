"""Retention: complaints, the SMS inbox (customers' replies) and the after-visit survey.

- :mod:`.complaints`: record, work on and settle complaints; who has an open one
  (:func:`open_complaint_customer_ids`, kept out of promotional campaigns); the report.
- :mod:`.replies`: what a reply means (opt-out, opt-in, a score, anything else).
- :mod:`.inbox`: read the line's inbox (Kavenegar ``sms/receive``), store every reply,
  act on it once (:func:`sync_inbox` -> :class:`InboxSyncResult`), list it for the owner.
- :mod:`.survey`: the after-visit survey, once per visit
  (:func:`send_due_surveys` -> :class:`SurveyResult`).
- :mod:`.call_list`: customers to call back (a low survey score puts them there).

A daily run calls ``sync_inbox(db, settings)`` then ``send_due_surveys(db, settings,
today=...)``; neither raises when the inbox or the survey is unavailable or off (the
result says why). The inbox and survey modules are loaded on first use (the messaging
package imports :mod:`.complaints`, so this package must stay light).
"""

from __future__ import annotations

from typing import Any

from shopcrm.services.retention.complaints import (
    ComplaintService,
    ComplaintView,
    open_complaint_customer_ids,
)

_LAZY = {
    "sync_inbox": "inbox", "InboxSyncResult": "inbox", "InboxService": "inbox",
    "send_due_surveys": "survey", "SurveyResult": "survey",
    "call_list": "call_list",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    from importlib import import_module

    return getattr(import_module(f"shopcrm.services.retention.{module}"), name)


__all__ = ["ComplaintService", "ComplaintView", "InboxService", "InboxSyncResult",
           "SurveyResult", "call_list", "open_complaint_customer_ids", "send_due_surveys",
           "sync_inbox"]
