import pytest
from django.core import mail
from django.urls import reverse

from organisations import services
from organisations.models import Invitation, Membership
from organisations.permissions import Role
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


# (method, url name, actor, expected status) for the organisation `org` (slug erbi-test).
PEOPLE_MATRIX = [
    ("get", "organisations:people", None, 302),
    ("get", "organisations:people", "alice", 200),
    ("get", "organisations:people", "bob", 200),
    ("get", "organisations:people", "charlie", 404),
    ("post", "organisations:invite", None, 302),
    ("post", "organisations:invite", "alice", 302),
    ("post", "organisations:invite", "bob", 403),
    ("post", "organisations:invite", "editor", 403),
    ("post", "organisations:invite", "charlie", 404),
]


@pytest.mark.parametrize(("method", "url_name", "actor", "expected"), PEOPLE_MATRIX)
def test_people_permission_matrix(request, as_user, org, method, url_name, actor, expected):
    user = request.getfixturevalue(actor) if actor else None
    request.getfixturevalue("alice")  # the organisation always has its admin
    client = as_user(user)
    url = reverse(url_name, kwargs={"slug": org.slug})
    data = {"email": "new@example.org", "role": "member"} if method == "post" else None
    response = getattr(client, method)(url, data)
    assert response.status_code == expected
    if (method == "post" and expected != 302) or actor is None:
        assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("actor", "expected"), [("alice", 302), ("bob", 403), ("editor", 403), ("charlie", 404)]
)
def test_role_change_matrix(request, as_user, org, bob, actor, expected):
    client = as_user(request.getfixturevalue(actor))
    membership = bob.memberships.get()
    response = client.post(
        reverse("organisations:change_role", args=[org.slug, membership.pk]), {"role": "admin"}
    )
    assert response.status_code == expected
    membership.refresh_from_db()
    assert membership.role == (Role.ADMIN if expected == 302 else Role.MEMBER)


def test_an_outsider_cannot_remove_members_through_their_own_organisation(
    as_user, org, other_org, bob, charlie
):
    """charlie administers other_org; naming bob's membership under it is "not found"."""
    client = as_user(charlie)
    response = client.post(
        reverse("organisations:remove_member", args=[other_org.slug, bob.memberships.get().pk])
    )
    assert response.status_code == 404
    assert bob.memberships.exists()


