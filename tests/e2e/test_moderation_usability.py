"""Moderation that remembers (issue 11, point 7) in the browser: the editor withdraws a
submission and reads the coordinator's request atop the form; the coordinator's pages
(counts that filter, labelled comments, word diffs) pass axe at 1280 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from organisations.permissions import Role
from practices.models import Status
from practices.services import workflow
from tests.e2e.axe import assert_accessible
from tests.factories import PASSWORD, MembershipFactory, PracticeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [1280, 390]


def signed_in(browser, live_server, email, width):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
def test_the_editor_withdraws_and_reads_what_to_change(browser, live_server, width):
    editor = MembershipFactory(role=Role.EDITOR, user__email="editor@example.org")
    coordinator = UserFactory(email="coordinator@example.org", is_coordinator=True)
    handed_back = PracticeFactory(owner=editor.organisation, status=Status.SUBMITTED)
    workflow.practice_request_changes(
        practice=handed_back, comment="Add the 2023 figures.", by=coordinator
    )
    waiting = PracticeFactory(owner=editor.organisation, status=Status.SUBMITTED)
    context, page = signed_in(browser, live_server, "editor@example.org", width)

    page.goto(handed_back.get_absolute_url() + "edit/")
    expect(
        page.get_by_role("heading", name="The coordinator asked for these changes")
    ).to_be_visible()
    expect(page.get_by_text("Add the 2023 figures.")).to_be_in_viewport()
    assert_accessible(page, label=f"edit form with the coordinator's request at {width} px")

    page.goto(waiting.get_absolute_url())
    page.get_by_role("button", name="Withdraw to draft").click()
    expect(page.get_by_text("The submission is withdrawn")).to_be_visible()
    expect(page.get_by_role("button", name="Submit for review")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_coordinators_pages_are_accessible(browser, live_server, width):
    UserFactory(email="coordinator@example.org", is_coordinator=True)
    editor = MembershipFactory(role=Role.EDITOR).user
    submitted = PracticeFactory(status=Status.SUBMITTED, title="Waiting for a decision")
    PracticeFactory(status=Status.DRAFT, title="Someone's draft")
    published = PracticeFactory(
        published=True,
        owner=editor.memberships.first().organisation,
        summary="A desk for young firms.",
    )
    data = workflow.content_of(published) | {"summary": "A desk for young biotech firms."}
    workflow.practice_update(
        practice=published, data=data, expected_version=published.version, by=editor
    )
    context, page = signed_in(browser, live_server, "coordinator@example.org", width)
    assert_accessible(page, label=f"coordinator's dashboard at {width} px")

    page.goto("/practices/moderation/")
    page.get_by_role("link", name=re.compile(r"^Draft 1")).click()
    expect(page.get_by_role("heading", name="1 practice: Draft")).to_be_visible()
    expect(page.get_by_role("link", name="Someone's draft")).to_be_visible()
    assert_accessible(page, label=f"queue filtered by status at {width} px")

    page.goto(submitted.get_absolute_url())
    expect(page.get_by_label("What should change")).to_be_visible()
    expect(page.get_by_label("Why it is rejected")).to_be_visible()
    assert_accessible(page, label=f"submitted practice at {width} px")

    page.goto(published.get_absolute_url())
    expect(page.locator(".diff-after ins")).to_have_text("biotech")
    assert_accessible(page, label=f"revision diff at {width} px")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_reviewers_dashboard_and_a_practice_page_with_a_way_back(browser, live_server, width):
    UserFactory(email="reviewer@example.org", is_reviewer=True)
    practice = PracticeFactory(published=True, title="Seed fund for spin-offs")
    context, page = signed_in(browser, live_server, "reviewer@example.org", width)
    expect(
        page.get_by_role("heading", name="Waiting for your stakeholder interviews")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Seed fund for spin-offs", exact=True)).to_be_visible()
    assert_accessible(page, label=f"reviewer's dashboard at {width} px")

    page.goto("/practices/?q=seed")
    page.get_by_role("link", name="Seed fund for spin-offs", exact=True).click()
    expect(page).to_have_url(re.compile(practice.get_absolute_url() + "$"))
    expect(page.get_by_role("link", name="Back to your results")).to_be_visible()
    assert_accessible(page, label=f"practice page with a way back at {width} px")
    context.close()
