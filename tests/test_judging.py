"""The judging benchmark on the corpus's dev split: run when the corpus is present (it is written
by others and committed separately). The floors are the figures measured now, so that a change
that loses found conflicts or flags a must-not pair fails here."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "benchmarks" / "corpus" / "dev"


@pytest.mark.skipif(not DEV.is_dir(), reason="the reading corpus is not in this checkout")
def test_judging_figures_on_dev():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from judging import run

    rows, total = run("dev")
    # Floors as measured when session 5's five dev events (flood, crush, shipwreck, election,
    # arrest) arrived: their first measurement was recall 0.636, precision 0.36, 10 of 63
    # must-not groups flagged, one value unreadable. Raise them as the judge improves.
    assert total["must_not_flagged"] <= 1
    assert total["rescan_added"] == 0
    assert total["unreadable"] <= 1
    assert total["recall"] >= 0.71 and total["precision"] >= 0.73
