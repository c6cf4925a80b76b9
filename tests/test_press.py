"""Print files a print shop accepts: slug and crop marks outside the bleed, colour through
the output profile, the preflight for the press (ink, reversed text, rich black, RGB, lines,
pictures, PDF/X-4, structure), and the report for the print shop. Every rule is asserted
on the PDF's objects, form XObjects included."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import SMALL
from PIL import Image, ImageCms

from booklet import colour, ink, pdfx, prepress
from booklet.compose import compose
from booklet.editions import GENERIC_EDITION
from booklet.load import load
from booklet.pdfpaint import paints
from booklet.press import MARK_LENGTH, MARK_OFFSET
from booklet.render import theme_colour
from booklet.typeset import draw, typeset

MM = 72 / 25.4
PRINT_FILES = ["pupils-booklet-print.pdf", "pupils-handout-print.pdf",
               "officials-booklet-print.pdf", "officials-handout-print.pdf"]
CONTENT = load(SMALL)


def boxes(page) -> dict[str, list[float]]:
    """Return a page's MediaBox, BleedBox and TrimBox."""
    return {name: [float(value) for value in page.obj[f"/{name}"]]
            for name in ("MediaBox", "BleedBox", "TrimBox")}


# --- 1. slug and marks ---

@pytest.mark.parametrize("name", PRINT_FILES)
def test_print_pages_have_a_slug_of_5_mm_beyond_the_3_mm_bleed(small_build, name):
    for page in pikepdf.open(small_build / "en" / name).pages:
        box = boxes(page)
        for side in range(4):
            sign = -1 if side < 2 else 1
            bleed = sign * (box["BleedBox"][side] - box["TrimBox"][side])
            slug = sign * (box["MediaBox"][side] - box["BleedBox"][side])
            assert bleed == pytest.approx(3 * MM, abs=0.01)
            assert slug >= 5 * MM


def mark_lines(page) -> list[tuple[float, float, float, float]]:
    """Return the lines a page strokes in the registration colour."""
    lines, start, registration = [], None, False
    for operands, operator in pikepdf.parse_content_stream(page.obj):
        name = str(operator)
        if name == "CS":
            registration = operands[0] == "/Registration"
        elif name == "m":
            start = tuple(map(float, operands))
        elif name == "l" and registration:
            lines.append((*start, *map(float, operands)))
    return lines


def test_crop_marks_stand_in_the_slug_offset_by_the_bleed_in_registration(small_build):
    document = pikepdf.open(small_build / "en" / "pupils-booklet-print.pdf")
    registration = document.pages[0].Resources.ColorSpace.Registration
    assert registration[0] == "/Separation" and registration[1] == "/All"
    assert registration[2] == "/DeviceCMYK"
    for page in document.pages:
        left, bottom, right, top = boxes(page)["TrimBox"]
        lines = mark_lines(page)
        assert len(lines) == 8
        for x0, y0, x1, y1 in lines:
            if y0 == y1:  # horizontal: on a trim line, beside the trim, outside the bleed
                assert min(abs(y0 - bottom), abs(y0 - top)) < 0.01
                near = min(abs(x - edge) for x in (x0, x1) for edge in (left, right))
                far = max(min(abs(x - left), abs(x - right)) for x in (x0, x1))
            else:
                assert x0 == x1 and min(abs(x0 - left), abs(x0 - right)) < 0.01
                near = min(abs(y - edge) for y in (y0, y1) for edge in (bottom, top))
                far = max(min(abs(y - bottom), abs(y - top)) for y in (y0, y1))
            assert near == pytest.approx(MARK_OFFSET, abs=0.01)
            assert far == pytest.approx(MARK_OFFSET + MARK_LENGTH, abs=0.01)
    strokes = [paint for paint in paints(document) if paint.kind == "stroke"
               and paint.space.colorant == "All"]
    assert strokes and all(paint.size >= 0.25 for paint in strokes)


def test_the_slug_names_the_file_the_edition_and_the_page(small_build):
    path = small_build / "en" / "pupils-booklet-print.pdf"
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert ("en/pupils-booklet-print.pdf | generic edition, en | page 2 of 8 | FOGRA39 | "
            "trim 148 x 210 mm, bleed 3 mm") in text


