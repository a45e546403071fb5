"""The form a reviewer fills in after interviewing a stakeholder about a practice."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practices.models import StakeholderInterview
from practices.services.reproducibility import INTERVIEW_FIELDS

SCORE_CHOICES = [
    (1, _("1 (very low)")),
    (2, _("2 (low)")),
    (3, _("3 (moderate)")),
    (4, _("4 (high)")),
    (5, _("5 (very high)")),
]

SCORE_HELP = {
    "relevance": _("How relevant is the practice to the stakeholder's region?"),
    "feasibility": _("Could it be done with the resources available locally?"),
    "preconditions": _("Are the institutional preconditions in place (5 = all of them)?"),
    "impact": _("What impact would it have there?"),
}


def _score_field(name: str) -> forms.TypedChoiceField:
    model_field = StakeholderInterview._meta.get_field(name)
    return forms.TypedChoiceField(
        label=model_field.verbose_name.capitalize(),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=SCORE_HELP[name],
    )


class StakeholderInterviewForm(forms.ModelForm):
    relevance = _score_field("relevance")
    feasibility = _score_field("feasibility")
    preconditions = _score_field("preconditions")
    impact = _score_field("impact")

    class Meta:
        model = StakeholderInterview
        fields = INTERVIEW_FIELDS
        widgets = {
            "interviewed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "adaptations": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "country": _("Where the stakeholder works (the region that would reproduce it)."),
            "adaptations": _(
                "The preconditions the stakeholder named, or how the practice would have "
                "to be adapted locally."
            ),
        }

    another_interview = forms.BooleanField(
        label=_("This is another interview"),
        required=False,
        help_text=_(
            "You have already recorded an interview on this practice. Tick this only for a "
            "new interview with another stakeholder: each interview counts in the "
            "transferability."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewed_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_interviewed_on(self):
        interviewed_on = self.cleaned_data["interviewed_on"]
        if interviewed_on and interviewed_on > timezone.localdate():
            raise forms.ValidationError(
                _("The date of the interview cannot be in the future."), code="future"
            )
        return interviewed_on
