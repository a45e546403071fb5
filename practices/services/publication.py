"""Building "Do's and don'ts for biotech cluster development" as a PDF.

One ``Publication`` row per state of the published catalogue (its fingerprint, see
``practices.selectors.publication.catalogue_state``). ``publication_request`` creates or
reuses the row for the current catalogue and queues the Celery task; the task calls
``publication_build``, which renders the HTML, typesets it with WeasyPrint and stores the
PDF, committing its progress after each step so the requester's page can show it.

A failed build is marked failed and logged, not retried: the next request retries it.

A worker can also die mid-build (SIGKILL, out of memory, a restart). Two things then
finish the edition without anyone waiting for a long timeout:

- the task is ``acks_late`` + ``reject_on_worker_lost`` (``practices.tasks``): when the
  process running it dies, Celery puts the message back and another worker (or the
  restarted one) receives it marked *redelivered*, and ``_claim`` takes the build over;
- the worker touches ``heartbeat_at`` on each step and every ``HEARTBEAT_EVERY`` while
  pages are laid out. A building row without a heartbeat for ``HEARTBEAT_TIMEOUT`` lost
  its worker (also when the whole worker was killed, and the message waits for the
  broker's visibility timeout): the pages show it as stopped and offer "build again"
  at once, and ``publication_request`` queues it again under the row lock.

Each claim counts an attempt; a worker superseded by a newer attempt stops writing, and a
build that killed ``MAX_ATTEMPTS`` workers is marked failed instead of being redelivered
forever.

The PDF uses no external resource: the style sheet is inline, the logo a ``data:`` URI,
and the URL fetcher given to WeasyPrint refuses every other scheme.
"""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organisations.activity import log_action
from organisations.models import User
from practices.models import Publication, PublicationStatus
from practices.selectors.publication import (
    PublicationContents,
    catalogue_state,
    publication_contents,
)
from practices.tasks import build_publication

logger = logging.getLogger(__name__)

# A building worker touches the row at least this often (each step, and during layout
# every this many seconds)...
HEARTBEAT_EVERY = timedelta(seconds=5)
# ...so a building row silent for this long lost its worker and may be started again.
# The silent stretches are the steps WeasyPrint does not report page by page (parsing
# the HTML, writing the PDF), which take seconds, not tens of seconds.
HEARTBEAT_TIMEOUT = timedelta(seconds=45)
# A queued row no worker has started: the queue may simply be long (builds take minutes
# each), so only a much longer wait means its broker message was lost.
QUEUED_STALE_AFTER = timedelta(minutes=15)
# Workers a build may take down (each redelivery or takeover is an attempt) before the
# edition is marked failed.
MAX_ATTEMPTS = 3

# Measured: the typeset PDF holds about this much of the HTML per page. Only used to
# turn "page N" into a percentage while WeasyPrint lays the pages out.
HTML_BYTES_PER_PAGE = 5000

# Built editions whose PDF is kept; older ones are deleted when a new one is ready.
KEEP_EDITIONS = 3

IN_PROGRESS = frozenset({PublicationStatus.QUEUED, PublicationStatus.BUILDING})

_LOGO = Path(settings.BASE_DIR) / "netbioclue" / "static" / "netbioclue" / "logo.svg"


def publication_is_stale(publication: Publication) -> bool:
    """In progress, but its worker must have died: building without a heartbeat for
    ``HEARTBEAT_TIMEOUT``, or queued and never started for ``QUEUED_STALE_AFTER``."""
    now = timezone.now()
    if publication.status == PublicationStatus.BUILDING:
        last_sign_of_life = publication.heartbeat_at or publication.created_at
        return last_sign_of_life < now - HEARTBEAT_TIMEOUT
    if publication.status == PublicationStatus.QUEUED:
        return publication.created_at < now - QUEUED_STALE_AFTER
    return False


def publication_pdf_exists(publication: Publication) -> bool:
    """A ready edition whose file is still in storage."""
    return (
        publication.status == PublicationStatus.READY
        and bool(publication.pdf)
        and publication.pdf.storage.exists(publication.pdf.name)
    )


