<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>ShopCRM</source>
        <translation>ShopCRM</translation>
    </message>
    <message>
        <source>A good backup from {date} exists. Restore it? The damaged book is kept beside it.</source>
        <translation>یک پشتیبان سالم از {date} موجود است. بازیابی شود؟ دفتر آسیب‌دیده کنار آن نگه داشته می‌شود.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>بازیابی پشتیبان</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>The backup was restored. Open ShopCRM again to use it.</source>
        <translation>پشتیبان بازیابی شد. برای کار با آن، ShopCRM را دوباره باز کنید.</translation>
    </message>
</context>
<context>
    <name>CallOutcomeDialog</name>
    <message>
        <source>Log a call</source>
        <translation>ثبت تماس تلفنی</translation>
    </message>
    <message>
        <source>Call with {name}: what came of it?</source>
        <translation>تماس با {name}: نتیجه چه شد؟</translation>
    </message>
    <message>
        <source>What was said (optional)</source>
        <translation>چه گفته شد (اختیاری)</translation>
    </message>
    <message>
        <source>Log the call</source>
        <translation>ثبت تماس</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>جواب نداد</translation>
    </message>
    <message>
        <source>Will come</source>
        <translation>می‌آید</translation>
    </message>
    <message>
        <source>Booked an appointment</source>
        <translation>نوبت گرفت</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>علاقه‌ای ندارد</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>شماره اشتباه</translation>
    </message>
</context>
<context>
    <name>CampaignComposer</name>
    <message>
        <source>Selected customers</source>
        <translation>مشتریان انتخاب‌شده</translation>
    </message>
    <message>
        <source>A group of customers</source>
        <translation>گروهی از مشتریان</translation>
    </message>
    <message>
        <source>Customers matching a search</source>
        <translation>مشتریانِ یک جست‌وجو</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>همه</translation>
    </message>
    <message>
        <source>A list of mobile numbers</source>
        <translation>فهرستی از شماره‌های موبایل</translation>
    </message>
    <message>
        <source>RFM: {segment}</source>
        <translation>گروه ارزش: {segment}</translation>
    </message>
    <message>
        <source>Name, mobile or notes</source>
        <translation>نام، موبایل یا یادداشت</translation>
    </message>
    <message>
        <source>Paste mobile numbers, one a line or separated by commas (Persian digits are fine)</source>
        <translation>شماره‌های موبایل را بچسبانید، هر کدام در یک سطر یا جدا با ویرگول (رقم فارسی هم درست است)</translation>
    </message>
    <message>
        <source>Every customer in the book who has not opted out.</source>
        <translation>همه‌ی مشتریان دفتر که انصراف نداده‌اند.</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>SMS and email</source>
        <translation>پیامک و ایمیل</translation>
    </message>
    <message>
        <source>Email if they have one, else SMS</source>
        <translation>ایمیل اگر دارد، وگرنه پیامک</translation>
    </message>
    <message>
        <source>Win-back: we miss you</source>
        <translation>بازگشت: دلمان تنگ شده</translation>
    </message>
    <message>
        <source>Birthday greeting</source>
        <translation>تبریک تولد</translation>
    </message>
    <message>
        <source>We have moved (new address)</source>
        <translation>نشانی جدید (جابه‌جایی)</translation>
    </message>
    <message>
        <source>Thank you for visiting</source>
        <translation>سپاس از مراجعه</translation>
    </message>
    <message>
        <source>Free text</source>
        <translation>متن آزاد</translation>
    </message>
    <message>
        <source>Insert a field ▾</source>
        <translation>افزودن فیلد ▾</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>نام کامل</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام کوچک</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>نام فروشگاه</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>نشانی فروشگاه</translation>
    </message>
    <message>
        <source>Shop phone</source>
        <translation>تلفن فروشگاه</translation>
    </message>
    <message>
        <source>Last visit date</source>
        <translation>تاریخ آخرین مراجعه</translation>
    </message>
    <message>
        <source>Days since the last visit</source>
        <translation>روزهای گذشته از آخرین مراجعه</translation>
    </message>
    <message>
        <source>New address</source>
        <translation>نشانی جدید</translation>
    </message>
    <message>
        <source>Optional; the template and date otherwise</source>
        <translation>اختیاری؛ وگرنه نام قالب و تاریخ</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>گیرندگان:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>راه ارسال:</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>قالب:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>متن پیام:</translation>
    </message>
    <message>
        <source>Email subject:</source>
        <translation>موضوع ایمیل:</translation>
    </message>
    <message>
        <source>New address:</source>
        <translation>نشانی جدید:</translation>
    </message>
    <message>
        <source>Campaign name:</source>
        <translation>نام کمپین:</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>پیش‌نمایش</translation>
    </message>
    <message>
        <source>Send…</source>
        <translation>ارسال…</translation>
    </message>
    <message>
        <source>Who gets it</source>
        <translation>چه کسانی دریافت می‌کنند</translation>
    </message>
    <message>
        <source>{count} customers chosen on another page</source>
        <translation>{count} مشتری که در صفحه‌ی دیگری انتخاب شده‌اند</translation>
    </message>
    <message>
        <source>Type what to search for.</source>
        <translation>عبارت جست‌وجو را بنویسید.</translation>
    </message>
    <message>
        <source>Paste the mobile numbers.</source>
        <translation>شماره‌های موبایل را بچسبانید.</translation>
    </message>
    <message>
        <source>Nobody to preview for.</source>
        <translation>کسی برای پیش‌نمایش نیست.</translation>
    </message>
    <message>
        <source>Send {count} messages…</source>
        <translation>ارسال {count} پیام…</translation>
    </message>
    <message>
        <source>Send {messages} messages to {customers} customers now?</source>
        <translation>{messages} پیام برای {customers} مشتری همین حالا فرستاده شود؟</translation>
    </message>
    <message>
        <source>Send the campaign</source>
        <translation>ارسال کمپین</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>ارسال</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>فعلاً نه</translation>
    </message>
    <message>
        <source>Send again to those who got it</source>
        <translation>دوباره به کسانی که گرفته‌اند هم بفرست</translation>
    </message>
    <message>
        <source>Also send to those who already got this message</source>
        <translation>به کسانی هم که همین پیام را گرفته‌اند بفرست</translation>
    </message>
    <message>
        <source>Test mode: nothing leaves this computer; the messages are written to a file.</source>
        <translation>حالت آزمایشی: هیچ پیامی از این رایانه بیرون نمی‌رود؛ پیام‌ها در یک فایل نوشته می‌شوند.</translation>
    </message>
    <message>
        <source>{parts} SMS parts, about {money}, are charged to the account.</source>
        <translation>{parts} بخش پیامک، حدود {money}، از حساب کم می‌شود.</translation>
    </message>
    <message>
        <source>{count} customers get it a second time.</source>
        <translation>{count} مشتری آن را برای بار دوم می‌گیرند.</translation>
    </message>
    <message>
        <source>Resume the unfinished campaign</source>
        <translation>ادامه‌ی کمپین ناتمام</translation>
    </message>
    <message>
        <source>Campaign #{id} with the same message is not finished. Resume it instead? Nobody gets the message twice.</source>
        <translation>کمپین #{id} با همین پیام هنوز تمام نشده است. به‌جای آن، همان را ادامه دهید؟ هیچ‌کس پیام را دو بار نمی‌گیرد.</translation>
    </message>
    <message>
        <source>Resume it</source>
        <translation>ادامه بده</translation>
    </message>
    <message>
        <source>A notice, not a promotion</source>
        <translation>اطلاعیه است، نه تبلیغ</translation>
    </message>
    <message>
        <source>A notice also reaches customers with an open complaint</source>
        <translation>اطلاعیه به مشتریانی که شکایت باز دارند هم می‌رسد</translation>
    </message>
</context>
<context>
    <name>CampaignNotes</name>
    <message>
        <source>Finished with {failed} failed</source>
        <translation>پایان با {failed} ناموفق</translation>
    </message>
    <message>
        <source>Test mode: nothing left this computer; {count} messages were written to {path}.</source>
        <translation>حالت آزمایشی: هیچ پیامی از این رایانه بیرون نرفت؛ {count} پیام در {path} نوشته شد.</translation>
    </message>
    <message>
        <source>{count} failed for a passing reason (the gateway was busy or did not answer); “Retry the failed” sends them again.</source>
        <translation>{count} پیام به دلیلی گذرا ناموفق ماند (سامانه شلوغ بود یا پاسخ نداد)؛ «ارسال دوباره‌ی ناموفق‌ها» آن‌ها را دوباره می‌فرستد.</translation>
    </message>
    <message>
        <source>{status} (test mode)</source>
        <translation>{status} (آزمایشی)</translation>
    </message>
    <message>
        <source>{count} emails have an unknown outcome: the connection to the mail server was cut while they were being handed over. Resending may give some customers the email twice; dropping may leave some without it.</source>
        <translation>سرنوشت {count} ایمیل نامعلوم است: ارتباط با سرور ایمیل هنگام تحویل آن‌ها قطع شد. ارسال دوباره ممکن است به برخی مشتریان دو ایمیل برساند؛ کنار گذاشتن ممکن است برخی را بی‌ایمیل بگذارد.</translation>
    </message>
    <message>
        <source>Test mode: {count} messages were written to {path}; nothing left this computer.</source>
        <translation>حالت آزمایشی: {count} پیام در {path} نوشته شد؛ هیچ پیامی از این رایانه بیرون نرفت.</translation>
    </message>
    <message>
        <source>Finished with {failed} failed: {sent} messages sent, cost {cost}.</source>
        <translation>پایان با {failed} ناموفق: {sent} پیام فرستاده شد، هزینه {cost}.</translation>
    </message>
    <message>
        <source>Sent: {sent} messages, cost {cost}.</source>
        <translation>ارسال شد: {sent} پیام، هزینه {cost}.</translation>
    </message>
</context>
<context>
    <name>CampaignSending</name>
    <message>
        <source>Another campaign is being sent; wait for it or cancel it first.</source>
        <translation>کمپین دیگری در حال ارسال است؛ صبر کنید تمام شود یا اول آن را لغو کنید.</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v از %m</translation>
    </message>
    <message>
        <source>Retry the failed</source>
        <translation>ارسال دوباره‌ی ناموفق‌ها</translation>
    </message>
    <message>
        <source>Paused: {reason}. {pending} messages wait; Resume sends them.</source>
        <translation>ارسال متوقف شد: {reason}. {pending} پیام در صف مانده است؛ «ادامه‌ی ارسال» آن‌ها را می‌فرستد.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>در حال توقف…</translation>
    </message>
    <message>
        <source>Delivery checked for {checked} messages: {delivered} delivered, {failed} failed.</source>
        <translation>وضعیت {checked} پیام بررسی شد: {delivered} رسیده، {failed} ناموفق.</translation>
    </message>
    <message>
        <source>SMS is not set up (see Settings).</source>
        <translation>پیامک تنظیم نشده است (تنظیمات را ببینید).</translation>
    </message>
    <message>
        <source>Test mode: messages go to a file, nothing is sent.</source>
        <translation>حالت آزمایشی: پیام‌ها در یک فایل نوشته می‌شوند و چیزی فرستاده نمی‌شود.</translation>
    </message>
    <message>
        <source>Asking for the credit…</source>
        <translation>در حال پرسیدن اعتبار…</translation>
    </message>
    <message>
        <source>Credit: not known (test provider)</source>
        <translation>اعتبار: نامعلوم (حالت آزمایشی)</translation>
    </message>
    <message>
        <source>Credit: {amount}</source>
        <translation>اعتبار: {amount}</translation>
    </message>
    <message>
        <source>Credit: unknown</source>
        <translation>اعتبار: نامعلوم</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>Campaigns</source>
        <translation>کمپین‌ها</translation>
    </message>
    <message>
        <source>Check credit</source>
        <translation>بررسی اعتبار</translation>
    </message>
    <message>
        <source>Relocation notice…</source>
        <translation>اطلاع‌رسانی نشانی جدید…</translation>
    </message>
    <message>
        <source>Tell every customer the shop&apos;s new address</source>
        <translation>نشانی جدید فروشگاه را به همه‌ی مشتریان خبر دهید</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>کمپین تازه</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>کمپین</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>ساخته‌شده</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>پیام‌ها</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>ارسال‌شده</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>رسیده</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>هزینه</translation>
    </message>
    <message>
        <source>Sent and planned campaigns</source>
        <translation>کمپین‌های فرستاده و در صف</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>ادامه‌ی ارسال</translation>
    </message>
    <message>
        <source>Check delivery</source>
        <translation>بررسی رسیدن پیام‌ها</translation>
    </message>
    <message>
        <source>Ask the SMS gateway which messages arrived</source>
        <translation>از سامانه‌ی پیامک بپرسید کدام پیام‌ها رسیده‌اند</translation>
    </message>
    <message>
        <source>Results per recipient</source>
        <translation>نتیجه برای هر گیرنده</translation>
    </message>
    <message>
        <source>Sending “{name}” was interrupted; {pending} messages have not gone out yet. Nobody gets a message twice when it goes on.</source>
        <translation>ارسال «{name}» نیمه‌کاره ماند؛ {pending} پیام هنوز فرستاده نشده است. با ادامه‌ی ارسال، هیچ‌کس پیامی را دو بار نمی‌گیرد.</translation>
    </message>
    <message>
        <source>{name}: {status}. {sent} sent, {delivered} delivered, {failed} failed, {pending} waiting; cost {cost}.</source>
        <translation>{name}: {status}. {sent} ارسال‌شده، {delivered} رسیده، {failed} ناموفق، {pending} در صف؛ هزینه {cost}.</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>هنوز ارسال نشده</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>در حال ارسال</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>انجام شد</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>لغو شد</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>به دستور شما</translation>
    </message>
    <message>
        <source>out of credit</source>
        <translation>اعتبار تمام شد</translation>
    </message>
    <message>
        <source>the SMS account was refused</source>
        <translation>حساب پیامک پذیرفته نشد</translation>
    </message>
    <message>
        <source>SMS is not set up</source>
        <translation>پیامک تنظیم نشده</translation>
    </message>
    <message>
        <source>the gateway refused the request</source>
        <translation>سامانه‌ی پیامک درخواست را نپذیرفت</translation>
    </message>
    <message>
        <source>the gateway did not answer</source>
        <translation>سامانه‌ی پیامک پاسخ نداد</translation>
    </message>
    <message>
        <source>waiting for the end of the quiet hours</source>
        <translation>در انتظار پایان ساعت‌های سکوت</translation>
    </message>
    <message>
        <source>the mail server refused the login</source>
        <translation>سرور ایمیل ورود را نپذیرفت</translation>
    </message>
    <message>
        <source>email is not set up</source>
        <translation>ایمیل تنظیم نشده</translation>
    </message>
    <message>
        <source>the mail server refused the sender</source>
        <translation>سرور ایمیل فرستنده را نپذیرفت</translation>
    </message>
    <message>
        <source>{status} ({reason})</source>
        <translation>{status} ({reason})</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>SMS and email</source>
        <translation>پیامک و ایمیل</translation>
    </message>
    <message>
        <source>Email, else SMS</source>
        <translation>ایمیل، وگرنه پیامک</translation>
    </message>
    <message>
        <source>Resend unknown emails</source>
        <translation>ارسال دوباره‌ی ایمیل‌های نامعلوم</translation>
    </message>
    <message>
        <source>Drop unknown emails</source>
        <translation>کنار گذاشتن ایمیل‌های نامعلوم</translation>
    </message>
    <message>
        <source>Retry the failed</source>
        <translation>ارسال دوباره‌ی ناموفق‌ها</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>باز کردن تنظیمات</translation>
    </message>
