"""The judging benchmark on the corpus's dev split: run when the corpus is present (it is written
by others and committed separately). The floors are the figures measured now, so that a change
that loses found conflicts or flags a must-not pair fails here."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "benchmarks" / "corpus" / "dev"
FIRST_FIVE = {
    "christchurch-mosque-shootings-2019",
    "ecuador-earthquake-2016",
    "kerman-bombing-2024",
    "odisha-train-collision-2023",
    "panzi-mystery-disease-2024",
}


@pytest.mark.skipif(not DEV.is_dir(), reason="the reading corpus is not in this checkout")
def test_judging_figures_on_dev():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from judging import run, summary

    rows, total = run("dev")
    assert total["rescan_added"] == 0
    assert total["unreadable"] == 0  # year-less dates are read against their source's date
    # The floors were measured on the first five dev events; the three added in session 5 were
    # labelled before any tuning and start from their own measured figures.
    first = summary([r for r in rows if r["event"] in FIRST_FIVE], "dev")
    assert first["must_not_flagged"] == 0
    assert first["recall"] >= 0.69 and first["precision"] >= 0.8
    added = summary([r for r in rows if r["event"] not in FIRST_FIVE], "dev")
    assert added["found"] >= 7 and added["must_not_flagged"] <= 2
