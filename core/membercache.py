"""Small per-member values (the header's cart and notification counts) kept in the cache.

Every page a member sees shows how many items are in their cart and how many notifications are
unread. Counting them costs a query each on every page; the counts change far less often than
pages are viewed. `member_value` keeps such a value under a key that names the member, so one
member's value is never read for another; the code that changes what the value counts calls
`member_value_drop` (now, and again after the transaction commits, so a request that read the old
rows in between cannot leave a stale value behind). A value also expires on its own after
MEMBER_CACHE_SECONDS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _key(name: str, user_id: int) -> str:
    return f"member:{name}:{int(user_id)}"


def member_value(name: str, user_id: int, compute: Callable[[], T]) -> T:
    """The member's cached `name`, computed (and stored) when missing; the cache away: computed."""
    seconds = settings.MEMBER_CACHE_SECONDS
    if not seconds:
        return compute()
    key = _key(name, user_id)
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - cache away: count directly
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("member cache: could not store %s", key, exc_info=True)
    return value


def _delete(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 - the value expires on its own
        logger.warning("member cache: could not drop %s", key, exc_info=True)


def member_value_drop(name: str, user_id: int | None) -> None:
    """Forget the member's `name`: now, and again once the current transaction commits."""
    if user_id is None:
        return
    key = _key(name, user_id)
    _delete(key)
    transaction.on_commit(lambda: _delete(key))
