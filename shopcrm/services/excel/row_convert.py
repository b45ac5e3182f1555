"""One raw row of a customer or a visit table -> a ``CustomerRow``/``VisitRow`` and its
issues, under the rules listed in ``rows``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from shopcrm.domain.dates import parse_datetime
from shopcrm.domain.numbers import parse_amount, parse_int
from shopcrm.domain.phones import PhoneInfo, classify_phone
from shopcrm.domain.text import clean_text, fold_digits, search_key
from shopcrm.errors import InvalidInput
from shopcrm.services.customers.fields import (
    normalise_email,
    normalise_gender,
    split_tags,
)
from shopcrm.services.excel.columns import (
    ColumnMapping,
)
from shopcrm.services.excel.row_cells import (
    _FAST_LANDLINE,
    _GENDER_EXTRA,
    _NO,
    _STARS,
    _YES,
    PAYMENT_WORDS,
    _Converter,
    _date_value,
    _limit_of,
    _RowContext,
    _time_of,
    cell_text,
)
from shopcrm.services.excel.row_types import (
    ERROR,
    WARNING,
    CustomerRow,
    RowResult,
    VisitRow,
)


class CustomerConverter(_Converter):
    """Turns one raw row of a customer table into a ``CustomerRow`` and its issues."""

    def __init__(self, mapping: ColumnMapping) -> None:
        super().__init__(mapping)
        c = self.cols
        self.name_cols, self.first_cols, self.last_cols = c("name"), c("first_name"), \
            c("last_name")
        self.phone2_cols, self.email_cols = c("phone2"), c("email")
        self.gender_cols, self.count_cols, self.vip_cols = c("gender"), c("visit_count"), \
            c("vip")
        self.has_birthday, self.has_last_visit = bool(c("birthday")), bool(c("last_visit"))
        self.city_cols, self.address_cols, self.notes_cols = c("city"), c("address"), \
            c("notes")
        self.referral_cols, self.tags_cols = c("referral"), c("tags")
        self.limits = {f: _limit_of(f, d) for f, d in (
            ("name", 200), ("city", 100), ("referral", 200), ("phone2", 40),
            ("address", 2000), ("notes", 20000))}

    def convert(self, values: Sequence[Any], number: int) -> RowResult:
        ctx = _RowContext(number, self.labels)
        lim = self.limits
        row = CustomerRow(number)

        # name: the full-name column, else first + last
        name = self.text(ctx, values, self.name_cols, "name", 10**6) or ""
        if not name and (self.first_cols or self.last_cols):
            parts = [self.text(ctx, values, cols, f, 10**6)
                     for cols, f in ((self.first_cols, "first_name"),
                                     (self.last_cols, "last_name"))]
            name = " ".join(p for p in parts if p)
        if name:
            col = (self.name_cols or self.first_cols or self.last_cols)[0]
            name = self.limit(ctx, col, name, "name", lim["name"])
        row.name = name

        mobile, mobile_raw, to_phone2, mcol = self.mobile(ctx, values)
        row.mobile, row.mobile_raw = mobile, mobile_raw

        # second phone
        if self.phone2_cols:
            c, v = self.first(values, self.phone2_cols)
            if c >= 0:
                if type(v) is str and _FAST_LANDLINE.fullmatch(v):
                    info = PhoneInfo("landline", v, v)
                else:
                    info = classify_phone(v)
                if info.kind in ("mobile", "landline"):
                    row.phone2 = info.value
                    if info.kind == "mobile" and row.mobile is None and row.mobile_raw is None:
                        ctx.issue(c, v, "row_phone2_is_mobile", WARNING, "phone2")
                        row.mobile, row.phone2 = info.value, None
                        mcol = c
                elif info.kind == "invalid":
                    text = fold_digits(clean_text(cell_text(v)))
                    ctx.issue(c, v, "row_bad_phone", WARNING, "phone2")
                    row.phone2 = self.limit(ctx, c, text, "phone2", lim["phone2"]) or None
        if to_phone2:
            if row.phone2 is None:
                row.phone2 = to_phone2
            elif row.phone2 != to_phone2 and row.mobile_raw is None:
                row.mobile_raw = clean_text(cell_text(values[mcol]))

        # email
        if self.email_cols:
            c, v = self.first(values, self.email_cols)
            if c >= 0:
                try:
                    row.email = normalise_email(clean_text(cell_text(v)).replace(" ", ""))
                except InvalidInput:
                    ctx.issue(c, v, "bad_email", WARNING, "email")
                    ctx.keep(c, v)

        if self.has_birthday:
            row.birthday = self.date(ctx, values, "birthday")
        if self.has_last_visit:
            row.last_visit = self.date(ctx, values, "last_visit")

        if self.gender_cols:
            c, v = self.first(values, self.gender_cols)
            if c >= 0:
                row.gender = self._gender(ctx, c, v)

        row.city = self.text(ctx, values, self.city_cols, "city", lim["city"])
        row.address = self.text(ctx, values, self.address_cols, "address", lim["address"], "، ")
        row.referral = self.text(ctx, values, self.referral_cols, "referral", lim["referral"])
        if self.tags_cols:
            joined = self.text(ctx, values, self.tags_cols, "tags", 10**6, "، ")
            row.tags = split_tags(joined) if joined else []

        if self.count_cols:
            c, v = self.first(values, self.count_cols)
            if c >= 0:
                try:
                    row.visit_count = parse_int(v, minimum=0, maximum=100_000)
                except InvalidInput:
                    ctx.issue(c, v, "bad_number", WARNING, "visit_count")
                    ctx.keep(c, v)

        if self.vip_cols:
            c, v = self.first(values, self.vip_cols)
            if c >= 0:
                row.vip = self._vip(ctx, c, v)

        notes = self.text(ctx, values, self.notes_cols, "notes", 10**7, "\n")
        if ctx.kept:
            kept = ctx.kept_lines()
            notes = "\n".join([notes, *kept] if notes else kept)
        if notes:
            col = self.notes_cols[0] if self.notes_cols else -1
            row.notes = self.limit(ctx, col, notes, "notes", lim["notes"])
        row.extra = self.extra(values)

        # identity
        if not row.name:
            if row.mobile is None:
                if row.mobile_raw:
                    ctx.issue(mcol, row.mobile_raw, "row_no_name_bad_mobile",
                              ERROR, "mobile")
                else:
                    ctx.issue(-1, "", "row_no_identity", ERROR)
                return RowResult(number, None, ctx.sorted_issues())
            ctx.issue(mcol, row.mobile, "row_name_missing",
                      WARNING, "name")
        elif row.mobile is None and row.mobile_raw and not to_phone2:
            ctx.issue(mcol, row.mobile_raw, "bad_mobile", WARNING, "mobile")
        return RowResult(number, row, ctx.sorted_issues())

    def _gender(self, ctx: _RowContext, c: int, v: Any) -> str | None:
        key = search_key(cell_text(v))
        try:
            return normalise_gender(key)
        except InvalidInput:
            pass
        if key in _GENDER_EXTRA:
            return _GENDER_EXTRA[key]
        ctx.issue(c, v, "row_bad_gender", WARNING, "gender")
        ctx.keep(c, v)
        return None

    def _vip(self, ctx: _RowContext, c: int, v: Any) -> bool | None:
        if isinstance(v, bool):
            return v
        if isinstance(v, int | float):
            if v in (0, 1):
                return bool(v)
        else:
            key = search_key(cell_text(v))
            if key in _YES:
                return True
            if key in _NO:
                return False
        ctx.issue(c, v, "row_bad_vip", WARNING, "vip")
        ctx.keep(c, v)
        return None


class VisitConverter(_Converter):
    """Turns one raw row of a visits table into a ``VisitRow`` and its issues."""

    def __init__(self, mapping: ColumnMapping) -> None:
        super().__init__(mapping)
        self.date_cols, self.time_cols = self.cols("date"), self.cols("time")
        self.amount_cols = self.cols("amount")

    def convert(self, values: Sequence[Any], number: int) -> RowResult:
        ctx = _RowContext(number, self.labels)
        mobile, mobile_raw, _, mcol = self.mobile(ctx, values)
        name = self.text(ctx, values, self.cols("name"), "name", 200) or ""

        at = None
        c, v = self.first(values, self.date_cols)
        if c < 0:
            ctx.issue(self.date_cols[0], "", "row_visit_no_date", ERROR, "date")
        else:
            try:
                at = parse_datetime(_date_value(v))
            except InvalidInput:
                ctx.issue(c, v, "bad_date", ERROR, "date")
            else:
                if at is None:  # a cell of invisible characters only (e.g. U+0085)
                    ctx.issue(c, "", "row_visit_no_date", ERROR, "date")
            if at is not None and self.time_cols:
                tc, tv = self.first(values, self.time_cols)
                if tc >= 0:
                    try:
                        clock = _time_of(tv)
                        if clock is not None:  # a blank time cell keeps the date's time
                            at = datetime.combine(at.date(), clock)
                    except InvalidInput:
                        ctx.issue(tc, tv, "row_bad_time", WARNING, "time")
                        ctx.keep(tc, tv)
            if at is not None and at.date() > self.today:
                ctx.issue(c, v, "row_visit_in_future", WARNING, "date",
                          date=at.date().isoformat())

        amount = None
        c, v = self.first(values, self.amount_cols)
        if c >= 0:
            amount = self._amount(ctx, c, v)

        satisfaction = None
        c, v = self.first(values, self.cols("satisfaction"))
        if c >= 0:
            satisfaction = self._satisfaction(ctx, c, v)

        payment = None
        c, v = self.first(values, self.cols("payment"))
        if c >= 0:
            text = clean_text(cell_text(v))
            payment = PAYMENT_WORDS.get(search_key(text)) or text[:50] or None

        service = self.text(ctx, values, self.cols("service"), "service", 200)
        staff = self.text(ctx, values, self.cols("staff"), "staff", 100)
        note = self.text(ctx, values, self.cols("note"), "note", 10**7, "\n")
        if ctx.kept:
            kept = ctx.kept_lines()
            note = "\n".join([note, *kept] if note else kept)
        if note:
            note = self.limit(ctx, (self.cols("note") or [-1])[0], note, "note", 20000)

        if mobile is None and not name:
            ctx.issue(mcol, mobile_raw or "", "row_visit_no_customer", ERROR, "mobile")
        elif mobile is None and mobile_raw:
            ctx.issue(mcol, mobile_raw, "bad_mobile", WARNING, "mobile")
        if at is None or any(i.severity == ERROR for i in ctx.issues):
            return RowResult(number, None, ctx.sorted_issues())
        return RowResult(number, VisitRow(
            number, at, mobile, mobile_raw, name, amount, service, staff, payment,
            satisfaction, note, self.extra(values)), ctx.sorted_issues())

    def _amount(self, ctx: _RowContext, c: int, v: Any) -> int | None:
        unit = self.mapping.units.get(c) or 1
        try:  # a unit word in the cell itself wins over the header's (or the owner's) unit
            return parse_amount(v, factor=unit)
        except InvalidInput as exc:
            ctx.issue(c, v, exc.code, WARNING, "amount")
            ctx.keep(c, v)
            return None

    def _satisfaction(self, ctx: _RowContext, c: int, v: Any) -> int | None:
        if isinstance(v, str) and v.strip() and set(v.strip()) <= _STARS:
            score: int | None = len(v.strip())
        else:
            try:
                score = parse_int(v)
            except InvalidInput:
                score = -1
        if score is not None and not 1 <= score <= 5:
            ctx.issue(c, v, "satisfaction_range", WARNING, "satisfaction")
            ctx.keep(c, v)
            return None
        return score

