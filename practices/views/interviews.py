"""Reproducibility: reviewers record stakeholder interviews on a practice.

The form carries an idempotency token (a double submit records one interview) and, once
the reviewer has interviewed someone about this practice, the "another interview" box
that a second interview needs (``reproducibility.interview_record``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from netbioclue import idempotency
from practices import policy
from practices.forms_interviews import StakeholderInterviewForm
from practices.selectors.workspace import practice_for
from practices.services.reproducibility import (
    CRITERIA,
    RULE_TEXT,
    has_interviewed,
    interview_record,
)


@login_required
def interview_create_view(request, slug: str):
    # A practice the person may not see is "not found" (policy.visible_practices).
    practice = practice_for(request.user, slug)
    if not policy.can_record_interviews(request.user):
        raise PermissionDenied(_("Only reviewers record stakeholder interviews."))
    if not policy.can_interview(request.user, practice):
        messages.error(
            request, _("Interviews are recorded on submitted or published practices only.")
        )
        return redirect(practice)

    form = StakeholderInterviewForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            interview_record(
                practice=practice,
                data=form.cleaned_data,
                by=request.user,
                another=form.cleaned_data["another_interview"],
                idempotency_key=idempotency.posted_token(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The interview was recorded. Transferability is up to date.")
            )
            return redirect(practice)
    return render(
        request,
        "practices/interview_form.html",
        {
            "practice": practice,
            "form": form,
            "score_fields": [form[name] for name, _label in CRITERIA],
            "rule": RULE_TEXT,
            # The "another interview" box is offered once there is a first one.
            "already_interviewed": has_interviewed(request.user, practice),
            "idempotency_token": idempotency.form_token(request),
        },
        status=400 if form.is_bound else 200,
    )
