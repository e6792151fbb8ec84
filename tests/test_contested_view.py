"""`contested` means contested: compatible answers are one answer with their precisions, agreement
is not listed, a change over time says so with both dates, vague amounts read as written."""

TEXTS = [
    "Thousands of people marched in Velm on Sunday, organisers said.",
    "About 2,000 people marched in Velm on Sunday, police said.",
    "Some 2,000 marchers filled the square in Velm on Sunday.",
    "Only 50 people took part in the Velm march, the interior ministry said.",
]


def _ledger(cli, tmp_path):
    for n, body in enumerate(TEXTS, 1):
        f = tmp_path / f"m{n}.txt"
        f.write_text(body, encoding="utf-8")
        cli("sources", "add", str(f), "--published", f"2024-06-0{n}")
    cli("properties", "add", "marchers", "--type", "quantity")
    for source, quote, value in ((1, "Thousands of people", "thousands"), (2, "About 2,000 people", "about 2,000"),
                                 (3, "Some 2,000 marchers", "2,000")):
        cli("claims", "add", str(source), "--quote", quote, "--subject", "Velm march", "--property", "marchers",
            "--value", value, "--as-of", "2024-06-02", "--new-entities")


def test_answers_that_all_agree_are_not_contested(cli, tmp_path):
    _ledger(cli, tmp_path)
    assert cli.json("contested") == []
    assert "no contested questions" in cli("contested").stdout
    assert "Velm march" not in cli("report").stdout


def test_compatible_answers_are_one_answer_and_vague_amounts_read_as_written(cli, tmp_path):
    _ledger(cli, tmp_path)
    cli("claims", "add", "4", "--quote", "Only 50 people", "--subject", "Velm march", "--property", "marchers",
        "--value", "50", "--as-of", "2024-06-02")
    (q,) = cli.json("contested")
    assert len(q["answers"]) == 2
    many = next(a for a in q["answers"] if "thousands" in a["precisions"])
    assert sorted(many["precisions"]) == ["2,000", "about 2,000", "thousands"]
    assert many["value_shown"] == "thousands / about 2,000 / 2,000"
    # The interval is there for programs, never in what a person reads.
    assert many["value"]["type"] == "quantity" and many["value"]["low"] >= 1000
    shown = cli("contested").stdout + cli("report").stdout
    assert "thousands" in shown and "1,000,000" not in shown and "2,000–1" not in shown


def test_a_change_over_time_is_labelled_with_both_dates(cli, tmp_path):
    for n, body in enumerate(["In 2019 the rebels were said to be defeated.", "By 2024 the rebels had regrouped."], 1):
        f = tmp_path / f"r{n}.txt"
        f.write_text(body, encoding="utf-8")
        cli("sources", "add", str(f))
    cli("properties", "add", "defeated", "--type", "boolean")
    cli("claims", "add", "1", "--quote", "the rebels were said to be defeated", "--subject", "rebels",
        "--property", "defeated", "--value", "yes", "--as-of", "2019", "--new-entities")
    cli("claims", "add", "2", "--quote", "the rebels had regrouped", "--subject", "rebels",
        "--property", "defeated", "--value", "no", "--as-of", "2024")
    (q,) = cli.json("contested")
    assert q["kinds"] == [] and cli.json("conflicts", "list") == []
    (change,) = q["changed_over_time"]
    assert (change["label"], change["from"], change["to"]) == ("changed over time", "2019", "2024")
    assert "changed over time: answer 1 (2019) → answer 2 (2024)" in cli("contested").stdout
    assert "changed over time" in cli("report").stdout
