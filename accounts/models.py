"""Members: the custom User model (email login, unique public handle) and the public Profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

handle_validator = RegexValidator(
    r"^[a-zA-Z0-9](?:[a-zA-Z0-9_-]{1,28}[a-zA-Z0-9])$",
    _("A handle has 3 to 30 letters, digits, hyphens or underscores and starts and ends with a letter or digit."),
)

RESERVED_HANDLES = frozenset(
    {"admin", "editor", "staff", "support", "commonmade", "moderation", "settings", "api", "root", "system"}
)


class CommonmadeUserManager(UserManager):
    """Email is the login; the handle is the public name."""

    use_in_migrations = True

    def _create_user_object(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email)
        extra_fields.setdefault("handle", email.split("@")[0])
        user = self.model(email=email, **extra_fields)
        user.password = ""
        user.set_password(password)
        return user

    def _create_user(self, email, password, **extra_fields):
        user = self._create_user_object(email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields.get("is_staff") is not True or extra_fields.get("is_superuser") is not True:
            raise ValueError("A superuser needs is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    handle = models.CharField(
        _("handle"),
        max_length=30,
        unique=True,
        validators=[handle_validator],
        help_text=_("Your public name on Commonmade, shown on your designs and comments."),
    )
    display_name = models.CharField(_("display name"), max_length=80, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["handle"]

    objects = CommonmadeUserManager()

    class Meta:
        # The tables keep the names they had when community owned these models (no data moves).
        db_table = "community_user"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="community_user_handle_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="community_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.handle

    @property
    def is_deleted(self) -> bool:
        """An account its member deleted (accounts/privacy.py): the row stays, anonymised."""
        return not self.is_active and self.handle.startswith("deleted-")

    @property
    def public_name(self) -> str:
        if self.is_deleted:
            return gettext("Deleted member")
        return self.display_name or self.handle

    def get_full_name(self) -> str:
        return self.public_name

    def get_short_name(self) -> str:
        return self.handle


class Profile(models.Model):
    """What a member shows publicly; makers use it as their storefront header.

    The storefront's banner and colours are the maker's brand (makers.models.Brand), not the profile's.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField(_("bio"), blank=True, max_length=2000, help_text=_("Markdown: *italic*, **bold**, links."))
    avatar = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avatar"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the site, your notifications and emails."),
    )
    location = models.CharField(_("location"), max_length=80, blank=True)
    website = models.URLField(_("website"), blank=True)
    instagram = models.CharField(_("Instagram handle"), max_length=40, blank=True)
    is_maker = models.BooleanField(
        _("maker"), default=False, help_text=_("Set when the member submits a first design.")
    )
    # Trust: counters other apps feed through community.services.trust_record(); see docs/trust-levels.md.
    trust_level = models.PositiveSmallIntegerField(_("trust level"), default=0)
    days_visited = models.PositiveIntegerField(_("days visited"), default=0)
    last_visit_on = models.DateField(_("last visit"), null=True, blank=True)
    votes_cast = models.PositiveIntegerField(_("votes cast"), default=0)
    purchases = models.PositiveIntegerField(_("purchases"), default=0)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "community_profile"
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"Profile of {self.user}"
