"""Hostile input: each finding of the security review, reproduced, and held closed.

Each test is named after its finding (see docs/security.md). The preview server's
findings are in tests/test_preview_security.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from booklet import assets, paths, write
from booklet.build import Request, build, build_with_report
from booklet.cli import main
from booklet.errors import ContentError, LayoutError
from booklet.load import load
from booklet.pack import combine, Item
from booklet.write import OutputFolderError, output_folder, read_manifest

from conftest import SMALL

PROJECT = Path(__file__).parent.parent
SECRET = "SECRET-2c9e41-DO-NOT-PRINT"
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" fill="currentColor">'
PIXEL = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5E"
         "rkJggg==")


@pytest.fixture
def own_assets(tmp_path, monkeypatch) -> Path:
    """Use a copy of the project's assets, free to spoil; return it."""
    folder = tmp_path / "assets"
    shutil.copytree(paths.ASSETS, folder, symlinks=True)
    monkeypatch.setattr(paths, "ASSETS", folder)
    return folder


def use_pictogram(content: Path, name: str) -> int:
    """Make the small fixture's first key message show a pictogram; return its line."""
    path = content / "audiences.yaml"
    text = path.read_text()
    path.write_text(text.replace("pictogram: school", f"pictogram: {name}", 1))
    return text.splitlines().index("        pictogram: school") + 1


def content_problems(content: Path) -> list[str]:
    """Return the lines of the content error loading a folder raises."""
    with pytest.raises(ContentError) as raised:
        load(content)
    return [str(problem) for problem in raised.value.problems]


# 1. Leak: a pictogram that is a link to any file was printed into the PDF.

def test_leak_a_pictogram_linked_outside_the_assets_is_refused(small_content, own_assets,
                                                                 tmp_path):
    secret = tmp_path / "secret.svg"
    secret.write_text(f"{SVG_OPEN}<title>{SECRET}</title></svg>")
    (own_assets / "pictograms" / "leak.svg").symlink_to(secret)
    line = use_pictogram(small_content, "leak")
    assert content_problems(small_content) == [
        f"{small_content}/audiences.yaml:{line}: audiences[0].key_messages[0].pictogram: "
        "expected a pictogram that can be drawn, found assets/pictograms/leak.svg, which "
        "leads outside it"]


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_leak_a_pictogram_that_is_no_regular_file_is_refused(small_content, own_assets, kind):
    path = own_assets / "pictograms" / "endless.svg"
    if kind == "device":
        # Inside the assets, a link to an endless device: refused without reading it.
        (own_assets / "zero").symlink_to("/dev/zero")
        path.symlink_to(own_assets / "zero")
        expected = "which leads outside it"
    else:
        os.mkfifo(path)
        expected = "which is not a regular file"
    line = use_pictogram(small_content, "endless")
    assert content_problems(small_content) == [
        f"{small_content}/audiences.yaml:{line}: audiences[0].key_messages[0].pictogram: "
        f"expected a pictogram that can be drawn, found assets/pictograms/endless.svg, "
        f"{expected}"]


# 2. Injection: markup after </svg> became page-wide HTML and CSS.

@pytest.mark.parametrize("svg, reason", [
    (f"{SVG_OPEN}<circle r='3'/></svg><style>.messages {{display: none}}</style>",
     "which is not an SVG picture (junk after document element: line 1, column"),
    (f"{SVG_OPEN}<script>alert(1)</script></svg>", "which holds <script>"),
    (f"{SVG_OPEN}<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>Call 1900</p>"
     "</foreignObject></svg>", "which holds <foreignObject>"),
    (f"{SVG_OPEN}<style>@import url(http://127.0.0.1/x.css)</style></svg>", "which holds <style>"),
    (f"{SVG_OPEN}<use href='file:///etc/passwd#x'/></svg>", "which refers outside itself"),
    (f"{SVG_OPEN}<rect fill='url(http://127.0.0.1/p)'/></svg>", "which refers outside itself"),
    (f"{SVG_OPEN}<rect fill='data:image/png;base64,AA'/></svg>", "which refers outside itself"),
    (f"{SVG_OPEN}<rect onload='x()'/></svg>", "which has an event handler (onload)"),
    (f"{SVG_OPEN}Call 1900 premium</svg>", "which holds text inside <svg>"),
    ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>' f"{SVG_OPEN}&x;</svg>",
     "which has a DOCTYPE or entities"),
    ("<html><body>hi</body></html>", "whose root is <html>, not <svg>"),
])
def test_injection_a_pictogram_is_only_ever_one_svg_of_shapes(svg, reason):
    with pytest.raises(assets.AssetError) as raised:
        assets.clean_svg(svg.encode())
    assert str(raised.value).startswith(reason)


