from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .i18n import LocalizedPageLinkHandler
from .models import ContactPage

VIEW_CONTACT_SUBMISSIONS = "home.view_contact_submissions"


@hooks.register("insert_global_admin_css")
def error_summary_css() -> str:
    """The site's form error summary, used by the forms of our admin views."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("filter_form_submissions_for_user")
def contact_submissions_for_hr(user, editable_forms):
    """The contact page's messages (names, addresses) are for HR: editing the page
    is not enough to list or export them in "Forms", which Wagtail then leaves
    out of the menu when no form remains."""
    if user.is_active and user.has_perm(VIEW_CONTACT_SUBMISSIONS):
        return editable_forms
    return editable_forms.not_type(ContactPage)


@hooks.register("register_permissions")
def register_contact_permissions():
    """Lets administrators grant the reading of contact messages in the admin."""
    return Permission.objects.filter(
        content_type__app_label="home", codename="view_contact_submissions"
    )


# After Wagtail's own registration of the "page" link type, which this replaces.
@hooks.register("register_rich_text_features", order=10)
def localized_page_links(features) -> None:
    """Page links in rich text lead to the page in the reader's language, with
    a fixed number of queries (home/i18n.py)."""
    features.register_link_type(LocalizedPageLinkHandler)
