"""Streamed answers (exports, open data) that never end as a truncated 200.

Once the status line and the first bytes are sent, a server cannot turn a failure into
an error status any more. Two rules keep a client from taking a broken download for a
whole one:

1. **Fail before the first byte when possible.** The view validates the query (a 400)
   and then calls ``started(rows)``, which reads the first row at once: the SQL runs in
   the view, so a query PostgreSQL refuses is an error answer, not a 200 whose body is
   ``[``.
2. **Abort, never finish, after it.** ``aborting(chunks)`` logs a failure in the middle
   of the stream and raises ``StreamAborted``: the server then drops the connection
   without ending the body (gunicorn leaves the chunked encoding unterminated, so
   clients report an incomplete read; a body delimited by the connection's close lacks
   its last line and, in JSON, its closing bracket). Catching the error and ending the
   body politely would hand out a well-formed partial file.
"""

import itertools
import logging
from collections.abc import Iterable, Iterator

logger = logging.getLogger("netbioclue.streaming")


class StreamAborted(RuntimeError):
    """A streamed answer failed after its first byte; the connection must be dropped."""


def started[T](rows: Iterable[T]) -> Iterator[T]:
    """``rows``, with its first item already read (so its query has run, or failed, now)."""
    iterator = iter(rows)
    try:
        first = next(iterator)
    except StopIteration:
        return iter(())
    return itertools.chain((first,), iterator)


def aborting[T](chunks: Iterable[T], *, name: str) -> Iterator[T]:
    """``chunks``, but a failure while producing them is logged and raised as StreamAborted."""
    sent = 0
    try:
        for chunk in chunks:
            sent += len(chunk)  # type: ignore[arg-type]
            yield chunk
    except Exception as error:
        logger.error(
            "The stream %s failed after %d bytes; dropping the connection.",
            name,
            sent,
            exc_info=error,
        )
        raise StreamAborted(f"{name} failed after {sent} bytes") from error
