"""Building "Do's and don'ts for biotech cluster development" as a PDF.

One ``Publication`` row per state of the published catalogue (its fingerprint, see
``practices.selectors.publication.catalogue_state``). ``publication_request`` creates or
reuses the row for the current catalogue and queues the Celery task; the task calls
``publication_build``, which renders the HTML, typesets it with WeasyPrint and stores the
PDF, committing its progress after each step so the requester's page can show it.

A failed build is marked failed and logged, not retried: the next request retries it.
A build whose worker died (the row stays queued or building) is considered stuck after
``STALE_AFTER`` and the next request queues it again.

The PDF uses no external resource: the style sheet is inline, the logo a ``data:`` URI,
and the URL fetcher given to WeasyPrint refuses every other scheme.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
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

# The task's hard time limit is 660 s; a row queued or building for longer than this
# lost its worker (or its broker message) and may be queued again.
STALE_AFTER = timedelta(minutes=15)

# Measured: the typeset PDF holds about this much of the HTML per page. Only used to
# turn "page N" into a percentage while WeasyPrint lays the pages out.
HTML_BYTES_PER_PAGE = 5000

# Built editions whose PDF is kept; older ones are deleted when a new one is ready.
KEEP_EDITIONS = 3

IN_PROGRESS = frozenset({PublicationStatus.QUEUED, PublicationStatus.BUILDING})

_LOGO = Path(settings.BASE_DIR) / "netbioclue" / "static" / "netbioclue" / "logo.svg"


def publication_is_stale(publication: Publication) -> bool:
    """Queued or building for so long that its worker must have died."""
    return (
        publication.status in IN_PROGRESS and publication.created_at < timezone.now() - STALE_AFTER
    )


def publication_pdf_exists(publication: Publication) -> bool:
    """A ready edition whose file is still in storage."""
    return (
        publication.status == PublicationStatus.READY
        and bool(publication.pdf)
        and publication.pdf.storage.exists(publication.pdf.name)
    )


def publication_request(*, by: User) -> Publication:
    """The edition of the current catalogue: reused when built or being built, else queued.

    Signed-in people only: a build costs seconds of CPU, so anonymous visitors cannot
    trigger one (they may download a built edition).
    """
    if by is None or not by.is_authenticated:
        raise PermissionDenied(_("Sign in to build the publication."))
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


def publication_build(*, publication_id: int) -> Publication | None:
    """Build the PDF of one requested edition; safe to run twice.

    Returns the edition, or None when there was nothing to do (already built, failed and
    not requested again, or claimed by another worker).
    """
    # The PDF and the progress messages are in the portal's default language, whichever
    # request queued the build (in development the task runs inside that request).
    with translation.override(settings.LANGUAGE_CODE):
        return _build(publication_id)


def _build(publication_id: int) -> Publication | None:
    publication = _claim(publication_id)
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
    except Exception as error:
        # Includes Celery's SoftTimeLimitExceeded. Marked failed, not re-raised: Celery
        # must not retry endlessly, and a person asking again retries it.
        logger.exception("Building publication %s failed", publication_id)
        _fail(publication, error)
        publication.refresh_from_db()
        return publication
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(
            status=PublicationStatus.READY,
            progress=100,
            message=_("Ready: %(pages)d pages.") % {"pages": page_count},
            practice_count=contents.practice_count,
            pdf=publication.pdf.name,
            finished_at=timezone.now(),
        )
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


def _claim(publication_id: int) -> Publication | None:
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
        if publication.status == PublicationStatus.BUILDING and not publication_is_stale(
            publication
        ):
            return None  # another worker is on it
        publication.status = PublicationStatus.BUILDING
        publication.progress = 5
        publication.message = _("Starting the build.")
        publication.created_at = timezone.now()  # the staleness clock restarts
        publication.save(update_fields=["status", "progress", "message", "created_at"])
    return publication


def _progress(publication: Publication, progress: int, message: str) -> None:
    # A short statement of its own (autocommit in a worker), so the requester's page
    # sees each step while the build goes on.
    Publication.objects.filter(pk=publication.pk, status=PublicationStatus.BUILDING).update(
        progress=progress, message=message
    )


class _LayoutProgressHandler(logging.Handler):
    """Reports WeasyPrint's "Creating layout - Page N" steps as progress (40% to 80%).

    Layout is most of a build (minutes for a large catalogue); without this the page
    would sit at one percentage all that time.
    """

    MESSAGE = "Step 5 - Creating layout - Page %d"
    START, END = 40, 80

    def __init__(self, publication: Publication, *, expected_pages: int) -> None:
        super().__init__(level=logging.INFO)
        self.publication = publication
        self.expected_pages = max(expected_pages, 1)
        self.reported = self.START

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
            _progress(
                self.publication,
                progress,
                _("Typesetting the pages (page %(page)d).") % {"page": page},
            )


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
        Publication.objects.filter(pk=publication.pk).update(
            status=PublicationStatus.FAILED, message=message[:300], finished_at=timezone.now()
        )
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
