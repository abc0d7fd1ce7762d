"""A small Starlette app over a storyline database. Every page has a ``.json`` twin with the same
data. It serves its own CSS and plotly.js (from the plotly package), so it works offline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from storyline import views
from storyline.errors import NotFound, StorylineError
from storyline.render import article_html, render, stylesheet, timeline_svg
from storyline.store import Store


def _link(kind: str, ident: str | None = None, start: int | None = None) -> str:
    if kind == "index":
        return "/"
    if kind in ("article", "entity") and ident:
        return f"/{kind}s/{ident}" + (f"#s{start}" if start is not None else "")
    return f"/{kind}"


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "") not in ("", "0", "false", "no")


def create_app(db: str) -> Starlette:
    """The ASGI app for the database at ``db`` (opened read-only, per request)."""

    def page(name: str, build: Callable[[Store, Request, dict[str, Any]], Any], template: str,
             key: str = "rows") -> list[Route]:
        """A route ``/name`` rendering ``template`` and its twin ``/name.json``."""

        def respond(request: Request, as_json: bool) -> Response:
            params = dict(request.path_params)
            data = _load(db, lambda store: build(store, request, params))
            if isinstance(data, _Failure):
                return _error(data.status, data.message, as_json)
            if as_json:
                return JSONResponse(data)
            ctx = {key: data, "link": _link, "static": False, **request.query_params,
                   "statements": _flag(request, "statements")}
            if name == "timeline":
                ctx["chart"] = timeline_svg(data)
            return HTMLResponse(render(template, **ctx))

        return [
            Route(f"/{name}.json", lambda r: respond(r, True)),
            Route(f"/{name}", lambda r: respond(r, False)),
        ]

    def detail(prefix: str, build: Callable[[Store, str], Any], template: str, key: str) -> Route:
        def respond(request: Request) -> Response:
            ident: str = request.path_params["ident"]
            as_json = ident.endswith(".json")
            ident = ident.removesuffix(".json")
            data = _load(db, lambda store: build(store, ident))
            if isinstance(data, _Failure):
                return _error(data.status, data.message, as_json)
            if as_json:
                return JSONResponse(data)
            return HTMLResponse(render(template, **{key: data, "link": _link, "static": False}))

        return Route(f"/{prefix}/{{ident:path}}", respond)

    def index(request: Request) -> Response:
        as_json = request.url.path.endswith(".json")
        data = _load(db, lambda store: (views.summary(store), views.timeline(store), views.quotes(store),
                                        views.entities(store)))
        if isinstance(data, _Failure):
            return _error(data.status, data.message, as_json)
        s, tl, q, ents = data
        if as_json:
            return JSONResponse(s)
        return HTMLResponse(render("index.html", static=False, link=_link, s=s, timeline=tl, quotes=q[:50],
                                   entities=ents[:40], chart=timeline_svg(tl)))

    def article_view(store: Store, ident: str) -> dict[str, Any]:
        view = views.article(store, ident)
        view["html"] = article_html(view)
        return view

    def search(store: Store, request: Request, _: dict[str, Any]) -> list[dict[str, Any]]:
        q = request.query_params.get("q", "").strip()
        return views.search(store, q) if q else []

    routes = [
        Route("/", index),
        Route("/index.json", index),
        Route("/static/style.css", lambda r: Response(stylesheet(), media_type="text/css")),
        Route("/static/plotly.min.js", _plotly_js),
        *page("timeline", lambda s, r, _: views.timeline(
            s, entity=r.query_params.get("entity") or None, include_statements=_flag(r, "statements")), "timeline.html"),
        *page("quotes", lambda s, r, _: views.quotes(
            s, speaker=r.query_params.get("speaker") or None, outlet=r.query_params.get("outlet") or None,
            kind=r.query_params.get("kind") or None, everything=_flag(r, "all")), "quotes.html"),
        *page("entities", lambda s, r, _: views.entities(
            s, label=r.query_params.get("label") or None, name=r.query_params.get("name") or None), "entities.html"),
        *page("articles", lambda s, r, _: views.articles(s, outlet=r.query_params.get("outlet") or None), "articles.html"),
        *page("search", search, "search.html"),
        detail("entities", views.entity, "entity.html", "e"),
        detail("articles", article_view, "article.html", "a"),
    ]
    return Starlette(routes=routes)


@dataclass(frozen=True)
class _Failure:
    status: int
    message: str


def _load(db: str, build: Callable[[Store], Any]) -> Any:
    """``build(store)`` over a read-only store opened for this request; a library error becomes a
    :class:`_Failure` (404 for what does not exist, 400 for anything else the user asked)."""
    try:
        with Store(db, readonly=True) as store:
            return build(store)
    except NotFound as exc:
        return _Failure(404, str(exc))
    except StorylineError as exc:
        return _Failure(400, str(exc))


def _error(status: int, message: str, as_json: bool) -> Response:
    if as_json:
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(render("error.html", status=status, message=message, link=_link, static=False),
                        status_code=status)


def _plotly_js(request: Request) -> Response:
    import plotly  # the wheel carries plotly.js: served from here, never from a CDN

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.exists():
        return Response("// plotly.js not found in the plotly package\n", media_type="text/javascript")
    return FileResponse(path, media_type="text/javascript")


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app until interrupted."""
    import uvicorn

    print(f"storyline: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
