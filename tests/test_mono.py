"""The mono variants, for black-and-white printers and photocopiers: no colour at all,
greys that survive a photocopy, solid text with contrast of 7:1 at least; booklets on
single pages and imposed, handouts; and session packs that ask for them."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import A4, PROJECT_CONTENT, SMALL, page_texts
from PIL import Image

from booklet import colour
from booklet.formats import FORMATS, VARIANTS
from booklet.load import contrast, load
from booklet.mono import MIN_TINT, finish_in_greys, grey_problems
from booklet.pack import items_of, load_session
from booklet.pdfpaint import paints
from booklet.render import MONO_INK
from booklet.write import Output

MONO_FILES = ["pupils-booklet-mono.pdf", "pupils-booklet-mono-imposed.pdf",
              "pupils-handout-mono.pdf", "officials-booklet-mono.pdf",
              "officials-handout-mono.pdf"]
COLOURS = Path(__file__).parent.parent / "styles" / "colours.css"


def mono_palette() -> dict[str, str]:
    """Return the colours of ``:root.mono`` in styles/colours.css."""
    return colour.design_palette(":root.mono")


def test_booklets_and_handouts_come_in_mono_booklets_imposed_too():
    assert "mono" in FORMATS["booklet"].variants and "mono" in FORMATS["handout"].variants
    assert VARIANTS["mono-imposed"].made_from == "mono"
    assert all(VARIANTS[name].greyscale and VARIANTS[name].printed
               for name in ("mono", "mono-imposed"))


def test_mono_greys_survive_a_photocopy_and_text_contrasts_7_to_1():
    palette = mono_palette()
    paper = palette["--paper"]
    for name, value in palette.items():
        red, green, blue = colour.rgb(value)
        assert red == green == blue, name  # a grey
        tint = 1 - red / 255
        assert tint == 0 or tint >= MIN_TINT, name
    # Every colour text is set in (body, small print, headings in the theme's place).
    ratios = {name: contrast(palette[name], paper) for name in ("--text", "--muted")}
    ratios["theme"] = contrast(MONO_INK, paper)
    assert all(ratio >= 7 for ratio in ratios.values()), ratios
    assert ratios == {"--text": 21.0, "--muted": 21.0, "theme": 21.0}


@pytest.mark.parametrize("name", MONO_FILES)
def test_mono_files_have_greys_alone_none_lighter_than_20_percent(small_build, name):
    pdf = (small_build / "en" / name).read_bytes()
    painted = list(paints(pdf))
    assert painted
    assert {paint.space.model for paint in painted} == {"Gray"}
    for paint in painted:
        if paint.kind in ("fill", "stroke", "text"):
            tint = 1 - paint.colour[0]
            assert tint == 0 or tint >= MIN_TINT - 0.001, paint
        if paint.kind == "text":
            assert paint.colour in ((0.0,), (1.0,)), paint  # solid
    assert grey_problems(name, pdf) == []


def test_mono_imposed_is_the_mono_pages_two_to_a_sheet(small_build):
    pages = page_texts(small_build / "en" / "pupils-booklet-mono.pdf")
    sheets = pikepdf.open(small_build / "en" / "pupils-booklet-mono-imposed.pdf").pages
    assert len(sheets) == len(pages) // 2
    assert {(round(float(sheet.mediabox[2]), 2), round(float(sheet.mediabox[3]), 2))
            for sheet in sheets} == {(A4[1], A4[0])}
    assert page_texts(small_build / "en" / "pupils-booklet-screen.pdf") == pages


def test_a_rendered_mono_page_has_no_colour_pixel(small_build):
    for name, page in (("pupils-booklet-mono.pdf", 1), ("pupils-booklet-mono.pdf", 3),
                       ("pupils-handout-mono.pdf", 1)):
        png = subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "40", "-png",
                              str(small_build / "en" / name)],
                             capture_output=True, check=True).stdout
        picture = Image.open(io.BytesIO(png)).convert("RGB")
        colours = picture.getcolors(picture.size[0] * picture.size[1])
        assert all(red == green == blue for _, (red, green, blue) in colours), name
        assert min(red for _, (red, _, _) in colours) < 40  # solid black is there


def test_the_mono_finish_turns_colour_into_grey_in_forms_and_pictures():
    document = pikepdf.new()
    picture = document.make_stream(bytes([255, 0, 0] * 4), Type=pikepdf.Name.XObject,
                                   Subtype=pikepdf.Name.Image, Width=2, Height=2,
                                   ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    form = document.make_stream(b"0 0 1 rg 0 0 5 5 re f q 10 0 0 10 0 0 cm /Im0 Do Q",
                                Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                                BBox=[0, 0, 20, 20],
                                Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency,
                                                         CS=pikepdf.Name.DeviceRGB),
                                Resources=pikepdf.Dictionary(
                                    XObject=pikepdf.Dictionary(Im0=picture)))
    document.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 100, 100],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form)),
        Contents=document.make_stream(b"1 0 0 RG 0 0 0.5 0 k 0 0 m 9 9 l S /Fm0 Do"))))
    output = io.BytesIO()
    document.save(output)
    before = output.getvalue()
    assert grey_problems("m.pdf", before)[:2] == [
        "m.pdf: page 1: stroke in DeviceRGB; a mono file has greys only",
        "m.pdf: page 1 (form /Fm0): group in DeviceRGB; a mono file has greys only"]
    after = finish_in_greys(before)
    assert {paint.space.model for paint in paints(after)} == {"Gray"}
    greys = {paint.kind: paint.colour for paint in paints(after)}
    assert greys["stroke"] == (0.299,)  # red's lightness
    assert greys["fill"] == (0.114,)    # blue's


#: The operators that set a colour, and those that paint nothing: they group text, or mark
#: content for the tags.
COLOUR_OPERATORS = {"g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN"}
UNPAINTED = {"BT", "ET", "BDC", "BMC", "EMC", "MP", "DP"}


def painted(pdf: bytes) -> list[list[tuple]]:
    """Return what each page paints, in order: every operator but those that set a colour
    or a font, group text or mark content, each with the fill (or, for a stroke, the
    stroke) colour it paints in, and text with its font. Two PDFs that give the same lists
    paint the same thing."""
    pages = []
    for page in pikepdf.open(io.BytesIO(pdf)).pages:
        fill = stroke = font = ()
        drawn = []
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in COLOUR_OPERATORS:
                values = tuple(round(float(value), 4) for value in operands
                               if not isinstance(value, pikepdf.Name))
                if name in ("cs", "CS"):
                    continue
                if name.islower():
                    fill = values
                else:
                    stroke = values
            elif name == "Tf":
                font = tuple(str(value) for value in operands)
            elif name not in UNPAINTED:
                drawn.append((name, [str(value) for value in operands],
                              stroke if name in ("S", "s") else fill,
                              font if name in ("Tj", "TJ", "'", '"') else ()))
        pages.append(drawn)
    return pages


def edition_of(audience: str, format: str, country: str):
    """Return an edition of the small fixture, or of the project's content in a country's
    edition (its contacts with QR codes, its partners' logos)."""
    from booklet.build import Request, composed
    from booklet.compose import compose

    if not country:
        return compose(load(SMALL), load(SMALL).audience(audience), format)
    request = Request(content=PROJECT_CONTENT, out=Path("unused"), languages=("en",),
                      editions=(country,), audiences=(audience,), formats=(format,))
    (edition,) = composed(load(PROJECT_CONTENT), request)
    return edition


@pytest.mark.parametrize("audience, format, country", [
    ("pupils", "booklet", ""), ("pupils", "handout", ""), ("officials", "booklet", ""),
    ("children", "handout", "cambodia")])
def test_mono_is_drawn_from_the_screen_layout_and_paints_what_its_own_layout_paints(
        audience, format, country, monkeypatch):
    from booklet import produce
    from booklet.render import environment

    created = datetime.datetime(2008, 10, 24, tzinfo=datetime.timezone.utc)
    env = environment()
    edition = edition_of(audience, format, country)
    laid = []
    typeset = produce.render_and_typeset
    monkeypatch.setattr(produce, "render_and_typeset",
                        lambda *arguments: laid.append(arguments[0].variant)
                        or typeset(*arguments))
    screen, mono = produce.build_variants(edition, ("screen", "mono"), created, env)
    monkeypatch.undo()
    assert set(laid) == {"screen"}  # mono is not laid out
    assert mono.preflight.passed and mono.pages == screen.pages
    # Laid out from its own HTML, mono paints the same: every glyph, shape and picture in
    # the same place, in the same grey.
    own = screen.edition.as_variant("mono")
    html, pages = produce.render_and_typeset(own, created, env)
    assert html == mono.html
    alone = produce.finished(own, html, pages)
    assert painted(mono.pdf) == painted(alone.pdf)
    assert painted(mono.pdf) != painted(screen.pdf)  # and not the screen's colours
    # The screen edition's PDF in greys: tagged as it is, a document of its own.
    document, screen_document = pikepdf.open(io.BytesIO(mono.pdf)), pikepdf.open(
        io.BytesIO(screen.pdf))
    assert "/StructTreeRoot" in document.Root and document.Root.MarkInfo.Marked
    assert document.trailer.ID[0] != screen_document.trailer.ID[0]
    assert document.trailer.ID[0] == pikepdf.open(io.BytesIO(alone.pdf)).trailer.ID[0]


def test_a_theme_colour_that_is_a_grey_of_the_palette_lays_mono_out_on_its_own():
    from booklet.mono import screen_to_mono

    rule, faint = colour.design_palette()["--rule"], colour.design_palette()["--faint-rule"]
    mapping = screen_to_mono("#1F6FB2")
    assert mapping[colour.rgb("#1f6fb2")] == (0, 0, 0)  # the theme colour: black
    assert mapping[colour.rgb(rule)] == colour.rgb(mono_palette()["--rule"])
    assert mapping[colour.rgb(faint)] == colour.rgb(mono_palette()["--faint-rule"])
    # A theme colour the same as the rules' grey: black in mono, where the rules are not.
    assert screen_to_mono(rule) is None


def test_mono_is_laid_out_on_its_own_when_the_colours_cannot_tell(monkeypatch):
    from booklet import mono, produce
    from booklet.compose import compose
    from booklet.render import environment

    monkeypatch.setattr(mono, "screen_to_mono", lambda theme: None)
    laid = []
    typeset = produce.render_and_typeset
    monkeypatch.setattr(produce, "render_and_typeset",
                        lambda *arguments: laid.append(arguments[0].variant)
                        or typeset(*arguments))
    edition = compose(load(SMALL), load(SMALL).audience("pupils"), "handout")
    _, built = produce.build_variants(edition, ("screen", "mono"), datetime.datetime(
        2008, 10, 24, tzinfo=datetime.timezone.utc), environment())
    assert laid[-1] == "mono" and built.preflight.passed


def test_light_tints_and_grey_text_fail_the_mono_preflight():
    document = pikepdf.new()
    document.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 100, 100],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica))),
        Contents=document.make_stream(
            b"0.9 g 0 0 50 50 re f 0.5 g BT /F1 10 Tf (x) Tj ET"))))
    output = io.BytesIO()
    document.save(output)
    assert grey_problems("m.pdf", output.getvalue()) == [
        "m.pdf: page 1: a fill in a 10% grey; a photocopier drops greys lighter than 20%",
        "m.pdf: page 1: text in a 50% grey; text in a mono file is solid black, or white "
        "on black"]


