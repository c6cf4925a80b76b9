"""Country and partner editions: the schema of an edition file, numbers checked with
libphonenumber, stale contacts, QR codes decoded back from the printed pages, the paths and
manifest entries of each edition, and the generic edition as it always was."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import zxingcpp

from booklet import editions, phones, qrcode, write
from booklet.build import Request, build
from booklet.cli import main
from booklet.compose import compose
from booklet.errors import ContentError
from booklet.formats import FORMATS, VARIANTS
from booklet.load import load
from booklet.plan import UsageError
from booklet.render import render

from conftest import PROJECT_CONTENT, SMALL, page_texts

#: What the rendered pages are decoded at, in dots per inch.
DPI = 300
MM_PER_INCH = 25.4

EDITION = """\
id: testland
name: Testland
country: KH
languages: [en]
partners:
  - name: Friends of the Village School
    logo: pictograms/handshake.svg
contacts:
  - name: Child help line
    phone: "1280"
    unlisted_short_code: true
    web: https://example.org/help
    hours: 24/7
    audiences: [pupils, everyone]
    source: A test source, page 1.
    checked_on: {checked}
  - name: Office line
    phone: "023 997 919"
    source: A test source, page 2.
    checked_on: {checked}
  - name: Help on the web
    web: https://example.org/report
    source: A test source, page 3.
    checked_on: {checked}
"""

#: The printed form, tel: link and QR code of each contact of EDITION.
PRINTED = {"Child help line": ("1280", "tel:1280"),
           "Office line": ("023 997 919", "tel:+85523997919"),
           "Help on the web": ("", "https://example.org/report")}


def with_edition(folder: Path, text: str, name: str = "testland.yaml") -> Path:
    """Write an edition file into a content folder; return the folder."""
    (folder / "editions").mkdir(exist_ok=True)
    (folder / "editions" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def edition_content(small_content) -> Path:
    """Return a copy of the small content with the Testland edition, checked today."""
    return with_edition(small_content, EDITION.format(checked=datetime.date.today()))


def problems_of(folder: Path) -> list[str]:
    """Return the problem lines of a content folder that does not load."""
    with pytest.raises(ContentError) as raised:
        load(folder)
    return raised.value.lines()


# The schema: every problem of an edition at once, each at its line.

def test_schema_reports_every_problem_of_an_edition_at_its_line(small_content):
    with_edition(small_content, """\
id: testland
name: Testland
country: XX
languages: [en, fr]
partners:
  - name: Partner
    logo: ../secret.svg
contacts:
  - name: Nobody
    source: nowhere
    checked_on: 2020-01-01
    audiences: [aliens]
