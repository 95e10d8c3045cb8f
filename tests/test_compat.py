"""The widgets use only what ipywidgets 7.7.1 (Google Colab's) and 8.x both have.

Run in both venvs: the main one (ipywidgets 8) and ``.venv-colab`` (Colab's 7.7.1).

- Every factory is built and moved once with warnings turned into errors: on 7.7.1 an 8-only
  keyword (``tooltip=`` on a non-button, ``description_allow_html=``) is an "unrecognized
  arguments" DeprecationWarning, on 8 a 7-only one (``description_tooltip=``) is deprecated.
- On 8, where Colab's ipywidgets is not installed, every widget of every factory (and its
  layout and style) is checked against :data:`IPYWIDGETS_7`, the synced traits of the 7.7.1
  classes the widgets use: an 8-only class (``Stack``, ``TagsInput``) or an 8-only trait set
  to a non-default value fails here too, before anyone opens Colab. On 7.7.1 the table itself
  is checked against the installed ipywidgets, so it cannot drift from the real 7.7.1.

Regenerate the table with ``.venv-colab/bin/python -m tests.test_compat`` (prints it).
"""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.widgets import (
    cee_curve_widget,
    minibatch_explorer,
    prediction_widget,
    training_explorer,
)

#: Colab's ipywidgets (googlecolab/backend-info pip-freeze.txt, 2026-08).
COLAB_IPYWIDGETS = "7.7.1"

#: The synced traits (``class_trait_names(sync=True)``) of the ipywidgets 7.7.1 classes the
#: widgets use, and of their styles ("Class.style"), printed by ``python -m tests.test_compat``
#: in ``.venv-colab``. A class the widgets start to use must be added from that output; if
#: 7.7.1 lacks it, it cannot be used.
IPYWIDGETS_7 = {
    "BoundedIntText": ("continuous_update description description_tooltip disabled layout max "
                       "min step style value"),
    "BoundedIntText.style": "description_width",
    "Button": "button_style description disabled icon layout style tooltip",
    "Button.style": "button_color font_weight",
    "Dropdown": "description description_tooltip disabled index layout style",
    "Dropdown.style": "description_width",
    "FloatSlider": ("continuous_update description description_tooltip disabled layout max min "
                    "orientation readout readout_format step style value"),
    "FloatSlider.style": "description_width handle_color",
    "HBox": "box_style children layout",
    "HTML": "description description_tooltip layout placeholder style value",
    "HTML.style": "description_width",
    "Image": "format height layout value width",
    "IntProgress": ("bar_style description description_tooltip layout max min orientation "
                    "style value"),
    "IntProgress.style": "bar_color description_width",
    "IntSlider": ("continuous_update description description_tooltip disabled layout max min "
                  "orientation readout readout_format step style value"),
    "IntSlider.style": "description_width handle_color",
    "Layout": ("align_content align_items align_self border bottom display flex flex_flow "
               "grid_area grid_auto_columns grid_auto_flow grid_auto_rows grid_column grid_gap "
               "grid_row grid_template_areas grid_template_columns grid_template_rows height "
               "justify_content justify_items left margin max_height max_width min_height "
               "min_width object_fit object_position order overflow overflow_x overflow_y "
               "padding right top visibility width"),
    "SelectionSlider": ("continuous_update description description_tooltip disabled index "
                        "layout orientation readout style"),
    "SelectionSlider.style": "description_width",
    "ToggleButtons": ("button_style description description_tooltip disabled icons index "
                      "layout style tooltips"),
    "ToggleButtons.style": "button_width description_width font_weight",
    "VBox": "box_style children layout",
}


def _fake_data(n=60, seed=3):
    """``n`` random 'images', labels, and Dirichlet predictions (no MNIST needed)."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, 784), dtype=np.float32)
    t = rng.integers(0, 10, n)
    y = rng.dirichlet(np.ones(10), size=n).astype(np.float32)
    return x, t, y


def _build_all():
    """Every factory the notebooks use, built on small data, each moved once like a student."""
    x, t, y = _fake_data()
    losses = np.array([-math.log(float(y[i, t[i]]) + 1e-7) for i in range(len(t))])
    curve = cee_curve_widget(p=0.6, dpi=20)
    curve.slider.value = 0.3
    browse = prediction_widget(x, y, t, losses, dpi=20)
    browse.slider.value = 1
    explore = minibatch_explorer(losses, batch_size=10, batch_sizes=(1, 10), n_draws=100,
                                 dpi=20)
    explore.sliders["batch_size"].value = 1
    train = training_explorer(x[:40], t[:40], x[40:], t[40:], epochs=1, max_updates=4, dpi=20)
    train.selectors["batch_size"].value = train.selectors["batch_size"].options[0][1]
    return {"cee_curve_widget": curve, "prediction_widget": browse,
            "minibatch_explorer": explore, "training_explorer": train}


def _build_strictly(build):
    """``build()`` with every warning an error, except those of matplotlib's internals.

    matplotlib 3.10.0 (Colab's) calls pyparsing names that pyparsing 3.3 deprecates (attributed
    to matplotlib or to pyparsing itself): nothing the widgets can change.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", module=r"(matplotlib|pyparsing)(\.|$)")
        return build()


