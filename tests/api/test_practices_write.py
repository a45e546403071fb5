"""Partners writing through the API: drafts, edits with If-Match, submission, documents.

The workflow is the portal's (``practices.services.workflow``): these tests check that the
API reaches it faithfully and answers in HTTP terms (201 + Location, 202 for a revision,
409 for a wrong state, 412/428 for conflicts, problem documents with per-field errors).
"""

import pytest

from organisations.activity import activities_for
from organisations.permissions import Role
from practices.models import Practice, PracticeAttachment, PracticeRevision, Status
from tests.api.helpers import bearer, problem
from tests.api.practice_data import PRACTICES, detail_url, in_state
from tests.factories import ClusterFactory, MembershipFactory
from tests.practices.factories_workflow import GIF_BYTES, PDF_BYTES, PNG_BYTES, content, upload

pytestmark = pytest.mark.django_db


def _etag(client, practice, **kwargs) -> str:
    response = client.get(detail_url(practice), **kwargs)
    assert response.status_code == 200, response.content
    return response["ETag"]


# --- create -------------------------------------------------------------------------------------


def test_a_write_key_creates_a_draft_of_its_organisation(api_client, org, write_key):
    ClusterFactory(slug="greater-cambridge")
    data = content(origin_cluster="greater-cambridge", end_year=2008)
    response = api_client.post(PRACTICES, data, format="json", headers=bearer(write_key))
    assert response.status_code == 201, response.content
    body = response.json()
    practice = Practice.objects.get(slug=body["slug"])
    assert practice.owner == org
    assert practice.status == Status.DRAFT
    assert practice.origin_cluster.slug == "greater-cambridge"
    assert practice.dos == data["dos"]
    assert response["Location"] == f"http://testserver/api/v1/practices/{practice.slug}/"
    assert (
        response["ETag"] == api_client.get(response["Location"], headers=bearer(write_key))["ETag"]
    )
    assert body["status"] == "draft"
    assert body["actions"] == ["submit"]
    assert body["contact"]["email"] == "jane@example.org"
    # The audit trail names the key that did it.
    created = activities_for(practice).get(action="practice.created")
    assert "Test key" in str(created.actor)


def test_a_draft_is_invisible_to_the_public(api_client, write_key):
    response = api_client.post(PRACTICES, content(), format="json", headers=bearer(write_key))
    assert api_client.get(response["Location"]).status_code == 404
    assert response.json()["slug"] not in [
        item["slug"] for item in api_client.get(PRACTICES).json()["results"]
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"stages": ["sleepy"]}, "stages.0"),
        ({"links": ["javascript:alert(1)"]}, "links.0"),
        ({"dos": ["x" * 301]}, "dos.0"),
        ({"origin_cluster": "atlantis"}, "origin_cluster"),
        ({"start_year": 1800}, "start_year"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"start_year": 2008, "end_year": 2001}, "end_year"),  # checked by the service
        ({"titel": "Typo"}, "titel"),
    ],
)
def test_invalid_content_is_a_400_with_field_errors(api_client, write_key, changes, field):
    data = content(**changes)
    response = api_client.post(PRACTICES, data, format="json", headers=bearer(write_key))
    assert response.status_code == 400, response.content
    body = problem(response)
    assert field in body["errors"], body
    assert not Practice.objects.exists()


def test_title_and_summary_are_required(api_client, write_key):
    response = api_client.post(PRACTICES, {}, format="json", headers=bearer(write_key))
    assert set(problem(response)["errors"]) == {"title", "summary"}


def test_broken_json_is_a_400_problem(api_client, write_key):
    response = api_client.post(
        PRACTICES, b"{not json", content_type="application/json", headers=bearer(write_key)
    )
    assert response.status_code == 400
    assert problem(response)["type"].endswith("#problem-malformed-request")


def test_a_person_editing_for_several_organisations_names_one(api_client, org, other_org, editor):
    MembershipFactory(user=editor, organisation=other_org, role=Role.EDITOR)
    api_client.force_login(editor)
    response = api_client.post(PRACTICES, content(), format="json")
    assert response.status_code == 400
    assert list(problem(response)["errors"]) == ["owner"]
    response = api_client.post(PRACTICES, content(owner=other_org.slug), format="json")
    assert response.status_code == 201
    assert Practice.objects.get().owner == other_org


def test_a_person_editing_for_one_organisation_need_not_name_it(api_client, org, editor):
    api_client.force_login(editor)
    assert api_client.post(PRACTICES, content(), format="json").status_code == 201
    assert Practice.objects.get().owner == org


def test_a_key_cannot_create_for_another_organisation(api_client, other_org, write_key):
    data = content(owner=other_org.slug)
    response = api_client.post(PRACTICES, data, format="json", headers=bearer(write_key))
    assert problem(response)["status"] == 403
    assert not Practice.objects.exists()


# --- update ------------------------------------------------------------------------------------


@pytest.fixture
def draft(org):
    return in_state(org, Status.DRAFT, title="Seed fund", slug="seed-fund")


