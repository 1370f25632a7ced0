"""An imported entry written as a vault page: YAML front matter laid out like a hand-written
one (flow mappings for categories, a literal block for the résumé), then the body."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

from mkdocs_vault.importing.parse import Imported

_PLAIN_RE = re.compile(r"[\w$(~¿¡\u00c0-\uffff][^\n#:{}\[\],&*!|>'\"%@`]*")
_BREAKS_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_ORDER = ("series", "number", "date", "speakers", "host", "source", "image", "center",
          "categories", "resume", "ideas", "credits")


def scalar(value: object, *, flow: bool = False) -> str:
    """A YAML scalar that reads back as `value`; plain when that is unambiguous."""
    if isinstance(value, bool | int):
        return json.dumps(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if (_PLAIN_RE.fullmatch(text) and not _BREAKS_RE.search(text) and text == text.strip()
            and " -" not in text and not (flow and "," in text) and _reads_back(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def _block(text: str, indent: str) -> str:
    """A literal block scalar (`|`), or a quoted one when a literal cannot hold `text`."""
    lines = text.split("\n")
    if text != text.strip() or any(line != line.rstrip() for line in lines) or "\t" in text:
        return json.dumps(text, ensure_ascii=False)
    return "|\n" + "\n".join(indent + line if line else "" for line in lines)


def front_matter(imported: Imported, source_name: str | None = None) -> str:
    """The page's front matter, `---` lines included."""
    vault = imported.vault
    out = ["---"]
    if source_name:
        out.append(f"# Imported by mkdocs-vault from {source_name}")
    out.extend(f"# {line}" for line in imported.comments)
    if imported.title:
        out.append(f"title: {scalar(imported.title)}")
    out.append("vault:")
    order = {key: i for i, key in enumerate(_ORDER)}
    for key, value in sorted(vault.items(), key=lambda kv: order.get(kv[0], len(order))):
        if key == "speakers":
            out.append(f"  speakers: [{', '.join(scalar(v, flow=True) for v in value)}]")
        elif key in ("source", "image"):
            inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items())
            out.append(f"  {key}: {{{inner}}}")
        elif key == "categories":
            out.append("  categories:")
            for name, spec in value.items():
                inner = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in spec.items())
                out.append(f"    {scalar(name)}: {{{inner}}}")
        elif key == "resume":
            out.append(f"  resume: {_block(value, '    ')}")
        elif key == "ideas":
            out.append("  ideas:")
            for idea in value:
                first = True
                for field_name, field_value in idea.items():
                    lead = "    - " if first else "      "
                    out.append(f"{lead}{field_name}: {scalar(field_value)}")
                    first = False
        else:
            out.append(f"  {key}: {scalar(value)}")
    out.append("---")
    return "\n".join(out) + "\n"


def page(imported: Imported, source_name: str | None = None) -> str:
    """The whole vault page."""
    body = "\n\n".join(imported.body)
    return front_matter(imported, source_name) + (f"\n{body}\n" if body else "")


def load_back(text: str) -> dict[str, Any]:
    """The front matter of a written page, as YAML reads it (for checks)."""
    data = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    return data if isinstance(data, dict) else {}
