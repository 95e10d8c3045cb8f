"""The maintainers' scripts: run as ``python tools/<name>.py``; the tests import them
as ``tools.<name>``."""
