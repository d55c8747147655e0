from django.apps import AppConfig


class EmbassySiteConfig(AppConfig):
    name = "embassy_site"
    verbose_name = "Embassy site"
