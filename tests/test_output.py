"""List output: one option set (--json, --nl, --csv, --tsv, else a table) and one writer."""

import json
import re
import subprocess
import sys

import pytest
from test_cli import setup_ledger


@pytest.fixture
def two_claims(cli, article):
    setup_ledger(cli, article)
    cli("claims", "add", "1", "--quote", "12 people died", "--subject", "the blast",
        "--property", "death toll", "--value", "12", "--speaker", "Officials", "--new-entities")
    cli("claims", "add", "1", "--quote", "the toll was 40", "--subject", "the blast",
        "--property", "death toll", "--value", "40", "--speaker", 'the "city" hospital', "--new-entities")
    return cli


def test_csv_is_the_table_columns_plainly(two_claims):
    assert two_claims("claims", "list", "--csv").stdout == (
        "id,src,subject,property,value,speaker,as of,status\n"
        "1,1,Blast,death toll,12,Officials,2024-05-04,accepted\n"
        '2,1,Blast,death toll,40,"the ""city"" hospital",2024-05-04,accepted\n'
    )


def test_tsv(two_claims):
    assert two_claims("entities", "list", "--tsv").stdout == (
        "id\tname\tkind\tside\taliases\n"
        "1\tBlast\t\t\tthe blast\n"
        "2\tOfficials\t\t\t\n"
        '3\tthe "city" hospital\t\t\t\n'
    )


def test_nl_is_one_json_object_a_line_same_as_json(two_claims):
    lines = two_claims("claims", "list", "--nl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == two_claims.json("claims", "list")
    assert lines[0].startswith('{"id": 1, "source_id": 1, "article": ')


def test_csv_cells_are_made_inert(cli, tmp_path):
    cli("entities", "add", "Evil\x1b[31mRed", "--alias", "a\tb")
    out = cli("entities", "list", "--csv").stdout
    assert "\x1b" not in out
    assert out == "id,name,kind,side,aliases\n1,Evil⟨U+001B⟩[31mRed,,,a\tb\n"
    assert cli("entities", "list", "--tsv").stdout.splitlines()[1] == "1\tEvil⟨U+001B⟩[31mRed\t\t\ta b"


def test_one_format_at_a_time(two_claims):
    r = two_claims("claims", "list", "--json", "--csv", ok=False)
    assert r.exit_code == 2 and "choose one of --json, --nl, --csv and --tsv" in r.stderr


@pytest.mark.parametrize("args", [
    ("sources", "list"), ("claims", "list"), ("entities", "list"), ("properties", "list"), ("rules", "list"),
    ("conflicts", "list"), ("candidates", "list"), ("review",), ("contested",), ("sources", "segments", "1"),
    ("sources", "copies", "1"),
])
def test_every_list_speaks_every_format(demo, args):
    rows = demo.json(*args)
    assert [json.loads(line) for line in demo(*args, "--nl").stdout.splitlines()] == rows
    csv_lines = demo(*args, "--csv").stdout.splitlines()
    tsv_lines = demo(*args, "--tsv").stdout.splitlines()
    assert csv_lines[0] == tsv_lines[0].replace("\t", ",")  # the same header
    assert len(tsv_lines) == len(rows) + 1


def test_table_piped_keeps_every_row_on_one_line(demo):
    """Through a real pipe into grep: no cell folded, no trailing spaces, whatever the width."""
    import os

    claims = demo.json("claims", "list")
    env = {**os.environ, "COLUMNS": "40"}
    lister = subprocess.Popen([sys.executable, "-m", "provenance", "--db", str(demo.db), "claims", "list"],
                              stdout=subprocess.PIPE, env=env)
    rows = subprocess.run(["grep", "-E", "^[0-9]+ "], stdin=lister.stdout, capture_output=True, text=True,
                          check=True).stdout.splitlines()
    assert lister.wait() == 0
    assert len(rows) == len(claims)
    for c, row in zip(claims, rows, strict=True):
        assert re.fullmatch(rf"{c['id']}\s+{c['source_id']}\s+{re.escape(c['subject'])}\s+"
                            rf"{re.escape(c['property'])}\s+.*\s{c['status']}", row), row