def test_weasyprints_own_marks_are_rgb_in_form_xobjects_and_ours_are_not(small_build):
    # What WeasyPrint draws for `marks: crop`: RGB, inside form XObjects, in the bleed.
    pages = typeset("<style>@page { size: A5; bleed: 3mm; marks: crop }</style><p>x</p>")
    found = prepress.rgb_problems("x.pdf", list(paints(draw(pages).pdf)))
    assert "x.pdf: page 1 (form /x0): a line in DeviceRGB; a print file is CMYK only" in found
    for name in PRINT_FILES:
        assert prepress.rgb_problems(name, list(paints((small_build / "en" / name)
                                                       .read_bytes()))) == []


def test_links_are_dropped_from_print_files(small_build):
    document = pikepdf.open(small_build / "en" / "pupils-booklet-print.pdf")
    assert not any("/Annots" in page.obj for page in document.pages)


# --- 2. colour through the output profile ---

def littlecms(colour_hex: str, profile: Path) -> tuple[float, ...]:
    """Return a colour converted by LittleCMS directly, as the module should."""
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(profile)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), colour.rgb(colour_hex)), transform)
    return tuple(round(part / 255, 3) for part in pixel.getpixel((0, 0)))


@pytest.mark.parametrize("profile", list(colour.PROFILES))
def test_audience_colours_go_through_the_output_profile(profile):
    import yaml

    # The colours alone, read as they are written, whatever else the content holds.
    path = Path(__file__).parent.parent / "content" / "audiences.yaml"
    audiences = yaml.safe_load(path.read_text(encoding="utf-8"))["audiences"]
    assert len(audiences) == 10
    for audience in audiences:
        expected = littlecms(audience["colour"], colour.profile(profile).path)
        if colour.neutral(audience["colour"]):
            # A grey is black ink alone.
            assert colour.to_cmyk(audience["colour"], profile)[:3] == (0, 0, 0)
        else:
            assert colour.to_cmyk(audience["colour"], profile) == expected, audience["id"]
    # The children's blue: no longer the naive formula's 0.83/0.38/0/0.30.
    assert colour.to_cmyk("#1f6fb2", "swop") == littlecms("#1f6fb2", colour.paths.CMYK_PROFILE)
    assert colour.to_cmyk("#1f6fb2", "fogra39") != (0.83, 0.38, 0.0, 0.30)


def test_greys_are_black_ink_alone_and_text_solid_black():
    for profile in colour.PROFILES:
        palette = colour.press_palette(profile)
        assert palette["--text"] == "device-cmyk(0 0 0 1)"
        assert palette["--paper"] == "device-cmyk(0 0 0 0)"
        for name, value in palette.items():
            assert value.startswith("device-cmyk(0 0 0 "), name
    # Darker greys take more black; the screen's black is solid black.
    assert colour.to_cmyk("#000000", "fogra39") == colour.BLACK
    assert colour.to_cmyk("#ffffff", "fogra39") == colour.PAPER
    assert colour.to_cmyk("#888888", "fogra39")[3] > colour.to_cmyk("#b5b5b5", "fogra39")[3]


def test_print_text_is_100_k_and_the_cover_is_the_profiles_colour(small_build):
    painted = list(paints((small_build / "en" / "pupils-booklet-print.pdf").read_bytes()))
    body = [paint.cmyk for paint in painted if paint.kind == "text" and 9.5 < paint.size < 11.5]
    assert max(set(body), key=body.count) == colour.BLACK
    # Black text is solid black; the other text is white or the theme colour.
    assert {cmyk for cmyk in body if cmyk[3] >= 0.5} == {colour.BLACK}
    for paint in painted:
        cmyk = paint.cmyk
        if cmyk and cmyk[0] == cmyk[1] == cmyk[2]:
            assert cmyk[:3] == (0, 0, 0)  # a grey: black ink alone
    pupils = CONTENT.audience("pupils")
    cover = next(paint for paint in painted if paint.kind == "fill" and paint.page == 1)
    assert cover.cmyk == colour.to_cmyk(pupils.colour, "fogra39")
    assert theme_colour(pupils.colour, "print") == colour.css(cover.cmyk)


def test_pictograms_take_other_colours_through_the_profile():
    from booklet.render import pictogram

    svg = str(pictogram("agent", ink="INK", paper="PAPER",
                        other=lambda value: f"CONVERTED{value}"))
    assert "INK" in svg and "PAPER" in svg and "#fff" not in svg
    assert theme_colour("#333333", "print").startswith("device-cmyk(0 0 0 ")
    assert theme_colour("#1f6fb2", "mono") == "#000000"


