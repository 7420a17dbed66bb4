from django.urls import path

from . import documents, saved_views, views

app_name = "candidates"

urlpatterns = [
    path("", views.candidate_space, name="space"),
    path("profile/", views.profile, name="profile"),
    path(
        "profile/experience/add/",
        views.entry_edit,
        {"kind": "experience"},
        name="experience_add",
    ),
    path(
        "profile/experience/<int:pk>/",
        views.entry_edit,
        {"kind": "experience"},
        name="experience_edit",
    ),
    path(
        "profile/experience/<int:pk>/remove/",
        views.entry_remove,
        {"kind": "experience"},
        name="experience_remove",
    ),
    path(
        "profile/education/add/",
        views.entry_edit,
        {"kind": "education"},
        name="education_add",
    ),
    path(
        "profile/education/<int:pk>/",
        views.entry_edit,
        {"kind": "education"},
        name="education_edit",
    ),
    path(
        "profile/education/<int:pk>/remove/",
        views.entry_remove,
        {"kind": "education"},
        name="education_remove",
    ),
    path("documents/", documents.document_list, name="documents"),
    path("documents/<int:pk>/", documents.document_edit, name="document_edit"),
    path(
        "documents/<int:pk>/delete/", documents.document_delete, name="document_delete"
    ),
    path(
        "documents/<int:pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path("saved/", saved_views.saved_offer_list, name="saved_offers"),
    path("saved/<int:pk>/save/", saved_views.save, name="save_offer"),
    path("saved/<int:pk>/remove/", saved_views.remove, name="remove_saved_offer"),
    path("parameters/", views.parameters, name="parameters"),
    path("parameters/username/", views.change_username, name="change_username"),
    path("parameters/language/", views.change_language, name="change_language"),
]
