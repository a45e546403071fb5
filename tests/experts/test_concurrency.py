"""What is counted under concurrency, tested with overlapping transactions
(``tests.concurrency.in_parallel``): capacity against parallel accepts, one reminder and
one lapse per offer however many runs overlap."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from experts import services
from experts.models import ExpertProfile, Match, MatchState
from tests.concurrency import in_parallel
from tests.experts.factories import ExpertFactory, RequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _offers(coordinator, count, **expert):
    """``count`` requests, each with one open offer to the same expert."""
    target = ExpertFactory(**expert)
    offers = []
    for _ in range(count):
        request = RequestFactory()
        services.request_submit(request=request, by=request.requester)
        services.match_compute(request_id=request.pk, generation=1)
        services.request_propose(request=request, order=[], by=coordinator)
        offers.append(request.matches.get(state=MatchState.OFFERED))
    assert {o.expert_id for o in offers} == {target.pk}
    return target, offers


@pytest.mark.parametrize(("capacity", "accepts"), [(1, 3), (2, 4)])
def test_parallel_accepts_never_exceed_capacity(coordinator, capacity, accepts):
    expert, offers = _offers(coordinator, accepts, capacity=capacity)

    def accept(index):
        try:
            services.offer_accept(match=offers[index])
        except ValidationError:
            return "full"
        return "ok"

    results = in_parallel(accept, accepts)
    assert results.count("ok") == capacity
    expert.refresh_from_db()
    assert expert.active_assignments == capacity
    assert Match.objects.filter(state=MatchState.ACCEPTED).count() == capacity


def test_parallel_reminder_runs_remind_each_offer_once(coordinator):
    expert, _offers_made = _offers(coordinator, 3, capacity=5)
    mail.outbox.clear()
    later = timezone.now() + datetime.timedelta(days=services.REMIND_AFTER_DAYS, hours=1)
    reminded = in_parallel(lambda _i: services.offers_remind(now=later), 4)
    assert sum(reminded) == 3
    assert Match.objects.filter(reminded_at__isnull=False).count() == 3
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert sorted(m.to[0] for m in reminders) == [expert.email] * 3
    # A later run reminds nobody again.
    assert services.offers_remind(now=later + datetime.timedelta(hours=1)) == 0


def test_no_reminder_before_the_delay_or_after_expiry(coordinator):
    _expert, offers = _offers(coordinator, 1)
    assert services.offers_remind(now=timezone.now()) == 0
    expired = offers[0].offer_expires_at + datetime.timedelta(minutes=1)
    assert services.offers_remind(now=expired) == 0


def test_parallel_lapse_runs_lapse_each_offer_once(coordinator):
    expert, _offers_made = _offers(coordinator, 3, capacity=5)
    later = timezone.now() + datetime.timedelta(days=services.OFFER_DAYS, hours=1)
    lapsed = in_parallel(lambda _i: services.offers_lapse(now=later), 4)
    assert sum(lapsed) == 3
    assert Match.objects.filter(state=MatchState.LAPSED).count() == 3
    assert ExpertProfile.objects.get(pk=expert.pk).active_assignments == 0
