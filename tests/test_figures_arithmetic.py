"""One arithmetic for every figure a page shows: shares floored (never rounded up), gaps the difference of the
figures as shown, so what a reader checks on the page adds up."""

from __future__ import annotations

import math
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from itcomms import words
from itcomms.figures.year_in_review import ServiceAvailability


@given(
    part=st.integers(min_value=0, max_value=10**6),
    extra=st.integers(min_value=0, max_value=10**6),
    target=st.decimals(min_value=90, max_value=100, places=1),
    achieved=st.floats(min_value=90, max_value=100),
)
def test_every_shown_figure_is_floored_and_every_gap_is_the_shown_difference(
    part: int, extra: int, target: Decimal, achieved: float
) -> None:
    whole = part + extra
    if whole:
        shown = int(words.share(part, whole).removesuffix("%"))
        assert shown == math.floor(100 * part / whole + 1e-9)  # 5,303 of 5,855 is 90%, never 91%
    entry = ServiceAvailability(service=None, target=float(target), achieved=achieved, previous=None)  # type: ignore[arg-type]
    shown_achieved = Decimal(words.availability(achieved).removesuffix("%"))
    assert shown_achieved <= Decimal(str(achieved)) + Decimal("1e-9")
    if not entry.met:
        # The reader subtracts what the page shows and gets the gap the page says.
        assert Decimal(words.number(entry.shortfall)) == max(target - shown_achieved, Decimal("0.01"))
