"""Error words for SMS and email sending, and their command-line fixes.

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # -- messaging
    "sms_not_configured": (
        "ارسال پیامک تنظیم نشده است: {detail}. کلید API کاوه‌نگار را در تنظیمات وارد کنید.",
        "SMS sending is not set up: {detail}. Enter the Kavenegar API key in Settings.",
    ),
    "sms_auth": (
        "کاوه‌نگار حساب را نپذیرفت ({detail}). کلید API، فعال بودن حساب و IPهای مجاز را بررسی کنید.",
        "Kavenegar refused the account ({detail}). Check the API key, that the account is"
        " active, and the allowed IP addresses.",
    ),
    "sms_no_credit": (
        "اعتبار حساب کاوه‌نگار کافی نیست. حساب را شارژ کنید و ارسال را ادامه دهید.",
        "The Kavenegar account is out of credit. Top it up, then resume sending.",
    ),
    "sms_invalid_receptor": (
        "کاوه‌نگار شماره‌ی گیرنده را نپذیرفت: {detail}",
        "Kavenegar refused the recipient's number: {detail}",
    ),
    "sms_rejected": (
        "کاوه‌نگار درخواست را نپذیرفت: {detail}",
        "Kavenegar rejected the request: {detail}",
    ),
    "sms_sender_required": (
        "برای پیامک‌های شخصی‌سازی‌شده باید شماره‌ی خط ارسال را در تنظیمات وارد کنید.",
        "Personalised messages need the sender line number; enter it in Settings.",
    ),
    "sms_retryable": (
        "کاوه‌نگار فعلاً پاسخ نمی‌دهد ({detail}). کمی بعد دوباره امتحان کنید.",
        "Kavenegar is not answering right now ({detail}). Try again in a little while.",
    ),
    "sms_malformed": (
        "پاسخ کاوه‌نگار خوانده نشد ({detail}). پیش از ارسال دوباره، وضعیت پیام‌ها بررسی می‌شود.",
        "Kavenegar's reply could not be read ({detail}). The messages' status is checked"
        " before anything is sent again.",
    ),
    "sms_lost_reply": (
        "پاسخ کاوه‌نگار نرسید ({detail}). شاید پیام‌ها ارسال شده باشند؛ پیش از ارسال دوباره"
        " وضعیتشان بررسی می‌شود.",
        "No reply came from Kavenegar ({detail}). The messages may have gone out; their"
        " status is checked before anything is sent again.",
    ),
    "smtp_not_configured": (
        "ارسال ایمیل تنظیم نشده است: {detail}",
        "Email sending is not set up: {detail}",
    ),
    "smtp_auth": (
        "سرور ایمیل نام کاربری یا گذرواژه را نپذیرفت ({detail}).",
        "The mail server refused the user name or password ({detail}).",
    ),
    "smtp_connect": (
        "اتصال به سرور ایمیل برقرار نشد ({detail}). نشانی، درگاه و نوع امنیت را بررسی کنید.",
        "Cannot connect to the mail server ({detail}). Check the host, port and security.",
    ),
    "smtp_sender_refused": (
        "سرور ایمیل نشانی فرستنده را نپذیرفت: {detail}",
        "The mail server refused the sender address: {detail}",
    ),
    "smtp_recipient_refused": (
        "سرور ایمیل نشانی گیرنده را نپذیرفت: {detail}",
        "The mail server refused the recipient's address: {detail}",
    ),
    "smtp_rejected": (
        "سرور ایمیل پیام را نپذیرفت: {detail}",
        "The mail server rejected the message: {detail}",
    ),
    "smtp_temporary": (
        "سرور ایمیل فعلاً پیام را نمی‌پذیرد ({detail}). بعداً دوباره امتحان می‌شود.",
        "The mail server cannot take the message now ({detail}). It will be tried later.",
    ),
    "file_provider_write": (
        "فایل آزمایشی پیام‌ها نوشته نشد: {path} ({detail})",
        "The test message file cannot be written: {path} ({detail})",
    ),
    "template_empty": ("متن پیام خالی است.", "The message text is empty."),
    "template_unknown_placeholder": (
        "جای‌نگهدار {placeholder} شناخته نشد؛ این‌ها را می‌توان به کار برد: {known}",
        "Unknown placeholder {placeholder}; these can be used: {known}",
    ),
    "template_syntax": (
        "متن پیام خوانده نشد ({detail})؛ برای آکولاد تنها {{{{ یا }}}} بنویسید.",
        "The message text cannot be read ({detail}); write {{{{ or }}}} for a lone brace.",
    ),
    "template_missing_value": (
        "متن پیام «{setting_fa}» را لازم دارد ولی این تنظیم خالی است؛ آن را در تنظیمات پر کنید.",
        "The text uses {placeholder} but the setting {setting} is empty; fill it in Settings.",
    ),
    "template_unknown_ready": (
        "قالب آماده‌ی «{key}» وجود ندارد؛ قالب‌ها: {known}",
        "There is no ready template '{key}'; the templates: {known}",
    ),
    "template_subject_personal": (
        "موضوع ایمیل نمی‌تواند نام یا تاریخ مشتری داشته باشد: {subject}",
        "The email subject cannot hold a customer's name or dates: {subject}",
    ),
    "sms_too_long": (
        "پیامک {chars} نویسه است؛ کاوه‌نگار بیش از {limit} نویسه را نمی‌پذیرد.",
        "The SMS is {chars} characters long; Kavenegar takes at most {limit}.",
    ),
    "campaign_not_found": ("کمپین {id} پیدا نشد.", "Campaign {id} was not found."),
    "campaign_busy": (
        "کمپین {id} همین حالا در حال ارسال است (برنامه‌ی دیگری، شناسه‌ی فرایند {pid})؛"
        " صبر کنید تا تمام شود.",
        "Campaign {id} is being sent right now by another program (process {pid});"
        " wait for it to finish.",
    ),
    "campaign_no_recipients": (
        "کسی برای دریافت پیام نماند (کنار گذاشته‌ها: {excluded}).",
        "Nobody is left to receive the message (left out: {excluded}).",
    ),
    "shop_placeholder": (
        "پیش از ارسال واقعی، «{setting_fa}» را در تنظیمات پر کنید (اکنون «{value}» است)؛"
        " نام و نشانی فروشگاه در متن پیام‌ها می‌آید.",
        "Before a real send, fill in the setting '{setting}' in Settings (now '{value}');"
        " the shop's name and address go into the messages.",
    ),
    "campaign_same_unfinished": (
        "کمپین #{id} با همین پیام هنوز تمام نشده است ({pending} پیام مانده)؛ آن را ادامه"
        " دهید: shopcrm resume {id} (یا با --again کمپین تازه‌ای بسازید).",
        "Campaign #{id} with the same message is not finished ({pending} messages left);"
        " resume it: shopcrm resume {id} (or start a new one anyway with --again).",
    ),
    "relocation_no_address": (
        "نشانی جدید فروشگاه را بنویسید، یا آن را در تنظیمات («نشانی جدید») وارد کنید.",
        "Give the new address (--new-address) or set shop.new_address in Settings.",
    ),
    "email_unknown_outcome": (
        "ارسال این ایمیل قطع شد و معلوم نیست رسیده باشد؛ برای جلوگیری از تکرار دوباره"
        " فرستاده نمی‌شود.",
        "Sending this email was cut off and it may or may not have arrived; it is not sent"
        " again, so nobody gets it twice.",
    ),
    "sms_undelivered": (
        "پیامک به گیرنده نرسید: {detail}", "The SMS did not reach the recipient: {detail}"),
    "sms_blocked": (
        "گیرنده دریافت پیامک تبلیغاتی را مسدود کرده است؛ از فهرست پیامک کنار گذاشته شد.",
        "The recipient blocks advertising SMS; they were marked as opted out of SMS.",
    ),
    "birthday_expired": (
        "تبریک تولد روزش فرستاده نشد و دیرهنگام فرستاده نمی‌شود.",
        "The birthday greeting was not sent on the day and is not sent late.",
    ),
    # -- the same situations on the command line: the fix is a `shopcrm settings set` command
    "sms_not_configured@cli": (
        "ارسال پیامک تنظیم نشده است: {detail}. کلید را با «shopcrm settings set sms.api_key"
        " KEY» و «shopcrm settings set sms.provider kavenegar» بدهید.",
        "SMS sending is not set up: {detail}. Give the key with 'shopcrm settings set"
        " sms.api_key KEY' and 'shopcrm settings set sms.provider kavenegar'.",
    ),
    "sms_sender_required@cli": (
        "برای پیامک‌های شخصی‌سازی‌شده شماره‌ی خط ارسال لازم است:"
        " shopcrm settings set sms.sender 10004346",
        "Personalised messages need the sender line number:"
        " shopcrm settings set sms.sender 10004346",
    ),
    "template_missing_value@cli": (
        "متن پیام {placeholder_fa} دارد ولی تنظیم {setting} خالی است:"
        " shopcrm settings set {setting} \"...\"",
        "The text uses {placeholder} but the setting {setting} is empty:"
        " shopcrm settings set {setting} \"...\"",
    ),
    "relocation_no_address@cli": (
        "نشانی جدید را بدهید (--new-address) یا: shopcrm settings set shop.new_address \"...\"",
        "Give the new address (--new-address) or: shopcrm settings set shop.new_address \"...\"",
    ),
    "no_keyring@cli": (
        "کلیدساز (keyring) سیستم در دسترس نیست؛ رمزها را در فایل خصوصی نگه دارید:"
        " shopcrm settings set secrets.store file",
        "No system keyring; keep secrets in a private file:"
        " shopcrm settings set secrets.store file",
    ),
    "no_keyring": (
        "کلیدساز (keyring) سیستم در دسترس نیست؛ یک فایل تنظیمات خصوصی برگزینید"
        " (secrets.store = \"file\").",
        "No system keyring; choose a private settings file (secrets.store = \"file\").",
    ),
}
