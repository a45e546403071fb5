"""What every HTML form of the portal shares, whichever app it belongs to.

- ``PortalFormRenderer`` (settings.FORM_RENDERER) renders every widget. For drop-downs it
  gives the empty choice one label everywhere (``EMPTY_CHOICE_LABEL``, instead of
  Django's "---------", "—" or "— none —") and puts the partner countries first in any
  country list, under their own group.
- ``UploadField``: a file field that announces the accepted types (``accept=``) and the
  size limit, and refuses a file over the limit before anything else looks at it (the
  services still judge the bytes).
- The templates: ``includes/form_field.html`` (label with the required mark, help, errors,
  widget) and the ``{% error_summary %}`` tag in ``base.html``
  (``netbioclue/templatetags/portal_forms.py``), which lists every error of every bound
  form on the page at its top, each linked to its field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netbioclue.form_rendering import FormRenderer as LengthHintRenderer
from netbioclue.vocabulary import PARTNER_COUNTRIES

EMPTY_CHOICE_LABEL = _("— not chosen —")
# Labels that only say "nothing chosen" (Django's, and those the apps wrote by hand). An
# empty choice with a label of its own ("All", "Online or on site") keeps it.
_PLACEHOLDER_LABELS = frozenset({"", "-", "--", "---------", "—", "– –", "— none —"})
# A drop-down is a country list when it offers at least this many choices, among them
# every partner country.
_COUNTRY_LIST_MIN = 100


class PortalFormRenderer(LengthHintRenderer):
    """The length hints of ``netbioclue.form_rendering``, and for drop-downs one empty-choice
    label and the partner countries first."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        widget = context.get("widget")
        if template_name.endswith("widgets/select.html") and isinstance(widget, dict):
            widget["optgroups"] = _portal_optgroups(widget.get("optgroups") or [])
        return super().render(template_name, context, request=request)


def _portal_optgroups(optgroups: list) -> list:
    for _group, options, _index in optgroups:
        for option in options:
            if option["value"] in ("", None) and str(option["label"]) in _PLACEHOLDER_LABELS:
                option["label"] = EMPTY_CHOICE_LABEL
    flat = [option for _group, options, _index in optgroups for option in options]
    if len(flat) < _COUNTRY_LIST_MIN or any(name for name, _o, _i in optgroups):
        return optgroups
    values = {str(option["value"]) for option in flat}
    if not values.issuperset(PARTNER_COUNTRIES):
        return optgroups
    empty = [option for option in flat if option["value"] in ("", None)]
    partners = [option for option in flat if option["value"] in PARTNER_COUNTRIES]
    others = [option for option in flat if option not in empty and option not in partners]
    partners.sort(key=lambda option: str(option["label"]))
    groups = [(None, empty, 0)] if empty else []
    groups.append((_("Partner countries"), partners, len(groups)))
    groups.append((_("All other countries"), others, len(groups)))
    return groups


def size_label(size: int) -> str:
    """ "10 MB" for a whole number of megabytes, else Django's "2.5 MB"."""
    megabyte = 1024 * 1024
    if size >= megabyte and size % megabyte == 0:
        return _("%(count)d MB") % {"count": size // megabyte}
    return filesizeformat(size)


_lazy_size = lazy(size_label, str)


class UploadField(forms.FileField):
    """A file upload limited to ``accepted`` (content type: extensions) and ``max_size``.

    The widget carries ``accept=".pdf,.png,…"`` (the browser's file picker offers only
    these) and ``data-max-size`` (static/netbioclue/forms.js warns at once); the help
    text says both; ``clean`` refuses a larger file with a message naming it.
    """

    def __init__(
        self,
        *,
        accepted: Mapping[str, Sequence[str]],
        max_size: int,
        type_names: str,
        **kwargs: Any,
    ) -> None:
        self.accepted = dict(accepted)
        self.max_size = max_size
        accept = ",".join(
            [f".{extension}" for extensions in accepted.values() for extension in extensions]
            + list(accepted)
        )
        kwargs.setdefault(
            "help_text",
            format_lazy(_("{types}, at most {size}."), types=type_names, size=_lazy_size(max_size)),
        )
        widget = kwargs.pop("widget", forms.ClearableFileInput)
        if isinstance(widget, type):
            widget = widget()
        widget.attrs.update(
            {
                "accept": accept,
                "data-max-size": str(max_size),
                "data-too-large": format_lazy(
                    _("The chosen file is larger than {size}."), size=_lazy_size(max_size)
                ),
            }
        )
        super().__init__(widget=widget, **kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        size = getattr(uploaded, "size", None)
        if size is not None and size > self.max_size:
            raise ValidationError(
                _("“%(name)s” is %(size)s; the file may be at most %(max)s.")
                % {
                    "name": uploaded.name,
                    "size": filesizeformat(size),
                    "max": size_label(self.max_size),
                },
                code="too_large",
            )
        return uploaded
