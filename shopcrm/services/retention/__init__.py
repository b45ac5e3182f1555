"""Retention: complaints, the SMS inbox (customers' replies) and the after-visit survey.

- :mod:`.complaints`: record, work on and settle complaints; who has an open one
  (:func:`open_complaint_customer_ids`, kept out of promotional campaigns); the report.
- :mod:`.replies`: what a reply means (opt-out, opt-in, a score, anything else).
- :mod:`.inbox`: read the line's inbox (Kavenegar ``sms/receive``), store every reply,
  act on it once (:func:`sync_inbox`), list it for the owner.
- :mod:`.survey`: the after-visit survey, once per visit (:func:`send_due_surveys`).
- :mod:`.call_list`: customers to call back (a low survey score puts them there).
"""

from shopcrm.services.retention.complaints import (
    ComplaintService,
    ComplaintView,
    open_complaint_customer_ids,
)

__all__ = ["ComplaintService", "ComplaintView", "open_complaint_customer_ids"]
