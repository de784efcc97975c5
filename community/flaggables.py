"""Community's own flaggable kinds: comments and member profiles (see community/flagging.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from community.flagging import register_flaggable
from community.models import Profile, User


def _hide_comment(comment: XtdComment, hidden: bool) -> None:
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=not hidden)
    comment.is_public = not hidden


def _remove_comment(comment: XtdComment) -> None:
    # Removed comments stay in the thread as a placeholder, so replies keep their context.
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_removed=True, is_public=True)
    comment.is_removed, comment.is_public = True, True


def _describe_comment(comment: XtdComment) -> str:
    return _("Comment by @%(handle)s on “%(title)s”") % {
        "handle": comment.user_name,
        "title": str(comment.content_object),
    }


def _remove_profile(user: User) -> None:
    # The account stays; what the member wrote about themselves is taken down.
    Profile.objects.filter(user=user).update(bio="", website="", instagram="", location="", avatar=None)


def register() -> None:
    register_flaggable(
        XtdComment,
        kind="comment",
        hide=_hide_comment,
        remove=_remove_comment,
        author=lambda comment: comment.user,
        describe=_describe_comment,
    )
    register_flaggable(
        User,
        kind="profile",
        remove=_remove_profile,
        author=lambda user: user,
        describe=lambda user: _("Profile of @%(handle)s") % {"handle": user.handle},
    )
