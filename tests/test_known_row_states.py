"""Rows bulk_insert writes are hashed from memory for their event (rowstate.inserted): the hashes
must be those `verify` reads back, and a row changed another way afterwards is read back."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from provenance.claims.importer import import_file
from provenance.ledger import events, rowstate
from provenance.ledger.db import open_db
from provenance.ledger.models import Claim, EventRow
from provenance.ledger.verify import row_states

TEXT = (
    "The ministry said on Monday that 1,200 people had died, reportedly including 40 children.\n\n"
    "A spokesman for the army denied that the Northern Front was responsible.\n\n"
    "Only the river authority, officials said, was to blame for the 3.5 metre surge.\n"
)


def _files(folder: Path) -> tuple[str, str]:
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sources.toml").write_text('[[sources]]\nfile = "a.txt"\npublished = "2024-05-06"\n')
    claims = [
        {"source": "1", "quote": "1,200 people had died", "subject": "Flood", "property": "death toll",
         "value": "1,200", "as_of": "2024-05-06T18:40+03:30", "hedge": "reportedly"},
        {"source": "1", "quote": "40 children", "subject": "Flood", "property": "death toll", "value": "40",
         "scope": "children", "cites": "the ministry"},
        {"source": "1", "quote": "denied that the Northern Front was responsible", "subject": "Flood",
         "property": "responsible party", "value": "Northern Front", "speaker": "army spokesman", "denies": True},
        {"source": "1", "quote": "Only the river authority", "subject": "Flood", "property": "responsible party",
         "value": "river authority", "exclusive": True, "as_of": "May 2024"},
    ]  # fmt: skip
    entities = [{"name": n} for n in ("Flood", "army spokesman", "Northern Front", "river authority")]
    (folder / "claims.json").write_text(json.dumps({"entities": entities, "claims": claims}), encoding="utf-8")
    return str(folder / "sources.toml"), str(folder / "claims.json")


def test_imported_rows_hashed_from_memory_match_what_is_read_back(cli, tmp_path):
    sources, claims = _files(tmp_path)
    cli("properties", "add", "death toll", "--type", "quantity", "--running-count")
    cli("properties", "add", "responsible party", "--type", "entity", "--single-value")
    cli("import", sources)
    db = open_db(str(cli.db))
    try:
        with db.session() as s:
            result = import_file(s, claims)
            assert result.created["claims"] == 4
            known = rowstate.known(s)
            assert {("claims", i) for i in result.claim_ids} <= known.keys()  # hashed without reading back
            assert all(known["claims", i][1]["spans"] for i in result.claim_ids)  # with their spans
        with db.session(readonly=True) as s:
            assert row_states(s) == []
            recorded = dict(s.execute(select(EventRow.row_id, EventRow.hash).where(EventRow.tbl == "claims")).all())
            read_back = dict(rowstate.current(s.connection(), "claims", result.claim_ids))
            assert all(recorded[i] == read_back[i] for i in result.claim_ids)
    finally:
        db.close()
    assert "every row's recorded state check out" in cli("verify").stdout


def test_a_known_row_changed_another_way_is_read_back(cli, tmp_path):
    sources, claims = _files(tmp_path)
    cli("properties", "add", "death toll", "--type", "quantity", "--running-count")
    cli("properties", "add", "responsible party", "--type", "entity", "--single-value")
    cli("import", sources)
    db = open_db(str(cli.db))
    try:
        with db.session() as s:
            result = import_file(s, claims)
            first = result.claim_ids[0]
            claim = s.get(Claim, first)
            assert claim is not None
            claim.hedge = "according to officials"
            s.flush()
            assert ("claims", first) not in rowstate.known(s)
            assert ("claims", result.claim_ids[1]) in rowstate.known(s)
            events.record(s, "claim.edit", f"claim:{first}")
        with db.session(readonly=True) as s:
            assert row_states(s) == []
    finally:
        db.close()
    assert "every row's recorded state check out" in cli("verify").stdout


def test_an_added_source_is_hashed_from_memory_as_verify_reads_it(cli, tmp_path):
    """add_source writes its new row through bulk_insert and hashes it from memory,
    metadata, dates and defaults included: the recorded hash is the one read back."""
    from provenance.ingest.sources import SourceMeta, add_source
    from provenance.ledger.models import Source

    cli("db", "init")  # a migrated ledger
    meta = SourceMeta(title="Flood", outlet="Wire", published=__import__("datetime").date(2024, 5, 6))
    db = open_db(str(cli.db))
    try:
        with db.session() as s:
            added = add_source(s, TEXT.encode(), "a.txt", meta)
            sid = added.source.id
            assert ("sources", sid) in rowstate.known(s)  # not read back
        with db.session(readonly=True) as s:
            assert row_states(s) == []
            recorded = s.scalar(select(EventRow.hash).where(EventRow.tbl == "sources", EventRow.row_id == sid))
            assert recorded == dict(rowstate.current(s.connection(), "sources", [sid]))[sid]
            assert s.get(Source, sid).reliability == "F"  # a default the ORM filled in
    finally:
        db.close()
    assert "every row's recorded state check out" in cli("verify").stdout