def test_profile_from_the_command_line_else_the_edition_else_the_default(tmp_path):
    import dataclasses

    pupils = CONTENT.audience("pupils")
    laos = dataclasses.replace(GENERIC_EDITION, id="laos", profile="fogra29")
    assert compose(CONTENT, pupils, "handout").profile == "fogra39"
    assert compose(CONTENT, pupils, "handout", country=laos).profile == "fogra29"
    assert compose(CONTENT, pupils, "handout", country=laos, profile="swop").profile == "swop"


@pytest.mark.slow
def test_build_with_another_profile_embeds_it_as_the_output_intent(tmp_path):
    from booklet.cli import main

    assert main(["--content", str(SMALL), "--out", str(tmp_path), "--audience", "pupils",
                 "--format", "handout", "--variant", "print", "--profile", "swop"]) == 0
    document = pikepdf.open(tmp_path / "en" / "pupils-handout-print.pdf")
    (intent,) = document.Root.OutputIntents
    assert str(intent.OutputConditionIdentifier) == "Custom"
    assert intent.DestOutputProfile.read_bytes()[:128] == \
        colour.paths.CMYK_PROFILE.read_bytes()[:128]
    fills = {paint.cmyk for paint in paints(document) if paint.kind == "fill"}
    assert colour.to_cmyk(CONTENT.audience("pupils").colour, "swop") in fills


def test_the_default_profile_is_fogra39_as_the_output_intent(small_build):
    document = pikepdf.open(small_build / "en" / "pupils-booklet-print.pdf")
    (intent,) = document.Root.OutputIntents
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org"
    header = intent.DestOutputProfile.read_bytes()[:128]
    assert header[12:20] == b"prtrCMYK"
    assert header == (Path(__file__).parent.parent / "profiles" / "FOGRA39.icc").read_bytes()[:128]


# --- 3. the preflight for the press, each rule on a broken PDF ---

def one_page(drawing: bytes, resources: dict | None = None, xobject: bytes | None = None,
             image: tuple[int, int] | None = None) -> bytes:
    """Return a PDF of one page with boxes like a print page, drawing `drawing` (and,
    when given, a form XObject /Fm0 drawing `xobject`, which may hold an image /Im0)."""
    document = pikepdf.new()
    resources = pikepdf.Dictionary(resources or {})
    if xobject is not None:
        form_resources = pikepdf.Dictionary()
        if image:
            width, height = image
            form_resources.XObject = pikepdf.Dictionary(Im0=document.make_stream(
                bytes(width * height * 4), Type=pikepdf.Name.XObject,
                Subtype=pikepdf.Name.Image, Width=width, Height=height,
                ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8))
        resources.XObject = pikepdf.Dictionary(Fm0=document.make_stream(
            xobject, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 400, 400], Resources=form_resources))
    resources.Font = pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    document.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[-28, -28, 448, 623], BleedBox=[-8.5, -8.5, 428, 603.8],
        TrimBox=[0, 0, 419.5, 595.3], Resources=resources,
        Contents=document.make_stream(drawing))))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def check(rule, drawing: bytes, **extra) -> list[str]:
    """Return a press rule's problems on a one-page PDF."""
    return rule("x.pdf", list(paints(one_page(drawing, **extra))))


def test_reversed_text_under_8_pt_fails():
    white = b"0 0 0 0 k BT /F1 %d Tf 10 10 Td (x) Tj ET"
    assert check(prepress.reversed_text_problems, white % 7) == [
        "x.pdf: page 1: reversed (white) text of 7.0 pt; expected 8 pt at least, or the "
        "ink around it fills it in"]
    assert check(prepress.reversed_text_problems, white % 8) == []
    # Scaled down by the transformation, in a form: 16 pt at half size is 8 pt... and 6.
    assert check(prepress.reversed_text_problems, b"q 0.375 0 0 0.375 0 0 cm /Fm0 Do Q",
                 xobject=b"0 0 0 0 k BT /F1 16 Tf (x) Tj ET") == [
        "x.pdf: page 1 (form /Fm0): reversed (white) text of 6.0 pt; expected 8 pt at least, "
        "or the ink around it fills it in"]


