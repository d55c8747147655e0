from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AddressesConfig(AppConfig):
    name = "addresses"
    verbose_name = _("Addresses")

    def ready(self):
        from publishing import signals
        from publishing.actions.remove import page_removed
        from publishing.registry import registry

        from . import moves, removal

        # Page types registered before this app (INSTALLED_APPS order) and after it (tests).
        for page_type in registry:
            moves.connect(page_type)
        signals.registered.connect(moves.on_registered, dispatch_uid="addresses-registered")
        signals.unregistered.connect(moves.on_unregistered, dispatch_uid="addresses-unregistered")
        page_removed.connect(removal.on_removed, dispatch_uid="addresses-page-removed")
