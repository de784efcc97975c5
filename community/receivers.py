"""Community owns comments: moderation's signals become comment service calls here, as in every owning app."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from accounts.models import User
from accounts.services import profile_moderation_remove
from community.services import (
    comment_moderation_hide,
    comment_moderation_remove,
    comment_moderation_restore,
    comment_thread_changed,
)
from community.signals import content_hidden, content_removed, content_restored


@receiver(content_removed, sender=XtdComment, dispatch_uid="community_remove_moderated_comment")
def remove_moderated_comment(sender, instance, reason="", **kwargs):
    comment_moderation_remove(comment=instance, reason=reason)


@receiver(content_hidden, sender=XtdComment, dispatch_uid="community_hide_flagged_comment")
def hide_flagged_comment(sender, instance, **kwargs):
    comment_moderation_hide(comment=instance)


@receiver(content_restored, sender=XtdComment, dispatch_uid="community_restore_kept_comment")
def restore_kept_comment(sender, instance, **kwargs):
    comment_moderation_restore(comment=instance)


@receiver(content_removed, sender=User, dispatch_uid="community_remove_moderated_profile")
def remove_moderated_profile(sender, instance, reason="", **kwargs):
    profile_moderation_remove(user=instance)


@receiver(post_save, sender=XtdComment, dispatch_uid="community_thread_comment_saved")
@receiver(post_delete, sender=XtdComment, dispatch_uid="community_thread_comment_deleted")
def comment_saved(sender, instance, **kwargs):
    comment_thread_changed(comment=instance)


@receiver(post_save, sender=CommentFlag, dispatch_uid="community_thread_like_saved")
@receiver(post_delete, sender=CommentFlag, dispatch_uid="community_thread_like_deleted")
def comment_flag_saved(sender, instance, **kwargs):
    """Likes show as counts in the thread."""
    comment = XtdComment.norel_objects.filter(pk=instance.comment_id).only("content_type_id", "object_pk").first()
    if comment is not None:
        comment_thread_changed(comment=comment)
