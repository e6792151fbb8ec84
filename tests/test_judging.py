"""The judging benchmark on the corpus's dev split: run when the corpus is present (it is written
by others and committed separately). The floors are the figures measured now, so that a change
that loses found conflicts or flags a must-not pair fails here."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "benchmarks" / "corpus" / "dev"
# The dev events the judging floors were first measured on (session 5 added more).
TUNED = {"christchurch-mosque-shootings-2019", "ecuador-earthquake-2016", "kerman-bombing-2024",
         "odisha-train-collision-2023", "panzi-mystery-disease-2024"}
# The whole split's figures when all six session-5 events were in: recall 0.646, precision 0.468,
# 13 of 110 must-not groups flagged, one value unreadable; after issue 12's rules (rounding,
# successive counts, forecasts, corrections, scope synonyms): recall 0.688, precision 0.673, 4 of 110;
# session 6 (one article's rival figures, a part larger than its whole, a body's denial, a sum in two
# currencies, fears against counts, one speaker's alternatives and spread of estimates, two counts
# of a part among the same total): 11 events, recall 0.875. With session 6's four new events
# (measured before any tuning on them: recall 7/7, precision 7/9, one must-not group hit through the
# benchmark's reading of accusations, since fixed): 15 events, recall 0.891, precision 0.750, 1 of 153.
# Session 7 (a scope that narrows another is its part; projections are no counts): precision 0.761.
MUSTNOT, RECALL, PRECISION = 1, 0.88, 0.76
# Session 7's five events, labelled before any code ran on them and judged first with the
# session-start code: recall 11/11, precision 13/42, 10 of 45 must-not groups hit, 1 value unreadable
# (Indian digit grouping, read since). Their own floors, so the older events' floors keep meaning
# what they measured. After session 7's rules (a guess is no count; an open-ended figure answers a
# denial only inside it): precision 13/22, 7 of 45 must-not groups hit.
SESSION7 = {"hathras-stampede-2024", "mozambique-election-2024", "imamoglu-arrest-2025",
            "cyclone-chido-mayotte-2024", "pahalgam-attack-2025"}
MUSTNOT7, RECALL7, PRECISION7 = 7, 1.0, 0.59
# Session 9's five events, labelled before any code ran on them and judged first with the
# session-start code: recall 20/24, precision 24/30, 2 of 49 must-not groups hit, 3 values unreadable
# (a headline's verb before its figure, "exceeds 670", read since; the figures did not move).
SESSION9 = {"papua-new-guinea-landslide-2024", "duterte-arrest-2025", "kocani-nightclub-fire-2025",
            "cameroon-election-2025", "jaffar-express-hijacking-2025"}
MUSTNOT9, RECALL9, PRECISION9 = 2, 0.83, 0.8


@pytest.mark.skipif(not DEV.is_dir(), reason="the reading corpus is not in this checkout")
def test_judging_figures_on_dev():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from judging import run, summary

    rows, _ = run("dev")
    _hold(rows, SESSION7, MUSTNOT7, RECALL7, PRECISION7)
    _hold(rows, SESSION9, MUSTNOT9, RECALL9, PRECISION9)
    total = summary([r for r in rows if r["event"] not in SESSION7 | SESSION9], "dev")
    assert total["rescan_added"] == 0
    # The floors measured on the events the detectors were tuned on, held event by event...
    tuned = [r for r in rows if r["event"] in TUNED]
    assert len(tuned) == len(TUNED)
    assert all(r["must_not_flagged"] == 0 for r in tuned)
    assert all(r["unreadable"] == 0 for r in tuned)  # year-less dates are read against their source's date
    found, must = sum(r["found"] for r in tuned), sum(r["must_flag"] for r in tuned)
    correct, shown = sum(r["correct"] for r in tuned), sum(r["disagreements"] for r in tuned)
    assert found / must >= 0.69 and correct / shown >= 0.8
    # ...and on the whole split: floors as measured when session 5's dev events (flood, crush,
    # shipwreck, election, arrest, fire) arrived. Raise them as the judge improves.
    assert total["must_not_flagged"] <= MUSTNOT
    assert total["unreadable"] == 0  # 'billions of rupees' is read since session 6
    assert total["recall"] >= RECALL and total["precision"] >= PRECISION


def _hold(rows: list[dict], events: set[str], mustnot: int, recall: float, precision: float) -> None:
    """A group of events held to its own floors, as first measured."""
    new = [r for r in rows if r["event"] in events]
    assert len(new) == len(events)
    assert sum(r["must_not_flagged"] for r in new) <= mustnot
    assert all(r["unreadable"] == 0 for r in new)
    assert sum(r["found"] for r in new) >= recall * sum(r["must_flag"] for r in new)
    assert sum(r["correct"] for r in new) >= precision * sum(r["disagreements"] for r in new)
