"""Fields that higher apps add to the design submit form, without designs importing them.

A higher app registers a Wagtail hook "design_form_extension" returning an object with

    fields(*, user, initial: dict) -> dict[str, forms.Field]
    after_save(*, design, actor, cleaned_data) -> list[tuple[int, str]]   # (messages level, text)

The voting app uses it to let a maker enter the new design into an open challenge.
"""

from __future__ import annotations

from typing import Any, Protocol

from wagtail import hooks

HOOK = "design_form_extension"


class DesignFormExtension(Protocol):
    def fields(self, *, user, initial: dict) -> dict[str, Any]: ...

    def after_save(self, *, design, actor, cleaned_data: dict) -> list[tuple[int, str]]: ...


def extensions() -> list[DesignFormExtension]:
    return [factory() for factory in hooks.get_hooks(HOOK)]


CARD_FACTS_HOOK = "design_card_facts"


def attach_card_facts(designs) -> list:
    """Give each design a `card_facts` line from the higher apps (e.g. voting's score and time left).

    A hook "design_card_facts" takes the list of designs and returns {design id: safe HTML}; one call per
    hook for the whole list, so the number of queries does not grow with the number of cards.
    """
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    designs = list(designs)
    parts: dict[int, list[str]] = {design.pk: [] for design in designs}
    for hook in hooks.get_hooks(CARD_FACTS_HOOK):
        for pk, html in (hook(designs) or {}).items():
            if pk in parts and html:
                parts[pk].append(html)
    for design in designs:
        design.card_facts = format_html_join(" ", "{}", ((mark_safe(h),) for h in parts[design.pk]))  # noqa: S308
    return designs