def publication_request(*, by: User | None) -> Publication:
    """The edition of the current catalogue: reused when built or being built, else queued.

    Anyone may ask, signed in or not (``by`` is None or anonymous then): the edition is
    one per state of the catalogue, so asking again costs nothing, and publishing a
    practice queues it anyway (``publication_refresh``).
    """
    if by is not None and not by.is_authenticated:
        by = None
    state = catalogue_state()
    with transaction.atomic():
        # The unique fingerprint settles concurrent requests: get_or_create retries the
        # read when its insert loses the race, and the row lock serialises the rest.
        publication, created = Publication.objects.select_for_update().get_or_create(
            fingerprint=state.fingerprint,
            defaults={
                "requested_by": by,
                "practice_count": state.practice_count,
                "message": _("Waiting for a worker to start the build."),
            },
        )
        # Reused: a build in progress (unless its worker died) or a built PDF.
        in_hand = (
            publication.status in IN_PROGRESS and not publication_is_stale(publication)
        ) or publication_pdf_exists(publication)
        if in_hand and not created:
            return publication
        if not created:
            # ``created_at`` is when the current attempt was requested (then started):
            # the clock that ``publication_is_stale`` reads.
            publication.status = PublicationStatus.QUEUED
            publication.progress = 0
            publication.message = _("Waiting for a worker to start the build.")
            publication.requested_by = by
            publication.practice_count = state.practice_count
            publication.created_at = timezone.now()
            publication.heartbeat_at = None
            publication.attempts = 0
            publication.finished_at = None
            publication.save()
        log_action(
            action="publication.requested",
            actor=by,
            target=publication,
            data={"fingerprint": publication.fingerprint, "practices": state.practice_count},
        )
        build_publication.delay_on_commit(publication.pk)
    return publication


def publication_refresh() -> Publication:
    """Queue the edition of the catalogue as it is now (the ``refresh_publication`` task,
    queued by ``search_index.catalogue_changed`` after each change of the published
    catalogue). The previous edition stays downloadable until the new one is ready."""
    return publication_request(by=None)


def publication_build(*, publication_id: int, redelivered: bool = False) -> Publication | None:
    """Build the PDF of one requested edition; safe to run twice.

    ``redelivered``: the broker gave this task again because the worker that had it died
    (see the module docstring), so a build marked as running is that dead worker's and
    is taken over even though its heartbeat is recent.

    Returns the edition, or None when there was nothing to do (already built, failed and
    not requested again, claimed by another worker, or taken over by a newer attempt).
    """
    # The PDF and the progress messages are in the portal's default language, whichever
    # request queued the build (in development the task runs inside that request).
    with translation.override(settings.LANGUAGE_CODE):
        return _build(publication_id, redelivered=redelivered)


class _Superseded(Exception):
    """Another worker took this build over (this one was thought dead): stop quietly."""


def _build(publication_id: int, *, redelivered: bool) -> Publication | None:
    publication = _claim(publication_id, redelivered=redelivered)
    if publication is None:
        return None
    try:
        _progress(publication, 10, _("Reading the published catalogue."))
        contents = publication_contents()
        _progress(
            publication,
            25,
            _("Compiling the advice of %(count)d practices.") % {"count": contents.practice_count},
        )
        edition_date = timezone.localdate()
        html = publication_html(contents=contents, edition_date=edition_date)
        _progress(publication, 40, _("Typesetting the pages."))
        expected_pages = len(html) // HTML_BYTES_PER_PAGE + 1
        with _layout_progress(publication, expected_pages=expected_pages):
            document = _weasyprint_html(html).render()
            page_count = len(document.pages)
            _progress(
                publication,
                85,
                _("Writing the PDF (%(pages)d pages).") % {"pages": page_count},
            )
            # Tagged: screen readers and reflowing readers get the structure (same time,
            # about twice the size).
            pdf = document.write_pdf(pdf_tags=True)
        _progress(publication, 95, _("Saving the PDF."))
        _store(publication, pdf, edition_date=edition_date)
    except _Superseded:
        logger.info("Publication %s: build taken over by another worker", publication_id)
        return None
    except Exception as error:
        # Includes Celery's SoftTimeLimitExceeded. Marked failed, not re-raised: Celery
        # must not retry endlessly, and a person asking again retries it.
        logger.exception("Building publication %s failed", publication_id)
        _fail(publication, error)
        publication.refresh_from_db()
        return publication
    with transaction.atomic():
        finished = _this_attempt(publication).update(
            status=PublicationStatus.READY,
            progress=100,
            message=_("Ready: %(pages)d pages.") % {"pages": page_count},
            practice_count=contents.practice_count,
            pdf=publication.pdf.name,
            heartbeat_at=timezone.now(),
            finished_at=timezone.now(),
        )
        if not finished:
            # Taken over while this worker saved: the newer attempt stores its own file.
            publication.pdf.delete(save=False)
            return None
        log_action(
            action="publication.built",
            actor=None,
            target=publication,
            data={
                "fingerprint": publication.fingerprint,
                "practices": contents.practice_count,
                "pages": page_count,
                "bytes": len(pdf),
            },
        )
        transaction.on_commit(_prune_old_editions)
    publication.refresh_from_db()
    return publication


