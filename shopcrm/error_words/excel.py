"""Error words for importing and exporting Excel.

``code: (Persian, English)``; the templates use ``str.format`` fields from the
error's data (``shopcrm.error_text`` joins the areas and words an error)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
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
}
