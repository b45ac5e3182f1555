"""Error words for backups and restore.

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
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
}
