"""The test providers that write to a file: records, ids, statuses, concurrent writers."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading

import pytest

from shopcrm.errors import ProviderError
from shopcrm.services.messaging.providers import (
    DELIVERED,
    UNKNOWN,
    EmailMessage,
    EmailProvider,
    SmsMessage,
    SmsProvider,
)
from shopcrm.services.messaging.providers.file import FileEmailProvider, FileSmsProvider


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_sms_are_written_as_json_lines_and_reported_delivered(tmp_path):
    path = tmp_path / "outbox" / "messages.jsonl"
    provider = FileSmsProvider(path, sender="10004346")
    assert isinstance(provider, SmsProvider)

    results = provider.send(
        [SmsMessage(7, "09121234567", "سلام"), SmsMessage(8, "09351234567", "hi")]
    )

    assert [(r.local_id, r.message_id, r.status, r.error_code) for r in results] == [
        (7, 1, DELIVERED, None),
        (8, 2, DELIVERED, None),
    ]
    records = lines(path)
    assert [r["text"] for r in records] == ["سلام", "hi"]
    assert "سلام" in path.read_text(encoding="utf-8")  # readable, not \u escapes
    assert records[0]["kind"] == "sms" and records[0]["sender"] == "10004346"
    assert records[0]["parts"] == 1 and records[0]["receptor"] == "09121234567"


def test_status_lookups(tmp_path):
    provider = FileSmsProvider(tmp_path / "m.jsonl")
    (sent,) = provider.send([SmsMessage(41, "09121234567", "x")])

    by_id = provider.status([sent.message_id, 999])
    assert [(s.message_id, s.local_id, s.status) for s in by_id] == [
        (sent.message_id, 41, DELIVERED),
        (999, None, UNKNOWN),
    ]
    by_local = provider.status_by_local_ids([41, 42])
    assert [(s.message_id, s.status) for s in by_local] == [
        (sent.message_id, DELIVERED),
        (None, UNKNOWN),
    ]
    assert provider.credit().remaining >= 10**9


def test_ids_continue_across_instances_and_share_the_file_with_email(tmp_path):
    path = tmp_path / "m.jsonl"
    FileSmsProvider(path).send([SmsMessage(1, "09121234567", "a")])
    FileEmailProvider(path).send([EmailMessage(2, "a@example.com", None, "s", "t")])
    (again,) = FileSmsProvider(path).send([SmsMessage(3, "09121234567", "b")])
    assert again.message_id == 2
    assert [r["kind"] for r in lines(path)] == ["sms", "email", "sms"]


def test_email_is_written(tmp_path):
    path = tmp_path / "mail.jsonl"
    provider = FileEmailProvider(path, from_addr="shop@example.com")
    assert isinstance(provider, EmailProvider)
    provider.test_connection()
    results = provider.send([EmailMessage(5, "m@example.com", "مریم", "سلام", "متن", None)])
    assert results[0].ok and results[0].message_id.endswith("@shopcrm.file>")
    (record,) = lines(path)
    assert (record["to_name"], record["subject"], record["from_addr"]) == (
        "مریم",
        "سلام",
        "shop@example.com",
    )


def test_too_many_in_one_call(tmp_path):
    with pytest.raises(ValueError):
        FileSmsProvider(tmp_path / "m.jsonl").send(
            [SmsMessage(i, "09121234567", "x") for i in range(201)]
        )


def test_unwritable_place_is_a_provider_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ProviderError) as info:
        FileSmsProvider(blocker / "m.jsonl").send([SmsMessage(1, "09121234567", "x")])
    assert info.value.code == "file_provider_write"
    with pytest.raises(ProviderError):
        FileEmailProvider(blocker / "m.jsonl").test_connection()


WRITER = textwrap.dedent(
    """
    import sys
    from shopcrm.services.messaging.providers.base import SmsMessage
    from shopcrm.services.messaging.providers.file import FileSmsProvider
    path, first = sys.argv[1], int(sys.argv[2])
    p = FileSmsProvider(path)
    for i in range(first, first + 20):
        p.send([SmsMessage(i, "09121234567", "x" * 50), SmsMessage(-i, "09121234567", "y")])
    """
)


def test_threads_and_processes_append_safely_with_unique_ids(tmp_path):
    path = tmp_path / "m.jsonl"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(1000 * (n + 1))])
        for n in range(3)
    ]
    provider = FileSmsProvider(path)

    def write(first):
        for i in range(first, first + 20):
            provider.send([SmsMessage(i, "09121234567", "z")])

    threads = [threading.Thread(target=write, args=(100 * (n + 1),)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0]

    records = lines(path)
    assert len(records) == 3 * 20 * 2 + 3 * 20
    ids = [r["message_id"] for r in records]
    assert ids == list(range(1, len(records) + 1))  # in file order, no gaps, no repeats
