"""Cross-app panels: a page of a lower app names a slot, higher apps register what goes in it.

The design page (designs) shows voting's and the shop's panels, the member page (community)
shows the shop's reviews, the account page links to the shop's orders: the lower app's
template only says ``{% panels "design.detail" %}``, never a higher app's template name.
An app registers its panels in its AppConfig.ready():

    from core.panels import register_panel
    register_panel("design.detail", "voting/design_panel.html", order=10)

The panel's template renders with the page's context.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    order: int = 100


_registry: dict[str, list[Panel]] = {}


def register_panel(slot: str, template: str, *, order: int = 100) -> Panel:
    """Add a panel to a slot; registering the same template twice (a reloaded app) keeps one."""
    panel = Panel(slot=slot, template=template, order=order)
    panels = [p for p in _registry.get(slot, []) if p.template != template]
    _registry[slot] = sorted([*panels, panel], key=lambda p: (p.order, p.template))
    return panel


def panels_for(slot: str) -> list[Panel]:
    return list(_registry.get(slot, []))
