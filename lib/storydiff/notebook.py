"""Small conveniences for the report notebooks, so that they hold no logic of their own.

Examples
--------
>>> from storydiff import config, load_story
>>> story = load_story(config.EXAMPLE_STORY_DIR)
>>> choose_pair(story)
('original', 'rewrite')
>>> choose_pair(story, "rewrite")
('rewrite', 'original')
"""

from __future__ import annotations

import gc
import warnings

from .errors import ParameterError, StorydiffError, StorydiffWarning
from .story import Story

FIGURE_DPI = 110
# Figures saved at their own size, without a creation date (the same SVG on every run).
SVG_OPTIONS = {"bbox_inches": None, "metadata": {"Date": None}}


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    """Show storydiff's warnings as one line a reader understands (no file or line of code)."""
    if issubclass(category, StorydiffWarning):
        return f"Warning: {message}\n"
    return _default_format(message, category, filename, lineno, line)


_default_format = warnings.formatwarning
_default_show = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Show storydiff's warnings in a notebook as the views' warning box (the reader of a
    report sees it beside the output it concerns, as plain text, escaped); others as usual."""
    if issubclass(category, StorydiffWarning):
        try:
            from IPython import get_ipython  # noqa: PLC0415
            from IPython.display import display  # noqa: PLC0415

            if get_ipython() is not None:
                from .views import notice  # noqa: PLC0415

                display(notice(str(message)))
                return
        except ImportError:
            pass
    _default_show(message, category, filename, lineno, file, line)


def _one_line_error(shell, etype, value, tb, tb_offset=None) -> None:
    """Show an error of storydiff's, which names the input and what to do, as that one line,
    without the traceback through the library's code (the cell still fails: IPython has set
    its result's error before calling this). ``%tb`` and ``%debug`` act on it, as on any
    error."""
    import sys  # noqa: PLC0415

    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb  # (%tb, %debug)
    if sys.version_info >= (3, 12):
        sys.last_exc = value
    shell._showtraceback(etype, value, [f"{etype.__name__}: {value}"])


def setup_notebook() -> None:
    """Prepare a notebook for a report: figures embedded as SVG, wide pandas tables,
    storydiff's warnings shown as the views' warning box (:func:`storydiff.views.notice`) where
    they are raised (not also as standard error), and its errors as one plain line (an error
    still stops the notebook).

    Figures are vector graphics (SVG) whose words are text, not glyph outlines: sharp at any
    zoom, about 40 % of the bytes of a PNG, and a quarter quicker to make (no pixels, no PNG
    compression). matplotlib's SVG writer escapes their text, and the HTML export embeds each
    one as an image (a ``data:`` URI), where nothing in it can run. The font is DejaVu Sans
    where the reader has it, else the browser's sans-serif (narrower, so labels still fit).
    Element ids are salted with a fixed string and no creation date is written, so a figure's
    SVG is the same on every run. matplotlib's warnings of characters its font lacks are not
    shown: the SVG keeps them as text, which the browser draws with a font that has them.

    Figures are saved at their own size, not cropped to a "tight" box: storydiff's figures use
    constrained layout, which already fits titles, labels and legends inside the figure, and the
    tight box would cost another pass over every text of the figure. They are drawn once, not
    twice (:func:`figure_svg`).

    The objects that exist when it is first called (the modules the notebook imported, with
    their tables) are set aside from Python's cyclic garbage collector (:func:`freeze_imports`).
    """
    freeze_imports()
    import matplotlib as mpl  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    try:
        from IPython import get_ipython  # noqa: PLC0415
        from matplotlib.figure import Figure  # noqa: PLC0415
        from matplotlib_inline.backend_inline import set_matplotlib_formats  # noqa: PLC0415

        set_matplotlib_formats("svg", **SVG_OPTIONS)
        shell = get_ipython()
        if shell is not None:
            shell.display_formatter.formatters["image/svg+xml"].for_type(Figure, figure_svg)
            shell.set_custom_exc((StorydiffError,), _one_line_error)
    except ImportError:  # outside IPython: nothing to configure
        pass
    mpl.rcParams["figure.dpi"] = FIGURE_DPI
    mpl.rcParams["savefig.bbox"] = "standard"
    mpl.rcParams["svg.fonttype"] = "none"
    mpl.rcParams["svg.hashsalt"] = "storydiff"
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 160)
    warnings.formatwarning = _one_line_warning
    warnings.showwarning = _show_warning
    warnings.simplefilter("always", StorydiffWarning)
    # A character the layout font lacks (Chinese, Devanagari ...) is measured with a box; the
    # SVG keeps it as text, which the browser draws with a font that has it: nothing to warn of.
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)


_frozen = False


def freeze_imports() -> bool:
    """Set the objects alive now aside from the cyclic garbage collector, once per process.

    A report's kernel holds about 180,000 objects after its imports (pandas, matplotlib,
    IPython, storydiff's word lists), and every full collection walks all of them to find
    cycles that they, being modules and their tables, never become: in a report of the bundled
    story that was one collection and about 0.1 s of its 1.1 s of work. :func:`gc.freeze` moves
    them to a generation the collector does not walk (nothing is copied, and reference counting
    still frees them as usual). Only the first call freezes: later ones, such as each report in
    a kept kernel, would also freeze what earlier reports left for the collector to free.

    Returns
    -------
    bool
        True if this call froze, False if an earlier one had.

    Examples
    --------
    >>> import gc
    >>> _ = freeze_imports()
    >>> freeze_imports(), gc.get_freeze_count() > 0
    (False, True)
    """
    global _frozen
    if _frozen:
        return False
    gc.freeze()
    _frozen = True
    return True


def figure_svg(fig) -> str | None:
    """A figure as the SVG text that IPython's inline display shows, drawn once.

    matplotlib's ``print_figure`` lays out a figure that has a layout engine by drawing the
    whole figure once without output, then draws it again for the file. Here the layout engine
    runs on its own, with the renderer the SVG writer uses, and the figure is then drawn a
    single time: the same SVG, byte for byte, for about a quarter less time. A figure
    without axes gives ``None`` (IPython shows nothing), as the stock formatter does.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(layout="constrained")
    >>> _ = fig.subplots().set_title("<b>Tone</b>")
    >>> svg = figure_svg(fig)
    >>> svg.startswith("<?xml") and "&lt;b&gt;Tone&lt;/b&gt;" in svg
    True
    >>> fig.get_layout_engine() is not None, fig.dpi  # the figure keeps its engine and dpi
    (True, 100.0)
    """
    import matplotlib as mpl  # noqa: PLC0415
    from IPython.core.pylabtools import print_figure  # noqa: PLC0415
    from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: PLC0415

    engine = fig.get_layout_engine()
    if engine is None or not fig.axes:
        return print_figure(fig, "svg", **SVG_OPTIONS)
    canvas, dpi = fig.canvas, fig.dpi
    FigureCanvasSVG(fig)  # attaches itself: the engine measures text as the SVG writer does
    try:
        engine.execute(fig)  # at the SVG writer's 72 dpi, which it sets on the figure
    except ValueError:  # as matplotlib's own draw does: a layout that cannot be made is skipped
        pass
    finally:
        fig.set_canvas(canvas)
        fig.dpi = dpi
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)  # laid out already: print_figure draws once
    try:
        return print_figure(fig, "svg", **SVG_OPTIONS)
    finally:
        fig.set_layout_engine(engine)


def threshold_options(thresholds) -> dict:
    """The alignment thresholds a notebook's ``thresholds`` parameter asks for, as keywords of
    :func:`storydiff.compare`: a mapping, or the same written as JSON (papermill's ``-p`` passes
    every value as text), or an empty string for none. Their names and values are checked by
    :func:`storydiff.compare`.

    Raises
    ------
    ParameterError
        When `thresholds` is neither.

    Examples
    --------
    >>> threshold_options({"moved_threshold": 0.6}), threshold_options('{"window": 2}')
    ({'moved_threshold': 0.6}, {'window': 2})
    >>> threshold_options("moved_threshold=0.6")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    storydiff.errors.ParameterError: thresholds must be a mapping such as ...
    """
    import json  # noqa: PLC0415

    value = thresholds
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except json.JSONDecodeError:
            pass
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise ParameterError(
            f'thresholds must be a mapping such as {{"moved_threshold": 0.6}}, got '
            f"{thresholds!r}; with papermill give it as JSON (-p thresholds "
            "'{\"moved_threshold\": 0.6}') or YAML (-y 'thresholds: {moved_threshold: 0.6}')"
        )
    return dict(value)


def choose_pair(story: Story, reference: str = "", compared: str = "") -> tuple[str, str]:
    """The two version ids a comparison report shows: *reference* (a) and *compared* (b).

    Empty strings choose defaults: the story's first version as the reference, and the first
    other version as the compared one.

    Raises
    ------
    ParameterError
        When a version id is not in the story (the message lists the valid ones) or both are
        the same.
    """
    ids = list(story.ids)
    for name, value in (("reference", reference), ("compared", compared)):
        if value and value not in ids:
            raise ParameterError(
                f"{name}={value!r}: story {story.id!r} has no such version; "
                f"choose one of: {', '.join(ids)}"
            )
    a = reference or ids[0]
    b = compared or next(v for v in ids if v != a)
    if a == b:
        raise ParameterError(
            f"reference and compared are both {a!r}; choose two different versions of "
            f"{', '.join(ids)}"
        )
    return a, b


__all__ = ["choose_pair", "freeze_imports", "setup_notebook", "threshold_options"]