</context>
<context>
    <name>CardActions</name>
    <message>
        <source>Send SMS…</source>
        <translation>ارسال پیامک…</translation>
    </message>
    <message>
        <source>Log a call…</source>
        <translation>ثبت تماس…</translation>
    </message>
    <message>
        <source>Snooze…</source>
        <translation>تعویق…</translation>
    </message>
    <message>
        <source>Add a complaint…</source>
        <translation>ثبت شکایت…</translation>
    </message>
    <message>
        <source>This customer opted out of SMS.</source>
        <translation>این مشتری پیامک را لغو کرده است.</translation>
    </message>
    <message>
        <source>No mobile number.</source>
        <translation>شماره‌ی همراه ندارد.</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} روز</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Save as PNG…</source>
        <translation>ذخیره به صورت PNG…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>ذخیره به صورت PDF…</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <source>Add a complaint</source>
        <translation>ثبت شکایت</translation>
    </message>
    <message>
        <source>What went wrong?</source>
        <translation>چه مشکلی پیش آمد؟</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Complaint of {name}</source>
        <translation>شکایت {name}</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>شکایت تازه</translation>
    </message>
    <message>
        <source>What went wrong, in the customer&apos;s words</source>
        <translation>چه چیزی درست نبود، به زبان خود مشتری</translation>
    </message>
    <message>
        <source>— no particular visit —</source>
        <translation>— مراجعه‌ی خاصی نیست —</translation>
    </message>
    <message>
        <source>Who takes care of it</source>
        <translation>چه کسی پیگیری می‌کند</translation>
    </message>
    <message>
        <source>How it was settled</source>
        <translation>چطور حل شد</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <source>Came in by</source>
        <translation>راه رسیدن</translation>
    </message>
    <message>
        <source>About the visit</source>
        <translation>درباره‌ی مراجعه</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>پیگیری با</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>راه‌حل</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>The complaint&apos;s text is required.</source>
        <translation>متن شکایت لازم است.</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <source>low</source>
        <translation>کم</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>متوسط</translation>
    </message>
    <message>
        <source>high</source>
        <translation>زیاد</translation>
    </message>
    <message>
        <source>open</source>
        <translation>باز</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>در حال پیگیری</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>حل‌شده</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>حضوری</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>تلفنی</translation>
    </message>
    <message>
        <source>SMS reply</source>
        <translation>پاسخ پیامکی</translation>
    </message>
    <message>
        <source>survey</source>
        <translation>نظرسنجی</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Complaints</source>
        <translation>شکایت‌ها</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>فقط شکایت‌های باز</translation>
    </message>
    <message>
        <source>Work on it…</source>
        <translation>پیگیری…</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>مشتری</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Came in by</source>
        <translation>راه رسیدن</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>خدمت</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>کارمند</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>باز</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>حل‌شده</translation>
    </message>
    <message>
        <source>Median days to resolve</source>
        <translation>میانه‌ی روزهای حل</translation>
    </message>
    <message>
        <source>{open} open ({progress} in progress) · {resolved} resolved · median {days} days to resolve</source>
        <translation>{open} باز ({progress} در حال پیگیری)، {resolved} حل‌شده، میانه‌ی زمان حل {days} روز</translation>
    </message>
</context>
<context>
    <name>ComplaintsPanel</name>
    <message>
        <source>Opened</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>شدت</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Came in by</source>
        <translation>راه رسیدن</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>مراجعه</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>راه‌حل</translation>
    </message>
    <message>
        <source>New complaint…</source>
        <translation>ثبت شکایت…</translation>
    </message>
    <message>
        <source>Work on it…</source>
        <translation>پیگیری…</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>New customer</source>
        <translation>مشتری جدید</translation>
    </message>
    <message>
        <source>Customer card</source>
        <translation>پرونده‌ی مشتری</translation>
    </message>
    <message>
        <source>The customer&apos;s name is required.</source>
        <translation>نام مشتری لازم است.</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>زن</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>مرد</translation>
    </message>
    <message>
        <source>How they found the shop</source>
        <translation>از کجا با ما آشنا شد</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. bride, colour</source>
        <translation>با ویرگول جدا کنید، مثلاً عروس، رنگ</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>ویژه</translation>
    </message>
    <message>
        <source>No SMS (opted out)</source>
        <translation>پیامک نفرستید (انصراف داده)</translation>
    </message>
    <message>
        <source>No email (opted out)</source>
        <translation>ایمیل نفرستید (انصراف داده)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Second phone</source>
        <translation>تلفن دوم</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>جنسیت</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>نشانی</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>نحوه‌ی آشنایی</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>یادداشت‌ها</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>خدمت</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>مبلغ</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>پرسنل</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>پرداخت</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>رضایت</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <source>Add visit</source>
        <translation>افزودن مراجعه</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>ویرایش</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>شرح</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>مشخصات</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>مراجعه‌ها</translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation>سابقه‌ی تماس</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>SMS opt-out since {date}</source>
        <translation>انصراف از پیامک از {date}</translation>
    </message>
    <message>
        <source>email opt-out since {date}</source>
        <translation>انصراف از ایمیل از {date}</translation>
    </message>
    <message>
        <source>{count} visits</source>
        <translation>{count} مراجعه</translation>
    </message>
    <message>
        <source>spent {amount}</source>
        <translation>مجموع خرید {amount}</translation>
    </message>
    <message>
        <source>first visit {date}</source>
        <translation>اولین مراجعه {date}</translation>
    </message>
    <message>
        <source>last visit {date}</source>
        <translation>آخرین مراجعه {date}</translation>
    </message>
    <message>
        <source>usually every {days} days</source>
        <translation>معمولاً هر {days} روز</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>غایب</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>دیرکرده</translation>
    </message>
    <message>
        <source>same email</source>
        <translation>ایمیل یکسان</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>نام یکسان</translation>
    </message>
    <message>
        <source>May be the same person as “{name}” ({why}).</source>
        <translation>شاید همان «{name}» باشد ({why}).</translation>
    </message>
    <message>
        <source>{count} other customers may be the same person ({why}).</source>
        <translation>{count} مشتری دیگر شاید همین شخص باشند ({why}).</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>ادغام…</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>تماس تلفنی</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>حضوری</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>پیگیری به تعویق افتاد</translation>
    </message>
    <message>
        <source>open</source>
        <translation>باز</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>رسیدگی شد</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>در صف</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>در حال ارسال</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>ارسال شد</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>رسید</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>شماره‌ی نامعتبر</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>لغو شد</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>نامعلوم</translation>
    </message>
    <message>
        <source>test mode, not sent</source>
        <translation>حالت آزمایشی، ارسال نشد</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>پاسخ داد</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>پاسخ نداد</translation>
    </message>
    <message>
        <source>will come</source>
        <translation>می‌آید</translation>
    </message>
    <message>
        <source>booked</source>
        <translation>نوبت گرفت</translation>
    </message>
    <message>
        <source>not interested</source>
        <translation>علاقه‌ای ندارد</translation>
    </message>
    <message>
        <source>wrong number</source>
        <translation>شماره اشتباه</translation>
    </message>
    <message>
        <source>Contact history ({count})</source>
        <translation>سابقه‌ی تماس ({count})</translation>
    </message>
    <message>
        <source>SMS sent.</source>
        <translation>پیامک فرستاده شد.</translation>
    </message>
    <message>
        <source>Call logged.</source>
        <translation>تماس ثبت شد.</translation>
    </message>
    <message>
        <source>Snoozed.</source>
        <translation>به تعویق افتاد.</translation>
    </message>
    <message>
        <source>Complaint added.</source>
        <translation>شکایت ثبت شد.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>ذخیره شد.</translation>
    </message>
    <message>
        <source>Delete visit</source>
        <translation>حذف مراجعه</translation>
    </message>
    <message>
        <source>Delete the visit of {date}?</source>
        <translation>مراجعه‌ی {date} حذف شود؟</translation>
    </message>
    <message>
        <source>Merge “{name}” {mobile} ({visits} visits) into this card</source>
        <translation>ادغام «{name}» {mobile} ({visits} مراجعه) در این پرونده</translation>
    </message>
    <message>
        <source>Merge customers</source>
        <translation>ادغام مشتری‌ها</translation>
    </message>
    <message>
        <source>Move every visit, message and tag of the other customer into this card and remove the other card? This cannot be undone.</source>
        <translation>همه‌ی مراجعه‌ها، پیام‌ها و برچسب‌های مشتری دیگر به این پرونده منتقل و پرونده‌ی دیگر حذف شود؟ این کار برگشت‌پذیر نیست.</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>باشگاه مشتریان</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} امتیاز</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>شکایت‌ها</translation>
    </message>
    <message>
        <source>To call back</source>
        <translation>باید تماس گرفت</translation>
    </message>
    <message>
        <source>opted out of SMS</source>
        <translation>از پیامک خارج شد</translation>
    </message>
    <message>
        <source>SMS back on</source>
        <translation>پیامک دوباره فعال شد</translation>
    </message>
    <message>
        <source>was opted out already</source>
        <translation>از قبل خارج شده بود</translation>
    </message>
    <message>
        <source>survey score</source>
        <translation>نمره‌ی نظرسنجی</translation>
    </message>
    <message>
        <source>complaint opened</source>
        <translation>شکایت ثبت شد</translation>
    </message>
    <message>
        <source>reply to read</source>
        <translation>پاسخ برای خواندن</translation>
    </message>
    <message>
        <source>Complaints ({count})</source>
        <translation>شکایت‌ها ({count})</translation>
    </message>
    <message>
        <source>⚠ Open complaint ({count}): keep them out of promotions until it is settled.</source>
        <translation>⚠ شکایت باز ({count}): تا حل نشده، پیام تبلیغاتی برایش فرستاده نمی‌شود.</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>مراجعه‌ها</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>آخرین مراجعه</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>مجموع خرید</translation>
    </message>
    <message>
        <source>Next birthday</source>
        <translation>تولد بعدی</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>ویژه</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>غایب</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>دیرکرده</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>today</source>
        <translation>امروز</translation>
    </message>
    <message>
        <source>{days} days ago</source>
        <translation>{days} روز پیش</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>امتیاز</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>مشتریان</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>مشتری جدید</translation>
    </message>
    <message>
        <source>Add a customer (Ctrl+N)</source>
        <translation>افزودن مشتری (Ctrl+N)</translation>
    </message>
    <message>
        <source>Record a visit</source>
        <translation>ثبت مراجعه</translation>
    </message>
    <message>
        <source>Record a visit at the counter (Ctrl+R)</source>
        <translation>ثبت سریع مراجعه پشت پیشخوان (Ctrl+R)</translation>
    </message>
    <message>
        <source>Search by name, mobile, email or notes; “referrer: name” lists whom someone brought (Ctrl+F)</source>
        <translation>جستجو در نام، موبایل، ایمیل یا یادداشت‌ها؛ «معرف: نام» معرفی‌شده‌های یک نفر را می‌آورد (Ctrl+F)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>همه</translation>
    </message>
    <message>
        <source>Regulars</source>
        <translation>مشتریان ثابت</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>غایب</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>دیرکرده</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>ویژه</translation>
    </message>
    <message>
        <source>Birthdays this week</source>
        <translation>تولدهای این هفته</translation>
    </message>
    <message>
        <source>New</source>
        <translation>تازه‌واردها</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>برچسب</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>گروه ارزش مشتری</translation>
    </message>
    <message>
        <source>Message…</source>
        <translation>پیام…</translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation>افزودن برچسب…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>خروجی…</translation>
    </message>
    <message>
        <source>Export the customers shown (Ctrl+E)</source>
        <translation>خروجی از مشتریان نمایش‌داده‌شده (Ctrl+E)</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>انتقال به سطل زباله</translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation>{count} مشتری</translation>
    </message>
    <message>
        <source>{count} selected</source>
        <translation>{count} انتخاب‌شده</translation>
    </message>
    <message>
        <source>Messaging arrives with the Campaigns page.</source>
        <translation>ارسال پیام با صفحه‌ی کمپین‌ها فعال می‌شود.</translation>
    </message>
    <message>
        <source>Export arrives with the Excel page.</source>
        <translation>خروجی با صفحه‌ی اکسل فعال می‌شود.</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>افزودن برچسب</translation>
    </message>
    <message>
        <source>Tag for {count} customers:</source>
        <translation>برچسب برای {count} مشتری:</translation>
    </message>
    <message>
        <source>Tag “{tag}” added to {count} customers.</source>
        <translation>برچسب «{tag}» به {count} مشتری افزوده شد.</translation>
    </message>
    <message>
        <source>{count} customers moved to the trash.</source>
        <translation>{count} مشتری به سطل زباله منتقل شد.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>برگرداندن</translation>
    </message>
    <message>
        <source>{count} customers restored.</source>
        <translation>{count} مشتری بازیابی شد.</translation>
    </message>
    <message>
        <source>Open card</source>
        <translation>باز کردن پرونده</translation>
    </message>
    <message>
        <source>Remove VIP</source>
        <translation>برداشتن نشان ویژه</translation>
    </message>
    <message>
        <source>Mark as VIP</source>
        <translation>نشان ویژه</translation>
    </message>
    <message>
        <source>Copy mobile numbers</source>
        <translation>کپی شماره‌های موبایل</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>اینتر</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>Pick from the calendar</source>
        <translation>انتخاب از تقویم</translation>
    </message>
