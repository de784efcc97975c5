"""Cached template fragments that are dropped together with the page cache (core/pagecache.py).

    {% load cache fragments %}{% fragment_cache_key as fc %}
    {% cache fc.seconds "home-body" fc.generation page.pk LANGUAGE_CODE %} ... {% endcache %}

Only for fragments that look the same to everyone (no member's data inside).

Card grids are keyed by the versions of their cards (core/fragcache.py):

    {% card_grid designs "designs/includes/design_card.html" "design" %}

renders the template once per item (as `design`) and caches the HTML under each item's
`fragment_version()` (a design's `updated_at`, its card facts, its maker's name...), so a changed
card shows on the next render.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from core import fragcache
from core.pagecache import generation

register = template.Library()


@register.simple_tag
def fragment_cache_key() -> dict:
    seconds = settings.FRAGMENT_CACHE_SECONDS
    return {"seconds": seconds, "generation": generation() if seconds else 0}


def item_version(item) -> tuple:
    """What a cached card of `item` depends on, beside the generation, language and time zone."""
    version = getattr(item, "fragment_version", None)
    if version is not None:
        return (item._meta.label, *version())
    return (item._meta.label, item.pk)


@register.simple_tag(takes_context=True)
def card_grid(context, items, template_name: str, as_name: str) -> SafeString:
    """The cards of `items`, each `template_name` rendered with the item as `as_name`, cached as one
    piece of HTML keyed by every card's version. The cards must show nobody's own data."""
    items = list(items)

    def render() -> str:
        tmpl = context.template.engine.get_template(template_name)
        html = []
        for item in items:
            with context.push({as_name: item}):
                html.append(tmpl.render(context))
        return "".join(html)

    parts = (template_name, *(item_version(item) for item in items))
    return mark_safe(fragcache.cached("cards", parts, render))  # noqa: S308 (rendered, autoescaped templates)


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context) -> str:
        name, *parts = (part.resolve(context) for part in self.parts)
        return fragcache.cached(f"tpl:{name}", parts, lambda: self.nodelist.render(context))


@register.tag("fragment")
def do_fragment(parser, token):
    """{% fragment "name" version... %}...{% endfragment %}: the enclosed HTML, cached for everyone under
    the versions given (core/fragcache.py). Nothing of the viewer's own may be inside."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits])