""")
    joined = "\n".join(problems_of(small_content))
    assert re.search(r"content/editions/testland\.yaml:3: country: expected an ISO 3166-1 "
                     r"alpha-2 country code with telephone numbers, such as 'KH', 'LA', 'TH' or "
                     r"'VN', found 'XX'", joined)
    assert re.search(r"testland\.yaml:4: languages\[1\]: expected a language of the content "
                     r"\(en\), found 'fr'", joined)
    assert re.search(r"testland\.yaml:7: partners\[0\]\.logo: expected a picture in assets/ "
                     r"that can be drawn, found '\.\./secret\.svg', which leads outside it",
                     joined)
    assert re.search(r"testland\.yaml:9: contacts\[0\]: expected a phone number, a web "
                     r"address or both, found neither", joined)
    assert re.search(r"testland\.yaml:12: contacts\[0\]\.audiences\[0\]: expected a known "
                     r"audience id \(pupils, officials, everyone\), found 'aliens'", joined)


def test_schema_refuses_a_number_that_is_not_one_of_the_country(small_content):
    text = EDITION.format(checked="2026-11-01").replace('phone: "023 997 919"',
                                                        'phone: "023 99"')
    text = text.replace('    unlisted_short_code: true\n', '')
    lines = "\n".join(problems_of(with_edition(small_content, text)))
    # 1280 is not in libphonenumber's short-number metadata for Cambodia.
    assert re.search(r"testland\.yaml:10: contacts\[0\]\.phone: expected a telephone number "
                     r"of KH that libphonenumber \([0-9.]+\) knows \(a full number, or a short "
                     r"code it lists\), found '1280'", lines)
    assert re.search(r"testland\.yaml:17: contacts\[1\]\.phone: expected a telephone number "
                     r"of KH .* found '023 99'", lines)


def test_schema_refuses_an_unlisted_mark_on_a_listed_short_code(small_content):
    text = EDITION.format(checked="2026-11-01").replace('phone: "1280"', 'phone: "117"')
    lines = "\n".join(problems_of(with_edition(small_content, text)))
    assert re.search(r"testland\.yaml:10: contacts\[0\]\.phone: expected unlisted_short_code "
                     r"only for a short code that libphonenumber .* found '117', which it "
                     r"lists for KH; remove unlisted_short_code", lines)


def test_schema_refuses_a_day_of_checking_to_come_and_a_file_named_otherwise(small_content):
    text = EDITION.format(checked="2999-01-01")
    lines = "\n".join(problems_of(with_edition(small_content, text, "otherland.yaml")))
    assert re.search(r"otherland\.yaml:1: id: expected 'otherland', the name of the file, "
                     r"found 'testland'", lines)
    assert re.search(r"otherland\.yaml:16: contacts\[0\]\.checked_on: expected a day no "
                     r"later than today \(.*\), found 2999-01-01", lines)


@pytest.mark.parametrize("edition_id", ["generic", "thumbnails", "en"])
def test_schema_refuses_an_id_the_build_folder_uses_otherwise(small_content, edition_id):
    text = EDITION.format(checked="2026-11-01").replace("id: testland", f"id: {edition_id}")
    lines = "\n".join(problems_of(with_edition(small_content, text, f"{edition_id}.yaml")))
    assert re.search(rf"{edition_id}\.yaml:1: id: expected an id other than the names of the "
                     rf"build folder's other folders .* found '{edition_id}'", lines)


def test_an_editions_folder_leading_out_of_the_content_is_refused(small_content, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    outside = with_edition(tmp_path / "elsewhere", EDITION.format(checked="2026-11-01"))
    (small_content / "editions").symlink_to(outside / "editions")
    assert any(line.endswith("editions: expected a folder inside the content folder, found a "
                             "link to a folder outside it") for line in problems_of(small_content))


# Numbers, as libphonenumber reads them and as they are dialled.

@pytest.mark.parametrize("country, phone, unlisted, printed, link", [
    ("KH", "023 997 919", False, "023 997 919", "tel:+85523997919"),
    ("KH", "+855 23 997 919", False, "023 997 919", "tel:+85523997919"),
    ("KH", "117", False, "117", "tel:117"),
    ("KH", "1280", True, "1280", "tel:1280"),
    ("TH", "191", False, "191", "tel:191"),
    ("TH", "1694", False, "1694", "tel:1694"),
    ("TH", "02-659-6242", False, "02 659 6242", "tel:+6626596242"),
    ("LA", "1362", True, "1362", "tel:1362"),
])
def test_numbers_print_as_they_are_dialled(country, phone, unlisted, printed, link):
    assert phones.dialled(phone, country, unlisted) == (printed, link)


@pytest.mark.parametrize("country, phone, unlisted", [
    ("TH", "1300", False), ("KH", "1280", False), ("KH", "012", True), ("KH", "0123", True),
    ("TH", "+855 23 997 919", False), ("KH", "12 34", False),
])
def test_numbers_not_of_the_country_are_refused(country, phone, unlisted):
    with pytest.raises(phones.PhoneError):
        phones.dialled(phone, country, unlisted)


# Stale contacts: print and imposed builds stop; screen builds warn.

def stale(content: Path) -> Path:
    """Make the Testland edition's contacts last checked long ago."""
    path = content / "editions" / "testland.yaml"
    path.write_text(re.sub(r"checked_on: .*", "checked_on: 2020-01-01", path.read_text()))
    return content


def test_stale_contact_stops_the_print_build_with_a_clear_message(edition_content, tmp_path,
                                                                  capsys):
    stale(edition_content)
    status = main(["--content", str(edition_content), "--out", str(tmp_path / "out"),
                   "--edition", "testland", "--variant", "print"])
    errors = capsys.readouterr().err.splitlines()
    assert status == 1
    assert any(re.search(r"testland\.yaml:16: contacts\[0\]\.checked_on: expected a contact "
                         r"checked at its source in the last 12 months, found 2020-01-01 \(due "
                         r"again by 2021-01-01\); check 'Child help line' at its source", line)
               for line in errors), errors
    assert errors[-1].startswith("expected every contact printed to have been checked at its "
                                 "source within its edition's limit, found 3 not;")
    assert not (tmp_path / "out" / "testland").exists()


