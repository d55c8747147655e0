"""What the admin's confirmation pages share (withdraw, remove): their address under the
object's own, and the page they ask about, for a publisher who may change it."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse


def asking_path(admin, action, view):
    """``<id>/<action>/``, named ``<app>_<model>_<action>`` as Django names its own."""
    name = f"{admin.opts.app_label}_{admin.opts.model_name}_{action}"
    return path(f"<path:object_id>/{action}/", admin.admin_site.admin_view(view), name=name)


def asked_page(admin, request, object_id):
    """(the page, its change form's address); 404 when it does not exist, 403 unless the
    user may publish and change it."""
    obj = admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404
    if not admin.has_publish_permission(request) or not admin.has_change_permission(request, obj):
        raise PermissionDenied
    opts = admin.opts
    return obj, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
