"""Demo accounts for development. Never run against production data."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from community.models import User

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
