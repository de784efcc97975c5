"""Generic Wagtail admin building blocks; every app registers its own viewsets with them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

BROWSE_ACTIONS = frozenset({"view", "choose"})
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class BrowseOnlyPermissionPolicy(ModelPermissionPolicy):
    """The admin lists, inspects and chooses these objects; it never creates, edits or deletes them.

    For models that change only through their app's services (lifecycle, transition log,
    notifications): a form that saved the model directly would bypass those rules.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "publish", "lock", "unlock"):
            return False
        return super().user_has_permission(user, action)


class ServiceActionPermissionPolicy(ModelPermissionPolicy):
    """Browse-only for the model's own permissions, plus named admin actions that need a named permission.

    `actions` maps an admin action to the Django permissions that allow it (any one of them), e.g.
    ``{"review": ("designs.moderate_design",)}``. Listing and inspecting ("view", "choose") also follow
    the model's own view permission. Every other action (add, change, delete, copy …) is refused unless
    it is named: the model changes only through its app's services, which check again.
    """

    def __init__(self, model: type[Model], *, actions: Mapping[str, Iterable[str]], auth_model=None):
        super().__init__(model, auth_model=auth_model)
        self.actions = {action: tuple(perms) for action, perms in actions.items()}

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in self.actions and any(user.has_perm(perm) for perm in self.actions[action]):
            return True
        if action in BROWSE_ACTIONS:
            return super().user_has_permission(user, action)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions) -> QuerySet:
        user_model = get_user_model()
        pks: set[int] = set()
        for action in actions:
            for perm in self.actions.get(action, ()):
                pks.update(
                    user_model._default_manager.with_perm(perm, backend=MODEL_BACKEND).values_list("pk", flat=True)
                )
            if action in BROWSE_ACTIONS:
                pks.update(super().users_with_any_permission([action]).values_list("pk", flat=True))
        return user_model._default_manager.filter(pk__in=pks, is_active=True)


class WorkQueueMixin:
    """An admin list that is a work queue (`IndexView`): each row carries its own decision forms instead of
    the usual row buttons, and an empty queue says so in `empty_queue_message` (searches and filters keep
    Wagtail's own message)."""

    empty_queue_message = ""

    def get_list_buttons(self, instance):
        return []

    @property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return super().no_results_message
        return self.empty_queue_message
