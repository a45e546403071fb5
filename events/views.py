"""HTML pages of events: the public calendar, an event, registration, organisers' tools.

Views stay thin: they read through ``events.selectors``, ask ``events.policy`` and
write through ``events.services``. Anything a service refuses (``ValidationError``)
becomes a page that says why, with what was typed still in the form; a draft or
someone else's organiser page is a 404 for outsiders.

Moderation rule, shown on the calendar page too: events are not moderated; host
editors publish their organisation's events (``events.policy``).
"""

from __future__ import annotations

import calendar as pycalendar
import csv
import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import calendars, feedcache, policy, selectors, services, tokens
from events.filters import EventFilter
from events.forms import EventForm, HostForm, MessageForm, OutcomeForm, RegistrationForm
from events.models import Event, RegistrationStatus, Status
from netbioclue import confirm
from netbioclue.pagination import paginate
from netbioclue.text import parse_whole_number
from organisations.models import Organisation


def _first_error(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _filtered(request) -> tuple[EventFilter, bool]:
    filterset = selectors.calendar_filter(request.GET)
    return filterset, filterset.is_valid()


# ---- Public calendar -----------------------------------------------------------------------


@require_GET
def index(request):
    filterset, valid = _filtered(request)
    events = list(selectors.upcoming(filterset)[: selectors.LIST_SIZE]) if valid else []
    today = timezone.localdate()
    return render(
        request,
        "events/index.html",
        {
            "filterset": filterset,
            "events": events,
            "valid": valid,
            "query": request.GET.urlencode(),
            "this_month": (today.year, today.month),
            "moderated": policy_moderated(),
            "can_create": bool(policy.editable_organisation_ids(request.user)),
        },
        status=200 if valid else 400,
    )


def policy_moderated() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "EVENTS_MODERATED", False))


@require_GET
def month(request, year: int, month: int):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    filterset, valid = _filtered(request)
    events = list(selectors.in_month(filterset, year, month)) if valid else []
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    by_day: dict[datetime.date, list[Event]] = {}
    # Events starting on a day beyond the PER_DAY shown: "N more" links to the day.
    more: dict[datetime.date, int] = {}
    zone = timezone.get_current_timezone()
    for event in events:
        day = event.starts_at.astimezone(zone).date()
        more[day] = max(event.day_total - selectors.PER_DAY, 0)
        last = event.ends_at.astimezone(zone).date()
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return render(
        request,
        "events/month.html",
        {
            "filterset": filterset,
            "valid": valid,
            "first": first,
            "previous": previous,
            "following": following,
            "weeks": [
                [
                    (day, _day_links(by_day.get(day, [])), day.month == month, more.get(day, 0))
                    for day in w
                ]
                for w in weeks
            ],
            "events": events,
            "query": request.GET.urlencode(),
            "this_month": (year, month),
        },
        status=200 if valid else 400,
    )


def _day_links(events: list[Event]) -> str:
    """A day cell's links, assembled here (escaped): ~150 events a month rendered node
    by node in the template cost more than the month's SQL."""
    return format_html_join(
        "",
        '<br><a href="{}">{}</a>',
        (
            (
                event.get_absolute_url(),
                format_html("<s>{}</s>", title) if event.is_cancelled else title,
            )
            for event in events
            for title in [Truncator(event.title).chars(40)]
        ),
    )


@require_GET
def day(request, year: int, month: int, day: int):
    """Every event of one day (the month view shows a few per day), page by page."""
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    filterset, valid = _filtered(request)
    page = paginate(request, selectors.on_day(filterset, date) if valid else [], per_page=50)
    return render(
        request,
        "events/day.html",
        {
            "filterset": filterset,
            "valid": valid,
            "date": date,
            "page": page,
            "events": list(page.object_list),
            "query": _without_page(request),
            "this_month": (year, month),
        },
        status=200 if valid else 400,
    )


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def archive(request):
    filterset, valid = _filtered(request)
    events = list(selectors.past(filterset)[: selectors.LIST_SIZE]) if valid else []
    return render(
        request,
        "events/archive.html",
        {
            "filterset": filterset,
            "events": events,
            "valid": valid,
            "query": request.GET.urlencode(),
            "this_month": _this_month(),
        },
        status=200 if valid else 400,
    )