def _claim(publication_id: int, *, redelivered: bool) -> Publication | None:
    with transaction.atomic():
        # skip_locked: a row another worker is claiming right now is theirs.
        publication = (
            Publication.objects.select_for_update(skip_locked=True)
            .filter(pk=publication_id)
            .first()
        )
        if publication is None:
            return None
        if publication.status == PublicationStatus.READY and publication_pdf_exists(publication):
            return None
        if publication.status == PublicationStatus.FAILED:
            return None  # only a new request retries a failed build
        if publication.status == PublicationStatus.BUILDING:
            if not redelivered and not publication_is_stale(publication):
                return None  # another worker is on it
            if publication.attempts >= MAX_ATTEMPTS:
                _give_up(publication)
                return None
        now = timezone.now()
        publication.status = PublicationStatus.BUILDING
        publication.progress = 5
        publication.message = _("Starting the build.")
        publication.created_at = now  # the "started" time the build page shows
        publication.heartbeat_at = now
        publication.attempts += 1  # any earlier attempt's writes stop matching
        publication.save(
            update_fields=[
                "status",
                "progress",
                "message",
                "created_at",
                "heartbeat_at",
                "attempts",
            ]
        )
    return publication


def _give_up(publication: Publication) -> None:
    message = _(
        "The PDF could not be built: the build stopped its worker %(count)d times. "
        "Tell the portal's coordinator."
    ) % {"count": publication.attempts}
    Publication.objects.filter(pk=publication.pk).update(
        status=PublicationStatus.FAILED, message=message[:300], finished_at=timezone.now()
    )
    log_action(
        action="publication.failed",
        actor=None,
        target=publication,
        data={
            "fingerprint": publication.fingerprint,
            "error": "worker lost",
            "attempts": publication.attempts,
        },
    )


def _this_attempt(publication: Publication):
    """The row, as long as this worker's attempt is the current one."""
    return Publication.objects.filter(
        pk=publication.pk, status=PublicationStatus.BUILDING, attempts=publication.attempts
    )


def _progress(publication: Publication, progress: int, message: str) -> None:
    # A short statement of its own (autocommit in a worker), so the requester's page
    # sees each step while the build goes on; it is also a heartbeat.
    updated = _this_attempt(publication).update(
        progress=progress, message=message, heartbeat_at=timezone.now()
    )
    if not updated:
        raise _Superseded


def _heartbeat(publication: Publication) -> None:
    if not _this_attempt(publication).update(heartbeat_at=timezone.now()):
        raise _Superseded


