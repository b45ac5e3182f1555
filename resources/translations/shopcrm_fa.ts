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
        <source>answered</source>
        <translation>پاسخ داد</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>پاسخ نداد</translation>
    </message>
    <message>
        <source>Contact history ({count})</source>
        <translation>سابقه‌ی تماس ({count})</translation>
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
        <source>{days} days ago</source>
        <translation>{days} روز پیش</translation>
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
        <source>Search by name, mobile, email or notes (Ctrl+F)</source>
        <translation>جستجو در نام، موبایل، ایمیل یا یادداشت‌ها (Ctrl+F)</translation>
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
        <translation>گروه RFM</translation>
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
        <translation>&amp;پرونده</translation>
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
</TS>
