from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("offers/<slug:slug>/apply/", views.apply, name="apply"),
    path("apply/speculative/", views.speculative, name="speculative"),
    # Served here, named candidates:applications too: the candidate space's entry.
    path("me/applications/", views.application_list, name="list"),
    path("me/applications/<int:pk>/", views.application_detail, name="detail"),
    path("me/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
