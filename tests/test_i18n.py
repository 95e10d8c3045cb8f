"""The helpers' two catalogues (helpers/locale/en, helpers/locale/ko) and the language switch.

A message with no Korean entry, a Korean entry whose {fields} differ from the English
(``format`` would raise in the middle of a figure), a key the code asks for that no
catalogue has, or a Korean entry that is the English text left untranslated: each fails
here. The figures and widgets themselves are drawn in Korean by their own test files.
"""

from __future__ import annotations

import ast
import importlib
import io
import warnings
from pathlib import Path

import pytest

from helpers import i18n
from tests.support import hangul, korean

ROOT = Path(__file__).resolve().parent.parent
EN, KO = i18n.catalogue("en"), i18n.catalogue("ko")


def _tr_calls():
    """Every ``tr(...)`` call of the package: (file, call node)."""
    for path in (ROOT / "helpers").rglob("*.py"):
        if "locale" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            called = getattr(name, "id", getattr(name, "attr", ""))
            if isinstance(node, ast.Call) and called == "tr":
                yield path.relative_to(ROOT).as_posix(), node


def _used_keys() -> dict[str, str]:
    """Every key of a ``tr("...")`` call: {key: file}; a key that is not a literal fails."""
    used = {}
    for where, call in _tr_calls():
        assert call.args and isinstance(call.args[0], ast.Constant), \
            f"{where}:{call.lineno}: tr() needs a literal key (the tests find keys by reading)"
        used[call.args[0].value] = where
    return used


USED = _used_keys()


def test_every_call_passes_its_entrys_fields():
    """A call that forgets a field would show "{x}"; one with an extra field hides a typo."""
    for where, call in _tr_calls():
        if any(k.arg is None for k in call.keywords):
            continue  # tr(key, **fields): checked where fields is built
        key = call.args[0].value
        given = {k.arg for k in call.keywords}
        assert given == i18n.fields(EN[key]), f"{where}:{call.lineno}: {key} gets {given}"


def test_every_message_has_a_korean_entry():
    missing = sorted(set(EN) - set(KO))
    assert not missing, f"no Korean entry for {missing[:10]} (helpers/locale/ko/<topic>.py)"
    extra = sorted(set(KO) - set(EN))
    assert not extra, f"Korean entries without an English one: {extra[:10]}"


def test_korean_entries_fill_the_same_fields():
    wrong = {k: (i18n.fields(EN[k]), i18n.fields(KO[k])) for k in EN
             if k in KO and i18n.fields(EN[k]) != i18n.fields(KO[k])}
    assert not wrong, f"{{fields}} differ between English and Korean: {wrong}"


def test_korean_entries_are_korean():
    """An entry without Hangul (pure notation, e.g. ``"{first}, {last}"``) is listed in ``SAME``."""
    same = set()
    for topic in i18n.TOPICS:
        same |= getattr(importlib.import_module(f"helpers.locale.ko.{topic}"), "SAME", set())
    untranslated = sorted(k for k in KO if k not in same and not hangul(KO[k]))
    assert not untranslated, f"Korean entries with no Hangul (list notation in SAME): " \
                             f"{[(k, KO[k]) for k in untranslated[:10]]}"
    assert same <= set(KO), f"SAME names unknown keys: {sorted(same - set(KO))}"


def test_keys_live_in_their_topic():
    for lang in i18n.LANGUAGES:
        for topic in i18n.TOPICS:
            module = importlib.import_module(f"helpers.locale.{lang}.{topic}")
            wrong = [k for k in module.MESSAGES if not k.startswith(f"{topic}.")]
            assert not wrong, f"locale/{lang}/{topic}.py holds other topics' keys: {wrong[:5]}"


def test_every_key_the_code_uses_exists_and_every_entry_is_used():
    assert USED, "no tr(...) call found: the scan is broken"
    unknown = {k: f for k, f in USED.items() if k not in EN}
    assert not unknown, f"keys used in the code but in no catalogue: {unknown}"
    unused = sorted(set(EN) - set(USED))
    assert not unused, f"catalogue entries no code uses: {unused[:10]}"


def test_tr_fills_fields_in_the_language_in_use():
    key = next(k for k in EN if i18n.fields(EN[k]))
    values = {f: "⟨1⟩" for f in i18n.fields(EN[key])}
    assert i18n.tr(key, **values) == EN[key].format(**values)
    with korean():
        assert i18n.language() == "ko"
        assert i18n.tr(key, **values) == KO[key].format(**values)
    assert i18n.language() == "en"


def test_use_language_rejects_bad_input():
    with pytest.raises(TypeError, match="lang must be a str"):
        i18n.use_language(None)
    with pytest.raises(ValueError, match=r"lang must be one of \('en', 'ko'\), got 'kr'"):
        i18n.use_language("kr")
    assert i18n.language() == "en"


def test_korean_font_draws_hangul_and_english_restores_the_font_list():
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    before = list(matplotlib.rcParams["font.family"])
    files = {str(p) for p in i18n.korean_font_files()}
    assert files and all("koreanize_matplotlib" in f for f in files)
    with korean():
        registered = {f.fname for f in font_manager.fontManager.ttflist}
        assert files <= registered, "the pip package's font files are what matplotlib uses"
        fig = Figure()
        ax = fig.add_subplot()
        ax.set_title("교차 엔트로피 오차 −0.5", fontweight="bold")  # Hangul and the minus sign
        fig.savefig(io.BytesIO(), format="png")  # a missing glyph is an error inside korean()
        assert i18n.KOREAN_FONT in matplotlib.rcParams["font.family"]
    assert list(matplotlib.rcParams["font.family"]) == before


def test_without_the_font_hangul_is_missing():
    """The glyph check is real: DejaVu Sans alone has no Hangul, and the warning is raised."""
    import random

    from matplotlib.figure import Figure

    fig = Figure()
    fresh = "".join(chr(0xAC00 + random.randrange(11172)) for _ in range(8))  # not in any cache
    fig.add_subplot().set_title(f"표본 {fresh}", fontfamily="DejaVu Sans")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        with pytest.raises(UserWarning, match="missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_the_font_package_is_a_dependency():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "koreanize-matplotlib==0.1.1" in requirements
    assert "koreanize-matplotlib" in pyproject  # Colab installs the package with its dependencies
    assert "jupyterlab-language-pack-ko-KR==" in requirements
