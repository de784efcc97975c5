"""A database that community's migrations built (main before the split) migrates forward with its rows.

User and Profile moved to accounts, the notification models to notifications, with state-only
migrations: the tables keep their names. Such a database differs from a fresh one only in the
migrations it has recorded and in the app label of the moved models' content types. The test puts
both back the way they were before the split, with rows in every moved table, runs `migrate`, and
checks that the rows, the content types (and what points at them) and the permissions are intact.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from accounts.models import Profile, User
from community.models import CaseStatus, Flag, FlagReason, ModerationCase
from makers.models import Brand
from notifications.models import Notification, NotificationPreference, PushSubscription
from tests.factories.accounts import UserFactory
from tests.factories.designs import wagtail_image

MOVES = {
    "accounts": ("user", "profile"),
    "notifications": ("notification", "notificationpreference", "pushsubscription"),
}
ADDED_BY_THE_SPLIT = [
    ("accounts", "0001_initial"),
    ("accounts", "0002_profile"),
    ("community", "0008_user_and_profile_to_accounts"),
    ("community", "0009_notifications_to_notifications_app"),
    ("notifications", "0001_initial"),
]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _content_type_cache_as_before():
    """`migrate` empties the content type cache; refill it so that restoring the migrated data for
    the next test (save signals look content types up) finds every row instead of adding one."""
    yield
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


def _profile_banner_as_before() -> None:
    """Before the split the profile had its banner column (community.0007); makers.0009 moved the
    banners to the brand and accounts.0003 dropped it, so both are not applied on such a database."""
    state = MigrationExecutor(connection).loader.project_state(("accounts", "0002_profile"), at_end=True)
    profile = state.apps.get_model("accounts", "Profile")
    with connection.schema_editor() as editor:
        editor.add_field(profile, profile._meta.get_field("banner"))
    MigrationRecorder.Migration.objects.filter(app="makers", name="0009_brand_banner_from_profile").delete()


def _as_before_the_split() -> None:
    _profile_banner_as_before()
    MigrationRecorder.Migration.objects.filter(app__in=["accounts", "notifications"]).delete()
    MigrationRecorder.Migration.objects.filter(
        app="community", name__in=[name for app, name in ADDED_BY_THE_SPLIT if app == "community"]
    ).delete()
    for app_label, models in MOVES.items():
        ContentType.objects.filter(app_label=app_label, model__in=models).update(app_label="community")
    ContentType.objects.clear_cache()


def test_the_split_changes_no_table():
    """Every migration of the split is state only: it writes no SQL but the content type relabel."""
    loader = MigrationExecutor(connection).loader
    for key in ADDED_BY_THE_SPLIT:
        migration = loader.graph.nodes[key]
        state = loader.project_state(key, at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            migration.apply(state, editor, collect_sql=True)
        statements = [sql for sql in editor.collected_sql if not sql.startswith("--")]
        assert statements == [], (migration, statements)


def test_a_database_from_before_the_split_migrates_forward_with_every_row():
    member = UserFactory(handle="kept-member", display_name="Kept")
    moderator = UserFactory(handle="kept-moderator")
    Profile.objects.filter(user=member).update(bio="Still here", trust_level=2, language="de")
    editors = Group.objects.create(name="Kept editors")
    member.groups.add(editors)
    change_user = Permission.objects.get(codename="change_user", content_type__app_label="accounts")
    member.user_permissions.add(change_user)
    note = Notification.objects.create(recipient=member, kind="other", title="Before the split")
    NotificationPreference.objects.create(user=member, kind="design", delivery="digest")
    PushSubscription.objects.create(user=member, endpoint="https://push.example/1", p256dh="k", auth="a")
    user_type = ContentType.objects.get_for_model(User)
    case = ModerationCase.objects.create(
        content_type=user_type, object_id=member.pk, author=member, summary="A profile", status=CaseStatus.OPEN
    )
    Flag.objects.create(
        content_type=user_type, object_id=member.pk, flagger=moderator, reason=FlagReason.SPAM, weight=1
    )
    type_ids = {
        model: ContentType.objects.get(app_label=app_label, model=model).pk
        for app_label, models in MOVES.items()
        for model in models
    }

    banner = wagtail_image()
    _as_before_the_split()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE community_profile SET banner_id = %s WHERE user_id = %s", [banner.pk, member.pk])
    recorded = MigrationRecorder.Migration.objects.filter(app="community").values_list("name", flat=True)
    assert sorted(recorded)[-1] == "0007_profile_banner_language"
    assert ContentType.objects.get(pk=type_ids["user"]).app_label == "community"

    call_command("migrate", verbosity=0)

    applied = MigrationRecorder(connection).applied_migrations()
    assert all(key in applied for key in ADDED_BY_THE_SPLIT)
    ContentType.objects.clear_cache()
    for app_label, models in MOVES.items():
        for model in models:
            content_type = ContentType.objects.get(pk=type_ids[model])
            assert (content_type.app_label, content_type.model) == (app_label, model)
    member = User.objects.get(pk=member.pk)
    assert (member.handle, member.display_name) == ("kept-member", "Kept")
    assert member.check_password("a-long-test-password-1")
    assert (member.profile.bio, member.profile.trust_level, member.profile.language) == ("Still here", 2, "de")
    assert list(member.groups.values_list("name", flat=True)) == ["Kept editors"]
    assert member.has_perm("accounts.change_user")
    assert Notification.objects.get(pk=note.pk).title == "Before the split"
    assert member.notification_preferences.get().delivery == "digest"
    assert member.push_subscriptions.count() == 1
    case.refresh_from_db()
    assert case.target == member
    assert ContentType.objects.get_for_model(User).pk == type_ids["user"]
    assert Flag.objects.get(object_id=member.pk).target == member
    assert Brand.objects.get(maker=member).banner_id == banner.pk  # the storefront banner moved to the brand


def test_makemigrations_check_works_on_a_database_from_before_the_split():
    """Developers run `makemigrations --check` before committing, perhaps before migrating."""
    _as_before_the_split()
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
    assert ("accounts", "0001_initial") in MigrationRecorder(connection).applied_migrations()
    call_command("migrate", verbosity=0)
    assert all(key in MigrationRecorder(connection).applied_migrations() for key in ADDED_BY_THE_SPLIT)


def test_migrate_leaves_a_fresh_or_migrated_database_alone():
    before = MigrationRecorder.Migration.objects.count()
    call_command("migrate", verbosity=0)
    assert MigrationRecorder.Migration.objects.count() == before
