"""The ``cdata`` filter of the job-board feed (``offers/job_board_feed.xml``)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from offers.job_board import xml_text

register = template.Library()


@register.filter
def cdata(value: object) -> SafeString:
    """``value`` as an XML CDATA section, whatever it holds: a ``]]>`` inside
    ends one section and opens the next, and characters XML forbids are left
    out."""
    text = xml_text("" if value is None else value).replace("]]>", "]]]]><![CDATA[>")
    return mark_safe(f"<![CDATA[{text}]]>")  # noqa: S308 - its content is inert
