"""The selector the weekly digest reads: open requests naming a followed topic, within
what the reader may see."""

import datetime

import pytest
from django.utils import timezone

from experts.models import RequestStatus
from experts.selectors import open_requests_for_topics
from tests.experts.factories import RequestFactory

pytestmark = pytest.mark.django_db


def test_open_requests_for_followed_topics(org, bob, charlie, coordinator):
    funding = RequestFactory(requester=bob, organisation=org, status=RequestStatus.OPEN,
                             tool_types=["funding"], stage="mature")  # fmt: skip
    startups = RequestFactory(requester=bob, organisation=org, status=RequestStatus.MATCHING,
                              tool_types=["talent"], beneficiaries=["startups"])  # fmt: skip
    RequestFactory(requester=bob, organisation=org, status=RequestStatus.CLOSED,
                   tool_types=["funding"])  # fmt: skip
    RequestFactory(requester=bob, organisation=org, status=RequestStatus.DRAFT,
                   tool_types=["funding"])  # fmt: skip
    follows = [("tool_type", "funding"), ("beneficiary", "startups"), ("genesis", "x")]
    assert list(open_requests_for_topics(user=bob, topics=follows)) == [startups, funding]
    assert list(open_requests_for_topics(user=bob, topics=[("stage", "mature")])) == [funding]
    assert not open_requests_for_topics(user=bob, topics=[("genesis", "top-down")]).exists()
    # Another organisation's member does not see them; the coordinator does.
    assert not open_requests_for_topics(user=charlie, topics=follows).exists()
    assert open_requests_for_topics(user=coordinator, topics=follows).count() == 2
    # Only those created since the last digest.
    later = timezone.now() + datetime.timedelta(minutes=1)
    assert not open_requests_for_topics(user=bob, topics=follows, since=later).exists()
