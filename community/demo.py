"""Demo accounts for development. Never run against production data."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User

DEMO_PASSWORD = "commonmade"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    handle: str
    display_name: str
    role: str
    superuser: bool = False
    groups: tuple[str, ...] = ()


DEMO_ACCOUNTS = (
    DemoAccount("admin@example.com", "admin-demo", "Ada Admin", "superuser", superuser=True),
    DemoAccount(
        "editor@example.com", "editor-demo", "Eddie Editor", "Wagtail editor", groups=("Editors", "Moderators")
    ),
    DemoAccount(
        "shop@example.com", "shop-demo", "Fran Fulfilment", "fulfilment staff (admin: Orders)", groups=("Fulfilment",)
    ),
    DemoAccount("maker@example.com", "mira-makes", "Mira Maker", "maker"),
    DemoAccount("maker2@example.com", "theo-prints", "Theo Prints", "maker"),
    DemoAccount("member@example.com", "sam-member", "Sam Member", "community member"),
)


def seed_accounts() -> dict[str, User]:
    """Create or refresh the demo accounts; returns them by email."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=account.email).first()
        if user is None:
            user = User(email=account.email, handle=account.handle)
        user.display_name = account.display_name
        user.is_superuser = account.superuser
        user.is_staff = account.superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        for group_name in account.groups:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        users[account.email] = user
    return users


SPAM_HANDLE = "cheap-deals-demo"
REMOVAL_REASON = "Advertising for an outside shop (demo)."


def _demo_design(maker: User, title: str, slug: str):
    """A demo design to talk about. Looked up by app label: the community app does not import designs."""
    from django.apps import apps
    from django.utils import timezone

    design_model = apps.get_model("designs", "Design")
    category_model = apps.get_model("designs", "Category")
    design = design_model.objects.filter(slug=slug).first() or design_model.objects.filter(maker=maker).first()
    if design is None:
        now = timezone.now()
        design = design_model.objects.create(
            maker=maker,
            title=title,
            slug=slug,
            description="A night owl in two inks. *Demo design.*",
            category=category_model.objects.get(slug="poster"),
            rights_confirmed=True,
            state="approved",
            approved_at=now,
            voting_starts_at=now,
            voting_ends_at=now + timezone.timedelta(days=7),
        )
    return design


def seed_community() -> None:
    """Comments with a maker reply, a follow, notifications, a removed comment in the public log."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import XtdComment

    from accounts.models import Profile
    from accounts.services import profile_for
    from community import services
    from community.models import CaseStatus, Flag, FlagReason, ModerationCase

    users = {account.email: User.objects.get(email__iexact=account.email) for account in DEMO_ACCOUNTS}
    member, maker, maker2 = users["member@example.com"], users["maker@example.com"], users["maker2@example.com"]
    admin, editor = users["admin@example.com"], users["editor@example.com"]

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="moderate_content", content_type__app_label="community"))

    spammer = User.objects.filter(handle=SPAM_HANDLE).first()
    if spammer is None:
        spammer = User.objects.create_user(email="cheap-deals@example.com", handle=SPAM_HANDLE, password=None)
        spammer.set_unusable_password()
        spammer.save()
    EmailAddress.objects.update_or_create(user=spammer, email=spammer.email, defaults={"verified": True})
    # Demo members have visited enough to comment with links and to flag (trust level 1).
    for user in (member, maker, maker2, admin, spammer):
        profile_for(user=user)
        Profile.objects.filter(user=user, trust_level__lt=1).update(trust_level=1, days_visited=2)
    Profile.objects.filter(user__in=[maker, maker2]).update(is_maker=True)

    design = _demo_design(maker, "Night Owl", "night-owl-demo")
    comment_type = ContentType.objects.get_for_model(XtdComment)
    comments = XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(design), object_pk=str(design.pk)
    )

    if not comments.filter(user=member).exists():
        question = services.comment_post(
            author=member,
            target=design,
            text="Love the **two inks**! Will there be a version on a dark shirt?",
            followup=True,
        )
        services.comment_post(
            author=maker,
            target=design,
            text="Thank you! Yes: if it wins the vote, a navy shirt is the plan.",
            parent=question,
        )
        services.comment_post(author=maker2, target=design, text="The owl's eyes are *perfect*.")

    services.follow(follower=member, maker=maker)
    services.activity_record(actor=maker, verb="published", target=design)

    if not ModerationCase.objects.filter(content_type=comment_type, status=CaseStatus.REMOVED).exists():
        spam = comments.filter(user=spammer).first() or services.comment_post(
            author=spammer, target=design, text="Cheap posters at https://cheap-deals.example !!!"
        )
        for flagger in (member, maker2, admin):
            if not Flag.objects.filter(content_type=comment_type, object_id=spam.pk, flagger=flagger).exists():
                services.flag_create(flagger=flagger, target=spam, reason=FlagReason.SPAM)
        case = ModerationCase.objects.get(content_type=comment_type, object_id=spam.pk)
        services.moderation_remove(case=case, moderator=editor, reason=REMOVAL_REASON)