</context>
<context>
    <name>DemoOfferDialog</name>
    <message>
        <source>Your customer book is empty</source>
        <translation>دفتر مشتریان شما خالی است</translation>
    </message>
    <message>
        <source>There are no customers in this book yet. Would you like to load a demo book with {count} made-up customers and two years of visits, to see how ShopCRM works? You can add your own customers or import your Excel list at any time.</source>
        <translation>هنوز هیچ مشتری‌ای در این دفتر نیست. می‌خواهید یک دفتر نمونه با {count} مشتری ساختگی و دو سال مراجعه بارگذاری شود تا ببینید ShopCRM چطور کار می‌کند؟ هر وقت خواستید می‌توانید مشتریان خودتان را اضافه کنید یا فهرست اکسل خود را وارد کنید.</translation>
    </message>
    <message>
        <source>Load the demo book</source>
        <translation>بارگذاری دفتر نمونه</translation>
    </message>
    <message>
        <source>Start with an empty book</source>
        <translation>شروع با دفتر خالی</translation>
    </message>
    <message>
        <source>Loading the demo book</source>
        <translation>بارگذاری دفتر نمونه</translation>
    </message>
    <message>
        <source>Adding made-up customers and their visits…</source>
        <translation>در حال افزودن مشتریان ساختگی و مراجعه‌هایشان…</translation>
    </message>
</context>
<context>
    <name>EmailPage</name>
    <message>
        <source>Email (optional)</source>
        <translation>ایمیل (اختیاری)</translation>
    </message>
    <message>
        <source>To email customers too, give your mail server. Leave the server empty to skip this; you can add it later in Settings.</source>
        <translation>برای فرستادن ایمیل به مشتریان، سرور ایمیل خود را بدهید. اگر سرور را خالی بگذارید این مرحله رد می‌شود؛ بعداً هم می‌توانید آن را در تنظیمات وارد کنید.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>سرور:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>درگاه:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>نام کاربری:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>گذرواژه:</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (درگاه ۵۸۷)</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (درگاه ۴۶۵)</translation>
    </message>
    <message>
        <source>None (local servers only)</source>
        <translation>هیچ (فقط سرورهای محلی)</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>امنیت:</translation>
    </message>
    <message>
        <source>From address:</source>
        <translation>نشانی فرستنده:</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>ShopCRM</source>
        <translation>ShopCRM</translation>
    </message>
</context>
<context>
    <name>ErrorReportDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>مشکلی پیش آمد</translation>
    </message>
    <message>
        <source>ShopCRM ran into an unexpected problem. Your customer book is safe: every change is saved as you make it. If it happens again, copy this report and send it to whoever helps you with the app; it contains no passwords or keys.</source>
        <translation>برنامه به مشکلی پیش‌بینی‌نشده برخورد. دفتر مشتریان شما سالم است: هر تغییر همان لحظه ذخیره می‌شود. اگر دوباره پیش آمد، این گزارش را کپی کنید و برای کسی بفرستید که در کار با برنامه کمکتان می‌کند؛ هیچ گذرواژه یا کلیدی در آن نیست.</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>کپی گزارش</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>کپی شد</translation>
    </message>
