"""Every role has a home (issue 11, point 8), the parts a page shows: the reviewer's
interviews to do, "New practice" on the catalogue, the roles where they are chosen."""

import pytest
from django.urls import reverse

from practices.models import Status
from tests.factories import PracticeFactory, StakeholderInterviewFactory

pytestmark = pytest.mark.django_db


def test_the_reviewers_dashboard_lists_the_practices_waiting_for_their_interviews(client, reviewer):
    under_review = PracticeFactory(status=Status.SUBMITTED, title="Under review")
    published = PracticeFactory(published=True, title="Published, never interviewed")
    # interview_count is kept by the reproducibility service; the factory sets it here.
    busy = PracticeFactory(
        published=True, title="Published, interviewed by others", interview_count=1
    )
    StakeholderInterviewFactory(practice=busy)
    done = PracticeFactory(published=True, title="Already interviewed by me")
    StakeholderInterviewFactory(practice=done, reviewer=reviewer)
    PracticeFactory(status=Status.DRAFT, title="A draft")
    client.force_login(reviewer)

    page = client.get(reverse("dashboard")).text

    assert "Waiting for your stakeholder interviews" in page
    panel = page[page.index('id="dashboard-interviews"') :]
    # Under review first, then the published ones with the fewest interviews.
    titles = [under_review.title, published.title, busy.title]
    positions = [panel.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Already interviewed by me" not in panel
    assert "A draft" not in panel
    assert reverse("practices:interview_create", kwargs={"slug": under_review.slug}) in panel
    assert "1 interview so far" in panel


def test_people_who_are_not_reviewers_have_no_interview_panel(client, editor):
    client.force_login(editor)

    assert "Waiting for your stakeholder interviews" not in client.get(reverse("dashboard")).text


@pytest.mark.parametrize(("actor", "shown"), [("editor", True), ("bob", False), (None, False)])
def test_the_catalogue_offers_new_practice_to_editors(client, request, actor, shown):
    if actor:
        client.force_login(request.getfixturevalue(actor))

    page = client.get(reverse("practices:list")).text

    assert (f'href="{reverse("practices:create")}">New practice</a>' in page) is shown


def test_the_roles_are_explained_where_an_admin_chooses_them(client, org, alice):
    client.force_login(alice)

    page = client.get(reverse("organisations:people", kwargs={"slug": org.slug})).text

    assert '<details class="roles-help" id="roles-help" open>' in page
    assert "Also writes the organisation's practices" in page
    assert 'aria-describedby="roles-help"' in page
    # The invitation states its default.
    assert "Unless you choose otherwise the invitation is for a member" in page
    assert '<option value="member" selected>Member</option>' in page
