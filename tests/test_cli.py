"""The CLI end to end on real SQLite files: happy paths and every kind of bad input."""

import json

import pytest


def setup_ledger(cli, article):
    cli("sources", "add", str(article), "--outlet", "Daily Test", "--published", "2024-05-04")
    cli("entities", "add", "Blast", "--alias", "the blast")
    cli("properties", "add", "death toll", "--type", "quantity", "--running-count")


def test_sources_add_list_show(cli, article):
    r = cli("sources", "add", str(article), "--title", "Blast report", "--published", "2024-05-04")
    sha = __import__("hashlib").sha256(article.read_bytes()).hexdigest()
    assert r.stdout == f"{article}: added as source 1 (sha256 {sha[:12]})\n"
    again = cli.json("sources", "add", str(article))
    assert again == [{**again[0], "id": 1, "sha256": sha, "existed": True}]
    listed = cli.json("sources", "list")
    assert [(s["id"], s["title"], s["published"], s["claims"]) for s in listed] == [
        (1, "Blast report", "2024-05-04", 0)]
    shown = cli.json("sources", "show", "1")
    assert shown["text"] == article.read_text(encoding="utf-8")
    assert "Blast report" in cli("sources", "show", "1").stdout


def test_source_text_is_stored_exactly_bom_dropped_crlf_kept(cli, tmp_path):
    p = tmp_path / "crlf.md"
    p.write_bytes(b"\xef\xbb\xbf# Title\r\nLine with \xe2\x80\x9ccurly\xe2\x80\x9d quotes.\r\n")
    cli("sources", "add", str(p))
    shown = cli.json("sources", "show", "1")
    assert shown["text"] == "# Title\r\nLine with “curly” quotes.\r\n"
    assert shown["media_type"] == "text/markdown" and shown["title"] == "Title"


def test_stdin_source(cli):
    r = cli("sources", "add", "-", "--json", input="Text from a pipe.\n")
    assert json.loads(r.stdout)[0]["id"] == 1


def test_claims_add_list_show_edit_reject(cli, article):
    setup_ledger(cli, article)
    r = cli("claims", "add", "1", "--quote", "12 people died", "--subject", "the blast",
            "--property", "death toll", "--value", "12", "--speaker", "Officials", "--new-entities")
    assert r.stdout == "claim 1: source 1 [15:29]\n"
    claims = cli.json("claims", "list")
    assert claims == [{
        "id": 1, "source_id": 1, "article": "Officials said 12 people died in the blast on Monday.",
        "subject": "Blast", "property": "death toll",
        "value": {"type": "quantity", "low": 12, "high": 12, "low_inclusive": True,
                  "high_inclusive": True, "approximate": False, "unit": None},
        "value_text": "12", "polarity": "asserts", "speaker": "Officials", "as_of": "2024-05-04",
        "hedge": None, "scope": None, "cites": None, "status": "accepted", "reason": None,
        "quote": "12 people died", "start": 15, "end": 29, "page": None,
    }]
    shown = cli("claims", "show", "1").stdout
    assert "Officials said 12 people died in the blast" in shown
    cli("claims", "edit", "1", "--hedge", "reportedly")
    assert cli.json("claims", "show", "1")["hedge"] == "reportedly"
    cli("claims", "reject", "1", "--reason", "wrong paragraph")
    rejected = cli.json("claims", "list", "--status", "rejected")
    assert [(c["id"], c["reason"]) for c in rejected] == [(1, "wrong paragraph")]
    assert cli.json("claims", "list", "--status", "accepted") == []


def test_entities_aliases_and_merge(cli):
    cli("entities", "add", "Islamic State Khorasan Province", "--alias", "IS-K")
    cli("entities", "add", "ISKP")
    r = cli("entities", "merge", "is-k", "ISKP")
    assert r.stdout == "entity 1: Islamic State Khorasan Province now includes ISKP\n"
    cli("entities", "alias", "ISKP", "ISIS–K")  # en dash: folded, so "ISIS-K" finds it too
    ents = cli.json("entities", "list")
    assert ents == [{"id": 1, "name": "Islamic State Khorasan Province", "kind": None, "side": None,
                     "aliases": ["IS-K", "ISIS–K", "ISKP"]}]


