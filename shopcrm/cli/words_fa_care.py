"""Persian of the looking-after commands' words: loyalty and referrals, complaints, inbox,
surveys, the call list, today and win-back, the daily run and its schedule, settings.

Part of the command's Persian catalogue, keyed by English: ``shopcrm.cli.words_fa``
joins the parts into ``WORDS_FA`` (a key is defined once: tests/unit/test_cli_words.py)."""

from __future__ import annotations

WORDS: dict[str, str] = {
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