def test_a_session_can_ask_for_mono(tmp_path):
    content = load(SMALL)
    session_file = tmp_path / "session.yaml"
    session_file.write_text("title: T\ndate: 2026-12-05\nplace: P\ntrainer: T\nlanguage: en\n"
                            "paper: a4\nmono: true\nparticipants:\n  - audience: pupils\n"
                            "    booklets: 2\n    handouts: 3\n")
    session = load_session(session_file, content)
    assert session.mono
    outputs = [Output("pupils", format, variant, "en", "a4",
                      f"en/pupils-{format}-{variant}.pdf", pages, 1, "0" * 64)
               for format, variant, pages in (("booklet", "mono-imposed", 4),
                                              ("handout", "mono", 1),
                                              ("booklet", "imposed", 4),
                                              ("handout", "screen", 1))]
    assert [item.path for item in items_of(session, content, outputs)] == [
        "en/pupils-booklet-mono-imposed.pdf", "en/pupils-handout-mono.pdf"]
    session_file.write_text(re.sub("mono: true\n", "", session_file.read_text()))
    plain = load_session(session_file, content)
    assert [item.path for item in items_of(plain, content, outputs)] == [
        "en/pupils-booklet-imposed.pdf", "en/pupils-handout-screen.pdf"]


@pytest.mark.slow
def test_a_mono_pack_is_grey_from_cover_to_last_copy(tmp_path, capsys):
    from booklet.cli import main

    session_file = tmp_path / "session.yaml"
    session_file.write_text("title: T\ndate: 2026-12-05\nplace: P\ntrainer: T\nlanguage: en\n"
                            "paper: a4\nmono: true\nparticipants:\n  - audience: pupils\n"
                            "    booklets: 1\n    handouts: 1\n")
    assert main(["pack", str(session_file), "--content", str(SMALL), "--build",
                 str(tmp_path / "build"), "--out", str(tmp_path / "pack"), "--jobs", "1"]) == 0
    assert "en/pupils-booklet-mono-imposed.pdf" in capsys.readouterr().out
    pack = (tmp_path / "pack" / "pack.pdf").read_bytes()
    assert {paint.space.model for paint in paints(pack)} == {"Gray"}
