"""Error words for settings (shopcrm/config.py, shopcrm/setting_rules.py).

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # -- settings
    "bad_setting": ("تنظیم {key} نامعتبر است: {detail}", "Setting {key} is invalid: {detail}"),
    # -- settings (shopcrm/config.py, shopcrm/setting_rules.py); {key} is the setting's name
    "setting_unknown": (
        "تنظیمی به نام «{key}» وجود ندارد؛ فهرست تنظیم‌ها: shopcrm settings list",
        "There is no setting '{key}'; see them all with: shopcrm settings list",
    ),
    "setting_text": (
        "{key}: یک خط متن تا {maximum} نویسه بنویسید.",
        "{key}: write one line of at most {maximum} characters.",
    ),
    "setting_required": ("{key} نمی‌تواند خالی باشد.", "{key} cannot be empty."),
    "setting_bool": (
        "{key}: بله یا خیر (yes/no) بنویسید، نه «{value}».",
        "{key}: write yes or no, not '{value}'.",
    ),
    "setting_whole": (
        "{key}: یک عدد صحیح از {minimum} تا {maximum} بنویسید، نه «{value}».",
        "{key}: write a whole number from {minimum} to {maximum}, not '{value}'.",
    ),
    "setting_decimal": (
        "{key}: عددی از {minimum} تا {maximum} بنویسید (مثل ۱٫۵)، نه «{value}».",
        "{key}: write a number from {minimum} to {maximum} (like 1.5), not '{value}'.",
    ),
    "setting_choice": (
        "{key}: یکی از این‌ها را بنویسید: {words} (نه «{value}»).",
        "{key}: write one of {choices} (not '{value}').",
    ),
    "setting_url": (
        "{key}: نشانی‌ای مثل https://api.kavenegar.com بنویسید، نه «{value}».",
        "{key}: write an address like https://api.kavenegar.com, not '{value}'.",
    ),
    "setting_sender": (
        "{key}: شماره‌ی خط ارسال فقط رقم است، مثل ۱۰۰۰۴۳۴۶ (نه «{value}»).",
        "{key}: the sender line is digits only, like 10004346 (not '{value}').",
    ),
    "setting_quiet_hours": (
        "{key}: مثل ۲۱:۰۰-۰۸:۰۰ یا خاموش بنویسید، نه «{value}».",
        "{key}: write it like 21:00-08:00, or off; not '{value}'.",
    ),
    "setting_mobile": (
        "{key}: شماره موبایلی مثل ۰۹۱۲۱۲۳۴۵۶۷ بنویسید، نه «{value}».",
        "{key}: write a mobile like 09121234567, not '{value}'.",
    ),
    "setting_email": (
        "{key}: ایمیلی مثل name@example.com بنویسید، نه «{value}».",
        "{key}: write an email like name@example.com, not '{value}'.",
    ),
    "setting_phone": (
        "{key}: شماره تلفن فقط رقم، فاصله، + و - دارد، نه «{value}».",
        "{key}: a phone number holds digits, spaces, + and - only, not '{value}'.",
    ),
    "setting_secret_hidden": (
        "{key} رمز است و چاپ نمی‌شود؛ «shopcrm settings list» فقط نشان می‌دهد که ذخیره شده است.",
        "{key} is a secret and is never printed; 'shopcrm settings list' shows only whether"
        " one is stored.",
    ),
}
