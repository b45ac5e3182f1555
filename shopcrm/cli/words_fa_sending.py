"""Persian of the sending commands' words: campaigns, the outbox, channels and statuses,
exclusions, repeats, cost, test mode.

Part of the command's Persian catalogue, keyed by English: ``shopcrm.cli.words_fa``
joins the parts into ``WORDS_FA`` (a key is defined once: tests/unit/test_cli_words.py)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    # -- messaging
    "DRY RUN, nothing sent": "آزمایشی، چیزی فرستاده نشد",
    "nobody to send to: every recipient was excluded":
        "گیرنده‌ای نماند: همه‌ی گیرندگان کنار گذاشته شدند",
    "campaign #{id}: sending {n:,} messages": "کمپین #{id}: فرستادن {n:,} پیام",
    "refusing to send without --yes when not at a terminal (see what would be sent with "
    "--dry-run)": "بدون --yes و بیرون از پایانه چیزی فرستاده نمی‌شود (با --dry-run ببینید چه "
                  "فرستاده می‌شد)",
    "refusing to send without --yes when not at a terminal":
        "بدون --yes و بیرون از پایانه چیزی فرستاده نمی‌شود",
    "send {n:,} messages? [y/N] ": "{n:,} پیام فرستاده شود؟ [بله/خیر] ",
    "greet {n:,} customers? [y/N] ": "به {n:,} مشتری تبریک گفته شود؟ [بله/خیر] ",
    "not sent": "فرستاده نشد",
    "stopping after this chunk (Ctrl-C again to interrupt)":
        "پس از همین دسته می‌ایستد (برای توقف فوری دوباره Ctrl-C)",
    "{done:,}/{total:,}  sent {sent:,}  failed {failed:,}":
        "{done:,} از {total:,}  فرستاده {sent:,}  ناموفق {failed:,}",
    "{error} (trying again)": "{error} (دوباره تلاش می‌شود)",
    "campaign #{id} paused ({reason}); continue with: shopcrm resume {id}":
        "کمپین #{id} متوقف شد ({reason})؛ برای ادامه: shopcrm resume {id}",
    "recipients: {n:,} ({channels})": "گیرندگان: {n:,} ({channels})",
    "excluded, {reason}: {n:,}": "کنار گذاشته، {reason}: {n:,}",
    "{n:,} x {parts} part": "{n:,} پیام {parts} بخشی",
    "{n:,} x {parts} parts": "{n:,} پیام {parts} بخشی",
    "SMS: {size} characters a message; {per}; {parts:,} parts in all ({line} line)":
        "پیامک: {size} نویسه در هر پیام؛ {per}؛ روی هم {parts:,} بخش (خط {line})",
    "credit left: {amount}": "اعتبار باقی‌مانده: {amount}",
    "credit left: unknown ({error})": "اعتبار باقی‌مانده: نامعلوم ({error})",
    "queued until {time} UTC (quiet hours): {n:,}":
        "در صف تا ساعت {time} به وقت جهانی (ساعات سکوت): {n:,}",
    "{placeholder} is empty for {n:,} messages": "{placeholder} در {n:,} پیام خالی است",
    "--- {channel} example ---": "--- نمونه‌ی {channel} ---",
    "campaign #{id}: {status}": "کمپین #{id}: {status}",
    "; sent {sent:,}, failed {failed:,}": "؛ فرستاده {sent:,}، ناموفق {failed:,}",
    ", queued {n:,}": "، در صف {n:,}",
    ", not yet sent {n:,}": "، هنوز فرستاده‌نشده {n:,}",
    "; cost {amount}": "؛ هزینه {amount}",
    "name a CAMPAIGN, or give --all": "شماره‌ی کمپین را بدهید، یا --all",
    "nothing to resume": "کمپینی برای ادامه نیست",
    "campaign #{id} {status}: {sent:,} sent, {pending:,} not sent (shopcrm resume {id} sends "
    "them)": "کمپین #{id} {status}: {sent:,} فرستاده، {pending:,} فرستاده‌نشده (shopcrm resume "
             "{id} آن‌ها را می‌فرستد)",
    "no campaigns yet": "هنوز کمپینی نیست",
    "no messages": "پیامی نیست",
    "checked {checked:,} messages: {delivered:,} delivered, {failed:,} failed; {opted:,} "
    "customers opted out": "{checked:,} پیام وارسی شد: {delivered:,} رسیده، {failed:,} ناموفق؛ "
                           "{opted:,} مشتری لغو اشتراک کردند",
    "{provider}: {n:,} {unit} left": "{provider}: {n:,} {unit} باقی‌مانده",
    "{provider}: unknown": "{provider}: نامعلوم",
    "{chars:,} characters, {parts:,} part": "{chars:,} نویسه، {parts:,} بخش",
    "{chars:,} characters, {parts:,} parts": "{chars:,} نویسه، {parts:,} بخش",
    " (Persian: 70/67 a part)": " (فارسی: ۷۰ نویسه در تک‌بخشی، ۶۷ در هر بخشِ چندبخشی)",
    " (160/153 a part)": " (لاتین: ۱۶۰ نویسه در تک‌بخشی، ۱۵۳ در هر بخشِ چندبخشی)",
    "empty for this customer: {names}": "برای این مشتری خالی است: {names}",
    "{title} (--template {key})": "{title} (--template {key})",
    "no birthdays today": "امروز تولد کسی نیست",
    "campaign #{id}: everyone was greeted already": "کمپین #{id}: به همه پیش‌تر تبریک گفته شده",
    "name the audience with one of --segment, --search, --all, --phones or --ids":
        "گیرندگان را با یکی از --segment، --search، --all، --phones یا --ids مشخص کنید",
    "--ids: not a list of numbers: {value}": "--ids: فهرستی از عددها نیست: {value}",
    "give the message with --text TEMPLATE or --template NAME":
        "متن پیام را با --text یا --template بدهید",
    # channels, statuses, reasons (codes shown to the owner)
    "both": "پیامک و ایمیل",
    "prefer_email": "ایمیل، وگرنه پیامک",
    "draft": "پیش‌نویس",
    "sending": "در حال ارسال",
    "paused": "متوقف",
    "done": "تمام‌شده",
    "cancelled": "لغوشده",
    "planned": "برنامه‌ریزی‌شده",
    "not_sent": "فرستاده‌نشده",
    "queued": "در صف",
    "invalid": "نامعتبر",
    "unknown": "نامعلوم",
    "quiet_hours": "ساعات سکوت",
    "stopped": "به دست شما",
    "unreachable": "سرویس در دسترس نبود",
    "no_credit": "اعتبار پیامک تمام شده",
    "auth": "کلید سرویس پیامک پذیرفته نشد",
    "not_configured": "سرویس پیامک تنظیم نشده",
    "rejected": "سرویس پیامک نپذیرفت",
    "email_auth": "ورود به سرور ایمیل پذیرفته نشد",
    "email_not_configured": "ایمیل تنظیم نشده",
    "email_rejected": "سرور ایمیل فرستنده را نپذیرفت",
    "opted out": "لغو اشتراک کرده",
    "no mobile": "بی‌موبایل",
    "invalid mobile": "موبایل نامعتبر",
    "duplicate mobile": "موبایل تکراری",
    "duplicate email": "ایمیل تکراری",
    "already in campaign": "پیش‌تر در همین کمپین",
    "not in book": "در دفتر نیست",
    "not found": "پیدا نشد",
    "service line": "خدماتی",
    "advertising line": "تبلیغاتی",
    "provider kavenegar": "کاوه‌نگار",
    "provider file": "حالت آزمایشی (پیامک‌ها در فایل نوشته می‌شوند)",
    "provider none": "بدون سرویس پیامک",
    # -- sending: exclusions, repeats, cost, test mode, unknown emails (was sending_words)
    "give --resend or --drop, not both": "‎--resend‎ یا ‎--drop‎، نه هر دو",
    "resume campaign #{id} instead? [y/N] ": "به جای آن، کمپین #{id} ادامه یابد؟ [بله/خیر] ",
    "campaign #{id} with the same message is unfinished: shopcrm resume {id}":
        "کمپین #{id} با همین پیام تمام نشده: shopcrm resume {id}",
    "test mode: nothing will leave this machine; the messages will be written to {path}":
        "حالت آزمایشی: هیچ پیامی از این رایانه بیرون نمی‌رود؛ پیام‌ها در {path} نوشته می‌شوند",
    "a Kavenegar API key is set but sms.provider is file; set it to kavenegar or auto to "
    "send for real":
        "کلید API کاوه‌نگار وارد شده ولی sms.provider روی «file» است؛ برای ارسال واقعی آن را "
        "«kavenegar» یا «auto» کنید",
    "; {n:,} written to the test file (not sent)":
        "؛ {n:,} پیام در فایل آزمایشی نوشته شد (ارسال نشد)",
    "{n:,} failed messages were tried again": "{n:,} پیام ناموفق دوباره فرستاده شد",
    "the failed: shopcrm outbox --campaign {id} --status failed; try again: shopcrm resume "
    "{id}": "ناموفق‌ها: shopcrm outbox --campaign {id} --status failed؛ "
            "دوباره: shopcrm resume {id}",
    "test mode": "حالت آزمایشی",
    "test (not sent)": "آزمایشی (ارسال نشد)",
    "test mode: there is no SMS account; messages are written to {path} and none is sent. "
    "Enter a Kavenegar API key to send for real.":
        "حالت آزمایشی: حساب پیامکی در کار نیست؛ پیام‌ها در {path} نوشته می‌شوند و هیچ پیامی "
        "ارسال نمی‌شود. برای ارسال واقعی کلید API کاوه‌نگار را وارد کنید.",
    "{n:,} emails are pending again: shopcrm resume {id}":
        "{n:,} ایمیل دوباره در صف ارسال است: shopcrm resume {id}",
    "{n:,} emails dropped": "{n:,} ایمیل کنار گذاشته شد",
    "no email has an unknown outcome": "ایمیلی با سرنوشت نامعلوم نیست",
    "audience: {n:,} customers (as in Reports); the snoozed and the recently contacted are "
    "left out, as on the Win-back list":
        "مخاطبان: {n:,} نفر (مثل گزارش‌ها)؛ به‌تعویق‌افتاده‌ها و تماس‌گرفته‌های اخیر کنار "
        "می‌روند، مثل فهرست بازگرداندن",
    " (last on {day}, within {days:,} days)": " (آخرین بار {day}، در {days:,} روز گذشته)",
    "with --again: {n:,} will get this message a second time":
        "با --again: {n:,} نفر این پیام را برای بار دوم می‌گیرند",
    "cost: nothing (test mode)": "هزینه: صفر (حالت آزمایشی)",
    "learned from earlier sends": "از ارسال‌های قبلی",
    "from the settings": "از تنظیمات",
    "estimated cost: {money} ({parts:,} parts x {price} a part, {src})":
        "هزینه‌ی تخمینی: {money} ({parts:,} بخش × {price} هر بخش، {src})",
    "test mode: nothing left this machine; the messages were written to {path}":
        "حالت آزمایشی: هیچ پیامی از این رایانه بیرون نرفت؛ پیام‌ها در {path} نوشته شدند",
    "finished with {n:,} failed": "پایان با {n:,} ناموفق",
    "{n:,} emails have an unknown outcome: the connection to the mail server was cut while "
    "they were handed over. Resending may give some of them the email twice; dropping may "
    "leave some without it.":
        "{n:,} ایمیل سرنوشت نامعلوم دارند: ارتباط با سرور ایمیل وسط تحویل قطع شد. ارسال "
        "دوباره ممکن است به بعضی دو ایمیل برساند؛ کنار گذاشتن ممکن است بعضی را بی‌پیام "
        "بگذارد.",
    "already in this campaign": "از قبل در این کمپین",
    "not in the book": "در دفتر نیست",
    "in the trash": "در سطل زباله",
    "snoozed": "به تعویق انداخته",
    "contacted recently": "به‌تازگی تماس گرفته",
    "has an open complaint": "شکایت باز دارد",
    "already got this message": "همین پیام را گرفته",
    "waiting in an unfinished campaign": "در کمپین ناتمام منتظر",
    "--phones: {message}": "‎--phones‎: {message}",
    "no": "خیر",
    "* = the period is still running": "* = این دوره هنوز تمام نشده",
}
