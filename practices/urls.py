from django.urls import path

from netbioclue.ratelimit import rate_limited
from practices.views import catalogue, editing, interviews, publication

app_name = "practices"

# Per-address rate limits, as for the API: the catalogue's pages at the anonymous API rate,
# the exports and the PDF download (each reads or sends a lot) at CATALOGUE_EXPORT_THROTTLE.
page_limited = rate_limited("page")
export_limited = rate_limited("export")

# Fixed words come before "<slug:slug>/"; practice slugs never take one of them
# (practices.models.RESERVED_SLUGS).
urlpatterns = [
    # The public catalogue (search, facets, exports)
    path("", page_limited(catalogue.practice_list_view), name="list"),
    path("export.csv", export_limited(catalogue.export_csv_view), name="export_csv"),
    path("export.json", export_limited(catalogue.export_json_view), name="export_json"),
    # The publication "Do's and don'ts for biotech cluster development"
    path("publication/", publication.publication_view, name="publication"),
    path(
        "publication/pdf/",
        export_limited(publication.publication_pdf_view),
        name="publication_pdf",
    ),
    path(
        "publication/builds/<int:build_id>/",
        publication.publication_build_view,
        name="publication_build",
    ),
    # Partners' editing and the coordinator's moderation
    path("new/", editing.practice_create_view, name="create"),
    path("moderation/", editing.moderation_queue_view, name="moderation"),
    path("<slug:slug>/", editing.practice_detail_view, name="detail"),
    path("<slug:slug>/edit/", editing.practice_edit_view, name="edit"),
    path(
        "<slug:slug>/transition/<str:action>/", editing.practice_transition_view, name="transition"
    ),
    path(
        "<slug:slug>/revision/<str:decision>/",
        editing.revision_decision_view,
        name="revision_decision",
    ),
    path("<slug:slug>/attachments/", editing.attachment_upload_view, name="attachment_upload"),
    path(
        "<slug:slug>/attachments/<int:attachment_id>/",
        editing.attachment_download_view,
        name="attachment",
    ),
    path(
        "<slug:slug>/attachments/<int:attachment_id>/delete/",
        editing.attachment_delete_view,
        name="attachment_delete",
    ),
    # Reproducibility: reviewers' stakeholder interviews
    path("<slug:slug>/interviews/new/", interviews.interview_create_view, name="interview_create"),
]
