"""Forms of the experts app, built from the field registries (``experts.fields``).

``registry_fields`` turns ``FieldSpec`` rows into form fields by kind; the forms only
add what the registry cannot say (the consent box, the cluster choice, languages with
levels typed as ``en:C2; fr:B1``). Forms validate input and keep what was typed on
error; the services write.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clusters.models import Cluster
from experts.fields import EXPERT_FIELDS, REQUEST_FIELDS
from experts.models import MAX_CAPACITY, MAX_EXPERTS_WANTED, LanguageLevel
from netbioclue.registry import FieldSpec, Kind, Registry
from netbioclue.text import validate_text
from netbioclue.vocabulary import ContentLanguage
from organisations.models import Organisation


def parse_languages(text: str) -> tuple[list[str], dict[str, str]]:
    """``"en:C2; fr:B1"`` (``;`` or ``,``; level optional, B2 assumed) -> codes, levels."""
    codes: list[str] = []
    levels: dict[str, str] = {}
    for raw in text.replace(",", ";").split(";"):
        item = raw.strip()
        if not item:
            continue
        code, _sep, level = item.partition(":")
        code, level = code.strip().lower(), level.strip() or LanguageLevel.B2
        if level.lower() == "native":
            level = LanguageLevel.NATIVE
        if code not in ContentLanguage.values:
            raise ValidationError(
                _("Unknown language “%(code)s”; use codes such as en, fr, de."),
                params={"code": code},
            )
        if level not in LanguageLevel.values:
            raise ValidationError(
                _("Unknown level “%(level)s”; use B1, B2, C1, C2 or native."),
                params={"level": level},
            )
        if code not in codes:
            codes.append(code)
        levels[code] = level
    return codes, levels


def format_languages(codes, levels) -> str:
    return "; ".join(f"{code}:{levels.get(code, 'B2')}" for code in codes)


class UrlListField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value)
        urls = [line.strip() for line in text.splitlines() if line.strip()]
        validate = URLValidator()
        for url in urls:
            if len(url) > 500:
                raise ValidationError(_("A link is at most 500 characters."))
            validate(url)
        return urls

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


def formfield(spec: FieldSpec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
    match spec.kind:
        case Kind.SHORT_TEXT:
            return forms.CharField(max_length=spec.max_length, validators=[validate_text], **common)
        case Kind.TEXT:
            return forms.CharField(
                max_length=spec.max_length,
                validators=[validate_text],
                widget=forms.Textarea(attrs={"rows": 6}),
                **common,
            )
        case Kind.EMAIL:
            return forms.EmailField(max_length=spec.max_length, **common)
        case Kind.CHOICE:
            choices = [("", "—")] if not spec.required else []
            return forms.ChoiceField(choices=[*choices, *spec.vocabulary.choices], **common)
        case Kind.MULTI_CHOICE:
            return forms.MultipleChoiceField(
                choices=spec.vocabulary.choices, widget=forms.CheckboxSelectMultiple, **common
            )
        case Kind.COUNTRY:
            return forms.ChoiceField(choices=[("", "—"), *countries], **common)
        case Kind.COUNTRY_LIST:
            return forms.MultipleChoiceField(
                choices=list(countries), widget=forms.SelectMultiple(attrs={"size": 6}), **common
            )
        case Kind.INTEGER:
            return forms.IntegerField(min_value=0, **common)
        case Kind.DATE:
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        case Kind.URL_LIST:
            return UrlListField(validators=[validate_text], **common)
        case Kind.BOOLEAN:
            return forms.BooleanField(**{**common, "required": False})
    raise ValueError(f"no form field for {spec.kind}")


def registry_fields(registry: Registry, names) -> dict[str, forms.Field]:
    return {name: formfield(registry[name]) for name in names}


EXPERT_FORM_FIELDS = (
    "name",
    "headline",
    "bio",
    "organisation_name",
    "country",
    "countries",
    "growth_forces",
    "tool_types",
    "stages",
    "beneficiaries",
    "formats",
    "capacity",
    "not_available_until",
    "links",
    "visibility",
)


class ExpertForm(forms.Form):
    """The profile an expert applies with and edits."""

    languages = forms.CharField(
        label=_("Languages"),
        max_length=200,
        help_text=_("Codes with your level, e.g. “en:C2; fr:B1; it:native”."),
        validators=[validate_text],
    )
    conflicts = forms.ModelMultipleChoiceField(
        label=_("Declared conflicts of interest"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=_("Organisations you should not be matched with (employer, clients, boards)."),
    )

    def __init__(self, *args, with_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(registry_fields(EXPERT_FIELDS, EXPERT_FORM_FIELDS))
        self.fields["capacity"].max_value = MAX_CAPACITY
        self.fields["capacity"].validators.append(MaxValueValidator(MAX_CAPACITY))
        self.fields["capacity"].initial = 1
        self.order_fields([*EXPERT_FORM_FIELDS[:6], "languages", *EXPERT_FORM_FIELDS[6:]])
        if with_consent:
            from experts.services import CONSENT_TEXT

            self.fields["consent"] = forms.BooleanField(
                label=_("I agree"), required=True, help_text=CONSENT_TEXT
            )

    def clean_languages(self):
        codes, levels = parse_languages(self.cleaned_data["languages"])
        if not codes:
            raise ValidationError(_("Give at least one language."))
        self.cleaned_data["language_levels"] = levels
        return codes

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in EXPERT_FORM_FIELDS}
        data["languages"] = self.cleaned_data["languages"]
        data["language_levels"] = self.cleaned_data["language_levels"]
        if data["capacity"] is None:
            data["capacity"] = 1
        return data

    @classmethod
    def initial_for(cls, expert) -> dict:
        initial = {name: getattr(expert, name) for name in EXPERT_FORM_FIELDS}
        initial["country"] = str(expert.country or "")
        initial["languages"] = format_languages(expert.languages, expert.language_levels)
        initial["conflicts"] = list(expert.conflict_organisations.all())
        return initial


class ProposeForm(ExpertForm):
    """A partner admin proposes a colleague: the profile, the colleague's e-mail address
    (where the invitation to consent goes) and the organisation proposing them."""

    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        max_length=254,
        help_text=_("They receive an e-mail and agree on the portal before the coordinator "
                    "validates the profile."),
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label=_("Proposed by"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.order_fields(["organisation", "email", "name"])


class ConsentForm(forms.Form):
    def __init__(self, *args, **kwargs):
        from experts.services import CONSENT_TEXT

        super().__init__(*args, **kwargs)
        self.fields["consent"] = forms.BooleanField(
            label=_("I agree"), required=True, help_text=CONSENT_TEXT
        )


REQUEST_FORM_FIELDS = tuple(name for name in REQUEST_FIELDS.names() if name != "cluster")


class RequestForm(forms.Form):
    cluster = forms.ModelChoiceField(
        label=_("Cluster concerned"), queryset=Cluster.objects.order_by("name"), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(registry_fields(REQUEST_FIELDS, REQUEST_FORM_FIELDS))
        self.fields["experts_wanted"].initial = 1
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]
        self.order_fields(["title", "description", "cluster"])

    def clean_experts_wanted(self):
        value = self.cleaned_data["experts_wanted"] or 1
        if not 1 <= value <= MAX_EXPERTS_WANTED:
            raise ValidationError(
                _("Ask for 1 to %(max)d experts."), params={"max": MAX_EXPERTS_WANTED}
            )
        return value

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in REQUEST_FORM_FIELDS}
        data["cluster"] = self.cleaned_data["cluster"]
        return data

    @classmethod
    def initial_for(cls, request) -> dict:
        initial = {name: getattr(request, name) for name in REQUEST_FORM_FIELDS}
        initial["cluster_country"] = str(request.cluster_country or "")
        initial["cluster"] = request.cluster
        return initial


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text],
    )  # fmt: skip
