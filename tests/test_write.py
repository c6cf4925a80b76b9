"""Writing: the manifest describes what was built, and nothing half-written is ever left."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from booklet import write
from booklet.build import Request, build
from booklet.errors import LayoutError

from conftest import SMALL, read_pdf


def test_manifest_lists_every_output_with_its_facts(small_build):
    manifest = json.loads((small_build / "manifest.json").read_text())
    entries = manifest["outputs"]
    assert sorted((entry["audience"], entry["format"], entry["variant"]) for entry in entries) \
        == sorted((audience, format, variant) for audience in ("pupils", "officials", "everyone")
                  for format, variant in (("booklet", "screen"), ("booklet", "print"),
                                          ("booklet", "imposed"), ("booklet", "mono"),
                                          ("booklet", "mono-imposed"), ("handout", "screen"),
                                          ("handout", "print"), ("handout", "mono")))
    for entry in entries:
        assert set(entry) == {"audience", "format", "variant", "lang", "paper", "path",
                              "pages", "bytes", "sha256", "inputs", "edition"}
        assert entry["edition"] == "generic"
        assert re.fullmatch(r"[0-9a-f]{64}", entry["inputs"])
        data = (small_build / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pages"] == len(read_pdf(small_build / entry["path"]).pages)
        assert entry["lang"] == "en"
        assert entry["paper"] == "a4"
        assert entry["path"] == f"en/{entry['audience']}-{entry['format']}-{entry['variant']}.pdf"


def test_building_one_audience_keeps_the_others_in_the_manifest(tmp_path):
    build(Request(content=SMALL, out=tmp_path, formats=("handout",), variants=("screen",)))
    build(Request(content=SMALL, out=tmp_path, audiences=("pupils",), formats=("handout",),
                  variants=("screen",)))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert sorted(entry["audience"] for entry in manifest["outputs"]) == [
        "everyone", "officials", "pupils"]


def test_interrupted_write_keeps_the_old_file_and_leaves_no_part(tmp_path, monkeypatch):
    target = tmp_path / "en" / "a.pdf"
    write.write_atomically(target, b"old")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write.write_atomically(target, b"new and half")
    assert target.read_bytes() == b"old"
    assert [path.name for path in target.parent.iterdir()] == ["a.pdf"]


def test_failed_build_keeps_the_last_good_pdf(small_content, tmp_path):
    out = tmp_path / "out"
    build(Request(content=small_content, out=out, audiences=("officials",), variants=("screen",)))
    booklet = out / "en" / "officials-booklet-screen.pdf"
    good = booklet.read_bytes()
    questions = small_content / "questions.yaml"
    questions.write_text(questions.read_text().replace("close false ones", "close \U0010FFFD"))
    with pytest.raises(LayoutError):
        build(Request(content=small_content, out=out, audiences=("officials",),
                      variants=("screen",)))
    assert booklet.read_bytes() == good
    assert sorted(path.name for path in (out / "en").iterdir()) == [
        "officials-booklet-screen.pdf", "officials-handout-screen.pdf"]


def test_emit_html_writes_the_html_beside_the_pdf(tmp_path):
    build(Request(content=SMALL, out=tmp_path, audiences=("pupils",), formats=("booklet",),
                  variants=("screen",), emit_html=True))
    html = (tmp_path / "en" / "pupils-booklet-screen.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "Stay in school" in html