def test_stale_contact_is_a_warning_for_screen_builds_and_when_allowed(edition_content,
                                                                        capsys):
    content = load(stale(edition_content))
    chosen = editions.select_editions(content, ("testland",))
    for request in (Request(edition_content, Path("unused"), variants=("screen",)),
                    Request(edition_content, Path("unused"), allow_stale_contacts=True)):
        editions.refuse_stale_contacts(chosen, ["pupils"], request)
        assert capsys.readouterr().err.count("warning: ") == 3


def test_the_edition_sets_how_old_a_check_may_be(edition_content):
    path = edition_content / "editions" / "testland.yaml"
    path.write_text(path.read_text().replace("contacts:", "stale_after_months: 6\ncontacts:"))
    edition = load(edition_content).editions[0]
    edition = dataclasses.replace(edition, contacts=tuple(
        dataclasses.replace(contact, checked_on=datetime.date(2026, 1, 31))
        for contact in edition.contacts))
    assert editions.stale_after(edition.contacts[0], 6) == datetime.date(2026, 7, 31)
    assert not editions.stale_contacts([edition], ["pupils"], datetime.date(2026, 7, 31))
    found = editions.stale_contacts([edition], ["pupils"], datetime.date(2026, 8, 1))
    assert len(found) == 3 and "in the last 6 months" in found[0].message
    # Only the contacts of the audiences built count.
    assert len(editions.stale_contacts([edition], ["officials"], datetime.date(2026, 8, 1))) == 2


# Editions asked for, translated names, the manifest and the output folder.

def test_an_unknown_edition_is_refused_with_the_known_ones(edition_content, tmp_path):
    with pytest.raises(UsageError, match=r"--edition: expected a known edition \(generic, "
                                         r"testland\), found 'nowhere'"):
        build(Request(edition_content, tmp_path / "out", editions=("nowhere",)))


def test_contact_names_are_in_the_language_of_the_output():
    content = load(PROJECT_CONTENT)
    request = Request(PROJECT_CONTENT, Path("unused"), editions=("cambodia",),
                      audiences=("children",))
    audiences = [content.audience("children")]
    printed = {localized.publication.language: compose(localized, audiences[0], "booklet",
                                                       country=edition).contacts
               for edition, localized in editions.printings(content, audiences, request)}
    assert list(printed) == ["km", "en"]
    assert printed["en"][0].name == "Child Helpline Cambodia"
    assert printed["km"][0].name == "ខ្សែទូរស័ព្ទជំនួយកុមារកម្ពុជា"
    assert [contact.number for contact in printed["km"]] == ["1280", "117"]


@pytest.mark.parametrize("edition, path, valid", [
    ("generic", "en/pupils-handout-screen.pdf", True),
    ("testland", "testland/en/pupils-handout-screen.pdf", True),
    ("testland", "en/pupils-handout-screen.pdf", False),
    ("generic", "testland/en/pupils-handout-screen.pdf", False),
    ("thumbnails", "thumbnails/en/pupils-handout-screen.pdf", False),
    ("../up", "../up/en/pupils-handout-screen.pdf", False),
])
def test_a_manifest_entry_is_used_only_with_the_path_of_its_edition(edition, path, valid):
    entry = {"audience": "pupils", "format": "handout", "variant": "screen", "lang": "en",
             "paper": "a4", "path": path, "pages": 1, "bytes": 10, "sha256": "0" * 64,
             "inputs": "", "edition": edition}
    assert (write.entry_problem(entry) is None) == valid


def test_partial_files_are_removed_from_edition_folders_only(tmp_path):
    ours = tmp_path / "testland" / "en" / ".pupils-booklet-print.pdf.a1b2c3d4.part"
    theirs = tmp_path / "notes" / "en" / ".x.pdf.a1b2c3d4.part"
    for path in (ours, theirs):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"half")
    write.remove_partial_files(tmp_path, ("testland",))
    assert not ours.exists() and theirs.exists()


# QR codes: vector, with their quiet zone, at a module size a phone reads.

