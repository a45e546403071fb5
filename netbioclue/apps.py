from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NetbioclueConfig(AppConfig):
    default = True
    name = "netbioclue"
    verbose_name = "NETBIOCLUE"


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "netbioclue.admin_site.PortalAdminSite"
