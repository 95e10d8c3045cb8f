"""Tests for helpers.widgets.base: a widget's fast render shows exactly what a full render shows.

:class:`~helpers.widgets.base.FigureView` draws a figure once as a background and then only
its changing artists over it (blitting), and encodes the PNG itself. The reference here is
independent of that path: matplotlib's own ``savefig`` of the same figure, decoded, compared
pixel for pixel, after every kind of move of every widget that blits. A negative test changes
an artist the view was not told about, to show that the comparison does see a stale
background. In Korean too (``tests.support.korean``: a missing glyph is an error).
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from helpers.widgets import cee_curve_widget, minibatch_explorer, prediction_widget  # noqa: E402
from helpers.widgets.base import FigureView, encode_png, refresh_views  # noqa: E402
from tests.support import korean  # noqa: E402

DPI = 60  # small figures: the comparison is exact at any dpi


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def full_render(fig, dpi) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return pixels(buf.getvalue())


def assert_same_as_full(view, what):
    shown, full = pixels(view.image.value), full_render(view.fig, view.dpi)
    assert shown.shape == full.shape, what
    differ = int(np.any(shown != full, axis=-1).sum())
    assert differ == 0, f"{what}: {differ} pixels differ from a full render"


@pytest.fixture(params=["en", "ko"])
def lang(request):
    if request.param == "ko":
        with korean():
            yield "ko"
    else:
        yield "en"


def test_curve_widget_blits_and_matches_a_full_render(lang):
    box = cee_curve_widget(p=0.6, dpi=DPI)
    assert box.view.last["blit"] is True or box.view.renders == 1
    for p in (0.0, 0.01, 0.35, 0.6, 0.61, 0.99, 1.0):
        box.slider.value = p
        assert box.view.last["blit"] is True  # only the point, its guides, label and title
        assert_same_as_full(box.view, f"p = {p}")
    box.jump.value = 0.1
    assert_same_as_full(box.view, "jump to 0.1")


def test_explorer_error_plot_blits_and_matches_a_full_render(lang):
    losses = np.random.default_rng(3).gamma(0.6, 0.5, size=6000)
    box = minibatch_explorer(losses, batch_sizes=(1, 10, 100, 1000, 6000), dpi=DPI)
    # one draw hides the star (a spread of 0): the line at B must still move with B
    moves = [("batch_size", 1), ("batch_size", 1000), ("replace", False), ("batch_size", 6000),
             ("batch_size", 10), ("n_draws", 10), ("seed", 5), ("n_draws", 1),
             ("batch_size", 100), ("batch_size", 1000)]
    for name, value in moves:
        box.sliders[name].value = value
        assert box.error_view.last["blit"] is True
        assert box.view.last["blit"] is False  # the histogram changes everywhere: drawn in full
        assert_same_as_full(box.error_view, f"{name} = {value}")
        assert_same_as_full(box.view, f"{name} = {value} (histogram)")


def test_prediction_widget_renders_in_full_and_matches():
    rng = np.random.default_rng(0)
    y = rng.dirichlet(np.ones(10), size=30)
    t = rng.integers(0, 10, size=30)
    x = rng.random((30, 784), dtype=np.float32)
    box = prediction_widget(x, y, t, dpi=DPI)
    for i in (1, 17, 29):
        box.slider.value = i
        assert box.view.last["blit"] is False
        assert_same_as_full(box.view, f"image {i}")


def test_a_change_the_view_was_not_told_about_shows_as_a_difference():
    # the comparison above can fail: change a static artist without invalidate()
    box = cee_curve_widget(p=0.6, dpi=DPI)
    curve = box.artists["curve"]
    curve.set_color("magenta")
    box.slider.value = 0.3
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_same_as_full(box.view, "stale background")
    box.view.invalidate()  # what a caller must do after changing a static artist
    box.slider.value = 0.4
    assert_same_as_full(box.view, "after invalidate()")


def test_set_changing_checks_its_artists_and_empty_means_full():
    fig = Figure(figsize=(2, 2))
    ax = fig.add_subplot()
    line, = ax.plot([0, 1], [0, 1])
    view = FigureView(fig, dpi=40)
    with pytest.raises(TypeError, match="artists must be matplotlib Artists or Axes"):
        view.set_changing([line, "title"])
    view.set_changing([line])
    line.set_ydata([1, 0])
    view.refresh()
    assert view.last["blit"] is True
    assert_same_as_full(view, "a moved line")
    view.set_changing([])
    view.refresh()
    assert view.last["blit"] is False


def test_an_axes_stands_for_its_children_looked_up_at_each_refresh():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    view = FigureView(fig, dpi=40)
    view.set_changing([ax])
    ax.legend(["a new legend, made after set_changing"])
    ax.set_xlim(-1, 2)
    view.refresh()
    assert_same_as_full(view, "a new legend and new limits")


def test_refresh_views_shows_every_view_once_in_order():
    figs = [Figure(figsize=(2, 1 + k)) for k in range(3)]
    for f in figs:
        f.add_subplot().plot([0, 1])
    views = [FigureView(f, dpi=30) for f in figs]
    before = [v.renders for v in views]
    refresh_views(views)
    assert [v.renders for v in views] == [r + 1 for r in before]
    for v in views:  # each image is its own figure's (the heights differ)
        assert pixels(v.image.value).shape[0] == round(v.fig.get_figheight() * 30)
        assert v.last["bytes"] == len(v.image.value) and v.last["encode"] > 0


def test_an_image_and_a_title_blit_like_a_full_render():
    # an image is drawn even when "animated" (it is hidden for the background instead), and a
    # title must keep its place (an Axes places it by its size: a hidden title has none)
    fig = Figure(figsize=(3, 3))
    ax = fig.add_subplot()
    im = ax.imshow(np.zeros((4, 4)), vmin=0, vmax=1)
    ax.set_title("a title")
    view = FigureView(fig, dpi=40)
    # the frame (spines, zorder 2.5) is drawn over the image (zorder 0): it must be redrawn too
    view.set_changing([im, ax.title, *ax.spines.values()])
    for k in range(3):
        im.set_data(np.random.default_rng(k).random((4, 4)))
        ax.set_title(f"image {k}")
        view.refresh()
        assert view.last["blit"] is True
        assert_same_as_full(view, f"image {k}")


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (37, 64)])
@pytest.mark.parametrize("opaque", [True, False])
def test_encode_png_decodes_to_the_same_pixels(shape, opaque):
    # Pillow's decoder is the independent reader; opaque images become RGB, others RGBA
    rng = np.random.default_rng(sum(shape))
    rgba = rng.integers(0, 256, size=(*shape, 4), dtype=np.uint8)
    if opaque:
        rgba[..., 3] = 255
    before = rgba.copy()
    img = Image.open(io.BytesIO(encode_png(rgba)))
    assert img.mode == ("RGB" if opaque else "RGBA") and img.size == (shape[1], shape[0])
    np.testing.assert_array_equal(np.asarray(img.convert("RGBA")), rgba)
    np.testing.assert_array_equal(rgba, before)  # the input is not changed


@pytest.mark.parametrize("bad", [np.zeros((2, 2, 3), np.uint8), np.zeros((4, 4), np.uint8),
                                 np.zeros((0, 3, 4), np.uint8), np.zeros((3, 0, 4), np.uint8)])
def test_encode_png_names_the_shape_it_expects(bad):
    with pytest.raises(ValueError, match=r"rgba must be an \(H, W, 4\) uint8 array with H, W >= 1"):
        encode_png(bad)


@pytest.mark.parametrize("bad", [np.zeros((2, 2, 4)), np.zeros((2, 2, 4), np.int64), "pixels"])
def test_encode_png_names_the_type_it_expects(bad):
    with pytest.raises(TypeError, match=r"rgba must be an \(H, W, 4\) uint8 array"):
        encode_png(bad)


def test_refresh_views_draws_a_view_given_twice_once():
    fig = Figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1])
    view = FigureView(fig, dpi=30)
    renders = view.renders
    refresh_views([view, view])
    assert view.renders == renders + 1
    assert_same_as_full(view, "a view given twice")