def widget_tree(widget):
    """``[(key, w), ...]``: ``widget`` and every widget below it (children, layouts, styles).

    ``key`` is the row of :data:`IPYWIDGETS_7` that ``w`` is checked against: its class name,
    or for a style ``"<owner class>.style"`` (the style classes differ between 7 and 8:
    ``HTML`` has a ``DescriptionStyle`` in 7 and an ``HTMLStyle`` in 8).
    """
    owner = type(widget).__name__
    found = [(owner, widget)]
    layout, style = getattr(widget, "layout", None), getattr(widget, "style", None)
    if isinstance(layout, widgets.Widget):
        found.append((type(layout).__name__, layout))
    if isinstance(style, widgets.Widget):
        found.append((f"{owner}.style", style))
    for child in getattr(widget, "children", ()):
        found.extend(widget_tree(child))
    return found


def _differs(value, default):
    try:
        return bool(value != default)
    except Exception:  # e.g. arrays: compare as different, so the trait is checked
        return True


def traits_set(widget):
    """Names of the synced traits of ``widget`` whose value is not the class default."""
    names = set()
    for name in widget.class_trait_names(sync=True):
        if name in ("layout", "style", "children") or name.startswith("_"):
            continue  # the parts are checked on their own; private ones belong to ipywidgets
        if _differs(getattr(widget, name), widget.trait_defaults(name)):
            names.add(name)
    return names


def not_in_7(tree):
    """What in ``tree`` ipywidgets 7.7.1 does not have: ``["Class", "Class.trait", ...]``."""
    problems = []
    for key, w in tree:
        known = IPYWIDGETS_7.get(key)
        if known is None:
            problems.append(key)
            continue
        problems.extend(f"{key}.{name}" for name in sorted(traits_set(w) - set(known.split())))
    return problems


def _synced(widget):
    return " ".join(sorted(n for n in widget.class_trait_names(sync=True)
                           if not n.startswith("_")))


def live_table(boxes):
    """The :data:`IPYWIDGETS_7` rows for the widgets in ``boxes`` from the installed ipywidgets."""
    return dict(sorted((key, _synced(w)) for box in boxes.values() for key, w in widget_tree(box)))


@pytest.fixture(scope="module")
def boxes():
    return _build_strictly(_build_all)


def _on_colab_version():
    return widgets.__version__ == COLAB_IPYWIDGETS


def test_every_factory_builds_and_moves_without_warnings(boxes):
    # _build_strictly raised on any warning; check the widgets are really there and moved
    assert set(boxes) == {"cee_curve_widget", "prediction_widget", "minibatch_explorer",
                          "training_explorer"}
    assert boxes["cee_curve_widget"].slider.value == 0.3
    assert boxes["prediction_widget"].slider.value == 1
    for box in boxes.values():
        assert isinstance(box, widgets.VBox) and len(widget_tree(box)) > 4


def test_every_widget_and_trait_exists_in_ipywidgets_7(boxes):
    problems = {name: not_in_7(widget_tree(box)) for name, box in boxes.items()}
    assert not any(problems.values()), f"not in ipywidgets {COLAB_IPYWIDGETS}: {problems}"


def test_the_table_is_ipywidgets_7s(boxes):
    if not _on_colab_version():
        pytest.skip(f"checked in the venv with ipywidgets {COLAB_IPYWIDGETS} (.venv-colab)")
    # exactly the classes used (none missing, none stale), with 7.7.1's synced traits
    assert live_table(boxes) == IPYWIDGETS_7


def test_an_8_only_api_is_caught():
    # the checks above must fail on what only ipywidgets 8 has
    def build():
        return widgets.VBox([widgets.HTML(value="<b>x</b>", description="d",
                                          description_allow_html=True)])

    if _on_colab_version():  # 7.7.1: an unknown keyword argument is a DeprecationWarning
        with pytest.raises(DeprecationWarning, match="unrecognized arguments"):
            _build_strictly(build)
    else:  # 8: the trait is set, and the 7.7.1 table does not have it
        assert not_in_7(widget_tree(_build_strictly(build))) == ["HTML.description_allow_html"]
        assert not_in_7(widget_tree(widgets.Stack())) == ["Stack"]  # a class 7 lacks


if __name__ == "__main__":
    import pprint

    print(f"# ipywidgets {widgets.__version__}")
    pprint.pprint(live_table(_build_strictly(_build_all)), width=100)