def test_patch_with_the_current_etag_saves_and_returns_the_new_etag(api_client, draft, write_key):
    etag = _etag(api_client, draft, headers=bearer(write_key))
    response = api_client.patch(
        detail_url(draft),
        {"summary": "A fund for the first experiments."},
        format="json",
        headers={**bearer(write_key), "If-Match": etag},
    )
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "A fund for the first experiments."
    assert response["ETag"] != etag
    assert response["ETag"] == _etag(api_client, draft, headers=bearer(write_key))
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.title == "Seed fund"  # untouched


def test_patch_without_if_match_is_428(api_client, draft, write_key):
    response = api_client.patch(
        detail_url(draft), {"title": "New"}, format="json", headers=bearer(write_key)
    )
    assert problem(response)["status"] == 428


def test_no_lost_update_a_second_writer_with_an_old_etag_gets_412(
    api_client, draft, write_key, editor
):
    etag = _etag(api_client, draft, headers=bearer(write_key))
    first = api_client.patch(
        detail_url(draft),
        {"title": "First"},
        format="json",
        headers={**bearer(write_key), "If-Match": etag},
    )
    assert first.status_code == 200
    api_client.force_login(editor)
    late = api_client.patch(
        detail_url(draft), {"title": "Second"}, format="json", headers={"If-Match": etag}
    )
    assert late.status_code == 412
    assert problem(late)["type"].endswith("#problem-precondition-failed")
    assert late["ETag"] == first["ETag"]
    draft.refresh_from_db()
    assert draft.title == "First"


def test_a_save_between_the_check_and_the_lock_is_still_412(
    api_client, draft, write_key, editor, monkeypatch
):
    """The service compares the version under its row lock: a race ends in 412 too."""
    from practices.services import workflow

    original = workflow.practice_update

    def someone_saves_first(**kwargs):
        Practice.objects.filter(pk=draft.pk).update(version=draft.version + 1, title="Theirs")
        return original(**kwargs)

    monkeypatch.setattr(workflow, "practice_update", someone_saves_first)
    etag = _etag(api_client, draft, headers=bearer(write_key))
    response = api_client.patch(
        detail_url(draft),
        {"title": "Mine"},
        format="json",
        headers={**bearer(write_key), "If-Match": etag},
    )
    assert response.status_code == 412
    assert response["ETag"] != etag
    draft.refresh_from_db()
    assert draft.title == "Theirs"


def test_put_replaces_the_whole_content(api_client, org, write_key):
    practice = in_state(org, Status.DRAFT, region="Bavaria", dos=["Keep it"])
    response = api_client.put(
        detail_url(practice),
        {"title": "Replaced", "summary": "Only this."},
        format="json",
        headers={**bearer(write_key), "If-Match": "*"},
    )
    assert response.status_code == 200, response.content
    practice.refresh_from_db()
    assert (practice.title, practice.region, practice.dos, practice.stages) == (
        "Replaced",
        "",
        [],
        [],
    )


def test_put_needs_title_and_summary(api_client, draft, write_key):
    response = api_client.put(
        detail_url(draft), {}, format="json", headers={**bearer(write_key), "If-Match": "*"}
    )
    assert set(problem(response)["errors"]) == {"title", "summary"}


def test_editing_a_published_practice_proposes_a_revision_202(
    api_client, org, write_key, coordinator
):
    practice = in_state(org, Status.PUBLISHED, title="Seed fund")
    etag = _etag(api_client, practice, headers=bearer(write_key))
    response = api_client.patch(
        detail_url(practice),
        {"title": "Seed fund, revised"},
        format="json",
        headers={**bearer(write_key), "If-Match": etag},
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["title"] == "Seed fund"
    assert body["pending_revision"]["content"]["title"] == "Seed fund, revised"
    assert api_client.get(detail_url(practice)).json()["title"] == "Seed fund"  # public
    # The next edit must carry the new ETag: the revision is part of what the owner read.
    stale = api_client.patch(
        detail_url(practice),
        {"summary": "Changed"},
        format="json",
        headers={**bearer(write_key), "If-Match": etag},
    )
    assert stale.status_code == 412
    again = api_client.patch(
        detail_url(practice),
        {"summary": "Changed"},
        format="json",
        headers={**bearer(write_key), "If-Match": response["ETag"]},
    )
    assert again.status_code == 202
    revision = PracticeRevision.objects.get(practice=practice)
    assert revision.content["title"] == "Seed fund, revised"
    assert revision.content["summary"] == "Changed"


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED, Status.ARCHIVED])
def test_locked_practices_answer_409(api_client, org, write_key, status):
    practice = in_state(org, status)
    response = api_client.patch(
        detail_url(practice),
        {"title": "New"},
        format="json",
        headers={**bearer(write_key), "If-Match": "*"},
    )
    assert problem(response)["status"] == 409
    assert problem(response)["code"] == "locked"


# --- the workflow ------------------------------------------------------------------------------


def test_submit_a_draft_then_submitting_again_is_409(api_client, draft, write_key):
    response = api_client.post(detail_url(draft, "submit"), headers=bearer(write_key))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "submitted"
    assert response.json()["actions"] == ["withdraw"]
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    again = api_client.post(detail_url(draft, "submit"), headers=bearer(write_key))
    assert problem(again)["status"] == 409
    assert problem(again)["code"] == "invalid_transition"


