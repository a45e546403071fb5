"""Capacity under real concurrency: parallel transactions, not sequential calls."""

import threading

import pytest
from django.db import close_old_connections, connection

from events import services
from events.models import Registration, RegistrationStatus
from tests.events.conftest import EventFactory
from tests.factories import OrganisationFactory, UserFactory

PARALLEL = 50
CAPACITY = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_registrations_never_exceed_ten_places():
    event = EventFactory(host=OrganisationFactory(), capacity=CAPACITY)
    users = [UserFactory(verified=False) for _ in range(PARALLEL)]
    barrier = threading.Barrier(PARALLEL)
    errors: list[BaseException] = []

    def register(user):
        try:
            barrier.wait()  # all threads start their transaction together
            services.registration_create(event=event, user=user, name=user.email, email="")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITLISTED) == PARALLEL - CAPACITY
    positions = sorted(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    )
    assert positions == list(range(1, PARALLEL - CAPACITY + 1))  # no gaps, no duplicates


@pytest.mark.django_db(transaction=True)
def test_parallel_cancellations_offer_each_freed_place_once():
    event = EventFactory(host=OrganisationFactory(), capacity=5)
    registrations = [
        services.registration_create(event=event, user=u, name="x", email="")
        for u in (UserFactory(verified=False) for _ in range(15))
    ]
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    barrier = threading.Barrier(len(confirmed))
    errors: list[BaseException] = []

    def cancel(registration):
        try:
            barrier.wait()
            services.registration_cancel(registration=registration)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert errors == []
    offered = Registration.objects.filter(event=event, status=RegistrationStatus.OFFERED)
    # The first five on the waiting list, in order, and nobody else.
    assert sorted(offered.values_list("waitlist_position", flat=True)) == [1, 2, 3, 4, 5]
