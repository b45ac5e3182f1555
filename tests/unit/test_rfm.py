"""RFM: quintile scores with ties, the segment map, labels and the window."""

from __future__ import annotations

import itertools

import pytest

from shopcrm.domain import rfm
from shopcrm.domain.dates import from_jalali
from shopcrm.errors import InvalidInput


def test_every_score_triple_has_exactly_one_first_matching_segment():
    seen = set()
    for r, f, m in itertools.product(range(1, 6), repeat=3):
        segment = rfm.segment_of(r, f, m)
        assert segment in rfm.SEGMENTS
        seen.add(segment)
    assert seen == set(rfm.SEGMENTS)


@pytest.mark.parametrize("scores,segment", [
    ((5, 5, 5), "champions"), ((4, 4, 4), "champions"), ((5, 5, 3), "loyal"),
    ((3, 3, 1), "loyal"), ((1, 5, 5), "cannot_lose"), ((2, 4, 4), "cannot_lose"),
    ((1, 5, 3), "at_risk"), ((2, 3, 5), "at_risk"), ((5, 1, 1), "new"), ((4, 1, 5), "new"),
    ((5, 2, 2), "potential"), ((3, 1, 1), "potential"), ((2, 2, 2), "hibernating"),
    ((2, 1, 5), "hibernating"), ((1, 1, 1), "lost"), ((1, 2, 5), "lost"),
])
def test_segment_map(scores, segment):
    assert rfm.segment_of(*scores) == segment


def test_quintiles_of_distinct_values():
    assert rfm.quintile_scores(list(range(10))) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert rfm.quintile_scores([50, 10, 40, 20, 30]) == [5, 1, 4, 2, 3]


def test_ties_share_the_lowest_score():
    # six of ten came once: all score 1, never split across quintiles
    values = [1, 1, 1, 1, 1, 1, 2, 2, 3, 9]
    assert rfm.quintile_scores(values) == [1] * 6 + [4, 4, 5, 5]
    assert rfm.quintile_scores([7, 7, 7]) == [1, 1, 1]
    assert rfm.quintile_scores([3]) == [1]
    assert rfm.quintile_scores([]) == []


def test_score_all_puts_it_together():
    rows = [(1, 100, 1, 0), (2, 200, 10, 5_000_000), (3, 150, 5, 1_000_000),
            (4, 120, 2, 300_000), (5, 199, 8, 4_000_000)]
    scored = {s.customer_id: s for s in rfm.score_all(rows)}
    assert (scored[2].r, scored[2].f, scored[2].m, scored[2].segment) == (5, 5, 5, "champions")
    assert (scored[1].r, scored[1].f, scored[1].m, scored[1].segment) == (1, 1, 1, "lost")
    assert scored[5].segment == "champions"
    assert rfm.score_all([]) == []


def test_labels_in_both_languages():
    for segment in rfm.SEGMENTS:
        assert rfm.label(segment, "fa") and rfm.label(segment, "en")
    assert rfm.label("at_risk", "en") == "At risk"


def test_window_of_jalali_months():
    assert rfm.window_start(from_jalali(1403, 9, 1), 12) == from_jalali(1402, 9, 2)
    assert rfm.window_start(from_jalali(1403, 9, 1), 3) == from_jalali(1403, 6, 2)
    # 30 Esfand back twelve months: 29 Esfand of the common year, so the window opens 1 Farvardin
    assert rfm.window_start(from_jalali(1403, 12, 30), 12) == from_jalali(1403, 1, 1)
    with pytest.raises(InvalidInput):
        rfm.window_start(from_jalali(1403, 9, 1), 0)