def test_qr_code_is_a_vector_drawing_with_its_quiet_zone():
    svg = qrcode.svg("tel:1280", 0.8, "device-cmyk(0 0 0 1)", "device-cmyk(0 0 0 0)")
    code = qrcode.encode("tel:1280")
    assert code.version == 1 and code.size == 21 + 2 * qrcode.QUIET_ZONE
    assert f'width="{29 * 0.8:.2f}mm"' in svg and 'viewBox="0 0 29 29"' in svg
    assert 'fill="device-cmyk(0 0 0 1)"' in svg and "<image" not in svg
    # The quiet zone is light all round: four rows and columns of light modules.
    for index in range(qrcode.QUIET_ZONE):
        for line in (code.rows[index], code.rows[-1 - index],
                     [row[index] for row in code.rows], [row[-1 - index] for row in code.rows]):
            assert not any(line)
    with pytest.raises(ValueError):
        qrcode.svg("tel:1280", 0.4, "#000", "#fff")


def decoded_codes(pdf: Path) -> list[tuple[int, str, float, float, bool]]:
    """Return each QR code found on each page of a PDF, rendered at `DPI`: its page, its
    text, its module and its printed side (quiet zone included) in millimetres, and
    whether its quiet zone is blank."""
    found = []
    document = pypdfium2.PdfDocument(str(pdf))
    for number in range(len(document)):
        picture = document[number].render(scale=DPI / 72).to_pil().convert("L")
        for code in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode):
            modules = 17 + 4 * int(code.extra["Version"])
            corners = code.position
            width = corners.top_right.x - corners.top_left.x
            module = width / modules
            quiet = quiet_zone_is_blank(picture, corners, module)
            module_mm = module / DPI * MM_PER_INCH
            side_mm = (modules + 2 * qrcode.QUIET_ZONE) * module_mm
            found.append((number + 1, code.text, module_mm, side_mm, quiet))
    return found


def quiet_zone_is_blank(picture, corners, module: float) -> bool:
    """Return whether the four modules round a code's symbol are all light."""
    margin = qrcode.QUIET_ZONE * module
    left, top = corners.top_left.x, corners.top_left.y
    right, bottom = corners.bottom_right.x, corners.bottom_right.y
    # A module's width inside the zone's outer edge, and half of one from the symbol.
    outer = (left - margin + module / 2, top - margin + module / 2,
             right + margin - module / 2, bottom + margin - module / 2)
    pixels = picture.load()
    ring = [(x, y) for x in range(int(outer[0]), int(outer[2]))
            for y in range(int(outer[1]), int(outer[3]))
            if not (left - module / 2 <= x <= right + module / 2
                    and top - module / 2 <= y <= bottom + module / 2)]
    return min(pixels[x, y] for x, y in ring) > 200


@pytest.fixture(scope="module")
def edition_build(tmp_path_factory) -> Path:
    """Build the Testland edition and the generic one of the small content; return the
    output folder."""
    folder = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(SMALL, folder)
    with_edition(folder, EDITION.format(checked=datetime.date.today()))
    out = tmp_path_factory.mktemp("editions")
    build(Request(content=folder, out=out, audiences=("pupils", "officials"), jobs=2))
    return out


def manifest(out: Path) -> list[dict]:
    """Return the entries of a build's manifest."""
    return json.loads((out / "manifest.json").read_text())["outputs"]


@pytest.mark.slow
def test_each_edition_has_its_folder_and_its_entries(edition_build):
    entries = manifest(edition_build)
    for entry in entries:
        folder = "" if entry["edition"] == "generic" else f"{entry['edition']}/"
        assert entry["path"] == (f"{folder}en/{entry['audience']}-{entry['format']}-"
                                 f"{entry['variant']}.pdf")
    assert sorted({entry["edition"] for entry in entries}) == ["generic", "testland"]
    assert len(entries) == 2 * 2 * sum(len(format.variants) for format in FORMATS.values())
    html = (edition_build / "index.html").read_text()
    assert "Testland edition, language: en" in html and "Language: en" in html


