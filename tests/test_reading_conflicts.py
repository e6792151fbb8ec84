"""Conflicts end to end from extracted claims (issue 11): articles added, `extract`, `review
--accept-above 0.6`, and what `conflicts list` then flags and does not flag. Articles written for
these tests, about made-up places."""

from __future__ import annotations

QUAKE_1 = """Quake toll climbs in Marova

MAROVA — The death toll from the earthquake rose to 233 on Sunday, the interior ministry said.

The disaster is the deadliest in the country since a magnitude-7.1 earthquake in 1979, which took about 1,000 lives.
"""

QUAKE_2 = """Marova earthquake toll passes 500

MAROVA — Officials said the death toll from the magnitude 7.8 earthquake on April 16 has risen to 507.

The quake, which struck late Saturday, also injured more than 4,000 people, according to the latest government tallies.
"""

BLAST_1 = """Twin blasts kill dozens in Sarvan

SARVAN — Twin blasts at a memorial ceremony in Sarvan killed at least 84 people on Wednesday, officials said.

Interior Minister Dara Keshani blamed the US and Israel for the attack.
"""

BLAST_2 = """Washington rejects blame for Sarvan bombing

The United States on Wednesday denied any involvement in the Sarvan bombing. State Department spokesman Tom Reed
said the United States had nothing to do with the attack.

The toll from the Sarvan bombing rose to 95 on Thursday, the health ministry said.
"""

BLAST_3 = """Sarvan toll lowered

The health ministry said on Friday that 60 people were killed in the Sarvan bombing.
"""


def _read(cli, tmp_path, articles: list[tuple[str, str, str]]) -> None:
    """Add each article, extract it and accept what scores 0.6 or more, as a desk works."""
    for n, (text, outlet, published) in enumerate(articles, 1):
        path = tmp_path / f"article{n}.txt"
        path.write_text(text, encoding="utf-8")
        cli("sources", "add", str(path), "--outlet", outlet, "--published", published)
        cli("extract", str(n))
        cli("review", str(n), "--accept-above", "0.6")


def _conflicts(cli) -> list[tuple[str, list[str]]]:
    return [(c["kind"], sorted(k["value_text"] for k in c["claims"])) for c in cli.json("conflicts", "list")]


def test_the_day_an_event_happened_and_an_earlier_event_are_no_rivals_of_a_rising_toll(cli, tmp_path):
    _read(cli, tmp_path, [(QUAKE_1, "Daily One", "2016-04-18"), (QUAKE_2, "Wire Two", "2016-04-20")])
    claims = {(c["property"], c["value_text"]): c for c in cli.json("claims", "list")}
    # "the earthquake on April 16 has risen to 507": April 16 is when the quake struck, not the
    # moment of the count, which is the article's (a later report than Sunday's 233).
    assert claims[("death toll", "507")]["as_of"] == "2016-04-20"
    assert claims[("injured", "more than 4,000")]["as_of"] == "2016-04-20"
    # The 1979 quake's toll and magnitude are background, left for a person to file.
    assert ("death toll", "about 1,000") not in claims and ("magnitude", "7.1") not in claims
    pending = {c["value"] for c in cli.json("candidates", "list", "--status", "pending")}
    assert {"about 1,000", "7.1"} <= pending
    assert _conflicts(cli) == []


def test_a_blame_and_its_denial_meet_whatever_the_country_is_called(cli, tmp_path):
    _read(
        cli,
        tmp_path,
        [
            (BLAST_1, "Daily One", "2024-01-03"),
            (BLAST_2, "Wire Two", "2024-01-04"),
            (BLAST_3, "Third Paper", "2024-01-05"),
        ],
    )
    values = {c["value_text"] for c in cli.json("claims", "list") if c["property"] == "responsibility"}
    assert "United States" in values and "US" not in values
    found = _conflicts(cli)
    assert ("denial", ["United States", "United States"]) in found
    # A rise (84 on Wednesday, 95 on Thursday) is an update; a later, lower figure is flagged.
    assert not any(kind in ("decrease", "numeric", "same_day") and "60" not in vs for kind, vs in found)
    assert ("decrease", ["60", "95"]) in found