def test_an_invalid_invitation_keeps_what_was_typed(as_user, org, alice):
    client = as_user(alice)
    response = client.post(
        reverse("organisations:invite", args=[org.slug]),
        {"email": "not-an-address", "role": "editor"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="not-an-address"' in body
    assert "Enter a valid email address." in body


def test_inviting_an_existing_member_shows_why(as_user, org, alice, bob):
    response = as_user(alice).post(
        reverse("organisations:invite", args=[org.slug]), {"email": bob.email, "role": "editor"}
    )
    assert response.status_code == 400
    assert "already a member" in response.content.decode()


def test_the_last_admin_sees_why_they_cannot_leave(as_user, org, alice):
    client = as_user(alice)
    response = client.post(
        reverse("organisations:remove_member", args=[org.slug, alice.memberships.get().pk]),
        follow=True,
    )
    assert "needs at least one organisation admin" in response.content.decode()
    assert alice.memberships.exists()


class TestInvitationLink:
    def _invite(self, django_capture_on_commit_callbacks, org, alice, email):
        with django_capture_on_commit_callbacks(execute=True):
            services.invitation_create(organisation=org, email=email, role=Role.EDITOR, by=alice)
        return mail.outbox[-1].body.split("http://127.0.0.1:8000")[1].split()[0]

    def test_opening_the_link_does_not_accept_it(
        self, client, django_capture_on_commit_callbacks, org, alice
    ):
        path = self._invite(django_capture_on_commit_callbacks, org, alice, "new@example.org")
        response = client.get(path)
        assert response.status_code == 200
        assert "Create your account" in response.content.decode()
        assert Invitation.objects.get().accepted_at is None

    def test_a_newcomer_creates_an_account_and_lands_on_the_dashboard(
        self, client, django_capture_on_commit_callbacks, org, alice
    ):
        path = self._invite(django_capture_on_commit_callbacks, org, alice, "new@example.org")
        response = client.post(
            path,
            {"full_name": "Nina New", "password1": PASSWORD, "password2": PASSWORD},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == reverse("dashboard")
        assert org.name in response.content.decode()
        assert Membership.objects.get(user__email="new@example.org").role == Role.EDITOR

    def test_a_password_mismatch_keeps_the_name(
        self, client, django_capture_on_commit_callbacks, org, alice
    ):
        path = self._invite(django_capture_on_commit_callbacks, org, alice, "new@example.org")
        response = client.post(
            path, {"full_name": "Nina New", "password1": PASSWORD, "password2": "other"}
        )
        assert response.status_code == 400
        assert 'value="Nina New"' in response.content.decode()
        assert "The two passwords differ." in response.content.decode()

    def test_an_existing_account_is_sent_to_sign_in_and_back(
        self, client, django_capture_on_commit_callbacks, org, alice, charlie
    ):
        path = self._invite(django_capture_on_commit_callbacks, org, alice, charlie.email)
        response = client.get(path)
        assert f"{reverse('account_login')}?next={path}" in response.content.decode()
        client.force_login(charlie)
        response = client.post(path)
        assert response.status_code == 302
        assert Membership.objects.filter(user=charlie, organisation=org).exists()

    def test_an_unknown_token_says_the_link_is_not_valid(self, client):
        response = client.get(reverse("organisations:invitation", args=["nope"]))
        assert response.status_code == 410
        assert "not valid" in response.content.decode()


def test_login_required_pages_return_to_where_the_person_was(client, editor):
    response = client.get(reverse("dashboard"))
    login_url = reverse("account_login")
    assert response.status_code == 302
    assert response["Location"] == f"{login_url}?next=/dashboard/"
    response = client.post(
        f"{login_url}?next=/dashboard/", {"login": editor.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"


def test_an_unverified_account_cannot_sign_in(client):
    from tests.factories import UserFactory

    user = UserFactory(verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_the_dashboard_shows_the_organisation_and_colleagues(client, org, alice, bob):
    client.force_login(bob)
    body = client.get(reverse("dashboard")).content.decode()
    assert org.name in body
    assert alice.email in body
    assert "Manage people" not in body  # bob is a plain member


def test_dashboard_query_budget_is_the_same_for_1_and_25_colleagues(
    client, django_assert_num_queries, org, bob
):
    client.force_login(bob)
    # session, user, memberships + organisations, colleagues + users,
    # the practices panel (the organisations' practices)
    with django_assert_num_queries(5):
        client.get(reverse("dashboard"))
    MembershipFactory.create_batch(24, organisation=org)
    with django_assert_num_queries(5):
        response = client.get(reverse("dashboard"))
    assert response.content.decode().count("<li>") >= 25


class TestPartnerPages:
    def test_partners_are_listed_by_country(self, client):
        OrganisationFactory(name="Zeta Agency", country="CZ")
        OrganisationFactory(name="Alpha Park", country="DE")
        OrganisationFactory(name="Not a partner", is_network_partner=False)
        body = client.get(reverse("organisations:partner_list")).content.decode()
        assert body.index("Czechia") < body.index("Zeta Agency") < body.index("Germany")
        assert body.index("Germany") < body.index("Alpha Park")
        assert "Not a partner" not in body

    def test_query_budget_is_the_same_for_1_and_25_partners(
        self, client, django_assert_num_queries
    ):
        OrganisationFactory()
        # organisations with their home clusters (one query, joined)
        with django_assert_num_queries(1):
            client.get(reverse("organisations:partner_list"))
        OrganisationFactory.create_batch(24)
        with django_assert_num_queries(1):
            response = client.get(reverse("organisations:partner_list"))
        assert response.content.decode().count('class="card"') == 25

    def test_detail_page(self, client, django_assert_num_queries):
        organisation = OrganisationFactory(name="Heidelberg Technology Park", city="Heidelberg")
        # the organisation joined with its home cluster; its published practices; its next
        # events (events app)
        with django_assert_num_queries(3):
            response = client.get(organisation.get_absolute_url())
        assert "Heidelberg Technology Park" in response.content.decode()

    def test_unknown_partner_is_404(self, client):
        assert client.get("/partners/nobody/").status_code == 404


class TestProfile:
    def test_a_person_changes_their_name(self, client, bob):
        client.force_login(bob)
        response = client.post(reverse("account_profile"), {"full_name": "  Bob Builder "})
        assert response.status_code == 302
        bob.refresh_from_db()
        assert bob.full_name == "Bob Builder"

    def test_an_empty_name_is_refused_and_the_page_says_so(self, client, bob):
        client.force_login(bob)
        response = client.post(reverse("account_profile"), {"full_name": "   "})
        assert response.status_code == 400
        assert "This field is required." in response.content.decode()

    def test_the_profile_needs_a_sign_in(self, client):
        response = client.get(reverse("account_profile"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_query_budget(self, client, bob, django_assert_num_queries):
        client.force_login(bob)
        # session, user
        with django_assert_num_queries(2):
            response = client.get(reverse("account_profile"))
        assert bob.email in response.content.decode()
