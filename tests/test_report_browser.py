"""The HTML report in a real browser (headless Chromium): laid out on a desktop and a phone
without sideways scrolling, and printed with the sources' addresses. Skipped when no Chromium is
installed (Debian: apt-get install chromium). Set PROVENANCE_SCREENSHOTS=DIR to keep the
screenshots and the printed PDF for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium)")
PROBE = ("<script>var d=document.documentElement,t=document.querySelector('table.cards td');"
         "document.body.setAttribute('data-probe',[d.scrollWidth,innerWidth,"
         "t?getComputedStyle(t).display:'none'].join(' '))</script></body>")


def chromium(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-extensions", *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def report(demo, tmp_path) -> Path:
    article = tmp_path / "wire.txt"
    article.write_text("Officials said IS-K has about 3,000 fighters (2024), the #2 estimate this year.\n",
                       encoding="utf-8")
    demo("sources", "add", str(article), "--url", "https://wire.example.org/attack?id=7&lang=en",
         "--outlet", "Example Wire", "--published", "2024-05-04", "--captured", "2024-05-05")
    demo("claims", "add", "6", "--quote", "IS-K has about 3,000 fighters", "--subject", "IS-K",
         "--property", "fighter strength", "--value", "about 3,000", "--scope", "fighters")
    demo("conflicts", "resolve", "1", "--verdict", "1=mostly-true", "--note", "UN figure counts fighters only")
    demo("conflicts", "dismiss", "2", "--note", "same disagreement, copied text")
    out = tmp_path / "report.html"
    demo("report", "--format", "html", "--limit", "0", "-o", str(out))
    return out


def _keep(path: Path) -> None:
    if os.environ.get("PROVENANCE_SCREENSHOTS"):
        dest = Path(os.environ["PROVENANCE_SCREENSHOTS"])
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dest / path.name)


@pytest.mark.parametrize("name, width", [("desktop", 1280), ("phone", 390)])
def test_the_report_lays_out_without_sideways_scrolling(report, tmp_path, name, width):
    from PIL import Image

    shot = tmp_path / f"report-{name}.png"
    r = chromium(f"--window-size={width},2200", f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), r.stderr[-2000:]
    with Image.open(shot) as img:
        assert img.size == (width, 2200)
        colours = img.convert("L").getcolors(maxcolors=256 * 256)
        assert colours is None or len(colours) > 16  # text was drawn, not a blank page
    _keep(shot)
    probe = tmp_path / "probe.html"
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8")
    dom = chromium(f"--window-size={width},900", "--dump-dom", probe.as_uri()).stdout
    scroll, viewport, cell = dom.split('data-probe="', 1)[1].split('"', 1)[0].split()
    assert int(scroll) <= int(viewport)
    # On a narrow screen each table row is a card; on a desktop, a table.
    assert cell == ("block" if int(viewport) <= 640 else "table-cell")


def test_the_report_prints_with_the_sources_addresses(report, tmp_path):
    import pypdf

    pdf = tmp_path / "report-print.pdf"
    r = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    assert pdf.exists(), r.stderr[-2000:]
    _keep(pdf)
    import unicodedata

    pages = pypdf.PdfReader(pdf).pages
    text = unicodedata.normalize("NFKC", " ".join(" ".join((p.extract_text() or "").split()) for p in pages))
    assert "Sources" in text and "Analysts' decisions" in text
    assert "https://wire.example.org/attack?id=7&lang=en" in text.replace(" ", "")  # printed after the link
    assert "UN figure counts fighters only" in text
