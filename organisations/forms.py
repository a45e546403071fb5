from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from netbioclue.forms import UploadField
from netbioclue.text import MEDIUM_TEXT
from organisations import logos
from organisations.models import ApiKeyScope
from organisations.permissions import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text=_(
            "Unless you choose otherwise the invitation is for a member, who sees but "
            "changes nothing; an admin can change the role later."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class NewAccountForm(forms.Form):
    """Sets up the account of a person who accepts an invitation without having one."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is for, e.g. the program or partner that uses it."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiKeyScope.choices,
        initial=ApiKeyScope.READ,
        help_text=_(
            "Read: higher rate limits. Read and write: also create and edit your "
            "organisation's drafts and submit them for review (never publish)."
        ),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("Shown to your colleagues and in the history of the records you edit."),
    )


class OrganisationProfileForm(forms.Form):
    """What the partner page says about the organisation (organisation admins)."""

    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MEDIUM_TEXT,
        required=False,
        help_text=_("What the organisation does for biotech clusters, in a few sentences."),
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    logo = UploadField(
        label=_("Logo"),
        accepted=logos.ACCEPTED,
        max_size=logos.MAX_BYTES,
        type_names=_("PNG, JPEG or WebP"),
        required=False,
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
