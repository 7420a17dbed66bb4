"""The data rights, in the candidate space's "My parameters" (under /me/)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("parameters/data/", views.export_data, name="export_data"),
    path("parameters/delete/", views.delete_account, name="delete_account"),
    path(
        "parameters/delete/done/",
        views.account_deleted,
        name="account_deleted",
    ),
    path("parameters/agreement/", views.renew_consent, name="renew_consent"),
    path(
        "parameters/agreement/versions/<int:pk>/",
        views.consent_version,
        name="consent_version",
    ),
    path("parameters/consents/", views.optional_consents, name="optional_consents"),
]
