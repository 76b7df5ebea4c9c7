"""Time one report against its floor: the same papermill + nbconvert run of a notebook that only
imports what the report imports.

Usage::

    python bench/report_floor.py [--repeats 5] [--story DIR]
    python bench/report_floor.py --once report|floor     # one run in this process (for timers
                                                         # that time a whole command)

The report is ``compare_versions`` on the bundled story (or ``--story``): ``execute_notebook``
(papermill, a fresh ``python3`` kernel, ``shutdown_kernel="immediate"``) then ``export_html``
(nbconvert with storydiff's template), as ``storydiff report`` does for each story.

The floor notebook is built in a temporary folder: a markdown cell, the same ``parameters``
cell, and one code cell with the report's own import statements (taken from its code cells)
followed by an import of every module that storydiff imports lazily, and of every storydiff
module, that the report's kernel had loaded by its end (found by a discovery run of the report,
which also warms the disk cache). It runs through the same two functions, in the same working
directory.

The two are timed in the same run, interleaved (report, floor, floor, report, ...), and the
script prints each one's median, minimum and maximum seconds, the ratio of the medians, the
median of the per-round ratios, and where the report's time goes: the median seconds of each of
its code cells (papermill's timing) and of its export, beside the floor's. ``--kept`` also times
the report run after another in a kept kernel (:mod:`storydiff.reporting.kernels`), as batches
run it; that figure is not the issue's ratio, whose floor has a new kernel.
"""

from __future__ import annotations

import argparse
import ast
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from storydiff import config
from storydiff.reporting import execute_notebook, export_html
from storydiff.reporting.kernels import KeptKernel
from storydiff.reporting.notebooks import notebook_path

REPORT = "compare_versions"
MODULES_MARKER = "storydiff-bench-modules:"


def report_imports(notebook) -> list[str]:
    """The import statements of a notebook's code cells, as source lines, in order."""
    lines = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                lines.append(ast.unparse(node))
    return lines


