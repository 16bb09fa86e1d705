"""PRIVACY.md rules 1–3, 5 and 6 on single cells, at and around every boundary."""

from __future__ import annotations

import pytest

from equipath.disclosure import rules


@pytest.mark.parametrize(
    ("n", "rounded"),
    [(10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (22, 20), (23, 25), (302, 300)],
)
def test_counts_round_to_the_nearest_five_halves_up(n, rounded):
    assert rules.round_count(n) == rounded
    assert rounded - 2.5 <= n <= rounded + 2.5


@pytest.mark.parametrize(
    ("n", "threshold"),
    [(10, 20), (19, 20), (20, 10), (39, 10), (40, 5), (99, 5), (100, 2), (299, 2), (300, 1)],
)
def test_coding_bands_follow_the_denominator(n, threshold):
    assert rules.coding_threshold(n) == threshold


def test_small_cells_are_withheld_with_their_reason():
    figure = rules.rate_figure(3, 9)
    assert figure.status == rules.SMALL_CELL
    assert (figure.value, figure.n_rounded, figure.display) == (None, None, "—")
    assert rules.median_figure(41_000.0, 9).status == rules.SMALL_CELL


@pytest.mark.parametrize(
    ("x", "n", "status", "display", "low", "high"),
    [
        # n = 300: ≤1% / ≥99%; exactly on the threshold is coded
        (3, 300, rules.BOTTOM_CODED, "≤1%", 0.0, 0.01),
        (4, 300, rules.PUBLISHED, "1%", 0.005, 0.015),
        (297, 300, rules.TOP_CODED, "≥99%", 0.99, 1.0),
        (296, 300, rules.PUBLISHED, "99%", 0.985, 0.995),
        # n = 40: ≤5% / ≥95%
        (2, 40, rules.BOTTOM_CODED, "≤5%", 0.0, 0.05),
        (38, 40, rules.TOP_CODED, "≥95%", 0.95, 1.0),
        (37, 40, rules.PUBLISHED, "93%", 0.925, 0.935),  # 92.5% rounds half up
        # n = 10: ≤20% / ≥80%
        (2, 10, rules.BOTTOM_CODED, "≤20%", 0.0, 0.2),
        (8, 10, rules.TOP_CODED, "≥80%", 0.8, 1.0),
        (0, 10, rules.BOTTOM_CODED, "≤20%", 0.0, 0.2),
        (10, 10, rules.TOP_CODED, "≥80%", 0.8, 1.0),
        # whole percent, halves up
        (3, 40, rules.PUBLISHED, "8%", 0.075, 0.085),  # 7.5% rounds half up
        (17, 40, rules.PUBLISHED, "43%", 0.425, 0.435),  # 42.5% → 43%
    ],
)
def test_rates_are_coded_or_rounded(x, n, status, display, low, high):
    figure = rules.rate_figure(x, n)
    assert figure.status == status
    assert figure.display == display
    assert figure.low == pytest.approx(low)
    assert figure.high == pytest.approx(high)
    assert figure.low <= x / n <= figure.high  # the reader's interval holds the truth
    assert figure.n_rounded == rules.round_count(n)


def test_the_interval_of_every_rate_holds_the_truth():
    for n in range(10, 320):
        for x in range(n + 1):
            figure = rules.rate_figure(x, n)
            assert figure.low - 1e-12 <= x / n <= figure.high + 1e-12, (x, n)


def test_medians_round_to_100_dollars():
    figure = rules.median_figure(8_449.99, 12)
    assert (figure.value, figure.display, figure.n_rounded) == (8_400.0, "$8,400", 10)
    assert (figure.low, figure.high) == (8_350.0, 8_450.0)
    assert rules.median_figure(8_450.0, 12).display == "$8,500"
    assert rules.median_figure(-1_249.0, 30).display == "-$1,200"


def test_no_numerator_is_ever_part_of_a_figure():
    figure = rules.rate_figure(42, 100)
    assert set(vars(figure)) == {"status", "value", "low", "high", "display", "n_rounded"}