def test_injection_the_html_holds_the_rebuilt_svg_only(own_assets):
    from booklet.render import pictogram

    (own_assets / "pictograms" / "plain.svg").write_text(
        f"<?xml version='1.0'?>\n<!-- drawn by hand -->\n{SVG_OPEN}<title>A</title>"
        "<circle cx='1' cy='2' r='3' fill='#fff'/></svg>\n")
    markup = str(pictogram("plain", ink="#123456", paper="#ffffff"))
    assert markup == (
        '<span class="pictogram" role="img" aria-label="plain"><svg '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 48 48" fill="#123456"><circle cx="1" cy="2" r="3" fill="#ffffff">'
        '</circle></svg></span>')


# 3. Crash and hang: nested '[' crashed PyYAML's C loader, or ran for minutes.

@pytest.mark.parametrize("depth", [60_000, 400_000])
def test_crash_deeply_nested_yaml_is_one_line_at_once(small_content, tmp_path, depth):
    path = small_content / "questions.yaml"
    path.write_text("questions: " + "[" * depth + "]" * depth + "\n")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(PROJECT / "make_booklet.py"), "--check", "--content",
         str(small_content)], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/questions.yaml:1: expected lists and mappings nested at most 32 deep, "
        "found deeper"]


def test_crash_a_yaml_file_of_too_many_values_is_refused(small_content):
    path = small_content / "questions.yaml"
    path.write_text("questions: [" + "1, " * 200_001 + "1]\n")
    assert content_problems(small_content) == [
        f"{path}:1: expected at most 200000 values in one file, found more"]


# 4. Hang: the time limit was an alarm that WeasyPrint's SVG drawing swallowed.

def swallowing_layout(*arguments, **options):
    """Lay out nothing, forever, swallowing every exception as WeasyPrint's SVG code does."""
    while True:
        try:
            time.sleep(0.05)
        except BaseException:  # noqa: BLE001 (the point of the test)
            pass


def test_hang_the_time_limit_holds_when_a_library_swallows_exceptions(tmp_path, monkeypatch):
    monkeypatch.setattr("booklet.typeset.typeset", swallowing_layout)
    started = time.monotonic()
    with pytest.raises(LayoutError) as raised:
        build(Request(content=SMALL, out=tmp_path, audiences=("pupils", "officials"),
                      formats=("handout",), variants=("screen",), time_limit=1, jobs=2))
    assert time.monotonic() - started < 15
    assert sorted(raised.value.problems) == [
        f"en/{audience}-handout-screen.pdf: stopped after 1 s, the time limit for one "
        "document; shorten the text or raise --time-limit" for audience in ("officials", "pupils")]


DRIVER = textwrap.dedent("""\
    import faulthandler, signal, sys, time
    # SIGUSR1 prints where the build is, should it not end when it should.
    faulthandler.register(signal.SIGUSR1)
    sys.path.insert(0, {project!r})
    import booklet.typeset
    def forever(*arguments, **options):
        while True:
            try:
                time.sleep(0.05)
            except BaseException:
                pass
    booklet.typeset.typeset = forever
    from booklet.cli import main
    sys.exit(main(["--content", {content!r}, "--out", {out!r}, "--jobs", "2",
                   "--time-limit", "600"]))
    """)


