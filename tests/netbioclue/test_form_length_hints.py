"""Every free-text field of every form states its maximum length as text (issue 7, point 2).

The limit comes from the field itself (``max_length``; ``max_lines`` and
``max_item_length`` for one-item-per-line lists) through the form renderer
(``netbioclue.form_rendering``), so a new form or field gets its hint without anyone
remembering to write it.
"""

import importlib
import pkgutil
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.urls import reverse

from netbioclue.form_rendering import LengthHintBoundField, length_hint
from practices.forms import LinesField

PROJECT_PACKAGES = ("netbioclue", "organisations", "clusters", "practices", "experts", "events")


def _import_everything() -> None:
    for name in PROJECT_PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            if ".migrations" in module.name or module.name.endswith(".management.commands"):
                continue
            importlib.import_module(module.name)
    importlib.import_module("allauth.account.forms")


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _project_forms() -> list[type[forms.BaseForm]]:
    _import_everything()
    found = {
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in (*PROJECT_PACKAGES, "allauth")
        and not form.__module__.startswith("django.")
    }
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def _text_fields(form_class):
    for name, field in form_class.base_fields.items():
        if length_hint(field):
            yield name, field


FORMS = _project_forms()


def test_the_walk_finds_the_forms_people_fill_in():
    names = {form.__qualname__ for form in FORMS}
    assert {"PracticeForm", "SignupForm", "LoginForm"} <= names, names
    assert len(FORMS) > 20


@pytest.mark.parametrize("form_class", FORMS, ids=lambda form: f"{form.__module__}.{form.__name__}")
def test_every_form_states_the_limit_of_each_text_field(form_class):
    # Nothing swaps the renderer's bound field out from under a form.
    assert form_class.bound_field_class in (None, LengthHintBoundField)
    assert form_class.default_renderer is None
    renderer = get_default_renderer()
    assert renderer.bound_field_class is LengthHintBoundField
    stub = forms.Form(renderer=renderer)

    for name, field in _text_fields(form_class):
        bound = renderer.bound_field_class(stub, field, name)
        hint = length_hint(field)
        assert hint in str(bound.help_text), f"{form_class.__name__}.{name}"
        limit = getattr(field, "max_item_length", None) or field.max_length
        assert str(limit) in hint


def test_the_hint_follows_the_field_and_keeps_the_fields_own_help():
    class Example(forms.Form):
        name = forms.CharField(max_length=80, help_text="As on your passport.")
        note = forms.CharField(max_length=1, widget=forms.Textarea)
        lines = LinesField(max_item_length=40)
        query = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"type": "search"}))
        password = forms.CharField(max_length=50, widget=forms.PasswordInput)
        count = forms.IntegerField()

    form = Example()

    assert form["name"].help_text == "As on your passport. At most 80 characters."
    assert form["note"].help_text == "At most 1 character."
    assert form["lines"].help_text == "At most 30 lines of 40 characters each."
    assert form["query"].help_text == ""
    assert form["password"].help_text == ""
    assert form["count"].help_text == ""
    # Rendered as text next to the input and announced with it.
    html = str(form["name"].as_field_group())
    assert "At most 80 characters." in html
    assert 'aria-describedby="id_name_helptext"' in html


class _Inputs(HTMLParser):
    """The text inputs with a maxlength, and the text of each element by id."""

    def __init__(self):
        super().__init__()
        self.inputs: list[dict] = []
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        free_text = attributes.get("type", "text") in ("text",) or tag == "textarea"
        if free_text and "maxlength" in attributes and "inputmode" not in attributes:
            self.inputs.append(attributes)
        if tag not in ("input", "br", "img", "meta", "link"):
            self._open.append(attributes.get("id"))

    def handle_endtag(self, tag):
        if tag not in ("input", "br", "img", "meta", "link") and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in self._open:
            if element_id:
                self.text[element_id] = self.text.get(element_id, "") + data


def _assert_limits_are_written_out(html: str) -> int:
    page = _Inputs()
    page.feed(html)
    for attributes in page.inputs:
        described = " ".join(
            page.text.get(element_id, "")
            for element_id in (attributes.get("aria-describedby") or "").split()
        )
        limit = attributes["maxlength"]
        assert re.search(rf"At most (\d+ lines of )?{limit} characters?", described), (
            attributes.get("name"),
            described,
        )
    return len(page.inputs)


@pytest.mark.django_db
def test_the_practice_form_writes_out_every_limit_next_to_its_field(client, editor):
    client.force_login(editor)

    html = client.get(reverse("practices:create")).text

    assert _assert_limits_are_written_out(html) >= 8
    assert "At most 120 characters." in html  # the title


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/signup/", "/experts/apply/", "/clusters/assess/"])
def test_public_forms_write_out_their_limits(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    _assert_limits_are_written_out(response.text)
