"""The rendered formats: an accessible self-contained HTML page, a PDF whose first page is
the title page, and the same bytes (HTML) and text (PDF) on every render of one file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from equipath.reports import current_period, render_report
from equipath.reports.charts import warm_browser
from tests.reports.helpers import parse

pytestmark = pytest.mark.slow

FUNDER = "F3"


def _as_of(published: Path):
    con = duckdb.connect(str(published / "funders" / f"{FUNDER}.duckdb"), read_only=True)
    try:
        return con.execute("select cast(as_of as date) from _publication").fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def twice(published_tiers, tmp_path_factory):
    """The same report rendered twice, into two outboxes."""
    period = current_period("quarterly", _as_of(published_tiers))
    outboxes = [tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")]
    with warm_browser():
        return [render_report(published_tiers, FUNDER, period, o) for o in outboxes]


def pdftotext(pdf: Path, *pages: str) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_outbox_layout(twice):
    first = twice[0]
    folder = first.folder
    assert folder.parts[-2:] == (FUNDER, first.period.label)
    assert sorted(p.name for p in folder.iterdir()) == ["data.csv", "report.html", "report.pdf"]


def test_html_is_self_contained_and_accessible(twice):
    html = twice[0].files["html"].read_text()
    page = parse(html)
    assert page.lang == "en"
    assert len(page.images) == 2
    for image in page.images:
        assert image["src"].startswith("data:image/svg+xml;base64,")
        assert len(image["alt"]) > 80  # the alt text carries the chart's values
    assert page.captions == html.count("<table")
    assert "<th scope=" in html and "<h1>" in html and "<h2>" in html
    # nothing fetched from elsewhere: no external script, stylesheet or image
    assert not re.search(r"""(src|href)=["']https?:""", html)
    assert "<script" not in html


def test_same_file_same_html_bytes_and_pdf_text(twice):
    first, second = twice
    assert first.files["html"].read_bytes() == second.files["html"].read_bytes()
    assert first.files["csv"].read_bytes() == second.files["csv"].read_bytes()
    assert pdftotext(first.files["pdf"]) == pdftotext(second.files["pdf"])


def test_pdf_dates_are_the_publication_as_of(twice, published_tiers):
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(twice[0].files["pdf"])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    as_of = _as_of(published_tiers).isoformat()
    assert re.search(rf"CreationDate:\s+{as_of}T00:00:00", info), info
    assert re.search(rf"ModDate:\s+{as_of}T00:00:00", info), info


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler is not installed")
def test_pdf_first_page_is_the_title_page(twice, tmp_path, published_tiers):
    pdf = twice[0].files["pdf"]
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "50", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    [png] = sorted(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    assert image.size == (425, 550)  # US Letter at 50 dpi
    dark = sum(1 for v in image.getdata() if v < 128)
    assert dark > 2000, "the title page is blank"
    text = pdftotext(pdf, "-f", "1", "-l", "1")
    period = twice[0].period
    assert FUNDER in text
    assert f"{period.label}: {period.start.isoformat()} to {period.end.isoformat()}" in text
    assert f"Data as of {_as_of(published_tiers).isoformat()}" in " ".join(text.split())
    assert "Executive summary" not in text  # the cover is a page of its own
    assert "Executive summary" in pdftotext(pdf, "-f", "2", "-l", "2")
