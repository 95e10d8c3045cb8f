"""The helpers' text in English: one module per topic (see :mod:`helpers.i18n`)."""
