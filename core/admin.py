"""Generic Wagtail admin building blocks; every app registers its own viewsets with them."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class BrowseOnlyPermissionPolicy(ModelPermissionPolicy):
    """The admin lists, inspects and chooses these objects; it never creates, edits or deletes them.

    For models that change only through their app's services (lifecycle, transition log,
    notifications): a form that saved the model directly would bypass those rules.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "publish", "lock", "unlock"):
            return False
        return super().user_has_permission(user, action)


class AdminLinkViewSet(ViewSet):
    """A menu entry for an admin page its app serves itself, so it can sit in a ViewSetGroup.

    `allowed(user)` decides who sees the entry (the page checks the permission again).
    """

    def __init__(self, name: str, *, url_name: str, label, icon: str, allowed: Callable | None = None):
        super().__init__(name, menu_label=label, icon=icon)
        self.url_name = url_name
        self.allowed = allowed

    @cached_property
    def menu_url(self) -> str:
        return reverse(self.url_name)

    def get_urlpatterns(self) -> list:
        return []

    @cached_property
    def menu_item_class(self):
        allowed = self.allowed

        class LinkMenuItem(MenuItem):
            def is_shown(self, request):
                return allowed is None or allowed(request.user)

        return LinkMenuItem
