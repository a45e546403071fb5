"""Create forms are idempotent: a double (or 20-fold, parallel) submit creates one object.

Before: parallel double submits created two drafts, two API keys and two stakeholder
interviews (which then counted twice in the transferability). Each form now carries a
hidden token (netbioclue/idempotency.py); these tests fire real parallel requests from
threads, each with its own database connection, and count the rows.
"""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netbioclue import idempotency
from netbioclue.models import IdempotencyRecord
from organisations.models import ApiKey, Invitation
from practices.models import Practice, PracticeAttachment, StakeholderInterview
from practices.services import workflow
from tests.concurrency import in_parallel
from tests.factories import PracticeFactory
from tests.practices.factories_workflow import PDF_BYTES, content, form_data, upload

PARALLEL = 12
TOKEN = "0123456789abcdef0123456789abcdef"


def _token_in(html: str) -> str:
    return re.search(r'name="idempotency_token" value="([0-9a-f]{32})"', html)[1]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _interview_form(**overrides):
    data = {
        "stakeholder_type": "policy-maker",
        "country": "HU",
        "region": "Southern Great Plain",
        "interviewed_on": "2008-04-02",
        "relevance": "5",
        "feasibility": "4",
        "preconditions": "4",
        "impact": "5",
        "adaptations": "A regional co-funder.",
    }
    data.update(overrides)
    return data


# ---- Parallel submits of one page: exactly one object ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_the_new_practice_form_create_one_draft(org, editor):
    clients = [_signed_in(editor) for _ in range(PARALLEL)]
    token = _token_in(clients[0].get(reverse("practices:create")).content.decode())
    data = {**form_data(content()), "idempotency_token": token}

    responses = in_parallel(lambda n: clients[n].post(reverse("practices:create"), data), PARALLEL)

    practice = Practice.objects.get()  # exactly one draft
    assert [response.status_code for response in responses] == [302] * PARALLEL
    assert {response.url for response in responses} == {practice.get_absolute_url()}


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_the_api_key_form_create_one_key(org, alice):
    page = reverse("organisations:api_keys", kwargs={"slug": org.slug})
    clients = [_signed_in(alice) for _ in range(PARALLEL)]
    token = _token_in(clients[0].get(page).content.decode())
    data = {"name": "Warehouse", "scope": "read", "idempotency_token": token}

    responses = in_parallel(lambda n: clients[n].post(page, data), PARALLEL)

    assert ApiKey.objects.filter(organisation=org).count() == 1
    assert [response.status_code for response in responses] == [302] * PARALLEL


@pytest.mark.django_db(transaction=True)
def test_parallel_submits_of_the_interview_form_record_one_interview(org, reviewer):
    practice = PracticeFactory(owner=org, published=True)
    url = reverse("practices:interview_create", kwargs={"slug": practice.slug})
    clients = [_signed_in(reviewer) for _ in range(PARALLEL)]
    data = {
        **_interview_form(),
        "idempotency_token": _token_in(clients[0].get(url).content.decode()),
    }

    responses = in_parallel(lambda n: clients[n].post(url, data), PARALLEL)

    assert StakeholderInterview.objects.count() == 1
    assert [response.status_code for response in responses] == [302] * PARALLEL
    practice.refresh_from_db()
    assert practice.interview_count == 1  # counted once in the transferability


@pytest.mark.django_db(transaction=True)
def test_parallel_interviews_from_two_tabs_count_once_without_the_another_box(org, reviewer):
    """Different tokens (two tabs): the one-interview-per-reviewer rule, under the row lock."""
    practice = PracticeFactory(owner=org, published=True)
    url = reverse("practices:interview_create", kwargs={"slug": practice.slug})
    clients = [_signed_in(reviewer) for _ in range(PARALLEL)]
    tokens = [f"{n:032x}" for n in range(PARALLEL)]

    responses = in_parallel(
        lambda n: clients[n].post(url, {**_interview_form(), "idempotency_token": tokens[n]}),
        PARALLEL,
    )

    assert StakeholderInterview.objects.count() == 1
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [302] + [400] * (PARALLEL - 1)
    refused = next(response for response in responses if response.status_code == 400)
    html = refused.content.decode()
    assert "already recorded an interview on this practice" in html
    assert 'name="another_interview"' in html  # the box is offered now
    assert 'value="A regional co-funder."' in html or "A regional co-funder." in html


@pytest.mark.django_db(transaction=True)
def test_parallel_invitations_create_one_and_send_one_email(org, alice):
    page = reverse("organisations:people", kwargs={"slug": org.slug})
    url = reverse("organisations:invite", kwargs={"slug": org.slug})
    clients = [_signed_in(alice) for _ in range(PARALLEL)]
    token = _token_in(clients[0].get(page).content.decode())
    data = {"email": "new@example.org", "role": "editor", "idempotency_token": token}

    responses = in_parallel(lambda n: clients[n].post(url, data), PARALLEL)

    assert Invitation.objects.filter(organisation=org).count() == 1
    assert [response.status_code for response in responses] == [302] * PARALLEL
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_uploads_of_one_form_add_one_document(org, editor):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    url = reverse("practices:attachment_upload", kwargs={"slug": practice.slug})
    clients = [_signed_in(editor) for _ in range(PARALLEL)]
    token = _token_in(clients[0].get(practice.get_absolute_url()).content.decode())

    def post(n):
        return clients[n].post(
            url, {"file": upload("report.pdf", PDF_BYTES), "title": "", "idempotency_token": token}
        )

    responses = in_parallel(post, PARALLEL)

    assert PracticeAttachment.objects.filter(practice=practice).count() == 1
    assert [response.status_code for response in responses] == [302] * PARALLEL