def test_properties(cli):
    cli("properties", "add", "fighter strength", "--type", "quantity")
    assert [p["name"] for p in cli.json("properties", "list")] == ["fighter strength"]


def test_db_commands(cli):
    from provenance.ledger.db import head_revisions

    (head,) = head_revisions()
    assert cli("db", "path").stdout == f"sqlite:///{cli.db.resolve()}\n"
    cli("db", "init")
    assert cli("db", "current").stdout == f"{head}\n"
    assert cli("db", "check").stdout == f"up to date at revision {head}\n"
    assert cli("db", "downgrade", "0001").stdout == "at revision 0001\n"
    assert cli("db", "downgrade", "base").stdout == "at revision none\n"
    r = cli("db", "check", ok=False)
    assert r.exit_code == 6 and "run `provenance db upgrade`" in r.stderr
    assert cli("db", "upgrade").stdout == f"at revision {head}\n"


def test_a_local_sqlite_ledger_is_still_migrated_on_first_use(cli, article):
    from provenance.ledger.db import head_revisions

    cli("sources", "add", str(article))
    cli("db", "downgrade", "0002")
    assert cli.json("sources", "list")[0]["id"] == 1
    assert cli("db", "current").stdout == f"{', '.join(sorted(head_revisions()))}\n"


def test_environment_variable_names_the_database(tmp_path, monkeypatch, article):
    from click.testing import CliRunner

    from provenance.cli import main

    monkeypatch.setenv("PROVENANCE_DB", str(tmp_path / "env.db"))
    r = CliRunner().invoke(main, ["sources", "add", str(article)])
    assert r.exit_code == 0 and (tmp_path / "env.db").exists()


def test_import_file(cli, tmp_path, article):
    f = tmp_path / "claims.toml"
    f.write_text(f'''
[[entities]]
name = "Blast"
[[properties]]
name = "death toll"
type = "quantity"
running_count = true
[[sources]]
key = "a"
file = "{article.name}"
published = "2024-05-04"
[[claims]]
source = "a"
quote = "the toll was 40"
subject = "Blast"
property = "death toll"
value = "40"
''', encoding="utf-8")
    r = cli("import", str(f))
    assert r.stdout == "imported 1 entities, 1 properties, 1 sources, 1 claims; 0 new conflict(s)\n"
    r = cli("import", str(f))
    assert r.stdout == "imported nothing new (4 already there); 0 new conflict(s)\n"


def test_import_refuses_the_old_candidate_status(cli, tmp_path, article):
    cli("sources", "add", str(article))
    f = tmp_path / "claims.toml"
    f.write_text('''
[[entities]]
name = "Blast"
[[properties]]
name = "death toll"
type = "quantity"
[[claims]]
source = "1"
quote = "the toll was 40"
subject = "Blast"
property = "death toll"
value = "40"
status = "candidate"
''', encoding="utf-8")
    before = cli.snapshot()
    r = cli("import", str(f), ok=False)
    assert r.exit_code != 0 and "status can only be accepted" in r.stderr and len(r.stderr.splitlines()) == 1
    assert cli.snapshot() == before


# ---------------------------------------------------------------------------------------------
# Bad input: one line on stderr, a non-zero exit, no traceback, the database byte-identical.

