"""The reports folder's front page: every story of a run, with its summary or its error.

All text that comes from stories (ids, errors) is escaped; the page has no script and loads
nothing from the network.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> records = [{"story": "<b>x</b>", "slug": "x", "status": "failed", "error": "empty text"}]
>>> page = write_index(folder, records, total=1)
>>> "&lt;b&gt;x&lt;/b&gt;" in page.read_text() and "<b>x" not in page.read_text()
True
"""

from __future__ import annotations

import html
import math
import os
from datetime import UTC, datetime
from pathlib import Path

from .files import atomic_write

_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       max-width: 1200px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid #ddd;
         vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #1a7f37; font-weight: 600; }
.failed { color: #b42318; font-weight: 600; }
.error { color: #b42318; font-family: ui-monospace, monospace; font-size: .9em; }
.warn { color: #8a5a00; }
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _number(value, digits: int = 2) -> str:
    """A number to `digits` decimals; empty when missing or not a finite number (NaN)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{number:.{digits}f}" if math.isfinite(number) else ""


def _tone(summary: dict) -> str:
    """The mean tone of each version, "not scored" when neither was (text not in English)."""
    a, b = _number(summary.get("tone_a")), _number(summary.get("tone_b"))
    if not a and not b:
        return "not scored"
    return f"{a or 'not scored'} &rarr; {b or 'not scored'}"


def _row(record: dict) -> str:
    summary = record.get("summary") or {}
    slug = record.get("slug", "")
    ok = record.get("status") == "ok"
    story = _e(record.get("story", slug))
    name = f'<a href="{_e(slug)}/index.html">{story}</a>' if ok else story
    warnings = record.get("warnings") or []
    warn = (
        f' <span class="warn" title="{_e("; ".join(warnings))}">({len(warnings)} warning'
        f"{'s' if len(warnings) != 1 else ''})</span>"
        if warnings
        else ""
    )
    if ok:
        detail = (
            f"<td>{_e(summary.get('version_a', ''))} &rarr; {_e(summary.get('version_b', ''))}</td>"
            f'<td class="num">{_number(summary.get("tfidf_cosine"))}</td>'
            f"<td>{_e(summary.get('reuse_label', ''))}</td>"
            f'<td class="num">{_e(summary.get("groups_changed", ""))}</td>'
            f'<td class="num">{_tone(summary)}</td>'
        )
    else:
        detail = f'<td colspan="5" class="error">{_e(record.get("error", ""))}</td>'
    status = _e(record.get("status", ""))
    return (
        f'<tr><td>{name}{warn}</td><td class="{status}">{status}</td>'
        f'<td class="num">{len(record.get("versions") or [])}</td>{detail}'
        f'<td class="num">{_number(record.get("seconds"), 1)}</td></tr>'
    )


def write_index(
    folder: str | os.PathLike, records: list[dict], *, total: int, corpus: str | None = None
) -> Path:
    """Write ``folder/index.html`` listing *records* (status records of :func:`render_story`).

    *total* is the number of stories in the run; when fewer records are given (an interrupted
    run) the page says how many are missing.
    """
    folder = Path(folder)
    ok = sum(r.get("status") == "ok" for r in records)
    failed = sum(r.get("status") == "failed" for r in records)
    missing = total - len(records)
    parts = [f"{ok} report{'s' if ok != 1 else ''}", f"{failed} failed"]
    if missing > 0:
        parts.append(f"{missing} not yet made (the run was interrupted; run it again)")
    corpus_link = (
        f'<p><a href="{_e(corpus)}">Corpus overview</a>: similarity, reuse and framing across '
        "all stories.</p>"
        if corpus
        else ""
    )
    rows = "\n".join(_row(r) for r in records)
    created = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>storydiff reports</title><style>{_STYLE}</style></head>
<body><main>
<h1>storydiff reports</h1>
<p class="meta">{_e(", ".join(parts))}. Made {_e(created)}.</p>
{corpus_link}
<table>
<thead><tr><th>Story</th><th>Status</th><th>Versions</th><th>Compared</th>
<th>TF-IDF cosine</th><th>Reuse</th><th>Changed groups</th><th>Tone (VADER)</th>
<th>Seconds</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</main></body></html>
"""
    return atomic_write(folder / "index.html", page)


__all__ = ["write_index"]
