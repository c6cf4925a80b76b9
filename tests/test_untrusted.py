"""Untrusted content: every bad input gets its own clear line, and nothing is read, fetched
or lost that should not be.

Each case of the table changes one file of the small fixture and runs the command line.
For every case: exit status 1, exactly the expected lines on stderr and no traceback, no
connection to a local listener, no byte of a secret file in any output, and the outputs of
an earlier good build unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from booklet import paths
from booklet.build import Request, build
from booklet.cli import main
from booklet.errors import ContentError, LayoutError
from booklet.formats import FORMATS
from booklet.load import load
from booklet.typeset import typeset

from conftest import SMALL

SECRET = "SECRET-7f3a9c-DO-NOT-PRINT"
HTML = "They can register honest agents and close false ones."


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it receives."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.socket.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A secret file outside the project, and an assets folder with good and bad pictures."""
    root = tmp_path_factory.mktemp("world")
    secret = root / "secret.png"
    secret.write_text(SECRET)
    assets = root / "assets"
    shutil.copytree(paths.ASSETS / "pictograms", assets / "pictograms")
    Image.new("RGB", (40, 40), "red").save(assets / "pictograms" / "ok.png")
    # 12000 x 12000 pixels in a few kilobytes: a decompression bomb.
    Image.new("1", (12000, 12000)).save(assets / "bomb.png")
    (assets / "leak.png").symlink_to(secret)
    (assets / "notes.txt").write_text("not a picture")
    return root


@pytest.fixture(autouse=True)
def project_assets(world, monkeypatch):
    monkeypatch.setattr(paths, "ASSETS", world / "assets")


@pytest.fixture(scope="module")
def earlier_build(tmp_path_factory, world):
    """Build the good fixture once; return the output folder and each file's hash."""
    out = tmp_path_factory.mktemp("earlier")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "ASSETS", world / "assets")
        assert main(["--content", str(SMALL), "--out", str(out), "--jobs", "1",
                     "--variant", "screen"]) == 0
    return out, hashes(out)


