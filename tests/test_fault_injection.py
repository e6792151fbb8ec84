"""Fault injection: hundreds of bad inputs across the commands. Every one is refused with an error
line and a non-zero exit, never a traceback or an "unexpected" error, and leaves the ledger's
content exactly as it was."""

from __future__ import annotations

import itertools
import os
import sqlite3

import pytest

BAD_IDS = ["0", "-1", "99999999999999999999", "2147483648", "9223372036854775808", "abc", "", " ",
           "1e3", "1.5", "0x10", "99999", "NaN", "1 2",
           "1_000_000_000_000", "-99999999999999999999"]
ID_COMMANDS = [("claims", "show"), ("claims", "reject", "{id}", "--reason", "x"), ("conflicts", "show"),
               ("conflicts", "confirm"), ("conflicts", "dismiss"), ("conflicts", "resolve"),
               ("conflicts", "reopen"), ("candidates", "show"), ("candidates", "accept"),
               ("candidates", "reject"), ("sources", "show"), ("sources", "copies"),
               ("sources", "segments"), ("sources", "grade", "{id}", "A"), ("extract",),
               ("sources", "diff", "1", "{id}"), ("claims", "edit", "{id}", "--value", "5"),
               ("sources", "split", "{id}", "--at", "3")]
BAD_FILES = ["/dev/zero", "/dev/null", "{fifo}", "{folder}", "", "{missing}", "{binary}", "{nul}",
             "{empty}", "{blank}", "{latin1}", "{bad_utf16}", "/etc", "{link_to_dev}"]
BAD_IMPORTS = ["{outside}", "{bad_toml}", "{bad_json}", "{wrong_section}", "{bad_claim}", "{no_file}",
               "{bad_date}", "{bad_grade}", "{list_top}", "{abs_outside}"]
BAD_DATES = ["2024-13-01", "yesterday", "2024-02-30", "99999-01-01", "-", "2024/05/01", "0000-00-00"]
BAD_DB = ["mysql://u@h/d", "sqlite://", ":memory:", "sqlite:///:memory:", "{missing}/x.db",
          "{textfile}", "{other_app}", "oracle://x", "{folder}", "{empty}"]
READS = [("sources", "list"), ("claims", "list"), ("conflicts", "list"), ("contested",), ("report",),
         ("verify",), ("entities", "list"), ("db", "current")]
CLAIM_ARGS = dict(source="1", quote="The army said", subject="Pakistan", property="fighter strength",
                  value="5")
BAD_CLAIMS = [("quote", "words that appear nowhere in any article at all"), ("quote", ""),
              ("subject", "Nobody Known"), ("subject", ""), ("property", "no such property"),
              ("value", ""), ("value", "lots and lots"), ("source", "99999999999999999999"),
              ("source", "zzzz"), ("source", ""), ("as_of", "the year of the dragon")]
BAD_OUTPUTS = ["{db}", "{db}-wal", "{db}-shm", "{folder}", "{source_file}", "{missing}/r.md", "",
               "{other_app}"]


@pytest.fixture
def files(tmp_path):
    f = {"fifo": tmp_path / "fifo", "folder": tmp_path / "folder", "missing": tmp_path / "missing",
         "binary": tmp_path / "bin.dat", "nul": tmp_path / "nul.txt", "empty": tmp_path / "empty.txt",
         "blank": tmp_path / "blank.txt", "latin1": tmp_path / "latin1.txt",
         "bad_utf16": tmp_path / "bad16.txt", "link_to_dev": tmp_path / "zero-link",
         "textfile": tmp_path / "notes.txt", "other_app": tmp_path / "other.sqlite"}
    os.mkfifo(f["fifo"])
    f["folder"].mkdir()
    f["binary"].write_bytes(bytes(range(256)) * 50)
    f["nul"].write_bytes(b"some text" + b"\x00" * 10 + b"more text" * 10_000)
    f["empty"].write_bytes(b"")
    f["blank"].write_text(" \n\t\n")
    f["latin1"].write_bytes("caf\xe9 cr\xe8me, 80 people".encode("latin-1"))
    f["bad_utf16"].write_bytes(b"\xff\xfeA\x00\x00\xd8")
    f["link_to_dev"].symlink_to("/dev/zero")
    f["textfile"].write_text("not a database at all\n" * 100)
    conn = sqlite3.connect(f["other_app"])
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    imports = {
        "outside": 'format = "provenance-import/1"\n[[sources]]\nfile = "../../../../etc/passwd"\n',
        "abs_outside": 'format = "provenance-import/1"\n[[sources]]\nfile = "/etc/hostname"\n',
        "bad_toml": "[[sources]\nfile = ",
        "wrong_section": 'format = "provenance-import/1"\n[[weapons]]\nname = "x"\n',
        "bad_claim": 'format = "provenance-import/1"\n[[claims]]\nsource = "1"\nquote = "nowhere at all"\n',
        "no_file": 'format = "provenance-import/1"\n[[sources]]\nfile = "missing.txt"\n',
        "bad_date": 'format = "provenance-import/1"\n[[sources]]\nfile = "a.txt"\npublished = "soon"\n',
        "bad_grade": 'format = "provenance-import/1"\n[[sources]]\nfile = "a.txt"\nreliability = "Z"\n',
    }
    for name, body in imports.items():
        (tmp_path / f"{name}.toml").write_text(body)
        f[name] = tmp_path / f"{name}.toml"
    (tmp_path / "a.txt").write_text("An article about 80 people.\n")
    f["bad_json"] = tmp_path / "bad.json"
    f["bad_json"].write_text("{not json")
    f["list_top"] = tmp_path / "list.json"
    f["list_top"].write_text("[1, 2, 3]")
    return {k: str(v) for k, v in f.items()}