</context>
<context>
    <name>Exclusions</name>
    <message>
        <source>opted out</source>
        <translation>انصراف داده</translation>
    </message>
    <message>
        <source>no mobile</source>
        <translation>بدون موبایل</translation>
    </message>
    <message>
        <source>mobile not valid</source>
        <translation>موبایل نامعتبر</translation>
    </message>
    <message>
        <source>no email</source>
        <translation>بدون ایمیل</translation>
    </message>
    <message>
        <source>same mobile twice</source>
        <translation>موبایل تکراری</translation>
    </message>
    <message>
        <source>same email twice</source>
        <translation>ایمیل تکراری</translation>
    </message>
    <message>
        <source>already in this campaign</source>
        <translation>از قبل در این کمپین</translation>
    </message>
    <message>
        <source>not in the book (personal text)</source>
        <translation>در دفتر نیست (متن شخصی)</translation>
    </message>
    <message>
        <source>in the trash</source>
        <translation>در سطل زباله</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>پیدا نشد</translation>
    </message>
    <message>
        <source>open complaint</source>
        <translation>شکایت باز</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>به تعویق افتاده</translation>
    </message>
    <message>
        <source>contacted recently</source>
        <translation>به‌تازگی تماس گرفته‌شده</translation>
    </message>
    <message>
        <source>already got this message</source>
        <translation>همین پیام را گرفته</translation>
    </message>
    <message>
        <source>waiting in an unfinished campaign</source>
        <translation>در کمپین ناتمام منتظر</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>خروجی لغو شد؛ هیچ فایلی نوشته نشد.</translation>
    </message>
    <message>
        <source>The disk is full: the file was not written. Free some space or choose another drive, then export again.</source>
        <translation>دیسک پر است و فایل نوشته نشد. کمی جا باز کنید یا درایو دیگری انتخاب کنید و دوباره خروجی بگیرید.</translation>
    </message>
    <message>
        <source>This folder cannot be written to (it is read-only, or the file is open in Excel). Choose another folder, such as Documents.</source>
        <translation>در این پوشه نمی‌توان نوشت (فقط‌خواندنی است، یا فایل در اکسل باز است). پوشه‌ی دیگری مثل «اسناد» انتخاب کنید.</translation>
    </message>
    <message>
        <source>The file was not written: {detail}</source>
        <translation>فایل نوشته نشد: {detail}</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>خروجی اکسل</translation>
    </message>
    <message>
        <source>What to export:</source>
        <translation>از چه خروجی بگیریم:</translation>
    </message>
    <message>
        <source>The customers shown now ({view})</source>
        <translation>مشتریانی که الان نمایش داده می‌شوند ({view})</translation>
    </message>
    <message>
        <source>Only the {count} selected customers</source>
        <translation>فقط {count} مشتری انتخاب‌شده</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>همه‌ی مشتریان</translation>
    </message>
    <message>
        <source>All visits</source>
        <translation>همه‌ی مراجعه‌ها</translation>
    </message>
    <message>
        <source>Absent regulars (the win-back list)</source>
        <translation>مشتریان ثابتِ غایب (فهرست بازگرداندن)</translation>
    </message>
    <message>
        <source>Customers overdue by their own rhythm</source>
        <translation>مشتریانی که نسبت به روال همیشگی‌شان دیر کرده‌اند</translation>
    </message>
    <message>
        <source>The results of a campaign:</source>
        <translation>نتیجه‌ی یک کمپین:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>ذخیره در:</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>باز کردن فایل</translation>
    </message>
    <message>
        <source>Show the folder</source>
        <translation>نمایش پوشه</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>خروجی بگیر</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>search “{text}”</source>
        <translation>جستجوی «{text}»</translation>
    </message>
    <message>
        <source>tag “{tag}”</source>
        <translation>برچسب «{tag}»</translation>
    </message>
    <message>
        <source>regulars</source>
        <translation>مشتریان ثابت</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>غایبان</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>دیرکرده‌ها</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>ویژه‌ها</translation>
    </message>
    <message>
        <source>birthdays this week</source>
        <translation>تولدهای این هفته</translation>
    </message>
    <message>
        <source>new</source>
        <translation>تازه‌ها</translation>
    </message>
    <message>
        <source>opted out</source>
        <translation>انصراف‌داده‌ها</translation>
    </message>
    <message>
        <source>No campaign yet</source>
        <translation>هنوز کمپینی نیست</translation>
    </message>
    <message>
        <source>The {count} customers shown now ({view})</source>
        <translation>{count} مشتری که الان نمایش داده می‌شوند ({view})</translation>
    </message>
    <message>
        <source>Save the export as</source>
        <translation>ذخیره‌ی خروجی با نام</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>کارپوشه‌ی اکسل (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved to {file} (rows: {rows}).</source>
        <translation>{rows} ردیف در {file} ذخیره شد.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Welcome to ShopCRM</source>
        <translation>به ShopCRM خوش آمدید</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>بعدی</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>پایان</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>بعداً</translation>
    </message>
    <message>
        <source>The API key is kept in the system keyring, never in a file.</source>
        <translation>کلید API در جای امن رمزهای سیستم (keyring) نگه داشته می‌شود، هرگز در یک فایل.</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the API key and the email password will be kept in a private settings file that only your user account can read.</source>
        <translation>این رایانه جای امن رمزها (keyring) ندارد؛ پس کلید API و گذرواژه‌ی ایمیل در یک فایل خصوصی نگه داشته می‌شوند که فقط حساب کاربری شما می‌تواند آن را بخواند.</translation>
    </message>
</context>
<context>
    <name>FollowUpTableModel</name>
    <message>
        <source>Priority</source>
        <translation>اولویت</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
    <message>
        <source>Days away</source>
        <translation>روزهای غیبت</translation>
    </message>
    <message>
        <source>Usual gap</source>
        <translation>فاصله‌ی معمول</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>مراجعه‌ها</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>مجموع خرید</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>آخرین مراجعه</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>آخرین تماس</translation>
    </message>
    <message>
        <source>How valuable × how late: spending in millions of Rials (plus one) times the days away in units of their usual gap (at most 10).</source>
        <translation>ارزش × دیرکرد: خرید به میلیون ریال (به‌علاوه‌ی یک) ضرب در روزهای غیبت بر حسب فاصله‌ی معمول او (حداکثر ۱۰).</translation>
    </message>
    <message>
        <source>The median number of days between their visits.</source>
        <translation>میانه‌ی فاصله‌ی روزها میان مراجعه‌های او.</translation>
    </message>
    <message>
        <source>Priority {number}</source>
        <translation>اولویت {number}</translation>
    </message>
</context>
<context>
    <name>ImportCheckStep</name>
    <message>
        <source>Row</source>
        <translation>ردیف</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>ستون</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>مقدار</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>مشکل</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>مشتری</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>چه می‌شود</translation>
    </message>
    <message>
        <source>Save the bad rows to .xlsx…</source>
        <translation>ذخیره‌ی ردیف‌های مشکل‌دار در فایل ‎.xlsx…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>در حال بررسی همه‌ی ردیف‌ها…</translation>
    </message>
    <message>
        <source>This file was imported before (import {batches}); importing it again adds only what is new.</source>
        <translation>این فایل قبلاً وارد شده است (ورود {batches})؛ ورود دوباره فقط موارد تازه را اضافه می‌کند.</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>بررسی متوقف شد.</translation>
    </message>
    <message>
        <source>Rows read: {rows} · visits to add: {visits} · new customers: {created} · rows skipped: {skipped} · rows with errors: {errors}</source>
        <translation>از {rows} ردیف: {visits} مراجعه اضافه می‌شود ({created} مشتری تازه)؛ {skipped} ردیف رد می‌شود؛ {errors} ردیف خطا دارد.</translation>
    </message>
    <message>
        <source>Rows read: {rows} · visits added: {visits} · new customers: {created} · rows skipped: {skipped} · rows with errors: {errors}</source>
        <translation>از {rows} ردیف: {visits} مراجعه اضافه شد ({created} مشتری تازه)؛ {skipped} ردیف رد شد؛ {errors} ردیف خطا داشت.</translation>
    </message>
    <message>
        <source>Rows read: {rows} · new customers: {inserted} · customers updated: {updated} · repeated rows merged: {merged} · rows skipped: {skipped} · rows with errors: {errors} · warnings: {warnings}</source>
        <translation>از {rows} ردیف: {inserted} مشتری تازه اضافه، {updated} مشتری به‌روز و {merged} ردیف تکراری ادغام می‌شود و {skipped} ردیف رد می‌شود؛ {errors} ردیف خطا و {warnings} هشدار دارد.</translation>
    </message>
    <message>
        <source>Rows read: {rows} · new customers: {inserted} · customers updated: {updated} · repeated rows merged: {merged} · rows skipped: {skipped} · rows with errors: {errors}</source>
        <translation>از {rows} ردیف: {inserted} مشتری تازه اضافه، {updated} مشتری به‌روز و {merged} ردیف تکراری ادغام شد و {skipped} ردیف رد شد؛ {errors} ردیف خطا داشت.</translation>
    </message>
    <message>
        <source>Spending before the book to bring from the spending column: {customers} customers, {amount} in all</source>
        <translation>خرید پیش از دفتر که از ستون «جمع خرید» آورده می‌شود: {customers} مشتری، روی هم {amount}</translation>
    </message>
    <message>
        <source>{visits} visits would take the place of the customer list&apos;s summary of {customers} customers: {replaced} imported last visits replaced, visits before the book {fewer} fewer, spending before the book {amount} less</source>
        <translation>{visits} مراجعه جای خلاصه‌ی فهرست مشتریان را برای {customers} مشتری می‌گیرد: {replaced} «آخرین مراجعه»ی واردشده جایگزین می‌شود، مراجعه‌های پیش از دفتر {fewer} تا و خرید پیش از دفتر {amount} کم می‌شود</translation>
    </message>
    <message>
        <source>{visits} visits took the place of the customer list&apos;s summary of {customers} customers: {replaced} imported last visits replaced, visits before the book {fewer} fewer, spending before the book {amount} less</source>
        <translation>{visits} مراجعه جای خلاصه‌ی فهرست مشتریان را برای {customers} مشتری گرفت: {replaced} «آخرین مراجعه»ی واردشده جایگزین شد، مراجعه‌های پیش از دفتر {fewer} تا و خرید پیش از دفتر {amount} کم شد</translation>
    </message>
    <message>
        <source>Spending before the book brought from the spending column: {customers} customers, {amount} in all</source>
        <translation>خرید پیش از دفتر که از ستون «جمع خرید» آورده شد: {customers} مشتری، روی هم {amount}</translation>
    </message>
    <message>
        <source>Problems (errors: {errors}, warnings: {warnings})</source>
        <translation>مشکلات ({errors} خطا، {warnings} هشدار)</translation>
    </message>
    <message>
        <source>The first {shown} of {count} problems are listed; save the bad rows to see all of them.</source>
        <translation>{shown} مشکل اول از {count} مشکل فهرست شده است؛ برای دیدن همه، ردیف‌های مشکل‌دار را ذخیره کنید.</translation>
    </message>
    <message>
        <source>Already in the book or repeated ({count})</source>
        <translation>موجود در دفتر یا تکراری ({count})</translation>
    </message>
    <message>
        <source>Save the bad rows</source>
        <translation>ذخیره‌ی ردیف‌های مشکل‌دار</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>کارپوشه‌ی اکسل (*.xlsx)</translation>
    </message>
    <message>
        <source>Rows saved to {file}: {count}, each with the reason; fix them there and import that file.</source>
        <translation>{count} ردیف با دلیل هر کدام در {file} ذخیره شد؛ همان‌جا درستشان کنید و آن فایل را وارد کنید.</translation>
    </message>
</context>
<context>
    <name>ImportColumnsStep</name>
    <message>
        <source>Field</source>
        <translation>فیلد</translation>
    </message>
    <message>
        <source>Leave the customer as it is (skip)</source>
        <translation>مشتری همان‌طور که هست بماند (رد شود)</translation>
    </message>
    <message>
        <source>Fill only the customer&apos;s empty fields</source>
        <translation>فقط جاهای خالی مشتری پر شود</translation>
    </message>
    <message>
        <source>Replace the customer&apos;s fields with the file&apos;s</source>
        <translation>اطلاعات مشتری با اطلاعات فایل جایگزین شود</translation>
    </message>
    <message>
        <source>Create a customer for a mobile not in the book</source>
        <translation>برای موبایلی که در دفتر نیست مشتری تازه ساخته شود</translation>
    </message>
    <message>
        <source>When a row&apos;s customer is already in the book:</source>
        <translation>اگر مشتریِ یک ردیف از قبل در دفتر باشد:</translation>
    </message>
    <message>
        <source>Keep in the notes</source>
        <translation>در یادداشت‌ها نگه داشته شود</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>وارد نشود</translation>
    </message>
    <message>
        <source>Maybe {field}? Choose it if it is.</source>
        <translation>شاید {field} باشد؟ اگر هست، آن را برگزینید.</translation>
    </message>
    <message>
        <source>You changed the fields; your choice is remembered for the next file with these headers.</source>
        <translation>فیلدها را تغییر دادید؛ انتخاب شما برای فایل بعدی با همین سرستون‌ها به خاطر سپرده می‌شود.</translation>
    </message>
    <message>
        <source>The fields you chose last time for these headers are applied.</source>
        <translation>فیلدهایی که دفعه‌ی قبل برای همین سرستون‌ها انتخاب کردید اعمال شد.</translation>
    </message>
    <message>
        <source>No header was recognised: choose the field of each column.</source>
        <translation>هیچ سرستونی شناخته نشد: فیلد هر ستون را انتخاب کنید.</translation>
    </message>
    <message>
        <source>The fields were recognised from the headers; change any that is wrong.</source>
        <translation>فیلدها از روی سرستون‌ها شناخته شدند؛ هر کدام اشتباه است را عوض کنید.</translation>
    </message>
    <message>
        <source>Check the field of each column above its first rows. {how}</source>
        <translation>فیلد هر ستون را بالای نخستین ردیف‌هایش بررسی کنید. {how}</translation>
    </message>
    <message>
        <source>Column «{column}» may be the {field}, but it is not taken as such unless you choose it above; until then its values go to the notes.</source>
        <translation>ستون «{column}» شاید {field} باشد، ولی تا آن را در بالا برنگزینید چنین به حساب نمی‌آید و مقدارهایش در یادداشت‌ها می‌ماند.</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>ساعت</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>مبلغ</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>خدمت</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>آرایشگر / کارمند</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>نحوه‌ی پرداخت</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>رضایت</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>نام کوچک</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>نام خانوادگی</translation>
    </message>
    <message>
        <source>Second phone</source>
        <translation>تلفن دوم</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>تاریخ تولد</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>جنسیت</translation>
    </message>
    <message>
        <source>City</source>
        <translation>شهر</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>آدرس</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>یادداشت‌ها</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>برچسب‌ها</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>معرف / آشنایی از</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>آخرین مراجعه</translation>
    </message>
    <message>
        <source>Number of visits</source>
        <translation>تعداد مراجعه</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>ویژه</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>The file cannot be read: {detail}</source>
        <translation>فایل خوانده نشد: {detail}</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>ورود از اکسل</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>Choose the Excel or CSV file of your customers (or of their visits). Nothing is written until you have seen what the import will do.</source>
        <translation>فایل اکسل یا CSV مشتریان (یا مراجعه‌هایشان) را انتخاب کنید. تا نبینید ورود چه خواهد کرد، چیزی در دفتر نوشته نمی‌شود.</translation>
    </message>
    <message>
        <source>The file&apos;s path, or choose it</source>
        <translation>مسیر فایل را بنویسید یا انتخابش کنید</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>A list of customers</source>
        <translation>فهرست مشتریان</translation>
    </message>
    <message>
        <source>A list of visits (date, amount, service…)</source>
        <translation>فهرست مراجعه‌ها (تاریخ، مبلغ، خدمت…)</translation>
    </message>
    <message>
        <source>found by itself</source>
        <translation>خودکار</translation>
    </message>
    <message>
        <source>Read again from this row</source>
        <translation>خواندن دوباره از این ردیف</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>فایل:</translation>
    </message>
    <message>
        <source>It holds:</source>
        <translation>محتوای فایل:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>برگه:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>ردیف سرستون‌ها:</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>انتخاب فایل برای ورود</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>صفحه‌گسترده‌ها ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>همه‌ی فایل‌ها (*)</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>در حال خواندن فایل…</translation>
    </message>
    <message>
        <source>the header is on row {row}</source>
        <translation>سرستون‌ها در ردیف {row} است</translation>
    </message>
    <message>
        <source>no header row: columns are named by their letters</source>
        <translation>سرستون ندارد: ستون‌ها با حرفشان نام‌گذاری شده‌اند</translation>
    </message>
    <message>
        <source>{rows} rows to read in sheet “{sheet}”; {header}.</source>
        <translation>{rows} ردیف برای خواندن در برگه‌ی «{sheet}»؛ {header}.</translation>
    </message>
    <message>
        <source>Import {batch} is done.
{summary}</source>
        <translation>ورود شماره‌ی {batch} انجام شد.
{summary}</translation>
    </message>
    <message>
        <source>The import was undone. Customers removed: {removed} · restored: {restored} · visits removed: {visits}</source>
        <translation>ورود برگردانده شد: {removed} مشتری حذف، {restored} مشتری به حالت قبل بازگردانده و {visits} مراجعه حذف شد.</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>لغو ورود</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>برگرداندن این ورود</translation>
    </message>
    <message>
        <source>Importing… The window stays usable; Cancel leaves the book as it was.</source>
        <translation>در حال ورود… برنامه در این مدت قابل استفاده است؛ با «لغو» دفتر همان‌طور که بود می‌ماند.</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>در حال توقف…</translation>
    </message>
    <message>
        <source>The import was cancelled; the book is as it was.</source>
        <translation>ورود لغو شد؛ دفتر همان‌طور که بود مانده است.</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>چیزی وارد نشد: {reason}</translation>
    </message>
    <message>
        <source>1. The file</source>
        <translation>۱. فایل</translation>
    </message>
    <message>
        <source>2. The columns</source>
        <translation>۲. ستون‌ها</translation>
    </message>
    <message>
        <source>3. The check (nothing is written yet)</source>
        <translation>۳. بررسی (هنوز چیزی نوشته نشده است)</translation>
    </message>
    <message>
        <source>4. The import</source>
        <translation>۴. ورود</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>بعدی</translation>
    </message>
    <message>
        <source>Check (dry run)</source>
        <translation>بررسی (بدون نوشتن)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>ورود به دفتر</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>پایان</translation>
    </message>
</context>
<context>
    <name>ImportsPage</name>
    <message>
        <source>Excel</source>
        <translation>اکسل</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>ورود از اکسل…</translation>
    </message>
    <message>
        <source>Import customers or visits from a file (Ctrl+I)</source>
        <translation>ورود مشتریان یا مراجعه‌ها از فایل (Ctrl+I)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>خروجی…</translation>
    </message>
    <message>
        <source>Export customers, visits or lists to Excel (Ctrl+E)</source>
        <translation>خروجی اکسل از مشتریان، مراجعه‌ها یا فهرست‌ها (Ctrl+E)</translation>
    </message>
    <message>
        <source>Every import is kept here. Undo removes the customers and visits it added and restores what it changed; if some were edited since, you are asked first.</source>
        <translation>همه‌ی ورودها این‌جا نگه داشته می‌شوند. «برگرداندن» مشتریان و مراجعه‌هایی را که یک ورود اضافه کرده حذف و آن‌چه را تغییر داده به حالت قبل برمی‌گرداند؛ اگر بعد از آن ویرایش شده باشند، اول از شما پرسیده می‌شود.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>ورود</translation>
    </message>
    <message>
        <source>File</source>
        <translation>فایل</translation>
    </message>
    <message>
        <source>What</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>When</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>New</source>
        <translation>تازه</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>به‌روزشده</translation>
    </message>
    <message>
        <source>Skipped and errors</source>
        <translation>ردشده / خطا</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>No imports yet. Import your Excel list of customers with the button above.</source>
        <translation>هنوز چیزی وارد نشده است. فهرست اکسل مشتریانتان را با دکمه‌ی بالا وارد کنید.</translation>
    </message>
    <message>
        <source>Undo this import…</source>
        <translation>برگرداندن این ورود…</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>مراجعه‌ها</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>مشتریان</translation>
    </message>
    <message>
        <source>Undone on {date}</source>
        <translation>برگردانده شد در {date}</translation>
    </message>
    <message>
        <source>In the book</source>
        <translation>در دفتر</translation>
    </message>
    <message>
        <source>Import {batch} was undone. Customers removed: {removed} · restored: {restored} · visits removed: {visits}</source>
        <translation>ورود شماره‌ی {batch} برگردانده شد: {removed} مشتری حذف، {restored} مشتری به حالت قبل بازگردانده و {visits} مراجعه حذف شد.</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>Inbox</source>
        <translation>صندوق دریافت</translation>
    </message>
    <message>
        <source>Customers&apos; replies to the SMS line. Opt-outs (11, لغو) and survey scores are handled by themselves; anything else waits here for you to read and answer.</source>
        <translation>پاسخ‌های مشتریان به خط پیامک. لغو عضویت (۱۱، لغو) و نمره‌های نظرسنجی خودبه‌خود ثبت می‌شوند؛ بقیه این‌جا می‌مانند تا بخوانید و پاسخ دهید.</translation>
    </message>
    <message>
        <source>Unread only</source>
        <translation>فقط خوانده‌نشده‌ها</translation>
    </message>
    <message>
        <source>Check for replies</source>
        <translation>دریافت پاسخ‌ها</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>خوانده شد</translation>
    </message>
    <message>
        <source>Make a complaint</source>
        <translation>ثبت به عنوان شکایت</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>دریافت</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>مشتری</translation>
    </message>
    <message>
        <source>From</source>
        <translation>از</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>پیام</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>اقدام</translation>
    </message>
    <message>
        <source>Inbox ({count})</source>
        <translation>صندوق دریافت ({count})</translation>
    </message>
    <message>
        <source>opt-out</source>
        <translation>لغو عضویت</translation>
    </message>
    <message>
        <source>opt-in</source>
        <translation>عضویت دوباره</translation>
    </message>
    <message>
        <source>survey score</source>
        <translation>نمره‌ی نظرسنجی</translation>
    </message>
    <message>
        <source>message</source>
        <translation>پیام</translation>
    </message>
    <message>
        <source>opted out of SMS</source>
        <translation>از پیامک خارج شد</translation>
    </message>
    <message>
        <source>was opted out already</source>
        <translation>از قبل خارج شده بود</translation>
    </message>
    <message>
        <source>SMS back on</source>
        <translation>پیامک دوباره فعال شد</translation>
    </message>
    <message>
        <source>score recorded</source>
        <translation>نمره ثبت شد</translation>
    </message>
    <message>
        <source>complaint opened, to call back</source>
        <translation>شکایت ثبت شد، باید تماس گرفت</translation>
    </message>
    <message>
        <source>for you to answer</source>
        <translation>منتظر پاسخ شما</translation>
    </message>
    <message>
        <source>not in the book</source>
        <translation>در دفتر نیست</translation>
    </message>
    <message>
        <source>{count} unread</source>
        <translation>{count} خوانده‌نشده</translation>
    </message>
    <message>
        <source>{new} new replies: {out} opted out, {scores} survey scores, {complaints} complaints opened, {listed} for you to read.</source>
        <translation>{new} پاسخ تازه: {out} لغو عضویت، {scores} نمره‌ی نظرسنجی، {complaints} شکایت ثبت‌شده، {listed} برای خواندن شما.</translation>
    </message>
    <message>
        <source>Complaint #{id} opened from the reply.</source>
        <translation>شکایت شماره‌ی {id} از این پاسخ ثبت شد.</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <source>Log a call</source>
        <translation>ثبت تماس تلفنی</translation>
    </message>
    <message>
        <source>Call with {names}</source>
        <translation>تماس با {names}</translation>
    </message>
    <message>
        <source>What was said (optional)</source>
        <translation>چه گفته شد (اختیاری)</translation>
    </message>
    <message>
        <source>Log the call</source>
        <translation>ثبت تماس</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>LoyaltyPanel</name>
    <message>
        <source>The loyalty club is off: turn it on in Settings (loyalty.enabled) to earn points at each visit.</source>
        <translation>باشگاه مشتریان خاموش است: برای گرفتن امتیاز در هر مراجعه، در تنظیمات روشنش کنید (بخش «باشگاه مشتریان»).</translation>
    </message>
    <message>
        <source>Redeem points…</source>
        <translation>خرج کردن امتیاز…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>امتیاز</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>بابت</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <source>Loyalty club</source>
        <translation>باشگاه مشتریان</translation>
    </message>
    <message>
        <source>Type a name or mobile</source>
        <translation>نام یا موبایل را بنویسید</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>ثبت</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>برداشتن</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>معرفی‌ها</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>معرفی‌شده از طرف</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>تغییر</translation>
    </message>
    <message>
        <source>Brought</source>
        <translation>معرفی کرده</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} امتیاز</translation>
    </message>
    <message>
        <source>Tier: {tier} — {perk}</source>
        <translation>سطح: {tier} — {perk}</translation>
    </message>
    <message>
        <source>No tier yet</source>
        <translation>هنوز در هیچ سطحی نیست</translation>
    </message>
    <message>
        <source>{points} more points to {tier}</source>
        <translation>{points} امتیاز دیگر تا سطح {tier}</translation>
    </message>
    <message>
        <source>Reward ready: {reward} ({points} points)</source>
        <translation>جایزه آماده است: {reward} ({points} امتیاز)</translation>
    </message>
    <message>
        <source>{points} points to the next reward: {reward}</source>
        <translation>{points} امتیاز دیگر تا جایزه: {reward}</translation>
    </message>
    <message>
        <source>{points} points are due to expire.</source>
        <translation>{points} امتیاز منقضی می‌شود.</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>مراجعه</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>خرج شد</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منقضی شد</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>هدیه</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>اصلاح</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>هیچ‌کس</translation>
    </message>
    <message>
        <source>{count} customers ({names}); their visits: {amount}</source>
        <translation>{count} مشتری ({names})؛ جمع مراجعه‌هایشان: {amount}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>هنوز کسی را نیاورده</translation>
    </message>
    <message>
        <source>brought {name}</source>
        <translation>{name} را معرفی کرد</translation>
    </message>
    <message>
        <source>referred by {name}</source>
        <translation>معرفی‌شده از طرف {name}</translation>
    </message>
    <message>
        <source>visit {visit} deleted</source>
        <translation>مراجعه‌ی {visit} حذف شد</translation>
    </message>
    <message>
        <source>visit {visit} changed</source>
        <translation>مراجعه‌ی {visit} تغییر کرد</translation>
    </message>
    <message>
        <source>older than {days} days</source>
        <translation>قدیمی‌تر از {days} روز</translation>
    </message>
    <message>
        <source>owner&apos;s correction</source>
        <translation>اصلاح به دست مدیر</translation>
    </message>
    <message>
        <source>No single customer matches “{text}”; pick one from the list.</source>
        <translation>با «{text}» یک مشتری مشخص پیدا نشد؛ یکی را از فهرست برگزینید.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ShopCRM — customer book</source>
        <translation>ShopCRM — دفتر مشتریان</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>مشتری جدید…</translation>
    </message>
    <message>
        <source>Record a visit…</source>
        <translation>ثبت مراجعه…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>جستجو</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>ورود از اکسل…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>خروجی…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>About ShopCRM</source>
        <translation>درباره‌ی ShopCRM</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;فایل</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>&amp;مشتریان</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>Not available in this version yet.</source>
        <translation>هنوز در این نسخه نیست.</translation>
    </message>
    <message>
        <source>ShopCRM {version}: a customer book for salons and small shops.</source>
        <translation>ShopCRM نسخه‌ی {version}: دفتر مشتریان برای سالن‌های زیبایی و فروشگاه‌های کوچک.</translation>
    </message>
    <message>
        <source>Customer saved.</source>
        <translation>مشتری ذخیره شد.</translation>
    </message>
    <message>
        <source>Visit recorded for {name} (new customer).</source>
        <translation>مراجعه‌ی {name} ثبت شد (مشتری جدید).</translation>
    </message>
    <message>
        <source>Visit recorded for {name}.</source>
        <translation>مراجعه‌ی {name} ثبت شد.</translation>
    </message>
    <message>
        <source>Book: {count} customers</source>
        <translation>دفتر: {count} مشتری</translation>
    </message>