def children_of(pid: int) -> list[int]:
    """Return the processes whose parent is `pid`."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    """Return whether a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def start_hung_build(tmp_path) -> tuple[subprocess.Popen, list[int]]:
    """Start a build whose layouts never end; return it and its two workers."""
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(project=str(PROJECT), content=str(SMALL),
                                    out=str(tmp_path / "out")))
    build_process = subprocess.Popen([sys.executable, str(script)], stderr=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 90
    while len(workers := children_of(build_process.pid)) < 2:
        assert build_process.poll() is None, build_process.stderr.read()
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.1)
    return build_process, workers


@pytest.mark.slow
def test_hang_ctrl_c_stops_a_build_whose_layout_swallows_it(tmp_path):
    build_process, workers = start_hung_build(tmp_path)
    time.sleep(1)
    build_process.send_signal(signal.SIGINT)
    try:
        status = build_process.wait(30)
    except subprocess.TimeoutExpired:
        build_process.send_signal(signal.SIGUSR1)
        time.sleep(1)
        build_process.kill()
        pytest.fail("the interrupted build was still running 30 s later, here:\n"
                    + build_process.communicate()[1])
    assert status == 130
    assert build_process.stderr.read() == "interrupted: no partial file was written\n"
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]


# 21. Orphans: workers outlived a main build process killed outright.

@pytest.mark.slow
def test_orphans_workers_die_with_a_killed_build(tmp_path):
    build_process, workers = start_hung_build(tmp_path)
    build_process.kill()
    build_process.wait(10)
    deadline = time.monotonic() + 5
    while [pid for pid in workers if alive(pid)]:
        assert time.monotonic() < deadline, "a worker outlived its parent"
        time.sleep(0.1)


# 5. Data loss: --out at an existing folder deleted and replaced files it did not make.

def test_data_loss_a_folder_of_other_files_is_not_written_into(tmp_path):
    out = tmp_path / "documents"
    (out / "deep" / "er").mkdir(parents=True)
    mine = {out / "index.html": b"my page", out / "deep" / "er" / ".draft.txt.part": b"mine",
            out / "thumbnails" / "holiday.png": b"png"}
    for path, data in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert main(["--content", str(SMALL), "--out", str(out), "--variant", "screen"]) == 1
    assert all(path.read_bytes() == data for path, data in mine.items())
    assert sorted(str(path.relative_to(out)) for path in out.rglob("*")) == [
        "deep", "deep/er", "deep/er/.draft.txt.part", "index.html", "thumbnails",
        "thumbnails/holiday.png"]


def test_data_loss_only_our_own_temporary_files_are_removed(tmp_path):
    out = tmp_path / "out"
    build(Request(content=SMALL, out=out, audiences=("pupils",), formats=("handout",),
                  variants=("screen",)))
    ours = out / "en" / ".pupils-handout-screen.pdf.a1b2c3d4.part"
    theirs = [out / "notes" / ".x.pdf.a1b2c3d4.part", out / "en" / ".notes.part",
              out / "en" / "keep" / ".y.pdf.a1b2c3d4.part"]
    for path in [ours, *theirs]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    build(Request(content=SMALL, out=out, audiences=("pupils",), formats=("handout",),
                  variants=("screen",)))
    assert not ours.exists() and all(path.exists() for path in theirs)


def test_data_loss_a_thumbnails_link_is_not_followed(tmp_path):
    out = tmp_path / "out"
    request = Request(content=SMALL, out=out, audiences=("pupils",), formats=("handout",),
                      variants=("screen",))
    build(request)
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "0123456789abcdef.png").write_bytes(b"a photograph")
    shutil.rmtree(out / "thumbnails")
    (out / "thumbnails").symlink_to(pictures)
    with pytest.raises(OutputFolderError, match="thumbnails: expected a folder this tool "
                                                "made, found a link"):
        build(Request(**{**request.__dict__, "force": True}))
    assert (pictures / "0123456789abcdef.png").read_bytes() == b"a photograph"


