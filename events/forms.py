"""Forms of events, derived from the field registry (``events.fields``).

Times are typed in the event's own time zone (what an organiser reads on the venue's
clock) and converted to UTC here. At a daylight-saving change a wall-clock time may
not exist (spring forward) or exist twice (fall back): the first is refused with a
message, the second is read as the first occurrence (``fold=0``), which is what
calendars do.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from clusters.models import Cluster
from events.fields import EVENT_FIELDS, REGISTRATION_FIELDS
from events.models import Event, timezone_names
from netbioclue.registry import FieldSpec, Kind
from netbioclue.text import validate_text, validate_text_list
from organisations.models import Organisation

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class WallClockField(forms.DateTimeField):
    """A date and time as typed, without the site's zone: ``EventForm.clean`` reads it
    in the event's own zone (Django would read it in the site's, and refuse times that
    do not exist *there*)."""

    def to_python(self, value):
        with timezone.override(datetime.UTC):  # UTC has no gaps or repeats
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result is not None else None


def _field(spec: FieldSpec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
    if spec.kind in (Kind.SHORT_TEXT, Kind.TEXT):
        widget = forms.Textarea(attrs={"rows": 6}) if spec.kind == Kind.TEXT else None
        return forms.CharField(
            max_length=spec.max_length, widget=widget, validators=[validate_text], **common
        )
    if spec.kind == Kind.CHOICE:
        return forms.ChoiceField(
            choices=[("", "—"), *spec.vocabulary.choices]
            if not spec.required
            else spec.vocabulary.choices,
            **common,
        )
    if spec.kind == Kind.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            choices=spec.vocabulary.choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if spec.kind == Kind.DATETIME:
        return WallClockField(
            input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            **common,
        )
    if spec.kind == Kind.BOOLEAN:
        return forms.BooleanField(**{**common, "required": False})
    if spec.kind == Kind.COUNTRY:
        return LazyTypedChoiceField(choices=[("", "—"), *countries], **common)
    if spec.kind == Kind.DECIMAL:
        return forms.DecimalField(max_digits=8, decimal_places=5, **common)
    if spec.kind == Kind.URL:
        return forms.URLField(max_length=spec.max_length, validators=[validate_text], **common)
    if spec.kind == Kind.INTEGER:
        return forms.IntegerField(min_value=1, max_value=100000, **common)
    if spec.kind == Kind.EMAIL:
        return forms.EmailField(validators=[validate_text], **common)
    if spec.kind == Kind.TEXT_LIST:
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_text], **common
        )
    raise ValueError(spec.kind)


class EventForm(forms.Form):
    """Create or edit an event; ``cleaned_data`` is what ``event_create``/``update`` take."""

    def __init__(self, *args, event: Event | None = None, **kwargs) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(event)
        super().__init__(*args, **kwargs)
        for spec in EVENT_FIELDS:
            if spec.kind == Kind.FOREIGN_KEY:
                continue
            self.fields[spec.name] = _field(spec)
        self.fields["timezone"] = forms.ChoiceField(
            label=EVENT_FIELDS["timezone"].label,
            choices=[(name, name) for name in sorted(timezone_names())],
            initial="Europe/Brussels",
            help_text=_("Times above are read in this zone."),
        )
        self.fields["language"].initial = "en"
        self.fields["cluster"] = forms.ModelChoiceField(
            Cluster.objects.order_by("name"), required=False, label=EVENT_FIELDS["cluster"].label
        )
        self.fields["co_hosts"] = forms.ModelMultipleChoiceField(
            Organisation.objects.network_partners().order_by("name"),
            required=False,
            label=EVENT_FIELDS["co_hosts"].label,
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in (self.cleaned_data.get("questions") or "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > 10:
            raise forms.ValidationError(_("Ask at most ten questions."))
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("Keep each question under 200 characters."))
        validate_text_list(lines)
        return lines

    def clean(self):
        data = super().clean()
        name = data.get("timezone")
        if not name:
            return data
        zone = zoneinfo.ZoneInfo(name)
        for field in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            value = data.get(field)
            if value is None:
                continue
            try:
                data[field] = localise(value, zone)
            except NonexistentTime:
                self.add_error(
                    field,
                    _("This time does not exist in %(zone)s (the clocks go forward then).")
                    % {"zone": name},
                )
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The event must end after it starts."))
        if data.get("is_online") and not data.get("online_url"):
            self.add_error("online_url", _("An online event needs its link."))
        return data


class NonexistentTime(ValueError):
    pass


def localise(naive: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """Wall-clock time in ``zone`` -> aware UTC; refuse times skipped by a DST change."""
    aware = naive.replace(tzinfo=zone, fold=0)
    roundtrip = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if roundtrip != naive:
        raise NonexistentTime(naive)
    return aware.astimezone(datetime.UTC)


def initial_for(event: Event) -> dict:
    zone = event.tzinfo
    initial = {}
    for spec in EVENT_FIELDS:
        if spec.kind == Kind.FOREIGN_KEY:
            continue
        value = getattr(event, spec.name)
        if isinstance(value, datetime.datetime):
            value = value.astimezone(zone).replace(tzinfo=None)
        if spec.kind == Kind.TEXT_LIST:
            value = "\n".join(value)
        if spec.kind == Kind.COUNTRY:
            value = value.code if value else ""
        initial[spec.name] = value
    initial["cluster"] = event.cluster_id
    initial["co_hosts"] = [o.pk for o in event.co_hosts.all()] if event.pk else []
    return initial


class HostForm(forms.Form):
    """Which of the person's organisations hosts a new event."""

    host = forms.ModelChoiceField(Organisation.objects.none(), label=_("Host organisation"))

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = organisations
        if len(organisations) == 1:  # the usual case: preselect the person's organisation
            self.fields["host"].initial = organisations[0].pk


class RegistrationForm(forms.Form):
    def __init__(self, *args, event: Event, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for spec in REGISTRATION_FIELDS:
            self.fields[spec.name] = _field(spec)
        self.fields["consent_to_share"].label = _(
            "Share my name and organisation with the other participants"
        )
        if user is not None and user.is_authenticated:
            del self.fields["email"]
            self.fields["name"].initial = user.full_name
        for index, question in enumerate(event.questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, required=False, max_length=2000, validators=[validate_text]
            )
        self.event = event

    def answers(self) -> list[str]:
        return [
            self.cleaned_data.get(f"answer_{index}", "")
            for index in range(len(self.event.questions))
        ]


class OutcomeForm(forms.Form):
    outcome_note = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20000,
        validators=[validate_text],
    )
    outcome_links = forms.CharField(
        label=_("Links (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=[validate_text],
    )
    outcome_practices = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Practices it produced")
    )

    def __init__(self, *args, **kwargs) -> None:
        from practices.models import Practice

        super().__init__(*args, **kwargs)
        self.fields["outcome_practices"].queryset = Practice.objects.published().order_by("title")

    def clean_outcome_links(self) -> list[str]:
        links = [
            line.strip() for line in self.cleaned_data["outcome_links"].splitlines() if line.strip()
        ]
        validator = forms.URLField().clean
        return [validator(link) for link in links]


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[validate_text])
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        validators=[validate_text],
    )
