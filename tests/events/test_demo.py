import pytest
from django.core.management import call_command

from events.models import Event, EventKind, Follow, RegistrationStatus, Status

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_kind_past_and_upcoming_full_cancelled_and_follows(capsys):
    call_command("seed_demo", verbosity=0)
    events = Event.objects.all()
    assert {e.kind for e in events} == set(EventKind.values)
    assert any(e.is_past and e.outcome_practices.exists() for e in events)
    assert any(not e.is_past for e in events)
    assert len({e.timezone for e in events}) >= 5 and len({e.language for e in events}) >= 5
    assert events.filter(status=Status.CANCELLED).exists()
    full = [
        e for e in events
        if e.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()
    ]  # fmt: skip
    assert full
    for event in full:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        assert confirmed == event.capacity
    assert Follow.objects.count() >= 5
    capsys.readouterr()
    call_command("send_digests", "--dry-run")
    out = capsys.readouterr().out
    assert "would receive a digest" in out
    # The open demo requests reach those who may see them, and nobody else.
    assert "request for expertise: Study visit on shared laboratories" in out
    assert "request for expertise: Technology transfer office set-up in Brno" in out
    assert out.count("request for expertise:") == 2
