"""Coordinators may administer the portal's own data without per-model grants."""

from django.contrib.auth.backends import BaseBackend

# The apps whose models coordinators administer. Not auth (groups and permissions are
# Django privileges) and not allauth's e-mail addresses: adding an address to someone
# else's account would let a coordinator reset that account's password.
COORDINATED_APPS = frozenset({"organisations", "clusters", "practices", "experts", "events"})


class CoordinatorBackend(BaseBackend):
    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if not (user_obj.is_active and getattr(user_obj, "is_coordinator", False)):
            return False
        return perm.split(".", 1)[0] in COORDINATED_APPS

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return (
            user_obj.is_active
            and getattr(user_obj, "is_coordinator", False)
            and app_label in COORDINATED_APPS
        )
