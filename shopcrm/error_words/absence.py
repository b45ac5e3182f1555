"""Error words for segments, absence and reports.

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # -- segments and absence
    "bad_rule": (
        "مقدار {name} باید {rule} باشد (داده‌شده: {value}).",
        "{name} must be {rule} (given: {value}).",
    ),
    "unknown_segment": (
        "بخش «{name}» شناخته نیست. بخش‌ها: {valid}",
        "Unknown segment '{name}'. Segments: {valid}",
    ),
    "bad_segment_value": (
        "بخش «{name}» به {detail} نیاز دارد.",
        "Segment '{name}' needs {detail}.",
    ),
    "segment_needs_book": (
        "بخش «{segment}» برای تاریخی در گذشته فقط همراه دفتر مشتریان حساب می‌شود.",
        "Segment '{segment}' for a past date can only be computed with the book open.",
    ),
    "bad_contact_kind": (
        "نوع تماس «{kind}» شناخته نیست؛ یکی از این‌ها: {valid}",
        "Unknown kind of contact '{kind}'; use one of: {valid}",
    ),
    "bad_call_outcome": (
        "نتیجه‌ی تماس «{outcome}» شناخته نیست؛ یکی از این‌ها: {valid}",
        "Unknown call outcome '{outcome}'; use one of: {valid}",
    ),
    "complaint_not_found": ("شکایت {id} پیدا نشد.", "Complaint {id} was not found."),
    "single_sms_already_sent": (
        "همین پیامک امروز برای این مشتری فرستاده شده است.",
        "This message was already sent to this customer today.",
    ),
    "complaint_empty": ("متن شکایت را بنویسید.", "Write what the complaint is about."),
    "bad_snooze_days": (
        "تعویق باید بین ۱ تا {max} روز باشد (داده‌شده: {days}).",
        "A snooze must be 1 to {max} days (given: {days}).",
    ),
    "bad_days": (
        "تعداد روزها باید بین ۰ تا {max} باشد (داده‌شده: {days}).",
        "The number of days must be 0 to {max} (given: {days}).",
    ),
    "bad_period": (
        "دوره‌ی «{period}» شناخته نیست؛ یکی از این‌ها: {valid}",
        "Unknown period '{period}'; use one of: {valid}",
    ),
    "bad_range": (
        "تاریخ شروع ({start}) بعد از تاریخ پایان ({end}) است.",
        "The start date ({start}) is after the end date ({end}).",
    ),
    # -- reports
    "report_future_period": (
        "دوره از {start} شروع می‌شود که بعد از امروز ({today}) است؛ هنوز گزارشی ندارد.",
        "The period starts on {start}, after today ({today}); there is nothing to report yet.",
    ),
    "report_period_too_long": (
        "دوره {months} ماه است؛ بیشترین طول گزارش {limit} ماه است.",
        "The period is {months} months long; a report covers at most {limit} months.",
    ),
    "report_unknown_chart": (
        "نمودار «{name}» شناخته نیست؛ نمودارها: {names}",
        "Unknown chart '{name}'; the charts are: {names}",
    ),
    "report_series_missing": (
        "گزارش بدون داده‌ی «{name}» ساخته شده است.",
        "The report was made without the '{name}' series.",
    ),
    "report_bad_format": (
        "نمودار فقط با قالب {formats} ذخیره می‌شود: «{file}»",
        "Charts are saved as {formats} only: '{file}'",
    ),
    "report_bad_lang": (
        "زبان نمودار «{lang}» شناخته نیست؛ fa یا en.",
        "Unknown chart language '{lang}'; use fa or en.",
    ),
    "report_write_failed": (
        "نمودار در «{file}» ذخیره نشد: {detail}",
        "The chart cannot be written to '{file}': {detail}",
    ),
}