# 15. Race: a starting build deleted another build's temporary file.

def test_race_a_second_build_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    with output_folder(out):
        partial = out / "en" / ".pupils-handout-screen.pdf.a1b2c3d4.part"
        partial.parent.mkdir()
        partial.write_bytes(b"being written")
        with pytest.raises(OutputFolderError, match="another build is writing into this "
                                                    "folder"):
            build(Request(content=SMALL, out=out, variants=("screen",)))
        assert partial.exists()


# 6. Wrong output: content in a translation's own language wrote both to one file.

def test_wrong_output_a_translation_into_the_contents_own_language_is_refused(small_content):
    (small_content / "translations").mkdir()
    (small_content / "translations" / "en.yaml").write_text("language: en\n")
    assert content_problems(small_content) == [
        f"{small_content}/translations/en.yaml: expected a translation into another language "
        "than the content's own ('en', in publication.yaml), found one into 'en'; remove it "
        "or change the content's language"]


# 9. Trusted manifest: an edited manifest placed files outside, crashed builds, or made
# the pack and the preview use a file it named.

@pytest.fixture(scope="module")
def first_handout(tmp_path_factory) -> tuple[Request, Path]:
    """Build one handout once for the module; return the request and a copy of its output."""
    folder = tmp_path_factory.mktemp("handout")
    request = Request(content=SMALL, out=folder / "out", audiences=("pupils",),
                      formats=("handout",), variants=("screen",))
    build(request)
    shutil.copytree(request.out, folder / "pristine")
    return request, folder / "pristine"


@pytest.fixture
def built_handout(first_handout) -> Request:
    """Return the request of one handout, its output as it was built, free to edit."""
    request, pristine = first_handout
    shutil.rmtree(request.out)
    shutil.copytree(pristine, request.out)
    return request


def edit_manifest(out: Path, change) -> None:
    """Change the first entry of a manifest."""
    document = json.loads((out / "manifest.json").read_text())
    change(document["outputs"][0])
    (out / "manifest.json").write_text(json.dumps(document))


@pytest.mark.parametrize("field, value", [
    ("path", "../../outside.pdf"), ("path", "/etc/passwd"), ("path", "en/other.pdf"),
    ("pages", 10**30), ("pages", "many"), ("sha256", "x" * 64), ("variant", "print-ish"),
    ("lang", "../en"), ("audience", "../../x"), ("extra", 1),
])
def test_trusted_manifest_an_edited_entry_is_not_used(built_handout, field, value):
    out = built_handout.out
    edit_manifest(out, lambda entry: entry.__setitem__(field, value))
    assert read_manifest(out) == []


def test_trusted_manifest_an_edited_entry_is_built_again_where_it_belongs(built_handout):
    out = built_handout.out
    edit_manifest(out, lambda entry: entry.__setitem__("path", "../../outside.pdf"))
    report = build_with_report(built_handout)
    # Built again, where it belongs, the manifest made right, nothing written outside.
    assert [output.path for output in report.outputs] == ["en/pupils-handout-screen.pdf"]
    assert not report.skipped and len(read_manifest(out)) == 1
    assert not (out / "../../outside.pdf").resolve().exists()


@pytest.mark.parametrize("text", [
    "[" * 100_000, '{"outputs": ' + "[" * 100_000, '{"outputs": 7}', "null", "\x00\xff",
])
def test_trusted_manifest_a_broken_manifest_is_ignored(built_handout, text):
    (built_handout.out / "manifest.json").write_text(text)
    assert read_manifest(built_handout.out) == []


def test_trusted_manifest_a_huge_manifest_is_not_read_whole(built_handout):
    with open(built_handout.out / "manifest.json", "wb") as file:
        file.truncate(write.MAX_MANIFEST_BYTES + 1)
    assert read_manifest(built_handout.out) == []


# 10. Hang: pack time grew with the square of the copies; no limit on its size.