def test_rich_black_text_fails_and_solid_black_passes():
    assert check(prepress.rich_black_problems,
                 b"0.6 0.4 0.4 1 k BT /F1 10 Tf (x) Tj ET") == [
        "x.pdf: page 1: black text in four inks (C 60 M 40 Y 40 K 100); black text is "
        "printed in 100% K alone"]
    assert check(prepress.rich_black_problems, b"0.3 0.3 0.3 0.6 k BT /F1 10 Tf (x) Tj ET")
    assert check(prepress.rich_black_problems, b"0 0 0 1 k BT /F1 10 Tf (x) Tj ET") == []
    # A dark colour is not black: the theme colours of the content.
    assert check(prepress.rich_black_problems,
                 b"0.514 0.271 0.18 0.702 k BT /F1 10 Tf (x) Tj ET") == []


def test_rgb_fails_in_page_content_forms_pictures_and_groups():
    assert check(prepress.rgb_problems, b"1 0 0 rg 0 0 10 10 re f") == [
        "x.pdf: page 1: a filled shape in DeviceRGB; a print file is CMYK only"]
    assert check(prepress.rgb_problems, b"/Fm0 Do", xobject=b"0 0 1 RG 0 0 m 9 9 l S") == [
        "x.pdf: page 1 (form /Fm0): a line in DeviceRGB; a print file is CMYK only"]
    icc = pikepdf.Array([pikepdf.Name.ICCBased, pikepdf.Stream(pikepdf.new(), b"", N=3)])
    pdf = one_page(b"/CS0 cs 1 0 0 sc 0 0 5 5 re f")
    document = pikepdf.open(io.BytesIO(pdf))
    document.pages[0].Resources.ColorSpace = pikepdf.Dictionary(
        CS0=pikepdf.Array([pikepdf.Name.ICCBased, document.make_stream(b"", N=3)]))
    document.pages[0].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency,
                                                     CS=pikepdf.Name.DeviceRGB)
    output = io.BytesIO()
    document.save(output)
    assert prepress.rgb_problems("x.pdf", list(paints(output.getvalue()))) == [
        "x.pdf: page 1 (page group): a transparency group's blending space in DeviceRGB; "
        "a print file is CMYK only",
        "x.pdf: page 1: a filled shape in ICCBased (3 components); a print file is CMYK only"]
    del icc


def test_lines_under_a_quarter_point_fail_stroked_or_filled():
    assert check(prepress.line_problems, b"0 0 0 1 K 0.1 w 0 0 m 100 0 l S") == [
        "x.pdf: page 1: a line of 0.10 pt; expected 0.25 pt at least, or it breaks up on "
        "the plate"]
    assert check(prepress.line_problems, b"0 0 0 1 K 0.25 w 0 0 m 100 0 l S") == []
    # A 0.5 pt line drawn at a third of its size, in a form.
    assert check(prepress.line_problems, b"q 0.3333 0 0 0.3333 0 0 cm /Fm0 Do Q",
                 xobject=b"0 0 0 1 K 0.5 w 0 0 m 100 0 l S") == [
        "x.pdf: page 1 (form /Fm0): a line of 0.17 pt; expected 0.25 pt at least, or it "
        "breaks up on the plate"]
    assert check(prepress.line_problems, b"0 0 0 1 k 0 0 100 0.1 re f") == [
        "x.pdf: page 1: a rule 0.10 pt wide; expected 0.25 pt at least, or it breaks up on "
        "the plate"]
    # A border as WeasyPrint draws it: a rectangle less the one inside it, filled.
    border = draw(typeset("<style>@page { size: A5 }</style>"
                          "<p style='border-top: 0.1pt solid black'>x</p>")).pdf
    assert prepress.line_problems("b.pdf", list(paints(border))) == [
        "b.pdf: page 1: a rule 0.10 pt wide; expected 0.25 pt at least, or it breaks up on "
        "the plate"]
    assert check(prepress.line_problems, b"0 0 0 1 k 0 0 100 20 re 0 0.3 100 19.7 re f*") == []


def test_pictures_under_300_ppi_fail_in_forms_too():
    # 100 pixels over 72 pt (one inch) is 100 ppi; over 24 pt, 300 ppi.
    assert check(prepress.image_problems, b"/Fm0 Do",
                 xobject=b"q 72 0 0 72 0 0 cm /Im0 Do Q", image=(100, 100)) == [
        "x.pdf: page 1 (form /Fm0): a picture of 100x100 pixels prints at 100 ppi; expected "
        "300 ppi at least: use a larger picture or print it smaller"]
    assert check(prepress.image_problems, b"/Fm0 Do",
                 xobject=b"q 24 0 0 24 0 0 cm /Im0 Do Q", image=(100, 100)) == []


