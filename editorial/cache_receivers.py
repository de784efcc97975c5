"""What empties the anonymous page cache (core/pagecache.py): content that pages show changed.

Editorial sits on top of every app, so it can listen to all of them. Vote counts are not here on
purpose: anonymous pages show them at most PAGE_CACHE_SECONDS old.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from community.signals import content_hidden, content_removed, content_restored
from core.pagecache import invalidate
from designs.signals import design_state_changed
from shop.signals import product_status_changed, stock_changed


def _after_commit(**_kwargs) -> None:
    # Now (this process may render next) and again after the commit (a parallel request may have
    # stored a page built from the data before the change in between).
    invalidate()
    transaction.on_commit(invalidate)


def connect() -> None:
    for label in settings.PAGE_CACHE_INVALIDATED_BY:
        model = apps.get_model(label)
        post_save.connect(_after_commit, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_after_commit, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    for signal in (
        page_published,
        page_unpublished,
        content_hidden,
        content_removed,
        content_restored,
        design_state_changed,
        product_status_changed,
        stock_changed,
        m2m_changed,
    ):
        signal.connect(_after_commit, dispatch_uid=f"pagecache-{id(signal)}")