def test_hang_a_pack_over_the_page_limit_is_refused(small_content, tmp_path):
    session = tmp_path / "session.yaml"
    session.write_text("title: Big\ndate: 2026-12-05\nplace: Hall\ntrainer: Trainer\n"
                       "language: en\npaper: a4\nparticipants:\n  - audience: pupils\n"
                       "    booklets: 10000\n    handouts: 10000\n")
    assert main(["pack", str(session), "--content", str(small_content), "--build",
                 str(tmp_path / "build"), "--out", str(tmp_path / "pack")]) == 1
    assert not (tmp_path / "pack").exists()


def test_hang_a_pack_of_many_copies_is_made_in_one_go(tmp_path):
    source = tmp_path / "one.pdf"
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page(page_size=(100, 100))
    document.save(source)
    cover = source.read_bytes()
    pdf = combine(tmp_path, cover, [Item("one", "one.pdf", 3_000, 1)])
    with pikepdf.open(__import__("io").BytesIO(pdf)) as made:
        assert len(made.pages) == 2 + 6_000
        # Every copy draws the same form: the pack holds one, not one a copy.
        assert len({page.Resources.XObject.Page.objgen for page in made.pages[2::2]}) == 1


# 18. A session with zero copies built every audience.

def test_a_session_with_zero_copies_is_an_error(small_content, tmp_path, capsys):
    session = tmp_path / "session.yaml"
    session.write_text("title: None\ndate: 2026-12-05\nplace: Hall\ntrainer: Trainer\n"
                       "language: en\npaper: a4\nparticipants:\n  - audience: pupils\n"
                       "    booklets: 0\n    handouts: 0\n")
    assert main(["pack", str(session), "--content", str(small_content), "--build",
                 str(tmp_path / "build")]) == 1
    assert capsys.readouterr().err == (
        f"{session}:8: participants: expected at least one booklet or handout to print, "
        "found no copies at all\n")
    assert not (tmp_path / "build").exists()


# 11. Preflight misses: a flood of combining marks, a bidi override, a NUL.

@pytest.mark.parametrize("text, message", [
    ("Call a" + "\u0301" * 500 + " now.", "expected at most 8 combining marks on one letter, "
                                          "found more at character 15; remove them"),
    ("Call \u202e1300 4455\u202c now.", "expected text without control or bidirectional "
                                        "formatting characters, found U+202E at character 6; "
                                        "remove it"),
    ("Call\x00 now.", "expected text without control or bidirectional formatting "
                      "characters, found U+0000 at character 5; remove it"),
])
def test_preflight_misses_hidden_characters_are_refused_at_their_line(small_content, text,
                                                                       message):
    path = small_content / "questions.yaml"
    source = path.read_text()
    path.write_text(source.replace("They can register honest agents and close false ones.",
                                   json.dumps(text)))
    line = next(number for number, row in enumerate(source.splitlines(), 1)
                if "They can register honest agents" in row)
    assert content_problems(small_content) == [f"{path}:{line}: questions[1].answer: {message}"]


# 12. Pixel limit bypassed by a PNG inside an SVG, or a PNG named .svg.

def test_pixel_limit_a_picture_inside_an_svg_is_refused():
    svg = (f"{SVG_OPEN}<image width='9000' height='9000' "
           f"href='data:image/png;base64,{PIXEL}'/></svg>")
    with pytest.raises(assets.AssetError, match="which holds <image>, not allowed"):
        assets.clean_svg(svg.encode())


def test_pixel_limit_a_png_named_svg_is_refused(small_content, own_assets):
    Image.new("1", (12000, 12000)).save(own_assets / "pictograms" / "big.svg", format="PNG")
    line = use_pictogram(small_content, "big")
    [problem] = content_problems(small_content)
    assert problem.startswith(
        f"{small_content}/audiences.yaml:{line}: audiences[0].key_messages[0].pictogram: "
        "expected a pictogram that can be drawn, found assets/pictograms/big.svg, which is "
        "not an SVG picture (not well-formed")