def test_ink_is_measured_on_the_separations_and_over_300_percent_fails():
    pdf = one_page(b"0.9 0.8 0.7 0.6 k -8.5 -8.5 436.5 612.3 re f")
    profile = colour.profile("fogra39").path
    (page,) = ink.rendered(pdf, profile)
    assert page.highest == pytest.approx(300, abs=1)
    assert page.method == "separations"
    pdf = one_page(b"1 0.9 0.8 0.7 k 0 0 100 100 re f 0 0 0 1 k 200 200 50 50 re f")
    (page,) = ink.rendered(pdf, profile)
    assert page.highest == pytest.approx(340, abs=1)
    assert prepress.ink_problems("x.pdf", [page], 300) == [
        "x.pdf: page 1: 340% total ink (C 100 M 90 Y 80 K 70); the press takes 300% at most: "
        "use a lighter colour"]


def measured_both_ways(drawing: bytes, **extra) -> tuple[list, list]:
    """Return a one-page PDF's ink as `ink.measure` gives it and as rendered."""
    pdf = one_page(drawing, **extra)
    profile = colour.profile("fogra39").path
    return ink.measure(pdf, profile), ink.rendered(pdf, profile)


@pytest.mark.parametrize("drawing, highest, separations", [
    # The darkest of two fills, wherever on the page; a lighter one over it changes nothing.
    (b"1 0.9 0.8 0.7 k 0 0 100 100 re f 0 0 0 1 k 200 200 50 50 re f", 340, 340),
    # A crop mark in registration colour (400%) outside the bleed is not on the sheet kept.
    (b"0.2 0.2 0 0 k 0 0 100 100 re f q [/Separation /All /DeviceCMYK "
     b"<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>] CS 1 SCN "
     b"0.3 w -8.504 0 m -22.677 0 l S Q", 40, 40),
    # ... but inside the bleed it is, on all four plates (Ghostscript's composite device
    # renders it in black alone).
    (b"0.2 0.2 0 0 k 0 0 100 100 re f q [/Separation /All /DeviceCMYK "
     b"<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>] CS 0.5 SCN "
     b"2 w 10 10 m 50 10 l S Q", 200, 50),
    # Text in a form, moved by a matrix; a grey.
    (b"q 0.5 0 0 0.5 100 100 cm /Fm0 Do Q 0.5 g 300 300 50 50 re f", 150, 150),
])
def test_ink_read_from_the_colours_is_what_the_separations_measure(drawing, highest,
                                                                  separations):
    counted, rendered = measured_both_ways(
        drawing, xobject=b"BT /F1 40 Tf 0.5 0.5 0.5 0 k 10 10 Td (HHH) Tj ET")
    assert counted[0].method == "colours"
    assert counted[0].highest == pytest.approx(highest, abs=0.5)
    assert rendered[0].highest == pytest.approx(separations, abs=1.5)


@pytest.mark.parametrize("drawing", [
    # Multiply adds the inks of what overlaps: 2 x 100% cyan and magenta in one place.
    b"1 1 0 0 k 0 0 100 100 re f /Multiply gs 0 0 1 1 k 50 50 100 100 re f",
    # Overprint keeps the inks under the yellow.
    b"1 1 0 0 k 0 0 100 100 re f /Overprint gs 0 0 1 1 k 50 50 100 100 re f",
])
def test_ink_of_colours_that_mix_is_measured_on_the_separations(drawing):
    resources = {"/ExtGState": pikepdf.Dictionary(
        Multiply=pikepdf.Dictionary(BM=pikepdf.Name.Multiply),
        Overprint=pikepdf.Dictionary(OP=True, op=True, OPM=1))}
    counted, rendered = measured_both_ways(drawing, resources=resources)
    # Where they overlap the page carries 400%, which no single colour painted says.
    assert counted[0].method == "separations"
    assert counted[0].highest == pytest.approx(400, abs=1.5)
    assert counted == rendered


def test_ink_of_a_picture_is_its_darkest_pixel():
    pdf = pikepdf.open(io.BytesIO(one_page(b"q 100 0 0 100 50 50 cm /Im0 Do Q")))
    pixels = bytes([0, 0, 0, 0] * 3 + [230, 230, 230, 230])  # the last at 360%
    pdf.pages[0].Resources.XObject = pikepdf.Dictionary(Im0=pdf.make_stream(
        pixels, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=2,
        ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8))
    output = io.BytesIO()
    pdf.save(output)
    (page,) = ink.measure(output.getvalue(), colour.profile("fogra39").path)
    assert (page.method, page.highest, page.cmyk) == ("colours", 360.8, (90.2,) * 4)
    assert prepress.ink_problems("x.pdf", [page], 300) == [
        "x.pdf: page 1: 361% total ink (C 90 M 90 Y 90 K 90); the press takes 300% at most: "
        "use a lighter colour"]