</context>
<context>
    <name>MoneyPage</name>
    <message>
        <source>Money</source>
        <translation>پول</translation>
    </message>
    <message>
        <source>Which unit do you write prices in? Every amount is typed and shown in it: visits, lists, reports, charts, the command line and Excel files.</source>
        <translation>قیمت‌ها را با چه واحدی می‌نویسید؟ همه‌ی مبلغ‌ها با همین واحد وارد و نمایش داده می‌شوند: مراجعه‌ها، فهرست‌ها، گزارش‌ها، نمودارها، خط فرمان و فایل‌های اکسل.</translation>
    </message>
    <message>
        <source>Toman (850,000 toman for a colouring)</source>
        <translation>تومان (۸۵۰٬۰۰۰ تومان برای یک رنگ مو)</translation>
    </message>
    <message>
        <source>Rial (8,500,000 rial for the same colouring)</source>
        <translation>ریال (۸٬۵۰۰٬۰۰۰ ریال برای همان رنگ مو)</translation>
    </message>
    <message>
        <source>You can change it later in Settings; amounts already recorded keep their value.</source>
        <translation>بعداً در تنظیمات هم می‌توانید آن را عوض کنید؛ ارزش مبلغ‌های ثبت‌شده تغییر نمی‌کند.</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>Customer</source>
        <translation>مشتری</translation>
    </message>
    <message>
        <source>To</source>
        <translation>گیرنده</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>راه ارسال</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>وضعیت</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>بخش</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>هزینه</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>ارسال شد</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>خطا</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>زمان ارسال</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>در صف</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>در حال ارسال</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>رسید</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Invalid number</source>
        <translation>شماره‌ی نامعتبر</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>نامعلوم</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Test file (not sent)</source>
        <translation>فایل آزمایشی (ارسال نشد)</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <source>Cash</source>
        <translation>نقدی</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>کارت</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>انتقال بانکی</translation>
    </message>
    <message>
        <source>On credit</source>
        <translation>نسیه</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>سایر</translation>
    </message>
</context>
<context>
    <name>PickList</name>
    <message>
        <source>Pick from the list</source>
        <translation>انتخاب از فهرست</translation>
    </message>
</context>
<context>
    <name>PlanWords</name>
    <message>
        <source>Nobody left out.</source>
        <translation>کسی کنار گذاشته نشد.</translation>
    </message>
    <message>
        <source>Left out: {list}</source>
        <translation>کنار گذاشته: {list}</translation>
    </message>
    <message>
        <source>The same message went out on {date} (the last {days} days count).</source>
        <translation>همین پیام در {date} فرستاده شده است ({days} روز گذشته حساب می‌شود).</translation>
    </message>
    <message>
        <source>The group has {total} customers (as in Reports); {hidden} snoozed or recently contacted are left out, as on the Win-back page.</source>
        <translation>این گروه {total} مشتری دارد (مثل گزارش‌ها)؛ {hidden} نفرِ به‌تعویق‌افتاده یا به‌تازگی تماس‌گرفته کنار می‌روند، مثل صفحه‌ی بازگرداندن.</translation>
    </message>
    <message>
        <source>Estimated cost: nothing (test mode).</source>
        <translation>هزینه‌ی تخمینی: هیچ (حالت آزمایشی).</translation>
    </message>
    <message>
        <source>the price the gateway charged on earlier sends</source>
        <translation>به بهای ارسال‌های پیشین سامانه</translation>
    </message>
    <message>
        <source>the price in Settings</source>
        <translation>به بهای تنظیمات</translation>
    </message>
    <message>
        <source>Estimated cost: {money} ({parts} parts at {price} a part, {source}).</source>
        <translation>هزینه‌ی تخمینی: {money} ({parts} بخش، هر بخش {price}، {source}).</translation>
    </message>
    <message>
        <source>Test mode: nothing will leave this computer (the messages are written to {path}), although a Kavenegar API key is set: choose Kavenegar as the provider in Settings to send for real.</source>
        <translation>حالت آزمایشی: هیچ پیامی از این رایانه بیرون نمی‌رود (پیام‌ها در {path} نوشته می‌شوند)، با اینکه کلید API کاوه‌نگار وارد شده است: برای ارسال واقعی، در تنظیمات کاوه‌نگار را به‌عنوان سامانه برگزینید.</translation>
    </message>
    <message>
        <source>Test mode: nothing will leave this computer; the messages are written to {path}.</source>
        <translation>حالت آزمایشی: هیچ پیامی از این رایانه بیرون نمی‌رود؛ پیام‌ها در {path} نوشته می‌شوند.</translation>
    </message>
    <message>
        <source>{count} customers will get this message a second time.</source>
        <translation>{count} مشتری این پیام را برای بار دوم می‌گیرند.</translation>
    </message>
    <message>
        <source>Campaign #{id} with the same message is not finished; sending offers to resume it instead.</source>
        <translation>کمپین #{id} با همین پیام هنوز تمام نشده است؛ دکمه‌ی ارسال پیشنهاد می‌کند همان را ادامه دهید.</translation>
    </message>
    <message>
        <source>{messages} messages to {customers} customers</source>
        <translation>{messages} پیام برای {customers} مشتری</translation>
    </message>
    <message>
        <source>SMS: {count} ({parts} parts in all)</source>
        <translation>پیامک: {count} (روی هم {parts} بخش)</translation>
    </message>
    <message>
        <source>Email: {count}</source>
        <translation>ایمیل: {count}</translation>
    </message>
    <message>
        <source>{count} SMS wait for the end of the quiet hours (advertising line).</source>
        <translation>{count} پیامک تا پایان ساعت‌های سکوت منتظر می‌ماند (خط تبلیغاتی).</translation>
    </message>
    <message>
        <source>Some customers lack a value: {fields}</source>
        <translation>برای برخی مشتریان مقداری خالی است: {fields}</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>در حال توقف…</translation>
    </message>
