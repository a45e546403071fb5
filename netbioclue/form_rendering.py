"""Every form of the portal says how much text each free-text field takes.

A ``maxlength`` attribute stops typing silently at the limit and says nothing beforehand;
people writing a long description deserve to know the limit before they reach it, and
screen-reader users to hear it. The form renderer (``settings.FORM_RENDERER``, which is
``netbioclue.forms.PortalFormRenderer``, a subclass of ``FormRenderer``) gives every
form this module's bound field, whose help text ends with the limit derived from the
field itself: "At most 300 characters." for a text field with a ``max_length``; "At most
30 lines of 300 characters each." for a one-item-per-line list (``max_lines`` and
``max_item_length``, e.g. ``practices.forms.LinesField``). It is plain text in the help
text, so it shows without JavaScript, in every template that shows help texts (the
portal's and allauth's), and Django links it to the input with ``aria-describedby``.

Only free text gets a hint: not search boxes, e-mail addresses, web addresses, numbers,
dates, passwords, hidden or disabled inputs, whose limits are safeguards nobody reaches
while typing.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

# Input types that hold no free text.
_NOT_FREE_TEXT = {"hidden", "password", "search", "email", "url", "number", "date", "time",
                  "datetime-local", "tel"}  # fmt: skip


def length_hint(field: forms.Field) -> str:
    """What the help text of ``field`` adds about its length ("" when nothing)."""
    widget = field.widget
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", None)
    if (
        field.disabled
        or widget.is_hidden
        or input_type in _NOT_FREE_TEXT
        or widget.attrs.get("inputmode") in ("numeric", "decimal")
    ):
        return ""
    max_lines = getattr(field, "max_lines", None)
    max_item_length = getattr(field, "max_item_length", None)
    if max_lines and max_item_length:
        return ngettext(
            "At most %(lines)d line of %(max)d characters.",
            "At most %(lines)d lines of %(max)d characters each.",
            max_lines,
        ) % {"lines": max_lines, "max": max_item_length}
    if isinstance(field, forms.CharField) and field.max_length:
        return ngettext(
            "At most %(max)d character.", "At most %(max)d characters.", field.max_length
        ) % {"max": field.max_length}
    return ""


class LengthHintBoundField(BoundField):
    """A bound field whose help text ends with ``length_hint`` of its field."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        hint = length_hint(field)
        if not hint or hint in str(self.help_text):
            return
        if not self.help_text:
            self.help_text = hint
        elif isinstance(self.help_text, SafeString):  # stays HTML (escaping the hint)
            self.help_text = format_html("{} {}", self.help_text, hint)
        else:  # templates show help texts unescaped (|safe), as Django's own do
            self.help_text = f"{self.help_text} {hint}"


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with ``LengthHintBoundField`` for every form."""

    bound_field_class = LengthHintBoundField
