"""The language of every text the helpers show: figures, widgets, readouts, exercise feedback.

    import helpers
    helpers.use_language("ko")   # in a lesson's setup cell: everything from now on in Korean

One setting, :func:`use_language`, switches the text of every figure, widget and
self-check drawn after it (``"en"``, the default, or ``"ko"``). The words live in
one catalogue per language, :mod:`helpers.locale.en` and :mod:`helpers.locale.ko`
(a module per topic inside each), and every module of the package asks for its
text by key with :func:`tr`. ``tests/test_i18n.py`` fails when a key has no
Korean entry, when the two catalogues disagree on a key's ``{fields}``, or when a
key used in the code is missing.

Korean text needs a font with Hangul: ``use_language("ko")`` registers NanumGothic
(SIL Open Font License), which the pip package ``koreanize-matplotlib`` ships,
and adds it to matplotlib's font list, so figures show Hangul on every
operating system and in Colab without a system font. (Its files are found
without importing the package: importing it changes matplotlib's settings.)

Argument errors (``ValueError``/``TypeError`` naming a Python argument) stay in
English in both editions: they quote the code, and they are what one searches for.
"""

from __future__ import annotations

import importlib
import importlib.util
import string
from pathlib import Path

__all__ = ["LANGUAGES", "TOPICS", "use_language", "language", "tr", "catalogue"]

#: The languages the helpers speak.
LANGUAGES = ("en", "ko")
#: The catalogue's topics: one module per topic in each language's folder, and the
#: first part of every key (``"single.neg_log.title"`` lives in ``locale/<lang>/single.py``).
TOPICS = ("common", "single", "full", "minibatch", "training", "check")
#: The Hangul font added to matplotlib's list by ``use_language("ko")``, after DejaVu Sans
#: (matplotlib's own font, which draws everything but Hangul).
KOREAN_FONT = "NanumGothic"
_FONT_PACKAGE = "koreanize_matplotlib"

_state = {"language": "en", "matplotlib_font": None}
_catalogues: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    """Every message of one language: ``{key: text}`` (a new dict; loaded once)."""
    lang = _check_language(lang)
    if lang not in _catalogues:
        merged: dict[str, str] = {}
        for topic in TOPICS:
            module = importlib.import_module(f"helpers.locale.{lang}.{topic}")
            merged.update(module.MESSAGES)
        _catalogues[lang] = merged
    return dict(_catalogues[lang])


def _check_language(lang) -> str:
    if not isinstance(lang, str):
        raise TypeError(f"lang must be a str, one of {LANGUAGES}, got {type(lang).__name__}")
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, got {lang!r}")
    return lang


def language() -> str:
    """The language in use: ``"en"`` (the default) or ``"ko"``."""
    return _state["language"]


def use_language(lang: str) -> None:
    """Show every figure, widget and self-check drawn from now on in ``lang``.

    Parameters
    ----------
    lang : str
        ``"en"`` (English, the default) or ``"ko"`` (한국어). Korean also makes
        NanumGothic matplotlib's first font; English restores the font list
        that was there before.

    Raises
    ------
    TypeError
        If ``lang`` is not a str.
    ValueError
        If ``lang`` is not one of :data:`LANGUAGES`.
    """
    lang = _check_language(lang)
    catalogue(lang)  # a broken catalogue fails here, not in the middle of a figure
    _use_font(lang)
    _state["language"] = lang


# Note: the font list lives in matplotlib's rcParams, so ``matplotlib.rcdefaults()`` or a
# ``plt.rc_context()`` around ``use_language("ko")`` undoes it; call use_language again then.


def tr(key: str, **fields) -> str:
    """The text of ``key`` in the language in use, with ``{fields}`` filled in.

    Raises
    ------
    KeyError
        If no catalogue has ``key`` (a bug of the package, caught by the tests).
    """
    if not _catalogues.get(_state["language"]):
        catalogue(_state["language"])
    template = _catalogues[_state["language"]][key]
    return template.format(**fields) if fields else template


def fields(template: str) -> set[str]:
    """The names of the ``{fields}`` of a template (for the catalogue tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def korean_font_files() -> list[Path]:
    """The NanumGothic files of the pip package ``koreanize-matplotlib`` (not imported)."""
    spec = importlib.util.find_spec(_FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "Korean figures need the NanumGothic font of the package koreanize-matplotlib: "
            "pip install koreanize-matplotlib==0.1.1")
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    files = sorted(folder.glob("NanumGothic*.ttf"))
    if not files:
        raise FileNotFoundError(f"no NanumGothic*.ttf in {folder}: reinstall koreanize-matplotlib")
    return files


def _use_font(lang: str) -> None:
    """Korean: NanumGothic first in matplotlib's font list; English: the list as before."""
    if lang == "en" and _state["matplotlib_font"] is None:
        return  # nothing to restore (and no need to import matplotlib)
    import matplotlib
    from matplotlib import font_manager

    rc = matplotlib.rcParams
    if lang == "ko":
        # the package's files by path (a system NanumGothic, if any, may sit beside them)
        known = {f.fname for f in font_manager.fontManager.ttflist}
        for path in korean_font_files():  # raises before anything is changed
            if str(path) not in known:
                font_manager.fontManager.addfont(str(path))
        if _state["matplotlib_font"] is None:  # remember the user's setting, once
            _state["matplotlib_font"] = list(rc["font.family"])
        # Named fonts, not the "sans-serif" alias: matplotlib falls back glyph by glyph
        # along font.family only. DejaVu Sans first: Latin letters, digits and symbols look
        # as in the English edition (NanumGothic has no minus sign U+2212, which log-axis
        # ticks cannot fall back for, and its bold decimal point reads as a comma at 14 pt);
        # Hangul, which DejaVu Sans lacks, comes from NanumGothic.
        rc["font.family"] = ["DejaVu Sans", KOREAN_FONT]
    elif _state["matplotlib_font"] is not None:
        rc["font.family"] = _state["matplotlib_font"]
        _state["matplotlib_font"] = None
