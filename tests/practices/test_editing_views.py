"""The editing and moderation pages: who may open what, creating and editing through the
form, the stale-edit conflict, transitions from the page, the moderation queue, the
dashboard panel, and the query budgets."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.activity import log_action
from organisations.permissions import Role
from organisations.selectors import memberships_of
from practices.dashboard import practices_section
from practices.models import Practice, PracticeAttachment, Status
from practices.services import workflow
from tests.factories import ClusterFactory, MembershipFactory, PracticeFactory, UserFactory
from tests.practices.factories_workflow import PDF_BYTES, content, form_data

pytestmark = pytest.mark.django_db


def _practice(org, status, slug):
    if status == Status.PUBLISHED:
        return PracticeFactory(owner=org, published=True, slug=slug)
    return PracticeFactory(owner=org, status=status, slug=slug)


@pytest.fixture
def practices(org):
    """One practice of ``org`` in each state, keyed by state."""
    return {status: _practice(org, status, f"p-{status}") for status in Status.values}


ACTORS = ["anonymous", "alice", "bob", "editor", "charlie", "coordinator", "reviewer"]


def _client_for(client, request, actor):
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))
    return client


def _expect(**statuses):
    """A row of the matrix: {actor: status}; every actor must be listed."""
    assert set(statuses) == set(ACTORS)
    return statuses


# (method, url name, practice state or None, extra kwargs/post data, {actor: status})
MATRIX = [
    ("get", "detail", Status.DRAFT, {}, _expect(
        anonymous=404, alice=200, bob=200, editor=200, charlie=404, coordinator=200,
        reviewer=404)),
    ("get", "detail", Status.SUBMITTED, {}, _expect(
        anonymous=404, alice=200, bob=200, editor=200, charlie=404, coordinator=200,
        reviewer=200)),
    ("get", "detail", Status.CHANGES_REQUESTED, {}, _expect(
        anonymous=404, alice=200, bob=200, editor=200, charlie=404, coordinator=200,
        reviewer=404)),
    ("get", "detail", Status.PUBLISHED, {}, _expect(
        anonymous=200, alice=200, bob=200, editor=200, charlie=200, coordinator=200,
        reviewer=200)),
    ("get", "detail", Status.REJECTED, {}, _expect(
        anonymous=404, alice=200, bob=200, editor=200, charlie=404, coordinator=200,
        reviewer=404)),
    ("get", "detail", Status.ARCHIVED, {}, _expect(
        anonymous=404, alice=200, bob=200, editor=200, charlie=404, coordinator=200,
        reviewer=404)),
    ("get", "edit", Status.DRAFT, {}, _expect(
        anonymous=302, alice=200, bob=403, editor=200, charlie=404, coordinator=200,
        reviewer=404)),
    ("get", "edit", Status.PUBLISHED, {}, _expect(
        anonymous=302, alice=200, bob=403, editor=200, charlie=403, coordinator=200,
        reviewer=403)),
    # Locked states send editors back to the page with an explanation.
    ("get", "edit", Status.SUBMITTED, {}, _expect(
        anonymous=302, alice=302, bob=403, editor=302, charlie=404, coordinator=302,
        reviewer=403)),
    ("post", "transition", Status.DRAFT, {"action": "submit"}, _expect(
        anonymous=302, alice=302, bob=403, editor=302, charlie=404, coordinator=403,
        reviewer=404)),
    ("post", "transition", Status.SUBMITTED, {"action": "publish"}, _expect(
        anonymous=302, alice=403, bob=403, editor=403, charlie=404, coordinator=302,
        reviewer=403)),
    ("post", "transition", Status.PUBLISHED, {"action": "archive"}, _expect(
        anonymous=302, alice=403, bob=403, editor=403, charlie=403, coordinator=302,
        reviewer=403)),
    # The owner takes a submission back; the coordinator does not do it for them.
    ("post", "transition", Status.SUBMITTED, {"action": "withdraw"}, _expect(
        anonymous=302, alice=302, bob=403, editor=302, charlie=404, coordinator=403,
        reviewer=403)),
    ("post", "transition", Status.SUBMITTED, {"action": "fly"}, _expect(
        anonymous=302, alice=404, bob=404, editor=404, charlie=404, coordinator=404,
        reviewer=404)),
    ("get", "transition", Status.DRAFT, {"action": "submit"}, _expect(
        anonymous=405, alice=405, bob=405, editor=405, charlie=405, coordinator=405,
        reviewer=405)),
    ("get", "create", None, {}, _expect(
        anonymous=302, alice=200, bob=403, editor=200, charlie=200, coordinator=403,
        reviewer=403)),
    ("get", "moderation", None, {}, _expect(
        anonymous=302, alice=403, bob=403, editor=403, charlie=403, coordinator=200,
        reviewer=403)),
    ("post", "attachment_upload", Status.DRAFT, {}, _expect(
        anonymous=302, alice=400, bob=403, editor=400, charlie=404, coordinator=400,
        reviewer=404)),
    ("get", "attachment", Status.DRAFT, {"attachment": True}, _expect(
        anonymous=404, alice=200, bob=200, editor=200, charlie=404, coordinator=200,
        reviewer=404)),
    ("get", "attachment", Status.PUBLISHED, {"attachment": True}, _expect(
        anonymous=200, alice=200, bob=200, editor=200, charlie=200, coordinator=200,
        reviewer=200)),
    ("post", "attachment_delete", Status.DRAFT, {"attachment": True}, _expect(
        anonymous=302, alice=302, bob=403, editor=302, charlie=404, coordinator=302,
        reviewer=404)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "name", "status", "extra", "actor", "expected"),
    [
        (method, name, status, extra, actor, statuses[actor])
        for method, name, status, extra, statuses in MATRIX
        for actor in ACTORS
    ],
)
def test_permission_matrix(
    client, request, practices, editor, method, name, status, extra, actor, expected
):
    kwargs = {}
    if status is not None:
        practice = practices[status]
        kwargs["slug"] = practice.slug
        if extra.get("action"):
            kwargs["action"] = extra["action"]
        if extra.get("attachment"):
            attachment = PracticeAttachment(
                practice=practice, original_name="plan.pdf", content_type="application/pdf",
                size=len(PDF_BYTES), uploaded_by=editor,
            )  # fmt: skip
            attachment.file.save("stored.pdf", ContentFile(PDF_BYTES), save=True)
            kwargs["attachment_id"] = attachment.pk
    url = reverse(f"practices:{name}", kwargs=kwargs)
    client = _client_for(client, request, actor)
    data = (
        {"request_changes-comment": "x", "reject-comment": "x", "confirmed": "yes"}
        if method == "post"
        else None
    )
    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    response.close()  # a download holds its file open until closed
    assert response.status_code == expected


# ---- Creating ----------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in_with_next(client):
    response = client.get(reverse("practices:create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/practices/new/" in response.url


def test_people_who_cannot_edit_get_an_explanation(client, bob):
    client.force_login(bob)
    response = client.get(reverse("practices:create"))
    assert response.status_code == 403
    assert "Ask an admin of your organisation to make you an editor" in response.text


def test_an_editor_creates_a_draft_from_the_form(client, org, editor):
    cluster = ClusterFactory()
    client.force_login(editor)
    data = form_data(content(origin_cluster=cluster.pk))
    data["dos"] = "Involve investors\n\n  Pay in tranches  \n"

    response = client.post(reverse("practices:create"), data)

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response.url == practice.get_absolute_url()
    assert practice.owner == org
    assert practice.status == Status.DRAFT
    assert practice.origin_cluster == cluster
    assert practice.dos == ["Involve investors", "Pay in tranches"]
    assert practice.links == ["https://example.org/fund"]
    assert practice.stages == ["emerging", "developing"]


def test_someone_editing_for_two_organisations_chooses_the_owner(client, editor, other_org):
    MembershipFactory(organisation=other_org, user=editor, role=Role.EDITOR)
    client.force_login(editor)
    assert "organisation" in client.get(reverse("practices:create")).context["form"].fields

    data = {**form_data(content()), "organisation": str(other_org.pk)}
    client.post(reverse("practices:create"), data)

    assert Practice.objects.get().owner == other_org


def test_an_organisation_the_person_does_not_edit_for_cannot_be_chosen(
    client, org, editor, other_org
):
    MembershipFactory(user=editor, role=Role.EDITOR)  # a second organisation: a choice appears
    client.force_login(editor)
    data = {**form_data(content()), "organisation": str(other_org.pk)}
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "dos",
            "Fine\n" + "x" * 301,
            "Line 2 is 301 characters long; each item may have at most 300.",
        ),
        ("donts", "\n\n" + "y" * 400, "Line 3 is 400 characters long"),
        ("links", "https://example.org\nnot a url", "Line 2 is not a web address: “not a url”"),
        ("links", "javascript:alert(1)", "Line 1 is not a web address"),
        ("title", "t" * 121, "Ensure this value has at most 120 characters"),
        ("end_year", "1999", "The end year cannot be before the start year."),
        ("stages", "bogus", "Select a valid choice."),
    ],
)
def test_invalid_input_is_explained_and_kept(client, editor, field, value, message):
    client.force_login(editor)
    data = form_data(content(start_year=2004))
    data[field] = value
    response = client.post(reverse("practices:create"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Practice.objects.exists()
    if field != "stages":
        assert response.context["form"][field].value() == value


def test_the_form_states_the_length_of_the_title(client, editor):
    client.force_login(editor)
    assert "At most 120 characters" in client.get(reverse("practices:create")).text


# ---- Editing -----------------------------------------------------------------------------


def test_an_editor_edits_a_draft(client, org, editor):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    client.force_login(editor)
    url = reverse("practices:edit", kwargs={"slug": practice.slug})

    page = client.get(url)
    assert page.context["form"]["dos"].value() == "Involve investors in the jury\nPay in tranches"
    response = client.post(url, form_data(practice, version=1, title="Renamed"))

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Renamed"
    assert practice.version == 2


def test_a_stale_form_is_refused_with_409_and_the_text_kept(client, org, editor, alice):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    url = reverse("practices:edit", kwargs={"slug": practice.slug})
    # Both open the form at version 1.
    client.force_login(alice)
    assert client.get(url).context["form"]["version"].value() == 1
    client.force_login(editor)
    assert client.get(url).context["form"]["version"].value() == 1

    client.force_login(alice)
    assert (
        client.post(url, form_data(practice, version=1, title="Alice's title")).status_code == 302
    )

    client.force_login(editor)
    response = client.post(
        url, form_data(practice, version=1, title="Editor's title", lessons="My long lessons")
    )

    assert response.status_code == 409
    form = response.context["form"]
    assert "Someone else saved this practice since you opened it" in form.non_field_errors()[0]
    assert str(alice) in form.non_field_errors()[0]
    assert form["title"].value() == "Editor's title"
    assert form["lessons"].value() == "My long lessons"
    assert form["version"].value() == "1"  # saving again is refused again
    assert "My long lessons" in response.text
    practice.refresh_from_db()
    assert practice.title == "Alice's title"


def test_a_form_without_a_version_is_not_saved(client, org, editor):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    client.force_login(editor)
    response = client.post(
        reverse("practices:edit", kwargs={"slug": practice.slug}), form_data(practice, title="X")
    )
    assert response.status_code == 400
    practice.refresh_from_db()
    assert practice.title == content()["title"]


def test_a_submitted_practice_cannot_be_edited_and_says_why(client, org, editor):
    practice = _practice(org, Status.SUBMITTED, "under-review")
    client.force_login(editor)
    url = reverse("practices:edit", kwargs={"slug": practice.slug})

    response = client.post(url, form_data(practice, version=1, title="Sneaky"), follow=True)

    assert "under review and cannot be edited" in response.text
    practice.refresh_from_db()
    assert practice.title != "Sneaky"


# ---- Transitions from the page -----------------------------------------------------------


def _transition(client, practice, action, **data):
    return client.post(
        reverse("practices:transition", kwargs={"slug": practice.slug, "action": action}),
        {"confirmed": "yes", **data},
    )


def test_the_workflow_through_the_pages(client, org, editor, coordinator):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    client.force_login(editor)
    page = client.get(practice.get_absolute_url())
    assert [a for a, _label, _form in page.context["action_forms"]] == ["submit"]
    assert _transition(client, practice, "submit").status_code == 302

    client.force_login(coordinator)
    page = client.get(practice.get_absolute_url())
    assert [a for a, _l, _f in page.context["action_forms"]] == [
        "request_changes",
        "publish",
        "reject",
    ]
    response = _transition(
        client, practice, "request_changes", **{"request_changes-comment": "Add figures."}
    )
    assert response.status_code == 302

    client.force_login(editor)
    page = client.get(practice.get_absolute_url())
    assert "Add figures." in page.text  # the coordinator's comment is shown to the owner
    _transition(client, practice, "submit")

    client.force_login(coordinator)
    _transition(client, practice, "publish")
    practice.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    _transition(client, practice, "archive")
    practice.refresh_from_db()
    assert practice.status == Status.ARCHIVED
    assert client.get(practice.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_rejecting_without_a_reason_keeps_the_page_with_the_error(client, org, coordinator):
    practice = _practice(org, Status.SUBMITTED, "to-reject")
    client.force_login(coordinator)

    response = _transition(client, practice, "reject", **{"reject-comment": "   "})

    assert response.status_code == 400
    forms = {action: form for action, _label, form in response.context["action_forms"]}
    assert forms["reject"].errors["comment"] == ["Give the reason for rejecting the practice."]
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_a_request_for_changes_keeps_what_was_typed_on_error(client, org, coordinator):
    practice = _practice(org, Status.SUBMITTED, "to-hand-back")
    client.force_login(coordinator)
    response = _transition(client, practice, "request_changes", **{"request_changes-comment": ""})
    assert response.status_code == 400
    assert "Say what needs to change." in response.text


def test_publishing_a_draft_is_an_error_not_a_crash(client, org, coordinator):
    practice = _practice(org, Status.DRAFT, "not-ready")
    client.force_login(coordinator)
    response = _transition(client, practice, "publish")
    assert response.status_code == 409
    assert "Only a submitted practice can be published; this practice is draft." in response.text
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT


def test_a_reviewer_cannot_publish(client, org, reviewer):
    practice = _practice(org, Status.SUBMITTED, "reviewed")
    client.force_login(reviewer)
    assert _transition(client, practice, "publish").status_code == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_an_outsider_editing_another_organisations_practice_gets_404(client, org, charlie):
    practice = _practice(org, Status.DRAFT, "secret-draft")
    client.force_login(charlie)
    url = reverse("practices:edit", kwargs={"slug": practice.slug})
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(practice, version=1, title="Mine")).status_code == 404


# ---- The practice page -------------------------------------------------------------------


def test_the_page_shows_the_record(client, org):
    cluster = ClusterFactory(name="Genopole")
    practice = PracticeFactory(
        owner=org,
        published=True,
        origin_cluster=cluster,
        dos=["Start small"],
        donts=["Promise too much"],
        contact_name="Jane Doe",
        contact_email="jane@example.org",
        is_illustrative=True,
        stages=["emerging"],
        tool_types=["funding"],
    )
    page = client.get(practice.get_absolute_url())
    assert page.status_code == 200
    text = page.text
    assert "Illustrative example — not a documented NETBIOCLUE case" in text
    assert "Start small" in text
    assert "Promise too much" in text
    assert f'href="{reverse("practices:list")}?stage=emerging"' in text
    assert f'href="{reverse("practices:list")}?tool_type=funding"' in text
    assert f'href="{cluster.get_absolute_url()}"' in text
    assert "Sign in to see the contact person" in text
    assert "jane@example.org" not in text
    assert "History" not in text


def test_the_page_links_related_published_practices(client, org):
    practice = PracticeFactory(owner=org, published=True, tool_types=["funding"])
    related = PracticeFactory(owner=org, published=True, tool_types=["funding"], title="Kin")
    PracticeFactory(owner=org, status=Status.DRAFT, tool_types=["funding"], title="Unseen")
    page = client.get(practice.get_absolute_url())
    assert page.context["related"] == [related]
    assert f'href="{related.get_absolute_url()}"' in page.text
    assert "Unseen" not in page.text


AUDIENCE = (
    "Shown only to members of the portal&#x27;s partner organisations and to the NETBIOCLUE "
    "coordinator."
)


@pytest.mark.parametrize(
    ("who", "sees"),
    [("charlie", True), ("coordinator", True), ("signed_up", False), ("reviewer", False)],
)
def test_contact_details_are_for_partners_and_the_coordinator_and_say_so(
    client, org, charlie, coordinator, reviewer, who, sees
):
    actors = {"charlie": charlie, "coordinator": coordinator, "reviewer": reviewer}
    practice = PracticeFactory(owner=org, published=True, contact_email="jane@example.org")
    client.force_login(actors.get(who) or UserFactory(email="someone@example.org"))

    text = client.get(practice.get_absolute_url()).text

    assert ("jane@example.org" in text) is sees
    assert AUDIENCE in text  # the label says exactly who sees them, either way


def test_the_history_is_for_the_owner_and_coordinators(
    client, org, editor, bob, charlie, coordinator
):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    workflow.practice_update(
        practice=practice, data={"title": "Renamed"}, expected_version=1, by=editor
    )
    workflow.practice_submit(practice=practice, by=editor)
    workflow.practice_publish(practice=practice, by=coordinator)

    for person in (bob, coordinator):
        client.force_login(person)
        page = client.get(practice.get_absolute_url())
        assert [entry.action for entry in page.context["history"]] == [
            "practice.published",
            "practice.submitted",
            "practice.edited",
            "practice.created",
        ]
        assert "Renamed" in page.text and "History" in page.text
    client.force_login(charlie)
    page = client.get(practice.get_absolute_url())
    assert page.context["history"] == []
    assert 'id="history"' not in page.text


# ---- Moderation queue and dashboard ------------------------------------------------------


def test_the_moderation_queue_lists_submitted_practices_oldest_first(client, org, coordinator):
    newer = PracticeFactory(owner=org, status=Status.SUBMITTED, title="Newer")
    older = PracticeFactory(owner=org, status=Status.SUBMITTED, title="Older")
    Practice.objects.filter(pk=older.pk).update(submitted_at="2008-01-01T00:00Z")
    Practice.objects.filter(pk=newer.pk).update(submitted_at="2008-06-01T00:00Z")
    PracticeFactory(owner=org, status=Status.DRAFT, title="Draft")
    client.force_login(coordinator)

    page = client.get(reverse("practices:moderation"))

    assert [p.title for p in page.context["queue"].submitted] == ["Older", "Newer"]
    counts = {status: count for status, _label, count in page.context["queue"].counts}
    assert counts["submitted"] == 2
    assert counts["draft"] == 1


def test_the_moderation_queue_explains_itself_to_others(client, editor):
    client.force_login(editor)
    response = client.get(reverse("practices:moderation"))
    assert response.status_code == 403
    assert "only the portal coordinator decides" in response.text


def test_the_dashboard_shows_the_organisations_practices_by_status(client, org, editor, other_org):
    PracticeFactory(owner=org, status=Status.DRAFT, title="My draft")
    PracticeFactory(owner=org, published=True, title="My published")
    PracticeFactory(owner=other_org, status=Status.DRAFT, title="Their draft")
    client.force_login(editor)

    page = client.get(reverse("dashboard"))

    assert "My draft" in page.text
    assert "My published" in page.text
    assert "Their draft" not in page.text
    assert reverse("practices:create") in page.text
    (section,) = [s for s in page.context["sections"] if s.template.startswith("practices/")]
    assert [(g.status, g.count) for g in section.context["groups"]] == [
        ("draft", 1),
        ("published", 1),
    ]


def test_members_see_the_panel_without_the_new_button(client, org, bob):
    PracticeFactory(owner=org, status=Status.DRAFT, title="My draft")
    client.force_login(bob)
    page = client.get(reverse("dashboard"))
    assert "My draft" in page.text
    assert reverse("practices:create") not in page.text


def test_coordinators_see_what_waits_for_review_on_their_dashboard(client, org, coordinator):
    PracticeFactory(owner=org, status=Status.SUBMITTED)
    client.force_login(coordinator)
    page = client.get(reverse("dashboard"))
    assert reverse("practices:moderation") in page.text
    assert "1 submitted practice(s)" in page.text


# ---- Query budgets -----------------------------------------------------------------------


def _fill(practice, n, by):
    """``n`` documents and ``n`` history entries on ``practice``."""
    for i in range(n):
        attachment = PracticeAttachment(
            practice=practice, original_name=f"doc{i}.pdf", content_type="application/pdf",
            size=len(PDF_BYTES), uploaded_by=by,
        )  # fmt: skip
        attachment.file.save(f"doc{i}.pdf", ContentFile(PDF_BYTES), save=True)
        log_action(action="practice.edited", actor=by, target=practice, organisation=practice.owner,
                   data={"changes": [{"field": "title", "before": "a", "after": "b"}]})  # fmt: skip


def _count(client, url):
    client.get(url)  # warm caches (content types, templates)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("rows", [1, 25])
def test_detail_page_query_budget_for_the_public(
    client, org, editor, rows, django_assert_num_queries
):
    practice = PracticeFactory(owner=org, published=True)
    _fill(practice, rows, editor)
    client.get(practice.get_absolute_url())
    # 1 practice with owner and origin cluster, 2 its attachments, 3 the reproducibility
    # summary (one aggregate), 4 related practices.
    with django_assert_num_queries(4):
        client.get(practice.get_absolute_url())


@pytest.mark.parametrize("rows", [1, 25])
def test_detail_page_query_budget_for_the_owner(
    client, org, editor, rows, django_assert_num_queries
):
    practice = PracticeFactory(owner=org, status=Status.DRAFT)
    _fill(practice, rows, editor)
    client.force_login(editor)
    client.get(practice.get_absolute_url())
    # 1 session, 2 user, 3 practice (visibility through the memberships subquery),
    # 4 attachments, 5 the person's memberships (permissions, once per request),
    # 6 history with actors, 7 reproducibility summary.
    with django_assert_num_queries(7):
        client.get(practice.get_absolute_url())


@pytest.mark.parametrize("rows", [1, 25])
def test_detail_page_query_budget_for_the_coordinator(
    client, org, editor, coordinator, rows, django_assert_num_queries
):
    practice = PracticeFactory(owner=org, published=True)
    _fill(practice, rows, editor)
    workflow.practice_update(
        practice=practice, data={"title": "Proposed"}, expected_version=1, by=editor
    )
    client.force_login(coordinator)
    client.get(practice.get_absolute_url())
    # 1 session, 2 user, 3 practice (no visibility filter for coordinators),
    # 4 attachments, 5 pending revision with its author, 6 history with actors,
    # 7 reproducibility summary, 8 related practices. (A coordinator's rights need no
    # membership query.)
    with django_assert_num_queries(8):
        client.get(practice.get_absolute_url())


@pytest.mark.parametrize("rows", [1, 25])
def test_moderation_queue_query_budget(
    client, org, editor, coordinator, rows, django_assert_num_queries
):
    for i in range(rows):
        PracticeFactory(owner=org, status=Status.SUBMITTED, submitted_at="2008-01-01T00:00Z")
        published = PracticeFactory(owner=org, published=True, slug=f"published-{i}")
        workflow.practice_update(
            practice=published, data={"title": f"New {i}"}, expected_version=1, by=editor
        )
    client.force_login(coordinator)
    url = reverse("practices:moderation")
    client.get(url)
    # 1 session, 2 user, 3 submitted practices with owners, 4 pending revisions with
    # practice, owner and author, 5 counts per status.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["queue"].submitted) == rows
    assert len(response.context["queue"].revisions) == rows


@pytest.mark.parametrize("rows", [1, 25])
def test_dashboard_section_query_budget(org, editor, rows, django_assert_num_queries):
    for i in range(rows):
        _practice(org, [Status.DRAFT, Status.PUBLISHED][i % 2], f"practice-{i}")
    memberships = list(memberships_of(editor))
    # 1 the organisations' practices with owners and the pending-revision flag.
    with django_assert_num_queries(1):
        section = practices_section(editor, memberships)
    assert sum(group.count for group in section.context["groups"]) == rows


def test_the_dashboard_shows_the_practices_panel(client, editor):
    client.force_login(editor)
    response = client.get(reverse("dashboard"))
    assert "practices/dashboard_section.html" in [t.name for t in response.templates]
    assert 'id="dashboard-practices"' in response.content.decode()


def test_same_query_count_for_1_and_25_rows_on_the_owners_page(client, org, editor):
    small = PracticeFactory(owner=org, status=Status.DRAFT, slug="small")
    large = PracticeFactory(owner=org, status=Status.DRAFT, slug="large")
    _fill(small, 1, editor)
    _fill(large, 25, editor)
    client.force_login(editor)
    assert _count(client, small.get_absolute_url()) == _count(client, large.get_absolute_url())


def test_hidden_fields_are_not_duplicated_in_the_form(client, editor):
    client.force_login(editor)
    assert client.get(reverse("practices:create")).text.count('name="version"') == 1


def test_a_coordinator_without_an_organisation_cannot_create(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("practices:create")).status_code == 403