# ---- The token's life ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_token_survives_a_form_error_and_the_corrected_form_creates(client, org, editor):
    client.force_login(editor)
    token = _token_in(client.get(reverse("practices:create")).content.decode())
    bad = {**form_data(content()), "title": "", "idempotency_token": token}
    response = client.post(reverse("practices:create"), bad)
    assert response.status_code == 400
    assert _token_in(response.content.decode()) == token  # kept on the re-rendered form
    assert not IdempotencyRecord.objects.exists()  # the error released it

    good = {**form_data(content()), "idempotency_token": token}
    assert client.post(reverse("practices:create"), good).status_code == 302
    assert client.post(reverse("practices:create"), good).status_code == 302
    assert Practice.objects.count() == 1


@pytest.mark.django_db
def test_each_new_page_gets_a_new_token(client, org, editor):
    client.force_login(editor)
    first = _token_in(client.get(reverse("practices:create")).content.decode())
    second = _token_in(client.get(reverse("practices:create")).content.decode())
    assert first != second


@pytest.mark.django_db
def test_tokens_belong_to_their_person(org, editor):
    other = editor.__class__.objects.create_user("other-editor@example.org", password=None)
    from organisations.permissions import Role
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=org, user=other, role=Role.EDITOR)
    one = workflow.practice_create(
        organisation=org, data=content(), by=editor, idempotency_key=TOKEN
    )
    two = workflow.practice_create(
        organisation=org, data=content(), by=other, idempotency_key=TOKEN
    )
    assert one.pk != two.pk


@pytest.mark.django_db
def test_a_token_is_forgotten_after_24_hours(org, editor):
    first = workflow.practice_create(
        organisation=org, data=content(), by=editor, idempotency_key=TOKEN
    )
    IdempotencyRecord.objects.update(
        created_at=timezone.now() - idempotency.KEY_LIFETIME - datetime.timedelta(minutes=1)
    )
    second = workflow.practice_create(
        organisation=org, data=content(), by=editor, idempotency_key=TOKEN
    )
    assert second.pk != first.pk
    assert IdempotencyRecord.objects.get().object_id == str(second.pk)
    assert idempotency.purge_expired() == 0


@pytest.mark.django_db
def test_a_token_sent_to_another_form_is_refused(org, editor):
    practice = workflow.practice_create(
        organisation=org, data=content(), by=editor, idempotency_key=TOKEN
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        workflow.attachment_add(
            practice=practice,
            uploaded_file=upload("a.pdf", PDF_BYTES),
            by=editor,
            idempotency_key=TOKEN,
        )
    assert error.value.code == "already_submitted"
    assert not PracticeAttachment.objects.exists()


# ---- One interview per reviewer, unless explicitly another --------------------------------------


@pytest.mark.django_db
def test_a_second_interview_needs_the_another_box(client, org, reviewer):
    practice = PracticeFactory(owner=org, published=True)
    url = reverse("practices:interview_create", kwargs={"slug": practice.slug})
    client.force_login(reviewer)
    assert 'name="another_interview"' not in client.get(url).content.decode()
    assert client.post(url, _interview_form()).status_code == 302

    page = client.get(url).content.decode()
    assert 'name="another_interview"' in page and "This is another interview" in page
    refused = client.post(url, _interview_form(stakeholder_type="investor"))
    assert refused.status_code == 400
    assert StakeholderInterview.objects.count() == 1

    accepted = client.post(
        url, _interview_form(stakeholder_type="investor", another_interview="on")
    )
    assert accepted.status_code == 302
    practice.refresh_from_db()
    assert practice.interview_count == 2


# ---- The "key created" page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_reloading_the_key_created_page_creates_nothing_and_shows_nothing(client, org, alice):
    page = reverse("organisations:api_keys", kwargs={"slug": org.slug})
    client.force_login(alice)
    token = _token_in(client.get(page).content.decode())
    response = client.post(page, {"name": "Sync", "scope": "read", "idempotency_token": token})
    assert response.status_code == 302 and response.url == page  # POST-redirect-GET

    shown = client.get(page)
    raw = shown.content.decode().split('id="new-key" value="')[1].split('"')[0]
    assert ApiKey.objects.get().key_hash == ApiKey.hash_key(raw)
    assert shown["Cache-Control"] == "no-store"

    reloaded = client.get(page)  # the browser's reload: a GET, no resubmission
    assert raw not in reloaded.content.decode()
    assert 'id="new-key"' not in reloaded.content.decode()
    assert ApiKey.objects.count() == 1

    # Even a resubmitted POST (the same page's token) creates nothing and shows no value.
    again = client.post(page, {"name": "Sync", "scope": "read", "idempotency_token": token})
    assert again.status_code == 302
    assert 'id="new-key"' not in client.get(page).content.decode()
    assert ApiKey.objects.count() == 1


@pytest.mark.django_db
def test_a_token_whose_object_was_removed_is_a_form_error_not_a_500(client, org, alice):
    page = reverse("organisations:api_keys", kwargs={"slug": org.slug})
    client.force_login(alice)
    data = {"name": "Sync", "scope": "read", "idempotency_token": TOKEN}
    assert client.post(page, data).status_code == 302
    IdempotencyRecord.objects.update(object_id="0")  # as if the key had been deleted

    response = client.post(page, data)
    assert response.status_code == 400
    assert "already sent" in response.content.decode()
    assert 'value="Sync"' in response.content.decode()  # what was typed stays
