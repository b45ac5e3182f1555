"""Error words for loyalty, complaints, inbox, surveys and the daily run's schedule.

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # -- loyalty club and referrals
    "loyalty_disabled": (
        "باشگاه مشتریان خاموش است؛ در تنظیمات (loyalty.enabled) روشنش کنید.",
        "The loyalty club is off; turn it on in the settings (loyalty.enabled).",
    ),
    "points_not_positive": (
        "تعداد امتیاز «{points}» باید عددی درست و بیشتر از صفر باشد.",
        "The number of points '{points}' must be a whole number above zero.",
    ),
    "points_not_enough": (
        "«{name}» {balance} امتیاز دارد؛ {points} امتیاز نمی‌شود خرج کرد.",
        "'{name}' has {balance} points; {points} points cannot be redeemed.",
    ),
    "bad_tiers": (
        "سطح‌های «{value}» خوانده نشد؛ مثل نقره‌ای:500:۵٪ تخفیف;طلایی:1500:۱۰٪ تخفیف بنویسید.",
        "The tiers '{value}' cannot be read; write them like Silver:500:5% off;Gold:1500:10% off.",
    ),
    "referral_loop": (
        "«{referrer}» نمی‌تواند معرف «{name}» باشد: خودش یا معرفی‌شده‌ی اوست.",
        "'{referrer}' cannot have brought '{name}': it is the same customer or one they"
        " brought.",
    ),
    # -- complaints, inbox, surveys (services/retention)
    "complaint_text_required": ("متن شکایت لازم است.", "The complaint's text is required."),
    "bad_complaint_value": (
        "{field} «{value}» شناخته نیست؛ یکی از این‌ها: {valid}",
        "Unknown {field} '{value}'; use one of: {valid}",
    ),
    "complaint_visit_mismatch": (
        "مراجعه {visit} مال این مشتری نیست.",
        "Visit {visit} does not belong to this customer.",
    ),
    "inbox_not_available": (
        "ارسال آزمایشی (فایل) صندوق دریافت ندارد؛ پاسخ مشتریان فقط از کاوه‌نگار خوانده"
        " می‌شود.",
        "The test (file) SMS provider has no inbox: replies can only be read from Kavenegar.",
    ),
    "inbox_no_line": (
        "شماره‌ی خط پیامک (sms.sender) تنظیم نشده است؛ صندوق دریافت بدون آن خوانده"
        " نمی‌شود.",
        "The SMS line (sms.sender) is not set; the inbox cannot be read without it.",
    ),
    "inbound_not_found": ("پیام دریافتی {id} پیدا نشد.", "Received message {id} was not found."),
    "survey_disabled": (
        "نظرسنجی پس از مراجعه خاموش است (survey.enabled)؛ برای ارسال آن را روشن کنید.",
        "The after-visit survey is off (survey.enabled); turn it on to send surveys.",
    ),
    "bad_survey_delay": (
        "تأخیر نظرسنجی «{value}» خوانده نشد؛ «صبح روز بعد» یا تعداد ساعت بنویسید.",
        "The survey delay '{value}' cannot be read; write next_morning or a number of hours.",
    ),
    # -- the daily run's registration with the system's scheduler (services/today/schedule)
    "schedule_bad_time": (
        "ساعت اجرای روزانه «{value}» خوانده نشد؛ مثل ۰۹:۰۰ بنویسید.",
        "The daily run's time '{value}' cannot be read; write it like 09:00.",
    ),
    "schedule_unknown_backend": (
        "زمان‌بند «{value}» شناخته نیست؛ یکی از این‌ها: {known}",
        "Unknown scheduler '{value}'; use one of: {known}",
    ),
    "schedule_tool_missing": (
        "فرمان «{tool}» روی این رایانه نصب نیست، پس اجرای روزانه با آن ثبت نشد.",
        "The {tool} command is not installed on this computer, so the daily run was not "
        "registered with it.",
    ),
    "schedule_tool_failed": (
        "«{tool}» اجرای روزانه را نپذیرفت. {detail}",
        "{tool} refused the daily run. {detail}",
    ),
}
