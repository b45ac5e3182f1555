"""The helpers that replaced drifted copies: one process probe, one secret masker, one set
of outbox states, one chunk size."""

from __future__ import annotations

import os
import subprocess
import sys

from shopcrm.masking import MASKED, scrub
from shopcrm.processes import pid_alive
from shopcrm.storage.chunks import CHUNK_SIZE, chunks
from shopcrm.storage.outbox_status import ALL_STATUSES, OPEN_STATUSES, OutboxStatus


def test_pid_alive_knows_a_running_a_finished_and_a_nonsense_process() -> None:
    assert pid_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert pid_alive(child.pid)
        assert pid_alive(str(child.pid))  # as read back from a lease's JSON
    finally:
        child.kill()
        child.wait()
    assert not pid_alive(child.pid)
    for nonsense in (None, "", "abc", 0, -1):
        assert not pid_alive(nonsense)


def test_the_masker_hides_secrets_url_passwords_and_gateway_keys() -> None:
    text = ("key 0123abcd in postgresql://shop:s3cr3t-pw@db.local/book and "
            "https://api.kavenegar.com/v1/4A5B6C7D8E9F/sms/send.json; short ab stays")
    scrubbed = scrub(text, {"0123abcd", "ab"})
    assert "0123abcd" not in scrubbed and "s3cr3t-pw" not in scrubbed
    assert "4A5B6C7D8E9F" not in scrubbed
    assert f"shop:{MASKED}@db.local" in scrubbed and f"/v1/{MASKED}/sms" in scrubbed
    assert "short ab stays" in scrubbed


def test_outbox_states_are_one_list_and_every_word_table_covers_them() -> None:
    from shopcrm.services.excel.exporter import STATUS_WORDS
    from shopcrm.services.messaging import outbox

    assert set(outbox.ALL_STATES) <= set(ALL_STATUSES)
    assert outbox.OPEN_STATES == OPEN_STATUSES == ("pending", "sending")
    assert set(STATUS_WORDS) == set(OutboxStatus)
    assert STATUS_WORDS["delivered"] == STATUS_WORDS[OutboxStatus.DELIVERED]


def test_chunks_cut_ids_into_slices_of_the_one_chunk_size() -> None:
    ids = list(range(CHUNK_SIZE * 2 + 3))
    parts = list(chunks(ids))
    assert [len(p) for p in parts] == [CHUNK_SIZE, CHUNK_SIZE, 3]
    assert [i for p in parts for i in p] == ids
