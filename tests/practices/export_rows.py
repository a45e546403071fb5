"""Export rows as ``export_rows`` yields them, for tests that fake the database.

Kept apart from ``failing_export_wsgi``, whose import replaces the exports' row source:
a test module importing that would break every other export test in its process.
"""

from practices.selectors.catalogue import EXPORT_COLUMNS


def row(number: int) -> dict:
    """An export row as ``export_rows`` yields it."""
    values = dict.fromkeys(EXPORT_COLUMNS, "")
    values.update(slug=f"practice-{number}", title=f"Practice {number}", stages=["emerging"])
    return values
