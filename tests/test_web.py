"""`storyline serve` over HTTP on 127.0.0.1: every page and its .json twin, errors as 4xx, and a
real headless Chromium (Debian's) rendering the page."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.model


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(examples_db):
    import uvicorn

    from storyline.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(str(examples_db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


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