def _bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me, d\xe9j\xe0 vu".encode("latin-1"))
    (tmp_path / "bad.toml").write_text("[[claims]\nquote = ", encoding="utf-8")
    (tmp_path / "types.toml").write_text('[[claims]]\nsource = "1"\nquote = 5\n', encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    many = "".join(f'[[entities]]\nname = "E{i}"\n' for i in range(2000)) + '[[entities]]\nname = ""\n'
    (tmp_path / "many.toml").write_text(many, encoding="utf-8")
    (tmp_path / "unknown.toml").write_text("[[widgets]]\nname = 'x'\n", encoding="utf-8")


BAD = [
    (["sources", "add", "{tmp}/missing.txt"], 3, "no such file"),
    (["sources", "add", "{tmp}/empty.txt"], 3, "the file is empty"),
    (["sources", "add", "{tmp}/binary.bin"], 3, "binary data"),
    (["sources", "add", "{tmp}/latin1.txt"], 3, "is not UTF-8"),
    (["sources", "add", "{article}", "{tmp}/binary.bin"], 3, "binary data"),  # all or nothing
    (["sources", "add", "{article}", "--published", "May 4"], 3, "YYYY-MM-DD"),
    (["sources", "add", "{article}", "--url", "not a url"], 3, "http(s) URL"),
    (["sources", "show", "99"], 4, "no source with id 99"),
    (["claims", "show", "99"], 4, "no claim with id 99"),
    (["conflicts", "show", "99"], 4, "no conflict with id 99"),
    (["claims", "add", "99", "--quote", "x", "--subject", "Blast", "--property", "death toll", "--value", "1"], 4, "no source"),
    (["claims", "add", "1", "--quote", "12 people died", "--subject", "Blast", "--property", "death toll", "--value", "lots"], 3, "is not a quantity"),
    (["claims", "add", "1", "--quote", "12 people died", "--subject", "Blast", "--property", "death toll", "--value", "12", "--as-of", "someday"], 3, "is not a date"),
    (["claims", "add", "1", "--quote", "the moon landing was staged in a studio", "--subject", "Blast", "--property", "death toll", "--value", "1"], 5, "not in the source"),
    (["claims", "add", "1", "--quote", "said", "--subject", "Blast", "--property", "death toll", "--value", "1"], 5, "occurs 2 times"),
    (["claims", "add", "1", "--quote", "12 people died", "--subject", "Nobody", "--property", "death toll", "--value", "1"], 4, "no entity named 'Nobody'"),
    (["claims", "add", "1", "--quote", "12 people died", "--subject", "Blast", "--property", "height", "--value", "1"], 4, "no property named 'height'"),
    (["entities", "add", "the blast"], 3, "already exists"),
    (["properties", "add", "death toll", "--type", "quantity"], 3, "already exists"),
    (["import", "{tmp}/missing.toml"], 3, "no such file"),
    (["import", "{tmp}/bad.toml"], 3, "not valid TOML"),
    (["import", "{tmp}/types.toml"], 3, "claims[1]: field 'quote' must be a str"),
    (["import", "{tmp}/deep.json"], 3, "not valid JSON"),
    (["import", "{tmp}/many.toml"], 3, "entities[2001]: field 'name' is required"),
    (["import", "{tmp}/unknown.toml"], 3, "unknown section(s) widgets"),
    (["import", "{tmp}/binary.bin"], 3, "not UTF-8"),
]


@pytest.mark.parametrize("args,code,message", BAD, ids=[" ".join(a[:2]) + f"-{i}" for i, (a, _, _) in enumerate(BAD)])
def test_bad_input(cli, article, tmp_path, args, code, message):
    setup_ledger(cli, article)
    _bad_files(tmp_path)
    before = cli.snapshot()
    args = [a.format(tmp=tmp_path, article=article) for a in args]
    r = cli(*args, ok=False)
    assert r.exit_code == code, (r.stdout, r.stderr)
    assert r.stdout == ""
    assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1, r.stderr
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    assert cli.snapshot() == before


def test_a_file_that_is_not_a_database(tmp_path):
    from click.testing import CliRunner

    from provenance.cli import main

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    before = junk.read_bytes()
    r = CliRunner().invoke(main, ["--db", str(junk), "sources", "list"])
    assert r.exit_code == 6 and r.stderr.count("\n") == 1 and "not a usable database" in r.stderr
    assert junk.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused(cli):
    import sqlite3

    cli("db", "init")
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.commit()
    conn.close()
    before = cli.snapshot()
    r = cli("sources", "list", ok=False)
    assert r.exit_code == 6 and "newer version" in r.stderr
    assert cli.snapshot() == before