def _this_month() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month


@require_GET
def detail(request, slug: str):
    event = selectors.event_for(request.user, slug)
    registration = selectors.registration_of(request.user, event)
    manages = policy.can_manage_registrations(request.user, event)
    context = {
        "event": event,
        "registration": registration,
        "places": selectors.places(event),
        "show_venue": policy.can_see_venue(request.user, event, registration),
        "manages": manages,
        "can_edit": policy.can_edit(request.user, event),
        "can_publish": event.status == Status.DRAFT and policy.can_publish(request.user, event),
        "can_cancel": event.status != Status.CANCELLED and policy.can_cancel(request.user, event),
        "registration_open": event.registration_open(),
        "co_participants": (
            list(selectors.co_participants(event))
            if policy.can_see_co_participants(registration)
            else None
        ),
        "outcome_practices": list(event.outcome_practices.all()) if event.is_past else [],
        "moderated": policy_moderated(),
    }
    return render(request, "events/detail.html", context)


# ---- Calendars and feeds -------------------------------------------------------------------


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def ics(request, slug: str):
    event = selectors.event_for(request.user, slug)
    return _ics_response(calendars.calendar_bytes([event], name=event.title), f"{event.slug}.ics")


FEED_SIZE = 500


@require_GET
def feed_ics(request):
    """Subscribable calendar of the public events, filtered like the calendar page."""
    filterset, valid = _filtered(request)
    if not valid:
        return HttpResponse(
            _("Unknown filter value: %(errors)s")
            % {"errors": "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    since = timezone.now() - datetime.timedelta(days=90)
    window = filterset.qs.ending_after(since).order_by("starts_at", "id")[:FEED_SIZE]
    body = feedcache.cached(
        request,
        window,
        lambda: calendars.calendar_bytes(
            selectors.with_related(window), name=_("NETBIOCLUE events")
        ),
    )
    return _ics_response(body, "netbioclue-events.ics")


# ---- Organisers: create, edit, publish, cancel, outcome ------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    organisations = Organisation.objects.filter(
        pk__in=policy.editable_organisation_ids(request.user)
    ).order_by("name")
    if not organisations and not policy.permissions.is_coordinator(request.user):
        raise Http404
    if policy.permissions.is_coordinator(request.user):
        organisations = Organisation.objects.order_by("name")
    host_form = HostForm(request.POST or None, organisations=organisations)
    form = EventForm(request.POST or None)
    if request.method == "POST" and host_form.is_valid() and form.is_valid():
        try:
            event = services.event_create(
                host=host_form.cleaned_data["host"], by=request.user, data=form.cleaned_data
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Draft saved. Publish it when it is ready."))
            return redirect(event)
    return render(
        request,
        "events/form.html",
        {"form": form, "host_form": host_form, "event": None},
        status=400 if request.method == "POST" else 200,
    )


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _managed_event(request, slug: str, check) -> Event:
    event = selectors.event_for(request.user, slug)
    if not check(request.user, event):
        raise Http404  # outsiders learn nothing
    return event


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug: str):
    event = _managed_event(request, slug, policy.can_edit)
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, by=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Event saved."))
            return redirect(event)
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def publish(request, slug: str):
    event = _managed_event(request, slug, policy.can_edit)
    if page := confirm.ask(
        request,
        title=_("Publish “%(title)s”?") % {"title": event.title},
        consequence=_(
            "The event appears in the public calendar and its feeds, and its followers are told."
        ),
        confirm_label=_("Yes, publish the event"),
        cancel_url=event.get_absolute_url(),
        irreversible=False,
    ):
        return page
    try:
        services.event_publish(event=event, by=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, _first_error(exc))
    else:
        messages.success(request, _("The event is published."))
    return redirect(event)


@login_required
@require_POST
def cancel(request, slug: str):
    event = _managed_event(request, slug, policy.can_cancel)
    if page := confirm.ask(
        request,
        title=_("Cancel “%(title)s”?") % {"title": event.title},
        consequence=_(
            "The event is marked cancelled in the calendar and every registrant is told by e-mail."
        ),
        confirm_label=_("Yes, cancel the event"),
        cancel_url=event.get_absolute_url(),
    ):
        return page
    try:
        services.event_cancel(
            event=event, by=request.user, reason=request.POST.get("reason", "")[:2000]
        )
    except ValidationError as exc:
        messages.error(request, _first_error(exc))
    else:
        messages.success(request, _("The event is cancelled; registrants are told by e-mail."))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request, slug: str):
    event = _managed_event(request, slug, policy.can_manage_registrations)
    form = OutcomeForm(
        request.POST or None,
        initial={
            "outcome_note": event.outcome_note,
            "outcome_links": "\n".join(event.outcome_links),
            "outcome_practices": list(event.outcome_practices.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_record_outcome(
                event=event,
                by=request.user,
                note=form.cleaned_data["outcome_note"],
                links=form.cleaned_data["outcome_links"],
                practice_ids=[p.pk for p in form.cleaned_data["outcome_practices"]],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, str(getattr(exc, "messages", [exc])[0]))
        else:
            messages.success(request, _("Outcome saved."))
            return redirect(event)
    return render(
        request,
        "events/outcome.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


# ---- Registration --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def register(request, slug: str):
    event = selectors.event_for(request.user, slug)
    existing = selectors.registration_of(request.user, event)
    if existing is not None:
        return redirect(event)
    form = RegistrationForm(request.POST or None, event=event, user=request.user)
    problem = None
    if not event.registration_open():
        problem = _closed_reason(event)
    if request.method == "POST" and problem is None and form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                user=request.user if request.user.is_authenticated else None,
                name=form.cleaned_data["name"],
                email=form.cleaned_data.get("email", ""),
                organisation_name=form.cleaned_data["organisation_name"],
                country=form.cleaned_data["country"],
                answers=form.answers(),
                consent_to_share=form.cleaned_data["consent_to_share"],
            )
        except ValidationError as exc:
            problem = _first_error(exc)
        else:
            return render(
                request, "events/registered.html", {"event": event, "registration": registration}
            )
    status = 200
    if request.method == "POST" and (problem or not form.is_valid()):
        status = 400
    elif problem:
        status = 409 if request.method == "POST" else 200
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "problem": problem},
        status=status,
    )


def _closed_reason(event: Event) -> str:
    if event.status == Status.CANCELLED:
        return _("This event has been cancelled.")
    if event.status != Status.PUBLISHED:
        return _("This event is not open for registration.")
    if event.registration_opens_at and timezone.now() < event.registration_opens_at:
        return _("Registration has not opened yet.")
    return _("Registration for this event has closed.")


def _token_page(request, token: str, purpose: str):
    """The registration behind a link, or the page that says the link is no good."""
    try:
        return tokens.read_token(token, purpose), None
    except tokens.BadToken as exc:
        message = (
            _("This link has expired. Register again from the event's page.")
            if exc.reason == "expired"
            else _("This link is not valid. Use the link from your latest e-mail.")
        )
        return None, render(request, "events/link_problem.html", {"message": message}, status=400)


@require_GET
def registration_confirm(request, token: str):
    # Confirming an address is safe to do on GET: it is idempotent and only places the
    # person who received the e-mail.
    registration, problem = _token_page(request, token, tokens.CONFIRM)
    if problem:
        return problem
    try:
        registration = services.registration_confirm(registration=registration)
    except ValidationError as exc:
        return render(
            request, "events/link_problem.html", {"message": _first_error(exc)}, status=409
        )
    return render(
        request,
        "events/registered.html",
        {"event": registration.event, "registration": registration, "confirmed": True},
    )


@require_http_methods(["GET", "POST"])
def registration_accept(request, token: str):
    registration, problem = _token_page(request, token, tokens.ACCEPT)
    if problem:
        return problem
    if request.method == "POST":
        try:
            registration = services.registration_accept_offer(registration=registration)
        except ValidationError as exc:
            return render(
                request, "events/link_problem.html", {"message": _first_error(exc)}, status=409
            )
        return render(
            request,
            "events/registered.html",
            {"event": registration.event, "registration": registration, "confirmed": True},
        )
    return render(
        request,
        "events/registration_action.html",
        {"registration": registration, "event": registration.event, "action": "accept"},
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    # GET only asks; POST cancels (mail scanners follow links, they do not submit forms).
    registration, problem = _token_page(request, token, tokens.CANCEL)
    if problem:
        return problem
    if request.method == "POST":
        registration = services.registration_cancel(registration=registration)
        return render(
            request,
            "events/registration_action.html",
            {"registration": registration, "event": registration.event, "action": "cancelled"},
        )
    return render(
        request,
        "events/registration_action.html",
        {"registration": registration, "event": registration.event, "action": "cancel"},
    )


@login_required
@require_POST
def my_registration_cancel(request, slug: str):
    event = selectors.event_for(request.user, slug)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise Http404
    if page := confirm.ask(
        request,
        title=_("Cancel your registration for “%(title)s”?") % {"title": event.title},
        consequence=_(
            "Your place is given up (to the first person waiting, if any); registering again "
            "depends on places being left."
        ),
        confirm_label=_("Yes, cancel my registration"),
        cancel_url=event.get_absolute_url(),
    ):
        return page
    services.registration_cancel(registration=registration, by=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


# ---- Organisers: attendees, export, messages, check-in -------------------------------------


@login_required
@require_GET
def attendees(request, slug: str):
    event = _managed_event(request, slug, policy.can_manage_registrations)
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "registrations": list(selectors.attendees(event)),
            "places": selectors.places(event),
        },
    )


CSV_COLUMNS = (
    "name",
    "email",
    "organisation_name",
    "country",
    "status",
    "waitlist_position",
    "consent_to_share",
    "created_at",
    "checked_in_at",
)


def _csv_cell(value) -> str:
    text = "" if value is None else str(value)
    # Spreadsheet formula injection: a cell starting with = + - @ is text, not a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_GET
def attendees_csv(request, slug: str):
    event = _managed_event(request, slug, policy.can_manage_registrations)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    writer = csv.writer(response)
    writer.writerow([*CSV_COLUMNS, *event.questions])
    for registration in selectors.attendees(event).iterator(chunk_size=500):
        row = [getattr(registration, column) for column in CSV_COLUMNS]
        row[3] = registration.country.code if registration.country else ""
        answers = list(registration.answers or [])
        row += answers + [""] * (len(event.questions) - len(answers))
        writer.writerow([_csv_cell(value) for value in row])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def message(request, slug: str):
    event = _managed_event(request, slug, policy.can_manage_registrations)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.registrants_message(
                event=event,
                by=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Message sent to %(count)d people.") % {"count": count})
            return redirect("events:attendees", slug=event.slug)
    return render(
        request,
        "events/message.html",
        {"form": form, "event": event},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, slug: str):
    """Phone-friendly check-in: search by name, e-mail or organisation; one tap."""
    event = _managed_event(request, slug, policy.can_manage_registrations)
    query = request.GET.get("q", "").strip()[:100]
    if "\x00" in query:
        query = ""
    if request.method == "POST":
        registration = event.registrations.filter(pk=_int(request.POST.get("registration"))).first()
        if registration is None:
            messages.error(request, _("No such registration for this event."))
        else:
            try:
                services.checkin(registration=registration, by=request.user)
            except ValidationError as exc:
                messages.error(request, _first_error(exc))
            else:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.name}
                )
        return redirect(
            reverse("events:checkin", kwargs={"slug": event.slug}) + "?" + urlencode({"q": query})
        )
    registrations = (
        list(
            selectors.attendees(event, query=query).filter(status=RegistrationStatus.CONFIRMED)[:50]
        )
        if query
        else list(selectors.attendees(event).filter(status=RegistrationStatus.CONFIRMED)[:50])
    )
    checked_in = event.registrations.filter(checked_in_at__isnull=False).count()
    return render(
        request,
        "events/checkin.html",
        {"event": event, "registrations": registrations, "query": query, "checked_in": checked_in},
    )


def _int(value) -> int | None:
    """An identifier from a form: ASCII digits that fit a bigint, else None."""
    return parse_whole_number(value)
