"""Counts the days a member visits (a trust level input) with at most one write per member per day."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone


class VisitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            today = timezone.localdate()
            # The cache answers every later request of the day; the database only sees the first.
            if cache.add(f"visit:{user.pk}:{today.isoformat()}", 1, 60 * 60 * 26):
                from community.services import visit_record

                visit_record(user=user)
        return response
