"""Persian of the ``shopcrm`` command's help texts, keyed by the English help text.

``words.translate_help`` swaps them in after the parser is built; a help text without an
entry stays English (``tests/integration/test_cli_language.py`` checks the main ones).
Placeholders for values (metavars such as ``FILE``, and argparse's own: an option's dest in
capitals such as ``LIMIT``, a positional's dest such as ``visit_id``) are in ``METAVARS_FA``.
"""

from __future__ import annotations

METAVARS_FA: dict[str, str] = {
    "COMMAND": "فرمان",
    "ACTION": "کار",
    "FILE": "فایل",
    "BATCH": "شماره‌ی_ورود",
    "DATE": "تاریخ",
    "NAME": "نام",
    "DIR": "پوشه",
    "PATH": "مسیر",
    "ID": "شناسه",
    "OUT.xlsx": "خروجی.xlsx",
    "COLUMN=FIELD,...": "ستون=فیلد،...",
    "URL": "نشانی",
    # argparse's own placeholders: an option's dest in capitals, a positional's dest
    "PHONE": "موبایل",
    "PHONES": "موبایل‌ها",
    "MOBILE": "موبایل",
    "PHONE2": "تلفن",
    "CUSTOMER_ID": "شناسه",
    "IDS": "شناسه‌ها",
    "ids": "شناسه‌ها",
    "visit_id": "شناسه‌ی_مراجعه",
    "complaint_id": "شناسه‌ی_شکایت",
    "campaign": "شناسه‌ی_کمپین",
    "CAMPAIGN": "شناسه‌ی_کمپین",
    "keep": "نگه‌داشتنی",
    "other": "دیگری",
    "file": "فایل",
    "key": "تنظیم",
    "value": "مقدار",
    "section": "بخش",
    "LIMIT": "شمار",
    "OFFSET": "از_ردیف",
    "CUSTOMERS": "شمار_مشتری",
    "SEED": "دانه",
    "SEARCH": "جست‌وجو",
    "SEGMENT": "بخش",
    "AS_OF": "تاریخ",
    "DATE_FROM": "از_تاریخ",
    "DATE_TO": "تا_تاریخ",
    "SINCE": "از_تاریخ",
    "AT": "زمان",
    "TIME": "ساعت",
    "DAYS": "روز",
    "MIN_VISITS": "شمار_مراجعه",
    "FACTOR": "ضریب",
    "TEXT": "متن",
    "SUBJECT": "موضوع",
    "NOTE": "یادداشت",
    "NOTES": "یادداشت",
    "NEW_ADDRESS": "نشانی_تازه",
    "ADDRESS": "نشانی",
    "EMAIL": "ایمیل",
    "BIRTHDAY": "تاریخ_تولد",
    "GENDER": "جنسیت",
    "CITY": "شهر",
    "REFERRAL": "معرف",
    "TAGS": "برچسب‌ها",
    "AMOUNT": "مبلغ",
    "SERVICE": "خدمت",
    "STAFF": "کارمند",
    "PAYMENT_METHOD": "نحوه‌ی_پرداخت",
    "SATISFACTION": "رضایت",
    "POINTS": "امتیاز",
    "VISIT": "مراجعه",
    "STATUS": "وضعیت",
    "BY": "نام_پیگیر",
    "SHEET": "برگه",
    "HEADER_ROW": "ردیف_سرستون",
}