def test_pixel_limit_a_raster_picture_must_be_what_its_name_says(own_assets):
    Image.new("RGB", (10, 10)).save(own_assets / "photo.png", format="GIF")
    with pytest.raises(assets.AssetError, match="which is not a PNG picture, as its name "
                                                "says, but GIF"):
        assets.check("photo.png")


# 14. Every build read every asset whole, following links.

def test_every_build_reads_no_large_or_outside_asset(own_assets, tmp_path, monkeypatch):
    from booklet import freshness

    large = own_assets / "film.mp4"
    with open(large, "wb") as file:
        file.truncate(3 * 10**9)  # Sparse: 3 GB that take no room.
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"x")
    (own_assets / "link.bin").symlink_to(outside)
    opened = []
    real_open = open

    def watched_open(path, *arguments, **options):
        opened.append(Path(path))
        return real_open(path, *arguments, **options)

    monkeypatch.setattr("builtins.open", watched_open)
    freshness.environment_fingerprint()
    assert large not in opened and outside not in opened
    assert own_assets.resolve() / "pictograms" / "child.svg" in opened


# 16. Tracebacks instead of one line.

@pytest.mark.parametrize("address, reason", [
    ("pictograms%2Fchild%00.svg", "whose name holds a NUL"),
    ("x" * 256 + ".png", "whose name has a part over 255 bytes"),
])
def test_traceback_a_strange_picture_address_is_one_line(small_content, address, reason):
    path = small_content / "questions.yaml"
    path.write_text(path.read_text().replace(
        "They can register honest agents and close false ones.", f"'![map]({address})'"))
    [problem] = content_problems(small_content)
    assert reason in problem and problem.startswith(f"{path}:")


def test_traceback_an_output_folder_that_is_a_file_is_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("a file")
    assert main(["--content", str(SMALL), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"error: {out}: expected a folder for the output, found a file; choose another --out\n")


def test_traceback_a_full_disk_is_one_line(tmp_path, capsys, monkeypatch):
    def full(*arguments):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "fsync", full)
    assert main(["--content", str(SMALL), "--out", str(tmp_path / "out"), "--audience",
                 "pupils", "--format", "handout", "--variant", "screen"]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path}/out/en/pupils-handout-screen.pdf: cannot write: No space left on "
        "device\n")
    assert not list((tmp_path / "out").rglob("*.part"))


def test_traceback_a_huge_time_limit_is_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--content", str(SMALL), "--out", str(tmp_path), "--time-limit", "10000000000"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "make_booklet.py: error: argument --time-limit: expected a whole number of seconds "
        "from 1 to 86400, found '10000000000'")


# 17. Stale outputs of a removed audience stayed in the manifest and the catalogue.

def test_stale_outputs_of_a_removed_audience_are_removed(small_content, tmp_path):
    out = tmp_path / "out"
    request = Request(content=small_content, out=out, formats=("handout",),
                      variants=("screen",))
    build(request)
    assert (out / "en" / "everyone-handout-screen.pdf").exists()
    audiences = yaml.safe_load((small_content / "audiences.yaml").read_text())
    audiences["audiences"] = [audience for audience in audiences["audiences"]
                              if audience["id"] != "everyone"]
    (small_content / "audiences.yaml").write_text(yaml.safe_dump(audiences, sort_keys=False,
                                                                 allow_unicode=True))
    build(request)
    assert "everyone" not in {output.audience for output in read_manifest(out)}
    assert not (out / "en" / "everyone-handout-screen.pdf").exists()
    assert "everyone-handout" not in (out / "index.html").read_text()


# 19. Unclear messages.

@pytest.mark.parametrize("warning, message", [
    ("Failed to load image at 'file:///a/b.png': ",
     "a picture could not be loaded: 'file:///a/b.png': it is not a picture of a kind that "
     "can be read"),
    ("Failed to render SVG image file:///a/b.svg",
     "the SVG picture 'file:///a/b.svg' could not be drawn: it is damaged, or refers to "
     "something it may not read"),
    ("Failed to load image at 'data:image/png;base64," + "A" * 23_000 + "': broken",
     "a picture could not be loaded: 'data:image/png;base64,AAAAAAAAAAAAAAA...': broken"),
])
def test_unclear_messages_weasyprints_warnings_are_put_in_words(warning, message):
    from booklet.check import split_warnings

    assert split_warnings((warning,)) == ([], [message])


