"""The sign-in page, answering 429 when allauth's sign-in limits stop an attempt.

allauth re-renders the form with a "too many attempts" error and status 200 when its
``login_failed`` limit (per client address and per account) is reached; a client (a
script, a monitoring probe, the person's browser tools) then sees success. Here the same
page, with the same message and the typed address kept, carries status 429. The
per-address ``login`` limit already answers 429 through allauth's ``429.html``
(netbioclue/templates/429.html).
"""

from http import HTTPStatus

from allauth.account.views import LoginView as AllauthLoginView

RATE_LIMITED = "too_many_login_attempts"


class LoginView(AllauthLoginView):
    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(error.code == RATE_LIMITED for error in form.non_field_errors().as_data()):
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response


login = LoginView.as_view()