</context>
<context>
    <name>RecordVisitDialog</name>
    <message>
        <source>Record a visit</source>
        <translation>ثبت مراجعه</translation>
    </message>
    <message>
        <source>Type the customer&apos;s mobile.</source>
        <translation>موبایل مشتری را وارد کنید.</translation>
    </message>
    <message>
        <source>Type a mobile number: the customer is found as you type.</source>
        <translation>شماره‌ی موبایل را وارد کنید؛ مشتری همزمان با تایپ پیدا می‌شود.</translation>
    </message>
    <message>
        <source>Name of the new customer</source>
        <translation>نام مشتری جدید</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Toman</source>
        <translation>تومان</translation>
    </message>
    <message>
        <source>Rial</source>
        <translation>ریال</translation>
    </message>
    <message>
        <source>now</source>
        <translation>اکنون</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Amount ({unit})</source>
        <translation>مبلغ ({unit})</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>خدمت</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>پرسنل</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>پرداخت</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>تاریخ و ساعت</translation>
    </message>
    <message>
        <source>Save visit</source>
        <translation>ثبت مراجعه</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>New customer: type their name below.</source>
        <translation>مشتری جدید است؛ نامش را در زیر بنویسید.</translation>
    </message>
    <message>
        <source>{name} is in the trash; restore them first.</source>
        <translation>{name} در سطل زباله است؛ اول بازیابی‌اش کنید.</translation>
    </message>
    <message>
        <source>{name} · {visits} visits · last visit {last}</source>
        <translation>{name} · {visits} مراجعه · آخرین مراجعه {last}</translation>
    </message>
    <message>
        <source>Type the new customer&apos;s name.</source>
        <translation>نام مشتری جدید را بنویسید.</translation>
    </message>
    <message>
        <source>Redeem a reward now: {reward} ({points} of {balance} points)</source>
        <translation>همین حالا جایزه را بدهید: {reward} ({points} از {balance} امتیاز)</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <source>Redeem points</source>
        <translation>خرج کردن امتیاز</translation>
    </message>
    <message>
        <source>{name} has {points} points.</source>
        <translation>«{name}» {points} امتیاز دارد.</translation>
    </message>
    <message>
        <source>Recorded with today&apos;s visit.</source>
        <translation>همراه مراجعه‌ی امروز ثبت می‌شود.</translation>
    </message>
    <message>
        <source>No visit today: recorded on its own.</source>
        <translation>امروز مراجعه‌ای ثبت نشده؛ جداگانه ثبت می‌شود.</translation>
    </message>
    <message>
        <source>Redeem</source>
        <translation>خرج کن</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>امتیاز</translation>
    </message>
    <message>
        <source>For</source>
        <translation>بابت</translation>
    </message>
    <message>
        <source>Type a whole number of points above zero.</source>
        <translation>تعداد امتیاز را عددی درست و بیشتر از صفر بنویسید.</translation>
    </message>
    <message>
        <source>At most {points} points.</source>
        <translation>حداکثر {points} امتیاز.</translation>
    </message>
</context>
<context>
    <name>RelocationDialog</name>
    <message>
        <source>Tell everyone the new address</source>
        <translation>نشانی جدید را به همه خبر دهید</translation>
    </message>
    <message>
        <source>Every customer who has not opted out gets the notice with the new address, by SMS and email where they have them.</source>
        <translation>هر مشتری که انصراف نداده، پیام نشانی جدید را با پیامک و ایمیل (هر کدام را که دارد) می‌گیرد.</translation>
    </message>
    <message>
        <source>The shop&apos;s new address</source>
        <translation>نشانی جدید فروشگاه</translation>
    </message>
    <message>
        <source>SMS and email</source>
        <translation>پیامک و ایمیل</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>Email if they have one, else SMS</source>
        <translation>ایمیل اگر دارد، وگرنه پیامک</translation>
    </message>
    <message>
        <source>Keep it as the shop&apos;s new address in Settings</source>
        <translation>این نشانی در تنظیمات به‌عنوان نشانی جدید فروشگاه نگه داشته شود</translation>
    </message>
    <message>
        <source>Send the notice…</source>
        <translation>ارسال پیام…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>New address:</source>
        <translation>نشانی جدید:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>راه ارسال:</translation>
    </message>
    <message>
        <source>{messages} messages to {customers} customers</source>
        <translation>{messages} پیام برای {customers} مشتری</translation>
    </message>
    <message>
        <source>SMS: {sms} ({parts} parts) · Email: {email}</source>
        <translation>پیامک: {sms} ({parts} بخش)؛ ایمیل: {email}</translation>
    </message>
    <message>
        <source>Left out: {list}</source>
        <translation>کنار گذاشته: {list}</translation>
    </message>
    <message>
        <source>Send the relocation notice</source>
        <translation>ارسال پیام نشانی جدید</translation>
    </message>
    <message>
        <source>Send the new address to {customers} customers ({messages} messages)?</source>
        <translation>نشانی جدید برای {customers} مشتری ({messages} پیام) فرستاده شود؟</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>گزارش‌ها</translation>
    </message>
    <message>
        <source>The last 12 months</source>
        <translation>۱۲ ماه اخیر</translation>
    </message>
    <message>
        <source>This year ({year})</source>
        <translation>امسال ({year})</translation>
    </message>
    <message>
        <source>From… to…</source>
        <translation>از… تا…</translation>
    </message>
    <message>
        <source>from</source>
        <translation>از</translation>
    </message>
    <message>
        <source>to</source>
        <translation>تا</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>نمایش</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>دوره:</translation>
    </message>
    <message>
        <source>customers in the book</source>
        <translation>مشتری در دفتر</translation>
    </message>
    <message>
        <source>regulars</source>
        <translation>مشتری ثابت</translation>
    </message>
    <message>
        <source>regulars absent now</source>
        <translation>مشتری ثابتِ غایب</translation>
    </message>
    <message>
        <source>retention this year</source>
        <translation>ماندگاری امسال</translation>
    </message>
    <message>
        <source>revenue this month</source>
        <translation>درآمد این ماه</translation>
    </message>
    <message>
        <source>won back after contact</source>
        <translation>درآمد بازگشت پس از تماس</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>در حال رسم نمودارها…</translation>
    </message>
    <message>
        <source>Type both dates of the period, like {example}.</source>
        <translation>هر دو تاریخ دوره را بنویسید، مثل {example}.</translation>
    </message>
    <message>
        <source>regulars absent now ({share} of regulars)</source>
        <translation>مشتری ثابتِ غایب ({share} از ثابت‌ها)</translation>
    </message>
    <message>
        <source>retention in {year} (retail average {average})</source>
        <translation>ماندگاری در {year} (میانگین خرده‌فروشی {average})</translation>
    </message>
    <message>
        <source>revenue in {month} ({visits} visits)</source>
        <translation>درآمد {month} ({visits} مراجعه)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>تصویر PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>سند PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the chart</source>
        <translation>ذخیره‌ی نمودار</translation>
    </message>
    <message>
        <source>The chart was saved to {file}.</source>
        <translation>نمودار در {file} ذخیره شد.</translation>
    </message>
    <message>
        <source>club members kept this year</source>
        <translation>اعضای باشگاه ماندگار امسال</translation>
    </message>
    <message>
        <source>club members kept in {year}; others {rate}</source>
        <translation>ماندگاری اعضای باشگاه در {year}؛ دیگران {rate}</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Run the day&apos;s work every day</source>
        <translation>اجرای کار روزانه هر روز</translation>
    </message>
    <message>
        <source>Every day at this time the computer resumes unfinished campaigns, checks deliveries, greets the day&apos;s birthdays and backs up the book, even when ShopCRM is closed.</source>
        <translation>هر روز در این ساعت، رایانه کمپین‌های نیمه‌تمام را ادامه می‌دهد، وضعیت تحویل پیامک‌ها را می‌پرسد، تولدهای آن روز را تبریک می‌گوید و از دفتر پشتیبان می‌گیرد؛ حتی وقتی برنامه بسته است.</translation>
    </message>
    <message>
        <source>Greet the day&apos;s birthdays by SMS</source>
        <translation>تبریک تولدهای هر روز با پیامک</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>نصب</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Time (HH:MM)</source>
        <translation>ساعت (مثل ۰۹:۰۰)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>بستن</translation>
    </message>
    <message>
        <source>systemd user timer</source>
        <translation>زمان‌سنج systemd کاربر</translation>
    </message>
    <message>
        <source>cron</source>
        <translation>cron</translation>
    </message>
    <message>
        <source>Windows Task Scheduler</source>
        <translation>زمان‌بند ویندوز</translation>
    </message>
    <message>
        <source>launchd</source>
        <translation>launchd</translation>
    </message>
    <message>
        <source>Installed ({where}): every day at {time}.</source>
        <translation>نصب شده ({where}): هر روز ساعت {time}.</translation>
    </message>
    <message>
        <source>Not installed ({where}).</source>
        <translation>نصب نشده ({where}).</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>انجام شد.</translation>
    </message>
</context>
<context>
    <name>SecretEdit</name>
    <message>
        <source>Forget</source>
        <translation>پاک کردن</translation>
    </message>
    <message>
        <source>Remove the saved secret when you save</source>
        <translation>با ذخیره، رمز نگه‌داشته‌شده پاک می‌شود</translation>
    </message>
    <message>
        <source>Saved in {where}; type a new one to replace it</source>
        <translation>در {where} نگه داشته شده؛ برای عوض کردن، تازه‌اش را بنویسید</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>تنظیم نشده</translation>
    </message>
