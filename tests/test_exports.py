"""Standard formats out and in: W3C Web Annotation (round trip, JSON-LD expansion), Hypothesis
exports, schema.org ClaimReview from verdicts, and W3C PROV checked by the `prov` package."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS, Cli

pyld = pytest.importorskip("pyld", reason="JSON-LD checks need PyLD (test extra)")


def export(cli, fmt: str):
    out = cli("export", "--format", fmt).stdout
    return out if fmt == "prov-n" else json.loads(out)


def keys_used(node, found: set) -> set:
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "@context":
                found.add(k)
                keys_used(v, found)
    elif isinstance(node, list):
        for v in node:
            keys_used(v, found)
    return found


# -- W3C Web Annotation ------------------------------------------------------------------------


def test_web_annotation_round_trip_gives_the_same_claims_and_spans(demo, tmp_path):
    collection = export(demo, "web-annotation")
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(demo.json("claims", "list"))
    path = tmp_path / "claims.jsonld"
    path.write_text(json.dumps(collection), encoding="utf-8")

    fresh = Cli(tmp_path / "fresh.db")
    fresh("import", str(SEEDS / "sources.toml"))  # the same captures, nothing else
    r = fresh("import", str(path))
    assert f"{len(items)} claims" in r.stdout
    assert fresh.json("claims", "list") == demo.json("claims", "list")
    def spans(cli):
        return [(c["source_id"], c["start"], c["end"], c["quote"]) for c in cli.json("claims", "list")]

    assert spans(fresh) == spans(demo)
    # Importing it again adds nothing.
    assert "nothing new" in fresh("import", str(path)).stdout


def test_web_annotation_selectors_are_code_points_and_every_term_expands(cli, tmp_path):
    from provenance.claims.annotations import CONTEXT, anno_context
    from provenance.report.exports.web_annotation import expand

    p = tmp_path / "a.txt"
    p.write_text("𝐍𝐨𝐭𝐞 🇵🇰: officials said 12 people died.\n", encoding="utf-8")
    cli("sources", "add", str(p), "--url", "https://example.org/a", "--captured", "2024-05-05")
    cli("properties", "add", "death toll", "--type", "quantity")
    cli("claims", "add", "1", "--quote", "12 people died", "--subject", "blast", "--property", "death toll",
        "--value", "12", "--new-entities")
    doc = export(cli, "web-annotation")
    (a,) = doc["first"]["items"]
    quote, pos = a["target"]["selector"]
    text = p.read_text(encoding="utf-8")
    assert text[pos["start"]:pos["end"]] == quote["exact"] == "12 people died"
    assert pos["start"] == 24 and len(text[:pos["start"]].encode("utf-16-le")) // 2 != 24  # not UTF-16 units
    assert quote["prefix"].endswith("officials said ") and quote["suffix"].startswith(".")
    assert a["target"]["source"] == "https://example.org/a" and a["target"]["state"]["sourceDate"].startswith("2024-05-05")
    assert a["body"]["subject"] == "blast" and a["body"]["value"] == "12" and a["creator"]["type"] == "Person"

    defined = set(anno_context()["@context"]) | set(CONTEXT)
    assert keys_used(doc, set()) <= defined  # no key that JSON-LD expansion would silently drop
    (expanded,) = expand(doc)
    (page,) = expanded["http://www.w3.org/ns/activitystreams#first"]
    (ann,) = page["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    (target,) = ann["http://www.w3.org/ns/oa#hasTarget"]
    selectors = {s["@type"][0]: s for s in target["http://www.w3.org/ns/oa#hasSelector"]}
    start = selectors["http://www.w3.org/ns/oa#TextPositionSelector"]["http://www.w3.org/ns/oa#start"][0]
    assert start == {"@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger", "@value": 24}
    assert ann["@type"] == ["http://www.w3.org/ns/oa#Annotation"]
    assert ann["http://www.w3.org/ns/oa#motivatedBy"] == [{"@id": "http://www.w3.org/ns/oa#describing"}]


def annotation(source: str, exact: str, body: dict, prefix: str = "", suffix: str = "") -> dict:
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "body": {"type": "Claim", **body},
            "target": {"source": source, "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]}}


def test_annotation_import_refuses_ambiguity_and_unknown_sources_changing_nothing(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The toll was 40 on Monday. By Tuesday the toll was 40 again.\n", encoding="utf-8")
    cli("sources", "add", str(p), "--url", "https://example.org/a")
    body = {"subject": "blast", "property": "death toll", "valueType": "quantity", "value": "40"}
    before = cli.snapshot()
    f = tmp_path / "x.jsonld"
    f.write_text(json.dumps(annotation("https://example.org/a", "toll was 40", body)))
    r = cli("import", str(f), ok=False)
    assert r.exit_code == 5 and "annotation 1" in r.stderr and "occurs 2 times" in r.stderr
    f.write_text(json.dumps(annotation("https://example.org/elsewhere", "toll", body)))
    r = cli("import", str(f), ok=False)
    assert r.exit_code == 3 and "not in the ledger" in r.stderr and r.stderr.count("\n") == 1
    assert cli.snapshot() == before
    # Context singles one out: recorded.
    f.write_text(json.dumps(annotation("https://example.org/a", "toll was 40", body, prefix="By Tuesday the ")))
    cli("import", str(f))
    (claim,) = cli.json("claims", "list")
    assert claim["start"] == p.read_text().index("toll was 40", 10) and claim["value_text"] == "40"


def test_a_hypothesis_export_is_read_claims_from_its_text_comments_skipped(cli, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Officials said 12 people died in the blast on Monday.\n", encoding="utf-8")
    cli("sources", "add", str(p), "--url", "https://news.example.org/blast", "--published", "2024-05-04")
    cli("properties", "add", "death toll", "--type", "quantity")
    hyp = {"export_date": "2024-05-06T10:00:00Z", "export_userid": "acct:ana@hypothes.is", "annotations": [
        {"id": "h1", "user": "acct:ana@hypothes.is", "uri": "https://news.example.org/blast",
         "text": "subject: the blast\nproperty: death toll\nvalue: 12\nspeaker: Officials",
         "tags": [], "target": [{"source": "https://news.example.org/blast", "selector": [
             {"type": "TextPositionSelector", "start": 15, "end": 29},
             {"type": "TextQuoteSelector", "exact": "12 people died", "prefix": "Officials said ", "suffix": " in the"}]}]},
        {"id": "h2", "user": "acct:bob@hypothes.is", "uri": "https://news.example.org/blast",
         "text": "Check this against the hospital's figure.", "tags": ["todo"],
         "target": [{"source": "https://news.example.org/blast", "selector": [
             {"type": "TextQuoteSelector", "exact": "on Monday"}]}]},
    ]}
    f = tmp_path / "hypothesis.json"
    f.write_text(json.dumps(hyp))
    r = cli("import", str(f))
    assert "1 claims" in r.stdout and "1 already there" not in r.stdout
    (claim,) = cli.json("claims", "list")
    assert (claim["subject"], claim["speaker"], claim["value_text"], claim["start"]) == ("the blast", "Officials", "12", 15)


# -- ClaimReview -------------------------------------------------------------------------------

SCHEMA_TERMS = {"@context", "@graph", "@type", "claimReviewed", "itemReviewed", "author", "datePublished",
                "text", "appearance", "headline", "url", "publisher", "name", "reviewRating",
                "ratingValue", "bestRating", "worstRating", "alternateName", "reviewBody"}


def test_claimreview_publishes_the_verdicts_given_when_resolving(demo):
    from provenance.report.exports.claimreview import expand

    demo("conflicts", "resolve", "1", "--verdict", "1=mostly-true", "--verdict", "3=false",
         "--note", "The UN counts fighters only")
    doc = export(demo, "claimreview")
    assert doc["@context"] == "https://schema.org"
    reviews = {r["itemReviewed"]["text"]: r for r in doc["@graph"]}
    assert len(reviews) == 2
    false = next(r for r in doc["@graph"] if r["reviewRating"]["alternateName"] == "False")
    assert false["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                                     "alternateName": "False"}
    assert false["itemReviewed"]["@type"] == "Claim" and false["itemReviewed"]["author"]["name"] == "Georgi Asatryan"
    assert false["reviewBody"] == "The UN counts fighters only" and false["author"]["@type"] == "Person"
    assert "between 4,000 and 6,000" in false["claimReviewed"]
    assert keys_used(doc, set()) <= SCHEMA_TERMS
    expanded = expand(doc)
    assert {t for node in expanded for t in node["@type"]} == {"http://schema.org/ClaimReview"}
    assert demo.json("conflicts", "show", "1")["verdicts"][0]["rating"] == "mostly-true"
    # Reopening withdraws the verdicts.
    demo("conflicts", "reopen", "1")
    assert export(demo, "claimreview")["@graph"] == []


def test_a_bad_verdict_is_one_line_and_changes_nothing(demo):
    before = demo.snapshot()
    for args, message in ((["--verdict", "99=true"], "claim 99 is not in conflict 1"),
                          (["--verdict", "1=pants-on-fire"], "not one of false, mostly-false"),
                          (["--verdict", "true"], "write CLAIM=RATING")):
        r = demo("conflicts", "resolve", "1", *args, ok=False)
        assert r.exit_code == 3 and message in r.stderr and r.stderr.count("\n") == 1
    assert demo.snapshot() == before


# -- PROV --------------------------------------------------------------------------------------


def test_prov_export_is_a_valid_prov_document_of_sources_spans_claims_and_decisions(demo):
    from prov.model import ProvDocument

    demo("conflicts", "resolve", "1", "--verdict", "1=true", "--note", "settled")
    text = demo("export", "--format", "prov").stdout
    doc = ProvDocument.deserialize(content=text, format="json")
    assert doc == ProvDocument.deserialize(content=doc.serialize(), format="json")
    records = list(doc.get_records())
    kinds = {type(r).__name__ for r in records}
    assert {"ProvEntity", "ProvActivity", "ProvAgent", "ProvGeneration", "ProvDerivation",
            "ProvAttribution", "ProvAssociation", "ProvUsage"} <= kinds
    claims = demo.json("claims", "list")
    derivations = {(str(r.formal_attributes[0][1]), str(r.formal_attributes[1][1]))
                   for r in records if type(r).__name__ == "ProvDerivation"}
    for c in claims:
        assert any(a.endswith(f"claim/{c['id']}") and "span/" in b for a, b in derivations)
    assert sum(1 for a, b in derivations if "span/" in a and "source/" in b) >= len({(c["source_id"], c["start"]) for c in claims})
    provn = demo("export", "--format", "prov-n").stdout
    assert provn.startswith("document") and provn.rstrip().endswith("endDocument")
    assert "wasAssociatedWith(decision/1, person/" in provn and 'prov:type="prov:SoftwareAgent"' in provn


def test_with_sources_the_collection_round_trips_into_an_empty_ledger(cli, tmp_path):
    from conftest import make_pdf

    from provenance.report.exports.web_annotation import expand

    pdf = make_pdf(tmp_path / "r.pdf", ["Annual report.", "The mission documented 700 killed.", "Annex."])
    cli("sources", "add", str(pdf), "--url", "https://un.example.org/report.pdf", "--reliability", "B")
    cli("properties", "add", "killed", "--type", "quantity")
    cli("claims", "add", "1", "--quote", "700 killed", "--subject", "civilians", "--property", "killed",
        "--value", "700", "--new-entities", "--hedge", "documented")
    out = tmp_path / "all.jsonld"
    cli("export", "--format", "web-annotation", "--with-sources", "-o", str(out))
    expand(json.loads(out.read_text()))  # the embedded captures expand too

    empty = Cli(tmp_path / "empty.db")
    assert "1 sources, 1 claims" in empty("import", str(out)).stdout
    assert empty.json("claims", "list") == cli.json("claims", "list")
    assert empty.json("claims", "list")[0]["page"] == 2
    def strip(source):
        return {k: v for k, v in source.items() if k != "origin"}

    assert [strip(s) for s in empty.json("sources", "list")] == [strip(s) for s in cli.json("sources", "list")]
    # A capture whose text does not have the SHA-256 it states is refused; nothing is imported.
    doc = json.loads(out.read_text())
    doc["captures"][0]["value"] += " (edited)"
    out.write_text(json.dumps(doc))
    other = Cli(tmp_path / "other.db")
    other("db", "init")
    before = other.snapshot()
    r = other("import", str(out), ok=False)
    assert r.exit_code == 3 and "capture 1: its text is missing or does not have the SHA-256" in r.stderr
    assert other.snapshot() == before


def test_a_recaptured_claim_is_annotated_on_its_own_capture(cli, tmp_path):
    v1, v2 = tmp_path / "v1.txt", tmp_path / "v2.txt"
    v1.write_text("BREAKING. Live updates follow.\nOfficials said 12 people died.\n", encoding="utf-8")
    v2.write_text("Officials said 12 people died.\n", encoding="utf-8")  # the quote moves up
    cli("sources", "add", str(v1))
    cli("properties", "add", "death toll", "--type", "quantity")
    cli("claims", "add", "1", "--quote", "12 people died", "--subject", "blast", "--property", "death toll",
        "--value", "12", "--new-entities")
    cli("sources", "add", str(v2), "--version-of", "1")
    (a,) = export(cli, "web-annotation")["first"]["items"]
    quote, pos = a["target"]["selector"]
    assert a["target"]["sha256"] == cli.json("sources", "show", "1")["sha256"]
    assert v1.read_text()[pos["start"]:pos["end"]] == quote["exact"] and pos["start"] == 46
