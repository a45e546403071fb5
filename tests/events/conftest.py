"""Event fixtures: ``event`` is a published workshop of ``org`` (alice's, bob's and
editor's organisation) with 10 places, in two weeks, in Heidelberg's time zone."""

import datetime

import factory
import pytest
from django.utils import timezone as dj_timezone
from factory.django import DjangoModelFactory

from events.models import Event, EventKind, Registration, RegistrationStatus, Status
from tests.api.conftest import api_client, key_for  # noqa: F401  (API fixtures, shared)
from tests.factories import OrganisationFactory


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    host = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Partnering workshop {n}")
    slug = factory.Sequence(lambda n: f"partnering-workshop-{n}")
    summary = "Cluster managers meet to compare incubation programmes."
    kind = EventKind.WORKSHOP
    topics = factory.List(["incubator"])
    language = "en"
    starts_at = factory.LazyFunction(lambda: dj_timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    timezone = "Europe/Berlin"
    venue_name = "Technologiepark"
    venue_address = "Im Neuenheimer Feld 582, 69120 Heidelberg"
    city = "Heidelberg"
    country = "DE"
    capacity = 10
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(dj_timezone.now)

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Guest {n}")
    email = factory.Sequence(lambda n: f"guest{n}@example.com")
    status = RegistrationStatus.CONFIRMED


@pytest.fixture
def event(org):
    return EventFactory(host=org)


@pytest.fixture
def draft_event(org):
    return EventFactory(host=org, draft=True)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call a service and run what it queued on commit (e-mails, tasks), as in production."""

    def call(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return call
