"""The window's words for complaint severities, statuses and channels (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def severity_words() -> dict[str, str]:
    return {"low": translate("Complaints", "low"), "medium": translate("Complaints", "medium"),
            "high": translate("Complaints", "high")}


def status_words() -> dict[str, str]:
    return {"open": translate("Complaints", "open"),
            "in_progress": translate("Complaints", "in progress"),
            "resolved": translate("Complaints", "resolved")}


def channel_words() -> dict[str, str]:
    return {"in_person": translate("Complaints", "in person"),
            "phone": translate("Complaints", "phone"),
            "sms_reply": translate("Complaints", "SMS reply"),
            "survey": translate("Complaints", "survey")}
