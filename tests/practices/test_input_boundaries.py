"""Input PostgreSQL would reject is a form error or a 400 page, never a 500 (issue 7, point 2).

The HTML side of the boundaries: the catalogue's search box (operator-heavy web-search
syntax), list fields edited one item per line, moderation comments, interview notes,
the publication's ``?edition=`` and the sizes of every text field.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from netbioclue.registry import Kind
from practices.fields import PRACTICE_FIELDS
from practices.models import Practice, PracticeRevision, RevisionStatus, StakeholderInterview
from practices.services import workflow
from tests.factories import PracticeFactory
from tests.practices.factories_workflow import content, form_data

LONG_TEXT_FIELDS = [spec.name for spec in PRACTICE_FIELDS.of_kind(Kind.TEXT) if spec.editable]

pytestmark = pytest.mark.django_db

OPERATOR_QUERIES = [
    "-" * 33,
    "-" * 200,
    "- " * 100,
    "-(-)" * 50,
    '"-"(-)|!&<->' * 16,
    "fund " + "-" * 40 + "fund",
    "-é" * 60,
    "-_" * 90,
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("query", OPERATOR_QUERIES)
def test_an_operator_heavy_search_gives_a_page(client, org, query):
    PracticeFactory(owner=org, published=True, title="Proof-of-concept fund")
    response = client.get(reverse("practices:list"), {"q": query})
    assert response.status_code == 200
    assert escape(query)[:40] in response.content.decode()  # the typed text stays


@pytest.mark.parametrize("query", OPERATOR_QUERIES)
@pytest.mark.parametrize("export", ["practices:export_csv", "practices:export_json"])
def test_an_operator_heavy_export_is_complete(client, org, query, export):
    PracticeFactory(owner=org, published=True, title="Proof-of-concept fund")
    response = client.get(reverse(export), {"q": query})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if export.endswith("json"):
        assert body.rstrip().endswith(b"]")


def test_the_hyphen_still_excludes_a_word(client, org):
    PracticeFactory(owner=org, published=True, title="Proof-of-concept fund")
    PracticeFactory(owner=org, published=True, title="Voucher fund")
    response = client.get(reverse("practices:list"), {"q": "fund - - -voucher"})
    assert [entry.title for entry in response.context["result"].practices] == [
        "Proof-of-concept fund"
    ]


def test_a_nul_in_the_search_box_is_a_400_page(client):
    response = client.get(reverse("practices:list") + "?q=fund%00")
    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode() or "Null characters" in (
        response.content.decode()
    )


@pytest.mark.parametrize("edition", ["²", "¹²", "٣", "①", "１２", "-1", "9" * 30, "1.5", ""])
def test_an_edition_that_is_not_a_number_is_a_404(client, edition):
    response = client.get(reverse("practices:publication_pdf"), {"edition": edition})
    assert response.status_code == 404


@pytest.mark.parametrize("field", ["dos", "donts", "links"])
@pytest.mark.parametrize("bad", ["a\x00b", "\x00"])
def test_a_nul_in_a_list_field_is_a_form_error(client, org, editor, field, bad):
    client.force_login(editor)
    value = [f"https://example.org/{bad}"] if field == "links" else ["Line one", bad]
    data = form_data(content(), **{field: value})
    response = client.post(reverse("practices:create"), data)
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    assert not Practice.objects.exists()
    assert "Line one" in response.content.decode() or field == "links"


@pytest.mark.parametrize("field", ["description", "lessons", "title", "region", "contact_name"])
def test_a_nul_in_a_text_field_is_a_form_error(client, org, editor, field):
    client.force_login(editor)
    data = form_data(content(), **{field: "Text\x00more"})
    response = client.post(reverse("practices:create"), data)
    assert field in response.context["form"].errors
    assert not Practice.objects.exists()


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_a_nul_in_a_moderation_comment_is_a_form_error(client, org, coordinator, action):
    practice = PracticeFactory(
        owner=org, status="submitted", submitted_at=datetime.datetime.now(datetime.UTC)
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("practices:transition", kwargs={"slug": practice.slug, "action": action}),
        {f"{action}-comment": "Please add\x00 figures"},
    )
    assert response.status_code == 400
    forms = {name: form for name, _label, form in response.context["action_forms"]}
    assert forms[action].errors["comment"]
    assert "Please add" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == "submitted"


def test_a_nul_in_a_revision_comment_is_a_form_error(client, org, editor, coordinator):
    practice = PracticeFactory(owner=org, published=True)
    workflow.practice_update(
        practice=practice,
        data=content(title="Changed title"),
        by=editor,
        expected_version=practice.version,
    )
    practice.refresh_from_db()
    client.force_login(coordinator)
    response = client.post(
        reverse(
            "practices:revision_decision", kwargs={"slug": practice.slug, "decision": "reject"}
        ),
        {"version": str(practice.version), "revision-comment": "No\x00"},
    )
    assert response.status_code == 400
    assert response.context["revision_comment_form"].errors["comment"]
    assert PracticeRevision.objects.get().status == RevisionStatus.PENDING


@pytest.mark.parametrize(("field", "size"), [("description", 20_001), ("lessons", 100_000)])
def test_oversized_practice_text_is_a_form_error(client, org, editor, field, size):
    client.force_login(editor)
    data = form_data(content(), **{field: "x" * size})
    response = client.post(reverse("practices:create"), data)
    assert response.status_code in (200, 400)
    assert field in response.context["form"].errors
    assert not Practice.objects.exists()


def test_an_oversized_request_body_is_a_400(client, org, editor):
    client.force_login(editor)
    data = form_data(content(), description="x" * 5 * 1024 * 1024)
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 400
    assert not Practice.objects.exists()


def test_the_form_shows_the_maximum_lengths(client, editor):
    client.force_login(editor)
    form = client.get(reverse("practices:create")).context["form"]
    # Every long free-text field of the registry carries its limit to the browser.
    for name in LONG_TEXT_FIELDS:
        assert form.fields[name].widget.attrs.get("maxlength"), name


def test_an_oversized_interview_note_is_a_form_error(client, org, reviewer):
    practice = PracticeFactory(owner=org, published=True)
    client.force_login(reviewer)
    response = client.post(
        reverse("practices:interview_create", kwargs={"slug": practice.slug}),
        {
            "stakeholder_type": "policy-maker",
            "country": "HU",
            "region": "Southern Great Plain",
            "interviewed_on": "2008-04-02",
            "relevance": 5,
            "feasibility": 4,
            "preconditions": 4,
            "impact": 5,
            "adaptations": "x" * 100_000,
        },
    )
    assert response.status_code in (200, 400)
    assert "adaptations" in response.context["form"].errors
    assert not StakeholderInterview.objects.exists()
