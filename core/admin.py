"""Generic Wagtail admin building blocks; every app registers its own viewsets with them."""

from __future__ import annotations

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