def test_the_owner_withdraws_a_submission_back_to_draft(api_client, draft, write_key):
    api_client.post(detail_url(draft, "submit"), headers=bearer(write_key))
    response = api_client.post(detail_url(draft, "withdraw"), headers=bearer(write_key))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "draft"
    assert response.json()["actions"] == ["submit"]
    again = api_client.post(detail_url(draft, "withdraw"), headers=bearer(write_key))
    assert problem(again)["status"] == 409


def test_submit_honours_an_if_match_when_given(api_client, draft, write_key):
    response = api_client.post(
        detail_url(draft, "submit"), headers={**bearer(write_key), "If-Match": '"stale"'}
    )
    assert response.status_code == 412
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_key_can_never_publish(api_client, org, write_key):
    practice = in_state(org, Status.SUBMITTED)
    response = api_client.post(detail_url(practice, "publish"), headers=bearer(write_key))
    assert problem(response)["status"] == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_the_coordinator_moderates_through_the_api(api_client, org, coordinator):
    api_client.force_login(coordinator)
    handed_back = in_state(org, Status.SUBMITTED)
    response = api_client.post(detail_url(handed_back, "request-changes"), {}, format="json")
    assert list(problem(response)["errors"]) == ["comment"]
    response = api_client.post(
        detail_url(handed_back, "request-changes"),
        {"comment": "Add figures."},
        format="json",
    )
    assert response.json()["status"] == "changes_requested"

    to_publish = in_state(org, Status.SUBMITTED)
    assert api_client.post(detail_url(to_publish, "publish")).json()["status"] == "published"
    assert api_client.post(detail_url(to_publish, "archive")).json()["status"] == "archived"

    to_reject = in_state(org, Status.SUBMITTED)
    response = api_client.post(
        detail_url(to_reject, "reject"), {"reason": "Wrong name"}, format="json"
    )
    assert list(problem(response)["errors"]) == ["reason"]  # the field is "comment"
    response = api_client.post(
        detail_url(to_reject, "reject"), {"comment": "Out of scope."}, format="json"
    )
    assert response.json()["status"] == "rejected"


# --- documents ---------------------------------------------------------------------------------


def test_upload_a_document(api_client, draft, write_key):
    response = api_client.post(
        detail_url(draft, "attachments"),
        {"file": upload("plan.pdf", PDF_BYTES), "title": "Business plan"},
        format="multipart",
        headers=bearer(write_key),
    )
    assert response.status_code == 201, response.content
    attachment = PracticeAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert response.json()["title"] == "Business plan"
    assert response["Location"] == response.json()["url"]
    assert response["Location"].endswith(f"/practices/seed-fund/attachments/{attachment.pk}/")


@pytest.mark.parametrize(
    ("name", "data"),
    [("notes.pdf", b"just text"), ("image.gif", GIF_BYTES), ("photo.pdf", PNG_BYTES)],
)
def test_a_file_the_portal_would_refuse_is_a_400_on_file(api_client, draft, write_key, name, data):
    response = api_client.post(
        detail_url(draft, "attachments"),
        {"file": upload(name, data)},
        format="multipart",
        headers=bearer(write_key),
    )
    assert response.status_code == 400
    assert list(problem(response)["errors"]) == ["file"]
    assert not PracticeAttachment.objects.exists()


def test_an_upload_needs_a_file(api_client, draft, write_key):
    response = api_client.post(
        detail_url(draft, "attachments"), {}, format="multipart", headers=bearer(write_key)
    )
    assert list(problem(response)["errors"]) == ["file"]


def test_documents_are_closed_while_under_review(api_client, org, write_key):
    practice = in_state(org, Status.SUBMITTED)
    response = api_client.post(
        detail_url(practice, "attachments"),
        {"file": upload("plan.pdf", PDF_BYTES)},
        format="multipart",
        headers=bearer(write_key),
    )
    assert problem(response)["status"] == 409


def test_json_is_refused_for_an_upload(api_client, draft, write_key):
    response = api_client.post(
        detail_url(draft, "attachments"), {"title": "x"}, format="json", headers=bearer(write_key)
    )
    assert problem(response)["status"] == 415


def test_a_write_costs_a_bounded_number_of_queries(
    api_client, org, write_key, django_assert_max_num_queries
):
    # Key (2: read, last use), organisation, the model's check constraints (3 + savepoints),
    # slug, insert, audit record, then the answer (practice, documents, interviews).
    with django_assert_max_num_queries(24):
        response = api_client.post(PRACTICES, content(), format="json", headers=bearer(write_key))
    assert response.status_code == 201


def test_writes_are_rate_limited_per_key(api_client, draft, write_key, throttle_rates):
    throttle_rates(key="2/min")
    url = detail_url(draft, "submit")
    assert api_client.get(detail_url(draft), headers=bearer(write_key)).status_code == 200
    assert api_client.post(url, headers=bearer(write_key)).status_code == 200
    response = api_client.post(url, headers=bearer(write_key))
    assert problem(response)["status"] == 429
    assert int(response["Retry-After"]) >= 1
