"""Reading captures: HTML extraction (trafilatura), PDF text by page (pypdf) and the whole
`add_source` for each, against plain text of the same article.

    python benchmarks/capture.py [--repeat 20] [--pdf-pages 50]

Needs the web and test extras (trafilatura; fpdf2 makes the PDF). Prints one JSON object per line:
{"figure": NAME, "value": V, "unit": U}.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "pages" / "peshawar_v1.html"


def per_call(fn, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def make_pdf(pages: int, mark: int = 0) -> bytes:
    from fpdf import FPDF

    text = (ROOT / "tests" / "articles" / "peshawar_day1.txt").read_text(encoding="utf-8")
    text = text.replace("\u2014", "-")  # the core fonts are Latin-1
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for n in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Report {mark}, page {n + 1}. " + text * 3)
    return bytes(pdf.output())


def timed_adds(db, inputs: list[tuple[bytes, str]]) -> float:
    """Mean time of add_source over distinct inputs (each a new source), one transaction each."""
    from provenance.ingest.sources import add_source

    start = time.perf_counter()
    for data, origin in inputs:
        with db.session() as session:
            assert not add_source(session, data, origin, None).existed
    return (time.perf_counter() - start) / len(inputs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--pdf-pages", type=int, default=50)
    args = ap.parse_args()

    from provenance.ingest.html import extract_html
    from provenance.ingest.pdf import extract_pdf
    from provenance.ledger.db import open_db

    html = PAGE.read_bytes()
    pdf = make_pdf(args.pdf_pages)
    n = max(2, args.repeat // 4)
    htmls = [html.replace(b"</article>", f"<p>Update {i}: officials gave a new figure.</p></article>".encode())
             for i in range(n)]
    texts = [extract_html(h, "page").text.encode("utf-8") for h in htmls]
    pdfs = [make_pdf(args.pdf_pages, i) for i in range(n)]
    figures = {
        "html_extract_ms": per_call(lambda: extract_html(html, "page"), args.repeat) * 1000,
        "pdf_extract_ms_per_page": per_call(lambda: extract_pdf(pdf, "r.pdf"), n) * 1000 / args.pdf_pages,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, inputs in (("add_text_ms", [(t, "a.txt") for t in texts]),
                             ("add_html_ms", [(h, "a.html") for h in htmls]),
                             ("add_pdf_ms", [(p, "a.pdf") for p in pdfs])):
            db = open_db(str(Path(tmp) / f"{name}.db"))  # one ledger each: the same article thrice
            figures[name] = timed_adds(db, inputs) * 1000
            db.close()
    for name, value in figures.items():
        print(json.dumps({"figure": name, "value": round(value, 2), "unit": "ms",
                          **({"pages": args.pdf_pages} if "pdf" in name else {})}))


if __name__ == "__main__":
    main()
