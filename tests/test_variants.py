"""The three variants (screen, print, imposed) and the preflight run on every output."""

from __future__ import annotations

import io
import re
import subprocess

import pypdf
import pytest

from booklet.build import Request, build
from booklet.check import (font_problems, link_problems, page_problems, preflight_imposed)
from booklet.cli import main
from booklet.compose import compose
from booklet.impose import sheet_sides
from booklet.load import load
from booklet.typeset import typeset

from conftest import A4, SMALL, page_texts, read_pdf

#: 3 mm in points.
BLEED = 3 / 25.4 * 72
#: 7 mm in points.
SLUG = 7 / 25.4 * 72
CONTENT = load(SMALL)


def words_in(path, page: int, left: float, width: float, height: float) -> str:
    """Return the words in a region of a page, as pdftotext reads them."""
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", str(int(left)),
                           "-y", "0", "-W", str(int(width)), "-H", str(int(height)), "-r", "72",
                           str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_sheet_sides_follow_saddle_stitch_order():
    assert sheet_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert sheet_sides(4) == [(4, 1), (2, 3)]
    assert sheet_sides(12)[:2] == [(12, 1), (2, 11)]
    with pytest.raises(ValueError):
        sheet_sides(6)


@pytest.mark.parametrize("audience", ["pupils", "everyone"])
def test_each_half_of_each_imposed_sheet_is_the_expected_booklet_page(small_build, audience):
    booklet = small_build / "en" / f"{audience}-booklet-screen.pdf"
    imposed = small_build / "en" / f"{audience}-booklet-imposed.pdf"
    pages = page_texts(booklet)
    sheet = read_pdf(imposed)
    assert {(round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
            for page in sheet.pages} == {(A4[1], A4[0])}
    assert len(sheet.pages) == len(pages) // 2
    for side, (left, right) in enumerate(sheet_sides(len(pages)), start=1):
        half = A4[1] / 2
        assert words_in(imposed, side, 0, half, A4[0]) == \
            words_in(booklet, left, 0, half, A4[0]), (side, left)
        assert words_in(imposed, side, half, half, A4[0]) == \
            words_in(booklet, right, 0, half, A4[0]), (side, right)
        # Every booklet page holds text, so an empty half would be a misplaced page.
        assert words_in(imposed, side, 0, half, A4[0])
        assert words_in(imposed, side, half, half, A4[0])


def test_imposed_keeps_the_metadata(small_build):
    reader = read_pdf(small_build / "en" / "pupils-booklet-imposed.pdf")
    assert reader.metadata.title == "Stay in school"
    assert reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize("name", ["pupils-booklet-print.pdf", "pupils-handout-print.pdf"])
def test_print_variant_has_bleed_marks_cmyk_and_an_output_intent(small_build, name):
    reader = read_pdf(small_build / "en" / name)
    for page in reader.pages:
        media, trim, bleed = page.mediabox, page.trimbox, page.bleedbox
        # The bleed beyond the trim, and a slug of 7 mm beyond the bleed.
        for side in ("left", "bottom"):
            assert float(getattr(trim, side)) - float(getattr(bleed, side)) == \
                pytest.approx(BLEED, abs=0.01)
            assert float(getattr(bleed, side)) - float(getattr(media, side)) == \
                pytest.approx(SLUG, abs=0.01)
        for side in ("right", "top"):
            assert float(getattr(bleed, side)) - float(getattr(trim, side)) == \
                pytest.approx(BLEED, abs=0.01)
            assert float(getattr(media, side)) - float(getattr(bleed, side)) == \
                pytest.approx(SLUG, abs=0.01)
        content = page.get_contents().get_data().decode("latin-1")
        # Colours are set in CMYK only: no RGB operator anywhere.
        assert not re.search(r"\b(rg|RG)\n", content)
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    assert intent["/S"] == "/GTS_PDFX" and "/DestOutputProfile" in intent
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfx:GTS_PDFXVersion>PDF/X-4</pdfx:GTS_PDFXVersion>" in xmp


def test_print_cover_colour_reaches_into_the_bleed(small_build):
    # Rendered at 20 dpi, the cover's corners in the bleed (7 to 10 mm in from the edge of
    # the slug, pixels 6 to 7) are the theme colour; the slug's corner is paper white.
    path = small_build / "en" / "pupils-booklet-print.pdf"
    png = subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "20", "-png", str(path)],
                         capture_output=True, check=True).stdout
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("RGB")
    # The cover's colour panel stands at its foot: its corners run into the bleed.
    width, height = picture.size
    for corner in (picture.getpixel((7, height - 8)), picture.getpixel((width - 8, height - 8))):
        assert corner != (255, 255, 255) and corner[2] > corner[0]
    assert picture.getpixel((0, height - 1)) == (255, 255, 255)


