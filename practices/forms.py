"""Forms for editing practices. They validate input only; saving is the services' job
(``practices.services.workflow``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clusters.models import Cluster
from netbioclue.forms import UploadField
from netbioclue.registry import FieldSpec, Kind
from netbioclue.text import UNSTORABLE_MESSAGE, is_storable
from organisations.models import Organisation
from practices.fields import CONTENT_FIELDS, FORM_SECTIONS, PRACTICE_FIELDS, max_length
from practices.models import Practice, PracticeAttachment
from practices.services.workflow import ATTACHMENT_EXTENSIONS

MAX_LINES = 30
# Defaults of the list fields; each practice field's own comes from its model field.
MAX_ITEM_LENGTH = 300
MAX_URL_LENGTH = 500


class LinesField(forms.CharField):
    """A list edited in a textarea, one item per line; blank lines are dropped.

    Errors name the line (counting the lines as the person sees them), e.g. "Line 3 is
    320 characters long".
    """

    widget = forms.Textarea
    max_lines = MAX_LINES  # with max_item_length: the form's length hint (form_rendering)

    def __init__(self, *, max_item_length: int = MAX_ITEM_LENGTH, **kwargs) -> None:
        self.max_item_length = max_item_length
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)
        self.widget.attrs["rows"] = 6

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            return [str(item).strip() for item in value if str(item).strip()]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def numbered_lines(self, value) -> list[tuple[int, str]]:
        text = self.prepare_value(value) or ""
        if isinstance(text, list):
            text = "\n".join(text)
        return [
            (number, line.strip())
            for number, line in enumerate(str(text).splitlines(), start=1)
            if line.strip()
        ]

    def validate(self, value) -> None:
        super().validate(value)
        if len(value) > self.max_lines:
            raise ValidationError(
                _("At most %(max)d lines, please; this has %(count)d.")
                % {"max": self.max_lines, "count": len(value)},
                code="too_many_lines",
            )

    def clean(self, value):
        items = super().clean(value)
        errors = []
        for number, line in self.numbered_lines(value):
            errors.extend(self.line_errors(number, line))
        if errors:
            raise ValidationError(errors)
        return items

    def line_errors(self, number: int, line: str) -> list[ValidationError]:
        if not is_storable(line):  # CharField's NUL check reads the list's repr: misses it
            return [
                ValidationError(
                    _("Line %(line)d: %(problem)s")
                    % {"line": number, "problem": UNSTORABLE_MESSAGE},
                    code="unstorable_text",
                )
            ]
        if len(line) > self.max_item_length:
            return [
                ValidationError(
                    ngettext(
                        "Line %(line)d is %(length)d character long; each item may have at "
                        "most %(max)d.",
                        "Line %(line)d is %(length)d characters long; each item may have at "
                        "most %(max)d.",
                        len(line),
                    )
                    % {"line": number, "length": len(line), "max": self.max_item_length},
                    code="item_too_long",
                )
            ]
        return []


class URLLinesField(LinesField):
    """Web addresses, one per line; each must be a full http(s) address."""

    def __init__(self, *, max_item_length: int = MAX_URL_LENGTH, **kwargs) -> None:
        super().__init__(max_item_length=max_item_length, **kwargs)
        self.widget.attrs["rows"] = 4

    def line_errors(self, number: int, line: str) -> list[ValidationError]:
        errors = super().line_errors(number, line)
        if errors:
            return errors
        try:
            URLValidator(schemes=["http", "https"])(line)
        except ValidationError:
            return [
                ValidationError(
                    _(
                        "Line %(line)d is not a web address: “%(value)s”. Write the full "
                        "address, starting with https://"
                    )
                    % {"line": number, "value": line[:80]},
                    code="invalid_url",
                )
            ]
        return []


def form_field(spec: FieldSpec) -> forms.Field | None:
    """The form field of a list or multiple-choice field (None: the model's default)."""
    common = {"label": spec.label, "help_text": spec.help_text}
    if spec.kind == Kind.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            choices=spec.vocabulary.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if spec.kind == Kind.TEXT_LIST:
        return LinesField(max_item_length=max_length(spec.name) or MAX_ITEM_LENGTH, **common)
    if spec.kind == Kind.URL_LIST:
        return URLLinesField(max_item_length=max_length(spec.name) or MAX_URL_LENGTH, **common)
    return None


# Fields the model cannot make on its own (lists), declared from the registry.
_DECLARED = {
    spec.name: field
    for spec in PRACTICE_FIELDS
    if spec.editable and (field := form_field(spec)) is not None
}
# A form class holding them, for PracticeForm to inherit (declared fields are inherited).
_ListFields = type("_ListFields", (forms.Form,), {**_DECLARED, "__module__": __name__})
# Rows of the long-text boxes: a taller box where more is usually written.
_TEXT_ROWS = {"description": 6, "how_it_works": 6, "summary": 3, "resources_notes": 3}


class PracticeForm(_ListFields, forms.ModelForm):
    """The practice record (``CONTENT_FIELDS``) plus the version the person started from.

    ``version`` is echoed back to the service, which refuses a stale one; on a conflict
    the view re-renders this bound form, so the person's text stays on screen.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Practice
        fields = CONTENT_FIELDS
        labels = {spec.name: spec.label for spec in PRACTICE_FIELDS if spec.editable}
        help_texts = {
            spec.name: spec.help_text
            for spec in PRACTICE_FIELDS
            if spec.editable and spec.help_text
        }
        widgets = {
            spec.name: forms.Textarea(attrs={"rows": _TEXT_ROWS.get(spec.name, 4)})
            for spec in PRACTICE_FIELDS
            if spec.editable and spec.kind == Kind.TEXT
        }

    # Sections of the page, in order: (heading, field names).
    SECTIONS = FORM_SECTIONS

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["origin_cluster"].queryset = Cluster.objects.order_by("name")
        self.fields["origin_cluster"].empty_label = _("— none —")
        self.organisations = list(organisations or [])
        if len(self.organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Owner organisation"),
                queryset=Organisation.objects.filter(
                    pk__in=[organisation.pk for organisation in self.organisations]
                ).order_by("name"),
                help_text=_("The practice belongs to this organisation; its editors keep it."),
            )
            self.order_fields(["organisation"])

    def sections(self):
        """[(heading, [bound field, ...]), ...] for the template."""
        result = []
        if "organisation" in self.fields:
            result.append((_("Owner"), [self["organisation"]]))
        for heading, names in self.SECTIONS:
            result.append((heading, [self[name] for name in names]))
        return result

    def content(self) -> dict:
        """The cleaned content, as the services take it."""
        return {name: self.cleaned_data[name] for name in CONTENT_FIELDS}


class CommentForm(forms.Form):
    """The reason or comment a coordinator gives when handing back or rejecting.

    The form's prefix is the action it goes with, and names what the text is for: two
    fields both labelled "Comment" side by side left the coordinator guessing which one
    the authors would read after which button.
    """

    LABELS = {
        "request_changes": (
            _("What should change"),
            _("Sent to the authors with the practice handed back; required."),
        ),
        "reject": (
            _("Why it is rejected"),
            _("Sent to the authors; required. A rejection is final."),
        ),
        "revision": (
            _("Why the revision is turned down"),
            _("Sent to the authors of the revision; optional. The published text stays."),
        ),
    }

    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label, help_text = self.LABELS.get(self.prefix, (None, None))
        if label:
            self.fields["comment"].label = label
            self.fields["comment"].help_text = help_text


class AttachmentForm(forms.Form):
    file = UploadField(
        label=_("Document"),
        accepted=ATTACHMENT_EXTENSIONS,
        max_size=PracticeAttachment.MAX_SIZE,
        type_names=_("PDF, PNG or JPEG"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional; the file name is shown otherwise."),
    )
