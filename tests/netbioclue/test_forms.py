"""The shared form rendering (netbioclue.forms, includes/form_field.html, {% error_summary %}).

Checked through real pages of several apps: what one form gets, every form gets.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netbioclue.forms import EMPTY_CHOICE_LABEL, UploadField
from netbioclue.vocabulary import PARTNER_COUNTRIES
from practices.forms import AttachmentForm
from practices.models import PracticeAttachment
from tests.factories import PracticeFactory

# The pages with a form, per person who may open it.
FORM_PAGES = [
    ("editor", "practices:create", {}),
    ("editor", "events:create", {}),
    ("editor", "experts:apply", {}),
    ("editor", "experts:request_create", {}),
    ("editor", "account_profile", {}),
    (None, "clusters:assess", {}),
    (None, "account_login", {}),
    (None, "account_signup", {}),
]


def _page(client, request, actor, name, kwargs):
    if actor:
        client.force_login(request.getfixturevalue(actor))
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, name
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("actor", "name", "kwargs"), FORM_PAGES)
def test_every_form_says_empty_choices_the_same_way(client, request, actor, name, kwargs):
    html = _page(client, request, actor, name, kwargs)
    empty_options = re.findall(r'<option value=""[^>]*>([^<]*)</option>', html)
    placeholders = {label for label in empty_options if label in {"---------", "—", "— none —", ""}}
    assert not placeholders, f"{name}: {placeholders}"


@pytest.mark.django_db
@pytest.mark.parametrize(("actor", "name", "kwargs"), FORM_PAGES)
def test_required_fields_are_marked_in_their_label(client, request, actor, name, kwargs):
    html = _page(client, request, actor, name, kwargs)
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]* required[^>]*id="([^"]+)"', html):
        label = re.search(rf'<label for="{re.escape(field_id)}"([^>]*)>', html)
        if label:  # choices in a fieldset are marked on the legend
            assert 'class="required" data-required="(required)"' in label.group(1), field_id


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actor", "name"), [("editor", "experts:apply"), ("editor", "experts:request_create")]
)
def test_country_lists_start_with_the_partner_countries(client, request, actor, name):
    html = _page(client, request, actor, name, {})
    select = re.search(r'<select name="(?:country|cluster_country)".*?</select>', html, re.S)
    assert select, name
    options = re.findall(r'<option value="([^"]*)"', select.group(0))
    assert options[0] == ""
    assert set(options[1 : len(PARTNER_COUNTRIES) + 1]) == set(PARTNER_COUNTRIES)
    assert '<optgroup label="Partner countries">' in select.group(0)
    assert options.count("GB") == 1  # not repeated further down
    assert f">{EMPTY_CHOICE_LABEL}<" in select.group(0)


@pytest.mark.django_db
def test_a_failed_submit_summarises_the_errors_at_the_top(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("practices:create"),
        {"title": "Vouchers for start-ups", "summary": "", "start_year": "not a year"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    # Before the page's own heading and the form, linked to each field in error.
    assert html.index('class="error-summary"') < html.index("<h1")
    assert 'href="#id_summary"' in summary
    assert 'href="#id_start_year"' in summary
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in html  # every link leads to a field of the page
    assert 'value="Vouchers for start-ups"' in html  # what was typed is kept
    assert "netbioclue/forms.js" in html


@pytest.mark.django_db
def test_a_page_without_errors_has_no_summary(client, editor):
    client.force_login(editor)
    html = client.get(reverse("practices:create")).content.decode()
    assert "error-summary" not in html
    assert "netbioclue/forms.js" not in html


def test_the_upload_field_announces_types_and_size():
    html = str(AttachmentForm()["file"])
    assert 'accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"' in html
    assert f'data-max-size="{PracticeAttachment.MAX_SIZE}"' in html
    assert "PDF, PNG or JPEG, at most 10 MB." in str(AttachmentForm().fields["file"].help_text)


def test_the_upload_field_refuses_a_larger_file_itself():
    field = UploadField(accepted={"image/png": ("png",)}, max_size=1024, type_names="PNG")
    with pytest.raises(ValidationError) as refused:
        field.clean(SimpleUploadedFile("big.png", b"x" * 2048))
    assert refused.value.code == "too_large"
    assert "at most 1.0\xa0KB" in refused.value.messages[0]
    assert field.clean(SimpleUploadedFile("small.png", b"x" * 10)).name == "small.png"


@pytest.mark.django_db
def test_an_oversized_document_is_named_in_the_summary(client, editor, org):
    practice = PracticeFactory(owner=org)
    client.force_login(editor)
    big = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 " + b"x" * (PracticeAttachment.MAX_SIZE))
    response = client.post(
        reverse("practices:attachment_upload", kwargs={"slug": practice.slug}), {"file": big}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "may be at most 10 MB" in html
    assert 'href="#id_file"' in html


@pytest.mark.django_db
def test_sign_in_puts_the_password_right_after_the_e_mail(client):
    html = client.get(reverse("account_login")).content.decode()
    email, password = html.index('id="id_login"'), html.index('id="id_password"')
    forgot = html.index("Forgot your password?")
    assert email < password < forgot  # no link between the two fields
    assert 'aria-describedby="id_password_helptext"' in html  # still tied to the field
