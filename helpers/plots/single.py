"""Figures for one lesson topic (filled in by its notebook's author)."""

__all__: list[str] = []
