"""The live preview as a server facing untrusted requests: each finding of the security
review has its test here. The server runs in this process, on 127.0.0.1, over the small
fixture's build, without building."""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import shutil
import socket
import struct
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor

import pytest
import watchfiles

from booklet import catalogue, pdfium
from booklet.preview import server as preview_server
from booklet.build import Request
from booklet.cli import main
from booklet.preview import Preview, PreviewError, PreviewServer, source_filter
from booklet.write import read_manifest

from conftest import SMALL

BOOKLET = "en/pupils-booklet-screen.pdf"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def preview(small_build) -> Preview:
    """Return a preview of the small fixture's build, as after its first build."""
    shown = Preview(Request(content=SMALL, out=small_build))
    shown.outputs = read_manifest(small_build)
    shown.names = {"pupils": "Pupils", "officials": "Officials", "everyone": "Everyone"}
    shown.version = 1
    return shown


@pytest.fixture
def server(preview):
    """Serve the preview on a free port of 127.0.0.1 from a thread; yield the server."""
    with running(PreviewServer(0, preview)) as served:
        yield served


@contextlib.contextmanager
def running(server: PreviewServer):
    """Run a server from a thread while the test uses it."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def ask(server: PreviewServer, path: str, method: str = "GET", host: str | None = "own",
        headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPResponse, bytes]:
    """Send one request, with the server's own Host unless told; return status, response
    and body."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", f"127.0.0.1:{server.port}" if host == "own" else host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response, response.read()
    finally:
        connection.close()


