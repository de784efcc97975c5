"""Community's own flaggable kinds: comments and member profiles (see community/flagging.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from accounts.models import User
from community.flagging import register_flaggable


def _describe_comment(comment: XtdComment) -> str:
    return _("Comment by @%(handle)s on “%(title)s”") % {
        "handle": comment.user_name,
        "title": str(comment.content_object),
    }


def register() -> None:
    register_flaggable(
        XtdComment,
        kind="comment",
        author=lambda comment: comment.user,
        describe=_describe_comment,
    )
    register_flaggable(
        User,
        kind="profile",
        author=lambda user: user,
        describe=lambda user: _("Profile of @%(handle)s") % {"handle": user.handle},
    )