def test_ink_of_the_print_files_is_the_cover_colour(small_build):
    pdf = (small_build / "en" / "pupils-booklet-print.pdf").read_bytes()
    profile = colour.profile("fogra39").path
    measured = ink.measure(pdf, profile)
    cover = colour.to_cmyk(CONTENT.audience("pupils").colour, "fogra39")
    assert [page.method for page in measured] == ["colours"] * len(measured)
    assert measured[0].highest == pytest.approx(sum(cover) * 100, abs=0.2)
    assert max(page.highest for page in measured) <= 300
    # Read from the colours, every page's highest ink is what its separations measure.
    assert [page.highest for page in measured] == pytest.approx(
        [page.highest for page in ink.rendered(pdf, profile)], abs=1)


# --- 6. validation: qpdf --check and the PDF/X-4 rules ---

@pytest.mark.parametrize("name", PRINT_FILES)
def test_every_print_file_passes_qpdf_check_and_the_pdfx4_rules(small_build, name):
    assert shutil.which("qpdf"), "qpdf is installed from scripts/test-packages.txt"
    path = small_build / "en" / name
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
    assert pdfx.problems(name, path.read_bytes()) == []


def test_the_pdfx4_rules_catch_a_broken_file(small_build):
    document = pikepdf.open(small_build / "en" / "pupils-handout-print.pdf")
    del document.Root["/OutputIntents"]
    del document.pages[0].obj["/TrimBox"]
    document.pages[0].obj.Annots = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[10, 10, 50, 50])])
    document.trailer.Info.Trapped = pikepdf.Name("/Unknown")
    output = io.BytesIO()
    document.save(output)
    assert pdfx.problems("h.pdf", output.getvalue()) == [
        "h.pdf: the Info dictionary does not say whether the file is trapped (/Trapped /True "
        "or /False)",
        "h.pdf: expected one PDF/X output intent, found 0",
        "h.pdf: page 1: no TrimBox",
        "h.pdf: page 1: a Link annotation inside the bleed"]
    assert pdfx.problems("r.pdf", one_page(b"/Fm0 Do", xobject=b"1 0 0 rg 0 0 5 5 re f"))[-2:] \
        == ["r.pdf: page 1: font Helvetica is not embedded",
            "r.pdf: page 1: form /Fm0: fill in device RGB, which a PDF/X file with a CMYK "
            "output intent may not use"]


# --- 4. the report for the print shop ---

def test_the_print_report_is_written_and_linked_from_the_catalogue(small_build):
    report = (small_build / "en" / "pupils-booklet-print-report.html").read_text()
    for words in ("148 × 210 mm", "3 mm on every side", "Saddle stitch", "8 pages",
                  "FOGRA39", "relative colorimetric, with black-point compensation",
                  "Noto-Sans", "Highest ink", "read from the colours painted",
                  "Total area coverage", "Reversed (white) text 8 pt at least",
                  "No RGB", "Line weights 0.25 pt", "300 ppi", "PDF/X-4", "qpdf"):
        assert words in report, words
    assert report.count('class="ok"') == len(prepress.CHECK_WORDS)
    handout = (small_build / "en" / "pupils-handout-print-report.html").read_text()
    assert "210 × 297 mm" in handout and "Flat sheet" in handout
    catalogue = (small_build / "index.html").read_text()
    assert 'href="en/pupils-booklet-print-report.html"' in catalogue
    assert not (small_build / "en" / "pupils-booklet-screen-report.html").exists()


def test_rgb_pictures_are_converted_to_cmyk_through_the_profile():
    from booklet.press import pictures_to_cmyk

    document = pikepdf.new()
    image = document.make_indirect(document.make_stream(
        bytes([255, 0, 0] * 4), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
        Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8))
    pictures_to_cmyk(document, "fogra39")
    assert image.ColorSpace == "/DeviceCMYK"
    pixel = pikepdf.PdfImage(image).as_pil_image().getpixel((0, 0))
    assert tuple(round(part / 255, 3) for part in pixel) == colour.to_cmyk("#ff0000", "fogra39")
