"""The admin's permission matrix (issue 7, points 10, 11 and 13).

Every registered model × its changelist, add, change and delete pages × coordinator,
reviewer, editor, superuser and anonymous visitor, with the status each must get
(pretix-style). A new registered model fails ``test_every_registered_model_is_in_the_matrix``
until its row is written here.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from clusters.models import Cluster
from clusters.services import cluster_assess_stage
from events.models import Event
from experts import services as expert_services
from experts.models import BatchAssignment, ExpertiseRequest, ExpertProfile
from organisations import services as organisation_services
from organisations.models import Activity, ApiKey, Invitation, Membership, Organisation, User
from organisations.permissions import Role
from practices.models import (
    Practice,
    PracticeAttachment,
    PracticeRevision,
    Publication,
    SearchWord,
    StakeholderInterview,
)
from tests.events.conftest import EventFactory, RegistrationFactory
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import (
    ClusterFactory,
    PracticeFactory,
    StakeholderInterviewFactory,
)
from tests.practices.factories_workflow import PDF_BYTES

pytestmark = pytest.mark.django_db

ACTORS = ["coordinator", "reviewer", "editor", "superuser", "anonymous"]
PAGES = ["changelist", "add", "change", "delete"]

# model label: {page: (coordinator, superuser)}. Reviewers and editors (signed in, not
# admins) always get 403; anonymous visitors are sent to sign in (302).
# A "change" page of a read-only model is its view page (200).
EXPECTED = {
    # Django privileges and allauth addresses: superusers only.
    "auth.Group": {"changelist": (403, 200), "add": (403, 200), "change": (403, 200),
                   "delete": (403, 200)},
    "account.EmailAddress": {"changelist": (403, 200), "add": (403, 200), "change": (403, 200),
                             "delete": (403, 200)},
    # Accounts: created by invitation (superusers only here), deactivated, never deleted.
    "organisations.User": {"changelist": (200, 200), "add": (403, 200), "change": (200, 200),
                           "delete": (403, 403)},
    # Deleting an organisation would delete its audit log.
    "organisations.Organisation": {"changelist": (200, 200), "add": (200, 200),
                                   "change": (200, 200), "delete": (403, 403)},
    # Written by services only: read-only for everyone.
    "organisations.Membership": {"changelist": (200, 200), "add": (403, 403),
                                 "change": (200, 200), "delete": (403, 403)},
    "organisations.Invitation": {"changelist": (200, 200), "add": (403, 403),
                                 "change": (200, 200), "delete": (403, 403)},
    "organisations.Activity": {"changelist": (200, 200), "add": (403, 403),
                               "change": (200, 200), "delete": (403, 403)},
    "organisations.ApiKey": {"changelist": (200, 200), "add": (403, 403), "change": (200, 200),
                             "delete": (403, 403)},
    # Registered here (no portal page creates one); the profile then changes by approved
    # revisions and stages through the service, and deleting would take both with it.
    "clusters.Cluster": {"changelist": (200, 200), "add": (200, 200), "change": (200, 200),
                         "delete": (403, 403)},
    # Experts apply or are imported, requests are matched, batches proposed and confirmed by
    # the services: read-only here, with actions that call those services.
    "experts.ExpertProfile": {"changelist": (200, 200), "add": (403, 403),
                              "change": (200, 200), "delete": (403, 403)},
    "experts.ExpertiseRequest": {"changelist": (200, 200), "add": (403, 403),
                                 "change": (200, 200), "delete": (403, 403)},
    "experts.BatchAssignment": {"changelist": (200, 200), "add": (403, 403),
                                "change": (200, 200), "delete": (403, 403)},
    # Events are edited on the portal; the admin shows them and publishes or cancels them
    # through the services, and deletes nothing (registrations are anonymised by a task).
    "events.Event": {"changelist": (200, 200), "add": (403, 403), "change": (200, 200),
                     "delete": (403, 403)},
    "practices.Practice": {"changelist": (200, 200), "add": (403, 403), "change": (200, 200),
                           "delete": (403, 403)},
    "practices.PracticeRevision": {"changelist": (200, 200), "add": (403, 403),
                                   "change": (200, 200), "delete": (403, 403)},
    "practices.PracticeAttachment": {"changelist": (200, 200), "add": (403, 403),
                                     "change": (200, 200), "delete": (403, 403)},
    # Deleting an interview goes through the service (it refreshes transferability).
    "practices.StakeholderInterview": {"changelist": (200, 200), "add": (403, 403),
                                       "change": (200, 200), "delete": (200, 200)},
    "practices.SearchWord": {"changelist": (200, 200), "add": (403, 403), "change": (200, 200),
                             "delete": (403, 403)},
    "practices.Publication": {"changelist": (200, 200), "add": (403, 403),
                              "change": (200, 200), "delete": (403, 403)},
}  # fmt: skip


def _expected(label: str, page: str, actor: str) -> int:
    coordinator, superuser = EXPECTED[label][page]
    return {
        "coordinator": coordinator,
        "superuser": superuser,
        "reviewer": 403,
        "editor": 403,
        "anonymous": 302,
    }[actor]


@pytest.fixture
def instances(org, alice, bob, coordinator):
    """One row of every registered model, made the way the portal makes it."""
    practice = PracticeFactory(owner=org, published=True)
    cluster = ClusterFactory()
    cluster_assess_stage(
        cluster=cluster, year=2020, stage="emerging", rationale="First incubator.", by=None
    )
    event = EventFactory(host=org)
    RegistrationFactory(event=event)
    expertise_request = RequestFactory(requester=alice)
    attachment = PracticeAttachment(
        practice=practice,
        original_name="plan.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    attachment.file.save("plan.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    key, _raw = organisation_services.api_key_create(
        organisation=org, name="Robot", scope="read", by=alice
    )
    invitation = organisation_services.invitation_create(
        organisation=org, email="new@example.org", role=Role.MEMBER, by=alice
    )
    return {
        Group: Group.objects.create(name="Editors"),
        EmailAddress: EmailAddress.objects.get(user=bob),
        User: bob,
        Organisation: org,
        Membership: Membership.objects.get(user=bob),
        Invitation: invitation,
        Activity: Activity.objects.first(),
        ApiKey: key,
        Cluster: cluster,
        ExpertProfile: ExpertFactory(),
        ExpertiseRequest: expertise_request,
        BatchAssignment: expert_services.batch_propose(by=coordinator),
        Event: event,
        Practice: practice,
        PracticeRevision: PracticeRevision.objects.create(
            practice=practice, content={}, base_version=practice.version, created_by=alice
        ),
        PracticeAttachment: attachment,
        StakeholderInterview: StakeholderInterviewFactory(practice=practice),
        SearchWord: SearchWord.objects.create(word="incubator", frequency=3),
        Publication: Publication.objects.create(fingerprint="f" * 64),
    }


def test_every_registered_model_is_in_the_matrix():
    assert {model._meta.label for model in admin.site._registry} == set(EXPECTED)


CASES = [(label, page, actor) for label in EXPECTED for page in PAGES for actor in ACTORS]


@pytest.mark.parametrize(("label", "page", "actor"), CASES)
def test_admin_permission_matrix(request, client, instances, label, page, actor):
    model = next(model for model in instances if model._meta.label == label)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    args = [instances[model].pk] if page in ("change", "delete") else []
    if actor != "anonymous":
        client.force_login(request.getfixturevalue(actor))
    response = client.get(reverse(name, args=args))
    assert response.status_code == _expected(label, page, actor)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("actor", ["reviewer", "editor", "bob"])
def test_a_signed_in_person_without_access_gets_an_explanation_not_a_loop(request, client, actor):
    person = request.getfixturevalue(actor)
    client.force_login(person)
    for url in (reverse("admin:index"), reverse("admin:login") + "?next=/admin/"):
        response = client.get(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "administration pages" in html
        assert person.email in html
        assert reverse("dashboard") in html
        assert "no-cache" in response["Cache-Control"]


def test_anonymous_visitors_reach_the_portal_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_the_admin_answers_its_own_people(client, coordinator, superuser):
    for person in (coordinator, superuser):
        client.force_login(person)
        assert client.get(reverse("admin:index")).status_code == 200


def test_the_cluster_admin_records_stages_through_the_service(client, coordinator):
    """Profile fields change by approved revisions, stages through ``cluster_assess_stage``:
    the admin's change page neither writes the profile nor edits assessments raw."""
    cluster = ClusterFactory(description="Before.")
    cluster_assess_stage(
        cluster=cluster, year=2020, stage="emerging", rationale="First incubator.", by=None
    )
    client.force_login(coordinator)
    url = reverse("admin:clusters_cluster_change", args=[cluster.pk])
    page = client.get(url)
    formsets = page.context["inline_admin_formsets"]
    existing, new = (formset.formset for formset in formsets)
    assert existing.forms[0].fields.keys() <= {"id", "cluster"}  # read-only rows
    assert "description" not in page.context["adminform"].form.fields
    response = client.post(
        url,
        {
            "name": cluster.name,
            "slug": cluster.slug,
            "countries": "DE",
            "region": cluster.region,
            "city": cluster.city,
            "description": "Written around the revision.",
            f"{existing.prefix}-TOTAL_FORMS": "1",
            f"{existing.prefix}-INITIAL_FORMS": "1",
            f"{existing.prefix}-0-id": existing.forms[0].instance.pk,
            f"{existing.prefix}-0-cluster": cluster.pk,
            f"{new.prefix}-TOTAL_FORMS": "2",
            f"{new.prefix}-INITIAL_FORMS": "0",
            f"{new.prefix}-0-year": "2023",
            f"{new.prefix}-0-stage": "mature",
            f"{new.prefix}-0-rationale": "Three funds, forty start-ups.",
            # A year already assessed is corrected by the service, not refused.
            f"{new.prefix}-1-year": "2020",
            f"{new.prefix}-1-stage": "developing",
            f"{new.prefix}-1-rationale": "Re-read the 2020 report.",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    cluster.refresh_from_db()
    assert cluster.description == "Before."
    assert cluster.stage == "mature"
    assert dict(cluster.assessments.values_list("year", "stage")) == {
        2020: "developing",
        2023: "mature",
    }
    logged = Activity.objects.filter(action="cluster.stage_assessed", actor=coordinator)
    assert sorted(entry.data["year"] for entry in logged) == [2020, 2023]
