"""Persian of the ``shopcrm`` command's words (:mod:`shopcrm.cli.words`), keyed by English.

``tests/unit/test_cli_words.py`` reads every source out of ``shopcrm/cli/*.py`` and fails
when one has no entry here (or when an entry drops or renames a ``{field}``). Codes shown
to the owner (statuses, reasons, channels...) have entries of their own below.
"""

from __future__ import annotations

#: argparse's own words (its ``gettext`` messages, Python 3.11).
ARGPARSE_FA: dict[str, str] = {
    "usage: ": "طرز استفاده: ",
    "positional arguments": "ورودی‌های جای‌گیر",
    "options": "گزینه‌ها",
    "show this help message and exit": "نمایش همین راهنما و خروج",
    "argument %(argument_name)s: %(message)s": "ورودی %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "ورودی‌های ناشناخته: %s",
    "the following arguments are required: %s": "این ورودی‌ها لازم‌اند: %s",
    "one of the arguments %s is required": "یکی از این ورودی‌ها لازم است: %s",
    "not allowed with argument %s": "همراه %s مجاز نیست",
    "expected one argument": "یک مقدار می‌خواهد",
    "expected at most one argument": "حداکثر یک مقدار می‌خواهد",
    "expected at least one argument": "دست‌کم یک مقدار می‌خواهد",
    "ambiguous option: %(option)s could match %(matches)s":
        "گزینه‌ی مبهم: %(option)s می‌تواند هر یک از %(matches)s باشد",
    "invalid %(type)s value: %(value)r": "مقدار نامعتبر: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "انتخاب نامعتبر: %(value)r (یکی از %(choices)s)",
    "ignored explicit argument %r": "مقدار %r نادیده گرفته شد",
    "unexpected option string: %s": "گزینه‌ی نابه‌جا: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: خطا: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "فایل «%(filename)s» باز نشد: %(error)s",
}

