"""What allauth lacks, beside its own URLs under /account/."""

from django.urls import path, re_path

from . import views
from .verification import LinkConfirmEmailView

app_name = "accounts"

urlpatterns = [
    path("forgot-username/", views.forgot_username, name="forgot_username"),
    # Verification links e-mailed before codes (allauth drops the URL with codes).
    re_path(
        r"^confirm-email/(?P<key>[-:\w]+)/$",
        LinkConfirmEmailView.as_view(),
        name="confirm_email",
    ),
    path(
        "forgot-username/sent/",
        views.forgot_username_done,
        name="forgot_username_done",
    ),
]
