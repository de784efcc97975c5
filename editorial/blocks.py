from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("heading"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("text"))
    link_text = blocks.CharBlock(required=False, max_length=40, label=_("button text"))
    link_url = blocks.CharBlock(required=False, max_length=200, label=_("button link"))

    class Meta:
        icon = "title"
        label = _("Hero")
        template = "editorial/blocks/hero.html"
