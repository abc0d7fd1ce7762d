"""`storyline serve` over HTTP on 127.0.0.1: every page and its .json twin, errors as 4xx, and a
real headless Chromium (Debian's) rendering the page."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.model


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serving(db: Path) -> Iterator[str]:
    """The app over ``db``, served by uvicorn on a free local port, for as long as the block runs."""
    import uvicorn

    from storyline.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(examples_db):
    with _serving(examples_db) as url:
        yield url


PAGES = ["/", "/timeline", "/quotes", "/entities", "/articles", "/search?q=leak"]


@pytest.mark.parametrize("path", PAGES)
def test_page_and_json_twin(server, path):
    with httpx.Client(base_url=server, timeout=30) as client:
        page = client.get(path)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert "<title>" in page.text and "storyline" in page.text
        base, _, query = path.partition("?")
        twin = client.get(("/index" if base == "/" else base) + ".json" + ("?" + query if query else ""))
        assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
        assert twin.json()


def test_detail_pages_and_errors(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        arts = client.get("/articles.json").json()
        one = client.get(f"/articles/{arts[0]['id']}.json").json()
        assert one["text"] and "quotes" in one
        page = client.get(f"/articles/{arts[0]['id']}")
        assert page.status_code == 200 and "<mark" in page.text
        ents = client.get("/entities.json").json()
        detail = client.get(f"/entities/{ents[0]['id']}.json").json()
        assert detail["name"] == ents[0]["name"] and "mention_list" in detail
        assert client.get("/articles/nope").status_code == 404
        assert client.get("/articles/nope.json").json()["error"].startswith("no article")
        assert client.get("/entities/nobody-at-all.json").status_code == 404
        assert client.get("/search.json?q=%22%22%22").status_code == 400
        js = client.get("/static/plotly.min.js")
        assert js.status_code == 200 and len(js.content) > 1_000_000
        assert client.get("/timeline.json?entity=Albury").status_code == 200


def test_entity_page_shows_what_others_said_about_it(quoted_db):
    with _serving(quoted_db) as url, httpx.Client(base_url=url, timeout=30) as client:
        about = client.get("/entities/e-brandt.json").json()["quotes_about"]
        assert [(q["speaker"], q["text"]) for q in about] == [
            ("Lena Varga", "Oskar Brandt had ignored the alarms"),
            ("Lena Varga", "Brandt knew for weeks,"),
            ("the crowd", "Brandt must go,"),
        ]
        page = client.get("/entities/e-brandt")
        assert page.status_code == 200
        said, _, rest = page.text.partition("<h2>Said about Oskar Brandt</h2>")
        section = rest.partition("<h2>")[0]
        assert "ignored the alarms" in section and "Brandt must go" in section
        assert "ignored the alarms" not in said.partition("<h2>Statements</h2>")[2]
        assert "done nothing wrong" in said and "done nothing wrong" not in section
        varga = client.get("/entities/e-varga").text.partition("<h2>Said about Lena Varga</h2>")[2]
        assert "never visited the plant" in varga.partition("<h2>")[0]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed (make test installs it when run as root)")
def test_browser_renders_overview_and_timeline(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/", wait_until="networkidle")
        assert page.title().startswith("Overview")
        assert page.locator(".tl li").count() >= 5
        page.screenshot(path=str(tmp_path / "overview.png"), full_page=False)
        page.goto(server + "/timeline", wait_until="networkidle")
        assert page.locator("#plot .main-svg").count() >= 1, "plotly chart did not render (offline plotly.js)"
        page.click("text=Who said what")
        assert page.locator(".quote").count() >= 10
        browser.close()
    assert not errors, errors
    assert (tmp_path / "overview.png").stat().st_size > 10_000


def test_storyline_serve_command(examples_db):
    import subprocess
    import sys

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "--db", str(examples_db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/articles.json", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.poll() is not None else "timeout"
                time.sleep(0.1)
        assert r.status_code == 200 and len(r.json()) == 12
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_database_fails_clearly(tmp_path, capsys):
    from storyline.cli import main

    assert main(["--db", str(tmp_path / "none.db"), "serve"]) == 1
    assert "no database" in capsys.readouterr().err
