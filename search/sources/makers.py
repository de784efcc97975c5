from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile
from designs.models import PUBLIC_STATES
from search.sources import IndexEntry, Schedule, SearchSource
from search.sources.designs import rendition_urls


def maker_url(handle: str) -> str:
    try:
        return reverse("makers:detail", kwargs={"handle": handle})
    except NoReverseMatch:
        return f"/makers/{handle}/"


class MakerSource(SearchSource):
    kind = "maker"
    label = _("Makers")

    @property
    def model(self):
        return get_user_model()

    def queryset(self) -> QuerySet:
        public = Q(designs__state__in=PUBLIC_STATES, designs__moderation_removed=False)
        return (
            get_user_model()
            .objects.filter(is_active=True, profile__is_maker=True)
            .select_related("profile")
            .annotate(public_designs=Count("designs", filter=public))
            .order_by("pk")
        )

    def serialize_many(self, users) -> list[IndexEntry]:
        users = list(users)
        avatars = rendition_urls(u.profile.avatar_id for u in users)
        return [self._entry(u, avatars.get(u.profile.avatar_id, "")) for u in users]

    def serialize(self, user) -> IndexEntry:
        return self.serialize_many([user])[0]

    def _entry(self, user, avatar: str) -> IndexEntry:
        profile = user.profile
        return IndexEntry(
            kind=self.kind,
            object_id=user.pk,
            title=user.public_name,
            url=maker_url(user.handle),
            body=profile.bio,
            subtitle=" · ".join(p for p in (f"@{user.handle}", profile.location) if p),
            crowd_score=float(getattr(user, "public_designs", 0)),
            published_at=profile.created_at,
            image_url=avatar,
        )

    def connect(self, schedule: Schedule) -> None:
        def user_saved(sender, instance, **kwargs):
            if not kwargs.get("raw"):
                schedule(self.kind, instance.pk)

        def profile_saved(sender, instance, **kwargs):
            if not kwargs.get("raw"):
                schedule(self.kind, instance.user_id)

        post_save.connect(user_saved, sender=get_user_model(), weak=False, dispatch_uid="search-maker-user")
        post_delete.connect(user_saved, sender=get_user_model(), weak=False, dispatch_uid="search-maker-user-delete")
        post_save.connect(profile_saved, sender=Profile, weak=False, dispatch_uid="search-maker-profile")
