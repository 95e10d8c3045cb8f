"""Tests for helpers.plots.style (every notebook): constants, number formats, figure factories
and the argument checks the plot functions share."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers.plots import style  # noqa: E402
from helpers.plots.style import (  # noqa: E402
    COLORS,
    FONT,
    MODE_COLORS,
    check_ax,
    check_axes,
    check_figsize,
    check_text,
    fmt4,
    fmt_loss,
    new_axes,
    new_figure,
    style_axes,
)


def test_constants_keep_their_names_and_meanings():
    assert style.COMPACT_FONT == {"suptitle": 14, "title": 13, "label": 12, "label_small": 11,
                                  "tick": 11, "note": 11, "legend": 10, "legend_small": 9}
    assert FONT == style.PRESENTATION_FONT
    assert style.CYCLE[:3] == (COLORS["blue"], COLORS["orange"], COLORS["green"])
    assert style.BATCH_COLORS[None] == COLORS["purple"] and style.DIGIT_CMAP == "gray_r"
    assert set(style.VERDICT_COLORS) == {"wins", "timid", "wrong"}
    assert COLORS["blue"] == "#0072B2" and COLORS["vermillion"] == "#D55E00"
    assert COLORS["white"] == "#FFFFFF"
    assert MODE_COLORS == {True: COLORS["blue"], False: COLORS["orange"]}
    for name in style.__all__:
        assert hasattr(style, name)


def test_number_formats():
    assert fmt4(0.51082562) == "0.5108"
    assert fmt4(16.118095650958319) == "16.1181"
    assert fmt_loss(-9.9999995e-08) == "0.0000", "-log(1 + 1e-7) is shown without a minus"
    assert fmt_loss(2.302585) == "2.3026"
    assert fmt_loss(-0.5) == "-0.5000", "a real negative number keeps its sign"


def test_new_axes_pyplot_bare_and_given():
    before = len(plt.get_fignums())
    fig, ax = new_axes(figsize=(3, 2))
    assert len(plt.get_fignums()) == before + 1 and ax.figure is fig
    assert tuple(fig.get_size_inches()) == (3, 2)
    bare, bax = new_axes(static=False)
    assert type(bare) is Figure and len(plt.get_fignums()) == before + 1
    assert new_axes(ax) == (fig, ax)


def test_new_figure_grid():
    before = len(plt.get_fignums())
    fig, axes = new_figure(2, 3, figsize=(6, 4))
    assert len(plt.get_fignums()) == before + 1
    assert isinstance(axes, tuple) and len(axes) == 6 and all(a.figure is fig for a in axes)
    # row by row: the first three share the top row
    tops = [round(a.get_position().y1, 6) for a in axes]
    assert tops[0] == tops[1] == tops[2] > tops[3] == tops[4] == tops[5]
    fig, (a, b) = new_figure(1, 2, static=False, width_ratios=[1, 3])
    assert type(fig) is Figure and len(plt.get_fignums()) == before + 1
    fig.canvas.draw()
    assert b.get_position().width > 2 * a.get_position().width


def test_style_axes_ticks_and_grid():
    fig, ax = new_axes()
    ax.plot([0, 1], [0, 1])
    style_axes(ax, grid="y")
    assert ax.xaxis.get_major_ticks()[0].label1.get_fontsize() == FONT["tick"]
    assert ax.yaxis.get_gridlines()[0].get_visible()
    assert not ax.xaxis.get_gridlines()[0].get_visible()


def test_checks_accept_valid_input():
    fig, axes = plt.subplots(2, 2)
    assert check_ax(None) is None and check_ax(axes[0, 0]) is axes[0, 0]
    assert check_axes(axes, count=4) == tuple(axes.ravel())
    assert check_axes(list(axes), minimum=3) == tuple(axes.ravel()), "nested lists are flattened"
    assert check_axes(axes[0, 0]) == (axes[0, 0],)
    assert check_figsize([4, np.float32(2.5)]) == (4.0, 2.5)
    assert check_text(None, "title") is None and check_text("t", "title") == "t"


BAD_INPUT = {
    "new_axes ax str": (lambda: new_axes("ax"), TypeError, "^ax"),
    "new_axes static str": (lambda: new_axes(static="no"), TypeError, "^static"),
    "new_axes figsize one number": (lambda: new_axes(figsize=5), TypeError, "^figsize"),
    "new_axes figsize zero": (lambda: new_axes(figsize=(0, 2)), ValueError, "^figsize"),
    "new_axes figsize nan": (lambda: new_axes(figsize=(np.nan, 2)), ValueError, "^figsize"),
    "new_axes figsize strings": (lambda: new_axes(figsize=("4", "2")), TypeError, "^figsize"),
    "new_axes figsize bad with ax": (lambda: new_axes(plt.figure().add_subplot(), figsize=(0, 1)),
                                     ValueError, "^figsize"),
    "new_figure nrows 0": (lambda: new_figure(0, 2), ValueError, "^nrows"),
    "new_figure ncols float": (lambda: new_figure(1, 2.0), TypeError, "^ncols"),
    "new_figure static int": (lambda: new_figure(static=1), TypeError, "^static"),
    "check_ax None required": (lambda: check_ax(None, optional=False), TypeError, "^ax"),
    "check_axes str": (lambda: check_axes("ab"), TypeError, "^axes"),
    "check_axes number": (lambda: check_axes(3), TypeError, "^axes"),
    "check_axes holds None": (lambda: check_axes([None]), TypeError, "^axes"),
    "check_axes count": (lambda: check_axes([plt.figure().add_subplot()], count=2), ValueError,
                         "^axes"),
    "check_axes minimum": (lambda: check_axes([], minimum=1), ValueError, "^axes"),
    "check_text number": (lambda: check_text(3, "title"), TypeError, "^title"),
    "check_text None required": (lambda: check_text(None, "label", optional=False), TypeError,
                                 "^label"),
}


@pytest.mark.parametrize("call, error, match", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- one figure factory for "the given Axes, else a new figure"; one pair check --------------

def test_figure_panels_given_or_new():
    before = len(plt.get_fignums())
    fig, axes = style.figure_panels(ncols=2, figsize=(5, 2), width_ratios=[1, 2])
    assert len(plt.get_fignums()) == before + 1 and len(axes) == 2
    assert all(a.figure is fig for a in axes) and tuple(fig.get_size_inches()) == (5, 2)
    bare, (one,) = style.figure_panels(static=False)
    assert type(bare) is Figure and len(plt.get_fignums()) == before + 1
    given = Figure().subplots(1, 3)
    assert style.figure_panels(given, count=3) == (given[0].figure, tuple(given))
    assert style.figure_panels(list(given), minimum=2)[1] == tuple(given)
    with pytest.raises(ValueError, match="axes must be 2 Axes, got 3"):
        style.figure_panels(given, count=2)
    with pytest.raises(ValueError, match="axes must be at least 4 Axes, got 3"):
        style.figure_panels(given, minimum=4)
    # a bad option is an error also when the given Axes make it unused
    with pytest.raises(TypeError, match="static must be True or False"):
        style.figure_panels(given, count=3, static="no")
    with pytest.raises(ValueError, match="figsize must be a pair of finite sizes"):
        style.figure_panels(given, count=3, figsize=(0, 1))


def test_check_pair():
    assert style.check_pair([1, "a"], "p", "(y, label)") == (1, "a")
    for bad in ("ab", 3, (1, 2, 3), None):
        with pytest.raises(TypeError, match=r"^p must be a pair \(y, label\), got"):
            style.check_pair(bad, "p", "(y, label)")


def test_show_is_validations():
    from helpers import _validation as validation

    assert style._show is validation._show  # one short repr for messages, not two


# ---------------------------------------------------------------------------- presentation mode
@pytest.fixture
def compact():
    """Presentation mode off for one test, back on afterwards (it is the default)."""
    style.presentation(False)
    yield
    style.presentation(True)


def test_presentation_is_the_default_and_every_role_is_at_least_14pt():
    assert style.presenting()
    assert style.FONT == style.PRESENTATION_FONT
    assert set(style.PRESENTATION_FONT) == set(style.COMPACT_FONT)
    assert min(style.PRESENTATION_FONT.values()) >= style.MIN_PRESENTATION_PT == 14
    assert all(style.COMPACT_FONT[k] < v for k, v in style.PRESENTATION_FONT.items())


def test_presentation_switches_the_shared_font_table_in_place(compact):
    from helpers.widgets import minibatch  # imported FONT by name: must see the switch

    assert not style.presenting() and minibatch.FONT is style.FONT
    assert style.FONT["tick"] == style.COMPACT_FONT["tick"]
    fig, ax = style.new_axes(static=False)
    style.style_axes(ax)
    fig.canvas.draw()
    assert ax.xaxis.get_major_ticks()[0].label1.get_fontsize() == style.COMPACT_FONT["tick"]
    style.presentation()
    assert style.presenting() and style.FONT["tick"] == style.PRESENTATION_FONT["tick"]


def test_presentation_rejects_a_non_bool():
    with pytest.raises(TypeError, match="^on must be"):
        style.presentation("yes")
    assert style.presenting()


def test_new_figures_are_drawn_at_the_series_dpi():
    assert style.new_axes(static=False)[0].dpi == style.DPI == 100
    fig, _ = style.new_figure(1, 2, static=True)
    assert fig.dpi == style.DPI
    plt.close(fig)


def test_projector_check_catches_each_fault():
    """tests.support.assert_projector_readable fails on each thing it promises to check."""
    from tests.support import assert_projector_readable

    def fig_with(width=6.0, size=None, xy=(0.5, 0.5), dpi=style.DPI):
        fig = Figure(figsize=(width, 3.0), dpi=dpi)
        ax = fig.add_subplot()
        style.style_axes(ax)
        ax.set_title("a title", fontsize=style.FONT["title"])
        fig.text(*xy, "note", fontsize=size or style.FONT["note"])
        return fig

    assert_projector_readable(fig_with())
    with pytest.raises(AssertionError, match="in wide"):
        assert_projector_readable(fig_with(width=style.COLUMN_INCHES + 0.5))
    with pytest.raises(AssertionError, match="under 14 pt"):
        assert_projector_readable(fig_with(size=10))
    with pytest.raises(AssertionError, match="outside the figure"):
        assert_projector_readable(fig_with(xy=(0.98, 0.5)))
    with pytest.raises(AssertionError, match="dpi"):
        assert_projector_readable(fig_with(dpi=80))
    fig = Figure(figsize=(4, 3))
    fig.add_subplot().set_xlabel("tiny", fontsize=8)
    with pytest.raises(AssertionError, match="'tiny' at 8 pt"):
        assert_projector_readable(fig)


def test_projector_check_ignores_tick_labels_out_of_view():
    """Ticks outside the view are never drawn: their labels must not fail the check."""
    from tests.support import assert_projector_readable

    fig = Figure(figsize=(6, 3), dpi=style.DPI)
    ax = fig.add_subplot()
    ax.set_xticks([-5.0, 0.0, 0.5, 1.0, 50.0])  # two ticks far outside the view
    ax.set_xlim(0, 1)
    style.style_axes(ax)
    assert_projector_readable(fig)
    ax.set_xlim(-6, 51)  # now drawn, and too small: the check sees them again
    ax.tick_params(axis="x", labelsize=8)
    with pytest.raises(AssertionError, match="'50.0' at 8 pt"):
        assert_projector_readable(fig)
