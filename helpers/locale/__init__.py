"""The catalogues of :mod:`helpers.i18n`: ``en`` and ``ko``, one module per topic each."""
