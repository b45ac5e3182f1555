"""Persian of the ``shopcrm`` command's words (:mod:`shopcrm.cli.words`), keyed by English.

``tests/unit/test_cli_words.py`` reads every source out of ``shopcrm/cli/*.py`` and fails
when one has no entry here (or when an entry drops or renames a ``{field}``). Codes shown
to the owner (statuses, reasons, channels...) have entries of their own below.
"""

from __future__ import annotations

from shopcrm.cli.words_fa_care import WORDS as _CARE
from shopcrm.cli.words_fa_sending import WORDS as _SENDING

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
}

# The other parts of the catalogue (sending; looking after customers), one table for words.py.
for _part in (_SENDING, _CARE):
    WORDS_FA.update(_part)