</context>
<context>
    <name>SendSmsDialog</name>
    <message>
        <source>SMS to {name}</source>
        <translation>پیامک به {name}</translation>
    </message>
    <message>
        <source>Your own words</source>
        <translation>متن خودتان</translation>
    </message>
    <message>
        <source>Type the message; {first_name} is replaced by the customer&apos;s first name.</source>
        <translation>متن پیام را بنویسید؛ {first_name} با نام کوچک مشتری جایگزین می‌شود.</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>الگو</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>پیام</translation>
    </message>
    <message>
        <source>As it arrives</source>
        <translation>آن‌گونه که می‌رسد</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>ارسال</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>انصراف</translation>
    </message>
    <message>
        <source>{chars} characters, {parts} parts</source>
        <translation>{chars} نویسه، {parts} بخش</translation>
    </message>
    <message>
        <source>cost: known after the first message is sent</source>
        <translation>هزینه: پس از ارسال نخستین پیامک معلوم می‌شود</translation>
    </message>
    <message>
        <source>about {cost}</source>
        <translation>حدود {cost}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>تنظیمات</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>برگرداندن تغییرها</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>فروشگاه</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>نام:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>نشانی:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>تلفن:</translation>
    </message>
    <message>
        <source>New address (after a move):</source>
        <translation>نشانی جدید (پس از جابه‌جایی):</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>سامانه‌ی پیامک:</translation>
    </message>
    <message>
        <source>Kavenegar</source>
        <translation>کاوه‌نگار</translation>
    </message>
    <message>
        <source>Test file (nothing is sent)</source>
        <translation>فایل آزمایشی (چیزی فرستاده نمی‌شود)</translation>
    </message>
    <message>
        <source>No SMS</source>
        <translation>بدون پیامک</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>کلید API:</translation>
    </message>
    <message>
        <source>Gateway address:</source>
        <translation>نشانی سامانه:</translation>
    </message>
    <message>
        <source>Sender line:</source>
        <translation>خط ارسال:</translation>
    </message>
    <message>
        <source>Line type:</source>
        <translation>نوع خط:</translation>
    </message>
    <message>
        <source>Service line (adds the opt-out line {line})</source>
        <translation>خط خدماتی (سطر انصراف {line} افزوده می‌شود)</translation>
    </message>
    <message>
        <source>Advertising line (sends in the daytime only)</source>
        <translation>خط تبلیغاتی (فقط در روز می‌فرستد)</translation>
    </message>
    <message>
        <source>Quiet hours:</source>
        <translation>ساعت‌های سکوت:</translation>
    </message>
    <message>
        <source>Your mobile, for tests:</source>
        <translation>موبایل خودتان، برای آزمایش:</translation>
    </message>
    <message>
        <source>Send me a test SMS</source>
        <translation>برایم پیامک آزمایشی بفرست</translation>
    </message>
    <message>
        <source>Check credit</source>
        <translation>بررسی اعتبار</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the API key and the email password cannot be kept there. You can keep them in a private settings file that only your user account can read.</source>
        <translation>این رایانه کلیدساز سیستمی ندارد، پس کلید API و گذرواژه‌ی ایمیل را نمی‌توان آنجا نگه داشت. می‌توانید آن‌ها را در یک فایل تنظیمات خصوصی نگه دارید که فقط حساب کاربری خودتان می‌تواند بخواند.</translation>
    </message>
    <message>
        <source>Keep secrets in:</source>
        <translation>محل نگهداری رمزها:</translation>
    </message>
    <message>
        <source>The system keyring</source>
        <translation>کلیدساز سیستم</translation>
    </message>
    <message>
        <source>A private settings file</source>
        <translation>فایل تنظیمات خصوصی</translation>
    </message>
    <message>
        <source>Email (SMTP)</source>
        <translation>ایمیل (SMTP)</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>سرور:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>درگاه:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>نام کاربری:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>گذرواژه:</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>امنیت:</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (درگاه ۵۸۷)</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (درگاه ۴۶۵)</translation>
    </message>
    <message>
        <source>None (local servers only)</source>
        <translation>هیچ (فقط سرورهای محلی)</translation>
    </message>
    <message>
        <source>From address:</source>
        <translation>نشانی فرستنده:</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>آزمایش اتصال</translation>
    </message>
    <message>
        <source>Who counts as slipping away</source>
        <translation>چه کسی از دست می‌رود</translation>
    </message>
    <message>
        <source>Visits to be a regular:</source>
        <translation>مراجعه برای ثابت شدن:</translation>
    </message>
    <message>
        <source>Absent after (days):</source>
        <translation>غایب پس از (روز):</translation>
    </message>
    <message>
        <source>Overdue at (× usual gap):</source>
        <translation>دیرکرده در (× فاصله‌ی معمول):</translation>
    </message>
    <message>
        <source>Overdue not before (days):</source>
        <translation>دیرکرده نه زودتر از (روز):</translation>
    </message>
    <message>
        <source>Recently contacted (days):</source>
        <translation>تماس اخیر (روز):</translation>
    </message>
    <message>
        <source>Language and display</source>
        <translation>زبان و نمایش</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>زبان:</translation>
    </message>
    <message>
        <source>Calendar:</source>
        <translation>تقویم:</translation>
    </message>
    <message>
        <source>Persian (Jalali)</source>
        <translation>شمسی (جلالی)</translation>
    </message>
    <message>
        <source>Gregorian</source>
        <translation>میلادی</translation>
    </message>
    <message>
        <source>Money in:</source>
        <translation>نمایش مبلغ به:</translation>
    </message>
    <message>
        <source>Toman</source>
        <translation>تومان</translation>
    </message>
    <message>
        <source>Rial</source>
        <translation>ریال</translation>
    </message>
    <message>
        <source>Language, calendar and money take effect the next time ShopCRM starts.</source>
        <translation>زبان، تقویم و واحد پول از اجرای بعدی ShopCRM اعمال می‌شوند.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>پشتیبان‌ها</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>پوشه:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <source>Keep daily backups:</source>
        <translation>پشتیبان‌های روزانه‌ی نگه‌داشته:</translation>
    </message>
    <message>
        <source>Keep weekly backups:</source>
        <translation>پشتیبان‌های هفتگی نگه‌داشته:</translation>
    </message>
    <message>
        <source>Back up every day and before risky steps</source>
        <translation>هر روز و پیش از کارهای پرخطر پشتیبان بگیر</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>همین حالا پشتیبان بگیر</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>زمان</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>اندازه</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>بررسی‌شده</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>پایگاه داده</translation>
    </message>
    <message>
        <source>A file on this computer</source>
        <translation>فایلی روی همین رایانه</translation>
    </message>
    <message>
        <source>A PostgreSQL server</source>
        <translation>سرور PostgreSQL</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>نوع:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>فایل:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>نشانی سرور:</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>بررسی اتصال</translation>
    </message>
    <message>
        <source>A change of database takes effect the next time ShopCRM starts. The book open now is:</source>
        <translation>تغییر پایگاه داده از اجرای بعدی ShopCRM اعمال می‌شود. دفتری که اکنون باز است:</translation>
    </message>
    <message>
        <source>the private settings file</source>
        <translation>فایل تنظیمات خصوصی</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>کلیدساز سیستم</translation>
    </message>
    <message>
        <source>an environment variable</source>
        <translation>یک متغیر محیطی</translation>
    </message>
    <message>
        <source>Default: {folder}</source>
        <translation>پیش‌فرض: {folder}</translation>
    </message>
    <message>
        <source>Set by the environment variable {name}; change it there.</source>
        <translation>با متغیر محیطی {name} تعیین شده؛ همان‌جا عوضش کنید.</translation>
    </message>
    <message>
        <source>Some fields need fixing first.</source>
        <translation>اول چند فیلد باید درست شوند.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>تنظیمات ذخیره شد.</translation>
    </message>
    <message>
        <source>Restart ShopCRM for the language, display or database change to take effect.</source>
        <translation>برای اعمال تغییر زبان، نمایش یا پایگاه داده، ShopCRM را دوباره باز کنید.</translation>
    </message>
    <message>
        <source>The secret was not saved: this computer has no system keyring. Keep secrets in a private settings file instead?</source>
        <translation>رمز ذخیره نشد: این رایانه کلیدساز سیستمی ندارد. رمزها در یک فایل تنظیمات خصوصی نگه داشته شوند؟</translation>
    </message>
    <message>
        <source>Use a private file</source>
        <translation>فایل خصوصی</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>در حال اتصال…</translation>
    </message>
    <message>
        <source>Connected (version {version}).</source>
        <translation>وصل شد (نسخه‌ی {version}).</translation>
    </message>
    <message>
        <source>The customer book file</source>
        <translation>فایل دفتر مشتریان</translation>
    </message>
    <message>
        <source>Customer book (*.sqlite3 *.db)</source>
        <translation>دفتر مشتریان (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Type your mobile number first.</source>
        <translation>اول شماره‌ی موبایل خودتان را بنویسید.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>در حال ارسال…</translation>
    </message>
    <message>
        <source>cost {cost}</source>
        <translation>هزینه {cost}</translation>
    </message>
    <message>
        <source>no cost reported</source>
        <translation>بی‌هزینه</translation>
    </message>
    <message>
        <source>Test SMS sent to {mobile} ({parts} parts, {cost}).</source>
        <translation>پیامک آزمایشی به {mobile} فرستاده شد ({parts} بخش، {cost}).</translation>
    </message>
    <message>
        <source>Asking for the credit…</source>
        <translation>در حال پرسیدن اعتبار…</translation>
    </message>
    <message>
        <source>Credit: {amount}</source>
        <translation>اعتبار: {amount}</translation>
    </message>
    <message>
        <source>Credit: not known (test provider)</source>
        <translation>اعتبار: نامعلوم (حالت آزمایشی)</translation>
    </message>
    <message>
        <source>The mail server at {server} accepted the login.</source>
        <translation>سرور ایمیل {server} ورود را پذیرفت.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>پوشه‌ی پشتیبان</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>دستی</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>روزانه</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>پیش از ورود اکسل</translation>
    </message>
    <message>
        <source>before a merge</source>
        <translation>پیش از ادغام</translation>
    </message>
    <message>
        <source>before an undo</source>
        <translation>پیش از برگرداندن</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>پیش از بازگردانی</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>پیش از به‌روزرسانی</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} کیلوبایت</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>بله</translation>
    </message>
    <message>
        <source>no</source>
        <translation>خیر</translation>
    </message>
    <message>
        <source>Backed up to {file}.</source>
        <translation>پشتیبان در {file} ذخیره شد.</translation>
    </message>
    <message>
        <source>Loyalty club</source>
        <translation>باشگاه مشتریان</translation>
    </message>
    <message>
        <source>Give points at every visit recorded</source>
        <translation>در هر مراجعه‌ی ثبت‌شده امتیاز بده</translation>
    </message>
    <message>
        <source>Points per visit:</source>
        <translation>امتیاز هر مراجعه:</translation>
    </message>
    <message>
        <source>Points for a reward:</source>
        <translation>امتیاز لازم برای جایزه:</translation>
    </message>
    <message>
        <source>The reward:</source>
        <translation>جایزه:</translation>
    </message>
    <message>
        <source>Points expire after (days, 0 = never):</source>
        <translation>انقضای امتیاز پس از (روز، ۰ = هرگز):</translation>
    </message>
    <message>
        <source>VIP tiers (name:points:perk; …):</source>
        <translation>سطح‌های ویژه (نام:امتیاز:مزیت؛ …):</translation>
    </message>
    <message>
        <source>Referral bonus for both (points):</source>
        <translation>هدیه‌ی معرفی برای هر دو (امتیاز):</translation>
    </message>
    <message>
        <source>One point for every … {unit} spent (0 = none):</source>
        <translation>یک امتیاز به ازای هر … {unit} خرید (۰ = هیچ):</translation>
    </message>
    <message>
        <source>After-visit survey</source>
        <translation>نظرسنجی پس از مراجعه</translation>
    </message>
    <message>
        <source>Ask for a score from 1 to 5 after each visit</source>
        <translation>پس از هر مراجعه نمره‌ای از ۱ تا ۵ پرسیده شود</translation>
    </message>
    <message>
        <source>Send it:</source>
        <translation>زمان ارسال:</translation>
    </message>
    <message>
        <source>{word}, or a number of hours after the visit (like {n})</source>
        <translation>«{word}»، یا چند ساعت پس از مراجعه (مثلاً {n})</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>متن پیام:</translation>
    </message>
    <message>
        <source>Kavenegar once an API key is set, else the test file</source>
        <translation>کاوه‌نگار وقتی کلید API وارد شد، وگرنه فایل آزمایشی</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>Your shop</source>
        <translation>فروشگاه شما</translation>
    </message>
    <message>
        <source>The name signs every message your customers receive; the address and phone go into the messages that mention them.</source>
        <translation>نام فروشگاه پای همه‌ی پیام‌هایی می‌آید که مشتریان می‌گیرند؛ نشانی و تلفن در پیام‌هایی می‌آیند که به آن‌ها اشاره می‌کنند.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>نام:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>نشانی:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>تلفن:</translation>
    </message>
</context>
<context>
    <name>SmsPage</name>
    <message>
        <source>Text messages (SMS)</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>ShopCRM sends SMS through Kavenegar. Without an account yet, choose test mode: nothing is sent, and each message is written to a file so you can read it.</source>
        <translation>ShopCRM پیامک‌ها را از راه کاوه‌نگار می‌فرستد. اگر هنوز حساب ندارید، حالت آزمایشی را برگزینید: چیزی فرستاده نمی‌شود و هر پیام در یک فایل نوشته می‌شود تا بتوانید آن را بخوانید.</translation>
    </message>
    <message>
        <source>Test mode — nothing is sent, messages are written to a file</source>
        <translation>حالت آزمایشی — چیزی فرستاده نمی‌شود، پیام‌ها در یک فایل نوشته می‌شوند</translation>
    </message>
    <message>
        <source>Send through my Kavenegar account</source>
        <translation>ارسال با حساب کاوه‌نگار من</translation>
    </message>
    <message>
        <source>No SMS</source>
        <translation>بدون پیامک</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>کلید API:</translation>
    </message>
    <message>
        <source>Sender line:</source>
        <translation>خط ارسال:</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze</source>
        <translation>به تعویق انداختن</translation>
    </message>
    <message>
        <source>How many days?</source>
        <translation>چند روز؟</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>Hide them from the lists for this many days:</source>
        <translation>این چند روز در فهرست‌ها نشان داده نشوند:</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>How would you like to begin?</source>
        <translation>چطور شروع کنیم؟</translation>
    </message>
    <message>
        <source>Your customer book is empty.</source>
        <translation>دفتر مشتریان شما خالی است.</translation>
    </message>
    <message>
        <source>Load a demo book with made-up customers, to look around</source>
        <translation>بارگذاری دفتر نمونه با مشتریان ساختگی، برای آشنایی</translation>
    </message>
    <message>
        <source>Import my customer list from Excel</source>
        <translation>وارد کردن فهرست مشتریانم از اکسل</translation>
    </message>
    <message>
        <source>Start with an empty book</source>
        <translation>شروع با دفتر خالی</translation>
    </message>
