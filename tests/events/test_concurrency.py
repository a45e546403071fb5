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


# ---- Beat tasks run by several workers at once ---------------------------------------------


def _registered(event, n, status=RegistrationStatus.CONFIRMED, first_position=1, **kwargs):
    """``n`` registrations; on the waiting list (or offered) from ``first_position``."""
    from tests.events.conftest import RegistrationFactory

    queued = status in (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)
    return [
        RegistrationFactory(
            event=event,
            status=status,
            email=f"{status}-{first_position + i}@example.org",
            waitlist_position=first_position + i if queued else None,
            **kwargs,
        )
        for i in range(n)
    ]


@pytest.mark.django_db(transaction=True)
def test_reminder_runs_in_parallel_send_each_reminder_once(mailoutbox):
    import datetime

    from django.utils import timezone

    from events import tasks
    from events.models import ReminderSent
    from tests.concurrency import in_parallel

    event = EventFactory(
        host=OrganisationFactory(),
        starts_at=timezone.now() + datetime.timedelta(hours=20),
        ends_at=timezone.now() + datetime.timedelta(hours=23),
    )
    people = _registered(event, 6)
    _registered(event, 2, status=RegistrationStatus.WAITLISTED)

    # Eight workers pick up the same beat tick (acks_late, a redelivery, two beats...).
    sent = in_parallel(lambda _i: tasks.send_reminders(), 8)

    assert sum(sent) == len(people)
    assert ReminderSent.objects.filter(registration__event=event).count() == len(people)
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted(p.email for p in people)  # each confirmed person, once
    # And a later run sends nothing more.
    assert tasks.send_reminders() == 0


@pytest.mark.django_db(transaction=True)
def test_parallel_promotion_runs_lapse_each_offer_and_offer_each_place_once(mailoutbox):
    import datetime

    from django.utils import timezone

    from events import tasks
    from tests.concurrency import in_parallel

    event = EventFactory(host=OrganisationFactory(), capacity=3)
    expired = _registered(
        event, 3, status=RegistrationStatus.OFFERED,
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )  # fmt: skip
    waiting = _registered(event, 6, status=RegistrationStatus.WAITLISTED, first_position=4)

    offered = in_parallel(lambda _i: tasks.promote_waitlists(), 6)

    assert sum(offered) == 3
    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert all(statuses[r.pk] == RegistrationStatus.CANCELLED for r in expired)
    assert [statuses[r.pk] for r in waiting] == [RegistrationStatus.OFFERED] * 3 + [
        RegistrationStatus.WAITLISTED
    ] * 3
    # One e-mail each: "your offer lapsed" to the three, "a place for you" to the next three.
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([r.email for r in expired] + [r.email for r in waiting[:3]])


@pytest.mark.django_db(transaction=True)
def test_parallel_cancellations_and_acceptances_never_exceed_capacity():
    """People cancel while others accept their offers: the places stay within capacity and
    every freed place goes to the next in line."""
    from tests.concurrency import in_parallel

    event = EventFactory(host=OrganisationFactory(), capacity=4)
    registrations = [
        services.registration_create(event=event, user=u, name="x", email="")
        for u in (UserFactory(verified=False) for _ in range(12))
    ]
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    services.registration_cancel(registration=confirmed[0])
    (offer,) = Registration.objects.filter(event=event, status=RegistrationStatus.OFFERED)

    def act(index):
        if index == 0:
            return services.registration_accept_offer(registration=offer)
        return services.registration_cancel(registration=confirmed[index])

    in_parallel(act, 3)

    rows = Registration.objects.filter(event=event)
    taken = rows.filter(
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
    ).count()
    assert taken == 4
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 2  # 1 kept + 1 accepted
    offered = sorted(
        rows.filter(status=RegistrationStatus.OFFERED).values_list("waitlist_position", flat=True)
    )
    assert offered == [2, 3]  # the next two in line, once each
