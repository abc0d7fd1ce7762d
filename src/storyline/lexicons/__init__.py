"""Word lists as data. Each lexicon is a JSON file beside this module; ``load(name)`` reads it once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed contents of ``lexicons/<name>.json``."""
    path = resources.files(__name__).joinpath(f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))
