"""Result snippets that start and end on whole words, with an ellipsis where text is cut.

The catalogue shows either a practice's summary (no text query) or PostgreSQL's
``ts_headline`` fragments of the text that matched, joined by ``FRAGMENT_DELIMITER``. A
fragment that is not the very start of the summary gets "…" before it, one that is not its
very end "…" after it, so a reader can tell a cut sentence from a whole one. Matches arrive
wrapped in two private-use characters; the text is escaped before they become ``<mark>``.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

ELLIPSIS = "…"
FRAGMENT_DELIMITER = f" {ELLIPSIS} "
SUMMARY_CHARS = 240  # a summary (up to 500 characters) is cut to about three lines


def summary_snippet(summary: str, *, limit: int = SUMMARY_CHARS) -> SafeString:
    """The summary, or its first whole words up to ``limit`` characters and "…"."""
    text = " ".join(summary.split())
    if len(text) <= limit:
        return mark_safe(escape(text))  # noqa: S308 (escaped)
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return mark_safe(escape(cut.rstrip(" ,;:.-–—")) + ELLIPSIS)  # noqa: S308 (escaped)


def headline_snippet(headline: str, summary: str, *, start: str, stop: str) -> SafeString:
    """``ts_headline`` output with ellipses where its fragments leave text out."""
    fragments = [f.strip() for f in headline.split(FRAGMENT_DELIMITER) if f.strip()]
    if not fragments:
        return mark_safe("")
    whole = " ".join(summary.split())

    def plain(fragment: str) -> str:
        return " ".join(fragment.replace(start, "").replace(stop, "").split())

    html = FRAGMENT_DELIMITER.join(_marked(f, start, stop) for f in fragments)
    if not whole.startswith(plain(fragments[0])):
        html = ELLIPSIS + " " + html
    if not whole.endswith(plain(fragments[-1])):
        html = html + " " + ELLIPSIS
    return mark_safe(html)  # noqa: S308 (each fragment escaped by _marked)


def _marked(text: str, start: str, stop: str) -> str:
    return escape(text).replace(start, "<mark>").replace(stop, "</mark>")
