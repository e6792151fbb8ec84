"""The conflict report: one document (build.py, or quick.py for a first page), several views
(terminal, Markdown, HTML, JSON). Nothing here imports SQLAlchemy: the quick path renders with it."""

from __future__ import annotations


def render(doc: dict, fmt: str) -> str:
    """The report as text in a publishing format (the terminal view is rendered by rich)."""
    if fmt == "json":
        from ..render import json_text

        return json_text(doc) + "\n"
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from .html import render_html

        return render_html(doc)
    raise ValueError(fmt)


__all__ = ["render"]
