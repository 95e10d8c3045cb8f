"""The helpers' text in Korean: one module per topic (see :mod:`helpers.i18n`)."""
