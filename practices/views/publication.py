"""The publication "Do's and don'ts for biotech cluster development".

- ``/practices/publication/``: the printable web page, rendered from the live catalogue
  (cached per catalogue fingerprint: one query when cached, two when not);
- ``/practices/publication/pdf/``: the PDF of the current catalogue when built, else a page
  offering the last built edition at once and showing (or, POST, anyone may ask for) the
  build of the current one; ``?edition=<id>`` downloads a given one. Publishing a
  practice queues the build by itself (``search_index.catalogue_changed``);
- ``/practices/publication/builds/<id>/``: a build's progress, refreshing itself without
  JavaScript; ``?format=json`` (or ``Accept: application/json``) for scripts.
"""

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from netbioclue.text import parse_whole_number
from practices.models import Publication, PublicationStatus
from practices.selectors.publication import (
    catalogue_state,
    latest_ready_publication,
    publication_contents,
    publication_for,
)
from practices.services.publication import (
    IN_PROGRESS,
    publication_is_stale,
    publication_pdf_exists,
    publication_request,
)

# The rendered text of the web page, per catalogue state and language. The key changes
# with the catalogue, so the timeout only bounds how long a deployed template change
# takes to show.
PAGE_CACHE_SECONDS = 60 * 60


@require_http_methods(["GET", "HEAD"])
def publication_view(request: HttpRequest) -> HttpResponse:
    # Rendering 1,000 practices takes about 1.5 s; the catalogue's fingerprint (one
    # aggregate query) tells whether the text rendered last time still holds.
    state = catalogue_state()
    key = f"practices:publication-page:{state.fingerprint}:{get_language()}"
    body = cache.get(key)
    if body is None:
        # No request context: the text must not depend on who is asking.
        body = render_to_string(
            "practices/publication_body.html",
            {"contents": publication_contents(), "for_print": False},
        )
        cache.set(key, body, PAGE_CACHE_SECONDS)
    return render(request, "practices/publication.html", {"body": body, "state": state})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def publication_pdf_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Anyone may ask: one edition per state of the catalogue, so asking twice (or
        # a thousand visitors asking) queues one build.
        publication = publication_request(by=request.user)
        return redirect("practices:publication_build", build_id=publication.pk)

    if "edition" in request.GET:
        return _pdf_response(_ready_edition_or_404(request.GET["edition"]))

    state = catalogue_state()
    publication = publication_for(state.fingerprint)
    if publication is not None and publication_pdf_exists(publication):
        return _pdf_response(publication)

    in_progress = publication is not None and publication.status in IN_PROGRESS
    stale = publication is not None and publication_is_stale(publication)
    earlier = latest_ready_publication()
    if earlier is not None and not publication_pdf_exists(earlier):
        earlier = None
    return render(
        request,
        "practices/publication_download.html",
        {
            "state": state,
            "publication": publication,
            "in_progress": in_progress,
            "stale": stale,
            "offer_build": not in_progress or stale,
            "earlier": earlier,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def publication_build_view(request: HttpRequest, build_id: int) -> HttpResponse:
    wants_json = _wants_json(request)
    try:
        publication = Publication.objects.get(pk=build_id)
    except Publication.DoesNotExist:
        if wants_json:
            return JsonResponse({"detail": "Not found."}, status=404)
        raise Http404 from None

    stale = publication_is_stale(publication)
    pdf_exists = publication_pdf_exists(publication)
    is_current = publication.fingerprint == catalogue_state().fingerprint
    download_url = (
        reverse("practices:publication_pdf") + f"?edition={publication.pk}" if pdf_exists else None
    )
    if wants_json:
        return JsonResponse(
            {
                "id": publication.pk,
                "status": publication.status,
                "status_label": publication.get_status_display(),
                "progress": publication.progress,
                "message": publication.message,
                "practice_count": publication.practice_count,
                "created_at": publication.created_at,
                "finished_at": publication.finished_at,
                # The worker's last sign of life; "stale" once it is older than the
                # heartbeat timeout (the worker died: request the build again).
                "heartbeat_at": publication.heartbeat_at,
                "stale": stale,
                "is_current": is_current,
                "download_url": request.build_absolute_uri(download_url) if download_url else None,
                "status_url": request.build_absolute_uri(request.path),
            }
        )
    return render(
        request,
        "practices/publication_build.html",
        {
            "publication": publication,
            "stale": stale,
            "refresh": publication.status in IN_PROGRESS and not stale,
            "pdf_exists": pdf_exists,
            "is_current": is_current,
            "download_url": download_url,
        },
    )


def _wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    preferred = request.get_preferred_type(["text/html", "application/json"])
    return preferred == "application/json"


def _ready_edition_or_404(edition: str) -> Publication:
    pk = parse_whole_number(edition)  # "²".isdigit() is true, int("²") fails
    if pk is None:
        raise Http404
    publication = get_object_or_404(Publication, pk=pk, status=PublicationStatus.READY)
    if not publication_pdf_exists(publication):
        raise Http404
    return publication


def _pdf_response(publication: Publication) -> FileResponse:
    edition_date = timezone.localdate(publication.finished_at or publication.created_at)
    return FileResponse(
        publication.pdf.open("rb"),
        as_attachment=True,
        filename=f"netbioclue-dos-and-donts-{edition_date.isoformat()}.pdf",
        content_type="application/pdf",
    )