def test_unclear_messages_an_overflowing_line_names_its_whole_text():
    from booklet.check import describe
    from booklet.weasy import Item

    title = "A title of three hundred characters " * 8
    line = Item("text", "h1", "2", " ".join(title.split()), 0, 0, 10, 10, (0, 0, 5, 5))
    assert describe(line) == ("text '2' of 'A title of three hundred characters A title of "
                              "three hund...'")


# Property tests: random input at the loader, the picture checks and the manifest reader
# gives only our own errors.

YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["publication.yaml", "audiences.yaml", "questions.yaml"]),
       document=YAML_VALUES)
def test_property_any_yaml_structure_gives_only_content_errors(small_content, name, document):
    (small_content / name).write_text(yaml.safe_dump(document, allow_unicode=True))
    try:
        load(small_content)
    except ContentError as error:
        assert error.problems


SVG_NAMES = st.sampled_from(["svg", "g", "path", "script", "style", "foreignObject", "image",
                             "use", "a", "text", "title", "circle", "x:y"])
SVG_ATTRIBUTES = st.dictionaries(
    st.sampled_from(["href", "fill", "style", "onload", "d", "xlink:href", "transform"]),
    st.sampled_from(["#a", "url(#b)", "url(http://x)", "red", "data:image/png;base64,AA",
                     "file:///etc/passwd", "javascript:x", "M0 0"]), max_size=3)


def svg_document(draw_tree) -> str:
    """Return markup of a tree of (name, attributes, children, text)."""
    name, attributes, children, text = draw_tree
    shown = " ".join(f'{key}="{value}"' for key, value in attributes.items())
    inner = "".join(svg_document(child) for child in children)
    return f"<{name} {shown}>{text}{inner}</{name}>"


SVG_TREES = st.recursive(
    st.tuples(SVG_NAMES, SVG_ATTRIBUTES, st.just([]), st.sampled_from(["", "hi", "&amp;"])),
    lambda children: st.tuples(SVG_NAMES, SVG_ATTRIBUTES, st.lists(children, max_size=3),
                               st.sampled_from(["", " ", "x"])),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(tree=SVG_TREES, prefix=st.sampled_from(["", "<?xml version='1.0'?>", "<!DOCTYPE svg>"]),
       suffix=st.sampled_from(["", "<p>x</p>", " ", "<!-- c -->"]))
def test_property_any_svg_gives_a_clean_svg_or_an_asset_error(tree, prefix, suffix):
    text = prefix + svg_document(tree).replace("<svg ", f'<svg xmlns="{assets.SVG}" ', 1) \
        + suffix
    try:
        clean = assets.clean_svg(text.encode())
    except assets.AssetError:
        return
    clean = clean.replace(f'xmlns="{assets.SVG}"', "").replace(f'xmlns:xlink="{assets.XLINK}"', "")
    for forbidden in ("<script", "<style", "<foreignObject", "<image", "http:", "file:",
                      "javascript:", "onload", "data:", "<p>"):
        assert forbidden not in clean


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_property_any_bytes_as_svg_give_an_asset_error_or_a_clean_svg(data):
    try:
        assets.clean_svg(data)
    except assets.AssetError:
        pass


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["outputs", "audience", "format", "variant", "lang",
                                       "paper", "path", "pages", "bytes", "sha256", "inputs",
                                       "x"]), children, max_size=11),
    max_leaves=40)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=JSON_VALUES)
def test_property_any_manifest_gives_only_valid_entries(tmp_path, document):
    (tmp_path / "manifest.json").write_text(json.dumps({"outputs": [document]}))
    for output in read_manifest(tmp_path):
        assert not output.path.startswith(("/", "..")) and ".." not in output.path
