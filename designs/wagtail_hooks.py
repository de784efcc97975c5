from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from designs import admin_views
from designs.services import is_editor


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("designs/review/", admin_views.review_queue, name="designs_review_queue"),
        path("designs/review/<int:pk>/approve/", admin_views.review_approve, name="designs_review_approve"),
        path("designs/review/<int:pk>/reject/", admin_views.review_reject, name="designs_review_reject"),
    ]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return EditorMenuItem(_("Design review"), reverse("designs_review_queue"), icon_name="tasks", order=150)


@hooks.register("register_log_actions")
def register_design_log_actions(actions):
    from core import audit

    audit.register(
        actions,
        "commonmade.design.transition",
        _("Change a design's state"),
        _("Design “%(title)s”: %(from)s → %(to)s %(reason)s"),
    )
