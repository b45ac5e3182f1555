"""Validation and normalisation of the customer fields an owner types or imports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from shopcrm.domain.dates import parse_date
from shopcrm.domain.phones import normalize_mobile
from shopcrm.domain.text import build_search_text as build_search_text
from shopcrm.domain.text import clean_text, fold_digits, search_key, sort_key
from shopcrm.errors import InvalidInput

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", re.ASCII)
GENDERS = {
    "female": "female", "f": "female", "زن": "female", "خانم": "female", "مونث": "female",
    "male": "male", "m": "male", "مرد": "male", "آقا": "male", "مذکر": "male",
}
TEXT_LIMITS = {"name": 200, "city": 100, "referral": 200, "phone2": 40,
               "address": 2000, "notes": 20000}


@dataclass
class CustomerInput:
    """What an owner can type about a customer; ``None`` means "leave as is" on edit."""

    name: str | None = None
    mobile: str | None = None
    phone2: str | None = None
    email: str | None = None
    birthday: str | date | None = None
    gender: str | None = None
    city: str | None = None
    address: str | None = None
    referral: str | None = None
    notes: str | None = None
    vip: bool | None = None
    tags: list[str] | None = field(default=None)

    def given(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}


def normalise_email(raw: str | None) -> str | None:
    text = clean_text(raw).lower() if raw else ""
    if not text:
        return None
    if not EMAIL_RE.match(text):
        raise InvalidInput("bad_email", value=raw, field="email")
    return text


def normalise_gender(raw: str | None) -> str | None:
    text = clean_text(raw).lower() if raw else ""
    if not text:
        return None
    if text not in GENDERS:
        raise InvalidInput("bad_field", field="gender", detail=raw)
    return GENDERS[text]


def normalise_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Clean every given field and turn it into its stored form (columns of Customer)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "mobile":
            out["mobile"] = normalize_mobile(value) if value not in (None, "") else None
        elif key == "email":
            out["email"] = normalise_email(value)
        elif key == "birthday":
            out["birthday"] = parse_date(value) if value not in (None, "") else None
        elif key == "gender":
            out["gender"] = normalise_gender(value)
        elif key == "vip":
            out["vip"] = bool(value)
        elif key == "tags":
            out["tags"] = split_tags(value)
        elif key == "phone2":
            text = fold_digits(clean_text(value))
            out["phone2"] = text[: TEXT_LIMITS["phone2"]] or None
        elif key in TEXT_LIMITS:
            text = clean_text(value) if key not in ("notes", "address") else _clean_block(value)
            out[key] = text[: TEXT_LIMITS[key]] or None
        else:
            raise InvalidInput("bad_field", field=key, detail="unknown field")
    if "name" in out:
        if not out["name"]:
            raise InvalidInput("name_required")
        out["name_key"] = search_key(out["name"])
        out["name_sort"] = sort_key(out["name"])
    return out


def _clean_block(value: Any) -> str:
    """Multi-line text (notes, address): clean each line, keep the line breaks."""
    lines = [clean_text(line) for line in str(value or "").splitlines()]
    return "\n".join(line for line in lines if line).strip()


def split_tags(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else re.split(r"[,،;؛|/]", str(value))
    seen: dict[str, str] = {}
    for item in items:
        tag = clean_text(item)[:100]
        if tag and search_key(tag) not in seen:
            seen[search_key(tag)] = tag
    return list(seen.values())
