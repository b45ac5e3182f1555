"""The window's words for complaint severities, statuses and channels (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Complaints", text)


def severity_words() -> dict[str, str]:
    return {"low": _t("low"), "medium": _t("medium"), "high": _t("high")}


def status_words() -> dict[str, str]:
    return {"open": _t("open"), "in_progress": _t("in progress"), "resolved": _t("resolved")}


def channel_words() -> dict[str, str]:
    return {"in_person": _t("in person"), "phone": _t("phone"), "sms_reply": _t("SMS reply"),
            "survey": _t("survey")}
