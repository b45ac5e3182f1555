"""Words for error codes, in Persian and English.

The core raises ``ShopError(code, **data)``; the CLI and the window call
``describe(error, lang)``. Keep one entry per code: ``code: (fa, en)``; the
templates use ``str.format`` fields from the error's data. Each area of the
product keeps its codes in its own block below.
"""

from __future__ import annotations

import re
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # -- general
    "error": ("خطای ناشناخته: {detail}", "Unexpected error: {detail}"),
    "invalid_input": ("مقدار نامعتبر: {detail}", "Invalid value: {detail}"),
    "not_found": ("پیدا نشد: {detail}", "Not found: {detail}"),
    "conflict": ("تداخل: {detail}", "Conflict: {detail}"),
    "storage": ("خطای ذخیره‌سازی: {detail}", "Storage error: {detail}"),
    "provider": ("خطای سرویس ارسال: {detail}", "Provider error: {detail}"),
    "cancelled": ("لغو شد.", "Cancelled."),
    # -- domain values
    "bad_mobile": (
        "شماره موبایل «{value}» معتبر نیست؛ باید مثل ۰۹۱۲۱۲۳۴۵۶۷ باشد.",
        "The mobile number '{value}' is not valid; it should look like 09121234567.",
    ),
    "bad_date": (
        "تاریخ «{value}» خوانده نشد؛ مثل ۱۴۰۳/۰۵/۱۷ یا 2024-08-07 بنویسید.",
        "The date '{value}' cannot be read; write it like 1403/05/17 or 2024-08-07.",
    ),
    "bad_email": ("ایمیل «{value}» معتبر نیست.", "The email '{value}' is not valid."),
    "bad_number": ("عدد «{value}» خوانده نشد.", "The number '{value}' cannot be read."),
    "bad_field": ("{field}: {detail}", "{field}: {detail}"),
    # -- customers and visits
    "customer_not_found": ("مشتری {ref} پیدا نشد.", "Customer {ref} was not found."),
    "visit_not_found": ("مراجعه {id} پیدا نشد.", "Visit {id} was not found."),
    "duplicate_mobile": (
        "این شماره موبایل ({mobile}) قبلاً برای «{name}» (شناسه {id}) ثبت شده است.",
        "This mobile ({mobile}) already belongs to '{name}' (id {id}).",
    ),
    "duplicate_mobile_deleted": (
        "این شماره موبایل ({mobile}) متعلق به «{name}» (شناسه {id}) در سطل زباله است؛"
        " او را بازیابی کنید.",
        "This mobile ({mobile}) belongs to '{name}' (id {id}) in the trash; restore them.",
    ),
    "name_required": ("نام مشتری لازم است.", "The customer's name is required."),
    "merge_same": (
        "نمی‌توان یک مشتری را با خودش ادغام کرد.",
        "A customer cannot be merged with itself.",
    ),
    "stale_edit": (
        "مشتری «{name}» در همین فاصله جای دیگری ویرایش شده است؛"
        " دوباره باز کنید و تغییر را تکرار کنید.",
        "Customer '{name}' was changed elsewhere meanwhile; reopen it and make your change again.",
    ),
    "satisfaction_range": ("رضایت باید بین ۱ تا ۵ باشد.", "Satisfaction must be between 1 and 5."),
    "visit_in_future": (
        "تاریخ مراجعه ({when_fa}) در آینده است؛ مراجعه‌ای که هنوز انجام نشده ثبت نمی‌شود.",
        "The visit's date ({when}) is in the future; a visit that has not happened yet"
        " cannot be recorded.",
    ),
    "negative_amount": ("مبلغ نمی‌تواند منفی باشد.", "The amount cannot be negative."),
    "customer_ref_required": (
        "مشتری را با --phone یا --id مشخص کنید.",
        "Name the customer with --phone or --id.",
    ),
    # -- database
    "db_open_failed": ("پایگاه داده باز نشد: {detail}", "The database cannot be opened: {detail}"),
    "db_newer": (
        "این دفتر با نسخه‌ی جدیدتری از برنامه ساخته شده ({revision})؛ برنامه را به‌روز کنید.",
        "This book was made by a newer version of ShopCRM ({revision}); update the app.",
    ),
    "db_corrupt": (
        "پایگاه داده آسیب دیده است: {detail}. از آخرین پشتیبان سالم بازیابی کنید.",
        "The database is damaged: {detail}. Restore the newest good backup.",
    ),
    "db_locked": (
        "پایگاه داده در دست برنامه‌ی دیگری است؛ کمی بعد دوباره امتحان کنید.",
        "The database is busy in another program; try again in a moment.",
    ),
    "disk_full": ("فضای دیسک پر است: {path}", "The disk is full: {path}"),
    "read_only": ("امکان نوشتن نیست (فقط‌خواندنی): {path}", "Cannot write (read-only): {path}"),
    # -- which book (--db, SHOPCRM_DB)
    "db_missing_book": (
        "دفتری در «{path}» نیست؛ نشانی را بررسی کنید، یا برای ساختن دفتری تازه در آن‌جا"
        " shopcrm init را اجرا کنید.",
        "There is no book at {path}; check the path, or run shopcrm init to create a new"
        " book there.",
    ),
    "db_bad_url": (
        "«{value}» نه مسیر فایل دفتر است و نه نشانی پایگاه داده؛ مثلاً"
        " ~/shop.sqlite3 یا postgresql://user@host/shop بنویسید.",
        "'{value}' is neither a book file's path nor a database URL; write e.g."
        " ~/shop.sqlite3 or postgresql://user@host/shop.",
    ),
    "db_unknown_scheme": (
        "پایگاه داده‌ی «{scheme}» پشتیبانی نمی‌شود ({value})؛ ShopCRM فقط با فایل"
        " SQLite (یک مسیر، یا sqlite:///...) و PostgreSQL (postgresql://...) کار می‌کند.",
        "The database '{scheme}' is not supported ({value}); ShopCRM works with a SQLite"
        " file (a path, or sqlite:///...) and PostgreSQL (postgresql://...).",
    ),
    "db_is_folder": (
        "«{path}» یک پوشه است، نه فایل دفتر؛ نام فایل را هم بنویسید (مثلاً"
        " {path}/shopcrm.sqlite3).",
        "{path} is a folder, not a book file; name the file too (e.g."
        " {path}/shopcrm.sqlite3).",
    ),
    "db_driver_missing": (
        "راه‌انداز پایگاه داده‌ی «{driver}» نصب نیست؛ برای PostgreSQL دستور"
        " pip install \"shopcrm[postgres]\" را اجرا کنید.",
        "The database driver '{driver}' is not installed; for PostgreSQL run"
        " pip install \"shopcrm[postgres]\".",
    ),
    # -- numbers on the command line
    "cli_not_a_whole_number": (
        "{option}: «{value}» عدد صحیح نیست؛ عددی مثل ۲۰ بنویسید.",
        "{option}: '{value}' is not a whole number; write a number like 20.",
    ),
    "cli_number_negative": (
        "{option}: «{value}» منفی است؛ صفر یا بیشتر بنویسید.",
        "{option}: '{value}' is negative; write 0 or more.",
    ),
    "cli_number_out_of_range": (
        "{option}: عدد {value} بیرون از اندازه‌ی پذیرفتنی است.",
        "{option}: the number {value} is out of range.",
    ),
    "cli_bad_amount": (
        "{option}: مبلغ «{value}» خوانده نشد؛ مثل ۱۵۰٬۰۰۰ یا ۱۵۰ هزار بنویسید.",
        "{option}: the amount '{value}' cannot be read; write it like 150,000 or 150 "
        "thousand.",
    ),
    "cli_not_a_number": (
        "{option}: «{value}» عدد معمولی نیست؛ عددی مثل ۲٫۵ بنویسید.",
        "{option}: '{value}' is not a plain number; write a number like 2.5.",
    ),
    "number_too_large_to_store": (
        "عددی بزرگ‌تر از آنچه دفتر می‌تواند نگه دارد داده شده است؛ مقدار را بررسی کنید.",
        "A number is larger than the book can store; check the value.",
    ),
    "demo_too_many": (
        "دفتر نمونه حداکثر {max} مشتری دارد (خواسته‌شده: {value}).",
        "A demo book has at most {max} customers (asked for: {value}).",
    ),
    "demo_book_not_empty": (
        "این دفتر {customers} مشتری دارد؛ مشتریان نمونه فقط به دفتر خالی افزوده می‌شوند تا با "
        "مشتریان واقعی قاطی نشوند.",
        "This book already has {customers} customers; demo customers are only added to an "
        "empty book, so they do not mix with real ones.",
    ),
    "demo_book_not_empty@cli": (
        "این دفتر {customers} مشتری دارد؛ نمونه در دفتری خالی بسازید (shopcrm demo --db "
        "نمونه.sqlite3) یا اگر واقعاً مشتریان ساختگی را کنار مشتریان واقعی می‌خواهید "
        "‎--into-existing‎ را بدهید.",
        "This book already has {customers} customers; make the demo in an empty book "
        "(shopcrm demo --db demo.sqlite3), or pass --into-existing if you really want made-up "
        "customers among the real ones.",
    ),
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
    # -- import and export
    "import_file_not_found": ("فایل «{file}» پیدا نشد.", "The file '{file}' was not found."),
    "import_unreadable": (
        "فایل «{file}» خوانده نشد: {detail}", "The file '{file}' cannot be read: {detail}"),
    "import_empty_file": ("فایل «{file}» خالی است.", "The file '{file}' is empty."),
    "import_too_large": (
        "فایل «{file}» ({size_mb} مگابایت) بزرگ‌تر از حد مجاز ({limit_mb} مگابایت) است.",
        "The file '{file}' ({size_mb} MB) is larger than the limit ({limit_mb} MB).",
    ),
    "import_binary_file": (
        "«{file}» فایل اکسل (xlsx، xls)، ODS یا CSV نیست و متن هم نیست؛"
        " آن را در اکسل باز کنید و با قالب xlsx ذخیره کنید.",
        "'{file}' is not an Excel (xlsx, xls), ODS or CSV file, nor text;"
        " open it in Excel and save it as xlsx.",
    ),
    "import_unsupported_format": (
        "«{file}» فایل اکسل (xlsx، xls)، ODS یا CSV نیست ({kind})؛"
        " آن را در اکسل باز کنید و با قالب xlsx ذخیره کنید.",
        "'{file}' is not an Excel (xlsx, xls), ODS or CSV file ({kind});"
        " open it in Excel and save it as xlsx.",
    ),
    "import_encrypted": (
        "فایل «{file}» رمز دارد؛ آن را در اکسل باز کنید، رمز را بردارید و دوباره ذخیره کنید.",
        "The file '{file}' is password-protected; open it in Excel, remove the password"
        " and save it again.",
    ),
    "import_corrupt": (
        "فایل «{file}» آسیب دیده است و خوانده نشد؛ آن را در اکسل باز کنید و دوباره ذخیره کنید.",
        "The file '{file}' is damaged and cannot be read ({reason}); open it in Excel and"
        " save it again.",
    ),
    "import_suspicious_file": (
        "فایل «{file}» بیش از اندازه بزرگ باز می‌شود و برای ایمنی خوانده نشد.",
        "The file '{file}' expands to far more than it holds and was not read, for"
        " safety ({reason}).",
    ),
    "import_too_many_rows": (
        "برگه‌ی «{sheet}» از فایل «{file}» {rows} ردیف دارد؛ بیشترین تعداد {limit} ردیف است."
        " فهرست را در چند فایل کوچک‌تر وارد کنید.",
        "Sheet '{sheet}' of '{file}' has {rows} rows; the most is {limit}. Import the"
        " list as several smaller files.",
    ),
    "import_sheet_too_big": (
        "برگه‌ی «{sheet}» از فایل «{file}» برای یک بار ورود بیش از اندازه بزرگ است ({rows} ردیف"
        " در {columns} ستون)؛ فهرست را در چند فایل کوچک‌تر وارد کنید.",
        "Sheet '{sheet}' of '{file}' is too big to import at once ({rows} rows by {columns}"
        " columns); import the list as several smaller files.",
    ),
    "import_read_as_csv": (
        "«{file}» پسوند {ext} دارد ولی فایل اکسل نیست: یک فایل متنی (CSV) است و همان‌طور"
        " خوانده شد (کدگذاری {encoding}، جداکننده «{delimiter}»). درست بودن ستون‌ها را"
        " بررسی کنید.",
        "'{file}' is named {ext} but is not an Excel workbook: it is a text (CSV) file and"
        " was read as one (encoding {encoding}, separator '{delimiter}'). Check that the"
        " columns came out right.",
    ),
    "import_column_looks_like": (
        "ستون «{column}» شاید {field_word} باشد، ولی خودبه‌خود به {field_word} وصل نشد و"
        " مقدارهایش در یادداشت‌ها می‌ماند؛ اگر {field_word} است، آن را دستی وصل کنید"
        " (در خط فرمان: --map \"{column}={field}\").",
        "Column '{column}' may be the {field_word}, but it was not mapped to it by itself"
        " and its values go to the notes; if it is the {field_word}, map it by hand (on"
        " the command line: --map \"{column}={field}\").",
    ),
    "import_html_file": (
        "«{file}» با پسوند {ext} در واقع یک صفحه‌ی وب است، نه فایل اکسل؛ آن را در اکسل باز"
        " کنید و با قالب xlsx ذخیره کنید.",
        "'{file}' is named {ext} but is really a web page, not a spreadsheet; open it in"
        " Excel and save it as xlsx.",
    ),
    "import_wrong_extension": (
        "«{file}» پسوند {ext} دارد ولی فایل متنی است و جدولی در آن پیدا نشد.",
        "'{file}' is named {ext} but is a plain text file with no table in it.",
    ),
    "import_sheet_not_found": (
        "برگه‌ی «{sheet}» در «{file}» نیست؛ برگه‌ها: {sheets}",
        "There is no sheet '{sheet}' in '{file}'; its sheets: {sheets}",
    ),
    "import_no_table": (
        "برگه‌ی «{sheet}» از «{file}» خالی است.", "Sheet '{sheet}' of '{file}' is empty."),
    "import_no_columns": (
        "در برگه‌ی «{sheet}» ستون نام یا موبایل شناخته نشد (سرستون‌ها: {headers})؛"
        " ستون‌ها را با --map مشخص کنید، مثلاً --map \"اسم=name، شماره=mobile\".",
        "No name or mobile column was recognised in sheet '{sheet}' (headers: {headers});"
        " name the columns with --map, e.g. --map \"Client=name,Number=mobile\".",
    ),
    "import_no_visit_columns": (
        "در برگه‌ی «{sheet}» ستون تاریخ و ستون موبایل یا نام مشتری شناخته نشد"
        " (سرستون‌ها: {headers}).",
        "Sheet '{sheet}' needs a date column and a mobile or name column"
        " (headers: {headers}).",
    ),
    "import_bad_header_row": (
        "ردیف {row} برگه‌ی «{sheet}» سرستون ندارد.",
        "Row {row} of sheet '{sheet}' holds no headers.",
    ),
    "import_bad_mapping": (
        "«{item}» را نمی‌توان خواند؛ به شکل ستون=فیلد بنویسید، مثلاً «شماره=mobile».",
        "'{item}' cannot be read; write column=field, e.g. 'Number=mobile'.",
    ),
    "import_unknown_field": (
        "فیلد «{field}» شناخته نشد؛ فیلدها: {fields}، یا ignore.",
        "Unknown field '{field}'; the fields are: {fields}, or ignore.",
    ),
    "import_map_unknown_column": (
        "ستون «{column}» در فایل نیست؛ سرستون‌ها: {headers}",
        "There is no column '{column}' in the file; its headers: {headers}",
    ),
    "import_row": ("ردیف {row}: {detail}", "Row {row}: {detail}"),
    "import_row_column": ("ردیف {row}، ستون «{column}»: {detail}",
                          "Row {row}, column '{column}': {detail}"),
    "row_no_identity": (
        "نه نام دارد نه موبایل؛ وارد نمی‌شود.", "Has neither a name nor a mobile; not imported."),
    "row_no_name_bad_mobile": (
        "نام ندارد و موبایل «{value}» هم خوانا نیست؛ وارد نمی‌شود.",
        "Has no name and the mobile '{value}' cannot be read; not imported.",
    ),
    "row_name_missing": (
        "نام ندارد؛ با موبایل {value} وارد می‌شود.",
        "Has no name; imported with the mobile {value}.",
    ),
    "row_mobile_is_landline": (
        "«{value}» تلفن ثابت است، نه موبایل؛ در تلفن دوم گذاشته شد.",
        "'{value}' is a landline, not a mobile; kept as the second phone.",
    ),
    "row_several_phones": (
        "چند شماره در یک خانه: {mobile} موبایل شد و بقیه تلفن دوم.",
        "Several numbers in one cell: {mobile} became the mobile, the next the second phone.",
    ),
    "row_phone2_is_mobile": (
        "«{value}» موبایل است؛ چون ستون موبایل خالی بود، موبایل شد.",
        "'{value}' is a mobile; as the mobile column was empty it became the mobile.",
    ),
    "row_bad_phone": (
        "شماره تلفن «{value}» خوانا نیست؛ همان‌طور که نوشته شده نگه داشته شد.",
        "The phone number '{value}' cannot be read; kept as written.",
    ),
    "row_date_in_future": (
        "تاریخ «{value}» در آینده است؛ در یادداشت نگه داشته شد.",
        "The date '{value}' is in the future; kept in the notes.",
    ),
    "row_bad_gender": (
        "جنسیت «{value}» شناخته نشد (زن/مرد)؛ در یادداشت نگه داشته شد.",
        "The gender '{value}' is not understood (female/male); kept in the notes.",
    ),
    "row_bad_vip": (
        "«{value}» برای مشتری ویژه بله/خیر نیست؛ در یادداشت نگه داشته شد.",
        "'{value}' is not yes/no for VIP; kept in the notes.",
    ),
    "row_value_truncated": (
        "متن {length} نویسه‌ای به {limit} نویسه کوتاه شد.",
        "The text of {length} characters was cut to {limit}.",
    ),
    "row_duplicate_in_file": (
        "موبایل {value} در ردیف {first_row} هم آمده است.",
        "The mobile {value} also appears on row {first_row}.",
    ),
    "row_visit_no_date": ("تاریخ مراجعه ندارد؛ وارد نمی‌شود.", "Has no visit date; not imported."),
    "row_visit_no_customer": (
        "موبایل یا نام مشتری ندارد؛ وارد نمی‌شود.",
        "Has no customer mobile or name; not imported.",
    ),
    "row_visit_in_future": (
        "تاریخ مراجعه «{value}» در آینده است.", "The visit date '{value}' is in the future."),
    "row_bad_time": (
        "ساعت «{value}» خوانده نشد؛ در یادداشت نگه داشته شد.",
        "The time '{value}' cannot be read; kept in the note.",
    ),
    "import_bad_policy": (
        "برای مشتری تکراری «{policy}» معنا ندارد؛ یکی از این‌ها: {valid}",
        "'{policy}' is not a duplicate policy; use one of: {valid}",
    ),
    "import_inserted": ("مشتری تازه.", "New customer."),
    "import_updated": (
        "مشتری #{id} (همان {by}) به‌روز شد: {fields}.",
        "Customer #{id} (same {by}) updated: {fields}.",
    ),
    "import_unchanged": (
        "همان مشتری #{id} (همان {by})؛ چیز تازه‌ای نداشت.",
        "Same customer as #{id} (same {by}); nothing new.",
    ),
    "import_merged": (
        "تکرار ردیف {first_row} (همان {by})؛ در آن ادغام شد: {fields}.",
        "Repeats row {first_row} (same {by}); merged into it: {fields}.",
    ),
    "import_skipped": ("وارد نشد.", "Not imported."),
    "import_skip_duplicate": (
        "در دفتر هست (#{id}، همان {by})؛ دست نخورد (تکراری‌ها کنار گذاشته می‌شوند).",
        "Already in the book as #{id} (same {by}); left as it is (duplicates: skip).",
    ),
    "import_skip_duplicate_in_file": (
        "تکرار ردیف {first_row} (همان {by})؛ دوباره وارد نشد.",
        "Repeats row {first_row} (same {by}); not imported again.",
    ),
    "import_skip_in_trash": (
        "مشتری #{id} با این موبایل در سطل زباله است؛ اول او را برگردانید.",
        "Customer #{id} with this mobile is in the trash; restore them first.",
    ),
    "visit_import_no_customer": (
        "مشتری با این موبایل یا نام در دفتر نیست؛ وارد نشد (برای وارد کردنش، ساختن مشتری"
        " برای موبایل ناموجود در دفتر را روشن کنید).",
        "No customer with this mobile or name in the book; not imported (add"
        " --create-customers to create them).",
    ),
    "visit_import_ambiguous_name": (
        "چند مشتری به نام «{name}» هست؛ موبایل را بنویسید.",
        "Several customers are named '{name}'; give the mobile.",
    ),
    "visit_import_duplicate": (
        "این مراجعه (همان مشتری، همان زمان) در دفتر یا فایل هست؛ دوباره وارد نشد.",
        "This visit (same customer, same time) is already in the book or the file.",
    ),
    "import_book_changed": (
        "دفتر در همین حین جای دیگری تغییر کرد؛ چیزی وارد نشد. دوباره امتحان کنید.",
        "The book was changed elsewhere meanwhile; nothing was imported. Try again.",
    ),
    "import_batch_not_found": ("ورود شماره‌ی {id} پیدا نشد.", "There is no import {id}."),
    "import_already_undone": (
        "ورود شماره‌ی {id} پیش‌تر برگردانده شده است.", "Import {id} was already undone."),
    "import_undo_conflicts": (
        "{count} مشتری از ورود {id} پس از آن تغییر کرده‌اند ({names})؛ برای برگرداندن"
        " با وجود آن --force بدهید.",
        "{count} customers of import {id} changed since ({names}); add --force to undo"
        " anyway.",
    ),
    "import_undo_needs_batch": (
        "شماره‌ی ورود را بدهید: shopcrm import undo 3", "Give the import number: shopcrm"
        " import undo 3"),
    "export_not_xlsx": (
        "«{file}» باید پسوند .xlsx داشته باشد.", "'{file}' must end with .xlsx."),
    "export_folder_missing": ("پوشه‌ی {folder} وجود ندارد.", "The folder {folder} does not exist."),
    "export_is_folder": ("{file} یک پوشه است، نه فایل.", "{file} is a folder, not a file."),
    "export_write_failed": (
        "فایل «{file}» نوشته نشد: {detail}", "The file '{file}' cannot be written: {detail}"),
    "export_unknown_what": (
        "«{what}» را نمی‌توان خروجی گرفت؛ یکی از این‌ها: {valid}",
        "Cannot export '{what}'; use one of: {valid}",
    ),
    "export_needs_campaign": (
        "شماره‌ی کمپین را با --campaign بدهید.", "Give the campaign with --campaign ID."),
    "export_filter_customers_only": (
        "بخش و جستجو فقط برای خروجی مشتریان است، نه {what}.",
        "--segment and --search apply to the customer export only, not to {what}.",
    ),
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
    # -- backups
    "backup_postgres": (
        "این دفتر روی سرور PostgreSQL است ({host}:{port}، پایگاه داده‌ی «{db}»)؛ پشتیبان‌گیری و"
        " بازیابی ShopCRM فقط برای دفتر SQLite است. پشتیبان بگیرید با:"
        " pg_dump -h {host} -p {port} -U {user} -Fc -f shopcrm.dump {db}"
        " و بازیابی کنید با:"
        " pg_restore -h {host} -p {port} -U {user} -d {db} --clean --if-exists shopcrm.dump",
        "This book is on the PostgreSQL server {host}:{port} (database '{db}'); ShopCRM's"
        " backup and restore handle SQLite books only. Back it up with:"
        " pg_dump -h {host} -p {port} -U {user} -Fc -f shopcrm.dump {db}"
        " and restore it with:"
        " pg_restore -h {host} -p {port} -U {user} -d {db} --clean --if-exists shopcrm.dump",
    ),
    "backup_memory": (
        "دفتر در حافظه است و فایلی برای پشتیبان‌گیری ندارد.",
        "This book lives in memory; there is no file to back up or restore.",
    ),
    "db_missing": ("فایل دفتر پیدا نشد: {path}", "The book file was not found: {path}"),
    "backup_not_found": (
        "فایل پشتیبان پیدا نشد: {path}",
        "The backup file was not found: {path}",
    ),
    "backup_not_sqlite": (
        "«{path}» پشتیبان ShopCRM نیست (فایل SQLite نیست).",
        "'{path}' is not a ShopCRM backup (not a SQLite file).",
    ),
    "backup_not_a_book": (
        "«{path}» فایل SQLite است اما دفتر مشتریان ShopCRM نیست.",
        "'{path}' is a SQLite file but not a ShopCRM customer book.",
    ),
    "backup_unverified": (
        "پشتیبان «{path}» سالم نیست ({detail})؛ از آن استفاده نمی‌شود.",
        "The backup '{path}' is not sound ({detail}); it is not used.",
    ),
    "backup_newer": (
        "پشتیبان «{path}» با نسخه‌ی جدیدتری از برنامه ساخته شده ({revision})؛ برنامه را به‌روز کنید.",
        "The backup '{path}' was made by a newer version of ShopCRM ({revision}); update the app.",
    ),
    "backup_failed": (
        "پشتیبان در {path} نوشته نشد: {detail}",
        "The backup could not be written to {path}: {detail}",
    ),
    "db_in_use": (
        "دفتر ({path}) در پنجره یا فرمان دیگری از ShopCRM باز است؛"
        " آن را ببندید و دوباره امتحان کنید. چیزی تغییر نکرد.",
        "The book ({path}) is open in another ShopCRM window or command; close it and try"
        " again. Nothing was changed.",
    ),
    "migration_backup_failed": (
        "پیش از به‌روزرسانی دفتر از آن پشتیبان گرفته می‌شود و این کار نشد: {detail}."
        " جا باز کنید یا پوشه‌ی پشتیبان دیگری برگزینید (backup.dir)؛ دفتر تغییری نکرد.",
        "The book is backed up before it is upgraded, and that backup failed: {detail}."
        " Free some space or choose another backup folder (backup.dir); the book was not"
        " changed.",
    ),
    "restore_needs_confirmation": (
        "بازیابی جای دفتر فعلی را می‌گیرد؛ اینجا ترمینالی برای پرسیدن نیست."
        " برای ادامه --yes را بدهید (پیش از آن از دفتر فعلی پشتیبان گرفته می‌شود).",
        "A restore replaces the current book, and there is no terminal to ask on."
        " Add --yes to go ahead (the current book is backed up first).",
    ),
    "no_backup_of_this_book": (
        "در {path} پشتیبان سالمی از این دفتر ({book}) نیست؛ پشتیبان‌های دفترهای دیگر"
        " را shopcrm backups --all نشان می‌دهد.",
        "There is no good backup of this book ({book}) in {path}; shopcrm backups --all"
        " lists the other books' backups.",
    ),
    "backup_other_book": (
        "این پشتیبان از دفتر دیگری است («{backup_book}»، {backup_customers} مشتری)، نه از"
        " این دفتر («{book}»، {customers} مشتری)؛ بازگرداندنش این دفتر را جایگزین می‌کند."
        " اگر همین را می‌خواهید، --from-other-book را هم بنویسید.",
        "This backup is of another book ('{backup_book}', {backup_customers} customers),"
        " not of this one ('{book}', {customers} customers); restoring it would replace"
        " this book. If that is what you want, add --from-other-book.",
    ),
    "backup_unknown_book": (
        "این پشتیبان نمی‌گوید از کدام دفتر است (پیش از آنکه پشتیبان‌ها نام دفترشان را"
        " داشته باشند ساخته شده)؛ بازگرداندنش این دفتر («{book}»، {customers} مشتری) را"
        " جایگزین می‌کند. اگر از همین دفتر است، --from-other-book را هم بنویسید.",
        "This backup does not say which book it is of (it was made before backups carried"
        " their book's name); restoring it would replace this book ('{book}', {customers}"
        " customers). If it is this book's, add --from-other-book.",
    ),
    "no_backup_found": (
        "هیچ پشتیبان سالمی در {path} پیدا نشد.",
        "No good backup was found in {path}.",
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


# Field names of the import, as the owner reads them (``{field_word}`` in a template).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("نام", "name"), "first_name": ("نام کوچک", "first name"),
    "last_name": ("نام خانوادگی", "last name"), "mobile": ("موبایل", "mobile"),
    "phone2": ("تلفن دوم", "second phone"), "email": ("ایمیل", "email"),
    "birthday": ("تاریخ تولد", "birthday"), "gender": ("جنسیت", "gender"),
    "city": ("شهر", "city"), "address": ("نشانی", "address"), "notes": ("یادداشت", "notes"),
    "tags": ("برچسب", "tags"), "referral": ("معرف", "referral"),
    "last_visit": ("آخرین مراجعه", "last visit"),
    "visit_count": ("تعداد مراجعه", "number of visits"), "vip": ("مشتری ویژه", "VIP"),
    "date": ("تاریخ", "date"), "time": ("ساعت", "time"), "amount": ("مبلغ", "amount"),
    "service": ("خدمت", "service"), "staff": ("کارمند", "staff"),
    "payment": ("نحوه‌ی پرداخت", "payment"), "satisfaction": ("رضایت", "satisfaction"),
    "note": ("یادداشت", "note"),
}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def describe(error: Any, lang: str = "fa", *, surface: str = "") -> str:
    """One sentence for ``error`` (a ShopError, or any exception) in ``lang``.

    ``surface="cli"`` prefers the ``code@cli`` words where the fix differs on the command
    line (a ``shopcrm settings set`` command instead of the window's Settings page)."""
    code = getattr(error, "code", "error")
    data: dict[str, Any] = dict(getattr(error, "data", {}) or {})
    templates = MESSAGES.get(f"{code}@{surface}") if surface else None
    templates = templates or MESSAGES.get(code)
    if templates is None:
        templates = MESSAGES["error"]
        data.setdefault("detail", code if hasattr(error, "code") else repr(error))
    text = templates[0] if lang == "fa" else templates[1]
    data.setdefault("detail", "")
    if "{field_word}" in text and "field_word" not in data:
        words = FIELD_WORDS.get(str(data.get("field", "")))
        data["field_word"] = (words[0] if lang == "fa" else words[1]) if words else \
            data.get("field", "")
    # "value" quotes what was typed or read, as it was; other fields are the book's words
    return text.format_map(_Blank({k: v if k == "value" and isinstance(v, str)
                                   else _show(v, lang) for k, v in data.items()}))


def _show(value: Any, lang: str) -> str:
    """A field of a message: numbers, and mobiles or dates (text of digits), in Persian
    digits in Persian; any other text as it is."""
    if lang == "fa" and ((isinstance(value, int) and not isinstance(value, bool))
                         or (isinstance(value, str) and _NUMERIC.fullmatch(value))):
        from shopcrm.domain.text import to_persian_digits

        return to_persian_digits(str(value))
    return str(value)


_NUMERIC = re.compile(r"[+#]?[0-9][0-9 /:\-]*")  # "#30": a customer's id as typed