</context>
<context>
    <name>TemplatePreview</name>
    <message>
        <source>Preview for:</source>
        <translation>پیش‌نمایش برای:</translation>
    </message>
    <message>
        <source>Persian: 70 characters in one part, 67 per part beyond</source>
        <translation>فارسی: ۷۰ نویسه در یک بخش، و بیشتر از آن هر بخش ۶۷ نویسه</translation>
    </message>
    <message>
        <source>Latin: 160 characters in one part, 153 per part beyond</source>
        <translation>لاتین: ۱۶۰ نویسه در یک بخش، و بیشتر از آن هر بخش ۱۵۳ نویسه</translation>
    </message>
    <message>
        <source>{chars} characters · {parts} SMS parts ({rule})</source>
        <translation>{chars} نویسه، {parts} بخش پیامک ({rule})</translation>
    </message>
    <message>
        <source>{chars} characters (email)</source>
        <translation>{chars} نویسه (ایمیل)</translation>
    </message>
    <message>
        <source>Empty for this customer: {fields}</source>
        <translation>برای این مشتری خالی است: {fields}</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation>امروز</translation>
    </message>
    <message>
        <source>Do the day&apos;s work now</source>
        <translation>انجام کار امروز، همین حالا</translation>
    </message>
    <message>
        <source>Resume unfinished campaigns, check deliveries, greet today&apos;s birthdays and back up the book (what `shopcrm daily` does)</source>
        <translation>ادامه‌ی کمپین‌های نیمه‌تمام، پرسیدن وضعیت تحویل، تبریک تولدهای امروز و پشتیبان‌گیری از دفتر (همان کاری که اجرای خودکار روزانه انجام می‌دهد)</translation>
    </message>
    <message>
        <source>Run it every day…</source>
        <translation>اجرای خودکار هر روز…</translation>
    </message>
    <message>
        <source>Call today</source>
        <translation>تماس امروز</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>چرا</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>اولویت</translation>
    </message>
    <message>
        <source>Open card</source>
        <translation>باز کردن پرونده</translation>
    </message>
    <message>
        <source>Log a call…</source>
        <translation>ثبت تماس…</translation>
    </message>
    <message>
        <source>Snooze {days} days</source>
        <translation>تعویق {days} روزه</translation>
    </message>
    <message>
        <source>Message…</source>
        <translation>پیام…</translation>
    </message>
    <message>
        <source>Open the Win-back lists</source>
        <translation>باز کردن فهرست‌های بازگرداندن</translation>
    </message>
    <message>
        <source>Birthdays</source>
        <translation>تولدها</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>تاریخ</translation>
    </message>
    <message>
        <source>Turning</source>
        <translation>سن</translation>
    </message>
    <message>
        <source>Greet today&apos;s birthdays</source>
        <translation>تبریک تولدهای امروز</translation>
    </message>
    <message>
        <source>Came back this week</source>
        <translation>برگشتند این هفته</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>برگشت</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>خرید</translation>
    </message>
    <message>
        <source>Open the came-back list</source>
        <translation>باز کردن فهرست برگشتگان</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>شکایت‌های باز</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>شکایت</translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation>رسیدگی شد</translation>
    </message>
    <message>
        <source>Unread replies</source>
        <translation>پاسخ‌های خوانده‌نشده</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>پاسخ</translation>
    </message>
    <message>
        <source>Rewards reached</source>
        <translation>جایزه‌های رسیده</translation>
    </message>
    <message>
        <source>Reward</source>
        <translation>جایزه</translation>
    </message>
    <message>
        <source>Messages that failed or are unknown</source>
        <translation>پیامک‌های ناموفق یا نامعلوم</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>کمپین</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ناموفق</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>نامعلوم</translation>
    </message>
    <message>
        <source>Open Campaigns</source>
        <translation>باز کردن کمپین‌ها</translation>
    </message>
    <message>
        <source>Check deliveries now</source>
        <translation>پرسیدن وضعیت تحویل، همین حالا</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>آخرین پشتیبان</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>همین حالا پشتیبان بگیر</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>امروز، {date}</translation>
    </message>
    <message>
        <source>On the Win-back lists: {absent} absent, {overdue} overdue (not snoozed, not contacted lately).</source>
        <translation>در فهرست‌های بازگرداندن: {absent} غایب، {overdue} دیرکرده (بی‌تعویق و بی‌تماس اخیر).</translation>
    </message>
    <message>
        <source>Nobody to call today.</source>
        <translation>امروز کسی برای تماس نیست.</translation>
    </message>
    <message>
        <source>{today} today, {count} in the next 7 days.</source>
        <translation>{today} نفر امروز، {count} نفر تا ۷ روز آینده.</translation>
    </message>
    <message>
        <source>No birthdays in the next 7 days.</source>
        <translation>تا ۷ روز آینده تولدی نیست.</translation>
    </message>
    <message>
        <source>Nobody came back after a contact this week.</source>
        <translation>این هفته کسی پس از تماس برنگشت.</translation>
    </message>
    <message>
        <source>No open complaints.</source>
        <translation>شکایت بازی نیست.</translation>
    </message>
    <message>
        <source>Nothing waiting.</source>
        <translation>چیزی در انتظار نیست.</translation>
    </message>
    <message>
        <source>Arrives with the retention tools (not wired yet).</source>
        <translation>با ابزارهای نگهداشت مشتری می‌آید (هنوز وصل نشده).</translation>
    </message>
    <message>
        <source>No failed messages in the last 7 days.</source>
        <translation>در ۷ روز گذشته پیامک ناموفقی نبود.</translation>
    </message>
    <message>
        <source>The book is on PostgreSQL: its server keeps the backups.</source>
        <translation>دفتر روی PostgreSQL است: پشتیبان‌ها با سرور آن است.</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>هنوز پشتیبانی گرفته نشده.</translation>
    </message>
    <message>
        <source>{date} ({age} days ago)</source>
        <translation>{date} ({age} روز پیش)</translation>
    </message>
    <message>
        <source>{date} (today)</source>
        <translation>{date} (امروز)</translation>
    </message>
    <message>
        <source>Call logged.</source>
        <translation>تماس ثبت شد.</translation>
    </message>
    <message>
        <source>Snoozed.</source>
        <translation>به تعویق افتاد.</translation>
    </message>
    <message>
        <source>Marked resolved.</source>
        <translation>رسیدگی‌شده ثبت شد.</translation>
    </message>
    <message>
        <source>Backup written.</source>
        <translation>پشتیبان گرفته شد.</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Trash</source>
        <translation>سطل زباله</translation>
    </message>
    <message>
        <source>Customers moved to the trash keep their visits until the trash is emptied. Restore brings them back as they were.</source>
        <translation>مشتریان سطل زباله تا خالی شدن سطل، مراجعه‌هایشان را نگه می‌دارند. «بازیابی» آن‌ها را همان‌طور که بودند برمی‌گرداند.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>مراجعه‌ها</translation>
    </message>
    <message>
        <source>Moved to trash</source>
        <translation>انتقال به سطل</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازیابی</translation>
    </message>
    <message>
        <source>Empty the trash…</source>
        <translation>خالی کردن سطل زباله…</translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation>{count} مشتری</translation>
    </message>
    <message>
        <source>{count} customers restored.</source>
        <translation>{count} مشتری بازیابی شد.</translation>
    </message>
    <message>
        <source>Empty the trash</source>
        <translation>خالی کردن سطل زباله</translation>
    </message>
    <message>
        <source>Remove every customer in the trash for good, with their visits and contact history? This cannot be undone.</source>
        <translation>همه‌ی مشتریان سطل زباله، همراه با مراجعه‌ها و سابقه‌ی تماسشان، برای همیشه حذف شوند؟ این کار برگشت‌پذیر نیست.</translation>
    </message>
</context>
<context>
    <name>UndoFlow</name>
    <message>
        <source>edited since the import</source>
        <translation>بعد از ورود ویرایش شده است</translation>
    </message>
    <message>
        <source>moved to the trash since</source>
        <translation>بعد از ورود به سطل زباله رفته است</translation>
    </message>
    <message>
        <source>has visits recorded since</source>
        <translation>بعد از ورود مراجعه‌ی تازه دارد</translation>
    </message>
    <message>
        <source>has calls or messages logged since</source>
        <translation>بعد از ورود تماس یا پیام ثبت‌شده دارد</translation>
    </message>
    <message>
        <source>…and {count} more.</source>
        <translation>…و {count} مورد دیگر.</translation>
    </message>
    <message>
        <source>Undo the import</source>
        <translation>برگرداندن ورود</translation>
    </message>
    <message>
        <source>{count} customers of this import changed after it. Undoing removes or restores them anyway, and what changed since is lost.</source>
        <translation>{count} مشتریِ این ورود بعد از آن تغییر کرده‌اند. برگرداندن، آن‌ها را هم حذف یا به حالت قبل برمی‌گرداند و تغییرات بعدی از دست می‌رود.</translation>
    </message>
    <message>
        <source>Undo anyway</source>
        <translation>با این حال برگردان</translation>
    </message>
    <message>
        <source>Keep the import</source>
        <translation>ورود بماند</translation>
    </message>
    <message>
        <source>The import was kept as it is.</source>
        <translation>ورود همان‌طور که بود ماند.</translation>
    </message>
</context>
<context>
    <name>VisitEditor</name>
    <message>
        <source>Edit visit</source>
        <translation>ویرایش مراجعه</translation>
    </message>
    <message>
        <source>Add a visit</source>
        <translation>افزودن مراجعه</translation>
    </message>
    <message>
        <source>now</source>
        <translation>اکنون</translation>
    </message>
    <message>
        <source>Toman</source>
        <translation>تومان</translation>
    </message>
    <message>
        <source>Rial</source>
        <translation>ریال</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>تاریخ و ساعت</translation>
    </message>
    <message>
        <source>Amount ({unit})</source>
        <translation>مبلغ ({unit})</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>خدمت</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>پرسنل</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>پرداخت</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>رضایت</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>یادداشت</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>ذخیره</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
</context>
<context>
    <name>WinbackPage</name>
    <message>
        <source>Win-back</source>
        <translation>بازگرداندن مشتری</translation>
    </message>
    <message>
        <source>Regulars who stopped coming, the most valuable and latest first. Call or message them; snooze those you have dealt with.</source>
        <translation>مشتریان ثابتی که دیگر نمی‌آیند، باارزش‌ترین و دیرکرده‌ترین در بالا. با آن‌ها تماس بگیرید یا پیام بدهید؛ کسانی را که پیگیری کرده‌اید به تعویق بیندازید.</translation>
    </message>
    <message>
        <source>Hide those contacted in the last {days} days</source>
        <translation>پنهان کردن کسانی که در {days} روز گذشته با آن‌ها تماس گرفته شده</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>نام</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>موبایل</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>تاریخ تماس</translation>
    </message>
    <message>
        <source>How</source>
        <translation>راه تماس</translation>
    </message>
    <message>
        <source>Days away then</source>
        <translation>روزهای غیبت در آن زمان</translation>
    </message>
    <message>
        <source>Came back</source>
        <translation>بازگشت</translation>
    </message>
    <message>
        <source>Visits since</source>
        <translation>مراجعه از آن پس</translation>
    </message>
    <message>
        <source>Spent since</source>
        <translation>خرید از آن پس</translation>
    </message>
    <message>
        <source>Message…</source>
        <translation>پیام…</translation>
    </message>
    <message>
        <source>Log a call…</source>
        <translation>ثبت تماس…</translation>
    </message>
    <message>
        <source>Snooze ▾</source>
        <translation>تعویق ▾</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} روز</translation>
    </message>
    <message>
        <source>Other…</source>
        <translation>دیگر…</translation>
    </message>
    <message>
        <source>Open card</source>
        <translation>باز کردن پرونده</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>غایب‌ها</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>دیرکرده‌ها</translation>
    </message>
    <message>
        <source>Came back after contact</source>
        <translation>برگشته پس از تماس</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>تماس تلفنی</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>پیامک</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>ایمیل</translation>
    </message>
    <message>
        <source>{date} ({days} days later)</source>
        <translation>{date} ({days} روز بعد)</translation>
    </message>
    <message>
        <source>{count} selected</source>
        <translation>{count} انتخاب‌شده</translation>
    </message>
    <message>
        <source>Messaging arrives with the Campaigns page.</source>
        <translation>ارسال پیام با صفحه‌ی کمپین‌ها فعال می‌شود.</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>به تعویق انداختن</translation>
    </message>
    <message>
        <source>Call logged for {count} customers.</source>
        <translation>تماس برای {count} مشتری ثبت شد.</translation>
    </message>
    <message>
        <source>{count} customers snoozed for {days} days.</source>
        <translation>پیگیری {count} مشتری {days} روز به تعویق افتاد.</translation>
    </message>
</context>
<context>
    <name>WinbackWords</name>
    <message>
        <source>Last {days} days: contacted {contacted}, came back {back} ({rate}), won back {revenue}.</source>
        <translation>{days} روز گذشته: تماس با {contacted} نفر، {back} نفر برگشتند ({rate})، درآمد برگشته {revenue}.</translation>
    </message>
    <message>
        <source>Came back after contact, {start} to {end}: contacted {contacted}, came back {back} ({rate}), won back {revenue}.</source>
        <translation>بازگشت پس از تماس، {start} تا {end}: تماس با {contacted} نفر، {back} نفر برگشتند ({rate})، درآمد برگشته {revenue}.</translation>
    </message>
</context>
</TS>