def test_screen_variant_is_tagged_with_language_title_bookmarks_and_links(small_content,
                                                                        tmp_path):
    answer = small_content / "questions.yaml"
    answer.write_text(answer.read_text().replace(
        "close false ones.",
        "close false ones, as [the register](https://example.org/agents) shows."))
    build(Request(content=small_content, out=tmp_path / "out", audiences=("officials",),
                  formats=("booklet",), variants=("screen",)))
    reader = read_pdf(tmp_path / "out" / "en" / "officials-booklet-screen.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en" and reader.metadata.title == "Policy notes"
    assert reader.outline
    links = [annotation.get_object()["/A"]["/URI"] for page in reader.pages
             for annotation in page.get("/Annots") or []]
    assert links == ["https://example.org/agents"]
    page = reader.pages[0]
    assert [float(value) for value in page.trimbox] == [float(value) for value in page.mediabox]


# --- the preflight rules, each with a broken input and its message ---

def test_preflight_font_not_embedded():
    # A page whose text is set in Helvetica, referenced but not embedded.
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = writer._add_object(pypdf.generic.DictionaryObject({
        pypdf.generic.NameObject("/Type"): pypdf.generic.NameObject("/Font"),
        pypdf.generic.NameObject("/Subtype"): pypdf.generic.NameObject("/Type1"),
        pypdf.generic.NameObject("/BaseFont"): pypdf.generic.NameObject("/Helvetica")}))
    page[pypdf.generic.NameObject("/Resources")] = pypdf.generic.DictionaryObject({
        pypdf.generic.NameObject("/Font"): pypdf.generic.DictionaryObject({
            pypdf.generic.NameObject("/F1"): font})})
    output = io.BytesIO()
    writer.write(output)
    pdf = output.getvalue()
    assert font_problems("en/x.pdf", pdf) == [
        "en/x.pdf: font Helvetica is not embedded",
        "en/x.pdf: text fell back to font(s) Helvetica; the booklets use Noto Sans only: "
        "install the Noto font that covers that text, or correct it"]


def test_preflight_font_not_embedded_in_a_form():
    # An imposed sheet draws its pages as forms: their fonts are checked there too.
    import pikepdf

    document = pikepdf.new()
    font = document.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    form = pikepdf.Stream(document, b"BT /F1 12 Tf (x) Tj ET",
                          Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                          BBox=[0, 0, 200, 200],
                          Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    document.add_blank_page(page_size=(200, 200))
    page = document.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(P1=form))
    page.obj.Contents = document.make_stream(b"/P1 Do")
    output = io.BytesIO()
    document.save(output)
    assert font_problems("en/x-imposed.pdf", output.getvalue())[0] == \
        "en/x-imposed.pdf: font Helvetica is not embedded"


def test_preflight_imposed_sees_the_fonts_of_its_pages(small_build):
    from booklet.pdfpaint import fonts

    imposed = fonts((small_build / "en" / "pupils-booklet-imposed.pdf").read_bytes())
    assert imposed and all(imposed.values())
    assert imposed == fonts((small_build / "en" / "pupils-booklet-screen.pdf").read_bytes())


def test_preflight_booklet_pages_and_back_cover():
    edition = compose(CONTENT, CONTENT.audience("pupils"), "booklet")
    pages = typeset("<style>@page { size: A5 } p { break-after: page }</style>"
                    "<p>1</p><p>2</p><p style='page: back-cover'>3</p><p>4</p><p>5</p>")
    assert page_problems("en/p.pdf", edition, pages) == [
        "en/p.pdf: expected a multiple of 4 pages, found 5",
        "en/p.pdf: expected the back cover on the last page (5) only, found it on 3"]


def test_preflight_links():
    pages = typeset('<a href="#x">in</a> <a href="ftp://example.org/f">out</a> '
                    '<a href="https://www.ilo.org">web</a> <a href="tel:+123">tel</a>'
                    '<p id="x">x</p>')
    assert link_problems("en/l.pdf", pages) == [
        "en/l.pdf: page 1: link to 'ftp://example.org/f'; expected an absolute http(s), "
        "mailto or tel link"]


def test_preflight_imposed_counts_sheet_sides(small_build):
    edition = compose(CONTENT, CONTENT.audience("pupils"), "booklet")
    pdf = (small_build / "en" / "pupils-booklet-imposed.pdf").read_bytes()
    assert preflight_imposed(edition, pdf, 8).passed
    assert preflight_imposed(edition, pdf, 12).problems == [
        "en/pupils-booklet-imposed.pdf: expected 6 sheet sides, found 4"]


@pytest.mark.slow
def test_preflight_report_prints_a_row_per_output(tmp_path, capsys):
    assert main(["--content", str(SMALL), "--out", str(tmp_path), "--audience", "pupils",
                 "--preflight-report"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split() == ["output", "fonts", "glyphs", "overflow", "pages", "images",
                               "links", "warnings", "ink", "reversed", "rich-black", "rgb",
                               "lines", "pdfx", "structure", "greys"]
    laid_out, press, mono = ["ok"] * 7, ["ok"] * 7, ["ok"]
    assert [row.split() for row in rows[1:]] == [
        ["en/pupils-booklet-screen.pdf", *laid_out, *["-"] * 8],
        ["en/pupils-booklet-print.pdf", *laid_out, *press, "-"],
        ["en/pupils-booklet-imposed.pdf", "ok", "-", "-", "ok", *["-"] * 11],
        ["en/pupils-booklet-mono.pdf", *laid_out, *["-"] * 7, *mono],
        ["en/pupils-booklet-mono-imposed.pdf", "ok", "-", "-", "ok", *["-"] * 10, *mono],
        ["en/pupils-handout-screen.pdf", *laid_out, *["-"] * 8],
        ["en/pupils-handout-print.pdf", *laid_out, *press, "-"],
        ["en/pupils-handout-mono.pdf", *laid_out, *["-"] * 7, *mono]]


def test_preflight_report_shows_failures_and_exits_1(small_content, tmp_path, capsys):
    path = small_content / "questions.yaml"
    path.write_text(path.read_text().replace("close false ones", "close \U0010FFFD"))
    assert main(["--content", str(small_content), "--out", str(tmp_path / "out"), "--audience",
                 "officials", "--format", "handout", "--preflight-report"]) == 1
    captured = capsys.readouterr()
    assert [row.split()[:3] for row in captured.out.splitlines()[1:]] == [
        ["en/officials-handout-screen.pdf", "ok", "FAIL"],
        ["en/officials-handout-print.pdf", "ok", "FAIL"],
        ["en/officials-handout-mono.pdf", "ok", "FAIL"]]
    assert captured.err.startswith("error: en/officials-handout-screen.pdf: no font has a glyph")


def test_letter_editions_impose_half_letter_pages_on_letter_sheets(tmp_path):
    assert main(["--content", str(SMALL), "--out", str(tmp_path), "--audience", "pupils",
                 "--format", "booklet", "--variant", "imposed", "--paper", "letter"]) == 0
    reader = read_pdf(tmp_path / "en" / "pupils-booklet-imposed-letter.pdf")
    assert [(float(page.mediabox.width), float(page.mediabox.height))
            for page in reader.pages] == [(792.0, 612.0)] * 4
