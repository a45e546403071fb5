"""Forms of the cluster pages. Their fields derive from ``clusters.fields`` (profile)
and ``clusters.diagnosis.QUESTIONS`` (self-assessment); the checks themselves live in
the services and the diagnosis, so the HTML, the API and the CSV import agree."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusters import diagnosis
from clusters.fields import PROFILE
from clusters.models import Cluster, IndicatorDefinition
from clusters.services import clean_indicator_value
from netbioclue.registry import Kind
from netbioclue.text import validate_text
from netbioclue.vocabulary import PolicyAudience, Stage

COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}


def _profile_field(spec) -> forms.Field:
    common = {"label": spec.label, "help_text": spec.help_text, "required": spec.required}
    if spec.kind == Kind.CHOICE:
        return forms.ChoiceField(choices=spec.vocabulary.choices, **common)
    if spec.kind == Kind.URL:
        return forms.URLField(max_length=spec.max_length, assume_scheme="https", **common)
    if spec.kind == Kind.DECIMAL:
        limit = COORDINATE_LIMITS[spec.name]
        return forms.DecimalField(
            min_value=-limit, max_value=limit, max_digits=8, decimal_places=5, **common
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=spec.max_length,
        validators=[validate_text],
        **common,
    )


class ProfileForm(forms.Form):
    """The editable profile fields of ``clusters.fields.PROFILE``."""

    # The version the editor started from (``services.profile_version``): optimistic
    # locking against two editors overwriting each other.
    base = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in PROFILE:
            if spec.editable:
                self.fields[spec.name] = _profile_field(spec)


class IndicatorValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=IndicatorDefinition.objects.order_by("position")
    )
    year = forms.CharField(label=_("Year"), max_length=10)
    value = forms.CharField(label=_("Value"), max_length=40)
    source = forms.CharField(label=_("Source"), max_length=300)
    recorded_on = forms.CharField(label=_("Recorded on"), max_length=20, help_text=_("YYYY-MM-DD"))

    def clean(self):
        data = super().clean()
        indicator = data.get("indicator")
        if indicator is None:
            return data
        try:
            self.clean_value = clean_indicator_value(
                indicator=indicator,
                year=self.data.get("year"),
                value=self.data.get("value"),
                source=self.data.get("source"),
                recorded_on=self.data.get("recorded_on"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    if field in self.fields and field not in self._errors:
                        self.add_error(field, message)
        return data


class SelfAssessmentForm(forms.Form):
    """The questions of ``clusters.diagnosis.QUESTIONS``; ``clean`` runs the diagnosis's
    own checks so the form, the API and saved assessments refuse the same answers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in diagnosis.QUESTIONS:
            if question.choices:
                self.fields[question.key] = forms.ChoiceField(
                    label=question.label,
                    choices=[("", "—"), *((c.value, c.label) for c in question.choices)],
                    required=False,
                )
            else:
                unit = f" ({question.unit})" if question.unit else ""
                self.fields[question.key] = forms.CharField(
                    label=f"{question.label}{unit}",
                    required=False,
                    max_length=40,
                    help_text=question.help_text,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )

    def clean(self):
        super().clean()
        try:
            self.answers = diagnosis.clean_answers(self.data)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                self.add_error(key, messages)
        return self.cleaned_data

    def groups(self) -> list[tuple[str, list]]:
        """The fields grouped by growth force, for fieldsets."""
        groups: dict[str, list] = {}
        labels = {force.value: force.label for force in diagnosis.FORCES}
        for question in diagnosis.QUESTIONS:
            label = labels.get(question.force, _("The cluster"))
            groups.setdefault(str(label), []).append(self[question.key])
        return list(groups.items())


class AttachAssessmentForm(forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.none())
    assessed_on = forms.DateField(label=_("Date of the assessment"), help_text=_("YYYY-MM-DD"))

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["assessed_on"].initial = timezone.localdate()

    def clean_assessed_on(self):
        value: datetime.date = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return value


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, validators=[validate_text]
    )


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_text])
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    audience = forms.ChoiceField(label=_("Audience"), choices=PolicyAudience.choices)
    rationale = forms.CharField(
        label=_("Rationale"), max_length=4000, widget=forms.Textarea, validators=[validate_text]
    )
    practices = forms.CharField(
        label=_("Practices behind it"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Addresses or slugs of published practices, one per line."),
    )

    def clean_practices(self) -> list[str]:
        lines = [line.strip().rstrip("/") for line in self.cleaned_data["practices"].splitlines()]
        return [line.rsplit("/", 1)[-1] for line in lines if line][:20]


class RecommendationFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All")), *Stage.choices], required=False
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=[("", _("All")), *PolicyAudience.choices], required=False
    )
