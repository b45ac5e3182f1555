"""``shopcrm report``, ``shopcrm chart`` and ``shopcrm charts`` on a small book."""

from __future__ import annotations

import json

import pytest

from shopcrm.services.reports.series import SERIES


@pytest.fixture(scope="module")
def book_url(tmp_path_factory):
    from test_reports import build_book

    from shopcrm.storage.db import open_database

    url = f"sqlite:///{tmp_path_factory.mktemp('cli-reports') / 'book.sqlite3'}"
    db = open_database(url)
    build_book(db)
    db.close()
    return url


PERIOD = ("--from", "۱۴۰۳/۰۱/۰۱", "--to", "2024-06-20")  # Persian digits and ISO both


def test_report_json(run_cli, book_url):
    code, out, err = run_cli("report", "--db", book_url, *PERIOD, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["start"] == "2024-03-20" and data["end"] == "2024-06-20"
    assert [(m["year"], m["month"]) for m in data["months"]] == [(1403, 1), (1403, 2),
                                                                 (1403, 3)]
    assert [p["visits"] for p in data["visits_revenue"]] == [1, 1, 3]
    assert [(p["new"], p["returning"]) for p in data["new_returning"]] == [(1, 0), (0, 1),
                                                                           (1, 2)]
    assert data["retail_retention"] == 0.63
    assert set(SERIES) <= set(data)


def test_report_text(run_cli, book_url):
    code, out, err = run_cli("--db", book_url, "report", *PERIOD)
    assert code == 0, err
    assert "1403/02 Ordibehesht" in out
    assert "retention:" in out and "RFM segment" in out
    assert "کوتاهی مو" in out


def test_chart_png_and_pdf(run_cli, book_url, tmp_path):
    png, pdf = tmp_path / "visits.png", tmp_path / "absent.pdf"
    code, out, err = run_cli("chart", "visits_revenue", "--db", book_url, "--out", str(png),
                             *PERIOD, "--lang", "en", "--json")
    assert code == 0, err
    assert json.loads(out) == {"chart": "visits_revenue", "file": str(png), "lang": "en"}
    assert png.read_bytes()[:4] == b"\x89PNG"
    code, out, err = run_cli("chart", "absent_over_time", "--db", book_url, "--out", str(pdf))
    assert code == 0, err
    assert pdf.read_bytes()[:4] == b"%PDF" and "wrote" in out


def test_charts_into_a_folder(run_cli, book_url, tmp_path):
    folder = tmp_path / "charts"
    code, out, err = run_cli("charts", "--db", book_url, "--out", str(folder), *PERIOD,
                             "--lang", "fa", "--json")
    assert code == 0, err
    files = json.loads(out)["files"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.png" for n in SERIES)
    assert all((folder / f"{n}.png").stat().st_size > 5_000 for n in SERIES)
    assert len(files) == len(SERIES)


@pytest.mark.parametrize(("argv", "words"), [
    (("chart", "pie", "--out", "x.png"), "invalid choice"),
    (("chart", "cities", "--out", "x.svg"), "must end in .png or .pdf"),
    (("chart", "cities", "--out", "/no/such/folder/x.png"), "no such folder"),
    (("report", "--from", "1403/13/01"), "cannot be read"),
    (("report", "--from", "1403/03/01", "--to", "1403/01/01"), "after the end date"),
    (("report", "--from", "1300/01/01"), "at most 120 months"),
])
def test_user_errors_are_one_line(run_cli, book_url, argv, words):
    code, out, err = run_cli(*argv, "--db", book_url, "--lang", "en")
    assert code == 1
    assert words in err and len(err.strip().splitlines()) == 1
    assert out == ""
