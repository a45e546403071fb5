"""Documents attached to practices: the bytes decide the type, size is capped, files are
stored under generated names and always served as downloads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organisations.activity import activities_for
from practices.models import PracticeAttachment, Status
from practices.services import workflow
from tests.factories import PracticeFactory, UserFactory
from tests.practices.factories_workflow import (
    GIF_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org):
    return PracticeFactory(owner=org, status=Status.DRAFT, slug="incubator-vouchers")


def _add(practice, by, name, data, title=""):
    return workflow.attachment_add(
        practice=practice, uploaded_file=upload(name, data), title=title, by=by
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("Evaluation report.pdf", PDF_BYTES, "application/pdf", "pdf"),
        ("diagram.PNG", PNG_BYTES, "image/png", "png"),
        ("photo.jpg", JPEG_BYTES, "image/jpeg", "jpg"),
        ("photo.jpeg", JPEG_BYTES, "image/jpeg", "jpg"),
    ],
)
def test_pdf_png_and_jpeg_documents_are_accepted(
    draft, editor, name, data, content_type, extension
):
    attachment = _add(draft, editor, name, data, title="Evaluation")

    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.size == len(data)
    assert attachment.uploaded_by == editor
    # Stored under a generated name, never the person's.
    stored = attachment.file.name
    assert stored.startswith(f"practices/{draft.pk}/")
    assert stored.endswith(f".{extension}")
    assert name not in stored
    with attachment.file.open("rb") as handle:
        assert handle.read() == data
    added = activities_for(draft).get(action="practice.attachment_added")
    assert added.data["name"] == name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"Just some notes about the practice.\n", "is not a PDF, PNG or JPEG file"),
        ("picture.gif", GIF_BYTES, "“picture.gif” is not accepted: its content is of type GIF"),
        # A spoofed extension: text (or a program) named .pdf.
        ("report.pdf", b"This is not really a PDF.\n", "“report.pdf” is not a PDF, PNG or JPEG"),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "“setup.pdf” is not accepted"),
        # Real content, wrong name.
        (
            "diagram.pdf",
            PNG_BYTES,
            "“diagram.pdf” contains a PNG file but its name does not end in .png",
        ),
        ("report.png", PDF_BYTES, "contains a PDF file but its name does not end in .pdf"),
        ("photo", JPEG_BYTES, "its name does not end in .jpg"),
        ("empty.pdf", b"", "“empty.pdf” is empty."),
    ],
)
def test_wrong_and_spoofed_types_are_refused_with_the_file_named(
    draft, editor, name, data, message
):
    with pytest.raises(ValidationError) as caught:
        _add(draft, editor, name, data)
    assert message in caught.value.messages[0]
    assert not PracticeAttachment.objects.exists()


def test_oversize_files_are_refused(draft, editor):
    data = PDF_BYTES + b"\0" * (PracticeAttachment.MAX_SIZE + 1 - len(PDF_BYTES))
    with pytest.raises(ValidationError) as caught:
        _add(draft, editor, "huge.pdf", data)
    assert "“huge.pdf” is 10.0 MB; a document may be at most 10 MB." in caught.value.messages[0]
    assert not PracticeAttachment.objects.exists()


def test_exactly_ten_megabytes_is_accepted(draft, editor):
    data = PDF_BYTES + b"\0" * (PracticeAttachment.MAX_SIZE - len(PDF_BYTES))
    assert _add(draft, editor, "big.pdf", data).size == PracticeAttachment.MAX_SIZE


def test_a_path_in_the_file_name_is_dropped(draft, editor):
    attachment = _add(draft, editor, "C:\\Users\\me\\..\\report.pdf", PDF_BYTES)
    assert attachment.original_name == "report.pdf"


@pytest.mark.parametrize("actor", ["bob", "charlie", "reviewer"])
def test_only_those_who_edit_may_attach(request, draft, actor):
    with pytest.raises(PermissionDenied):
        _add(draft, request.getfixturevalue(actor), "report.pdf", PDF_BYTES)


def test_owners_cannot_change_documents_of_submitted_or_published_practices(
    org, editor, coordinator
):
    for practice in (
        PracticeFactory(owner=org, status=Status.SUBMITTED),
        PracticeFactory(owner=org, published=True),
    ):
        with pytest.raises(ValidationError) as caught:
            _add(practice, editor, "report.pdf", PDF_BYTES)
        assert caught.value.code == "locked"
        # The coordinator may correct them.
        assert _add(practice, coordinator, "report.pdf", PDF_BYTES).pk


def test_removing_a_document_deletes_its_file_after_commit(
    draft, editor, django_capture_on_commit_callbacks
):
    attachment = _add(draft, editor, "report.pdf", PDF_BYTES)
    storage, name = attachment.file.storage, attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        workflow.attachment_remove(attachment=attachment, by=editor)

    assert not PracticeAttachment.objects.exists()
    assert not storage.exists(name)
    assert activities_for(draft).filter(action="practice.attachment_removed").exists()


# ---- Through the pages -------------------------------------------------------------------


def test_uploading_from_the_page(client, draft, editor):
    client.force_login(editor)
    response = client.post(
        reverse("practices:attachment_upload", kwargs={"slug": draft.slug}),
        {"file": upload("plan.pdf", PDF_BYTES, "application/pdf"), "title": "Business plan"},
    )
    assert response.status_code == 302
    assert response.url == draft.get_absolute_url() + "#attachments"
    attachment = PracticeAttachment.objects.get()
    assert attachment.title == "Business plan"

    page = client.get(draft.get_absolute_url())
    assert "Business plan" in page.text
    assert (
        reverse("practices:attachment", kwargs={"slug": draft.slug, "attachment_id": attachment.pk})
        in page.text
    )


def test_a_refused_upload_is_explained_on_the_page(client, draft, editor):
    client.force_login(editor)
    response = client.post(
        reverse("practices:attachment_upload", kwargs={"slug": draft.slug}),
        {"file": upload("report.pdf", PNG_BYTES, "application/pdf"), "title": "Kept title"},
    )
    assert response.status_code == 400
    form = response.context["attachment_form"]
    assert "“report.pdf” contains a PNG file" in form.errors["file"][0]
    assert form["title"].value() == "Kept title"
    assert "contains a PNG file" in response.text
    assert not PracticeAttachment.objects.exists()


def test_an_oversize_upload_is_refused_on_the_page(client, draft, editor):
    client.force_login(editor)
    data = PDF_BYTES + b"\0" * PracticeAttachment.MAX_SIZE
    response = client.post(
        reverse("practices:attachment_upload", kwargs={"slug": draft.slug}),
        {"file": upload("huge.pdf", data, "application/pdf")},
    )
    assert response.status_code == 400
    assert "at most 10 MB" in response.context["attachment_form"].errors["file"][0]


def test_downloads_are_attachments_with_the_original_name_and_nosniff(client, draft, editor):
    attachment = _add(draft, editor, "Évaluation 2008.pdf", PDF_BYTES)
    workflow.practice_submit(practice=draft, by=editor)
    workflow.practice_publish(practice=draft, by=UserFactory(is_coordinator=True))

    response = client.get(  # anonymous: the practice is public now
        reverse("practices:attachment", kwargs={"slug": draft.slug, "attachment_id": attachment.pk})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%C3%89valuation%202008.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    response.close()


def test_a_document_of_another_practice_is_not_found(client, org, editor):
    draft = PracticeFactory(owner=org, status=Status.DRAFT)
    other = PracticeFactory(owner=org, published=True)
    attachment = _add(draft, editor, "secret.pdf", PDF_BYTES)
    response = client.get(
        reverse("practices:attachment", kwargs={"slug": other.slug, "attachment_id": attachment.pk})
    )
    assert response.status_code == 404


def test_documents_of_drafts_are_private(client, draft, editor, charlie):
    attachment = _add(draft, editor, "plan.pdf", PDF_BYTES)
    url = reverse(
        "practices:attachment", kwargs={"slug": draft.slug, "attachment_id": attachment.pk}
    )
    assert client.get(url).status_code == 404
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    response.close()


def test_removing_from_the_page(client, draft, editor):
    attachment = _add(draft, editor, "plan.pdf", PDF_BYTES)
    client.force_login(editor)
    response = client.post(
        reverse(
            "practices:attachment_delete",
            kwargs={"slug": draft.slug, "attachment_id": attachment.pk},
        ),
        {"confirmed": "yes"},
    )
    assert response.status_code == 302
    assert not PracticeAttachment.objects.exists()
