"""Web pages, links and PDFs in: extraction, fetching from a loopback server, page numbers,
re-captures, and a clear line (with the database untouched) for every way they can fail."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from conftest import make_pdf

from provenance.errors import InputError
from provenance.ingest.fetch import fetch

PAGES = Path(__file__).resolve().parent / "pages"
V1 = PAGES / "peshawar_v1.html"
V2 = PAGES / "peshawar_v2.html"
CANONICAL = "https://news.example.org/asia/2023/01/30/peshawar-mosque-blast"
BOILERPLATE = ("cookies", "Subscribe", "Most read", "reader42", "my cousin", "Share on", "All rights",
               "Related", "Who are the Pakistani Taliban", "dataLayer", "<p>", "&ldquo;")

pytest.importorskip("trafilatura", reason="web pages need the web extra")


REPORT = [
    "Protection of Civilians in Armed Conflict. Annual Report 2022.",
    "Between 1 January and 31 December 2022 the mission documented 2,106 civilian casualties "
    "(700 killed and 1,406 injured). Improvised explosive devices caused most of them.",
    "The mission attributes the majority of civilian casualties to attacks claimed by the group.",
]


def props(cli, *names, kind="quantity"):
    for name in names:
        cli("properties", "add", name, "--type", kind)


def test_a_web_page_gives_its_article_and_metadata(cli):
    r = cli("sources", "add", str(V1), "--json")
    (src,) = __import__("json").loads(r.stdout)
    assert src["title"] == "Suicide bomber kills dozens at mosque in Pakistan police compound"
    assert (src["outlet"], src["author"], src["published"]) == ("The Daily Example", "Asif Khan", "2023-01-30")
    assert src["url"] == CANONICAL and src["media_type"] == "text/html"
    shown = cli.json("sources", "show", "1")
    assert shown["text"].startswith("Suicide bomber kills dozens")
    assert "killing at least 32 people and wounding 147 others" in shown["text"]
    for junk in BOILERPLATE:
        assert junk not in shown["text"], junk
    assert shown["original"]["media_type"] == "text/html" and shown["original"]["size"] == V1.stat().st_size
    assert shown["original"]["extractor"].startswith("trafilatura")
    # A quote with the page's typographic quotes anchors exactly in the stored text.
    props(cli, "threat", kind="text")
    cli("claims", "add", "1", "--quote", "“full force of the state”", "--subject", "bombers",
        "--property", "threat", "--value", "full force of the state", "--new-entities")
    claim = cli.json("claims", "show", "1")
    assert shown["text"][claim["start"]:claim["end"]] == "“full force of the state”"


def test_options_override_what_the_page_says(cli):
    cli("sources", "add", str(V1), "--title", "Peshawar blast", "--outlet", "Example Wire",
        "--published", "2023-01-31", "--url", "https://example.com/x")
    src = cli.json("sources", "show", "1")
    assert (src["title"], src["outlet"], src["published"], src["url"]) == (
        "Peshawar blast", "Example Wire", "2023-01-31", "https://example.com/x")
    assert src["author"] == "Asif Khan"


def test_html_on_stdin_needs_format_html_and_the_original_is_kept(cli, tmp_path):
    import hashlib

    from provenance.ingest.sources import get_source, original_bytes
    from provenance.ledger.db import open_db

    data = V1.read_bytes()
    cli("sources", "add", "-", "--format", "html", input=data)
    src = cli.json("sources", "show", "1")
    assert src["title"].startswith("Suicide bomber") and "<" not in src["text"]
    assert src["original"]["sha256"] == hashlib.sha256(data).hexdigest()
    db = open_db(str(cli.db))
    with db.session(readonly=True) as session:
        assert original_bytes(session, get_source(session, 1)) == data
    db.close()


def test_an_html_file_named_txt_is_still_read_as_html(cli, tmp_path):
    p = tmp_path / "saved.txt"
    p.write_bytes(V1.read_bytes())
    cli("sources", "add", str(p))
    assert cli.json("sources", "show", "1")["media_type"] == "text/html"


def test_a_page_with_no_article_is_refused(cli, tmp_path):
    p = tmp_path / "nav.html"
    p.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    cli("db", "init")
    before = cli.snapshot()
    r = cli("sources", "add", str(p), ok=False)
    assert r.exit_code == 3 and "no article text found" in r.stderr and "Traceback" not in r.stderr
    assert cli.snapshot() == before


def test_a_new_version_of_a_page_is_a_recapture_by_its_canonical_url(cli):
    cli("sources", "add", str(V1))
    props(cli, "death toll")
    props(cli, "claimed by", kind="text")
    cli("claims", "add", "1", "--quote", "killing at least 32 people", "--subject", "Peshawar mosque attack",
        "--property", "death toll", "--value", "at least 32", "--new-entities")
    cli("claims", "add", "1", "--quote", "The Pakistani Taliban claimed responsibility", "--subject",
        "Peshawar mosque attack", "--property", "claimed by", "--value", "Pakistani Taliban")
    added = __import__("json").loads(cli("sources", "add", str(V2), "--json").stdout)[0]
    assert added["version_of"] == 1
    statuses = {r["status"] for r in added["reanchored"]}
    assert statuses == {"changed", "carried"} or statuses == {"changed", "moved"}


def test_a_pdf_is_read_page_by_page_and_claims_know_their_page(cli, tmp_path):
    pdf = make_pdf(tmp_path / "report.pdf", REPORT)
    cli("sources", "add", str(pdf))
    src = cli.json("sources", "show", "1")
    assert src["media_type"] == "application/pdf" and src["title"] == "Civilian casualties report"
    assert src["author"] == "UN Assistance Mission" and src["published"] == "2023-02-20"
    pages = src["pages"]
    assert [p["number"] for p in pages] == [1, 2, 3]
    for p, body in zip(pages, REPORT, strict=True):
        assert src["text"][p["start"]:p["end"]].split() == body.split()
    props(cli, "killed")
    props(cli, "attributed", kind="text")
    cli("claims", "add", "1", "--quote", "700 killed", "--subject", "civilians", "--property", "killed",
        "--value", "700", "--new-entities")
    cli("claims", "add", "1", "--quote", "majority of civilian casualties", "--subject", "civilians",
        "--property", "attributed", "--value", "the group")
    assert [c["page"] for c in cli.json("claims", "list")] == [2, 3]


def test_a_new_version_of_a_pdf_goes_through_reanchoring(cli, tmp_path):
    cli("sources", "add", str(make_pdf(tmp_path / "v1.pdf", REPORT)))
    props(cli, "killed")
    cli("claims", "add", "1", "--quote", "700 killed", "--subject", "civilians", "--property", "killed",
        "--value", "700", "--new-entities")
    revised = [REPORT[0], REPORT[1].replace("700 killed", "702 killed"), REPORT[2]]
    added = __import__("json").loads(cli("sources", "add", str(make_pdf(tmp_path / "v2.pdf", revised)),
                                          "--version-of", "1", "--json").stdout)[0]
    assert added["version_of"] == 1
    assert [r["status"] for r in added["reanchored"]] == ["changed"]


def test_a_scanned_pdf_and_a_broken_one_are_refused_with_the_reason(cli, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, "F")  # a page that is all picture, as a scan is
    pdf.output(str(tmp_path / "scan.pdf"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"garbage " * 50)
    cli("db", "init")
    before = cli.snapshot()
    r = cli("sources", "add", str(tmp_path / "scan.pdf"), ok=False)
    assert r.exit_code == 3 and "no text layer" in r.stderr and "OCR" in r.stderr
    r = cli("sources", "add", str(tmp_path / "broken.pdf"), ok=False)
    assert r.exit_code == 3 and "not a readable PDF" in r.stderr and "Traceback" not in r.stderr
    assert cli.snapshot() == before


# -- fetching from a loopback server -----------------------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        if self.path == "/slow":
            import time

            time.sleep(3)  # longer than the client's timeout in the test below
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"not here"))
        try:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout, a size limit): what those tests want

    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    pdf = make_pdf(tmp_path / "r.pdf", REPORT).read_bytes()
    Handler.routes = {
        "/story": (200, {"Content-Type": "text/html; charset=utf-8"}, V1.read_bytes()),
        "/story-v2": (200, {"Content-Type": "text/html; charset=utf-8"}, V2.read_bytes()),
        "/old": (301, {"Location": "/story"}, b""),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, pdf),
        "/note.txt": (200, {"Content-Type": "text/plain; charset=utf-8"}, b"Officials said 12 people died.\n"),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/huge": (200, {"Content-Type": "text/html", "Content-Length": str(10**9)}, b""),
        "/big": (200, {"Content-Type": "text/plain"}, b"x" * 5000),
        "/gone": (410, {"Content-Type": "text/html"}, b"gone"),
        "/slow": (200, {"Content-Type": "text/plain"}, b"late"),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_link_is_fetched_following_redirects_and_its_capture_recorded(cli, server):
    import datetime as dt

    r = cli("sources", "add", f"{server}/old")
    assert "added as source 1" in r.stdout
    src = cli.json("sources", "show", "1")
    assert src["origin"] == f"{server}/old" and src["url"] == CANONICAL
    o = src["original"]
    assert (o["requested_url"], o["final_url"]) == (f"{server}/old", f"{server}/story")
    assert src["captured"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert o["fetched_at"].startswith(src["captured"])
    assert "cookies" not in src["text"] and "killing at least 32 people" in src["text"]
    # The same page again is the same text: already there. A changed page is a re-capture.
    assert "already there as source 1" in cli("sources", "add", f"{server}/story").stdout
    again = __import__("json").loads(cli("sources", "add", f"{server}/story-v2", "--json").stdout)[0]
    assert again["version_of"] == 1


def test_a_linked_pdf_and_a_linked_text_are_read_as_what_the_server_says(cli, server):
    cli("sources", "add", f"{server}/report.pdf", f"{server}/note.txt")
    pdf, note = cli.json("sources", "list")
    assert pdf["media_type"] == "application/pdf" and pdf["url"] == f"{server}/report.pdf"
    assert note["media_type"] == "text/plain" and note["url"] == f"{server}/note.txt"


@pytest.mark.parametrize("path, message", [
    ("/missing", "the server answered 404 Not Found"),
    ("/gone", "the server answered 410 Gone"),
    ("/image.png", "the server sent image/png, not a web page, text or PDF"),
    ("/huge", "too large (1,000,000,000 bytes"),
])
def test_every_fetch_failure_is_one_clear_line_and_changes_nothing(cli, server, path, message):
    cli("db", "init")
    before = cli.snapshot()
    r = cli("sources", "add", server + path, ok=False)
    assert r.exit_code == 3
    assert r.stderr.startswith(f"Error: {server}{path}: ") and message in r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert cli.snapshot() == before


def test_tls_dns_refused_and_size_failures_name_their_cause(server):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match="TLS"):
        fetch(f"https://127.0.0.1:{port}/story")  # a plain-HTTP server spoken to in TLS
    with pytest.raises(InputError, match=r"cannot be resolved \(DNS\)"):
        fetch("http://no-such-host.invalid/")  # RFC 6761: .invalid never resolves
    with pytest.raises(InputError, match="too large"):
        fetch(f"{server}/big", max_bytes=1000)
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}/slow", timeout=0.5)  # no Content-Length check can catch this: read and cut
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    free = s.getsockname()[1]
    s.close()
    with pytest.raises(InputError, match="refused"):
        fetch(f"http://127.0.0.1:{free}/")


def test_a_latin1_text_page_is_stored_as_the_characters_it_says(cli, server):
    Handler.routes["/latin1.txt"] = (200, {"Content-Type": "text/plain; charset=iso-8859-1"},
                                     "Le ministère a déclaré 12 morts.\n".encode("latin-1"))
    cli("sources", "add", f"{server}/latin1.txt")
    assert cli.json("sources", "show", "1")["text"] == "Le ministère a déclaré 12 morts.\n"


def test_verify_sees_a_kept_original_altered_by_hand(cli):
    import sqlite3
    import zlib

    cli("sources", "add", str(V1))
    assert cli("verify").exit_code == 0
    with sqlite3.connect(cli.db) as db:
        db.execute("UPDATE source_originals SET data = ?", (zlib.compress(b"<html>forged</html>"),))
    r = cli("verify", ok=False)
    assert r.exit_code == 7 and "source 1: its original does not match its SHA-256" in r.stdout


def test_a_pdf_on_stdin_with_format_pdf(cli, tmp_path):
    data = make_pdf(tmp_path / "r.pdf", REPORT).read_bytes()
    cli("sources", "add", "-", "--format", "pdf", input=data)
    src = cli.json("sources", "show", "1")
    assert src["media_type"] == "application/pdf" and len(src["pages"]) == 3
