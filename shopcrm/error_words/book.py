"""Error words for the book: general, values, customers and visits, the database, which book,
numbers typed on the command line.

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
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
}