def lazy_imports() -> list[str]:
    """Modules that storydiff's code imports inside functions (its deferred imports)."""
    found = []
    for path in sorted(config.PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    found.extend(alias.name for alias in inner.names)
                elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    found.append(inner.module)
    return sorted(set(found))


def loaded_by_report(story: str, folder: Path) -> set[str]:
    """The modules loaded in the report's kernel by its last cell (one discovery run)."""
    notebook = nbformat.read(notebook_path(REPORT), as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell(f"import sys\nprint({MODULES_MARKER!r}, *sorted(sys.modules))")
    )
    path = folder / "discover.ipynb"
    nbformat.write(notebook, path)
    executed = execute_notebook(str(path), {"story": story}, cwd=config.NOTEBOOKS_DIR)
    text = "".join(o.get("text", "") for o in executed.cells[-1].get("outputs", []))
    return set(text.split(MODULES_MARKER, 1)[1].split())


def floor_notebook(folder: Path, loaded: set[str] | None) -> tuple[Path, list[str]]:
    """Write the floor notebook; return its path and its import lines."""
    report = nbformat.read(notebook_path(REPORT), as_version=4)
    lines = report_imports(report)
    if loaded is not None:
        lines += [f"import {name}" for name in lazy_imports() if name in loaded]
        lines += [f"import {name}" for name in sorted(loaded) if name.startswith("storydiff.")]
    parameters = next(c for c in report.cells if "parameters" in c.metadata.get("tags", []))
    notebook = nbformat.v4.new_notebook(metadata=report.metadata)
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Floor\n\nThe report's imports, and nothing else."),
        nbformat.v4.new_code_cell(parameters.source, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("\n".join(lines)),
    ]
    path = folder / "floor.ipynb"
    nbformat.write(notebook, path)
    return path, lines


def run_once(name: str, story: str, cells: list | None = None, kernel=None) -> float:
    """Seconds of one execute + export of a notebook (by name or path); with `cells`, append
    ``(seconds of each code cell, export seconds)`` to it."""
    started = time.perf_counter()
    executed = execute_notebook(name, {"story": story}, cwd=config.NOTEBOOKS_DIR, kernel=kernel)
    exporting = time.perf_counter()
    export_html(executed)
    done = time.perf_counter()
    if cells is not None:
        durations = [
            cell.metadata.get("papermill", {}).get("duration") or 0.0
            for cell in executed.cells
            if cell.cell_type == "code"
        ]
        cells.append((durations, done - exporting))
    return done - started


def _cell_names(name: str) -> list[str]:
    """A short name for each code cell of the report: its first line that is not a comment."""
    notebook = nbformat.read(notebook_path(name), as_version=4)
    names = ["(injected parameters)"]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            lines = [ln for ln in cell.source.splitlines() if ln and not ln.startswith("#")]
            names.append((lines[0] if lines else "(comments)")[:64])
    return names


def print_breakdown(cells: list, floor_cells: list) -> None:
    """Where the report's time goes, beside the floor: median seconds of each code cell."""
    names = _cell_names(REPORT)
    print("\nThe report's code cells, median seconds (papermill's own timing):")
    columns = list(zip(*(durations for durations, _ in cells), strict=True))
    for label, values in zip(names, columns, strict=False):
        print(f"  {statistics.median(values):6.3f}  {label}")
    total = statistics.median(sum(durations) for durations, _ in cells)
    floor_total = statistics.median(sum(durations) for durations, _ in floor_cells)
    print(f"  {total:6.3f}  all code cells (the floor's: {floor_total:.3f})")
    export = statistics.median(seconds for _, seconds in cells)
    floor_export = statistics.median(seconds for _, seconds in floor_cells)
    print(f"  {export:6.3f}  HTML export (the floor's: {floor_export:.3f})")


def _row(label: str, values: list[float]) -> str:
    return f"  {label:<8} {statistics.median(values):7.2f} {min(values):7.2f} {max(values):7.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--story", default=str(config.EXAMPLE_STORY_DIR), help="story folder")
    parser.add_argument(
        "--once", choices=["report", "floor"], help="one run of one of them, nothing printed"
    )
    parser.add_argument(
        "--kept",
        action="store_true",
        help="also time the report in a kept kernel (storydiff.reporting.kernels), as in a batch",
    )
    args = parser.parse_args(argv)
    story = str(Path(args.story).resolve())
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if args.once == "report":
            run_once(REPORT, story)
            return 0
        loaded = loaded_by_report(story, folder)
        floor, lines = floor_notebook(folder, loaded)
        if args.once == "floor":
            run_once(str(floor), story)
            return 0
        print("Floor notebook imports:")
        for line in lines:
            print(f"  {line}")
        run_once(str(floor), story)  # warm-up of the floor (the discovery run warmed the report)
        times: dict[str, list[float]] = {"report": [], "floor": []}
        cells: dict[str, list] = {"report": [], "floor": []}
        for round_ in range(args.repeats):
            order = ("report", "floor") if round_ % 2 == 0 else ("floor", "report")
            for which in order:
                name = REPORT if which == "report" else str(floor)
                times[which].append(run_once(name, story, cells[which]))
        kept = []
        if args.kept:
            with KeptKernel() as kernel:
                run_once(REPORT, story, kernel=kernel)  # the kernel's start and imports
                kept = [run_once(REPORT, story, kernel=kernel) for _ in range(args.repeats)]
    report, floor_times = times["report"], times["floor"]
    ratios = [r / f for r, f in zip(report, floor_times, strict=True)]
    print(f"\nOne report (papermill + nbconvert), {args.repeats} interleaved runs, seconds:")
    print(f"  {'':<8} {'median':>7} {'min':>7} {'max':>7}")
    print(_row("report", report))
    print(_row("floor", floor_times))
    print(
        f"  ratio report/floor: {statistics.median(report) / statistics.median(floor_times):.2f}"
        f" (medians); per round median {statistics.median(ratios):.2f},"
        f" min {min(ratios):.2f}, max {max(ratios):.2f}"
    )
    print_breakdown(cells["report"], cells["floor"])
    if kept:
        median = statistics.median(kept)
        print(
            f"\nIn a kept kernel (as in a batch, after one report): median {median:.2f} s a report,"
            f" {median / statistics.median(floor_times):.2f} times the floor of one report with a"
            " new kernel"
        )
    print(json.dumps({"report": report, "floor": floor_times, "kept": kept}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
