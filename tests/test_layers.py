"""The import direction of DESIGN.md, enforced: model ← extractors/corpus ← store ← cli, web.

Nothing imports cli or web; only the store imports sqlite3; heavy dependencies are imported lazily
(inside functions), so ``storyline --help`` stays instant.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import storyline

SRC = Path(storyline.__file__).parent
HEAVY = {"spacy", "trafilatura", "plotly", "dateparser", "datasketch", "rapidfuzz", "uvicorn", "jinja2", "charset_normalizer"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _layer(name: str) -> int:
    if name in ("storyline.model", "storyline.errors", "storyline.lexicons") or name == "storyline":
        return 0
    if name.startswith(("storyline.nlp", "storyline.corpus", "storyline.ingest", "storyline.evaluate")):
        return 1
    if name in ("storyline.analyze", "storyline.contract", "storyline.progress"):
        return 1
    if name.startswith("storyline.store"):
        return 2
    if name.startswith(("storyline.cli", "storyline.web")):
        return 4
    return 3  # jobs, views, export, report, render: library verbs over the store


def test_nothing_imports_cli_or_web():
    for name, path in MODULES.items():
        if name.startswith(("storyline.cli", "storyline.web")):
            continue
        bad = {i for i in _imports(path, top_level_only=False) if i.startswith(("storyline.cli", "storyline.web"))}
        assert not bad, f"{name} imports {bad}"


def test_imports_point_down_the_layers():
    for name, path in MODULES.items():
        for imp in _imports(path, top_level_only=False):
            target = imp if imp in MODULES else imp.rsplit(".", 1)[0]
            if target in MODULES:
                assert _layer(target) <= _layer(name), f"{name} (layer {_layer(name)}) imports {target} (layer {_layer(target)})"


def test_only_the_store_talks_to_the_database():
    for name, path in MODULES.items():
        if "sqlite3" in _imports(path, top_level_only=False):
            assert name.startswith("storyline.store"), f"{name} imports sqlite3"


def test_heavy_dependencies_are_imported_lazily():
    for name, path in MODULES.items():
        if name.startswith("storyline.web"):
            continue  # the web app module is itself imported lazily, by `storyline serve` only
        top = {i.split(".")[0] for i in _imports(path, top_level_only=True)}
        assert not (top & HEAVY), f"{name} imports {top & HEAVY} at module level"


def test_help_is_instant_and_imports_nothing_heavy():
    code = (
        "import sys\n"
        "import storyline.cli\n"
        "storyline.cli.build_parser().format_help()\n"
        f"heavy = {sorted(HEAVY)!r}\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