class _LayoutProgressHandler(logging.Handler):
    """Reports WeasyPrint's "Creating layout - Page N" steps as progress (40% to 80%),
    and beats the heartbeat at least every ``HEARTBEAT_EVERY`` meanwhile.

    Layout is most of a build (minutes for a large catalogue); without this the page
    would sit at one percentage all that time, and the build would look dead.
    """

    MESSAGE = "Step 5 - Creating layout - Page %d"
    START, END = 40, 80

    def __init__(self, publication: Publication, *, expected_pages: int) -> None:
        super().__init__(level=logging.INFO)
        self.publication = publication
        self.expected_pages = max(expected_pages, 1)
        self.reported = self.START
        self.beaten = time.monotonic()

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg != self.MESSAGE or not record.args:
            return
        page = int(record.args[0])  # type: ignore[index]
        share = min(page, self.expected_pages) / self.expected_pages
        progress = self.START + int((self.END - self.START) * share)
        # Every 2 points at most, and never backwards (WeasyPrint lays pages out again
        # when page references change).
        if progress >= self.reported + 2:
            self.reported = progress
            self.beaten = time.monotonic()
            _progress(
                self.publication,
                progress,
                _("Typesetting the pages (page %(page)d).") % {"page": page},
            )
        elif time.monotonic() - self.beaten >= HEARTBEAT_EVERY.total_seconds():
            self.beaten = time.monotonic()
            _heartbeat(self.publication)


@contextmanager
def _layout_progress(publication: Publication, *, expected_pages: int) -> Iterator[None]:
    progress_logger = logging.getLogger("weasyprint.progress")
    handler = _LayoutProgressHandler(publication, expected_pages=expected_pages)
    level, propagate = progress_logger.level, progress_logger.propagate
    progress_logger.addHandler(handler)
    progress_logger.setLevel(logging.INFO)
    # WeasyPrint's INFO line per page would flood the worker's log: kept to the handler
    # (its warnings and errors, on the "weasyprint" logger, still reach the log).
    progress_logger.propagate = False
    try:
        yield
    finally:
        progress_logger.removeHandler(handler)
        progress_logger.setLevel(level)
        progress_logger.propagate = propagate


def _store(publication: Publication, pdf: bytes, *, edition_date: date) -> None:
    if publication.pdf:
        publication.pdf.delete(save=False)
    name = f"netbioclue-dos-and-donts-{edition_date.isoformat()}-{publication.fingerprint[:10]}.pdf"
    publication.pdf.save(name, ContentFile(pdf), save=False)


def _fail(publication: Publication, error: Exception) -> None:
    # The public build page shows the message: the class of error only, the details
    # are in the log.
    message = _(
        "The PDF could not be built (%(error)s). Try again; if it fails again, "
        "tell the portal's coordinator."
    ) % {"error": type(error).__name__}
    with transaction.atomic():
        if not _this_attempt(publication).update(
            status=PublicationStatus.FAILED, message=message[:300], finished_at=timezone.now()
        ):
            return  # a newer attempt owns the row now
        log_action(
            action="publication.failed",
            actor=None,
            target=publication,
            data={"fingerprint": publication.fingerprint, "error": repr(error)[:500]},
        )


def _prune_old_editions() -> None:
    """Delete all but the newest ``KEEP_EDITIONS`` built editions, with their files."""
    old = Publication.objects.filter(status=PublicationStatus.READY).order_by(
        "-finished_at", "-id"
    )[KEEP_EDITIONS:]
    for publication in list(old):
        if publication.pdf:
            publication.pdf.delete(save=False)
        publication.delete()


# --- Rendering -----------------------------------------------------------------------------


def publication_html(*, contents: PublicationContents, edition_date: date) -> str:
    """The HTML WeasyPrint typesets, in the portal's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "practices/publication_pdf.html",
            {
                "contents": contents,
                "edition_date": edition_date,
                "site_url": settings.SITE_URL,
                "logo_uri": _logo_data_uri(),
                "for_print": True,
            },
        )


def _logo_data_uri() -> str:
    try:
        data = _LOGO.read_bytes()
    except OSError:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _weasyprint_html(html: str):
    # Imported here: WeasyPrint loads Pango, which only the build needs.
    import weasyprint

    return weasyprint.HTML(string=html, base_url=str(_LOGO.parent), url_fetcher=_url_fetcher())


def _url_fetcher():
    """Only ``data:`` URIs: the PDF never loads anything from the network or the disk,
    whatever a practice's text contains."""
    import weasyprint

    return weasyprint.URLFetcher(allowed_protocols=["data"], timeout=1)
