"""PDFs of built pages: only the built site is read, headings become bookmarks, the same page gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pypdf

from browser import serve
from itcomms.rendering.pdf import html_to_pdf


def test_pdf_reads_only_the_site_and_is_reproducible(tmp_path: Path) -> None:
    site, outside, watched = tmp_path / "site", tmp_path / "outside", tmp_path / "watched"
    for folder in (site, outside, watched):
        folder.mkdir()
    (site / "page.css").write_text("h2.hidden { display: none }")
    (outside / "evil.css").write_text("h1 { display: none }")
    (watched / "logo.png").write_bytes(b"not really a png")
    with serve(watched) as url:
        (site / "page.html").write_text(
            "<html><head><title>Report</title>"
            '<link rel="stylesheet" href="page.css">'
            f'<link rel="stylesheet" href="{(outside / "evil.css").as_uri()}">'
            "</head><body><h1>Annual report</h1><h2>Reliability</h2><h2 class='hidden'>Hidden</h2>"
            f'<img src="{url}logo.png" alt="logo"><p>Every service, honestly.</p></body></html>'
        )
        html_to_pdf(site / "page.html", site / "one.pdf", site, "https://intranet.example/it/")
        html_to_pdf(site / "page.html", site / "two.pdf", site, "https://intranet.example/it/")
    reader = pypdf.PdfReader(site / "one.pdf")
    text = reader.pages[0].extract_text()
    assert "Annual report" in text  # the stylesheet outside the site was not read
    assert "Hidden" not in text  # the one inside was
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["Annual report"]
    assert (site / "one.pdf").read_bytes() == (site / "two.pdf").read_bytes()
