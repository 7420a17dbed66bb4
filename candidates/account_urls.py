"""What allauth lacks, beside its own URLs under /account/."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    # Before allauth's own "email/": the same page, with one more message.
    path("email/", views.EmailView.as_view(), name="email"),
    path("forgot-username/", views.forgot_username, name="forgot_username"),
    path(
        "forgot-username/sent/",
        views.forgot_username_done,
        name="forgot_username_done",
    ),
]