@pytest.mark.slow
def test_every_qr_code_decodes_to_its_contact_at_a_readable_size(edition_build):
    decoded = 0
    for entry in manifest(edition_build):
        pdf = edition_build / entry["path"]
        codes = decoded_codes(pdf)
        if entry["edition"] == "generic":
            assert codes == [], entry["path"]
            continue
        serves = [name for name in PRINTED
                  if entry["audience"] == "pupils" or name != "Child help line"]
        expected = [PRINTED[name][1] for name in serves]
        texts = [text for _, text, _, _, _ in codes]
        # Each contact on the help page or in the help box; the hotline also on the back.
        assert sorted(set(texts)) == sorted(expected), entry["path"]
        if entry["format"] == "booklet" and VARIANTS[entry["variant"]].laid_out:
            assert texts.count(expected[0]) == 2, entry["path"]
        for page, text, module_mm, side_mm, quiet in codes:
            assert module_mm >= qrcode.MIN_MODULE_MM - 0.02, (entry["path"], page, text)
            assert side_mm >= 15, (entry["path"], page, text)
            assert quiet, (entry["path"], page, text)
        decoded += len(codes)
    assert decoded >= 20


@pytest.mark.slow
def test_each_number_prints_as_dialled_with_the_stamp_line(edition_build):
    for entry in manifest(edition_build):
        text = " ".join(page_texts(edition_build / entry["path"]))
        if entry["edition"] == "generic":
            assert "023 997 919" not in text and "Local contact" not in text
            continue
        assert "023 997 919" in text and "example.org/report" in text
        assert ("1280" in text) == (entry["audience"] == "pupils")
        assert "Local contact:" in text
        if entry["format"] == "booklet":
            # The back cover: the last page, or on the first sheet of an imposed booklet.
            back = -1 if VARIANTS[entry["variant"]].laid_out else 0
            assert "Friends of the Village School" in page_texts(
                edition_build / entry["path"])[back]


