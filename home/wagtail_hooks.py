from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def error_summary_css() -> str:
    """The site's form error summary, used by the forms of our admin views."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
