"""The workflows: application and validation, request lifecycle, offers, audit, locking."""

import threading
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from experts import services
from experts.models import ExpertStatus, Match, MatchState, RequestStatus
from organisations.activity import activities_for
from tests.experts.factories import ExpertFactory, RequestFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Ana Novak",
    "headline": "Seed funds for emerging clusters",
    "bio": "Set up two regional seed funds.",
    "languages": ["en", "cs"],
    "language_levels": {"en": "C1", "cs": "native"},
    "tool_types": ["funding"],
    "capacity": 2,
}


def _filed(django_capture_on_commit_callbacks, **kwargs):
    request = RequestFactory(**kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_submit(request=request, by=request.requester)
    request.refresh_from_db()
    return request


def test_apply_then_validate_is_logged_and_mailed(coordinator, django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        expert = services.expert_apply(user=person, data=PROFILE, consent=True)
    assert expert.status == ExpertStatus.APPLIED and expert.consent_at is not None
    assert expert.consent_text == str(services.CONSENT_TEXT)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    with pytest.raises(PermissionDenied):
        services.expert_validate(expert=expert, by=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.expert_validate(expert=expert, by=coordinator)
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.VALIDATED
    assert [a.action for a in activities_for(expert)] == ["expert.validated", "expert.applied"]
    with pytest.raises(ValidationError):
        services.expert_reject(expert=expert, reason="late", by=coordinator)


def test_apply_needs_consent_and_storable_text():
    with pytest.raises(ValidationError):
        services.expert_apply(user=UserFactory(), data=PROFILE, consent=False)
    with pytest.raises(ValidationError):
        services.expert_apply(user=UserFactory(), data={**PROFILE, "bio": "a\x00b"}, consent=True)


def test_submit_matches_on_commit(django_capture_on_commit_callbacks):
    expert = ExpertFactory()
    request = _filed(django_capture_on_commit_callbacks)
    assert request.status == RequestStatus.MATCHING and request.matched_at is not None
    match = request.matches.get()
    assert match.expert == expert and match.state == MatchState.CANDIDATE
    assert match.breakdown["tool_types"] == 25.0


def test_a_stale_matching_run_does_nothing(django_capture_on_commit_callbacks):
    ExpertFactory()
    request = _filed(django_capture_on_commit_callbacks)
    assert (
        services.match_compute(request_id=request.pk, generation=request.match_generation - 1)
        is False
    )
    assert services.match_compute(request_id=request.pk, generation=request.match_generation)
    assert request.matches.count() == 1  # run twice: same rows, no duplicates


def test_decline_passes_to_next_and_accept_shows_contact(
    coordinator, django_capture_on_commit_callbacks
):
    first = ExpertFactory(capacity=3)
    second = ExpertFactory(capacity=3, tool_types=[])
    request = _filed(django_capture_on_commit_callbacks)
    matches = list(request.matches.order_by("position"))
    assert [m.expert for m in matches] == [first, second]
    with django_capture_on_commit_callbacks(execute=True):
        services.request_propose(request=request, order=[matches[0].pk], by=coordinator)
    offer = Match.objects.get(pk=matches[0].pk)
    assert offer.state == MatchState.OFFERED
    assert any(first.email in m.to for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline(match=services.offer_from_token(services.offer_token(offer)))
    nxt = Match.objects.get(pk=matches[1].pk)
    assert nxt.state == MatchState.OFFERED
    with pytest.raises(services.OfferLinkError) as used:
        services.offer_from_token(services.offer_token(offer))
    assert used.value.kind == "used"
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_accept(match=nxt)
    request.refresh_from_db()
    second.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert second.active_assignments == 1
    services.request_close(request=request, by=request.requester)
    second.refresh_from_db()
    assert second.active_assignments == 0


def test_tampered_and_expired_links(coordinator, django_capture_on_commit_callbacks, monkeypatch):
    ExpertFactory()
    request = _filed(django_capture_on_commit_callbacks)
    services.request_propose(request=request, order=[], by=coordinator)
    offer = request.matches.get(state=MatchState.OFFERED)
    token = services.offer_token(offer)
    with pytest.raises(services.OfferLinkError) as bad:
        services.offer_from_token(token[:-2] + "xx")
    assert bad.value.kind == "tampered"
    later = (timezone.now() + timedelta(days=services.OFFER_DAYS, minutes=1)).timestamp()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(services.OfferLinkError) as expired:
        services.offer_from_token(token)
    assert expired.value.kind == "expired"


def test_unanswered_offers_lapse_to_the_next(coordinator, django_capture_on_commit_callbacks):
    ExpertFactory()
    ExpertFactory(tool_types=[])
    request = _filed(django_capture_on_commit_callbacks)
    services.request_propose(request=request, order=[], by=coordinator)
    later = timezone.now() + timedelta(days=services.OFFER_DAYS, minutes=1)
    assert services.offers_lapse(now=later) == 1
    states = list(request.matches.order_by("position").values_list("state", flat=True))
    assert states == [MatchState.LAPSED, MatchState.OFFERED]


def test_requests_expire_after_their_deadline(django_capture_on_commit_callbacks):
    request = RequestFactory(deadline=timezone.localdate() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_expire() == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED
    with pytest.raises(ValidationError):
        services.request_submit(request=request, by=request.requester)


def test_erase_keeps_an_anonymised_trace(coordinator, django_capture_on_commit_callbacks):
    expert = ExpertFactory()
    request = _filed(django_capture_on_commit_callbacks)
    services.request_propose(request=request, order=[], by=coordinator)
    services.offer_accept(match=request.matches.get(state=MatchState.OFFERED))
    services.expert_erase(expert=expert, by=expert.user)
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.ERASED
    assert (expert.name, expert.email, expert.user, expert.bio) == ("", "", None, "")
    assert request.matches.get().state == MatchState.ACCEPTED
    assert "Erased expert" in str(expert)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_accepts_respect_capacity(coordinator):
    expert = ExpertFactory(capacity=1)
    requests = [RequestFactory() for _ in range(2)]
    offers = []
    for request in requests:
        services.request_submit(request=request, by=request.requester)
        services.match_compute(request_id=request.pk, generation=1)
        services.request_propose(request=request, order=[], by=coordinator)
        offers.append(request.matches.get(state=MatchState.OFFERED))
    results = []

    def accept(match):
        try:
            services.offer_accept(match=match)
            results.append("ok")
        except ValidationError:
            results.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(m,)) for m in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expert.refresh_from_db()
    assert sorted(results) == ["full", "ok"]
    assert expert.active_assignments == 1


def test_a_partner_admin_proposes_a_colleague_who_consents(alice, bob, org, coordinator):
    with pytest.raises(PermissionDenied):
        services.expert_propose(organisation=org, email="x@example.org", data=PROFILE, by=bob)
    colleague = UserFactory(email="colleague@example.org")
    expert = services.expert_propose(
        organisation=org, email="colleague@example.org", data=PROFILE, by=alice
    )
    assert expert.user == colleague and expert.consent_at is None
    with pytest.raises(ValidationError):
        services.expert_validate(expert=expert, by=coordinator)  # no consent yet
    services.expert_consent(expert=expert, by=colleague)
    services.expert_validate(expert=expert, by=coordinator)
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.VALIDATED


def test_editing_an_open_request_matches_again(django_capture_on_commit_callbacks):
    ExpertFactory(tool_types=["funding"])
    other = ExpertFactory(tool_types=["branding"], growth_forces=[], beneficiaries=[])
    request = _filed(django_capture_on_commit_callbacks)
    first_generation = request.match_generation
    with django_capture_on_commit_callbacks(execute=True):
        services.request_update(
            request=request, data={"tool_types": ["branding"]}, by=request.requester
        )
    request.refresh_from_db()
    assert request.match_generation == first_generation + 1
    assert other.pk in set(request.matches.values_list("expert_id", flat=True))