def hashes(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file under a folder."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def quoted(text: str) -> str:
    """Return text as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Each case: the file to change, the text to replace (None: the whole file), the new text,
# and the lines expected on stderr. {file} is the changed file, {secret} the secret file,
# {port} the listener's port.
CASES = {
    "malformed YAML": (
        "questions.yaml", "    question: What can officials do?",
        "    question: [What can officials do?",
        ["{file}:15: expected valid YAML, found an error: did not find expected ',' or ']' "
         "(while parsing a flow sequence, started at line 14)"]),
    "tab indentation": (
        "publication.yaml", "title: Safe Migration Test Series", "title:\tx\n\tbad: 1",
        ["{file}:2: expected valid YAML, found an error: found a tab character that violates "
         "indentation (while scanning a plain scalar, started at line 1)"]),
    "two documents in one file": (
        "publication.yaml", "keywords: [test, migration]", "keywords: [test]\n---\nmore: 1",
        ["{file}:14: expected valid YAML, found an error: but found another document "
         "(expected a single document in the stream, started at line 1)"]),
    "duplicate key": (
        "audiences.yaml", "    name: Pupils\n", "    name: Pupils\n    name: Students\n",
        ["{file}:4: audiences[0].name: expected each key once, found a duplicate key 'name' "
         "(first at line 3)"]),
    "anchor and alias": (
        "audiences.yaml", "    introduction: This booklet is for officials.",
        "    introduction: &intro This booklet is for officials.\n    call: *intro",
        ["{file}:31: expected plain values, found an anchor &intro; remove it",
         "{file}:32: expected plain values, found an alias *intro; write the value out"]),
    "python object tag": (
        "publication.yaml", "publisher: Test Publisher",
        "publisher: !!python/object/apply:os.system ['echo hacked']",
        ["{file}:2: expected plain values, found a tag "
         "tag:yaml.org,2002:python/object/apply:os.system; remove it"]),
    "binary tag": (
        "publication.yaml", "publisher: Test Publisher", "publisher: !!binary aGVsbG8=",
        ["{file}:2: expected plain values, found a tag tag:yaml.org,2002:binary; remove it"]),
    "custom include tag": (
        "publication.yaml", "publisher: Test Publisher", "publisher: !include /etc/passwd",
        ["{file}:2: expected plain values, found a tag !include; remove it"]),
    "language code no, unquoted": (
        "publication.yaml", "language: en", "language: no",
        ["{file}:3: language: expected a language tag such as 'en', 'th' or 'zh-Hans', "
         "found yes/no False (put it in quotes)"]),
    "yes where text is expected": (
        "audiences.yaml", "text: Ask before you go.", "text: yes",
        ["{file}:9: audiences[0].key_messages[1].text: expected text, found yes/no True "
         "(put it in quotes)"]),
    "number where text is expected": (
        "audiences.yaml", "name: Officials", "name: 1.5",
        ["{file}:29: audiences[1].name: expected text, found number 1.5 (put it in quotes)"]),
    "date where text is expected": (
        "audiences.yaml", "booklet_title: Policy notes", "booklet_title: 2008-10-24",
        ["{file}:30: audiences[1].booklet_title: expected text, found date 2008-10-24 "
         "(put it in quotes)"]),
    "unknown audience id": (
        "questions.yaml", "false ones.\n    audiences: [officials]",
        "false ones.\n    audiences: [officials, employer]",
        ["{file}:16: questions[1].audiences[1]: expected a known audience id (pupils, "
         "officials, everyone), found 'employer'"]),
    "missing field": (
        "audiences.yaml", "    booklet_title: Policy notes\n", "",
        ["{file}:28: audiences[1].booklet_title: expected text, found nothing "
         "(the key is required)"]),
    "list where text is expected": (
        "questions.yaml", "    question: What can officials do?",
        "    question: [What, can, officials, do]",
        ["{file}:14: questions[1].question: expected text, found a list"]),
    "empty file": (
        "questions.yaml", None, "", ["{file}:1: expected content, found an empty file"]),
    "binary file": (
        "questions.yaml", None, b"\x89PNG\r\n\x1a\n\x00\xff\xfe",
        ["{file}: expected UTF-8 text, found byte 0x89 at byte 0"]),
    "huge file": (
        "questions.yaml", None, "# " + "x" * 2_000_000 + "\n",
        ["{file}: expected at most 2000000 bytes, found 2000003"]),
    "huge value": (
        "questions.yaml", HTML, quoted("word " * 2001),
        ["{file}:15: questions[1].answer: expected at most 10000 characters, found 10004"]),
    "raw HTML and script": (
        "questions.yaml", HTML,
        "|\n      <script>alert(1)</script>\n\n      Some <b>bold</b> text.",
        ["{file}:16: questions[1].answer: expected Markdown text, found HTML "
         "'<script>alert(1)</script>'; write plain text instead",
         "{file}:18: questions[1].answer: expected Markdown text, found HTML '<b>'; "
         "write plain text instead",
         "{file}:18: questions[1].answer: expected Markdown text, found HTML '</b>'; "
         "write plain text instead"]),
    "file link in text": (
        "questions.yaml", HTML, quoted("See [the list](file://{secret})."),
        ["{file}:15: questions[1].answer: expected a link to http:, https:, mailto:, tel:, "
         "found 'file://{secret}'"]),
    "javascript link": (
        "questions.yaml", HTML, quoted("See [this](javascript:alert(1))."),
        ["{file}:15: questions[1].answer: expected a link to http:, https:, mailto:, tel:, "
         "found 'javascript:alert(1)'"]),
    "file picture": (
        "questions.yaml", HTML, quoted("![map](file://{secret})"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found 'file://{secret}'"]),
    "http picture": (
        "questions.yaml", HTML, quoted("![map](http://127.0.0.1:{port}/map.png)"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found 'http://127.0.0.1:{port}/map.png'"]),
    "absolute path picture": (
        "questions.yaml", HTML, quoted("![map]({secret})"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found '{secret}'"]),
    "picture path with ..": (
        "questions.yaml", HTML, quoted("![map](../secret.png)"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found '../secret.png', which leads outside it"]),
    "picture link leading out of the assets": (
        "questions.yaml", HTML, quoted("![map](leak.png)"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found 'leak.png', which leads outside it"]),
    "missing picture": (
        "questions.yaml", HTML, quoted("![map](pictograms/none.png)"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found 'pictograms/none.png', which does not exist"]),
    "not a picture": (
        "questions.yaml", HTML, quoted("![map](notes.txt)"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg' (.png, .jpg, .jpeg, .svg, .gif, .webp), found 'notes.txt'"]),
    "decompression bomb": (
        "questions.yaml", HTML, quoted("![map](bomb.png)"),
        ["{file}:15: questions[1].answer: expected a picture in the assets folder, such as "
         "'pictograms/school.svg', found 'bomb.png', which has 12000x12000 pixels, over the "
         "limit of 40000000"]),
    "picture in a key message, link in a checklist": (
        "audiences.yaml", "text: School comes first.\n        pictogram: school\n      - text: "
        "Ask before you go.", "text: \"![x](../x.png) School first.\"\n        pictogram: "
        "school\n      - text: \"[Ask](ftp://x.org) first.\"",
        ["{file}:7: audiences[0].key_messages[0].text: expected a picture in the assets "
         "folder, such as 'pictograms/school.svg', found '../x.png', which leads outside it",
         "{file}:9: audiences[0].key_messages[1].text: expected a link to http:, https:, "
         "mailto:, tel:, found 'ftp://x.org'"]),
}


def change(folder: Path, name: str, old: str | None, new: str | bytes) -> Path:
    """Change one file of a content folder; return its path."""
    path = folder / name
    if old is None:
        if isinstance(new, bytes):
            path.write_bytes(new)
        else:
            path.write_text(new, encoding="utf-8")
        return path
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_table_has_at_least_25_cases():
    assert len(CASES) >= 25


def same_or_cut(line: str, expected: str) -> bool:
    """Tell whether a message line is the expected one, or the expected one with the
    value it quotes last cut short with '...' (long values are, and temporary folders
    can be long)."""
    if line == expected:
        return True
    head = line.removesuffix("...'")
    return head != line and expected.startswith(head) and len(head) >= len(expected) // 2


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input(case, small_content, world, listener, earlier_build, capsys):
    name, old, new, expected = CASES[case]
    secret = world / "secret.png"
    if isinstance(new, str):
        new = new.format(secret=secret, port=listener.port)
    path = change(small_content, name, old, new)
    out, before = earlier_build
    status = main(["--content", str(small_content), "--out", str(out), "--jobs", "1"])
    captured = capsys.readouterr()
    assert status == 1
    lines = captured.err.splitlines()
    assert len(lines) == len(expected)
    for line, pattern in zip(lines, expected):
        assert same_or_cut(line, pattern.format(file=path, secret=secret, port=listener.port))
    assert "Traceback" not in captured.err + captured.out
    assert listener.connections == 0
    assert hashes(out) == before
    assert not any(SECRET.encode() in file.read_bytes() for file in out.rglob("*")
                   if file.is_file())


def test_links_are_printed_not_fetched_and_assets_pictures_are_shown(
        small_content, listener, tmp_path, capsys):
    change(small_content, "questions.yaml", HTML, quoted(
        f"Call [the hotline](tel:+1234) or see [the site](http://127.0.0.1:{listener.port}/). "
        "![A red square](pictograms/ok.png)"))
    out = tmp_path / "out"
    assert main(["--content", str(small_content), "--out", str(out), "--audience", "officials",
                 "--format", "booklet", "--variant", "screen", "--emit-html"]) == 0
    html = (out / "en" / "officials-booklet-screen.html").read_text()
    assert f'<a href="http://127.0.0.1:{listener.port}/">the site</a>' in html
    assert '<a href="tel:+1234">the hotline</a>' in html
    assert f'src="{(paths.ASSETS / "pictograms" / "ok.png").as_uri()}"' in html
    assert listener.connections == 0
    pdf = (out / "en" / "officials-booklet-screen.pdf").read_bytes()
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


# Property: whatever YAML a content file holds, loading ends in content or in the project's
# own content error, never in another exception.
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates())
keys = st.sampled_from(["id", "name", "audiences", "questions", "answer", "question",
                        "colour", "help", "versions", "title", "source", "date", "x"])
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)), max_leaves=25)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["publication.yaml", "audiences.yaml", "questions.yaml"]),
       document=documents)
def test_loading_any_yaml_raises_only_content_errors(small_content, name, document):
    (small_content / name).write_text(yaml.safe_dump(document), encoding="utf-8")
    try:
        load(small_content)
    except ContentError as error:
        assert error.problems
        assert all(str(problem).startswith(str(small_content)) for problem in error.problems)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_loading_any_answer_text_raises_only_content_errors(small_content, text):
    path = small_content / "questions.yaml"
    path.write_text(SMALL.joinpath("questions.yaml").read_text().replace(HTML, quoted(text)))
    try:
        load(small_content)
    except ContentError as error:
        assert all(problem.file == str(path) for problem in error.problems)


def test_a_runaway_document_is_stopped_naming_it(tmp_path):
    with pytest.raises(LayoutError) as raised:
        build(Request(content=SMALL, out=tmp_path, audiences=("pupils",),
                      formats=("booklet",), time_limit=0.001))
    assert raised.value.problems == [
        "en/pupils-booklet-screen.pdf: stopped after 0.001 s, the time limit for one "
        "document; shorten the text or raise --time-limit"] * len(FORMATS["booklet"].variants)
    assert not (tmp_path / "en").exists()


def test_data_urls_are_served_and_nothing_else_outside():
    pixel = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
             "nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")
    pages = typeset(f'<html><body><img src="{pixel}"></body></html>')
    assert pages.warnings == () and pages.page_count == 1


def test_a_low_resolution_picture_fails_the_print_preflight(small_content, tmp_path, capsys):
    change(small_content, "questions.yaml", HTML, quoted("![A red square](pictograms/ok.png)"))
    out = tmp_path / "out"
    assert main(["--content", str(small_content), "--out", str(out), "--audience", "officials",
                 "--format", "booklet", "--variant", "screen", "--variant", "print"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: en/officials-booklet-print.pdf: page 3: a picture of 40x40 pixels prints at 96 "
        "ppi; expected 300 ppi at least: use a larger picture or print it smaller"]
    # The screen edition, where 96 dpi is enough, was written.
    assert sorted(path.name for path in (out / "en").iterdir()) == [
        "officials-booklet-screen.pdf"]