def qr_paints(page) -> list[list]:
    """Return the colour of each fill painted with the QR code's path operators (a run of
    ``m``/``h``/``v`` drawing modules), as the operands that set it."""
    colour, paints, drawn = [], [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("rg", "k", "scn", "sc", "g"):
            colour, drawn = [float(value) for value in operands], 0
        elif name in ("m", "l", "h", "v", "re"):
            drawn += 1
        elif name in ("f", "f*") and drawn > 50:
            paints.append(colour)
    return paints


@pytest.mark.slow
def test_qr_codes_are_black_ink_alone_in_print(edition_build):
    """In print, every QR code is filled with CMYK black alone; on screen, with black."""
    for variant, ink in (("print", [0, 0, 0, 1]), ("screen", [0, 0, 0])):
        pdf = edition_build / "testland" / "en" / f"pupils-booklet-{variant}.pdf"
        with pikepdf.open(pdf) as document:
            paints = [paint for page in document.pages for paint in qr_paints(page)]
        assert len(paints) == 4 and all(paint == ink for paint in paints), (variant, paints)


@pytest.mark.slow
def test_the_generic_edition_keeps_its_lines_and_its_paths(edition_build):
    content = load(SMALL)
    audience = content.audience("pupils")
    html = render(compose(content, audience, "booklet"), datetime.datetime(2026, 1, 1))
    assert html.count('<dd class="blank">') == sum(1 for help in audience.help
                                                    if not help.details) == 1
    assert "<dd>1300</dd>" in html
    assert 'class="contacts"' not in html and "<svg class=\"qr\"" not in html
    generic = [entry for entry in manifest(edition_build) if entry["edition"] == "generic"]
    assert sorted(entry["path"] for entry in generic) == sorted(
        f"en/{audience}-{format.id}-{variant}.pdf" for audience in ("pupils", "officials")
        for format in FORMATS.values() for variant in format.variants)


@pytest.mark.slow
@pytest.mark.parametrize("edition_id", ["cambodia", "thailand", "laos"])
def test_the_project_editions_print_their_sourced_numbers(tmp_path, edition_id):
    content = load(PROJECT_CONTENT)
    edition = next(edition for edition in content.editions if edition.id == edition_id)
    for contact in edition.contacts:
        assert contact.source and contact.checked_on
    build(Request(PROJECT_CONTENT, tmp_path, audiences=("children",), formats=("booklet",),
                  variants=("screen",), editions=(edition_id,), jobs=2))
    for language in edition.languages:
        pdf = tmp_path / edition_id / language / "children-booklet-screen.pdf"
        text = " ".join(page_texts(pdf))
        contacts = editions.hotlines(edition, "children")
        for contact in contacts:
            assert contact.number in text, (language, contact)
        assert {code[1] for code in decoded_codes(pdf)} == {contact.code
                                                              for contact in contacts}


def test_the_session_names_its_edition(tmp_path):
    from booklet.pack import load_session

    content = load(PROJECT_CONTENT)
    session = tmp_path / "session.yaml"
    text = Path(PROJECT_CONTENT.parent / "examples" / "session.yaml").read_text()
    session.write_text(text.replace("language: en", "language: th\nedition: cambodia"))
    with pytest.raises(ContentError) as raised:
        load_session(session, content)
    assert "language: expected a language the cambodia edition is printed in (km, en), " \
           "found 'th'" in raised.value.lines()[0]
    session.write_text(text.replace("language: en", "language: km\nedition: cambodia"))
    assert load_session(session, content).edition == "cambodia"
    session.write_text(text.replace("language: en", "language: en\nedition: atlantis"))
    with pytest.raises(ContentError, match="1 problem"):
        load_session(session, content)


def test_editions_are_listed_and_checked(capsys):
    assert main(["list", "--content", str(PROJECT_CONTENT)]) == 0
    listed = capsys.readouterr().out
    assert "editions:" in listed and "cambodia" in listed and "generic" in listed
    lines = editions.edition_report(load(PROJECT_CONTENT))
    assert any(line.strip().startswith("1280, https://childhelplinecambodia.org/: Child "
                                       "Helpline Cambodia (checked ") for line in lines)


def test_an_edition_asked_for_in_a_language_it_is_not_printed_in_is_refused():
    content = load(PROJECT_CONTENT)
    request = Request(PROJECT_CONTENT, Path("unused"), editions=("thailand",), languages=("km",))
    with pytest.raises(UsageError, match=r"--lang: expected a language of the edition "
                                         r"'thailand' \(th, en\), found 'km'"):
        editions.printings(content, list(content.audiences), request)


@pytest.mark.slow
def test_a_removed_edition_takes_its_outputs_with_it(edition_content, tmp_path):
    out = tmp_path / "out"
    request = Request(edition_content, out, audiences=("pupils",), formats=("handout",),
                      variants=("screen",))
    build(request)
    assert (out / "testland" / "en" / "pupils-handout-screen.pdf").is_file()
    (edition_content / "editions" / "testland.yaml").unlink()
    build(request)
    assert not (out / "testland" / "en" / "pupils-handout-screen.pdf").exists()
    assert {entry["edition"] for entry in manifest(out)} == {"generic"}


@pytest.mark.slow
def test_a_session_pack_holds_the_booklets_of_its_edition(edition_content, tmp_path):
    from booklet.pack import pack

    session = tmp_path / "session.yaml"
    session.write_text("title: A day\ndate: 2026-12-05\nplace: Hall\ntrainer: Trainer\n"
                       "language: en\nedition: testland\npaper: a4\nparticipants:\n"
                       "  - audience: pupils\n    booklets: 2\n    handouts: 1\n")
    made = pack(session, Request(edition_content, tmp_path / "build", jobs=2),
                tmp_path / "pack")
    assert [item.path for item in made.items] == ["testland/en/pupils-booklet-imposed.pdf",
                                                  "testland/en/pupils-handout-screen.pdf"]
    assert "tel:1280" in {code[1] for code in decoded_codes(made.pdf)}


def test_a_web_address_breaks_only_before_a_dot_or_after_a_slash():
    # The Cambodian child helpline's address, in the column beside its QR code, broke
    # as "childhelplinecambodia.or|g".
    from booklet import paths, weasy
    from booklet.render import web_address
    from booklet.typeset import typeset

    assert web_address("https://childhelplinecambodia.org/") \
        == "childhelplinecambodia\u200b.org"
    assert web_address("https://www.ilo.org/a?b=<c>") == "www\u200b.ilo\u200b.org/\u200ba?b=<c>"
    html = (f'<html><head><link rel="stylesheet" href="{paths.STYLES.as_uri()}/common.css">'
            '</head><body><div style="width: 34mm"><p class="contact-web">'
            f'<a href="https://childhelplinecambodia.org/">'
            f'{web_address("https://childhelplinecambodia.org/")}</a></p></div></body></html>')
    lines = [line.text for page in typeset(html).document.pages
             for line in weasy.lines(page)]
    assert lines == ["childhelplinecambodia\u200b", ".org"]