HELP_FA: dict[str, str] = {
    "ShopCRM: the customer book from the command line.": "ShopCRM: دفتر مشتریان از خط فرمان.",
    "database URL (default: the book in the user data dir; env SHOPCRM_DB)":
        "نشانی پایگاه داده (پیش‌فرض: دفتر در پوشه‌ی داده‌های کاربر؛ متغیر SHOPCRM_DB)",
    "print one JSON document on stdout": "خروجی به صورت یک سند JSON",
    "language of messages (default: env SHOPCRM_LANG, else the ui.language setting, else fa)":
        "زبان پیام‌ها: fa یا en (پیش‌فرض: متغیر SHOPCRM_LANG، وگرنه تنظیم ui.language، "
        "وگرنه فارسی)",
    # commands
    "create the book (or upgrade it)": "ساختن دفتر (یا به‌روز کردن آن)",
    "check the book's file for damage": "وارسی فایل دفتر برای آسیب",
    "add a realistic demo book (Persian names, two years of visits)":
        "افزودن دفتر نمونه (نام‌های فارسی، دو سال مراجعه)",
    "add, show, edit, delete, restore, merge one customer":
        "افزودن، نمایش، ویرایش، حذف، بازیابی یا ادغام یک مشتری",
    "list or search customers": "فهرست یا جست‌وجوی مشتریان",
    "likely duplicate customers (same email or name)":
        "مشتریان احتمالاً تکراری (ایمیل یا نام یکسان)",
    "record, edit or delete a visit": "ثبت، ویرایش یا حذف یک مراجعه",
    "a customer's visit history": "سابقه‌ی مراجعه‌های یک مشتری",
    "regulars who have not come for a long time, most valuable first":
        "مشتریان ثابتی که مدت‌هاست نیامده‌اند، باارزش‌ترها نخست",
    "customers late by their own rhythm, most valuable first":
        "مشتریانی که نسبت به روال خودشان دیر کرده‌اند، باارزش‌ترها نخست",
    "log a call or message; snooze a customer on the follow-up lists":
        "ثبت تماس یا پیام؛ کنار گذاشتن موقت مشتری از فهرست‌های پیگیری",
    "how many customers each segment holds, with RFM":
        "شمار مشتریان هر بخش، با گروه‌بندی ارزش مشتری",
    "customer retention per Jalali month, quarter or year":
        "ماندگاری مشتریان در هر ماه، فصل یا سال شمسی",
    "customers whose Jalali birthday is within the next days":
        "مشتریانی که تولد شمسی‌شان در روزهای آینده است",
    "import a customer list (.xlsx .xlsm .xls .ods .csv); 'import undo BATCH' undoes one":
        "ورود فهرست مشتریان (.xlsx .xlsm .xls .ods .csv)؛ «import undo شماره» یک ورود را "
        "برمی‌گرداند",
    "import a sheet of visits, attached to customers by mobile (or an unambiguous name)":
        "ورود برگه‌ی مراجعه‌ها، وصل به مشتریان با موبایل (یا نامِ بی‌ابهام)",
    "the imports of the book, newest first": "ورودهای دفتر، تازه‌ترین نخست",
    "write customers, visits, the absent or overdue list or a campaign's results to .xlsx":
        "نوشتن مشتریان، مراجعه‌ها، فهرست غایبان یا دیرکرده‌ها یا نتیجه‌ی یک کمپین در .xlsx",
    "send an SMS or email campaign to an audience": "فرستادن کمپین پیامک یا ایمیل به گروهی",
    "tell every customer not opted out the shop's new address":
        "خبر دادن نشانی تازه‌ی فروشگاه به همه‌ی مشتریانی که لغو اشتراک نکرده‌اند",
    "list campaigns": "فهرست کمپین‌ها",
    "messages of the outbox": "پیام‌های صف ارسال",
    "go on sending a campaign where it stopped": "ادامه‌ی ارسال کمپین از جایی که ایستاد",
    "stop a campaign (a running send stops after its chunk)":
        "توقف یک کمپین (ارسالِ در جریان پس از دسته‌ی کنونی می‌ایستد)",
    "ask the gateway for the delivery of sent SMS": "پرسیدن وضعیت رسیدن پیامک‌های فرستاده",
    "the SMS account's credit": "اعتبار حساب پیامک",
    "preview a message, list ready templates": "پیش‌نمایش پیام، فهرست متن‌های آماده",
    "every report series by Jalali month (visits, revenue, retention, absent, RFM, cities, "
    "services, messages, win-back)":
        "همه‌ی گزارش‌ها به تفکیک ماه شمسی (مراجعه، درآمد، ماندگاری، غایبان، گروه‌های ارزش، "
        "شهرها، خدمات، پیام‌ها، بازگشت)",
    "draw one chart of the report to a PNG or PDF file": "کشیدن یک نمودار در فایل PNG یا PDF",
    "draw every chart of the report into a folder": "کشیدن همه‌ی نمودارها در یک پوشه",
    "back up the book now (verified copy; SQLite only)":
        "پشتیبان‌گیری همین حالا (نسخه‌ی وارسی‌شده؛ فقط SQLite)",
    "list the backups, newest first": "فهرست پشتیبان‌ها، تازه‌ترین نخست",
    "replace the book with a backup (the current book is backed up first)":
        "جایگزینی دفتر با یک پشتیبان (نخست از دفتر کنونی پشتیبان گرفته می‌شود)",
    "versions, settings (secrets masked) and the last log lines, for support":
        "نسخه‌ها، تنظیمات (رمزها پوشیده) و آخرین خطوط گزارش کار، برای پشتیبانی",
    "the slower, complete check": "وارسی کامل و کندتر",
    # customers
    "add a customer": "افزودن مشتری",
    "show one customer": "نمایش یک مشتری",
    "change a customer's fields": "ویرایش مشخصات مشتری",
    "move a customer to the trash": "بردن مشتری به سطل زباله",
    "restore from the trash": "بازیابی از سطل زباله",
    "merge OTHER into KEEP (each a mobile, or #ID)":
        "ادغام دومی در اولی (هر کدام موبایل یا #شناسه)",
    "full name": "نام کامل",
    "mobile number": "شماره‌ی موبایل",
    "second phone (landline)": "تلفن دوم (ثابت)",
    "Jalali (1370/01/05) or ISO (1991-03-25)": "شمسی (۱۳۷۰/۰۱/۰۵) یا میلادی (1991-03-25)",
    "female|male|زن|مرد": "زن|مرد (یا female|male)",
    "who referred them / how they found the shop": "معرف / از کجا با فروشگاه آشنا شد",
    "comma-separated tags": "برچسب‌ها، جدا با ویرگول",
    "notes": "یادداشت",
    "the customer's mobile (any spelling)": "موبایل مشتری (به هر شکل نوشتن)",
    "the customer's id": "شناسه‌ی مشتری",
    "name, mobile, email or notes (substring); \"referrer: NAME\" lists whom someone brought":
        "بخشی از نام، موبایل، ایمیل یا یادداشت؛ «معرف: نام» معرفی‌شده‌های یک نفر را می‌آورد",
    "all, regular, absent, overdue, vip, tag:NAME, ...":
        "all (همه)، regular (ثابت)، absent (غایب)، overdue (دیرکرده)، vip (ویژه)، tag:نام، ...",
    "list the trash": "فهرست سطل زباله",
    # visits
    "record a visit": "ثبت مراجعه",
    "change a visit": "ویرایش مراجعه",
    "delete a visit": "حذف مراجعه",
    "Jalali or ISO date, optional time HH:MM (default: now)":
        "تاریخ شمسی یا میلادی، با ساعت دلخواه HH:MM (پیش‌فرض: اکنون)",
    "amount in rials (Persian digits and 1,200,000 fine)":
        "مبلغ به ریال (رقم فارسی و جداکننده مانند ۱٬۲۰۰٬۰۰۰ پذیرفته است)",
    "cash, card, transfer, ...": "نقد، کارت، انتقال، ...",
    "1 to 5": "۱ تا ۵",
    # absence
    "reference date, Jalali or ISO (default: today); visits after it are ignored":
        "تاریخ مبنا، شمسی یا میلادی (پیش‌فرض: امروز)؛ مراجعه‌های پس از آن به حساب نمی‌آیند",
    "absent after this many days (default: setting absence.absent_days, 90)":
        "غایب پس از این چند روز (پیش‌فرض: تنظیم absence.absent_days، ۹۰)",
    "visits that make a regular (default: setting absence.min_visits, 3)":
        "شمار مراجعه‌ای که مشتری را ثابت می‌کند (پیش‌فرض: تنظیم absence.min_visits، ۳)",
    "also list customers contacted in the last absence.contacted_days days":
        "مشتریانی را هم که در absence.contacted_days روز گذشته با آن‌ها تماس گرفته شده بیاور",
    "at least this many days since the last visit (default: setting "
    "absence.overdue_min_days, 21)":
        "دست‌کم این چند روز از آخرین مراجعه (پیش‌فرض: تنظیم absence.overdue_min_days، ۲۱)",
    "distinct visit days needed (default 3)": "شمار روزهای مراجعه‌ی لازم (پیش‌فرض ۳)",
    "overdue beyond this many usual gaps (default: setting absence.overdue_factor, 2)":
        "دیرکرده پس از این چند برابر فاصله‌ی معمول (پیش‌فرض: تنظیم absence.overdue_factor، ۲)",
    "record a call, SMS, email or visit talk": "ثبت تماس، پیامک، ایمیل یا گفت‌وگوی حضوری",
    "hide a customer from the follow-up lists for some days":
        "پنهان کردن مشتری از فهرست‌های پیگیری برای چند روز",
    "end a snooze now": "پایان همین حالای کنار گذاشتن موقت",
    "what was said": "آنچه گفته شد",
    "reference date (default: today)": "تاریخ مبنا (پیش‌فرض: امروز)",
    "first day (default: a span of 12 months, 8 quarters or 3 years)":
        "روز نخست (پیش‌فرض: بازه‌ی ۱۲ ماه، ۸ فصل یا ۳ سال)",
    "last day (default: today)": "روز پایانی (پیش‌فرض: امروز)",
    "greeting (--send)": "تبریک (--send)",
    "within this many days (0 = today; default 7)": "تا این چند روز دیگر (۰ = امروز؛ پیش‌فرض ۷)",
    "count from this date (default: today)": "شمارش از این تاریخ (پیش‌فرض: امروز)",
    "greet today's birthdays (once per customer per year; safe to run every day from a "
    "scheduler)": "تبریک تولدهای امروز (سالی یک بار برای هر مشتری؛ اجرای روزانه بی‌خطر است)",
    "your own greeting instead of the ready one": "متن تبریک خودتان به جای متن آماده",
    "send without asking": "فرستادن بدون پرسش",
    # Excel
    "the workbook, or 'undo'": "فایل اکسل، یا undo",
    "with 'undo': the import number (see shopcrm imports)":
        "همراه undo: شماره‌ی ورود (در shopcrm imports)",
    "the sheet to read (default: the one that looks like the list)":
        "برگه‌ای که خوانده شود (پیش‌فرض: برگه‌ای که به فهرست می‌ماند)",
    'map columns by hand, e.g. --map "اسم=name، شماره=mobile"; remembered for the next file '
    "with the same headers":
        'ستون‌ها را دستی نسبت دهید، مثلاً --map "اسم=نام، شماره=موبایل"؛ برای فایل بعدی با '
        "همین سرستون‌ها به یاد می‌ماند",
    "the header's row number, when the guess is wrong":
        "شماره‌ی ردیف سرستون‌ها، وقتی حدس برنامه نادرست است",
    "report exactly what would happen, row by row; write nothing":
        "گزارش دقیق آنچه رخ می‌داد، ردیف به ردیف؛ چیزی نوشته نمی‌شود",
    "write the rows not imported, with a reason column, to fix and import again":
        "ردیف‌های واردنشده را با ستون دلیل بنویس تا اصلاح و دوباره وارد شوند",
    "do not back up the book first (SQLite books are backed up before an import or an undo "
    "when backup.auto is on)":
        "پیش از کار پشتیبان نگیر (وقتی backup.auto روشن است از دفترهای SQLite پیش از ورود یا "
        "برگرداندن پشتیبان گرفته می‌شود)",
    "a customer already in the book (same mobile, else email): leave it (skip, default), "
    "fill its empty fields, or overwrite them":
        "مشتریِ از پیش در دفتر (همان موبایل، وگرنه همان ایمیل): دست نزن (skip، پیش‌فرض)، "
        "جاهای خالی را پر کن (fill)، یا رویش بنویس (overwrite)",
    "undo: go ahead even if customers changed since the import":
        "برگرداندن: حتی اگر مشتریان پس از ورود تغییر کرده‌اند انجام شود",
    "create a customer for a mobile (or name) not in the book (default: skip such rows)":
        "برای موبایل (یا نامِ) ناموجود در دفتر مشتری بساز (پیش‌فرض: چنین ردیف‌هایی کنار "
        "گذاشته می‌شوند)",
    "the .xlsx to write (replaced if it exists)":
        "فایل .xlsx برای نوشتن (اگر باشد جایگزین می‌شود)",
    "customers of a segment (all, regular, absent, vip, rfm:lost, tag:NAME, ...)":
        "مشتریان یک بخش (all، regular، absent، vip، rfm:lost، tag:نام، ...)",
    "customers matching a search, as in the list": "مشتریانِ جور با یک جست‌وجو، مانند فهرست",
    "--what campaign: its id": "همراه --what campaign: شناسه‌ی کمپین",
    "reference date for segments and the follow-up lists, Jalali or ISO (default: today)":
        "تاریخ مبنا برای بخش‌ها و فهرست‌های پیگیری، شمسی یا میلادی (پیش‌فرض: امروز)",
    "headers and words of the sheet (default: the command's language; fa is right to left)":
        "زبان سرستون‌ها و واژه‌های برگه (پیش‌فرض: زبان فرمان؛ fa راست به چپ)",
    # messaging
    "audience (one of)": "گیرندگان (یکی از این‌ها)",
    "sms, email, both (to everyone), prefer-email (email where there is an address, SMS for "
    "the rest)": "sms (پیامک)، email (ایمیل)، both (هر دو برای همه)، prefer-email (ایمیل برای "
                 "دارندگان نشانی، پیامک برای بقیه)",
    "the campaign's name": "نام کمپین",
    "show recipients, exclusions, parts and credit; send nothing":
        "نمایش گیرندگان، کنارگذاشته‌ها، بخش‌های پیامک و اعتبار؛ چیزی فرستاده نمی‌شود",
    "all, regular, absent, overdue, vip, rfm:NAME, birthday:DAYS, tag:NAME, new, ...":
        "all، regular، absent، overdue، vip، rfm:نام، birthday:روز، tag:نام، new، ...",
    "customers matching this search": "مشتریانِ جور با این جست‌وجو",
    "every customer": "همه‌ی مشتریان",
    "mobiles, comma-separated": "موبایل‌ها، جدا با ویرگول",
    "customer ids, comma-separated": "شناسه‌های مشتری، جدا با ویرگول",
    "the template: {name} {first_name} {shop} {shop_address} {shop_phone} {last_visit} "
    "{days_absent} {new_address}":
        "متن پیام با جای‌گذارها: {نام} {نام_کوچک} {فروشگاه} {نشانی} {تلفن} {آخرین_مراجعه} "
        "{روز_غیبت} {نشانی_جدید}",
    "a ready template": "یک متن آماده",
    "email subject (default: the shop's name)": "موضوع ایمیل (پیش‌فرض: نام فروشگاه)",
    "for {new_address} (default: shop.new_address)": "برای {نشانی_جدید} (پیش‌فرض: shop.new_address)",
    "the new address (default: shop.new_address)": "نشانی تازه (پیش‌فرض: shop.new_address)",
    "your own text instead of the ready one": "متن خودتان به جای متن آماده",
    "pending, sending, sent, delivered, failed, invalid, unknown":
        "pending (در انتظار)، sending، sent (فرستاده)، delivered (رسیده)، failed (ناموفق)، "
        "invalid، unknown",
    "every campaign left unfinished (not cancelled, not stopped by you): for a scheduler":
        "همه‌ی کمپین‌های ناتمام (نه لغوشده، نه متوقف‌شده به دست شما): برای اجرای زمان‌بندی‌شده",
    "the message one customer would get": "پیامی که یک مشتری دریافت می‌کرد",
    "the ready templates": "متن‌های آماده",
    # reports
    "first month (a day in it), Jalali or ISO (default: 11 months before this one)":
        "ماه نخست (روزی در آن)، شمسی یا میلادی (پیش‌فرض: ۱۱ ماه پیش از این ماه)",
    "last month (a day in it), Jalali or ISO (default: this month)":
        "ماه پایانی (روزی در آن)، شمسی یا میلادی (پیش‌فرض: همین ماه)",
    "FILE.png or FILE.pdf": "فایل.png یا فایل.pdf",
    "the folder": "پوشه",
    # backups
    "folder to write to (default: setting backup.dir, else the backups folder in the user "
    "data dir)": "پوشه‌ی مقصد (پیش‌فرض: تنظیم backup.dir، وگرنه پوشه‌ی backups در داده‌های "
                 "کاربر)",
    "another backup folder to list": "پوشه‌ی پشتیبان دیگری برای فهرست",
    "check every backup again (integrity and schema)":
        "وارسی دوباره‌ی همه‌ی پشتیبان‌ها (سلامت و ساختار)",
    "the backup file": "فایل پشتیبان",
    "restore the newest good backup of the backup folder":
        "بازیابی تازه‌ترین پشتیبانِ سالمِ پوشه‌ی پشتیبان",
    "do not ask (needed when there is no terminal)": "بدون پرسش (بیرون از پایانه لازم است)",
    "what came of a call": "نتیجه‌ی تماس",
    "the day, Jalali or ISO (default: today)": "روز، شمسی یا میلادی (پیش‌فرض: امروز)",
    "people on the call list": "چند نفر در فهرست تماس",
    "first day of contacts (default: 365 days before --to)":
        "نخستین روزِ تماس‌ها (پیش‌فرض: ۳۶۵ روز پیش از ‎--to‎)",
    "run without asking": "بدون پرسش انجام شود",
    "default: systemd user timer (cron without it) on Linux, Task Scheduler on Windows, "
    "launchd on macOS":
        "پیش‌فرض: زمان‌سنج systemd کاربر (بدون آن cron) در لینوکس، "
        "Task Scheduler در ویندوز، launchd در مک",
    "HH:MM (default: setting daily.time, 09:00)": "ساعت:دقیقه (پیش‌فرض: تنظیم daily.time، ۰۹:۰۰)",
    "write the files only; do not ask the scheduler to load them":
        "فقط فایل‌ها نوشته شوند؛ از زمان‌بند خواسته نشود آن‌ها را بار کند",
    "how they found the shop (Instagram, Divar...)":
        "از کجا با فروشگاه آشنا شده (اینستاگرام، دیوار...)",
    "the customer who brought them: a mobile or #ID": "مشتری معرف: موبایل یا #شناسه",
    "the customer who brought them: a mobile or #ID; 'none' removes the link":
        "مشتری معرف: موبایل یا #شناسه؛ «none» پیوند را برمی‌دارد",
    "ledger entries shown": "چند ردیف از دفتر امتیاز نشان داده شود",
    "how many (Persian digits fine)": "چند امتیاز (رقم فارسی هم درست است)",
    "the visit it is redeemed at": "مراجعه‌ای که امتیاز در آن خرج می‌شود",
    "send (without it: who is due, nothing sent)":
        "بفرست (بدون آن: فقط فهرست کسانی که نوبتشان است؛ چیزی فرستاده نمی‌شود)",
    # -- merged later: amounts in the owner's currency, repeats, notices, unknown emails
    "amount in the owner's currency (ui.currency: toman by default, or rial); Persian digits "
    "and 1,200,000 fine":
        "مبلغ به پول انتخاب‌شده (تنظیم ui.currency: پیش‌فرض تومان، یا ریال)؛ رقم فارسی و "
        "۱٬۲۰۰٬۰۰۰ هم درست است",
    "also send to those who got the same message in the last campaign.repeat_days days (the "
    "plan says how many get it twice)":
        "به کسانی هم که همین پیام را در campaign.repeat_days روز گذشته گرفته‌اند بفرست "
        "(برنامه می‌گوید چند نفر آن را دوباره می‌گیرند)",
    "a notice, not a promotion: also reaches customers with an open complaint":
        "اطلاع‌رسانی، نه تبلیغ: به مشتریان دارای شکایت باز هم می‌رسد",
    "emails whose outcome is unknown (a kill mid-send): resend or drop":
        "ایمیل‌هایی با سرنوشت نامعلوم (قطع در میانه‌ی ارسال): ارسال دوباره یا کنار گذاشتن",
    "send them again (some may get the email twice)":
        "دوباره بفرست (ممکن است بعضی ایمیل را دو بار بگیرند)",
    "give them up (some may never get the email)":
        "کنارشان بگذار (ممکن است بعضی هرگز ایمیل را نگیرند)",
    "only these outbox ids, comma-separated": "فقط این شناسه‌های صندوق ارسال، جدا با ویرگول",
    # -- today, winback, daily, schedule
    "the owner's day: whom to call, birthdays, who came back, what went wrong, the last "
    "backup":
        "روز شما: با چه کسی تماس بگیرید، تولدها، چه کسی برگشت، چه چیزی درست پیش نرفت، "
        "آخرین پشتیبان",
    "customers contacted while absent who came back, what they spent, and the totals of "
    "the period":
        "مشتریانی که در غیبتشان با آن‌ها تماس گرفته شد و برگشتند، خریدشان و جمع دوره",
    "the day's automatic work: resume campaigns, delivery statuses, birthday greetings, the "
    "daily backup (safe to run again)":
        "کارهای خودکار روزانه: ادامه‌ی کمپین‌ها، وضعیت تحویل، تبریک تولد، پشتیبان روزانه "
        "(اجرای دوباره بی‌خطر است)",
    "run `shopcrm daily` every day from the user's scheduler":
        "اجرای هرروزه‌ی ‎`shopcrm daily`‎ با زمان‌بند کاربر",
    # -- loyalty and referrals
    "a customer's loyalty points (redeem, adjust)": "امتیازهای وفاداری یک مشتری (خرج، اصلاح)",
    "spend points": "خرج کردن امتیاز",
    "correct a balance (+ or -)": "اصلاح مانده‌ی امتیاز (+ یا -)",
    "the loyalty club: notify, rewards, report": "باشگاه وفاداری: اعلام، جایزه‌ها، گزارش",
    "send the reward notices (once per customer per reward)":
        "فرستادن اعلام جایزه (برای هر مشتری، هر جایزه یک بار)",
    "customers with a reward waiting": "مشتریانی که جایزه‌ای منتظرشان است",
    "members' retention against non-members'": "ماندگاری اعضا در برابر غیراعضا",
    "who brought whom, and the revenue they brought": "چه کسی چه کسی را آورد و درآمدی که آوردند",
    # -- complaints, inbox, survey, call list
    "record, work on or resolve a complaint": "ثبت، پیگیری یا رسیدگی به یک شکایت",
    "record a customer's complaint": "ثبت شکایت یک مشتری",
    "what went wrong": "چه چیزی درست پیش نرفت",
    "how it came in (default in_person)": "از چه راهی رسید (پیش‌فرض in_person، حضوری)",
    "the visit it is about (its id)": "مراجعه‌ای که شکایت درباره‌ی آن است (شناسه‌اش)",
    "who takes care of it": "چه کسی پیگیری می‌کند",
    "mark a complaint as being worked on": "علامت زدن شکایت به‌عنوان در حال پیگیری",
    "settle a complaint": "رسیدگی و بستن یک شکایت",
    "how it was settled": "چگونه حل شد",
    "who settled it": "چه کسی حلش کرد",
    "complaints, newest first, with the report": "شکایت‌ها، تازه‌ترین اول، همراه گزارش",
    "open and in progress only": "فقط باز و در حال پیگیری",
    "customers' SMS replies (sync reads them from the line)":
        "پاسخ‌های پیامکی مشتریان (sync آن‌ها را از خط می‌خواند)",
    "only those still to read": "فقط خوانده‌نشده‌ها",
    "read the line's new replies and act on them (opt-outs, survey scores)":
        "خواندن پاسخ‌های تازه‌ی خط و انجام کار لازم (انصراف، امتیاز نظرسنجی)",
    "mark replies as read": "علامت زدن پاسخ‌ها به‌عنوان خوانده‌شده",
    "mark them unread instead": "به جای آن، خوانده‌نشده علامت بزن",
    "the after-visit survey": "نظرسنجی پس از مراجعه",
    "send the due after-visit surveys, once per visit":
        "فرستادن نظرسنجی‌های پس از مراجعه که نوبتشان است، برای هر مراجعه یک بار",
    "visits since this date (Jalali or ISO) instead of the due ones":
        "مراجعه‌های از این تاریخ (شمسی یا میلادی) به جای آن‌هایی که نوبتشان است",
    "the newest visit of these customers (comma-separated)":
        "تازه‌ترین مراجعه‌ی این مشتریان (موبایل‌ها، جدا با ویرگول)",
    "send (else only count)": "بفرست (وگرنه فقط شمارش)",
    "customers to call back (after a low survey score)":
        "مشتریانی که باید با آن‌ها تماس گرفت (پس از امتیاز پایین نظرسنجی)",
    # -- settings
    "list, read and change settings": "فهرست، خواندن و تغییر تنظیمات",
    "every setting, where its value comes from and what is allowed (secrets masked)":
        "همه‌ی تنظیمات، منبع مقدار هر یک و مقدارهای مجاز (رمزها پوشیده)",
    "only this section (shop, sms, smtp...)": "فقط این بخش (shop، sms، smtp...)",
    "the SHOPCRM_* variables that are not settings, and which are set":
        "متغیرهای SHOPCRM_* که تنظیم نیستند و اینکه کدام داده شده‌اند",
    "print one setting's value": "نمایش مقدار یک تنظیم",
    "e.g. shop.name": "مثلاً shop.name",
    "change a setting (checked like the window; secrets go to the keyring)":
        "تغییر یک تنظیم (مثل پنجره وارسی می‌شود؛ رمزها به جای امن رمزها می‌روند)",
    "e.g. ui.currency": "مثلاً ui.currency",
    "the new value (a secret without one is read from the terminal, not shown)":
        "مقدار تازه (برای رمز، اگر داده نشود از پایانه و بی‌نمایش خوانده می‌شود)",
    "back to the default": "بازگشت به پیش‌فرض",
    # -- backups per book (merged from main)
    "every book's backups in the folder, not only this book's":
        "پشتیبان‌های همه‌ی دفترها در این پوشه، نه فقط این دفتر",
    "restore this book's newest good backup": "بازیابی تازه‌ترین پشتیبانِ سالمِ همین دفتر",
    "allow a backup of another book to replace this one":
        "اجازه بده پشتیبانِ دفتری دیگر جای این دفتر را بگیرد",
    # -- every option has help (tests/integration/test_cli_truth.py)
    "how many demo customers to add (default 500)": "چند مشتری نمونه افزوده شود (پیش‌فرض ۵۰۰)",
    "the same seed makes the same demo book (default 1403)":
        "دانه‌ی یکسان همان دفتر نمونه را می‌سازد (پیش‌فرض ۱۴۰۳)",
    "email address": "نشانی ایمیل",
    "city": "شهر",
    "postal address": "نشانی پستی",
    "mark as a VIP customer (--no-vip: unmark)": "علامت مشتری ویژه (‎--no-vip‎: برداشتن علامت)",
    "send them no more SMS (--no-sms-opt-out: send again)":
        "دیگر پیامک فرستاده نشود (‎--no-sms-opt-out‎: دوباره فرستاده شود)",
    "send them no more email (--no-email-opt-out: send again)":
        "دیگر ایمیل فرستاده نشود (‎--no-email-opt-out‎: دوباره فرستاده شود)",
    "the customer who stays: a mobile or #ID": "مشتری‌ای که می‌ماند: موبایل یا #شناسه",
    "the customer merged in and removed: a mobile or #ID":
        "مشتری‌ای که ادغام و حذف می‌شود: موبایل یا #شناسه",
    "customers shown (default 50; 0 = all)": "شمار مشتریان نمایش‌داده (پیش‌فرض ۵۰؛ ۰ = همه)",
    "skip this many first (default 0)": "این تعداد از ابتدا رد شود (پیش‌فرض ۰)",
    "sort by this column (default: name; a search keeps its own order)":
        "مرتب‌سازی با این ستون (پیش‌فرض: نام؛ جست‌وجو ترتیب خودش را دارد)",
    "largest or latest first": "بزرگ‌ترین یا تازه‌ترین نخست",
    "pairs shown (default 200; 0 = all)": "شمار جفت‌های نمایش‌داده (پیش‌فرض ۲۰۰؛ ۰ = همه)",
    "the service given (haircut, colour...)": "خدمت انجام‌شده (کوتاهی، رنگ...)",
    "who served the customer": "چه کسی کار مشتری را انجام داد",
    "the visit's id (see shopcrm visits)": "شناسه‌ی مراجعه (در shopcrm visits)",
    "visits shown, newest first (default: all; 0 = all)":
        "شمار مراجعه‌های نمایش‌داده، تازه‌ترین نخست (پیش‌فرض: همه؛ ۰ = همه)",
    "how you reached them (default call)": "از چه راهی با او تماس گرفتید (پیش‌فرض call، تلفن)",
    "hide for this many days": "پنهان برای این چند روز",
    "why (for yourself)": "چرا (برای یادداشت خودتان)",
    "one row per Jalali month, quarter or year (default month)":
        "یک ردیف برای هر ماه، فصل یا سال شمسی (پیش‌فرض month، ماه)",
    "the sheet of visits": "برگه‌ی مراجعه‌ها",
    "imports shown (default 50; 0 = all)": "شمار ورودهای نمایش‌داده (پیش‌فرض ۵۰؛ ۰ = همه)",
    "what to write (default customers)": "چه نوشته شود (پیش‌فرض customers، مشتریان)",
    "campaigns shown, newest first (default 100; 0 = all)":
        "شمار کمپین‌های نمایش‌داده، تازه‌ترین نخست (پیش‌فرض ۱۰۰؛ ۰ = همه)",
    "only this campaign's messages (its id)": "فقط پیام‌های این کمپین (شناسه‌اش)",
    "messages shown (default 200; 0 = all)": "شمار پیام‌های نمایش‌داده (پیش‌فرض ۲۰۰؛ ۰ = همه)",
    "the campaign's id": "شناسه‌ی کمپین",
    "the message, with its placeholders": "متن پیام، با جای‌گذارهایش",
    "as an SMS or an email (default sms)": "به صورت پیامک یا ایمیل (پیش‌فرض sms، پیامک)",
    "how to greet (default sms)": "از چه راهی تبریک گفته شود (پیش‌فرض sms، پیامک)",
    "the charts' file type (default png)": "نوع فایل نمودارها (پیش‌فرض png)",
    "install, remove or show the daily run": "نصب، برداشتن یا نمایش اجرای روزانه",
    "ledger entries shown (default 20; 0 = all)":
        "چند ردیف از دفتر امتیاز نشان داده شود (پیش‌فرض ۲۰؛ ۰ = همه)",
    "why": "چرا",
    "why (required)": "چرا (لازم)",
    "how serious (default medium)": "چقدر جدی (پیش‌فرض medium، متوسط)",
    "the complaint's id": "شناسه‌ی شکایت",
    "what is being done": "چه کاری در جریان است",
    "complaints shown (default 200; 0 = all)": "شمار شکایت‌های نمایش‌داده (پیش‌فرض ۲۰۰؛ ۰ = همه)",
    "replies shown (default 200; 0 = all)": "شمار پاسخ‌های نمایش‌داده (پیش‌فرض ۲۰۰؛ ۰ = همه)",
    "the replies' ids": "شناسه‌های پاسخ‌ها",
    "customers shown (default 200; 0 = all)": "شمار مشتریان نمایش‌داده (پیش‌فرض ۲۰۰؛ ۰ = همه)",
    "people on the call list (default 10; 0 = all)": "شمار افراد فهرست تماس (پیش‌فرض ۱۰؛ ۰ = همه)",
    "add the demo customers even though the book already has customers (they mix with the "
    "real ones)":
        "مشتریان نمونه را با اینکه دفتر مشتری دارد بیفزا (با مشتریان واقعی قاطی می‌شوند)",
}
