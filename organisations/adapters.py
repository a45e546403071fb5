from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Account rules specific to the portal (sign-up stays open: people who request
    expertise need accounts without belonging to a partner organisation)."""

    def is_open_for_signup(self, request) -> bool:
        return True