WORDS_FA: dict[str, str] = {
    "customers found": "مشتریان یافته‌شده",
    "customers in the trash": "مشتریان در سطل زباله",
    "with the first-paint check: save that paint to this PNG":
        "همراه آزمون نخستین نقش پنجره: همان تصویر در این فایل تصویری ذخیره شود",
    "{n:,} written to the test file, not sent":
        "{n:,} پیام در فایل آزمایشی نوشته شد، ارسال نشد",
    "every book's backups": "پشتیبان‌های همه‌ی دفترها",
    "backups of the book {name}": "پشتیبان‌های دفتر {name}",
    "{whose} in {folder}:": "{whose} در {folder}:",
    "no {whose} in {folder} yet": "هنوز {whose} در {folder} نیست",
    "{n:,} more in this folder belong to other books or do not say which book they are of "
    "(shopcrm backups --all)":
        "{n:,} پشتیبانِ دیگر در این پوشه از دفترهای دیگرند یا نمی‌گویند از کدام دفترند "
        "(shopcrm backups --all)",
    "book {name}, ": "دفتر {name}، ",
    "taken {when} ({reason}), {book}{who}schema {revision}; checked: sound":
        "گرفته‌شده {when} ({reason})، {book}{who}نسخه‌ی ساختار {revision}؛ وارسی: سالم",
    "book": "دفتر",
    "notice: {text}": "نکته: {text}",
    "sent {sent:,}  failed {failed:,}": "فرستاده {sent:,}  ناموفق {failed:,}",
    "; sent {sent:,}": "؛ فرستاده {sent:,}",
    ", failed {failed:,}": "، ناموفق {failed:,}",
    "{provider}: {amount} left": "{provider}: {amount} مانده",
    "--phones: give at least one mobile": "‎--phones‎: دست‌کم یک شماره موبایل بدهید",
    # -- loyalty and referrals
    "referred by: #{id}": "معرف: #{id}",
    "points: {balance:,} (earned in all {earned:,})":
        "امتیاز: {balance:,} (در مجموع {earned:,} گرفته)",
    " (+{earned:,} points, balance {balance:,})": " (+{earned:,} امتیاز، مانده {balance:,})",
    # -- the day's work (shopcrm daily)
    "refusing to send the day's messages without --yes when not at a terminal "
    "(the scheduler runs `shopcrm daily --yes`)":
        "بیرون از پایانه، کارهای روزانه بدون ‎--yes‎ انجام نمی‌شود "
        "(زمان‌بند فرمان ‎`shopcrm daily --yes`‎ را اجرا می‌کند)",
    "not run": "انجام نشد",
    "run the day's work (it may send messages)? [y/N] ":
        "کارهای امروز انجام شود؟ (ممکن است پیامک فرستاده شود) [y/N] ",
    # -- shared
    ", ": "، ",
    "%": "٪",
    "{first}-{last}": "{first} تا {last}",
    "none": "هیچ",
    "yes": "بله",
    "NO": "خیر",
    "interrupted": "متوقف شد",
    "shopcrm: unexpected error ({kind}); details in {where}":
        "shopcrm: خطای پیش‌بینی‌نشده ({kind})؛ جزئیات در {where}",
    "{prog}: {message}": "{prog}: {message}",
    "{amount:,} rials": "{amount:,} ریال",
    "rials": "ریال",
    "tomans": "تومان",
    "nothing to change: give at least one field": "چیزی برای تغییر نیست: دست‌کم یک مورد بدهید",
    # -- table headers
    "id": "شناسه",
    "name": "نام",
    "mobile": "موبایل",
    "email": "ایمیل",
    "city": "شهر",
    "visits": "مراجعه‌ها",
    "last visit": "آخرین مراجعه",
    "spent": "خرج‌شده",
    "days": "روز",
    "gap": "فاصله‌ی معمول (روز)",
    "priority": "اولویت",
    "why": "چرا",
    "segment": "بخش",
    "customers": "مشتری‌ها",
    "to choose it": "برای انتخاب",
    "tag": "برچسب",
    "month": "ماه",
    "quarter": "فصل",
    "year": "سال",
    "at start": "در آغاز",
    "new": "تازه",
    "returned": "بازگشته",
    "at end": "در پایان",
    "kept": "ماندگار",
    "back after absence": "برگشته پس از غیبت",
    "retention": "ماندگاری",
    "born": "تولد",
    "greet on": "روز تبریک",
    "in days": "چند روز دیگر",
    "turning": "سن",
    "keep": "نگه‌داشتنی",
    "other": "دیگری",
    "other name": "نام دیگری",
    "same": "یکسان در",
    "taken": "زمان",
    "reason": "دلیل",
    "bytes": "بایت",
    "verified": "وارسی‌شده",
    "file": "فایل",
    "when": "زمان",
    "kind": "نوع",
    "inserted": "افزوده",
    "updated": "به‌روزشده",
    "skipped": "کنارگذاشته",
    "errors": "خطا",
    "undone": "برگردانده",
    "messages": "پیام‌ها",
    "rows": "ردیف‌ها",
    "steps": "گام‌ها",
    "copying the book": "رونوشت از دفتر",
    "checking the copy": "وارسی رونوشت",
    "putting the copy in place": "گذاشتن رونوشت سر جایش",
    "checking the backup": "وارسی پشتیبان",
    "backing up the current book": "پشتیبان از دفتر کنونی",
    "replacing the book": "جایگزینی دفتر",
    "opening the book": "باز کردن دفتر",
    "sent": "فرستاده",
    "failed": "ناموفق",
    "pending": "در انتظار",
    "created": "ساخته‌شده",
    "campaign": "کمپین",
    "channel": "راه ارسال",
    "recipient": "گیرنده",
    "status": "وضعیت",
    "parts": "بخش پیامک",
    "cost": "هزینه",
    "message id": "شناسه‌ی پیام",
    "error": "خطا",
    "revenue (rials)": "درآمد (ریال)",
    "cost (rials)": "هزینه (ریال)",
    "returning": "بازگشتی",
    "absent": "غایب",
    "satisfaction": "رضایت",
    "win-back": "تماس/بازگشت",
    "contacted": "تماس‌گرفته",
    "came back": "برگشته",
    "delivered": "رسیده",
    "group": "گروه",
    "came in the period": "آمده در این بازه",
    "service": "خدمت",
    "amount": "مبلغ",
    # money column headers (ctx.money_header): the unit is the owner's currency
    "amount ({unit})": "مبلغ ({unit})",
    "cost ({unit})": "هزینه ({unit})",
    "revenue ({unit})": "درآمد ({unit})",
    "spent ({unit})": "خرید ({unit})",
    "staff": "کارمند",
    # -- customers and visits
    "name the customer with --phone P or --id N": "مشتری را با --phone یا --id مشخص کنید",
    "mobile: {value}": "موبایل: {value}",
    "phone2: {value}": "تلفن ثابت: {value}",
    "email: {value}": "ایمیل: {value}",
    "city: {value}": "شهر: {value}",
    "address: {value}": "نشانی: {value}",
    "referral: {value}": "معرف: {value}",
    "birthday: {value}": "تولد: {value}",
    "visits: {total:,} (in the book {book:,}, before it {prior:,}); spent {spent}":
        "مراجعه‌ها: {total:,} (در دفتر {book:,}، پیش از آن {prior:,})؛ خرج‌شده: {spent}",
    "last visit: {day}": "آخرین مراجعه: {day}",
    "tags: {value}": "برچسب‌ها: {value}",
    "flags: {value}": "نشانه‌ها: {value}",
    "notes: {value}": "یادداشت: {value}",
    "VIP": "ویژه",
    "no SMS": "بی‌پیامک",
    "no email": "بی‌ایمیل",
    "in trash": "در سطل زباله",
    "moved #{id} {name} to the trash": "#{id} {name} به سطل زباله رفت",
    "restored #{id} {name}": "#{id} {name} بازیابی شد",
    "merged #{other} into #{keep}": "#{other} در #{keep} ادغام شد",
    "no customers found": "مشتری‌ای پیدا نشد",
    "no likely duplicates": "مشتری تکراری احتمالی پیدا نشد",
    "visit #{id} recorded for {name}": "مراجعه‌ی #{id} برای {name} ثبت شد",
    "visit #{id} deleted": "مراجعه‌ی #{id} حذف شد",
    "no visits yet": "هنوز مراجعه‌ای ثبت نشده",
    # -- book
    "the book is ready ({where}, schema {revision})":
        "دفتر آماده است ({where}، نسخه‌ی ساختار {revision})",
    "{done:,}/{total:,} customers": "{done:,} از {total:,} مشتری",
    "added {customers:,} demo customers with {visits:,} visits in {seconds:g} s":
        "{customers:,} مشتری نمونه با {visits:,} مراجعه در {seconds:g} ثانیه افزوده شد",
    "PostgreSQL checks its own data; nothing to do here":
        "پستگرس (PostgreSQL) داده‌هایش را خودش وارسی می‌کند؛ اینجا کاری نیست",
    "the book is sound ({check})": "دفتر سالم است ({check})",
    "quick_check": "وارسی سریع",
    "integrity_check": "وارسی کامل",
    # -- absence, follow-up, segments, retention, birthdays
    "absent regulars on {day} (>= {visits} visits, last visit >= {days} days ago)":
        "مشتریان ثابتِ غایب در {day} (دست‌کم {visits} مراجعه، آخرین مراجعه دست‌کم {days} روز پیش)",
    "overdue on {day} (> {factor:g} x usual gap and >= {days} days, >= {visit_days} visit "
    "days)": "دیرکرده‌ها در {day} (بیش از {factor:g} برابر فاصله‌ی معمول و دست‌کم {days} روز، "
             "دست‌کم {visit_days} روز مراجعه)",
    "{head}: {total}; showing {shown}": "{head}: {total}؛ نمایش {shown}",
    "logged a {kind} with #{id} {name}": "{kind} با #{id} {name} ثبت شد",
    "#{id} {name} is hidden from the follow-up lists until {day}":
        "#{id} {name} تا {day} در فهرست‌های پیگیری دیده نمی‌شود",
    "#{id} {name} is back on the lists": "#{id} {name} به فهرست‌ها برگشت",
    "call": "تماس تلفنی",
    "sms": "پیامک",
    "in_person": "گفت‌وگوی حضوری",
    "RFM over {months} months from {day} ({scored:,} customers scored)":
        "گروه‌بندی ارزش مشتری در {months} ماه از {day} ({scored:,} مشتری سنجیده شد)",
    "retail average {pct:.0f}%; * = the period is still running":
        "میانگین خرده‌فروشی {pct:.0f}٪؛ * = این دوره هنوز تمام نشده",
    "quarter {n} of {year}": "فصل {n} {year}",
    "no birthdays in the next {days} days": "در {days} روز آینده تولدی نیست",
    # -- reports and charts
    "report {start} .. {end}": "گزارش {start} تا {end}",
    "retention: of the customers active at the month's start, the share still active at its "
    "end (retail average {pct})":
        "ماندگاری: سهم مشتریان فعالِ آغاز ماه که در پایان آن هم فعال‌اند "
        "(میانگین خرده‌فروشی {pct})",
    "RFM segment ({day})": "گروه ارزش مشتری ({day})",
    " or ": " یا ",
    "(other cities)": "(شهرهای دیگر)",
    "(no city)": "(بی‌شهر)",
    "(no service)": "(بی‌خدمت)",
    "wrote {path}": "نوشته شد: {path}",
    "{n} charts in {path}": "{n} نمودار در {path}",
    "shopcrm chart: --out must end in {suffixes}: {path}":
        "shopcrm chart: پسوند --out باید {suffixes} باشد: {path}",
    "shopcrm chart: no such folder: {path}": "shopcrm chart: چنین پوشه‌ای نیست: {path}",
    "shopcrm charts: not a folder: {path}": "shopcrm charts: پوشه نیست: {path}",
    # -- Excel
    "checking": "وارسی",
    "writing": "نوشتن",
    "exporting": "خروجی",
    "{pct}% {done:,}/{total:,}": "{pct}٪ {done:,} از {total:,}",
    "sheet {sheet}": "برگه‌ی {sheet}",
    " (header on row {row})": " (سرستون‌ها در ردیف {row})",
    "DRY RUN, nothing written: ": "آزمایشی، چیزی نوشته نشد: ",
    "{file}, {where}: {rows:,} rows": "{file}، {where}: {rows:,} ردیف",
    "would insert {inserted:,} customers, updated {updated:,}, merged {merged:,} rows, "
    "unchanged {unchanged:,}, skipped {skipped:,}, errors {errors:,}, warnings {warnings:,}; "
    "visits {visits:,}":
        "{inserted:,} مشتری افزوده می‌شد، {updated:,} به‌روز، {merged:,} ردیف ادغام، "
        "{unchanged:,} بی‌تغییر، {skipped:,} کنار گذاشته، {errors:,} خطا، {warnings:,} هشدار؛ "
        "{visits:,} مراجعه",
    "inserted {inserted:,} customers, updated {updated:,}, merged {merged:,} rows, unchanged "
    "{unchanged:,}, skipped {skipped:,}, errors {errors:,}, warnings {warnings:,}; visits "
    "{visits:,}":
        "{inserted:,} مشتری افزوده شد، {updated:,} به‌روز، {merged:,} ردیف ادغام، "
        "{unchanged:,} بی‌تغییر، {skipped:,} کنار گذاشته، {errors:,} خطا، {warnings:,} هشدار؛ "
        "{visits:,} مراجعه",
    "would add {visits:,} visits, created {created:,} customers, skipped {skipped:,}, errors "
    "{errors:,}, warnings {warnings:,}":
        "{visits:,} مراجعه افزوده می‌شد، {created:,} مشتری ساخته می‌شد، {skipped:,} کنار "
        "گذاشته، {errors:,} خطا، {warnings:,} هشدار",
    "added {visits:,} visits, created {created:,} customers, skipped {skipped:,}, errors "
    "{errors:,}, warnings {warnings:,}":
        "{visits:,} مراجعه افزوده شد، {created:,} مشتری ساخته شد، {skipped:,} کنار گذاشته، "
        "{errors:,} خطا، {warnings:,} هشدار",
    "columns mapped: {how}": "ستون‌ها: {how}",
    "manual": "دستی",
    "remembered": "به یاد مانده از پیش",
    "auto": "خودکار",
    "would bring spending before the book from the spending column for {n:,} customers: "
    "{amount}": "خرید پیش از دفتر {n:,} مشتری از ستون «جمع خرید» آورده می‌شد: {amount}",
    "brought spending before the book from the spending column for {n:,} customers: "
    "{amount}": "خرید پیش از دفتر {n:,} مشتری از ستون «جمع خرید» آورده شد: {amount}",
    "{n:,} visits would take the place of the customer list's summary of {customers:,} "
    "customers: {replaced:,} imported last visits replaced, visits before the book {visits:,} "
    "fewer, spending before the book {amount} less":
        "{n:,} مراجعه جای خلاصه‌ی فهرست مشتریان را برای {customers:,} مشتری می‌گرفت: "
        "{replaced:,} «آخرین مراجعه»ی واردشده جایگزین می‌شد، مراجعه‌های پیش از دفتر "
        "{visits:,} تا و خرید پیش از دفتر {amount} کم می‌شد",
    "{n:,} visits took the place of the customer list's summary of {customers:,} "
    "customers: {replaced:,} imported last visits replaced, visits before the book {visits:,} "
    "fewer, spending before the book {amount} less":
        "{n:,} مراجعه جای خلاصه‌ی فهرست مشتریان را برای {customers:,} مشتری گرفت: "
        "{replaced:,} «آخرین مراجعه»ی واردشده جایگزین شد، مراجعه‌های پیش از دفتر "
        "{visits:,} تا و خرید پیش از دفتر {amount} کم شد",
    "kept in the notes: {columns}": "در یادداشت نگه داشته شد: {columns}",
    "note: this same file was imported before ({ids})":
        "توجه: همین فایل پیش‌تر هم وارد شده است ({ids})",
    "import #{id} (to undo: shopcrm import undo {id})":
        "ورود #{id} (برای برگرداندن: shopcrm import undo {id})",
    "{n:,} rows to fix written to {path}": "{n:,} ردیفِ نیازمند اصلاح در {path} نوشته شد",
    "rows:": "ردیف‌ها:",
    "row {row}: {action} - {message}": "ردیف {row}: {action} - {message}",
    "insert": "افزودن",
    "update": "به‌روزرسانی",
    "unchanged": "بی‌تغییر",
    "merge": "ادغام",
    "skip": "کنار گذاشتن",
    "warning": "هشدار",
    "shopcrm import: unexpected argument {value}": "shopcrm import: ورودی نابه‌جا: {value}",
    "shopcrm import: --force belongs to 'shopcrm import undo BATCH'":
        "shopcrm import: گزینه‌ی --force مال «shopcrm import undo شماره» است",
    "shopcrm import undo: not an import number: {value}":
        "shopcrm import undo: شماره‌ی ورود نیست: {value}",
    "customers of import #{id} changed since the import:":
        "مشتریانی از ورود #{id} که پس از آن تغییر کرده‌اند:",
    "import #{id} undone: {removed:,} customers removed, {restored:,} restored, {visits:,} "
    "visits removed":
        "ورود #{id} برگردانده شد: {removed:,} مشتری برداشته شد، {restored:,} بازگردانده شد، "
        "{visits:,} مراجعه برداشته شد",
    "forced over {n:,} customers changed since":
        "به‌رغم تغییرِ {n:,} مشتری پس از ورود، انجام شد",
    "the book as it was before is kept in {path}": "دفتر پیش از این کار در {path} نگه داشته شد",
    "no imports yet": "هنوز ورودی از اکسل انجام نشده",
    "wrote {rows:,} rows ({what}) to {path} in {seconds:.1f} s":
        "{rows:,} ردیف ({what}) در {seconds:.1f} ثانیه در {path} نوشته شد",
    "overdue": "دیرکرده",
    "changed": "تغییر کرده",
    "edited": "ویرایش شده",
    "trashed": "به سطل زباله رفته",
    "new_visits": "مراجعه‌ی تازه دارد",
    "contacts": "تماس تازه دارد",
    "deleted": "حذف شده",
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
    # backups
    "backup written and verified: {line}": "پشتیبان نوشته و وارسی شد: {line}",
    ", {n:,} customers": "، {n:,} مشتری",
    "{size:,} bytes": "{size:,} بایت",
    "backups in {folder}:": "پشتیبان‌ها در {folder}:",
    "no backups in {folder} yet": "هنوز پشتیبانی در {folder} نیست",
    "{n:,} customers, ": "{n:,} مشتری، ",
    "backup {path}": "پشتیبان {path}",
    "Replace the current book with this backup? The current book is backed up first. [y/N] ":
        "دفتر کنونی با این پشتیبان جایگزین شود؟ نخست از دفتر کنونی پشتیبان گرفته می‌شود. "
        "[بله/خیر] ",
    "the book was restored from {path}": "دفتر از {path} بازیابی شد",
    "the damaged book is kept as it was in {path}":
        "دفتر آسیب‌دیده همان‌طور که بود در {path} ماند",
    "shopcrm restore: give FILE or --newest":
        "shopcrm restore: فایل پشتیبان یا --newest را بدهید",
    "daily": "روزانه",
    "restore": "پیش از بازیابی",
    "import": "پیش از ورود از اکسل",
    "import_undo": "پیش از برگرداندن ورود",
    "migration": "پیش از ارتقای دفتر",
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
    # -- loyalty and referrals (points, loyalty notify|rewards|report, referrals)
    "earned at a visit": "گرفته در مراجعه",
    "redeemed": "خرج‌شده",
    "expired": "منقضی‌شده",
    "bonus": "هدیه",
    "correction": "اصلاح",
    "claimed": "ثبت‌شده",
    "the loyalty club is off (loyalty.enabled)": "باشگاه وفاداری خاموش است (loyalty.enabled)",
    "balance: {balance:,} points (earned in all {earned:,})":
        "مانده: {balance:,} امتیاز (در مجموع {earned:,} گرفته)",
    "due to expire: {n:,}": "در آستانه‌ی انقضا: {n:,}",
    "rewards available: {n:,} x {reward} ({points:,} points each)":
        "جایزه‌های در دسترس: {n:,} × {reward} (هر کدام {points:,} امتیاز)",
    "next reward ({reward}): {n:,} points to go":
        "جایزه‌ی بعدی ({reward}): {n:,} امتیاز مانده",
    "tier: {name} ({perk})": "سطح: {name} ({perk})",
    "next tier: {name} in {n:,} points": "سطح بعدی: {name} با {n:,} امتیاز دیگر",
    "points": "امتیاز",
    "visit": "مراجعه",
    "note": "یادداشت",
    "redeemed {points:,} points for {name}; balance {balance:,}":
        "{points:,} امتیاز برای {name} خرج شد؛ مانده {balance:,}",
    "{points:+,} points for {name}; balance {balance:,}":
        "{points:+,} امتیاز برای {name}؛ مانده {balance:,}",
    "the loyalty club is off (loyalty.enabled): nothing to send":
        "باشگاه وفاداری خاموش است (loyalty.enabled): چیزی برای فرستادن نیست",
    "balance": "مانده",
    "reward": "جایزه",
    "not sendable": "ارسال‌نشدنی",
    "{due:,} reached a reward; {n:,} would get the notice (add --yes to send)":
        "{due:,} نفر به جایزه رسیده‌اند؛ {n:,} نفر اعلام را می‌گرفتند (برای فرستادن --yes "
        "بدهید)",
    "claimed {claimed:,}, queued {queued:,}, sent {sent:,}, failed {failed:,}":
        "ثبت‌شده {claimed:,}، در صف {queued:,}، فرستاده {sent:,}، ناموفق {failed:,}",
    ", expired {n:,} points": "، {n:,} امتیاز منقضی شد",
    "; paused: {reason}": "؛ متوقف: {reason}",
    "not yet": "هنوز نه",
    "notice": "اعلام",
    "nobody has a reward waiting": "جایزه‌ای منتظر کسی نیست",
    "members {members:,}, non-members {others:,}; points held {held:,}, earned in all "
    "{earned:,}": "اعضا {members:,}، غیراعضا {others:,}؛ امتیاز مانده {held:,}، در مجموع "
                 "گرفته {earned:,}",
    "members at start": "اعضا در آغاز",
    "members kept": "ماندگاری اعضا",
    "others at start": "دیگران در آغاز",
    "others kept": "ماندگاری دیگران",
    "#{id} {name} {mobile}: brought {count:,}, {visits:,} visits, {revenue}":
        "#{id} {name} {mobile}: {count:,} نفر آورده، {visits:,} مراجعه، {revenue}",
    "#{id} {name} {mobile}  {visits:,} visits  {revenue}":
        "#{id} {name} {mobile}  {visits:,} مراجعه  {revenue}",
    "no referrals yet (customer edit --referred-by PHONE)":
        "هنوز معرفی‌ای ثبت نشده (customer edit --referred-by موبایل)",
    "{n:,} customers brought by {by:,}; revenue {revenue}":
        "{n:,} مشتری با معرفی {by:,} نفر آمده‌اند؛ درآمد {revenue}",
    # -- complaints, inbox, survey, call list
    "low": "کم",
    "medium": "متوسط",
    "high": "زیاد",
    "open": "باز",
    "in progress": "در حال پیگیری",
    "resolved": "حل‌شده",
    "in person": "حضوری",
    "phone": "تلفن",
    "SMS reply": "پاسخ پیامکی",
    "survey": "نظرسنجی",
    "opt-out": "انصراف",
    "opt-in": "بازگشت از انصراف",
    "score": "امتیاز",
    "already opted out": "پیش‌تر انصراف داده",
    "opted in": "از انصراف برگشت",
    "score recorded": "امتیاز ثبت شد",
    "complaint opened": "شکایت باز شد",
    "for you to read": "برای خواندن شما",
    "no visit to ask about": "مراجعه‌ای برای پرسیدن نیست",
    "asked today": "امروز پرسیده شده",
    "opened": "باز شده در",
    "customer": "مشتری",
    "severity": "شدت",
    "text": "متن",
    "median days": "میانه‌ی روزها",
    "came in by": "راه رسیدن",
    "complaint #{id} opened for #{customer} {name} ({severity})":
        "شکایت #{id} برای #{customer} {name} ثبت شد ({severity})",
    "complaint #{id} is in progress": "شکایت #{id} در حال پیگیری است",
    "complaint #{id} of {name} resolved after {days:.1f} days":
        "شکایت #{id} از {name} پس از {days:.1f} روز حل شد",
    "no complaints": "شکایتی نیست",
    "open {open:,} (in progress {progress:,}), resolved {resolved:,}, median days to resolve "
    "{median}": "باز {open:,} (در حال پیگیری {progress:,})، حل‌شده {resolved:,}، میانه‌ی روزهای "
                "رسیدگی {median}",
    "{n:,} unread": "{n:,} خوانده‌نشده",
    "received": "دریافت",
    "from": "از",
    "unread": "خوانده‌نشده",
    "read {fetched:,} replies ({stored:,} new); acted on {acted:,}: opted out {out:,}, opted "
    "in {in_:,}, survey scores {scores:,}, complaints opened {complaints:,}, for you to read "
    "{listed:,}, from unknown numbers {unmatched:,}":
        "{fetched:,} پاسخ خوانده شد ({stored:,} تازه)؛ کار انجام‌شده برای {acted:,}: انصراف "
        "{out:,}، بازگشت از انصراف {in_:,}، امتیاز نظرسنجی {scores:,}، شکایت باز‌شده "
        "{complaints:,}، برای خواندن شما {listed:,}، از شماره‌های ناشناس {unmatched:,}",
    "stopped early: {error}": "زودتر متوقف شد: {error}",
    "{n:,} messages marked unread": "{n:,} پیام خوانده‌نشده علامت خورد",
    "{n:,} messages marked read": "{n:,} پیام خوانده‌شده علامت خورد",
    "surveys due: {due:,}; to send now: {created:,} ({parts:,} SMS parts); skipped: {skipped}":
        "نظرسنجی‌های در نوبت: {due:,}؛ برای فرستادن اکنون: {created:,} ({parts:,} بخش "
        "پیامک)؛ کنار گذاشته: {skipped}",
    "quiet hours (sms.quiet_hours): no survey is sent now; run again after them":
        "ساعات سکوت (sms.quiet_hours): اکنون نظرسنجی‌ای فرستاده نمی‌شود؛ پس از آن دوباره "
        "اجرا کنید",
    "nothing sent: add --yes to send": "چیزی فرستاده نشد: برای فرستادن --yes بدهید",
    "survey campaign #{id}: sent {sent:,}, failed {failed:,}, waiting {pending:,}":
        "کمپین نظرسنجی #{id}: فرستاده {sent:,}، ناموفق {failed:,}، در انتظار {pending:,}",
    "survey score {score}/5": "امتیاز نظرسنجی {score} از ۵",
    "since": "از",
    "nobody to call back": "کسی برای تماس دوباره نیست",
    # -- today and winback
    "Today, {date}": "امروز {date}",
    "Call today: {count:,} (absent {absent:,}, overdue {overdue:,})":
        "تماس امروز: {count:,} نفر (غایب {absent:,}، دیرکرده {overdue:,})",
    "Birthdays: {today:,} today, {count:,} in the next {days:,} days":
        "تولدها: امروز {today:,}، تا {days:,} روز آینده {count:,}",
    "Came back this week: {count:,}, spent {spent}":
        "برگشتند این هفته: {count:,} نفر، خرید {spent}",
    "Came back after contact ({start} to {end}): contacted {contacted:,}, came back "
    "{back:,} ({rate}), revenue won back {revenue}":
        "بازگشت پس از تماس ({start} تا {end}): تماس {contacted:,}، برگشتند {back:,} "
        "({rate})، درآمد برگشته {revenue}",
    "Open complaints: {count:,}": "شکایت‌های باز: {count:,}",
    "Unread replies: {count:,}": "پاسخ‌های خوانده‌نشده: {count:,}",
    "Rewards reached: {count:,}": "جایزه‌های رسیده: {count:,}",
    "(not wired yet)": "(هنوز وصل نشده)",
    "Failed or unknown messages: {count:,}": "پیامک‌های ناموفق یا نامعلوم: {count:,}",
    "PostgreSQL backups are the server's": "پشتیبان PostgreSQL با سرور است",
    "No backup yet": "هنوز پشتیبانی گرفته نشده",
    "Last backup: {date} ({age:,} days ago)": "آخرین پشتیبان: {date} ({age:,} روز پیش)",
    "by": "راه تماس",
    # -- the day's work (shopcrm daily) and the schedule
    "resume unfinished campaigns": "ادامه‌ی کمپین‌های نیمه‌تمام",
    "delivery statuses": "وضعیت تحویل پیامک‌ها",
    "read the replies": "خواندن پاسخ‌ها",
    "today's birthday greetings": "تبریک تولدهای امروز",
    "after-visit surveys": "نظرسنجی پس از مراجعه",
    "reward notices": "اعلام جایزه‌ها",
    "daily backup": "پشتیبان روزانه",
    "nothing unfinished": "کار نیمه‌تمامی نبود",
    "no SMS waiting for a status": "پیامکی در انتظار وضعیت نبود",
    "not wired yet": "هنوز وصل نشده",
    "SMS is not set up in the settings": "پیامک در تنظیمات راه نیفتاده است",
    "turned off in the settings": "در تنظیمات خاموش است",
    "everyone was greeted already": "همه پیش‌تر تبریک گرفته‌اند",
    "PostgreSQL is backed up by its server": "پشتیبان PostgreSQL با سرور است",
    "automatic backups are off": "پشتیبان خودکار خاموش است",
    "today's backup is already there": "پشتیبان امروز گرفته شده است",
    "{n:,} sent": "{n:,} پیامک فرستاده شد",
    "; {more}": "؛ {more}",
    "{checked:,} checked, {delivered:,} delivered": "{checked:,} بررسی، {delivered:,} رسید",
    "{step}: {more}": "{step}: {more}",
    "{step}: done": "{step}: انجام شد",
    "{step}: done, {more}": "{step}: انجام شد، {more}",
    "{step}: skipped": "{step}: رد شد",
    "{step}: skipped, {more}": "{step}: رد شد، {more}",
    "{step}: failed": "{step}: ناموفق",
    "{step}: failed, {more}": "{step}: ناموفق، {more}",
    "the test SMS provider has no inbox": "ارسال آزمایشی صندوق دریافت ندارد",
    "quiet hours": "ساعات سکوت",
    "another run is sending": "اجرای دیگری در حال ارسال است",
    "the day's work, {day}": "کار روزانه‌ی {day}",
    "{n:,} messages sent in all.": "روی هم {n:,} پیامک فرستاده شد.",
    "installed ({backend}): shopcrm daily every day at {time}":
        "نصب شد («{backend}»): shopcrm daily هر روز ساعت {time}",
    "(the user's systemd is not running: enable it with `systemctl --user enable --now "
    "shopcrm-daily.timer` when it is)":
        "(«systemd» کاربر در حال اجرا نیست: وقتی بود، با ‎`systemctl --user enable --now "
        "shopcrm-daily.timer`‎ آن را روشن کنید)",
    "removed ({backend})": "برداشته شد («{backend}»)",
    "installed ({backend}): every day at {time}": "نصب‌شده («{backend}»): هر روز ساعت {time}",
    "not installed ({backend})": "نصب نشده («{backend}»)",
    # -- settings
    "environment": "متغیر محیطی",
    "this run": "همین اجرا",
    "settings file": "فایل تنظیمات",
    "secret store": "جای امن رمزها",
    "default": "پیش‌فرض",
    "set": "داده شده",
    "not set": "داده نشده",
    "variable": "متغیر",
    "state": "وضعیت",
    "what it does": "کاربرد",
    "setting": "تنظیم",
    "value": "مقدار",
    "allowed": "مجاز",
    "Value of {key} (not shown): ": "مقدار {key} (نمایش داده نمی‌شود): ",
    "the private file secrets.toml": "فایل خصوصی secrets.toml",
    "the system keyring": "کلیدساز سیستم",
    "{key} stored in the secret store ({where}).": "{key} در جای امن رمزها ذخیره شد ({where}).",
    "{key} = {value} (in {path})": "{key} = {value} (در {path})",
    "{key} is back to its default: {value}": "{key} به پیش‌فرض برگشت: {value}",
    "Note: the environment variable {env} overrides this setting at every run.":
        "توجه: متغیر محیطی {env} این تنظیم را در هر اجرا کنار می‌زند.",
    # the SHOPCRM_* variables that are not settings (shopcrm/env.py), for settings list --env
    "the book: a database URL or a plain file path (overrides the saved choice)":
        "دفتر: نشانی پایگاه داده یا مسیر یک فایل (به جای انتخاب ذخیره‌شده)",
    "language of the command line and the window (fa or en)":
        "زبان خط فرمان و پنجره (fa | en)",
    "folder of the book and the backups": "پوشه‌ی دفتر و پشتیبان‌ها",
    "folder of settings.toml and secrets.toml": "پوشه‌ی settings.toml و secrets.toml",
    "folder of the log files": "پوشه‌ی فایل‌های گزارش کار",
    "start the window, print the first-paint time, quit":
        "پنجره را باز کن، زمان نخستین نمایش را بنویس، ببند",
    "seconds the self-test may take": "چند ثانیه خودآزمایی می‌تواند طول بکشد",
    "print the self-test's steps": "نمایش گام‌های خودآزمایی",
}
