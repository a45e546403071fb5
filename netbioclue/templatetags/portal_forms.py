"""``{% error_summary %}``: every error of every bound form on the page, at its top.

Placed once in base.html, it finds the forms in the page's context (also inside lists,
tuples and dicts one level down, e.g. the practice page's action forms), so no view or
template has to ask for it. Each field's errors link to the field (its ``id``); errors
not tied to a field link to nothing. The box has ``autofocus`` and tabindex="-1", so the
browser moves focus to it on load (static/netbioclue/forms.js does it too, and scrolls).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import template
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet

register = template.Library()


def _forms_in(value: Any, depth: int = 0) -> Iterator[BaseForm]:
    if isinstance(value, BaseForm):
        yield value
    elif isinstance(value, BaseFormSet):
        yield from value.forms
    elif depth < 2 and isinstance(value, list | tuple):
        for item in value:
            yield from _forms_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _forms_in(item, depth + 1)


def summary_entries(context_values) -> list[dict[str, str]]:
    """[{"message", "label", "href"}, ...] in the order of the forms and their fields."""
    entries: list[dict[str, str]] = []
    seen: set[int] = set()
    for value in context_values:
        for form in _forms_in(value):
            if id(form) in seen or not form.is_bound or not form.errors:
                continue
            seen.add(id(form))
            for message in form.non_field_errors():
                entries.append({"message": message, "label": "", "href": ""})
            for name, errors in form.errors.items():
                if name == "__all__" or name not in form.fields:
                    continue
                field = form[name]
                target = "" if field.is_hidden else (field.id_for_label or field.auto_id or "")
                for message in errors:
                    entries.append(
                        {
                            "message": message,
                            "label": str(field.label or ""),
                            "href": f"#{target}" if target else "",
                        }
                    )
    return entries


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context) -> dict[str, Any]:
    flat = context.flatten()
    return {"entries": summary_entries(flat.values())}