def content(db) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def refused(cli, *args, db_option=None):
    before = content(cli.db)
    if db_option is None:
        r = cli(*args, ok=False)
    else:
        r = cli.runner.invoke(__import__("provenance.cli", fromlist=["main"]).main,
                              ["--db", db_option, *args])
    err = r.stderr
    assert r.exit_code not in (0, 1) or "Error:" in err, (args, r.exit_code, err)
    assert r.exit_code != 0, (args, r.stdout)
    assert "Traceback" not in err and "unexpected" not in err, (args, err)
    assert err.rstrip("\n").splitlines()[-1].startswith("Error: "), (args, err)
    assert content(cli.db) == before, args
    return r


@pytest.mark.parametrize("command,bad", list(itertools.product(ID_COMMANDS, BAD_IDS)))
def test_bad_ids(demo, command, bad):
    args = [a.replace("{id}", bad) for a in command] if "{id}" in command else [*command, bad]
    refused(demo, *args)


@pytest.mark.parametrize("bad", BAD_FILES)
@pytest.mark.parametrize("how", [(), ("--title", "t"), ("--extract",)])
def test_bad_source_files(demo, files, bad, how):
    refused(demo, "sources", "add", bad.format(**files), *how)


@pytest.mark.parametrize("bad", BAD_FILES + BAD_IMPORTS)
def test_bad_import_files(demo, files, bad):
    refused(demo, "import", bad.format(**files))


@pytest.mark.parametrize("option", ["--published", "--captured"])
@pytest.mark.parametrize("bad", BAD_DATES)
def test_bad_dates(demo, files, option, bad):
    refused(demo, "sources", "add", files["binary"].replace("bin.dat", "a.txt"), option, bad)


@pytest.mark.parametrize("option,bad", [("--reliability", g) for g in ("Z", "AA", "1", "")] +
                         [("--url", u) for u in ("ftp://x/y", "javascript:alert(1)", "http://", "not a url",
                                                 "http://exa mple.org")] +
                         [("--version-of", v) for v in ("0", "99999999999999999999", "abc", "-5")])
def test_bad_source_options(demo, files, option, bad):
    refused(demo, "sources", "add", files["binary"].replace("bin.dat", "a.txt"), option, bad)


@pytest.mark.parametrize("field,bad", BAD_CLAIMS)
def test_bad_claims(demo, field, bad):
    args = {**CLAIM_ARGS, field: bad}
    opts = [x for k, v in args.items() if k != "source" for x in (f"--{k.replace('_', '-')}", v)]
    refused(demo, "claims", "add", args["source"], *opts)


@pytest.mark.parametrize("bad", BAD_DB)
@pytest.mark.parametrize("command", READS)
def test_bad_databases(demo, files, bad, command):
    path = bad.format(**files)
    snapshot = {p: open(p, "rb").read() for p in (files["textfile"], files["other_app"], files["empty"])}
    refused(demo, *command, db_option=path)
    assert {p: open(p, "rb").read() for p in snapshot} == snapshot  # refused files left byte for byte
    assert not os.path.exists(files["missing"])  # a mistyped path is not created by a read


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
@pytest.mark.parametrize("bad", BAD_OUTPUTS)
def test_bad_report_outputs(demo, files, tmp_path, fmt, bad):
    source_file = tmp_path / "a.txt"
    demo("sources", "add", str(source_file))
    refused(demo, "report", "--format", fmt, "-o",
            bad.format(db=demo.db, source_file=source_file, **files))


@pytest.mark.parametrize("bad", ["nonsense", "zz", "", "9999", "-1", "head+5"])
@pytest.mark.parametrize("step", ["upgrade", "downgrade"])
def test_bad_revisions(demo, step, bad):
    refused(demo, "db", step, bad)


@pytest.mark.parametrize("name", ["", " ", "\t"])
@pytest.mark.parametrize("command", [("entities", "add"), ("properties", "add", "{n}", "--type", "quantity"),
                                     ("entities", "alias", "Pakistan"), ("entities", "alias", "{n}", "x")])
