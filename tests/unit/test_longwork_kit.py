"""The long-work kit: one Progress (a send's figures are a Progress too), run_to_end, and
the command line's bar, whose Persian figures are written with Persian digits."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from shopcrm.longwork import Progress, ProgressBar, run_to_end
from shopcrm.services.messaging.sender import SendProgress


def _send(status: str, done: int, *, finished: bool = False) -> SendProgress:
    return SendProgress(done, 5, "send", finished, campaign_id=7, sent=done, failed=0,
                        invalid=0, queued=0, pending=5 - done, cost=0, status=status)


def test_a_sends_progress_is_the_kits_progress_and_its_last_is_the_result() -> None:
    def send() -> Iterator[SendProgress]:
        yield _send("sending", 0)
        yield _send("sending", 3)
        yield _send("done", 5, finished=True)

    seen: list[Progress] = []
    last = run_to_end(send(), seen.append)
    assert all(isinstance(p, Progress) for p in seen)
    assert [(p.done, p.total) for p in seen] == [(0, 5), (3, 5), (5, 5)]
    assert isinstance(last, SendProgress) and last.status == "done" and last is seen[-1]
    assert last.as_dict()["campaign_id"] == 7 and last.as_dict()["done"] == 5


def test_run_to_end_keeps_progress_apart_from_the_result() -> None:
    def work() -> Iterator[object]:
        yield Progress(1, 2, "read")
        yield Progress(2, 2, "read")
        yield "the report"

    seen: list[Progress] = []
    assert run_to_end(work(), seen.append) == "the report"
    assert [p.done for p in seen] == [1, 2]


def _drawn(lang: str, unit: str) -> str:
    stream = io.StringIO()
    with ProgressBar(enabled=True, lang=lang, unit=unit, stream=stream,
                     label=lambda p: {"read": "وارسی", "write": "نوشتن"}[p.stage]) as bar:
        for done in (0, 4_000, 12_345):
            bar(Progress(done, 12_345, "read"))
        bar(Progress(250, 500, "write"))
    return stream.getvalue()


def test_the_persian_bar_writes_its_figures_with_persian_digits() -> None:
    drawn = _drawn("fa", "ردیف")
    assert "۴٬۰۰۰/۱۲٬۳۴۵ ردیف" in drawn and "۱۰۰٪ ۱۲٬۳۴۵/۱۲٬۳۴۵" in drawn
    assert "۵۰٪ ۲۵۰/۵۰۰ ردیف" in drawn and "نوشتن" in drawn
    assert not re.search(r"[0-9]", drawn), drawn  # nor tqdm's ASCII bar (" 123456789#")
    assert "it/s" not in drawn and "rows" not in drawn


def test_the_english_bar_keeps_tqdms_figures_and_a_disabled_bar_draws_nothing() -> None:
    assert "12345/12345" in _drawn("en", "rows")
    stream = io.StringIO()
    ProgressBar(enabled=False, stream=stream)(Progress(1, 2))
    assert stream.getvalue() == ""
