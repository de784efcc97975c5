# The storefront banner had two homes: Profile.banner (set from /makers/settings/) and Brand.banner
# (set from /makers/brand/). The brand is now its only owner. Every profile banner moves to the
# maker's brand, which is created if the maker has none; a brand that has a banner of its own keeps
# it (the storefront showed the brand's banner first). The image's own description, if it has one,
# becomes the banner description when the brand has none. accounts.0003 then removes Profile.banner,
# so this migration runs before it.

from django.db import migrations


def profile_banners_to_brands(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    Brand = apps.get_model("makers", "Brand")
    db = schema_editor.connection.alias
    profiles = Profile.objects.using(db).filter(banner__isnull=False).select_related("banner").order_by("pk")
    for profile in profiles.iterator(chunk_size=500):
        brand, _created = Brand.objects.using(db).get_or_create(maker_id=profile.user_id)
        if brand.banner_id is not None:
            continue
        brand.banner_id = profile.banner_id
        if not brand.banner_alt:
            brand.banner_alt = (getattr(profile.banner, "description", "") or "")[:200]
        brand.save(update_fields=["banner", "banner_alt", "updated_at"])


def brand_banners_to_profiles(apps, schema_editor):
    """Backwards: a profile without a banner gets its brand's, as the storefront settings showed it."""
    Profile = apps.get_model("accounts", "Profile")
    Brand = apps.get_model("makers", "Brand")
    db = schema_editor.connection.alias
    brands = Brand.objects.using(db).filter(banner__isnull=False).order_by("pk")
    for maker_id, banner_id in brands.values_list("maker_id", "banner_id").iterator(chunk_size=500):
        Profile.objects.using(db).filter(user_id=maker_id, banner__isnull=True).update(banner_id=banner_id)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_profile"),
        ("makers", "0008_brand_and_collections"),
    ]
    run_before = [
        ("accounts", "0003_remove_profile_banner"),
    ]

    operations = [
        migrations.RunPython(profile_banners_to_brands, brand_banners_to_profiles, elidable=False),
    ]