def test_empty_names(demo, name, command):
    args = [a.replace("{n}", name) for a in command] if "{n}" in command else [*command, name]
    refused(demo, *args)


# -- moving and keeping the ledger: db copy, db backup, db restore, and the shared limits ---------

BAD_COPY_TARGETS = ["mysql://u@h/d", "sqlite://", ":memory:", "sqlite:///:memory:", "{missing}/x.db",
                    "{textfile}", "{other_app}", "{folder}", "{db}", "{full}", "oracle://x", "",
                    "postgresql://nobody@127.0.0.1:1/none"]
BAD_BACKUP_OUTPUTS = ["{db}", "{db}-wal", "{db}-shm", "{folder}", "{missing}/b.db", "", "{other_app}", "{full}"]
BAD_BACKUPS = ["{missing}", "{textfile}", "{other_app}", "{folder}", "", "{tampered}", "{db}", "/dev/zero",
               "{fifo}", "{empty}", "{binary}"]
TOO_LONG = [("sources", "add", "{a}", "--outlet", "o" * 201), ("sources", "add", "{a}", "--title", "t" * 1001),
            ("sources", "add", "{a}", "--author", "a" * 201), ("sources", "add", "{a}", "--title", "x\x00y"),
            ("sources", "add", "{a}", "--outlet", "\x00"), ("entities", "add", "e" * 301),
            ("entities", "add", "nul\x00name"), ("properties", "add", "p" * 301, "--type", "quantity"),
            ("properties", "add", "x", "--type", "quantity", "--unit", "u" * 65),
            ("conflicts", "confirm", "1", "--note", "a\x00b"), ("sources", "edit", "1", "--outlet", "o" * 201),
            ("sources", "edit", "1", "--title", "\x00"), ("entities", "alias", "Pakistan", "a" * 301),
            ("claims", "reject", "1", "--reason", "r\x00"),
            ("claims", "add", "1", "--quote", "foreign fighters", "--occurrence", "1", "--subject", "Pakistan", "--property",
             "fighter strength", "--value", "5", "--scope", "s" * 301),
            ("claims", "add", "1", "--quote", "foreign fighters", "--occurrence", "1", "--subject", "Pakistan", "--property",
             "fighter strength", "--value", "5", "--hedge", "h\x00"),
            ("rules", "add", "r" * 201, "--left", "fighter strength", "--right", "fighter strength",
             "--rationale", "x")]


@pytest.fixture
def moves(files, demo, tmp_path):
    """A full ledger to refuse as a target, and a backup whose source text was altered."""
    import shutil

    full = tmp_path / "full.db"
    shutil.copy(demo.db, full)
    tampered = tmp_path / "tampered.db"
    demo("db", "backup", str(tampered))
    conn = sqlite3.connect(tampered)
    conn.execute("UPDATE sources SET text = replace(text, 'e', 'E') WHERE id = 1")
    conn.commit()
    conn.close()
    return {**files, "full": str(full), "tampered": str(tampered), "db": str(demo.db)}


@pytest.mark.parametrize("bad", BAD_COPY_TARGETS)
def test_bad_copy_targets(demo, moves, bad):
    target = bad.format(**moves)
    kept = {p: open(p, "rb").read() for p in (moves["textfile"], moves["other_app"], moves["full"])}
    refused(demo, "db", "copy", "--to", target)
    assert {p: open(p, "rb").read() for p in kept} == kept
    assert not os.path.exists(moves["missing"])


@pytest.mark.parametrize("bad", BAD_BACKUP_OUTPUTS)
def test_bad_backup_outputs(demo, moves, bad):
    kept = {p: open(p, "rb").read() for p in (moves["other_app"], moves["full"])}
    refused(demo, "db", "backup", bad.format(**moves))
    assert {p: open(p, "rb").read() for p in kept} == kept


@pytest.mark.parametrize("force", [(), ("--force",)])
@pytest.mark.parametrize("bad", BAD_BACKUPS)
def test_bad_restores(demo, moves, bad, force):
    refused(demo, "db", "restore", bad.format(**moves), *force)


def test_restore_over_a_ledger_with_data_needs_force(demo, tmp_path):
    demo("db", "backup", str(tmp_path / "b.db"))
    r = refused(demo, "db", "restore", str(tmp_path / "b.db"))
    assert "--force" in r.stderr


@pytest.mark.parametrize("command", TOO_LONG)
def test_values_no_backend_could_store(demo, files, command):
    r = refused(demo, *[a.replace("{a}", files["binary"].replace("bin.dat", "a.txt")) for a in command])
    assert r.exit_code == 3 and ("the limit is" in r.stderr or "NUL" in r.stderr or "longer than" in r.stderr)
