import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal.httpkit import clean_client_ip
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from netbioclue.outbox import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """Account rules specific to the portal (sign-up stays open: people who request
    expertise need accounts without belonging to a partner organisation).

    Account e-mails (address confirmation, password reset) go through the outbox like
    every other e-mail, so a mail outage delays them instead of failing the sign-up.
    The client address used by allauth's rate limits is found like the API's, from
    ``API_NUM_PROXIES`` (``ALLAUTH_TRUSTED_PROXY_COUNT`` is set from it).
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. For your security, signing in is paused for "
            "a few minutes: wait, then try again, or reset your password."
        ),
    }

    def is_open_for_signup(self, request) -> bool:
        return True

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        html = next(
            (
                content
                for content, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        for address in message.to:
            # Each account e-mail is a distinct message (a fresh link each time).
            email_queue(
                key=f"account:{uuid.uuid4().hex}",
                to=address,
                subject=message.subject,
                body=message.body,
                html_body=html,
                from_email=message.from_email or "",
            )

    def get_client_ip(self, request) -> str:
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            # Fewer X-Forwarded-For entries than trusted proxies (a request that did not
            # come through all of them): take the earliest, as the API's throttling does,
            # rather than fail the request.
            earliest = request.headers["x-forwarded-for"].split(",")[0]
            return clean_client_ip(earliest) or request.META.get("REMOTE_ADDR", "")
