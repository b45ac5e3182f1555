"""Errors in words (no traceback, no secret) and a complete Persian translation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from shopcrm.errors import Conflict
from ui.dialogs.error_dialog import (
    ErrorReportDialog,
    ExceptionHook,
    build_report,
    mask_secrets,
    show_error,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "shopcrm_fa.ts"


def test_a_service_error_is_one_persian_sentence(qtbot):
    box = show_error(None, Conflict("duplicate_mobile", mobile="09121234567", name="مریم",
                                    id=7), "fa")
    qtbot.addWidget(box)
    assert box.text() == ("این شماره موبایل (۰۹۱۲۱۲۳۴۵۶۷) قبلاً برای «مریم» (شناسه ۷) "
                          "ثبت شده است.")


def test_the_crash_report_is_copyable_and_carries_no_secret(qtbot, monkeypatch):
    from shopcrm.logs import register_secret

    monkeypatch.setenv("SHOPCRM_SMTP_PASSWORD", "hunter2-smtp-pass")
    register_secret("kavenegar-KEY-1234567890")
    try:
        raise RuntimeError(
            "POST https://api.kavenegar.com/v1/kavenegar-KEY-1234567890/sms/send.json failed; "
            "smtp login hunter2-smtp-pass; db postgresql://shop:pg-secret@db.local/shop")
    except RuntimeError as exc:
        report = build_report(type(exc), exc, exc.__traceback__)
    for secret in ("kavenegar-KEY-1234567890", "hunter2-smtp-pass", "pg-secret"):
        assert secret not in report
    assert "RuntimeError" in report and "ShopCRM" in report
    assert "postgresql://shop:***@db.local" in report

    hook = ExceptionHook("fa")
    try:
        raise ValueError("boom")
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)
    [dialog] = hook.dialogs
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ErrorReportDialog) and dialog.isVisible()
    assert "ValueError: boom" in dialog.report.toPlainText()
    dialog.copy_button.click()
    assert "ValueError: boom" in QApplication.clipboard().text()


def test_mask_secrets_leaves_ordinary_text_alone():
    assert mask_secrets("customer 09121234567 saved") == "customer 09121234567 saved"


def messages():
    tree = ET.parse(TS)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def test_every_string_has_a_persian_translation():
    unfinished = [(ctx, m.findtext("source")) for ctx, m in messages()
                  if not (m.findtext("translation") or "").strip()
                  or m.find("translation").get("type") in ("unfinished", "vanished",
                                                              "obsolete")]
    assert unfinished == []


def test_translations_keep_the_placeholders():
    wrong = []
    for ctx, m in messages():
        source, translation = m.findtext("source"), m.findtext("translation") or ""
        if sorted(re.findall(r"\{\w+\}", source)) != sorted(re.findall(r"\{\w+\}",
                                                                        translation)):
            wrong.append((ctx, source, translation))
    assert wrong == []


@pytest.mark.skipif(not shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)),
                    reason="pyside6-lupdate is not installed beside this Python")
def test_the_ts_file_is_up_to_date_with_the_sources(tmp_path):
    """lupdate over the sources finds no string that the .ts file lacks."""
    copy = tmp_path / "shopcrm_fa.ts"
    shutil.copy(TS, copy)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_translations
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    files = [str(f) for f in build_translations.sources()]
    lupdate = str(Path(sys.executable).parent / "pyside6-lupdate")
    proc = subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *files,
                           "-ts", str(copy)], capture_output=True, text=True, check=True)
    new = re.search(r"Found (\d+) source text\(s\) \((\d+) new", proc.stdout)
    assert new is not None, proc.stdout
    assert new.group(2) == "0", f"untranslated new strings: run scripts/build_translations.py" \
                                f" --update and translate them\n{proc.stdout}"
    assert ET.parse(copy).getroot().findall(".//message") and copy.read_text() == \
        TS.read_text(), "the .ts file changes under lupdate: run build_translations --update"


def test_a_missing_qm_is_built_from_the_ts(tmp_path, monkeypatch):
    from ui import i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(TS, folder / TS.name)
    (folder / TS.name).chmod(0o444)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    path = i18n.qm_path("fa")
    assert path is not None and path.is_file() and path.stat().st_size > 1000
    monkeypatch.setattr(i18n, "lrelease_command", lambda: None)
    (folder / "shopcrm_fa.qm").unlink(missing_ok=True)
    for cached in Path(__import__("os").environ["SHOPCRM_DATA_DIR"]).rglob("shopcrm_fa.qm"):
        cached.unlink()
    assert i18n.qm_path("fa") is None  # nothing to build with: the window runs in English
