"""Which design images are private: those of designs that are not public (core.media asks)."""

from __future__ import annotations

from designs.models import DesignImage


def design_image_rule(*, image_id: int, user) -> bool | None:
    designs = [row.design for row in DesignImage.objects.filter(image_id=image_id).select_related("design")]
    if not designs:
        return None
    if user.is_authenticated:
        from designs.services import is_editor

        if is_editor(user) or any(design.maker_id == user.pk for design in designs):
            return True
    if any(design.is_public for design in designs):
        return None
    return False


def is_unguessable(name: str) -> bool:
    stem = name.rsplit("/", 1)[-1].split(".", 1)[0]
    return len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)


def rename_design_originals(*, image_model, rendition_model, design_image_model, storage) -> int:
    """Give every design image an unguessable file name; drop its renditions (made again on use).

    Takes the models as arguments so that the data migration can pass its historical ones.
    Returns how many files were renamed; a second run renames nothing.
    """
    import secrets

    from django.core.files.base import ContentFile

    image_ids = design_image_model.objects.values_list("image_id", flat=True)
    renamed = 0
    for image in image_model.objects.filter(pk__in=image_ids).order_by("pk"):
        old = image.file.name
        if not old or is_unguessable(old):
            continue
        extension = old.rsplit(".", 1)[-1].lower() if "." in old else "jpg"
        try:
            with storage.open(old) as handle:
                content = handle.read()
        except FileNotFoundError:
            continue
        new = storage.save(f"original_images/{secrets.token_hex(16)}.{extension}", ContentFile(content))
        image_model.objects.filter(pk=image.pk).update(file=new)
        for rendition in rendition_model.objects.filter(image_id=image.pk):
            if rendition.file.name:
                storage.delete(rendition.file.name)
            rendition.delete()
        storage.delete(old)
        renamed += 1
    return renamed