def wait_until(condition, seconds: float) -> bool:
    """Wait until a condition holds, or the time is up; return whether it holds."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


# 1. PDFium is not thread-safe.

@pytest.fixture
def pdfium_calls(monkeypatch):
    """Watch every call into PDFium: count those made without `pdfium.LOCK` held and those
    made while another was running (which the watcher then holds back, so that the test
    itself cannot break PDFium)."""
    import pypdfium2.raw

    seen = types.SimpleNamespace(calls=0, unlocked=0, overlapping=0)
    running_one = threading.Lock()

    def watched(function):
        def call(*arguments):
            if not running_one.acquire(blocking=False):
                seen.overlapping += 1
                running_one.acquire(timeout=10)
            try:
                seen.calls += 1
                seen.unlocked += not pdfium.LOCK.locked()
                time.sleep(0.0005)  # Widens the window in which two calls would meet.
                return function(*arguments)
            finally:
                running_one.release()
        return call

    for name in dir(pypdfium2.raw):
        function = getattr(pypdfium2.raw, name)
        if name.startswith("FPDF") and callable(function) and not isinstance(function, type):
            monkeypatch.setattr(pypdfium2.raw, name, watched(function))
    return seen


def test_pdfium_is_used_from_one_thread_at_a_time(server, pdfium_calls, small_build, tmp_path):
    paths = ([f"/page/{BOOKLET}/{number}.png" for number in range(1, 7)]
             + [f"/preview/{BOOKLET}", "/page/en/officials-handout-screen.pdf/1.png"])
    # The catalogue draws its thumbnails in the builder's thread meanwhile.
    out = tmp_path / "out"
    shutil.copytree(small_build / "en", out / "en")
    outputs = read_manifest(small_build)

    def draw_thumbnails():
        for output in outputs:
            (out / catalogue.thumbnail(out, output)).unlink()

    with ThreadPoolExecutor(len(paths) + 1) as pool:
        for _ in range(3):
            builder = pool.submit(draw_thumbnails)
            answers = list(pool.map(lambda path: ask(server, path), paths))
            builder.result()
            assert [status for status, _, _ in answers] == [200] * len(paths)
            assert all(body.startswith(PNG) for _, _, body in answers[:6])
    assert pdfium_calls.calls > 100
    assert pdfium_calls.unlocked == 0
    assert pdfium_calls.overlapping == 0


def test_page_pictures_are_the_pages(server, preview):
    import io

    from PIL import Image

    status, response, body = ask(server, f"/page/{BOOKLET}/2.png")
    assert status == 200 and response.getheader("Content-Type") == "image/png"
    assert Image.open(io.BytesIO(body)).width == preview_server.PAGE_WIDTH
    status, _, body = ask(server, f"/preview/{BOOKLET}")
    assert status == 200 and body.count(b'<figure><img src="/page/') == 8


# 2. DNS rebinding: a page of another site, its name pointed at 127.0.0.1.

@pytest.mark.parametrize("host", [
    "evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "localhost:80",
    "localhost.evil.example:{port}", "127.0.0.1:{port}.evil.example", "", None])
def test_host_header_of_another_site_is_refused(server, host):
    status, response, body = ask(server, "/state",
                                 host=None if host is None else host.format(port=server.port))
    assert status == 403
    assert body == f"forbidden: this preview answers only requests to " \
                   f"http://127.0.0.1:{server.port}/\n".encode()
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"


def test_two_host_headers_are_refused(server):
    status, _, _ = ask(server, "/state", headers={"Host": "evil.example"})
    assert status == 403


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}",
                                  "[::1]:{port}"])
def test_host_header_of_this_server_is_answered(server, host):
    status, _, body = ask(server, "/state", host=host.format(port=server.port))
    assert status == 200 and b'"version": 1' in body


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:1",
                                    "https://127.0.0.1:{port}", "http://localhost:{port}.evil"])
def test_origin_of_another_site_is_refused(server, origin):
    status, _, body = ask(server, "/state", headers={"Origin": origin.format(port=server.port)})
    assert status == 403
    assert body == b"forbidden: pages of other sites may not read the preview\n"


def test_origin_of_this_server_is_answered(server):
    for origin in (f"http://127.0.0.1:{server.port}", f"http://localhost:{server.port}"):
        assert ask(server, "/state", headers={"Origin": origin})[0] == 200


# 3. Idle connections.

def test_idle_connections_are_closed(preview):
    assert preview_server.IDLE_SECONDS <= 10
    with running(PreviewServer(0, preview, most_connections=8, idle_seconds=0.5)) as server:
        assert ask(server, "/state")[0] == 200
        before = threading.active_count()
        idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(40)]
        try:
            time.sleep(0.2)
            # At most 8 threads for 40 connections; then none once they have been silent.
            assert threading.active_count() <= before + 8
            assert wait_until(lambda: threading.active_count() <= before, 3), \
                f"{threading.active_count() - before} threads left"
            assert ask(server, "/state")[0] == 200
        finally:
            for connection in idle:
                connection.close()


# 4. Bad requests: a 4xx and one line, never a traceback or a 500.

@pytest.mark.parametrize("name", [
    "0.png", "-1.png", "9.png", "99999.png", "99999999999999999999.png", "abc.png", "1.5.png",
    ".png", "+1.png", "01.png", "%201.png", "1", "1.PNG", "%D9%A3.png", "1e3.png", "1_0.png"])
def test_bad_page_numbers_are_404(server, name, capsys):
    status, _, body = ask(server, f"/page/{BOOKLET}/{name}")
    assert (status, body) == (404, b"not found\n")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("path, status", [
    ("/nothing", 404), ("/state/", 404), ("/page/", 404), ("/page/1.png", 404), ("/pdf/", 404),
    ("/pdf/en/nothing.pdf", 404), ("/pdf/../../content/questions.yaml", 404),
    ("/pdf/..%2f..%2fcontent%2fquestions.yaml", 404), ("/%ff%fe", 404),
    ("/pdf/%00", 400), (f"/pdf/{BOOKLET}%00.txt", 400), ("/page/%00/1.png", 400),
    (f"/preview/{BOOKLET}%0a", 400), ("/" + "a" * 3000, 414), ("/" + "a" * 70000, 414),
    ("*", 400), ("http://evil.example/state", 400)])
def test_bad_paths_are_4xx(server, path, status, capsys):
    answer, response, body = ask(server, path)
    assert answer == status
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert body.count(b"\n") == 1 and b"Traceback" not in body
    assert capsys.readouterr().err == ""


def test_unknown_preview_is_404_and_follows_the_build(server):
    status, _, body = ask(server, "/preview/en/nothing.pdf")
    assert status == 404
    assert b"The build has no such output." in body and b'fetch("/state"' in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
                                    "FOO"])
def test_other_methods_are_405(server, method):
    status, response, body = ask(server, "/state", method=method)
    assert status == 405
    assert response.getheader("Allow") == "GET, HEAD"
    assert body == b"method not allowed: only GET and HEAD\n"


def test_head_is_answered_without_a_body(server):
    status, response, body = ask(server, f"/pdf/{BOOKLET}", method="HEAD")
    assert status == 200 and body == b""
    assert int(response.getheader("Content-Length")) > 1000


def test_malformed_requests_are_400(server, capsys):
    for line in (b"GARBAGE\r\n\r\n", b"GET /state HTTP/9\r\n\r\n", b"GET /\r\n\r\n"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
            connection.sendall(line)
            answer = connection.recv(4096)
        assert answer.startswith((b"HTTP/1.0 400", b"HTTP/1.0 403", b"HTTP/1.0 505")), answer
    assert capsys.readouterr().err == ""


def test_early_disconnect_is_silent(server, capsys):
    for _ in range(5):
        connection = socket.create_connection(("127.0.0.1", server.port))
        connection.sendall(f"GET /page/{BOOKLET}/1.png HTTP/1.0\r\n"
                           f"Host: 127.0.0.1:{server.port}\r\n\r\n".encode())
        # Close at once with a reset, as a browser leaving the page does.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    base = threading.active_count()
    time.sleep(0.5)
    assert wait_until(lambda: threading.active_count() <= base, 10)
    assert ask(server, f"/page/{BOOKLET}/1.png")[0] == 200
    assert capsys.readouterr().err == ""


# 5. The port.

def test_port_in_use_is_one_line(tmp_path, capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        status = main(["serve", "--port", str(port), "--content", str(SMALL),
                       "--out", str(tmp_path / "preview")])
    assert status == 1
    assert capsys.readouterr() == (
        "", f"error: port {port} is in use; choose another with --port\n")
    assert not (tmp_path / "preview").exists()  # Refused before building anything.


@pytest.mark.parametrize("port", ["70000", "-1", "http", "65536"])
def test_port_out_of_range_is_refused_by_the_parser(port, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["serve", "--port", port, "--content", str(tmp_path / "none"),
              "--out", str(tmp_path / "preview")])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == ("make_booklet.py serve: error: argument --port: expected "
                                    f"a port number from 0 (any free port) to 65535, found "
                                    f"'{port}'")
    assert "Traceback" not in err


# 6. The output folder inside the content folder.

def test_output_inside_content_is_refused(small_content):
    out = small_content / "preview"
    with pytest.raises(PreviewError) as refused:
        Preview(Request(content=small_content, out=out))
    assert refused.value.lines() == [
        (f"error: --out {out} is inside --content {small_content}: the preview would rebuild "
         "on its own writes; choose an --out outside it")]
    with pytest.raises(PreviewError, match="is inside --content"):
        Preview(Request(content=small_content, out=small_content))


def test_content_inside_output_is_refused(small_content):
    out = small_content.parent
    with pytest.raises(PreviewError) as refused:
        Preview(Request(content=small_content, out=out))
    assert refused.value.lines() == [
        (f"error: --content {small_content} is inside --out {out}: the output folder must not "
         "hold the sources; choose an --out outside it")]


def test_output_inside_the_styles_is_refused(small_content):
    from booklet import paths

    with pytest.raises(PreviewError, match=f"is inside the styles folder {paths.STYLES}"):
        Preview(Request(content=small_content, out=paths.STYLES / "preview"))


def test_the_watcher_ignores_the_output_folder(tmp_path):
    out = tmp_path / "out"
    is_source = source_filter(out)
    assert is_source(watchfiles.Change.modified, str(tmp_path / "content" / "questions.yaml"))
    assert not is_source(watchfiles.Change.added, str(out / "en" / "pupils-booklet-screen.pdf"))
    assert not is_source(watchfiles.Change.modified, str(out / "manifest.json"))
    assert not is_source(watchfiles.Change.added, str(tmp_path / "content" / ".x.yaml.swp"))


# 7. The manifest is a file on disk: what it names is checked before it is served.

def test_manifest_path_outside_output_is_not_served(tmp_path, small_build):
    out = tmp_path / "out"
    (out / "en").mkdir(parents=True)
    shutil.copy(small_build / BOOKLET, out / BOOKLET)
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.7 SECRET")
    (out / "en" / "link.pdf").symlink_to(secret)
    (out / "en" / "loop.pdf").symlink_to(out / "en" / "loop.pdf")
    (out / "notes.txt").write_text("SECRET")
    (out / "en" / "folder.pdf").mkdir()
    bad = ["../secret.pdf", "en/../../secret.pdf", str(secret), "en/link.pdf", "en/loop.pdf",
           "notes.txt", "en/folder.pdf", "en/missing.pdf", "", "."]
    shown = Preview(Request(content=SMALL, out=out))
    entry = next(output for output in read_manifest(small_build) if output.path == BOOKLET)
    shown.outputs = [dataclasses.replace(entry, path=path) for path in bad + [BOOKLET]]
    with running(PreviewServer(0, shown)) as server:
        for path in bad:
            for asked in (f"/pdf/{path}", f"/page/{path}/1.png", f"/preview/{path}"):
                status, _, body = ask(server, asked)
                assert status == 404, asked
                assert b"SECRET" not in body
        assert ask(server, f"/pdf/{BOOKLET}")[2].startswith(b"%PDF")


# 8. A bug in the builder shows on the page; the server keeps running.

def test_a_bug_in_the_build_shows_on_the_page_and_the_server_keeps_running(
        server, preview, monkeypatch, capsys):
    def broken(*arguments, **options):
        raise ZeroDivisionError("a bug in the build")

    monkeypatch.setattr("booklet.build.build_with_report", broken)
    before = preview.state()["version"]
    preview.rebuild()
    assert preview.state()["version"] > before
    assert preview.state()["errors"][-1] == "ZeroDivisionError: a bug in the build"
    status, _, body = ask(server, "/")
    assert status == 200
    assert b"ZeroDivisionError: a bug in the build" in body and b"Pupils: booklet" in body
    assert "ZeroDivisionError: a bug in the build" in capsys.readouterr().err


def test_a_failing_watcher_shows_on_the_page_and_watching_goes_on(preview, monkeypatch, capsys):
    looks = []

    def watch(*folders, **options):
        looks.append(folders)
        if len(looks) == 1:
            raise RuntimeError("the watcher failed")
        options["stop_event"].set()
        yield {(watchfiles.Change.modified, str(SMALL / "questions.yaml"))}

    monkeypatch.setattr(watchfiles, "watch", watch)
    monkeypatch.setattr(Preview, "plan", lambda self: None)
    preview.watch()
    assert len(looks) == 2
    assert preview.state()["errors"][-1] == "RuntimeError: the watcher failed"
    assert "RuntimeError: the watcher failed" in capsys.readouterr().err
